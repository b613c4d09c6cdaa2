"""The one pipeline every face calls: design + values + context → resolved values, parts,
measurements and check results. No I/O, no widgets.
"""

from __future__ import annotations

from workbench.caches import register

import math
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from threading import Lock
from typing import TYPE_CHECKING, Any

from workbench import geometry as _geometry
from workbench.design import Design
from workbench.errors import WorkbenchError
from workbench.i18n import design_domain
from workbench.resolve import Resolved, resolve

if TYPE_CHECKING:
    import pint

    from workbench.checks.result import CheckResult
    from workbench.context import Context
    from workbench.geometry import Geometry


@dataclass(frozen=True)
class PartSummary:
    """Mass, cost and embodied carbon of one part line (all its copies)."""

    name: str
    material: str
    quantity: int
    mass: "pint.Quantity | None"
    cost: "pint.Quantity | None"
    carbon: "pint.Quantity | None"


@dataclass(frozen=True)
class Evaluation:
    """Everything the faces show about one design in one context."""

    resolved: Resolved
    geometry: "Geometry | None"
    checks: tuple["CheckResult", ...]
    parts: tuple[PartSummary, ...] = field(default=())

    @property
    def design(self) -> Design:
        return self.resolved.design

    @property
    def status(self) -> str:
        """The verdict: 'fail' if a check fails; else 'unverified' if a load-bearing check could
        not run (never 'pass' over it); else the worst of 'pass' and 'warn' ('pass' with none)."""
        from workbench.checks.result import verdict

        return verdict(self.checks).value

    @property
    def unverified(self) -> tuple["CheckResult", ...]:
        """The load-bearing checks that could not run, each naming the data it lacks."""
        from workbench.checks.result import unverified

        return tuple(unverified(self.checks))

    @property
    def unverified_note(self) -> str:
        """One sentence naming what could not be verified and the data that would let it run."""
        from workbench.checks.result import unverified_note

        return unverified_note(self.checks)

    @property
    def mass(self) -> "pint.Quantity | None":
        return _total([p.mass for p in self.parts])

    @property
    def cost(self) -> "pint.Quantity | None":
        return _total([p.cost for p in self.parts])

    @property
    def carbon(self) -> "pint.Quantity | None":
        return _total([p.carbon for p in self.parts])

    def __repr__(self) -> str:
        from workbench.report import evaluation_line  # a view: imported when shown, not before

        return evaluation_line(self)

    def _repr_html_(self) -> str:
        """Jupyter's rich display: verdict, context, checks table and totals."""
        from workbench.report import evaluation_html

        return evaluation_html(self)


def _total(values: list[Any]) -> Any:
    """Sum of quantities, or None when any is unknown (a partial total would mislead)."""
    if not values or any(v is None for v in values):
        return None
    try:
        return sum(values[1:], values[0])
    except Exception:  # different currencies: no total
        return None


def part_summaries(r: Resolved, geo: "Geometry") -> tuple[PartSummary, ...]:
    """Mass from volume × density; cost from the stock catalog's (else the material's) price;
    carbon from the material's ICE factor."""
    from workbench.units import Q_

    out = []
    catalog = r.context.stock_catalog
    for p in geo.parts:
        mat = r.materials[p.role]
        price = catalog.price(mat.id) or mat.price  # the local price first
        volume = Q_(p.volume * p.quantity, "mm**3")
        mass = (volume * mat.density).to("kg") if mat.density is not None else None
        out.append(
            PartSummary(
                p.name, mat.id, p.quantity, mass,
                _per(price, mass, volume), _per(mat.carbon, mass, volume),
            )
        )
    return tuple(out)


def _per(rate: Any, mass: Any, volume: Any) -> Any:
    """`rate` per kg or per m³ times the part's mass or volume; None when unknown."""
    if rate is None:
        return None
    dims = rate.dimensionality
    if dims.get("[mass]", 0) == -1 and mass is not None:
        return (rate * mass.to("kg")).to_reduced_units()
    if dims.get("[length]", 0) == -3:
        return (rate * volume.to("m**3")).to_reduced_units()
    return None


EVAL_CACHE_SIZE = 256
"""Evaluations remembered for revisits (they hold geometry by key only: memory stays bounded by
the geometry cache)."""


@dataclass(frozen=True)
class _Remembered:
    resolved: Resolved
    geometry_key: str | None
    checks: tuple["CheckResult", ...]
    parts: tuple[PartSummary, ...]


class _Memo:
    """Evaluations by (design class, values as typed, context, data files), least recent dropped."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Any, _Remembered] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Any) -> _Remembered | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
            return hit

    def put(self, key: Any, value: _Remembered) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


memo = _Memo(EVAL_CACHE_SIZE)
register("evaluations", memo.clear)


def _typed(value: Any) -> Any:
    """A value as typed, hashable and exact: (magnitude, unit) for quantities."""
    units = getattr(value, "units", None)
    return value if units is None else (value.magnitude, units)


def _memo_key(design: Design, ctx: "Context", build: bool, lenient: bool) -> Any:
    """Equal only for the same class, the same values in the same units, the same context and
    unchanged data files (`Context.key()` carries their digests)."""
    return (type(design), tuple((n, _typed(v)) for n, v in design.values.items()), ctx.key(),
            build, lenient)


def unsold_checks(r: Resolved) -> list["CheckResult"]:
    """A failing check for each thing a lenient resolve found the place does not sell."""
    from workbench.checks.result import CheckResult, Status

    from workbench.i18n import N_

    params = r.design.params()
    out = []
    for name, message in r.unsold.items():
        c = CheckResult(
            f"sold locally: {name}", Status.FAIL, math.nan, None, None,
            message.removeprefix(f"{name}: "),
            f"{r.context.stock_catalog.name} stock catalog (materials/stock/{r.context.stock}.toml)",
        )
        if name in r.unsold_words:  # the sentence and the parameter's label, in the language
            template, fields = r.unsold_words[name]
            # a stock parameter by its label; a design's rule by the design's title
            label = params[name].label if name in params else r.design.title
            c = replace(c.with_words(template, fields),
                        name_words=(N_("sold locally: {what}"), (("what", label),)))
        out.append(c)
    return out


def evaluate(
    design: Design, ctx: "Context | None" = None, *, build: bool = True, lenient: bool = False
) -> Evaluation:
    """Resolve, build (cached) and check `design` in `ctx` (the default context when None).

    With ``build=False`` only geometry-free checks run and no CadQuery code is called. With
    ``lenient=True`` a value the place does not sell is built anyway and shown as a failing check
    (`resolve`), so any design opens in any place. A value set seen before (same values, context
    and data files) comes from memory without resolving again; its geometry still comes through
    the geometry cache.
    """
    if ctx is None:
        from workbench.context import Context

        ctx = Context()
    key = _memo_key(design, ctx, build, lenient)
    try:
        seen = memo.get(key)
    except TypeError:  # a value that does not hash: evaluated every time, never remembered
        key, seen = None, None
    if seen is not None:
        geo = None
        if seen.geometry_key is not None:
            geo = _geometry.cache.get(seen.geometry_key, count_miss=False)
            if geo is None:  # dropped from the geometry cache since: build again (a miss)
                geo = _geometry.build(seen.resolved)
        return Evaluation(seen.resolved, geo, seen.checks, seen.parts)
    r = resolve(design, ctx, lenient=lenient)
    geo = _geometry.build(r) if build else None
    own = design_domain(design.id)  # a design's check names and words: its catalog first
    checks = tuple(c.in_domains(own) for c in (*unsold_checks(r), *design.checks(r, ctx, geo)))
    parts = part_summaries(r, geo) if geo is not None else ()
    if key is not None:
        memo.put(key, _Remembered(r, geo.key if geo is not None else None, checks, parts))
    return Evaluation(r, geo, checks, parts)
