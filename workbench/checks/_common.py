"""Private helpers shared by the check modules: argument validation and message formatting.

Every public check takes pint quantities. `_require` is the one place that turns a wrong dimension
into a `UnitError` naming the argument and the expected dimension; the temperature helpers add the
absolute-versus-difference distinction pint cannot see from dimensions alone.
"""

from __future__ import annotations

import math
from dataclasses import replace
import string
from typing import Any, NamedTuple

import pint

from workbench.checks.result import WARN_AT, CheckResult, Status
from workbench.errors import BoundsError, UnitError
from workbench.i18n import N_
from workbench.units import Q_, dimension_name, ureg

# Units whose presence among the inputs makes a check speak in inches, pounds and °F.
_IMPERIAL = {
    "inch",
    "foot",
    "yard",
    "mile",
    "force_pound",
    "pound_force",
    "kip",
    "pound",
    "degree_Fahrenheit",
    "delta_degree_Fahrenheit",
    "degree_Rankine",
    "pound_force_per_square_inch",
    "kip_per_square_inch",
}

_EXAMPLES = {
    "length": "e.g. 18 mm or 3/4 in",
    "force": "e.g. 200 N or 45 lbf",
    "pressure": "e.g. 10 MPa or 1500 psi",
    "temperature": "e.g. 20 degC or 68 degF",
    "area": "e.g. 157 mm**2",
    "speed": "e.g. 26 m/s",
    "density": "e.g. 1.25 kg/m**3",
}


def _dimension_words(unit: str) -> str:
    name = dimension_name(ureg.Unit(unit))
    overrides = {
        "[length] ** 4": "second moment of area",
        "[mass] * [length] ** 2 / [time] ** 2": "moment",
        "1 / [temperature]": "thermal expansion coefficient",
        "[mass] / [time] ** 2": "force per length",
    }
    return overrides.get(name, name)


def _require(value: Any, unit: str, name: str) -> pint.Quantity:
    """Return `value` if it is a finite pint quantity with the dimension of `unit`, else raise.

    Raises `UnitError` with one line naming the argument `name`, what it got and the dimension
    expected (the dimension of `unit`, e.g. "mm" → length).
    """
    expected = ureg.Unit(unit)
    words = _dimension_words(unit)
    example = _EXAMPLES.get(words, f"e.g. 1 {unit}")
    if not isinstance(value, pint.Quantity):
        raise UnitError(f"{name}: {value!r} has no unit, expected a {words} ({example})")
    if value.dimensionality != expected.dimensionality:
        got = _dimension_words(str(value.units)) if not value.unitless else "plain number"
        raise UnitError(f"{name}: {value:~P} is a {got}, expected a {words} ({example})")
    if not math.isfinite(float(value.magnitude)):
        raise UnitError(f"{name}: {value:~P} is not a finite number")
    return value


def _positive(value: Any, unit: str, name: str) -> float:
    """`_require`, then the magnitude in `unit`, which must be > 0 (else `BoundsError`)."""
    q = _require(value, unit, name)
    magnitude = float(q.to(unit).magnitude)
    if magnitude <= 0:
        raise BoundsError(f"{name}: {q:~P} must be greater than zero")
    return magnitude


def _temperature(value: Any, name: str) -> float:
    """An absolute temperature (20 degC, 68 degF, 293 K) as kelvin; differences are refused."""
    q = _require(value, "K", name)
    if "delta_" in str(q.units):
        raise UnitError(
            f"{name}: {q:~P} is a temperature difference, expected a temperature (e.g. 20 degC)"
        )
    kelvin = float(q.to("K").magnitude)
    if kelvin < 0:
        raise BoundsError(f"{name}: {q:~P} is below absolute zero")
    return kelvin


def _temperature_rise(low: Any, high: Any, low_name: str, high_name: str) -> float:
    """`high` − `low` in kelvin, both absolute temperatures; negative when `high` is colder.

    Subtracting in the inputs' own unit keeps 45 degC − 20 degC exactly 25 K, so a part that
    just fits is not failed by rounding.
    """
    _temperature(low, low_name)
    _temperature(high, high_name)
    return float((high - low).to("K").magnitude)


def _temperature_difference(value: Any, name: str) -> float:
    """A temperature difference (10 K, 10 delta_degC, 18 delta_degF) in kelvin.

    Absolute offset units (degC, degF) are refused: "30 degC" as a rise is ambiguous in pint.
    """
    q = _require(value, "K", name)
    if not q._is_multiplicative:
        raise UnitError(
            f"{name}: {q:~P} is a temperature, expected a temperature difference "
            "(e.g. 10 K or 10 delta_degC)"
        )
    return float(q.to("K").magnitude)


def _dimensionless(value: Any, name: str) -> float:
    """A dimensionless quantity (e.g. 50 percent, 0.5) as a plain fraction."""
    q = _require(value, "dimensionless", name)
    return float(q.to("dimensionless").magnitude)


def _imperial(*values: Any) -> bool:
    """True when any input quantity is in US customary units: messages then use inches, lbf, °F."""
    for v in values:
        if isinstance(v, pint.Quantity) and any(u in _IMPERIAL for u, _ in v.unit_items()):
            return True
    return False


def _show(q: pint.Quantity, unit: str, digits: int = 3) -> str:
    """`q` in `unit` to `digits` significant digits, never in exponent form ("3.2 mm", "1300 mm").

    A force shown in N switches to kN from 1 kN up, so messages read "60.3 kN", not "60300 N".
    """
    if unit == "N" and abs(float(q.to("N").magnitude)) >= 1000:
        unit = "kN"
    shown = q.to(unit)
    mag = float(shown.magnitude)
    if mag == 0 or not math.isfinite(mag):
        text = "0" if mag == 0 else str(mag)
    else:
        exponent = math.floor(math.log10(abs(mag)))
        rounded = round(mag, digits - 1 - exponent)
        decimals = max(digits - 1 - exponent, 0)
        text = f"{rounded:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return f"{text} {shown.units:~P}"


def _q(magnitude: float, unit: str) -> pint.Quantity:
    return Q_(magnitude, unit)


def _clean(q: pint.Quantity) -> pint.Quantity:
    """`q` rounded to 12 significant digits, dropping floating-point noise (3.0000000000000004)."""
    return Q_(float(f"{float(q.magnitude):.12g}"), q.units)


def _status(utilisation: float) -> Status:
    """The status `CheckResult.compare` would give for `utilisation`."""
    if utilisation > 1.0:
        return Status.FAIL
    return Status.WARN if utilisation > WARN_AT else Status.PASS


class _Words(NamedTuple):
    """A check's sentence three ways: as shown in the check's own units (`text`), and as a
    `template` with named `quantities` that the edge formats in the reader's units."""

    text: str
    template: str
    quantities: dict[str, Any]
    system: str


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _words(template: str, **named: Any) -> _Words:
    """A sentence from `template` ("stressed to {stress}") and named values.

    A value given as ``(quantity, unit)`` is shown in `unit` in `text` (``_show``) and carried as
    the quantity; a bare quantity or text is shown as it is. A text value may itself be a
    fragment naming other values ("{load} at mid-span"): it is filled in first. Every
    placeholder must be named. Mark `template` and word values with `N_` so they are
    translated where shown (`CheckResult.render`).
    """
    fragments = {k: v for k, v in named.items() if isinstance(v, str) and _fields(v)}
    fields = _fields(template).union(*(_fields(v) for v in fragments.values()))
    if fields != set(named):
        raise KeyError(f"template names {sorted(fields)}, given {sorted(named)}")
    shown: dict[str, str] = {}
    quantities: dict[str, Any] = {}
    system = "metric"
    for key, v in named.items():
        if key in fragments:
            quantities[key] = v
        elif isinstance(v, tuple):
            q, unit = v
            shown[key], quantities[key] = _show(q, unit), q.to(unit)
            if _imperial(Q_(1, unit)):
                system = "imperial"
        else:
            shown[key] = f"{v:~P}" if isinstance(v, pint.Quantity) else str(v)
            quantities[key] = v
    for key, v in fragments.items():
        shown[key] = v.format(**shown)
    return _Words(template.format(**shown), template, quantities, system)


def _compare(
    name: str, value: pint.Quantity, limit: pint.Quantity, *, message: str | _Words,
    reference: str, load_bearing: bool = False,
) -> CheckResult:
    """`CheckResult.compare` on de-noised value and limit, so an exact fit is not a failure.

    A `_Words` message also gives the result its template and named quantities."""
    text = message.text if isinstance(message, _Words) else message
    result = CheckResult.compare(
        name, _clean(value), _clean(limit), message=text, reference=reference,
        load_bearing=load_bearing,
    )
    if isinstance(message, _Words):
        result = result.with_words(message.template, message.quantities, message.system)
    return result


def _amount(value: float, unit: str = "", places: int | None = None) -> pint.Quantity:
    """`value` in `unit` as a message shows it: rounded to `places` decimals (None: to six
    significant digits, like ``{x:g}``); a whole number is written without a decimal point ("18 kN/m³", like ``{x:g}``) unless
    `places` asks for one ("63.0 MPa"), so `_words` text reads as the f-string it replaces and
    other languages show the same digits."""
    mag = round(float(value), places) if places is not None else float(f"{float(value):g}")
    return Q_(int(mag) if mag.is_integer() and not places else mag, unit)


def _around(result: CheckResult, template: str, **named: Any) -> CheckResult:
    """`result` with its message set into `template` at ``{check}`` ("Leg {where}: {check}").

    The English message is `template` filled with `named` (as in `_words`) and `result.message`;
    for other languages and units the result keeps its own template as the fragment ``check``
    beside `named`, so the shared check's sentence and the prefix are each translated. Mark
    `template` and word values with `N_`."""
    if "check" in named or "check" not in _fields(template):
        raise KeyError(f"template {template!r} must place the check's own message at {{check}}")
    own = dict(result.quantities)
    clash = sorted(set(own) & set(named))
    if clash:
        raise KeyError(f"template names {clash}, already named by the check's own message")
    words = _words(template, check=result.message.replace("{", "{{").replace("}", "}}"),
                   **named)
    text = words.text.replace("{{", "{").replace("}}", "}")
    inner = result.template or result.message
    system = "imperial" if "imperial" in (_system(words.quantities, words.system),
                                          result.message_system) else "metric"
    return replace(result, message=text).with_words(
        template, {**own, **{k: v for k, v in words.quantities.items() if k != "check"},
                   "check": inner}, system)


def _system(quantities: dict[str, Any], system: str = "metric") -> str:
    """"imperial" when `system` is, or any quantity among `quantities` is in inches, pounds or
    °F (the units a message speaks); else "metric"."""
    if any(isinstance(q, pint.Quantity) and _imperial(q) for q in quantities.values()):
        return "imperial"
    return system


def _worded(result: CheckResult, words: _Words, system: str | None = None) -> CheckResult:
    """`result` saying `words`: its message is ``words.text``, with the template and named
    quantities for other languages and units (for checks built by `CheckResult.compare` itself).
    The unit system the text speaks is `system`, else found from the quantities (`_system`)."""
    return replace(result, message=words.text).with_words(
        words.template, words.quantities, system or _system(words.quantities, words.system))
