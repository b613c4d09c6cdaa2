"""Wood and moisture: equilibrium moisture content (EMC) and the movement it causes.

EMC from air temperature T (°F) and relative humidity h (fraction), Wood Handbook (FPL-GTR-190,
2010), Chapter 4, Eq. 4-5 — the Hailwood–Horrobin two-hydrate form fitted by Simpson (1973):

    M = 1800/W · [K·h/(1 − K·h) + (K1·K·h + 2·K1·K2·K²·h²) / (1 + K1·K·h + K1·K2·K²·h²)]
    W  = 330 + 0.452·T + 0.00415·T²
    K  = 0.791 + 4.63e-4·T − 8.44e-7·T²
    K1 = 6.34 + 7.75e-4·T − 9.35e-5·T²
    K2 = 1.09 + 2.84e-2·T − 9.04e-5·T²

Table 4-2 of the same chapter is computed from this equation (30–270 °F, 5–95 % RH); below
30 °F the equation is extrapolated.

Width change, Wood Handbook (FPL-GTR-190, 2010), Chapter 13, Eq. 13-2 with the dimensional
change coefficients of Table 13-5: ΔD = D_I·C·(M_F − M_I), C = C_T (flat-sawn width) or C_R
(quarter-sawn width), valid for moisture contents of about 6 % to 14 %. Wood does not shrink or
swell above fibre saturation, taken as 30 % (Wood Handbook Ch. 13, "Neither M_I nor M_F should
exceed 30 %"), so moisture contents above it count as 30 %.
"""

from __future__ import annotations

from typing import Any

import pint

from workbench.checks._common import (
    _compare,
    _dimensionless,
    _imperial,
    _positive,
    _q,
    _temperature,
    _words,
)
from workbench.i18n import N_
from workbench.checks.result import CheckResult
from workbench.errors import BoundsError, UnitError

_EMC_REFERENCE = (
    "Wood Handbook FPL-GTR-190 (2010), Ch. 4, Eq. 4-5 (Hailwood–Horrobin, Simpson 1973)"
)
_MOVE_REFERENCE = "Wood Handbook FPL-GTR-190 (2010), Ch. 13, Eq. 13-2 and Table 13-5"
FIBRE_SATURATION = 30.0
"""Moisture content (%) above which wood no longer changes size (Wood Handbook Ch. 13)."""


def equilibrium_moisture_content(
    temperature: pint.Quantity, relative_humidity: pint.Quantity
) -> pint.Quantity:
    """Moisture content (percent) wood settles at in air of `temperature` and `relative_humidity`.

    Wood Handbook Eq. 4-5 (see module docstring); the equation is evaluated, not Table 4-2.
    `relative_humidity` is dimensionless, e.g. ``Q_(65, "percent")`` or ``Q_(0.65, "")``.
    """
    kelvin = _temperature(temperature, "temperature")
    t = (kelvin - 273.15) * 9 / 5 + 32  # °F, as the regression is written
    if not -40.0 <= t <= 270.0:
        raise BoundsError(
            f"temperature: {temperature:~P} is outside -40 … 270 °F (-40 … 132 °C), "
            "where the Wood Handbook equation applies"
        )
    h = _dimensionless(relative_humidity, "relative_humidity")
    if not 0.0 <= h <= 1.0:
        raise BoundsError(f"relative_humidity: {relative_humidity:~P} must be 0 … 100 %")
    w = 330 + 0.452 * t + 0.00415 * t**2
    k = 0.791 + 4.63e-4 * t - 8.44e-7 * t**2
    k1 = 6.34 + 7.75e-4 * t - 9.35e-5 * t**2
    k2 = 1.09 + 2.84e-2 * t - 9.04e-5 * t**2
    kh = k * h
    m = (
        1800
        / w
        * (kh / (1 - kh) + (k1 * kh + 2 * k1 * k2 * kh**2) / (1 + k1 * kh + k1 * k2 * kh**2))
    )
    return _q(m, "percent")


def _coefficient(value: Any) -> float:
    """Dimensional change coefficient per 1 % MC (Table 13-5 convention: 0.00369 for red oak)."""
    if isinstance(value, bool):
        raise UnitError(f"coefficient: {value!r} is not a number")
    if isinstance(value, (int, float)):
        c = float(value)
    elif isinstance(value, pint.Quantity) and value.unitless:
        c = float(value.magnitude)  # a bare number in a quantity: the handbook convention
    elif isinstance(value, pint.Quantity) and value.dimensionless:
        c = float(value.to("1/percent").magnitude)
    else:
        raise UnitError(
            f"coefficient: {value!r} is not a dimensional change coefficient "
            "(a number per 1 % moisture change, e.g. 0.00369)"
        )
    if not 0.0 <= c < 0.02:
        raise BoundsError(
            f"coefficient: {c:g} per % MC is outside 0 … 0.02 "
            "(Table 13-5 values are all below 0.005)"
        )
    return c


def _moisture(value: pint.Quantity, name: str) -> float:
    pct = _dimensionless(value, name) * 100
    if pct < 0:
        raise BoundsError(f"{name}: {value:~P} must not be negative")
    return min(pct, FIBRE_SATURATION)


def dimensional_change(
    dimension: pint.Quantity,
    coefficient: float | pint.Quantity,
    mc_initial: pint.Quantity,
    mc_final: pint.Quantity,
) -> pint.Quantity:
    """Change in width (mm, negative = shrinkage): ΔD = D_I·C·(M_F − M_I), Wood Handbook Eq. 13-2.

    `coefficient` is C_T or C_R from Wood Handbook Table 13-5 as printed (per 1 % MC), or a
    quantity in 1/percent. Moisture contents are dimensionless quantities (``Q_(8, "percent")``).
    """
    d = _positive(dimension, "mm", "dimension")
    c = _coefficient(coefficient)
    delta = _moisture(mc_final, "mc_final") - _moisture(mc_initial, "mc_initial")
    return _q(d * c * delta, "mm")


def wood_movement_check(
    width: pint.Quantity,
    coefficient: float | pint.Quantity,
    mc_low: pint.Quantity,
    mc_high: pint.Quantity,
    allowance: pint.Quantity,
    *,
    name: str = N_("wood movement"),
) -> CheckResult:
    """Seasonal width change between two moisture contents against the room the joint allows."""
    movement = abs(dimensional_change(width, coefficient, mc_low, mc_high))
    room = _q(_positive(allowance, "mm", "allowance"), "mm")
    unit = "inch" if _imperial(width, allowance) else "mm"
    low, high = sorted((_moisture(mc_low, "mc_low"), _moisture(mc_high, "mc_high")))
    message = _words(
        N_("The {width} wide board moves {movement} between {low} % and {high} % moisture content; "
           "the joint allows {room}."),
        width=(width, unit), movement=(movement, unit), low=f"{low:.3g}", high=f"{high:.3g}",
        room=(room, unit),
    )
    return _compare(
        name, movement.to(unit), room.to(unit), message=message, reference=_MOVE_REFERENCE
    )
