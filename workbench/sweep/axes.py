"""What a sweep varies: parameters, materials per role, and the context (stock, climate, workshop).

An axis is written ``NAME=SPEC``:

- ``arm=600mm..1200mm:7`` — 7 values from 600 to 1200 mm, ends included (any unit);
- ``holes=0..4`` — every whole number from 0 to 4 (a count);
- ``make=printed,plywood`` / ``gusset=true,false`` / ``sheet=12mm,15mm,18mm`` — a list;
- ``make=*`` — every option of a choice or flag; ``sheet=*`` — every sheet the stock catalog sells
  for the role's material in that combination (likewise timber sections and tubes, see
  `StockBound.offered`);
- ``material.plate=plywood-birch,plywood-softwood`` or ``material.plate=*`` (every material made by
  the role's process);
- ``stock=eu-metric,us-customary``, ``climate=*``, ``workshop=*``.

Every value is checked when the axis is read (unit, bounds, known names): a typo is one user error,
not a sweep full of failed rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from workbench.errors import BoundsError, UnknownNameError, WorkbenchError
from workbench.params import Choice, Count, Flag, Param, _Numeric
from workbench.stockparams import StockBound, stock_choice

if TYPE_CHECKING:
    from workbench.context import Context
    from workbench.design import Design

MAX_COMBINATIONS = 100_000
"""A sweep larger than this is refused (split it, or narrow an axis)."""

ALL = "*"
_RANGE = re.compile(r"^(?P<a>.+?)\.\.(?P<b>[^:]+?)(?::(?P<n>\d+))?$")
CONTEXT_AXES = ("stock", "climate", "workshop")
MATERIAL_PREFIX = "material."


class AxisKind(str, Enum):
    """What an axis changes."""

    VALUE = "value"
    MATERIAL = "material"
    CONTEXT = "context"


@dataclass(frozen=True)
class Axis:
    """One varied name and its values: `inputs` go to the design or context, `labels` to tables,
    `coords` to plots (numbers in the parameter's unit where the parameter is numeric)."""

    name: str
    kind: AxisKind
    inputs: tuple[Any, ...]
    labels: tuple[str, ...]
    coords: tuple[Any, ...]
    unit: str = ""
    every_stock: bool = False
    """``sheet=*``: the values depend on the combination's material and stock (see `combinations`)."""

    @property
    def target(self) -> str:
        """The parameter, role or context field it sets."""
        return self.name.removeprefix(MATERIAL_PREFIX)


@dataclass(frozen=True)
class Combination:
    """One point of a sweep: constructor values, context, and each axis's label and coordinate."""

    values: Mapping[str, Any]
    context: "Context"
    labels: Mapping[str, str]
    coords: Mapping[str, Any] = field(default_factory=dict)


def exact_text(p: Param, value: Any) -> Any:
    """A value as constructor input that reads back exactly (floats at full precision)."""
    if isinstance(p, _Numeric):
        return f"{float(value.m_as(p.unit))!r} {p.unit}"
    return value


def _known(design_cls: type["Design"]) -> str:
    names = list(design_cls.params()) + [f"{MATERIAL_PREFIX}{r}" for r in design_cls.roles]
    return ", ".join(names + list(CONTEXT_AXES))


def _items(spec: str) -> list[str]:
    items = [s.strip() for s in spec.split(",")]
    if not all(items):
        raise WorkbenchError(f"'{spec}' has an empty item; write values separated by commas")
    return items


def _context_axis(name: str, spec: str) -> Axis:
    from workbench.context import climates, stock_catalog, workshops
    from workbench.context.climate import climate
    from workbench.context.stock import stock_catalog_ids
    from workbench.context.workshops import workshop

    everything = {"stock": stock_catalog_ids, "climate": lambda: list(climates()),
                  "workshop": lambda: list(workshops())}[name]
    check = {"stock": stock_catalog, "climate": climate, "workshop": workshop}[name]
    ids = list(everything()) if spec == ALL else _items(spec)
    for i in ids:
        check(i)  # unknown names: one line listing the known ones
    return Axis(name, AxisKind.CONTEXT, tuple(ids), tuple(ids), tuple(ids))


def _material_axis(design_cls: type["Design"], name: str, spec: str) -> Axis:
    from workbench.context import material, materials

    role = name.removeprefix(MATERIAL_PREFIX)
    if role not in design_cls.roles:
        raise UnknownNameError(
            f"{design_cls.id}: unknown material role '{role}'; roles: {', '.join(design_cls.roles)}"
        )
    process = design_cls.roles[role].process
    if spec == ALL:
        ids = [m.id for m in materials().values() if m.suits(process)]
    else:
        ids = _items(spec)
        for i in ids:
            if not material(i).suits(process):
                raise BoundsError(
                    f"{name}: material '{i}' is not made by {process.value}; "
                    f"allowed: {', '.join(m.id for m in materials().values() if m.suits(process))}"
                )
    return Axis(name, AxisKind.MATERIAL, tuple(ids), tuple(ids), tuple(ids))


def _range(p: Param, spec: str, m: re.Match[str]) -> Axis:
    n = int(m["n"]) if m["n"] else None
    if isinstance(p, Count):
        a, b = p.coerce(m["a"]), p.coerce(m["b"])
        if n is None:
            ints = list(range(a, b + 1) if a <= b else range(a, b - 1, -1))
        else:
            raw = [a + (b - a) * i / (n - 1) for i in range(n)] if n > 1 else [a]
            if any(abs(x - round(x)) > 1e-9 for x in raw):
                raise WorkbenchError(f"{p.name}: {spec} does not give whole numbers; try {a}..{b}")
            ints = [int(round(x)) for x in raw]
        return Axis(p.name, AxisKind.VALUE, tuple(ints), tuple(str(i) for i in ints), tuple(ints))
    if not isinstance(p, _Numeric):
        raise WorkbenchError(f"{p.name}: a range needs a number; allowed {p.describe_allowed()}")
    if n is None or n < 1:
        raise WorkbenchError(f"{p.name}: give how many values, e.g. {m['a']}..{m['b']}:5")
    lo, hi = (float(p.coerce(m[k]).m_as(p.unit)) for k in ("a", "b"))
    mags = [lo + (hi - lo) * i / (n - 1) for i in range(n)] if n > 1 else [lo]
    inputs = tuple(f"{x!r} {p.unit}" for x in mags)
    for text in inputs:
        p.coerce(text)
    labels = tuple(f"{x:g} {p.unit}" for x in mags)
    return Axis(p.name, AxisKind.VALUE, inputs, labels, tuple(mags), unit=p.unit)


def _value_axis(design_cls: type["Design"], p: Param, spec: str) -> Axis:
    if spec == ALL:
        if stock_bound(p):
            return Axis(p.name, AxisKind.VALUE, (), (), (), unit=getattr(p, "unit", ""),
                        every_stock=True)
        if isinstance(p, Choice):
            opts = tuple(p.options)
            return Axis(p.name, AxisKind.VALUE, opts, opts, opts)
        if isinstance(p, Flag):
            return Axis(p.name, AxisKind.VALUE, (False, True), ("false", "true"), (False, True))
        if isinstance(p, Count) and p.min is not None and p.max is not None:
            spec = f"{p.min}..{p.max}"
        else:
            raise WorkbenchError(f"{p.name}: '*' needs a choice, a flag, a count or a sheet; "
                                 f"give a range such as 100mm..300mm:5")
    m = _RANGE.match(spec)
    if m and not isinstance(p, (Choice, Flag)):
        return _range(p, spec, m)
    items = _items(spec)
    coerced = [p.coerce(i) for i in items]
    if isinstance(p, _Numeric):
        mags = tuple(float(q.m_as(p.unit)) for q in coerced)
        return Axis(p.name, AxisKind.VALUE, tuple(items), tuple(p.to_text(q) for q in coerced),
                    mags, unit=p.unit)
    return Axis(p.name, AxisKind.VALUE, tuple(coerced), tuple(p.to_text(v) for v in coerced),
                tuple(coerced))


def parse_axis(design_cls: type["Design"], text: str) -> Axis:
    """An axis from ``NAME=SPEC`` (see the module docstring); one-line errors."""
    name, sep, spec = text.partition("=")
    name, spec = name.strip(), spec.strip()
    if not sep or not name or not spec:
        raise WorkbenchError(f"--vary '{text}' is not NAME=VALUES (e.g. arm=100mm..300mm:5)")
    if name in CONTEXT_AXES:
        return _context_axis(name, spec)
    if name.startswith(MATERIAL_PREFIX):
        return _material_axis(design_cls, name, spec)
    params = design_cls.params()
    if name not in params:
        raise UnknownNameError(f"{design_cls.id}: cannot vary '{name}'; known: {_known(design_cls)}")
    return _value_axis(design_cls, params[name], spec)


def axes_from(design_cls: type["Design"], vary: Any) -> list[Axis]:
    """Axes from ``["arm=…", …]``, ``{"arm": "100mm..300mm:5", "make": ["printed", …]}`` or Axis."""
    if isinstance(vary, Mapping):
        texts = []
        for k, v in vary.items():
            spec = v if isinstance(v, str) else ",".join(
                ("true" if x else "false") if isinstance(x, bool) else str(x) for x in v)
            texts.append(f"{k}={spec}")
        vary = texts
    axes = [a if isinstance(a, Axis) else parse_axis(design_cls, a) for a in vary]
    names = [a.name for a in axes]
    for n in names:
        if names.count(n) > 1:
            raise WorkbenchError(f"'{n}' is varied twice; give all its values in one --vary")
    return axes


def _stock_entries(p: StockBound, ctx: "Context", mat: str | None) -> list[tuple[Any, str, Any]]:
    """(input, label, coordinate) of each item the place sells for the parameter (`offered`)."""
    out = []
    for item in p.offered(ctx, mat):
        value = p.value_of(item)
        text = p.to_text(value)  # type: ignore[attr-defined]
        coord = float(value.m_as(p.unit)) if hasattr(value, "m_as") else item.id  # type: ignore[attr-defined]
        out.append((text, item.label, coord))
    return out


stock_bound = stock_choice
"""A parameter that picks stock for a role's material (`workbench.stockparams.stock_choice`)."""


def _stock_axis(design_cls: type["Design"], axis: Axis, values: Mapping[str, Any],
                ctx: "Context") -> Axis | None:
    """``NAME=*`` for one combination: what is sold for the role's material in that stock; None
    when the combination's design hides the parameter (its value does not matter there)."""
    from workbench.context import material

    p = design_cls.params()[axis.name]
    try:
        if not p.is_visible(design_cls(**values)):
            return None
    except WorkbenchError:
        pass
    role = p.role  # type: ignore[attr-defined]
    mat = material(ctx.roles.get(role, design_cls.roles[role].default)).id
    found = _stock_entries(p, ctx, mat)  # type: ignore[arg-type]
    if not found:  # the place sells none: one pass with the value as it is (its checks say so)
        return None
    return Axis(axis.name, axis.kind, tuple(f[0] for f in found), tuple(f[1] for f in found),
                tuple(f[2] for f in found), unit=axis.unit)


def combinations(
    design_cls: type["Design"], base: Mapping[str, Any], ctx: "Context", axes: Sequence[Axis]
) -> list[Combination]:
    """Every combination of `axes` over `base` values and context `ctx`, in axis order
    (context and material axes first, so ``sheet=*`` sees each combination's material)."""
    ordered = sorted(axes, key=lambda a: (a.kind is AxisKind.VALUE, a.every_stock))
    out: list[Combination] = []

    def walk(i: int, values: dict[str, Any], c: "Context", labels: dict[str, str],
             coords: dict[str, Any]) -> None:
        if i == len(ordered):
            out.append(Combination(dict(values), c, dict(labels), dict(coords)))
            if len(out) > MAX_COMBINATIONS:
                raise WorkbenchError(
                    f"the sweep has more than {MAX_COMBINATIONS} combinations; narrow an axis")
            return
        axis = ordered[i]
        if axis.every_stock:
            sold = _stock_axis(design_cls, axis, values, c)
            if sold is None:  # hidden here: one pass with the base value
                walk(i + 1, values, c, {**labels, axis.name: "-"}, {**coords, axis.name: None})
                return
            axis = sold
        for inp, label, coord in zip(axis.inputs, axis.labels, axis.coords):
            nv, nc = values, c
            if axis.kind is AxisKind.VALUE:
                nv = {**values, axis.name: inp}
            elif axis.kind is AxisKind.MATERIAL:
                nc = c.evolve(materials={**c.roles, axis.target: inp})
            else:
                nc = c.evolve(**{axis.name: inp})
            walk(i + 1, nv, nc, {**labels, axis.name: label}, {**coords, axis.name: coord})

    total = 1
    for a in ordered:
        total *= max(1, len(a.inputs)) if not a.every_stock else 1
    if total > MAX_COMBINATIONS:
        raise WorkbenchError(f"the sweep has {total} combinations, more than {MAX_COMBINATIONS}; "
                             "narrow an axis")
    walk(0, dict(base), ctx, {}, {})
    return out


def base_values(design: "Design | None") -> dict[str, Any]:
    """A design instance's overrides as exact constructor input (empty for None)."""
    if design is None:
        return {}
    params = design.params()
    return {n: exact_text(params[n], v) for n, v in design.overrides().items()}
