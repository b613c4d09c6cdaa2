"""Beams: simply supported and cantilever, point or uniform load, with closed-form results.

Maximum moment and deflection per AISC Steel Construction Manual Table 3-23 (cases 1, 7, 22, 24),
the same as Roark's Formulas for Stress and Strain, 8th ed., Table 8.1:

| support / load              | M_max   | δ_max           |
| simply supported, mid point | P·L/4   | P·L³/(48·E·I)   |
| simply supported, uniform   | w·L²/8  | 5·w·L⁴/(384·E·I)|
| cantilever, tip point       | P·L     | P·L³/(3·E·I)    |
| cantilever, uniform         | w·L²/2  | w·L⁴/(8·E·I)    |

Bending stress σ = M / W (elastic section modulus). Small deflections, linear elastic material,
prismatic member, self-weight not included unless it is part of the load.
"""

from __future__ import annotations

from enum import Enum

import pint

from workbench.checks._common import _compare, _imperial, _positive, _q, _require, _words
from workbench.checks.result import CheckResult
from workbench.checks.sections import Section
from workbench.i18n import N_
from workbench.errors import UnitError

_REFERENCE = "AISC Steel Construction Manual Table 3-23; Roark's Formulas, 8th ed., Table 8.1"


class Support(str, Enum):
    """How the beam is held: on two supports, or built in at one end."""

    SIMPLY_SUPPORTED = N_("simply supported")
    CANTILEVER = N_("cantilever")


class Loading(str, Enum):
    """Point load (at mid-span, or at the tip of a cantilever) or load spread evenly."""

    POINT = "point"
    UNIFORM = "uniform"


class DeflectionLimit(Enum):
    """Allowed deflection as a fraction of span, L/n.

    L/180, L/240, L/360: IBC 2018 Table 1604.3 (L/180 roof member without ceiling, L/240 roof
    with a non-plaster ceiling, L/360 floor under live load). SHELF = L/600: 0.02 in. of sag per
    foot of span, the target of the Sagulator (woodbin.com) and of Fine Woodworking, "Sturdy
    Shelves" (Building Furniture, 2007): the eye notices about 1/32 in. per foot, and wood
    creeps about 50 % more over time. For cantilevers the span is taken as twice the length (IBC
    Table 1604.3, footnote for cantilever members).
    """

    L180 = 180
    L240 = 240
    L360 = 360
    SHELF = 600

    @property
    def label(self) -> str:
        """How the limit reads in a message: "the shelf limit (L/600)"."""
        return self.fragment.format(n=self.value)

    @property
    def fragment(self) -> str:
        """`label` as a template fragment naming {n} (the divisor), marked for translation."""
        if self is DeflectionLimit.SHELF:
            return N_("the shelf limit (L/{n})")
        return N_("the limit (L/{n})")


# (moment coefficient, deflection coefficient) on P·L (or w·L²) and P·L³/(E·I) (or w·L⁴/(E·I)).
_CASES: dict[tuple[Support, Loading], tuple[float, float]] = {
    (Support.SIMPLY_SUPPORTED, Loading.POINT): (1 / 4, 1 / 48),
    (Support.SIMPLY_SUPPORTED, Loading.UNIFORM): (1 / 8, 5 / 384),
    (Support.CANTILEVER, Loading.POINT): (1.0, 1 / 3),
    (Support.CANTILEVER, Loading.UNIFORM): (1 / 2, 1 / 8),
}


def _total_load_n(load: pint.Quantity, span_mm: float, loading: Loading) -> float:
    """The load as a total force in newtons (a uniform load may be given per length)."""
    if (
        loading is Loading.UNIFORM
        and isinstance(load, pint.Quantity)
        and (load.dimensionality == _q(1, "N/mm").dimensionality)
    ):
        return float(_require(load, "N/mm", "load").to("N/mm").magnitude) * span_mm
    try:
        return float(_require(load, "N", "load").to("N").magnitude)
    except UnitError:
        if loading is Loading.UNIFORM:
            raise UnitError(
                f"load: {load!r} is not a force or force per length "
                "(e.g. 200 N in total, or 0.5 N/mm)"
            ) from None
        raise


def _case(support: Support | str, loading: Loading | str) -> tuple[Support, Loading]:
    return Support(support), Loading(loading)


def max_moment(
    span: pint.Quantity,
    load: pint.Quantity,
    *,
    support: Support | str = Support.SIMPLY_SUPPORTED,
    loading: Loading | str = Loading.POINT,
) -> pint.Quantity:
    """Largest bending moment (N·m) for the support/loading case; formulas in the module docstring.

    `load` is a force (point load, or total uniform load) or a force per length (uniform).
    """
    sup, lod = _case(support, loading)
    length = _positive(span, "mm", "span")
    total = _total_load_n(load, length, lod)
    return _q(_CASES[sup, lod][0] * total * length / 1000, "N*m")


def max_deflection(
    span: pint.Quantity,
    load: pint.Quantity,
    modulus: pint.Quantity,
    inertia: pint.Quantity,
    *,
    support: Support | str = Support.SIMPLY_SUPPORTED,
    loading: Loading | str = Loading.POINT,
) -> pint.Quantity:
    """Largest deflection (mm): k·W·L³/(E·I) with W the total load and k from the module table."""
    sup, lod = _case(support, loading)
    length = _positive(span, "mm", "span")
    total = _total_load_n(load, length, lod)
    e_mpa = _positive(modulus, "MPa", "modulus")
    i_mm4 = _positive(inertia, "mm**4", "inertia")
    return _q(_CASES[sup, lod][1] * total * length**3 / (e_mpa * i_mm4), "mm")


def bending_stress(moment: pint.Quantity, section_modulus: pint.Quantity) -> pint.Quantity:
    """Extreme-fibre bending stress σ = M / W (MPa), elastic beam theory."""
    m = float(_require(moment, "N*mm", "moment").to("N*mm").magnitude)
    w = _positive(section_modulus, "mm**3", "section_modulus")
    return _q(abs(m) / w, "MPa")


def deflection_limit(
    span: pint.Quantity,
    limit: DeflectionLimit = DeflectionLimit.L360,
    *,
    support: Support | str = Support.SIMPLY_SUPPORTED,
) -> pint.Quantity:
    """Allowed deflection (mm) L/n; a cantilever uses twice its length (IBC Table 1604.3)."""
    length = _positive(span, "mm", "span")
    if Support(support) is Support.CANTILEVER:
        length *= 2
    return _q(length / DeflectionLimit(limit).value, "mm")


def _describe(load: pint.Quantity, sup: Support, lod: Loading, unit: str) -> tuple[str, tuple]:
    """Where the load sits, as a template fragment naming {load}, and the load with its unit."""
    if lod is Loading.POINT:
        where = N_("{load} at the tip") if sup is Support.CANTILEVER else N_("{load} at mid-span")
        return where, (load, unit)
    if load.dimensionality == _q(1, "N").dimensionality:
        return N_("{load} spread along it"), (load, unit)
    return N_("{load} along it"), (load, unit + "/ft" if unit == "lbf" else "N/mm")


def bending_stress_check(
    span: pint.Quantity,
    load: pint.Quantity,
    section: Section,
    allowable_stress: pint.Quantity,
    *,
    support: Support | str = Support.SIMPLY_SUPPORTED,
    loading: Loading | str = Loading.POINT,
    name: str = N_("bending stress"),
) -> CheckResult:
    """Bending stress M_max / W against an allowable (design) stress you supply, in MPa."""
    sup, lod = _case(support, loading)
    allowable = _require(allowable_stress, "MPa", "allowable_stress")
    stress = bending_stress(max_moment(span, load, support=sup, loading=lod), section.W)
    imperial = _imperial(span, load, allowable_stress)
    unit = "psi" if imperial else "MPa"
    where, shown_load = _describe(load, sup, lod, "lbf" if imperial else "N")
    message = _words(
        N_("The {support} beam is stressed to {stress} under {where}; "
           "the material allows {allowable}."),
        support=sup.value, stress=(stress, unit), where=where, load=shown_load,
        allowable=(allowable, unit),
    )
    return _compare(
        name,
        stress.to(unit),
        allowable.to(unit),
        message=message,
        reference=f"σ = M/W; {_REFERENCE}",
        load_bearing=True,
    )


def deflection_check(
    span: pint.Quantity,
    load: pint.Quantity,
    modulus: pint.Quantity,
    section: Section | pint.Quantity,
    *,
    support: Support | str = Support.SIMPLY_SUPPORTED,
    loading: Loading | str = Loading.POINT,
    limit: DeflectionLimit = DeflectionLimit.L360,
    name: str = N_("deflection"),
) -> CheckResult:
    """Largest deflection against L/n (see `DeflectionLimit`); `section` is a Section or an I."""
    sup, lod = _case(support, loading)
    inertia = section.I if isinstance(section, Section) else section
    sag = max_deflection(span, load, modulus, inertia, support=sup, loading=lod)
    allowed = deflection_limit(span, limit, support=sup)
    imperial = _imperial(span, load)
    unit = "inch" if imperial else "mm"
    where, shown_load = _describe(load, sup, lod, "lbf" if imperial else "N")
    message = _words(
        N_("The {support} beam deflects {sag} under {where}; {limit_label} is {allowed}."),
        support=sup.value, sag=(sag, unit), where=where, load=shown_load,
        limit_label=DeflectionLimit(limit).fragment, n=str(DeflectionLimit(limit).value),
        allowed=(allowed, unit),
    )
    reference = f"{_REFERENCE}; limit: " + (
        "Sagulator (woodbin.com) / Fine Woodworking, 0.02 in. per foot"
        if DeflectionLimit(limit) is DeflectionLimit.SHELF
        else "IBC 2018 Table 1604.3"
    )
    return _compare(name, sag.to(unit), allowed.to(unit), message=message, reference=reference)
