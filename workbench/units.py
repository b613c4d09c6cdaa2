"""The project's one pint registry, parsing of what users type, and display per unit system.

Users type lengths as they think of them: ``18mm``, ``18 mm``, ``3/4 in``, ``0.75"``, ``1' 6"``,
``1 1/2 in``, ``1.5 ft``, ``6′ 2 1/2″``, ``40 psf``, ``2 kgf/cm²``. A bare number takes the
parameter's declared unit. Parsing is strict: text that is not a quantity, or a quantity of the
wrong dimension, raises `UnitError` naming the parameter, the text and the expected dimension.

Numbers follow the locale (`set_locale`, `using_locale`; default "en"): ``18,5 mm`` where the
locale writes a decimal comma, and "." is always read as a decimal point unless it could be the
locale's thousands separator. A thousands separator is never guessed: ``1,500`` in English or
``1.500`` in Spanish could be 1500 or 1.5 written the other way, so it is refused with both
readings named. Files the workbench reads (data, variants) are parsed as "en".

Display (`fmt`) uses the locale's decimal symbol; with ``fraction=16/32/64`` imperial lengths read
as on a tape (``5 7/8″``, ``6′ 2 1/2″``), the session's choice in `get_inch_fraction`.
"""

from __future__ import annotations

import math
import re
from enum import Enum
from fractions import Fraction
from typing import Any, Union

import pint
from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

from workbench.errors import UnitError
from workbench.i18n import N_, _, _checked_locale, get_locale, set_locale, using_locale  # noqa: F401

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
CURRENCIES = ("EUR", "USD", "INR", "KES", "PEN", "BRL", "MXN", "ZAR", "NGN", "GHS", "IDR", "PHP", "BDT")
"""ISO 4217 codes a stock catalog may price in: each its own dimension (no exchange rates)."""
for _code in CURRENCIES:
    ureg.define(f"{_code} = [currency_{_code.lower()}]")
# Units people type that pint 0.25 lacks (values: NIST SP 811 (2008) appendix B; tested in
# tests/test_units_customary.py). `cfm` must be a unit, else pint reads it as centi-fermi.
ureg.define("psf = force_pound / foot ** 2")
ureg.define("plf = force_pound / foot")
ureg.define("cfm = foot ** 3 / minute")
ureg.define("gal_US = gallon = US_gallon")
ureg.define("gal_imp = imperial_gallon")
ureg.define("degF_day = delta_degree_Fahrenheit * day = °F_day")
ureg.define("degC_day = kelvin * day = K_day")
Q_ = ureg.Quantity
Quantity = pint.Quantity
pint.set_application_registry(ureg)

QuantityLike = Union[pint.Quantity, float, int, str]

# The locale (one setting for numbers and words) lives in workbench.i18n, which needs no pint.


class InchFraction(int, Enum):
    """The finest fraction of an inch lengths are shown to in imperial (a tape's marks)."""

    SIXTEENTH = 16
    THIRTY_SECOND = 32
    SIXTY_FOURTH = 64


_SESSION_FRACTION = {"denominator": InchFraction.SIXTEENTH}
FEET_FROM = 24
"""Imperial lengths of this many inches and more are shown in feet and inches (6′ 2 1/2″)."""


def set_inch_fraction(denominator: int | InchFraction) -> None:
    """Show imperial lengths to 1/16, 1/32 or 1/64 in (`denominator`); refused otherwise."""
    try:
        _SESSION_FRACTION["denominator"] = InchFraction(int(denominator))
    except ValueError:
        raise UnitError(
            f"inch fraction: 1/{denominator} is not offered (1/16, 1/32 or 1/64)"
        ) from None


def get_inch_fraction() -> InchFraction:
    """The fraction of an inch imperial lengths are shown to for a shop (default 1/16)."""
    return _SESSION_FRACTION["denominator"]


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
_UNIT_ALIASES = {
    '"': "inch", "″": "inch", "''": "inch", "'": "foot", "′": "foot", "°": "degree",
    "US gal": "gal_US", "imp gal": "gal_imp", "bd ft": "board_foot", "bd. ft.": "board_foot",
    "°F·day": "degF_day", "°F-day": "degF_day", "°F day": "degF_day", "°F·d": "degF_day",
    "°C·day": "degC_day", "K·day": "degC_day",
}
_SUPERSCRIPTS = {"²": "**2", "³": "**3", "·": "*", "⋅": "*"}
_AMBIGUOUS_UNITS = re.compile(r"(?<![A-Za-z_])(gal|gallons?)(?![A-Za-z_])")
_LOCAL_NUMBER = re.compile(r"\d+(?:[.,]\d+)+")


def _delocalize(text: str, name: str, locale: str) -> str:
    """`text` with each number written with "." as its decimal point, reading the locale's
    decimal symbol. A thousands separator is never guessed: "1,500" in English or "1.500" in
    Spanish could be 1500 or 1.5 written the other way, so it is refused (one line, naming both)."""
    decimal = get_decimal_symbol(locale)
    group = get_group_symbol(locale)

    def one(m: re.Match[str]) -> str:
        token = m.group(0)
        seps = re.findall(r"[.,]", token)
        whole, after = re.split(r"[.,]", token)[:2]
        digits_after = len(after)
        ambiguous = (
            len(seps) > 1
            or (seps[0] == group and digits_after == 3 and whole.strip("0") != "")
        )
        if ambiguous:
            as_decimal = token.replace(seps[0], decimal) if len(seps) == 1 else ""
            head, last, tail = token.rpartition(seps[-1])
            plain = re.sub(r"[.,]", "", token) if len(seps) == 1 or last != decimal else (
                re.sub(r"[.,]", "", head) + decimal + tail)
            either = f"{plain} or {as_decimal}" if as_decimal else plain
            raise UnitError(
                f'{name}: "{text}": "{token}" could be read two ways ({locale} writes decimals '
                f'with "{decimal}" and never reads a thousands separator); write {either}'
            )
        if seps[0] == decimal:
            return str(parse_decimal(token, locale=locale)) if decimal != "." else token
        if seps[0] == ".":  # a point where the locale writes a comma, not a group (≠ 3 digits)
            return token
        raise UnitError(
            f'{name}: "{text}": "," is not a decimal mark in {locale}; '
            f'write "{token.replace(",", ".")}"'
        )

    return _LOCAL_NUMBER.sub(one, text)


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


_A_DIMENSION = {
    "length": N_("a length"), "mass": N_("a mass"), "force": N_("a force"),
    "pressure": N_("a pressure"), "area": N_("an area"), "volume": N_("a volume"),
    "temperature": N_("a temperature"), "density": N_("a density"), "time": N_("a time"),
    "speed": N_("a speed"), "angle": N_("an angle"), "number": N_("a number"),
}


def _a_dimension(unit: str | pint.Unit) -> str:
    """'a length', 'an angle'… in the current language (for error messages)."""
    name = dimension_name(unit)
    return _(_A_DIMENSION[name]) if name in _A_DIMENSION else f"a {name}"


def _not_a(name: str, shown: str, unit: str, expected: pint.Unit) -> UnitError:
    return UnitError(_("{name}: {value} is not {a_dimension} ({example})").format(
        name=name, value=shown, a_dimension=_a_dimension(expected), example=_(_example(unit))))


def _example(unit: str) -> str:
    name = dimension_name(unit)
    return {
        "length": N_("e.g. 18 mm, 3/4 in, 1' 6\""),
        "angle": N_("e.g. 45 deg"),
        "force": N_("e.g. 200 N, 45 lbf"),
        "pressure": N_("e.g. 10 MPa, 1500 psi"),
        "mass": N_("e.g. 5 kg, 11 lb"),
        "temperature": N_("e.g. 45 degC"),
    }.get(name, f"e.g. 1 {unit}")


def parse_quantity(
    value: QuantityLike, unit: str, name: str = "value", *, locale: str | None = None
) -> pint.Quantity:
    """Parse user input into a quantity with the dimension of `unit`.

    `value` may be a pint quantity, a bare number (taken in `unit`) or text such as ``3/4 in``,
    ``18,5 mm`` where `locale` (default `get_locale()`) writes decimals with a comma. A thousands
    separator is refused, never guessed. Files the workbench writes and reads are "en".
    Raises `UnitError` naming `name`, the text and the expected dimension.
    """
    expected = ureg.Unit(unit)
    if isinstance(value, pint.Quantity):
        q = value
    elif isinstance(value, bool):
        raise _not_a(name, repr(value), unit, expected)
    elif isinstance(value, (int, float)):
        q = Q_(float(value), expected)
    elif isinstance(value, str):
        q = _parse_text(value, expected, unit, name, locale or get_locale())
    else:
        raise _not_a(name, repr(value), unit, expected)
    if q.dimensionality != expected.dimensionality:
        raise UnitError(_("{name}: {value} is {a_dimension}, expected {expected} ({example})")
                        .format(name=name, value=_shown(value), a_dimension=_a_dimension(q.units),
                                expected=_a_dimension(expected), example=_(_example(unit))))
    if not math.isfinite(q.magnitude):
        raise UnitError(f"{name}: {_shown(value)} is not a finite number")
    return q.to(expected)


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else f"{value:~P}" if isinstance(
        value, pint.Quantity
    ) else repr(value)


def _parse_text(
    text: str, expected: pint.Unit, unit: str, name: str, locale: str
) -> pint.Quantity:
    bad = _not_a(name, f'"{text}"', unit, expected)
    try:
        text_in = text
        text = _delocalize(text, name, locale)
    except NumberFormatError:
        raise bad from None
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
        for sup, plain in _SUPERSCRIPTS.items():
            unit_text = unit_text.replace(sup, plain)
        if _AMBIGUOUS_UNITS.search(unit_text):
            raise UnitError(
                f'{name}: "{text_in}": "gal" is ambiguous; write gal_US (US gallon, 3.785 L) '
                "or gal_imp (imperial gallon, 4.546 L)"
            )
        if not re.fullmatch(r"[A-Za-z_µ°Ω][A-Za-z0-9_µ°Ω*/^ .]*", unit_text):
            raise bad
        return Q_(magnitude, ureg.parse_units(unit_text))
    except UnitError:
        raise
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


FRACTION_TOLERANCE = 0.02
"""A length is shown as a fraction of an inch only when the fraction is within this share of the
value; a small value (a deflection of 0.02 in at 1/16) keeps its decimals rather than read
"0″"."""


def fmt(
    q: pint.Quantity,
    system: UnitSystem | str = UnitSystem.METRIC,
    digits: int = 4,
    *,
    fraction: int | InchFraction | None = None,
    locale: str | None = None,
) -> str:
    """Format a quantity for people, in the display unit of `system`, with `digits` significant
    digits and the decimal symbol of `locale` (default: `get_locale()`).

    With `fraction` (16, 32 or 64), an imperial length is shown as a shop reads a tape: to the
    nearest 1/`fraction` in (``5 7/8″``), in feet and inches from `FEET_FROM` in
    (``6′ 2 1/2″``).
    """
    decimal = get_decimal_symbol(locale or get_locale())
    imperial = UnitSystem(system) is UnitSystem.IMPERIAL
    if _is_delta(q):  # a temperature difference: K or °F-difference, never an absolute scale
        q = q.to("delta_degF" if imperial else "kelvin")
        return f"{q.magnitude:.{digits}g}".replace(".", decimal) + f" {'°F' if imperial else 'K'}"
    target = display_unit(q, system)
    shown = q.to(target) if target != str(q.units) else q
    mag = shown.magnitude
    if fraction is not None and imperial and target == "in":
        inches = _fraction_inches(float(mag), InchFraction(int(fraction)), decimal)
        if inches:
            return inches
    text = f"{mag:.{digits}g}".replace(".", decimal) if mag != 0 else "0"
    unit = f"{shown.units:~P}".replace("°C", "°C").replace(" ", "")
    return f"{text} {unit}" if unit else text


def _fraction_inches(inches: float, denominator: InchFraction, decimal: str) -> str:
    """`inches` to the nearest 1/`denominator` (``5 29/32″``, ``6′ 2 1/2″``); "" when that
    rounding is off by more than `FRACTION_TOLERANCE` of the value (or it is not finite)."""
    if not math.isfinite(inches):
        return ""
    size = Fraction(round(abs(inches) * denominator.value), denominator.value)
    if inches == 0 or abs(float(size) - abs(inches)) > FRACTION_TOLERANCE * abs(inches):
        return "0″" if inches == 0 else ""
    sign = "-" if inches < 0 else ""
    if size >= FEET_FROM:
        feet = size // 12
        return f"{sign}{feet}′ {_mixed(size - 12 * feet)}″"
    return f"{sign}{_mixed(size)}″"


def _mixed(size: Fraction) -> str:
    whole = size.numerator // size.denominator
    rest = size - whole
    if not rest:
        return str(whole)
    part = f"{rest.numerator}/{rest.denominator}"
    return f"{whole} {part}" if whole else part


def fmt_pair(
    value: pint.Quantity,
    limit: pint.Quantity,
    system: UnitSystem | str = UnitSystem.METRIC,
    *,
    fraction: int | InchFraction | None = None,
) -> tuple[str, str]:
    """`value` and `limit` as `fmt` shows them, both in fractions of an inch or both in decimals,
    so a check's "0.0315 in / 5/16″" never mixes the two."""
    pair = (fmt(value, system, fraction=fraction), fmt(limit, system, fraction=fraction))
    if fraction is not None and any(text.endswith(" in") for text in pair):
        pair = (fmt(value, system), fmt(limit, system))
    return pair
