"""Plastic parts in service: how hot they get, against the temperature where they soften.

Part temperature = shade air temperature + a solar increment for the surface colour, from
EN 1991-1-5:2003 (Eurocode 1, thermal actions) Table 5.2, summer temperatures of building
surfaces above ground: T_max + T3 (bright light surface, absorptivity 0.5), T_max + T4 (light
coloured, 0.7), T_max + T5 (dark, 0.9), with the recommended values of its Note 2 for elements
facing south-west or lying horizontal: T3 = 18 K, T4 = 30 K, T5 = 42 K (0, 2 and 4 K facing
north-east). National annexes may change them. The part must stay a margin (default 10 K) below
its softening temperature — the glass transition Tg or the heat deflection temperature (HDT,
ISO 75) from the material's data sheet, whichever the data sheet gives for its use.

Creep: under a sustained load a plastic part keeps deflecting. The pseudo-elastic method (Crawford,
Plastics Engineering, 3rd ed., 1998, §2.6 and Example 2.2) uses the ordinary beam formulas with E
replaced by the apparent (creep) modulus for the load's duration and temperature, read from the
material's creep or isochronous curves (e.g. PPI Handbook of PE Pipe, 2nd ed., ch. 3, Table B.1.1
for polyethylene). That modulus is material data: pass it in, never a guess.
"""

from __future__ import annotations

from enum import Enum

import pint

from workbench.checks._common import (
    _clean,
    _compare,
    _imperial,
    _positive,
    _q,
    _require,
    _status,
    _temperature,
    _temperature_difference,
    _words,
)
from workbench.checks.beams import (
    DeflectionLimit,
    Loading,
    Support,
    deflection_limit,
    max_deflection,
)
from workbench.checks.result import CheckResult
from workbench.checks.sections import Section
from workbench.i18n import N_
from workbench.errors import BoundsError

_REFERENCE = "EN 1991-1-5:2003 Table 5.2 (Note 2, south-west/horizontal surfaces)"

PRINTED_STRENGTH_FACTOR = 3.0
"""Design strength of a printed part = datasheet strength / 3: the workbench's chosen margin for
printed plastics under a sustained load (layer adhesion, voids, creep); not from a standard."""


def printed_design_strength(strength: pint.Quantity | None) -> pint.Quantity | None:
    """Datasheet strength / `PRINTED_STRENGTH_FACTOR`, or None when the strength is unknown."""
    return None if strength is None else strength / PRINTED_STRENGTH_FACTOR
DEFAULT_MARGIN = _q(10.0, "K")
"""How far below its softening temperature a part should stay (project choice)."""


class Exposure(Enum):
    """Where the part sits, with its solar temperature increment (EN 1991-1-5 Table 5.2)."""

    SHADE = "shade or indoors"
    SUN_BRIGHT = "in sun, bright white surface"
    SUN_LIGHT = "in sun, light colour"
    SUN_DARK = "in sun, dark colour"

    @classmethod
    def from_choice(cls, key: str) -> "Exposure":
        """The exposure of a design's `exposure` choice (keys of `workbench.choices.EXPOSURE`)."""
        return {"shade": cls.SHADE, "sun-light": cls.SUN_LIGHT, "sun-dark": cls.SUN_DARK}[key]

    @property
    def increment(self) -> pint.Quantity:
        """Solar increment over shade air temperature: 0, T3 = 18, T4 = 30 or T5 = 42 K."""
        return _q(
            {"SHADE": 0.0, "SUN_BRIGHT": 18.0, "SUN_LIGHT": 30.0, "SUN_DARK": 42.0}[self.name], "K"
        )


# The exposures as they open a sentence ("In sun, dark colour at 40 °C air, …"), for extraction.
_EXPOSURE_WORDS = (N_("Shade or indoors"), N_("In sun, bright white surface"),
                   N_("In sun, light colour"), N_("In sun, dark colour"))


def service_temperature(
    air_temperature: pint.Quantity, exposure: Exposure = Exposure.SHADE
) -> pint.Quantity:
    """Part temperature (°C): shade air temperature plus the exposure's solar increment."""
    kelvin = _temperature(air_temperature, "air_temperature")
    return _q(kelvin + Exposure(exposure).increment.to("K").magnitude, "K").to("degC")


def softening_check(
    air_temperature: pint.Quantity,
    softening_temperature: pint.Quantity,
    *,
    exposure: Exposure = Exposure.SHADE,
    margin: pint.Quantity = DEFAULT_MARGIN,
    name: str = N_("heat softening"),
) -> CheckResult:
    """Part temperature in service against (softening temperature − margin).

    Utilisation is the ratio of the two on the Celsius scale (0 °C = no heat load), so a part at
    60 °C against a 70 °C limit is at 0.86. The limit must be above 0 °C.
    """
    exposure = Exposure(exposure)
    part = service_temperature(air_temperature, exposure)
    soft_k = _temperature(softening_temperature, "softening_temperature")
    gap = _temperature_difference(margin, "margin")
    if gap < 0:
        raise BoundsError(f"margin: {margin:~P} must not be negative")
    limit = _q(soft_k - gap, "K").to("degC")
    limit_c = float(limit.magnitude)
    if limit_c <= 0:
        raise BoundsError(
            f"softening_temperature: {softening_temperature:~P} less the margin is not above 0 °C"
        )
    utilisation = float(_clean(part).magnitude) / float(_clean(limit).magnitude)
    status = _status(utilisation)
    unit, d_unit = (
        ("degF", "delta_degF")
        if _imperial(air_temperature, softening_temperature)
        else ("degC", "K")
    )
    words = _words(
        N_("{exposure} at {air} air, the part reaches {part}; it should stay below {limit} "
        "({margin} under its {softening} softening point)."),
        exposure=exposure.value.capitalize(), air=(air_temperature, unit), part=(part, unit),
        limit=(limit, unit), margin=(_q(gap, "K"), d_unit),
        softening=(softening_temperature, unit),
    )
    return CheckResult(
        name, status, utilisation, part.to(unit), limit.to(unit), words.text, _REFERENCE,
        load_bearing=True,
    ).with_words(words.template, words.quantities, words.system)


def softening_temperature(
    hdt: pint.Quantity | None, tg: pint.Quantity | None, *, printed: bool
) -> pint.Quantity | None:
    """The temperature a plastic part must stay below, from its data sheet; None when unknown.

    A moulded or pressed part (sheet, pipe) uses its HDT at 0.45 MPa (ISO 75), else its Tg. A
    printed part uses the lower of the two: a print cools fast and is largely amorphous, and an
    amorphous polymer loses its stiffness at Tg whatever its moulded HDT; a hygroscopic one (nylon)
    takes up water, which lowers its Tg further (NETZSCH Polymers database, PA6: Tg 45–80 °C dry,
    36 °C as received). A semi-crystalline moulded HDT (PA6 200 °C) says nothing about a print.
    """
    for value, name in ((hdt, "hdt"), (tg, "tg")):
        if value is not None:
            _temperature(value, name)
    known = [t for t in (hdt, tg) if t is not None]
    if not known:
        return None
    if printed:
        return min(known, key=lambda t: float(t.to("K").magnitude))
    return hdt if hdt is not None else tg


def heat_softening_check(
    air_temperature: pint.Quantity | None,
    hdt: pint.Quantity | None,
    tg: pint.Quantity | None,
    *,
    printed: bool,
    exposure: Exposure = Exposure.SHADE,
    margin: pint.Quantity = DEFAULT_MARGIN,
    material: str = "the material",
    climate: str = "the climate",
    name: str = N_("heat softening"),
) -> CheckResult:
    """`softening_check` against `softening_temperature`, or a cannot-run result naming the data
    it lacks (the material's HDT and Tg, or the climate's maximum air temperature)."""
    soft = softening_temperature(hdt, tg, printed=printed)
    if soft is None:
        return CheckResult.missing(
            name, N_("heat-deflection temperature for {material} (hdt, or its glass transition "
                     "tg)"), material=material)
    if air_temperature is None:
        return CheckResult.missing(name, N_("maximum temperature for climate {climate} (t_max, "
                                            "the design maximum air temperature)"),
                                   climate=climate)
    res = softening_check(air_temperature, soft, exposure=exposure, margin=margin, name=name)
    which = "Tg" if tg is not None and soft is tg else "HDT"
    why = " (a print: the lower of HDT and Tg)" if printed else ""
    return res.with_reference(f"{res.reference}; softening point = {which}{why}")


_CREEP_REFERENCE = (
    "Pseudo-elastic design with the creep modulus (Crawford, Plastics Engineering, 3rd ed., §2.6, "
    "Example 2.2); δ from AISC Manual Table 3-23 / Roark's Formulas, 8th ed., Table 8.1"
)


def creep_deflection_check(
    span: pint.Quantity,
    load: pint.Quantity,
    creep_modulus: pint.Quantity,
    section: Section | pint.Quantity,
    *,
    support: Support | str = Support.SIMPLY_SUPPORTED,
    loading: Loading | str = Loading.UNIFORM,
    limit: DeflectionLimit | pint.Quantity = DeflectionLimit.L180,
    modulus: pint.Quantity | None = None,
    duration: str = "",
    name: str = N_("creep deflection"),
) -> CheckResult:
    """Deflection (mm) of a plastic beam under a sustained `load` with the apparent modulus
    `creep_modulus` (for the load's duration and temperature) in place of E.

    `limit` is L/n (`DeflectionLimit`, cantilevers on twice their length) or an allowed deflection
    as a length. `section` is a Section or a second moment I. With the short-term `modulus` the
    message also says how far it sags when first loaded; `duration` (e.g. "50 years at 23 °C")
    names what the creep modulus is for.
    """
    sup, lod = Support(support), Loading(loading)
    e_creep = _q(_positive(creep_modulus, "MPa", "creep_modulus"), "MPa")
    inertia = section.I if isinstance(section, Section) else section
    sag = max_deflection(span, load, e_creep, inertia, support=sup, loading=lod)
    named: dict[str, object] = {}
    if isinstance(limit, DeflectionLimit):
        allowed = deflection_limit(span, limit, support=sup)
        limit_text, limit_ref = limit.fragment, "IBC 2018 Table 1604.3"
        named["n"] = str(limit.value)
    else:
        allowed = _q(_positive(limit, "mm", "limit"), "mm")
        limit_text, limit_ref = N_("the allowed deflection"), "limit given"
    imperial = _imperial(span, load)
    unit = "inch" if imperial else "mm"
    first = ""
    if modulus is not None:
        e0 = _require(modulus, "MPa", "modulus")
        start = max_deflection(span, load, e0, inertia, support=sup, loading=lod)
        first, named["start"] = N_("{start} when loaded, "), (start, unit)
    force_unit = "lbf" if imperial else "N"
    if lod is Loading.POINT:
        what = (N_("{load} point load at the tip") if sup is Support.CANTILEVER
                else N_("{load} point load at mid-span"))
        named["load"] = (load, force_unit)
    elif load.dimensionality == _q(1, "N").dimensionality:
        what, named["load"] = N_("{load} load spread along it"), (load, force_unit)
    else:  # a force per length
        what, named["load"] = N_("{load} load along it"), (load, "lbf/ft" if imperial else "N/mm")
    message = _words(
        N_("Under a sustained {what}, the {support} beam deflects {first}{sag} with creep "
           "(apparent modulus {creep_modulus}{duration}); {limit_label} is {allowed}."),
        what=what, first=first, support=sup.value, sag=(sag, unit),
        creep_modulus=(creep_modulus, "psi" if imperial else "MPa"),
        duration=", " + duration if duration else "", limit_label=limit_text,
        allowed=(allowed, unit), **named,
    )
    return _compare(
        name, sag.to(unit), allowed.to(unit), message=message,
        reference=f"{_CREEP_REFERENCE}; limit: {limit_ref}",
    )
