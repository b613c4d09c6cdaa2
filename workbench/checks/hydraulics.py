"""Water lifting by a rope-and-washer pump: head, swept flow, leakage past the pistons, delivered
flow, time to deliver a daily need, and the riser's wall against its internal pressure.

The pump: pistons (washers) on an endless rope are pulled up through a riser pipe; each piston
carries the water between it and the piston below, so the pressure drop across one piston is the
weight of one piston spacing of water, ρ·g·s, while the rope carries the whole column, ρ·g·H·A.
Water leaks down through the annular gap between each piston and the bore; in steady running every
piston passes the same leak Q_L, so the pump delivers Q = A·v − Q_L (A the bore's area, v the rope
speed).

Leakage model (per piston, concentric): a narrow annulus of mean diameter D_m = (D + d)/2, radial
gap h = (D − d)/2 and length L.
- Viscous (Poiseuille) part: Δp = 12·μ·L·Q / (π·D_m·h³), the narrow-annulus leakage of a piston or
  spool (M. Galal Rabie, *Fluid Power Engineering*, McGraw-Hill 2009, §2, eq. 2.19).
- Entrance and exit losses, Δp = K·ρ·V²/2 on the gap velocity V = Q/(π·D_m·h), with K = 0.5 for a
  sharp-edged entrance plus 1.0 for the exit (F. M. White, *Fluid Mechanics*, 7th ed., §6.9,
  Fig. 6.21 and the exit loss K = 1.0). The two add in series, so Q solves a·Q + b·Q² = Δp.
- The bore moves down past the piston at the rope speed and drags water with it: plane Couette
  flow, Q = π·D_m·h·U/2 (White §4.10, flow between a fixed and a moving plate). It adds to the leak.
"""

from __future__ import annotations

import math

import pint

from workbench.checks._common import _amount, _compare, _positive, _q, _show, _words
from workbench.i18n import N_
from workbench.checks.result import CheckResult, Status

STANDARD_GRAVITY = 9.80665
"""m/s²: the conventional standard gravity (3rd CGPM, 1901)."""
WATER_DENSITY = 998.2
"""kg/m³: pure water at 20 °C (CRC Handbook of Chemistry and Physics, 'Properties of water in the
range 0–100 °C'; Kell 1975)."""
WATER_VISCOSITY = 1.0016e-3
"""Pa·s: dynamic viscosity of water at 20 °C, ISO/TR 3666:1998 (the reference value for the
calibration of viscometers)."""
K_ENTRANCE = 0.5
K_EXIT = 1.0
"""Minor-loss coefficients of a sharp-edged entrance and of an exit into a larger space (White,
Fluid Mechanics, 7th ed., §6.9, Fig. 6.21)."""
ONE_PERSON_MAX_HEAD = 35.0
"""m: one person pumps a hand rope pump from wells up to 35 m deep; two persons (a second crank)
to 60 m (Akvopedia, 'Rope pump', Suitable conditions; Practica / Henk Holtslag field practice)."""

_LEAK_REFERENCE = (
    "Annular leakage: Poiseuille narrow annulus (Rabie, Fluid Power Engineering, 2009, eq. 2.19) "
    "in series with entrance 0.5 + exit 1.0 losses (White, Fluid Mechanics 7th ed. §6.9), plus "
    "Couette drag of the moving bore (White §4.10)"
)
_HEAD_REFERENCE = "Akvopedia 'Rope pump': one person pumps from up to 35 m, two persons to 60 m"
_NEED_REFERENCE = (
    "Daily volume / delivered flow; 20 L per person is WHO basic access (Howard & Bartram, WHO "
    "2003); the 8 h shift of the 75 W sustained-power figure (Wikipedia 'Human power')"
)
_BARLOW_REFERENCE = (
    "Pipe hoop stress σ = p·(D − t)/(2t), the ISO 161 / ISO 4065 relation between pressure, "
    "dimension ratio and design stress on which IS 4985 pressure classes are based"
)


def _m(q: pint.Quantity, unit: str, name: str) -> float:
    return _positive(q, unit, name)


def total_head(well_depth: pint.Quantity, delivery_height: pint.Quantity) -> pint.Quantity:
    """Static head (m): water level below ground plus the outlet's height above ground.

    Pipe friction is left out: the riser is short and slow (about 1 m/s) compared with its head.
    """
    return (well_depth + delivery_height).to("m")


def head_check(head: pint.Quantity, *, people: int = 1) -> CheckResult:
    """Total head against the depth one person (35 m) or two (60 m) pump by hand (Akvopedia)."""
    limit = _q(ONE_PERSON_MAX_HEAD if people == 1 else 60.0, "m")
    who = N_("one person") if people == 1 else N_("two persons")
    return _compare(
        N_("total head"), head.to("m"), limit,
        message=_words(
            N_("The pump lifts water {head} (well depth plus outlet height); {who} can pump a "
               "hand rope pump to about {limit}."),
            head=(head, "m"), who=who, limit=(limit, "m")),
        reference=_HEAD_REFERENCE,
    )


def rope_speed(wheel_diameter: pint.Quantity, rope_diameter: pint.Quantity,
               turns_per_minute: float) -> pint.Quantity:
    """Rope speed (m/s) on a wheel turned `turns_per_minute`: the rope's centre line runs on the
    wheel's seat diameter plus one rope diameter."""
    d = _m(wheel_diameter, "m", "wheel_diameter") + _m(rope_diameter, "m", "rope_diameter")
    return _q(math.pi * d * turns_per_minute / 60.0, "m/s")


def swept_flow(bore: pint.Quantity, speed: pint.Quantity) -> pint.Quantity:
    """Volume the pistons sweep per second (m³/s): π/4·D²·v."""
    d = _m(bore, "m", "bore")
    return _q(math.pi / 4 * d * d * _m(speed, "m/s", "speed"), "m**3/s")


def piston_pressure_drop(spacing: pint.Quantity) -> pint.Quantity:
    """Pressure difference across one piston (Pa): the water of one spacing, ρ·g·s."""
    return _q(WATER_DENSITY * STANDARD_GRAVITY * _m(spacing, "m", "spacing"), "Pa")


def annular_leakage(
    bore: pint.Quantity,
    piston_diameter: pint.Quantity,
    piston_length: pint.Quantity,
    pressure_drop: pint.Quantity,
    wall_speed: pint.Quantity,
) -> pint.Quantity:
    """Leak (m³/s) past one concentric piston: viscous + minor losses in series, plus Couette drag.

    a·Q + b·Q² = Δp with a = 12·μ·L/(π·D_m·h³), b = (K_in + K_out)·ρ/(2·(π·D_m·h)²); then
    Q += π·D_m·h·U/2. See the module docstring for the sources.
    """
    big, small = _m(bore, "m", "bore"), _m(piston_diameter, "m", "piston_diameter")
    if small >= big:
        return _q(0.0, "m**3/s")
    h = (big - small) / 2
    d_m = (big + small) / 2
    area = math.pi * d_m * h
    a = 12 * WATER_VISCOSITY * _m(piston_length, "m", "piston_length") / (math.pi * d_m * h**3)
    b = (K_ENTRANCE + K_EXIT) * WATER_DENSITY / (2 * area * area)
    dp = float(pressure_drop.to("Pa").magnitude)
    q_p = (-a + math.sqrt(a * a + 4 * b * dp)) / (2 * b) if dp > 0 else 0.0
    q_c = area * float(wall_speed.to("m/s").magnitude) / 2
    return _q(q_p + q_c, "m**3/s")


def gap_reynolds(leak: pint.Quantity, bore: pint.Quantity,
                 piston_diameter: pint.Quantity) -> float:
    """Reynolds number of the leak in the gap, ρ·V·(2h)/μ (hydraulic diameter of a slot = 2h)."""
    big, small = _m(bore, "m", "bore"), _m(piston_diameter, "m", "piston_diameter")
    h = (big - small) / 2
    if h <= 0:
        return 0.0
    v = float(leak.to("m**3/s").magnitude) / (math.pi * (big + small) / 2 * h)
    return WATER_DENSITY * v * 2 * h / WATER_VISCOSITY


def leakage_check(swept: pint.Quantity, leak: pint.Quantity, reynolds: float) -> CheckResult:
    """The leak against the swept flow: a pump whose pistons pass all they lift delivers nothing."""
    unit = "L/min"
    regime = (N_("laminar") if reynolds < 2300
              else N_("not laminar: the viscous term underestimates losses"))
    return _compare(
        N_("leakage past the pistons"), leak.to(unit), swept.to(unit),
        message=_words(
            N_("The pistons sweep {swept} and {leak} leaks back past them (gap Reynolds number "
               "{reynolds}, {regime}), so the pump delivers {delivered}."),
            swept=(swept, unit), leak=(leak, unit), reynolds=f"{reynolds:.0f}", regime=regime,
            delivered=(max(swept - leak, swept * 0), unit)),
        reference=_LEAK_REFERENCE,
    )


def delivery_time(daily_volume: pint.Quantity, delivered: pint.Quantity) -> pint.Quantity:
    """Hours of pumping to deliver `daily_volume` at the `delivered` flow (inf when it is zero)."""
    q = float(delivered.to("m**3/h").magnitude)
    v = float(daily_volume.to("m**3").magnitude)
    return _q(math.inf if q <= 0 else v / q, "h")


def riser_pressure(head: pint.Quantity) -> pint.Quantity:
    """Upper bound of the pressure in the riser (kPa): a full, still column, ρ·g·H.

    Running, each piston carries only its own spacing of water; the full column bears on the pipe
    only when the outlet is blocked above a standing column, which this bound covers.
    """
    return _q(WATER_DENSITY * STANDARD_GRAVITY * _m(head, "m", "head") / 1000.0, "kPa")


def riser_wall_check(
    pressure: pint.Quantity, od: pint.Quantity, wall: pint.Quantity,
    design_stress: pint.Quantity | None, *, standard: str = "",
) -> CheckResult:
    """Hoop stress p·(D − t)/(2t) in the riser against the pipe standard's design stress."""
    name = N_("riser wall (hoop stress)")
    if design_stress is None:
        if not standard:
            return CheckResult.missing(name, N_("design stress for this pipe standard"))
        return CheckResult.missing(name, N_("design stress for {standard}"), standard=standard)
    d, t = _m(od, "mm", "od"), _m(wall, "mm", "wall")
    stress = (pressure * (d - t) / (2 * t)).to("MPa")
    return _compare(
        name, stress, design_stress.to("MPa"),
        message=_words(
            N_("A full column of {pressure} stresses the {diameter} mm riser's {wall} mm wall to "
               "{stress}; {standard} pipe is designed for {design_stress}."),
            pressure=(pressure, "kPa"), diameter=_amount(d), wall=_amount(t),
            stress=(stress, "MPa"),
            standard=standard, design_stress=(design_stress, "MPa")),
        reference=_BARLOW_REFERENCE,
    )


def daily_need_check(
    hours: pint.Quantity, shift: pint.Quantity, daily: pint.Quantity
) -> CheckResult:
    """Pumping time for the daily need against the working shift the human power figure is for."""
    name = N_("time to deliver the daily need")
    if not math.isfinite(float(hours.magnitude)):
        none = _words(N_("The pump delivers nothing, so {daily} a day never arrives."),
                      daily=(daily, "L"))
        return CheckResult(name, Status.FAIL, math.inf, hours, shift, none.text, _NEED_REFERENCE,
                           ).with_words(none.template, none.quantities, none.system)
    return _compare(
        name, hours.to("h"), shift.to("h"),
        message=_words(
            N_("{daily} a day takes {hours} of pumping; the sustained human power on file is for "
               "a shift of up to {shift}."),
            daily=(daily, "L"), hours=(hours, "h"), shift=(shift, "h")),
        reference=_NEED_REFERENCE,
    )


__all__ = [
    "ONE_PERSON_MAX_HEAD", "STANDARD_GRAVITY", "WATER_DENSITY", "WATER_VISCOSITY",
    "annular_leakage", "daily_need_check", "delivery_time", "gap_reynolds", "head_check",
    "leakage_check", "piston_pressure_drop", "riser_pressure", "riser_wall_check", "rope_speed",
    "swept_flow", "total_head",
]
