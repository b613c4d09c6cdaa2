"""Plastic parts in service: how hot they get, against the temperature where they soften.

Part temperature = shade air temperature + a solar increment for the surface colour, from
EN 1991-1-5:2003 (Eurocode 1, thermal actions) Table 5.2, summer temperatures of building
surfaces above ground: T_max + T3 (bright light surface, absorptivity 0.5), T_max + T4 (light
coloured, 0.7), T_max + T5 (dark, 0.9), with the recommended values of its Note 2 for elements
facing south-west or lying horizontal: T3 = 18 K, T4 = 30 K, T5 = 42 K (0, 2 and 4 K facing
north-east). National annexes may change them. The part must stay a margin (default 10 K) below
its softening temperature — the glass transition Tg or the heat deflection temperature (HDT,
ISO 75) from the material's data sheet, whichever the data sheet gives for its use.
"""

from __future__ import annotations

from enum import Enum

import pint

from workbench.checks._common import (
    _clean,
    _imperial,
    _q,
    _show,
    _status,
    _temperature,
    _temperature_difference,
)
from workbench.checks.result import CheckResult
from workbench.errors import BoundsError

_REFERENCE = "EN 1991-1-5:2003 Table 5.2 (Note 2, south-west/horizontal surfaces)"
DEFAULT_MARGIN = _q(10.0, "K")
"""How far below its softening temperature a part should stay (project choice)."""


class Exposure(Enum):
    """Where the part sits, with its solar temperature increment (EN 1991-1-5 Table 5.2)."""

    SHADE = "shade or indoors"
    SUN_BRIGHT = "in sun, bright white surface"
    SUN_LIGHT = "in sun, light colour"
    SUN_DARK = "in sun, dark colour"

    @property
    def increment(self) -> pint.Quantity:
        """Solar increment over shade air temperature: 0, T3 = 18, T4 = 30 or T5 = 42 K."""
        return _q(
            {"SHADE": 0.0, "SUN_BRIGHT": 18.0, "SUN_LIGHT": 30.0, "SUN_DARK": 42.0}[self.name], "K"
        )


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
    name: str = "heat softening",
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
    message = (
        f"{exposure.value.capitalize()} at {_show(air_temperature, unit)} air, the part reaches "
        f"{_show(part, unit)}; it should stay below {_show(limit, unit)} "
        f"({_show(_q(gap, 'K'), d_unit)} under its {_show(softening_temperature, unit)} "
        "softening point)."
    )
    return CheckResult(
        name, status, utilisation, part.to(unit), limit.to(unit), message, _REFERENCE
    )
