"""The project's one pint registry, parsing of what users type, and display per unit system.

Users type lengths as they think of them: ``18mm``, ``18 mm``, ``3/4 in``, ``0.75"``, ``1' 6"``,
``1 1/2 in``, ``1.5 ft``. A bare number takes the parameter's declared unit. Parsing is strict: text
that is not a quantity, or a quantity of the wrong dimension, raises `UnitError` naming the
parameter, the text and the expected dimension.
"""

from __future__ import annotations

import math
import re
from enum import Enum
from fractions import Fraction
from typing import Any, Union

import pint

from workbench.errors import UnitError

class _Registry(pint.UnitRegistry):
    """pint's registry with unit expressions parsed once.

    pint 0.25 caches only bare unit names, so every conversion to ``"kg/m**3"`` or ``"N/mm"``
    re-runs its text parser (pint issue #2320); checks convert often. Unit containers are
    immutable, so memoising the parse is safe.
    """

    def _parse_units_as_container(
        self, input_string: str, as_delta: bool = True, case_sensitive: bool = True
    ) -> Any:
        memo = self.__dict__.setdefault("_wb_parsed", {})
        key = (input_string, as_delta, case_sensitive)
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = super()._parse_units_as_container(input_string, as_delta, case_sensitive)
        return hit


def _registry() -> _Registry:
    """The registry, caching pint's parsed definitions in the user's cache folder (":auto:":
    0.25 s → 0.05 s per start) when that folder can be created and written, else without a cache
    (a read-only home, a service account without one)."""
    try:
        return _Registry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except OSError:
        return _Registry(autoconvert_offset_to_baseunit=True, cache_folder=None)


ureg = _registry()
# Embodied carbon as its own dimension so it can never be added to a mass by mistake.
ureg.define("kgCO2e = [emission]")
ureg.define("gCO2e = 1e-3 kgCO2e")
# Currencies as separate dimensions: catalogs carry local prices; no exchange rates are guessed.
for _code in ("EUR", "USD", "INR", "KES", "PEN"):
    ureg.define(f"{_code} = [currency_{_code.lower()}]")
Q_ = ureg.Quantity
Quantity = pint.Quantity
pint.set_application_registry(ureg)

QuantityLike = Union[pint.Quantity, float, int, str]


class UnitSystem(str, Enum):
    """How quantities are shown to the user; input accepts any unit whatever the system."""

    METRIC = "metric"
    IMPERIAL = "imperial"


# Dimension name and display units (metric, imperial), keyed by a representative unit.
_DIMENSIONS: list[tuple[str, str, str, str]] = [
    ("mm", "length", "mm", "in"),
    ("kg", "mass", "kg", "lb"),
    ("N", "force", "N", "lbf"),
    ("MPa", "pressure", "MPa", "psi"),
    ("mm**2", "area", "mm**2", "in**2"),
    ("mm**3", "volume", "mm**3", "in**3"),
    ("mm**4", "second moment of area", "mm**4", "in**4"),
    ("degC", "temperature", "degC", "degF"),
    ("kg/m**3", "density", "kg/m**3", "lb/ft**3"),
    ("N/mm", "stiffness", "N/mm", "lbf/in"),
    ("s", "time", "s", "s"),
    ("m/s", "speed", "m/s", "mph"),
    ("kgCO2e", "embodied carbon", "kgCO2e", "kgCO2e"),
]


def _dimension(u: pint.Unit) -> tuple[str, str, str, str] | None:
    for row in _DIMENSIONS:
        if ureg.Unit(row[0]).dimensionality == u.dimensionality:
            return row
    return None


_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_MIXED = r"[-+]?\d+\s+\d+\s*/\s*\d+"  # 1 1/2
_FRACTION = r"[-+]?\d+\s*/\s*\d+"  # 3/4
_VALUE = rf"(?:{_MIXED}|{_FRACTION}|{_NUMBER})"
_FT_IN = re.compile(
    rf"^\s*(?P<ft>{_VALUE})\s*(?:'|′|ft|feet|foot)\s*(?P<inch>{_VALUE})\s*(?:\"|″|in|inch|inches)?\s*$"
)
_VALUE_UNIT = re.compile(rf"^\s*(?P<value>{_VALUE})\s*(?P<unit>.*?)\s*$")
_UNIT_ALIASES = {'"': "inch", "″": "inch", "''": "inch", "'": "foot", "′": "foot", "°": "degree"}


def _number(text: str) -> float:
    text = text.strip()
    if "/" in text:
        sign = -1 if text.startswith("-") else 1
        text = text.lstrip("+-")
        parts = text.split()
        whole = Fraction(parts[0]) if len(parts) == 2 else Fraction(0)
        frac = Fraction(parts[-1].replace(" ", ""))
        if frac.denominator == 0:
            raise ZeroDivisionError
        return float(sign * (whole + frac))
    return float(text)


def dimension_name(unit: str | pint.Unit) -> str:
    """A plain-words name of a unit's dimension: 'length', 'force', 'angle'…"""
    u = ureg.Unit(unit) if isinstance(unit, str) else unit
    if u.dimensionless:
        return "angle" if u in (ureg.degree, ureg.radian) else "number"
    row = _dimension(u)
    return row[1] if row else str(u.dimensionality)


def _example(unit: str) -> str:
    name = dimension_name(unit)
    return {
        "length": "e.g. 18 mm, 3/4 in, 1' 6\"",
        "angle": "e.g. 45 deg",
        "force": "e.g. 200 N, 45 lbf",
        "pressure": "e.g. 10 MPa, 1500 psi",
        "mass": "e.g. 5 kg, 11 lb",
        "temperature": "e.g. 45 degC",
    }.get(name, f"e.g. 1 {unit}")


def parse_quantity(value: QuantityLike, unit: str, name: str = "value") -> pint.Quantity:
    """Parse user input into a quantity with the dimension of `unit`.

    `value` may be a pint quantity, a bare number (taken in `unit`) or text such as ``3/4 in``.
    Raises `UnitError` naming `name`, the text and the expected dimension.
    """
    expected = ureg.Unit(unit)
    if isinstance(value, pint.Quantity):
        q = value
    elif isinstance(value, bool):
        raise UnitError(f"{name}: {value!r} is not a {dimension_name(expected)} ({_example(unit)})")
    elif isinstance(value, (int, float)):
        q = Q_(float(value), expected)
    elif isinstance(value, str):
        q = _parse_text(value, expected, unit, name)
    else:
        raise UnitError(
            f"{name}: {value!r} is not a {dimension_name(expected)} ({_example(unit)})"
        )
    if q.dimensionality != expected.dimensionality:
        raise UnitError(
            f"{name}: {_shown(value)} is a {dimension_name(q.units)}, "
            f"expected a {dimension_name(expected)} ({_example(unit)})"
        )
    if not math.isfinite(q.magnitude):
        raise UnitError(f"{name}: {_shown(value)} is not a finite number")
    return q.to(expected)


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else f"{value:~P}" if isinstance(
        value, pint.Quantity
    ) else repr(value)


def _parse_text(text: str, expected: pint.Unit, unit: str, name: str) -> pint.Quantity:
    bad = UnitError(
        f'{name}: "{text}" is not a {dimension_name(expected)} ({_example(unit)})'
    )
    m = _FT_IN.match(text)
    try:
        if m:
            return Q_(_number(m["ft"]), "foot") + Q_(_number(m["inch"]), "inch")
        m = _VALUE_UNIT.match(text)
        if not m:
            raise bad
        magnitude = _number(m["value"])
        unit_text = m["unit"]
        if not unit_text:
            return Q_(magnitude, expected)
        unit_text = _UNIT_ALIASES.get(unit_text, unit_text)
        if not re.fullmatch(r"[A-Za-z_µ°Ω][A-Za-z0-9_µ°Ω*/^ .]*", unit_text):
            raise bad
        return Q_(magnitude, ureg.parse_units(unit_text))
    except (pint.errors.PintError, ValueError, ZeroDivisionError, AttributeError, TypeError):
        raise bad from None


def display_unit(q: pint.Quantity | str, system: UnitSystem | str = UnitSystem.METRIC) -> str:
    """The unit a quantity (or a unit's dimension) is shown in for `system`."""
    u = ureg.Unit(q) if isinstance(q, str) else q.units
    row = _dimension(u)
    if row is None:
        return str(u)
    return row[3] if UnitSystem(system) is UnitSystem.IMPERIAL else row[2]


def _is_delta(q: pint.Quantity) -> bool:
    return str(q.units) in ("kelvin", "delta_degree_Celsius", "delta_degree_Fahrenheit")


def fmt(q: pint.Quantity, system: UnitSystem | str = UnitSystem.METRIC, digits: int = 4) -> str:
    """Format a quantity for people, in the display unit of `system`, with `digits` significant digits."""
    if _is_delta(q):  # a temperature difference: K or °F-difference, never an absolute scale
        imperial = UnitSystem(system) is UnitSystem.IMPERIAL
        q = q.to("delta_degF" if imperial else "kelvin")
        return f"{q.magnitude:.{digits}g} {'°F' if imperial else 'K'}"
    target = display_unit(q, system)
    shown = q.to(target) if target != str(q.units) else q
    mag = shown.magnitude
    text = f"{mag:.{digits}g}" if mag != 0 else "0"
    unit = f"{shown.units:~P}".replace("°C", "°C").replace(" ", "")
    return f"{text} {unit}" if unit else text
