"""Connections: screws pulled out of timber, fixings rated by their maker, a row of fixings under a
moment, and a weld group under shear and moment.

- Screw withdrawal in timber, EN 1995-1-1:2004+A1:2008 §8.7.2(4) Eqs. 8.38–8.40, for screws to
  EN 14592 with 6 mm ≤ d ≤ 12 mm (outer thread diameter) and 0.6 ≤ d1/d ≤ 0.75:
  F_ax,α,Rk = n_ef·f_ax,k·d·l_ef·k_d/(1.2·cos²α + sin²α),
  f_ax,k = 0.52·d^-0.5·l_ef^-0.1·ρ_k^0.8 (N/mm², d and l_ef in mm, ρ_k in kg/m³), k_d = min(d/8, 1).
  Outside that range EN 1995-1-1 asks for the screw's declared f_ax,k (EN 14592 declaration of
  performance): a smaller screw is not computed here.
- A fixing with a maker's recommended (working) load: the load on it against that load. A maker's
  recommended load already holds its safety factor, so it is compared with the unfactored load.
- A row of fixings holding a bracket against a moment: the bracket turns about its lowest edge
  (the toe pressing on the wall), fixing i at height y_i above it takes T_i = M·y_i/Σy_j² (elastic
  bolt-group analysis with the neutral axis at the toe, as for a bracket bolted to a column flange:
  Blodgett, Design of Welded Structures, §7.4; the same linear distribution used in the SCI "Green
  Book" for tension bolt rows).
- A weld group under shear V and moment M, EN 1993-1-8:2005 §4.5.3.3: the resultant design force
  per unit length F_w,Ed = √((V/ΣL)² + (M/W_w)²), with W_w the section modulus of the weld lines
  (per unit throat), must not exceed F_w,Rd = f_vw,d·a (§4.5.3.3(2)).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pint

from workbench.checks._common import _compare, _imperial, _positive, _q, _require, _words
from workbench.checks.fasteners import SteelGrade, fillet_weld_strength
from workbench.i18n import N_
from workbench.checks.result import CheckResult
from workbench.errors import BoundsError

_EC5_SCREW = "EN 1995-1-1:2004+A1:2008 §8.7.2(4) Eqs. 8.38–8.40 (screw withdrawal)"
_ROW = ("fixings in a row, bracket turning about its toe: T_i = M·y_i/Σy² (Blodgett, Design of "
        "Welded Structures, §7.4)")
_WELD_GROUP = ("EN 1993-1-8:2005 §4.5.3.3 simplified method: resultant force per unit length of "
               "the weld group, F_w,Ed = √((V/ΣL)² + (M/W_w)²) ≤ f_vw,d·a")


def screw_withdrawal_strength(diameter: pint.Quantity, embedment: pint.Quantity,
                              density: pint.Quantity) -> pint.Quantity:
    """f_ax,k = 0.52·d^-0.5·l_ef^-0.1·ρ_k^0.8 (N/mm²), EN 1995-1-1 Eq. 8.39 (6 ≤ d ≤ 12 mm)."""
    d = _positive(diameter, "mm", "diameter")
    l_ef = _positive(embedment, "mm", "embedment")
    rho = _positive(density, "kg/m**3", "density")
    if not 6.0 <= d <= 12.0:
        raise BoundsError(
            f"diameter: {diameter:~P} is outside 6–12 mm, where EN 1995-1-1 §8.7.2(4) gives f_ax,k; "
            "use the screw's declared f_ax,k (EN 14592)"
        )
    return _q(0.52 * d**-0.5 * l_ef**-0.1 * rho**0.8, "MPa")


def screw_withdrawal_resistance(
    diameter: pint.Quantity, embedment: pint.Quantity, density: pint.Quantity, *,
    angle: pint.Quantity | None = None, count: int = 1,
) -> pint.Quantity:
    """Characteristic withdrawal capacity F_ax,α,Rk (N) of `count` screws, EN 1995-1-1 Eq. 8.38.

    `embedment` is l_ef, the threaded length in the pointside member; `density` the timber's ρ_k;
    `angle` α between the screw and the grain (90° into the side of a stud, the default).
    n_ef = count^0.9 (Eq. 8.41) for a group loaded along the screws.
    """
    f_ax = float(screw_withdrawal_strength(diameter, embedment, density).m_as("MPa"))
    d, l_ef = float(diameter.m_as("mm")), float(embedment.m_as("mm"))
    alpha = math.pi / 2 if angle is None else float(_require(angle, "rad", "angle").m_as("rad"))
    if count < 1 or int(count) != count:
        raise BoundsError(f"count: {count!r} must be a whole number ≥ 1")
    k_d = min(d / 8.0, 1.0)
    n_ef = count**0.9
    return _q(n_ef * f_ax * d * l_ef * k_d / (1.2 * math.cos(alpha) ** 2 + math.sin(alpha) ** 2),
              "N")


def row_tensions(moment: pint.Quantity, heights: Sequence[pint.Quantity]) -> list[pint.Quantity]:
    """Tension (N) in each fixing of a row at `heights` above the toe the bracket turns about:
    T_i = M·y_i/Σy_j²."""
    m = _positive(moment, "N*mm", "moment")
    ys = [_positive(y, "mm", "height") for y in heights]
    if not ys:
        raise BoundsError("heights: a row needs at least one fixing")
    sum_sq = sum(y * y for y in ys)
    return [_q(m * y / sum_sq, "N") for y in ys]


def fixing_check(
    tension: pint.Quantity, shear: pint.Quantity, capacity: pint.Quantity, *,
    basis: str, reference: str, name: str = N_("wall fixing"),
) -> CheckResult:
    """The resultant √(T² + V²) on one fixing against its `capacity` (N): a maker's recommended
    load in any direction, or a design resistance. Load-bearing."""
    t = _require(tension, "N", "tension")
    v = _require(shear, "N", "shear")
    cap = _q(_positive(capacity, "N", "capacity"), "N")
    resultant = _q(math.hypot(float(t.m_as("N")), float(v.m_as("N"))), "N")
    unit = "lbf" if _imperial(tension, shear, capacity) else "N"
    message = _words(
        N_("The most loaded fixing is pulled out with {tension} and loaded {shear} down the wall "
           "({resultant} together); it holds {capacity} ({basis})."),
        tension=(t, unit), shear=(v, unit), resultant=(resultant, unit), capacity=(cap, unit),
        basis=basis,
    )
    return _compare(name, resultant.to(unit), cap.to(unit), message=message,
                    reference=f"{_ROW}; {reference}", load_bearing=True)


def screw_withdrawal_check(
    tension: pint.Quantity, diameter: pint.Quantity, embedment: pint.Quantity,
    density: pint.Quantity, *, k_mod: float, gamma_m: float = 1.3, name: str = N_("screw withdrawal"),
) -> CheckResult:
    """Design tension on one screw against R_ax,d = k_mod·F_ax,Rk/γ_M (γ_M 1.3 for connections,
    EN 1995-1-1 Table 2.3). Load-bearing."""
    t = _q(_positive(tension, "N", "tension"), "N")
    r_k = screw_withdrawal_resistance(diameter, embedment, density)
    r_d = r_k * k_mod / gamma_m
    unit = "lbf" if _imperial(tension, diameter, embedment) else "N"
    message = _words(
        N_("A {diameter} screw {embedment} deep in timber of ρ_k {density} is pulled with "
           "{tension}; it resists {resistance} (F_ax,Rk {characteristic} × k_mod {k_mod} / "
           "γ_M {gamma_m})."),
        diameter=(diameter, "mm"), embedment=(embedment, "mm"), density=(density, "kg/m**3"),
        tension=(t, unit), resistance=(r_d, unit), characteristic=(r_k, unit),
        k_mod=f"{k_mod:g}", gamma_m=f"{gamma_m:g}",
    )
    return _compare(name, t.to(unit), r_d.to(unit), message=message, reference=_EC5_SCREW,
                    load_bearing=True)


def weld_group_force(
    shear: pint.Quantity, moment: pint.Quantity, line_length: pint.Quantity, lines: int = 2,
) -> pint.Quantity:
    """Resultant force per unit length (N/mm) on `lines` parallel weld lines, each `line_length`
    long, side by side, under a shear V along them and a moment M in their plane about the group's
    centre: √((V/ΣL)² + (M/W_w)²) with W_w = lines·L²/6 (each line bent about its own middle)."""
    v = float(_require(shear, "N", "shear").m_as("N"))
    m = float(_require(moment, "N*mm", "moment").m_as("N*mm"))
    length = _positive(line_length, "mm", "line_length")
    if lines < 1 or int(lines) != lines:
        raise BoundsError(f"lines: {lines!r} must be a whole number ≥ 1")
    from_shear = abs(v) / (lines * length)
    from_moment = abs(m) / (lines * length**2 / 6)
    return _q(math.hypot(from_shear, from_moment), "N/mm")


def _moment_words(moment: pint.Quantity) -> str:
    """A moment in N·m to 3 significant digits (`fmt` has no display unit for moments)."""
    return f"{float(_require(moment, 'N*mm', 'moment').m_as('N*m')):.3g} N·m"


def weld_group_check(
    shear: pint.Quantity, moment: pint.Quantity, throat: pint.Quantity,
    line_length: pint.Quantity, ultimate_strength: pint.Quantity,
    grade: SteelGrade | str | float, *, lines: int = 2, gamma_m2: float = 1.25,
    name: str = N_("weld (shear and moment)"),
) -> CheckResult:
    """`weld_group_force` against F_w,Rd = f_vw,d·a (EN 1993-1-8 §4.5.3.3). Load-bearing."""
    demand = weld_group_force(shear, moment, line_length, lines)
    a = _positive(throat, "mm", "throat")
    f_vw = float(fillet_weld_strength(ultimate_strength, grade, gamma_m2=gamma_m2).m_as("MPa"))
    capacity = _q(f_vw * a, "N/mm")
    message = _words(
        N_("The {lines} welds ({throat} throat, {length} long each) carry {shear} of shear and "
           "{moment} of moment: {demand} at the worst point; they resist {capacity}."),
        lines=lines, throat=(throat, "mm"), length=(line_length, "mm"),
        shear=(_require(shear, "N", "shear"), "N"), moment=_moment_words(moment),
        demand=(demand, "N/mm"), capacity=(capacity, "N/mm"),
    )
    return _compare(name, demand, capacity, message=message, reference=_WELD_GROUP,
                    load_bearing=True)
