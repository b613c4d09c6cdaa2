"""The person at the crank: the power a pump asks for, the force on the handle, what a person
sustains over a working shift, and whether their pull tips the frame over.

Sustained human power: "a healthy, well-fed labourer over the course of an 8-hour work shift can
sustain an average output of about 75 watts" (Wikipedia, 'Human power'; a secondary source: a
primary ergonomics table of power against duration would refine it). Only this one duration is
on file: for a shorter pumping time 75 W is a safe (low) figure, for a longer one no figure is on
file and the check fails rather than guess.
"""

from __future__ import annotations

import math

import pint

from workbench.checks._common import _compare, _positive, _q, _show, _words
from workbench.checks.hydraulics import STANDARD_GRAVITY, WATER_DENSITY
from workbench.i18n import N_
from workbench.checks.result import CheckResult, Status

SUSTAINED_POWER_W = 75.0
SHIFT_HOURS = 8.0
"""75 W sustained over an 8-hour shift (Wikipedia 'Human power', 'a healthy well-fed laborer over
the course of an 8-hour work shift can sustain an average output of about 75 watts')."""
ROPE_PUMP_EFFICIENCY = 0.65
"""Overall efficiency of a rope pump, water power out / crank power in: 'typically efficiencies of
65 %' (Akvopedia, 'Rope pump', citing the Mawama rope-pump model equations)."""

_POWER_REFERENCE = (
    "Crank power = max(ρ·g·H·Q_swept, ρ·g·H·Q / η) with η 0.65 (Akvopedia 'Rope pump'); "
    "75 W sustained over an 8 h shift (Wikipedia 'Human power')"
)
_TIP_REFERENCE = (
    "Rigid-body moment equilibrium about the base edge (e.g. Meriam & Kraige, Engineering "
    "Mechanics: Statics, ch. 3): overturning F·h against restoring W·b/2"
)


def water_power(head: pint.Quantity, flow: pint.Quantity) -> pint.Quantity:
    """Hydraulic power ρ·g·H·Q (W)."""
    return _q(WATER_DENSITY * STANDARD_GRAVITY * _positive(head, "m", "head")
              * float(flow.to("m**3/s").magnitude), "W")


def crank_power(head: pint.Quantity, swept: pint.Quantity, delivered: pint.Quantity,
                efficiency: float = ROPE_PUMP_EFFICIENCY) -> pint.Quantity:
    """Power at the crank (W): the published overall efficiency applied to the water delivered,
    but never less than lifting the whole swept column, ρ·g·H·Q_swept (rope force × rope speed),
    which leakage cannot reduce."""
    return max(water_power(head, swept), water_power(head, delivered) / efficiency)


def crank_force(
    power: pint.Quantity, radius: pint.Quantity, turns_per_minute: float
) -> pint.Quantity:
    """Mean tangential force on the handle (N): P / (ω·r), ω = 2π·n/60."""
    omega = 2 * math.pi * turns_per_minute / 60.0
    return _q(float(power.to("W").magnitude) / (omega * _positive(radius, "m", "radius")), "N")


def sustained_power_check(power: pint.Quantity, hours: pint.Quantity,
                          force: pint.Quantity) -> CheckResult:
    """Crank power against 75 W, valid for pumping of up to an 8-hour shift."""
    name = N_("power at the crank")
    limit = _q(SUSTAINED_POWER_W, "W")
    h = float(hours.to("h").magnitude)
    if not h <= SHIFT_HOURS:
        long = _words(
            N_("Pumping the daily need takes {hours}, longer than the {shift} h shift for which a "
               "person's sustained power is on file: more people, a larger riser or a smaller "
               "need."),
            hours=(hours, "h") if math.isfinite(h) else N_("for ever"), shift=f"{SHIFT_HOURS:g}")
        return CheckResult(
            name, Status.FAIL, math.inf, power.to("W"), limit, long.text, _POWER_REFERENCE,
        ).with_words(long.template, long.quantities, long.system)
    return _compare(
        name, power.to("W"), limit,
        message=_words(
            N_("Turning the crank takes {power} (a mean handle force of {force}) for {hours}; a "
               "person sustains about {sustained} W over a shift of up to {shift} h."),
            power=(power, "W"), force=(force, "N"), hours=(hours, "h"),
            sustained=f"{SUSTAINED_POWER_W:g}", shift=f"{SHIFT_HOURS:g}"),
        reference=_POWER_REFERENCE,
    )


def tip_over_check(force: pint.Quantity, height: pint.Quantity, weight: pint.Quantity,
                   base: pint.Quantity) -> CheckResult:
    """A horizontal pull `force` at `height` against the frame's `weight` over half its `base`."""
    overturning = (force * height).to("N*m")
    restoring = (weight * base / 2).to("N*m")
    return _compare(
        N_("tip-over while cranking"), overturning, restoring,
        message=_words(
            N_("Pulling {force} level at the axle, {height} up, tips the frame with "
               "{overturning}; its own {weight} on a {base} base holds {restoring}. Bolt the "
               "frame to the well slab, as the manuals do."),
            force=(force, "N"), height=(height, "mm"), overturning=(overturning, "N*m"),
            weight=(weight, "N"), base=(base, "mm"), restoring=(restoring, "N*m")),
        reference=_TIP_REFERENCE,
    )


__all__ = ["ROPE_PUMP_EFFICIENCY", "SHIFT_HOURS", "SUSTAINED_POWER_W", "crank_force",
           "crank_power", "sustained_power_check", "tip_over_check", "water_power"]
