"""Parameter kinds a design declares: length, angle, force, pressure, mass, count, choice and flag
(stock-bound kinds — sheet thickness, pipe, tube, section, rope — are in `workbench.stockparams`).

A parameter holds plain numbers and a unit *name*, so declaring designs (and `workbench list`/`show`)
never imports pint; quantities are made when a value is resolved. Hard bounds raise `BoundsError`,
never clamp. Sliders use the soft range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from workbench.errors import BoundsError, UnitError
from workbench.i18n import _

if TYPE_CHECKING:  # pint is imported only when a value is resolved
    import pint

Rule = Callable[[Any], bool]
"""A visible-if / enabled-if rule: takes the design (attribute access to values) and returns a bool."""


@dataclass(eq=False)
class Param:
    """Base of every parameter kind. `name` is set from the attribute name in the design class."""

    label: str
    default: Any
    help: str = ""
    group: str = "General"
    visible_if: Rule | None = None
    enabled_if: Rule | None = None
    name: str = field(default="", init=False)

    kind = "param"

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return obj._values[self.name]

    # -- to override ---------------------------------------------------------------------------
    def coerce(self, raw: Any) -> Any:
        """Turn user input into this parameter's value, or raise a one-line WorkbenchError."""
        raise NotImplementedError

    def default_value(self) -> Any:
        """The default as a value of this kind (what `coerce` gives for it)."""
        return self.coerce(self.default)

    def describe_default(self) -> str:
        return str(self.default)

    def describe_allowed(self) -> str:
        return ""

    def kernel(self, value: Any) -> Any:
        """The plain value CadQuery code sees (millimetres, degrees, newtons…)."""
        return value

    def canonical(self, value: Any) -> Any:
        """A JSON-able value for hashing: equal for equal values whatever unit they were typed in."""
        return self.kernel(value)

    def to_text(self, value: Any) -> str:
        """Text that `coerce` reads back into the same value (variant files, CLI)."""
        return str(value)

    def stock_options(self, ctx: Any, material: str | None) -> list[tuple[str, str]] | None:
        """Catalog-bound parameters list what the local stock sells, as (label, text `coerce`
        accepts), for the chosen `material` of their role; None for every other parameter."""
        return None

    def is_visible(self, design: Any) -> bool:
        return self.visible_if is None or bool(self.visible_if(design))

    def is_enabled(self, design: Any) -> bool:
        return self.enabled_if is None or bool(self.enabled_if(design))


def _fmt_num(x: float) -> str:
    return f"{x:g}"


@dataclass(eq=False)
class _Numeric(Param):
    """A quantity with a unit, hard bounds (inclusive), an optional soft (slider) range and step."""

    unit: str = ""
    min: float | None = None
    max: float | None = None
    soft: tuple[float, float] | None = None
    step: float | None = None

    def __post_init__(self) -> None:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"{self.label}: min {self.min} > max {self.max}")
        if not self.in_bounds(float(self.default)):
            raise ValueError(f"{self.label}: default {self.default} outside its bounds")

    def in_bounds(self, magnitude: float) -> bool:
        return (self.min is None or magnitude >= self.min - 1e-9) and (
            self.max is None or magnitude <= self.max + 1e-9
        )

    @property
    def slider_range(self) -> tuple[float, float]:
        """Soft range if declared, else the hard bounds, else a range around the default."""
        if self.soft is not None:
            return self.soft
        lo = self.min if self.min is not None else min(0.0, float(self.default))
        hi = self.max if self.max is not None else max(2.0 * float(self.default), lo + 1.0)
        return (lo, hi)

    def coerce(self, raw: Any) -> "pint.Quantity":
        from workbench.units import parse_quantity

        q = parse_quantity(raw, self.unit, self.name or self.label)
        if not self.in_bounds(float(q.magnitude)):
            raise BoundsError(_("{name}: {value} is out of range; allowed {allowed}").format(
                name=self.name, value=f"{_fmt_num(q.magnitude)} {self.unit}",
                allowed=self.describe_allowed()))
        return q

    def default_value(self) -> "pint.Quantity":
        from workbench.units import Q_

        return Q_(float(self.default), self.unit)

    def describe_default(self) -> str:
        return f"{_fmt_num(float(self.default))} {self.unit}"

    def describe_allowed(self) -> str:
        lo = "-inf" if self.min is None else _fmt_num(self.min)
        hi = "inf" if self.max is None else _fmt_num(self.max)
        return _("{low} to {high} {unit}").format(low=lo, high=hi, unit=self.unit)

    def kernel(self, value: "pint.Quantity") -> float:
        return float(value.to(self.kernel_unit).magnitude)

    def canonical(self, value: "pint.Quantity") -> float:
        return float(f"{self.kernel(value):.9g}")

    def to_text(self, value: "pint.Quantity") -> str:
        return f"{value.magnitude:g} {self.unit}"

    @property
    def kernel_unit(self) -> str:
        return self.unit


@dataclass(eq=False)
class Length(_Numeric):
    """A length; CadQuery sees millimetres."""

    unit: str = "mm"
    kind = "length"

    @property
    def kernel_unit(self) -> str:
        return "mm"


@dataclass(eq=False)
class Angle(_Numeric):
    """An angle; CadQuery sees degrees."""

    unit: str = "deg"
    kind = "angle"

    @property
    def kernel_unit(self) -> str:
        return "deg"


@dataclass(eq=False)
class Force(_Numeric):
    """A force (a load case input); checks see newtons."""

    unit: str = "N"
    kind = "force"

    @property
    def kernel_unit(self) -> str:
        return "N"


@dataclass(eq=False)
class Pressure(_Numeric):
    """A pressure or distributed load per area."""

    unit: str = "kPa"
    kind = "pressure"


@dataclass(eq=False)
class Mass(_Numeric):
    """A mass (e.g. what a shelf carries)."""

    unit: str = "kg"
    kind = "mass"


@dataclass(eq=False)
class RotationalSpeed(_Numeric):
    """A speed of turning (a crank's turns a minute); checks see revolutions per minute."""

    unit: str = "rpm"
    kind = "rotational-speed"

    @property
    def kernel_unit(self) -> str:
        return "rpm"


@dataclass(eq=False)
class Count(Param):
    """A whole number with inclusive bounds."""

    min: int | None = None
    max: int | None = None
    kind = "count"

    def __post_init__(self) -> None:
        if isinstance(self.default, bool) or not isinstance(self.default, int):
            raise ValueError(f"{self.label}: default must be an int")

    def coerce(self, raw: Any) -> int:
        name = self.name or self.label
        value: int
        try:
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, str):
                f = float(raw.strip())
            else:
                f = float(raw)
            if not f.is_integer():
                raise ValueError
            value = int(f)
        except (TypeError, ValueError):
            raise UnitError(_("{name}: {value} is not a whole number").format(
                name=name, value=repr(raw))) from None
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            raise BoundsError(_("{name}: {value} is out of range; allowed {allowed}").format(
                name=name, value=value, allowed=self.describe_allowed()))
        return value

    def default_value(self) -> int:
        return self.default

    def describe_allowed(self) -> str:
        return _("{low} to {high}").format(low=self.min, high=self.max)


@dataclass(eq=False)
class Choice(Param):
    """One of labelled options: `options` maps value → label (or is a sequence of values)."""

    options: Mapping[str, str] | Sequence[str] = ()
    kind = "choice"

    def __post_init__(self) -> None:
        if not isinstance(self.options, Mapping):
            self.options = {str(o): str(o) for o in self.options}
        if self.default not in self.options:
            raise ValueError(f"{self.label}: default {self.default!r} not among options")

    def coerce(self, raw: Any) -> str:
        text = str(raw).strip()
        if text in self.options:
            return text
        for value, label in self.options.items():  # accept the label too
            if text.lower() in (value.lower(), str(label).lower()):
                return value
        raise BoundsError(_("{name}: {value} is not an option; allowed {allowed}").format(
            name=self.name, value=repr(raw), allowed=self.describe_allowed()))

    def default_value(self) -> str:
        return self.default

    def describe_allowed(self) -> str:
        return ", ".join(self.options)


_TRUE = {"true", "yes", "on", "1", "y"}
_FALSE = {"false", "no", "off", "0", "n"}


@dataclass(eq=False)
class Flag(Param):
    """A yes/no option."""

    kind = "flag"

    def coerce(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise UnitError(f"{self.name}: {raw!r} is not yes/no; allowed true, false")

    def default_value(self) -> bool:
        return bool(self.default)

    def describe_allowed(self) -> str:
        return "true, false"

    def to_text(self, value: bool) -> str:
        return "true" if value else "false"


def declared(cls: type) -> dict[str, Param]:
    """The parameters of a design class, in declaration order (base classes first)."""
    out: dict[str, Param] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, Param):
                out[name] = value
    return out


def __getattr__(name: str) -> Any:
    """`StockThickness` lives with the other stock-bound kinds in `workbench.stockparams`."""
    if name == "StockThickness":
        from workbench.stockparams import StockThickness

        return StockThickness
    raise AttributeError(f"module 'workbench.params' has no attribute {name!r}")
