"""Steel fasteners: bolt shear (EN 1993-1-8:2005 Table 3.4) and fillet weld throat shear (§4.5.3.3).

Bolt shear per shear plane: F_v,Rd = α_v·f_ub·A/γ_M2. Through the thread, A = tensile stress
area A_s and α_v = 0.6 for classes 4.6, 5.6 and 8.8, 0.5 for 4.8, 5.8, 6.8 and 10.9; through the
plain shank, A = gross area πd²/4 and α_v = 0.6. γ_M2 = 1.25 (recommended, §2.2 Note; National
Annexes may differ). §3.6.1(5): M12 and M14 bolts may go in 2 mm clearance holes if, for classes
4.8, 5.8, 6.8, 8.8 and 10.9, F_v,Rd is taken as 0.85 times the Table 3.4 value (and the group is
governed by bearing, which the caller must check).

Fillet weld, simplified method §4.5.3.3: f_vw,d = (f_u/√3)/(β_w·γ_M2), F_w,Rd = f_vw,d·a per unit
length, with f_u of the weaker part joined and β_w from Table 4.1.
"""

from __future__ import annotations

import math
import re
from enum import Enum

import pint

from workbench.checks._common import _compare, _imperial, _positive, _q, _require, _words
from workbench.i18n import N_
from workbench.checks.result import CheckResult
from workbench.errors import BoundsError, UnknownNameError

_BOLT_REFERENCE = "EN 1993-1-8:2005 Table 3.4 and §3.6.1(5); A_s per ISO 898-1"
_WELD_REFERENCE = "EN 1993-1-8:2005 §4.5.3.3 (simplified method) and Table 4.1"

# Nominal tensile stress area A_s,nom (mm²) of ISO metric coarse threads as tabulated in
# ISO 898-1:2013 (minimum ultimate tensile loads): A_s = π/4·((d2 + d3)/2)² from ISO 724.
_STRESS_AREA_MM2 = {
    3: 5.03,
    4: 8.78,
    5: 14.2,
    6: 20.1,
    7: 28.9,
    8: 36.6,
    10: 58.0,
    12: 84.3,
    14: 115.0,
    16: 157.0,
    18: 192.0,
    20: 245.0,
    22: 303.0,
    24: 353.0,
    27: 459.0,
    30: 561.0,
}
_SIZE = re.compile(r"^\s*[Mm]\s*(\d+)\s*$")


class BoltClass(Enum):
    """ISO 898-1 property class: nominal f_yb, f_ub (EN 1993-1-8 Table 3.1), α_v (Table 3.4)."""

    C4_6 = "4.6"
    C4_8 = "4.8"
    C5_6 = "5.6"
    C5_8 = "5.8"
    C6_8 = "6.8"
    C8_8 = "8.8"
    C10_9 = "10.9"

    @property
    def ultimate_strength(self) -> pint.Quantity:
        """f_ub: 100 × the first number (MPa)."""
        return _q(100.0 * int(self.value.split(".")[0]), "MPa")

    @property
    def yield_strength(self) -> pint.Quantity:
        """f_yb: f_ub × the second number / 10 (MPa)."""
        first, second = (int(x) for x in self.value.split("."))
        return _q(10.0 * first * second, "MPa")

    @property
    def alpha_v(self) -> float:
        """α_v for a shear plane through the thread (Table 3.4)."""
        return 0.6 if self.value in ("4.6", "5.6", "8.8") else 0.5


class SteelGrade(Enum):
    """Structural steel grade with its fillet-weld correlation factor β_w (EN 1993-1-8 T. 4.1)."""

    S235 = "S235"
    S275 = "S275"
    S355 = "S355"
    S420 = "S420"
    S460 = "S460"

    @property
    def beta_w(self) -> float:
        return {"S235": 0.8, "S275": 0.85, "S355": 0.9, "S420": 1.0, "S460": 1.0}[self.value]


def _diameter(size: str) -> int:
    match = _SIZE.match(size) if isinstance(size, str) else None
    if not match or int(match[1]) not in _STRESS_AREA_MM2:
        known = ", ".join(f"M{d}" for d in _STRESS_AREA_MM2)
        raise UnknownNameError(f"size: {size!r} is not a metric coarse bolt size ({known})")
    return int(match[1])


def stress_area(size: str) -> pint.Quantity:
    """Tensile stress area A_s (mm²) of a metric coarse bolt: ``stress_area("M16")`` = 157 mm²."""
    return _q(_STRESS_AREA_MM2[_diameter(size)], "mm**2")


def bolt_shear_resistance(
    size: str,
    bolt_class: BoltClass | str,
    *,
    threads_in_shear_plane: bool = True,
    shear_planes: int = 1,
    oversize_2mm: bool = False,
    gamma_m2: float = 1.25,
) -> pint.Quantity:
    """Design shear resistance F_v,Rd (kN) of one bolt, summed over its shear planes.

    `oversize_2mm` applies the 0.85 factor of §3.6.1(5) for M12/M14 in 2 mm clearance holes.
    """
    d = _diameter(size)
    cls = BoltClass(bolt_class)
    if shear_planes < 1 or int(shear_planes) != shear_planes:
        raise BoundsError(f"shear_planes: {shear_planes!r} must be a whole number ≥ 1")
    if not gamma_m2 >= 1.0:
        raise BoundsError(f"gamma_m2: {gamma_m2!r} must be at least 1")
    if threads_in_shear_plane:
        alpha_v, area = cls.alpha_v, _STRESS_AREA_MM2[d]
    else:
        alpha_v, area = 0.6, math.pi * d**2 / 4
    factor = 1.0
    if oversize_2mm:
        if d not in (12, 14):
            raise BoundsError(
                f"oversize_2mm: 2 mm clearance holes are allowed for M12 and M14 only, not M{d}"
            )
        factor = 0.85 if cls is not BoltClass.C4_6 and cls is not BoltClass.C5_6 else 1.0
    f_ub = float(cls.ultimate_strength.to("MPa").magnitude)
    return _q(factor * alpha_v * f_ub * area / gamma_m2 * shear_planes / 1000, "kN")


def bolt_shear_check(
    shear_force: pint.Quantity,
    size: str,
    bolt_class: BoltClass | str,
    *,
    threads_in_shear_plane: bool = True,
    shear_planes: int = 1,
    oversize_2mm: bool = False,
    gamma_m2: float = 1.25,
    name: str = N_("bolt shear"),
) -> CheckResult:
    """Design shear force on one bolt against F_v,Rd (EN 1993-1-8 Table 3.4)."""
    force = _q(_positive(shear_force, "N", "shear_force"), "N")
    resistance = bolt_shear_resistance(
        size,
        bolt_class,
        threads_in_shear_plane=threads_in_shear_plane,
        shear_planes=shear_planes,
        oversize_2mm=oversize_2mm,
        gamma_m2=gamma_m2,
    )
    unit = "lbf" if _imperial(shear_force) else "kN"
    planes = "one shear plane" if shear_planes == 1 else f"{shear_planes} shear planes"
    where = N_("through the thread") if threads_in_shear_plane else N_("through the shank")
    message = _words(
        N_("The {bolt} class {bolt_class} bolt carries {force} in shear; with {planes} {where} it "
           "resists {resistance}."),
        bolt=f"M{_diameter(size)}", bolt_class=BoltClass(bolt_class).value, force=(force, unit),
        planes=planes, where=where, resistance=(resistance, unit),
    )
    return _compare(
        name, force.to(unit), resistance.to(unit), message=message, reference=_BOLT_REFERENCE,
        load_bearing=True,
    )


def _beta(grade: SteelGrade | str | float) -> float:
    if isinstance(grade, (int, float)) and not isinstance(grade, bool):
        if not 0.5 <= float(grade) <= 1.5:
            raise BoundsError(f"beta_w: {grade!r} is outside 0.5 … 1.5")
        return float(grade)
    try:
        return SteelGrade(grade).beta_w
    except ValueError:
        known = ", ".join(g.value for g in SteelGrade)
        raise UnknownNameError(
            f"grade: {grade!r} is not a steel grade ({known}) or a β_w"
        ) from None


def fillet_weld_strength(
    ultimate_strength: pint.Quantity, grade: SteelGrade | str | float, *, gamma_m2: float = 1.25
) -> pint.Quantity:
    """Design shear strength f_vw,d = (f_u/√3)/(β_w·γ_M2) (MPa); `grade` gives β_w, or pass β_w."""
    f_u = _positive(ultimate_strength, "MPa", "ultimate_strength")
    if not gamma_m2 >= 1.0:
        raise BoundsError(f"gamma_m2: {gamma_m2!r} must be at least 1")
    return _q(f_u / math.sqrt(3) / (_beta(grade) * gamma_m2), "MPa")


def fillet_weld_resistance(
    throat: pint.Quantity,
    length: pint.Quantity,
    ultimate_strength: pint.Quantity,
    grade: SteelGrade | str | float,
    *,
    gamma_m2: float = 1.25,
) -> pint.Quantity:
    """F_w,Rd·L = f_vw,d·a·L (kN) for effective throat a and effective length L.

    The effective length is the full-size length; deduct 2a for unreturned ends (§4.5.1).
    """
    a = _positive(throat, "mm", "throat")
    span = _positive(length, "mm", "length")
    f_vw = float(fillet_weld_strength(ultimate_strength, grade, gamma_m2=gamma_m2).magnitude)
    return _q(f_vw * a * span / 1000, "kN")


def fillet_weld_check(
    force: pint.Quantity,
    throat: pint.Quantity,
    length: pint.Quantity,
    ultimate_strength: pint.Quantity,
    grade: SteelGrade | str | float,
    *,
    gamma_m2: float = 1.25,
    name: str = N_("fillet weld"),
) -> CheckResult:
    """Resultant design force on a fillet weld against f_vw,d·a·L (EN 1993-1-8 §4.5.3.3)."""
    demand = _q(_positive(force, "N", "force"), "N")
    capacity = fillet_weld_resistance(throat, length, ultimate_strength, grade, gamma_m2=gamma_m2)
    imperial = _imperial(force, throat, length)
    unit, lunit = ("lbf", "inch") if imperial else ("kN", "mm")
    message = _words(
        N_("The weld ({throat} throat, {length} long) carries {force}; it resists {resistance}."),
        throat=(_require(throat, "mm", "throat"), lunit),
        length=(_require(length, "mm", "length"), lunit), force=(demand, unit),
        resistance=(capacity, unit),
    )
    return _compare(
        name, demand.to(unit), capacity.to(unit), message=message, reference=_WELD_REFERENCE,
        load_bearing=True,
    )
