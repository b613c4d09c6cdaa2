"""The one pipeline every face calls: design + values + context → resolved values, parts,
measurements and check results. No I/O, no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench import geometry as _geometry
from workbench.design import Design
from workbench.errors import WorkbenchError
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
        """Worst check status: 'pass', 'warn' or 'fail' ('pass' with no checks)."""
        worst = max((c.status.rank for c in self.checks), default=0)
        return ("pass", "warn", "fail")[worst]

    @property
    def mass(self) -> "pint.Quantity | None":
        return _total([p.mass for p in self.parts])

    @property
    def cost(self) -> "pint.Quantity | None":
        return _total([p.cost for p in self.parts])

    @property
    def carbon(self) -> "pint.Quantity | None":
        return _total([p.carbon for p in self.parts])


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


def evaluate(design: Design, ctx: "Context | None" = None, *, build: bool = True) -> Evaluation:
    """Resolve, build (cached) and check `design` in `ctx` (the default context when None).

    With ``build=False`` only geometry-free checks run and no CadQuery code is called.
    """
    if ctx is None:
        from workbench.context import Context

        ctx = Context()
    r = resolve(design, ctx)
    geo = _geometry.build(r) if build else None
    try:
        checks = tuple(design.checks(r, ctx, geo))
    except WorkbenchError:
        raise
    except Exception as exc:  # a bug in the design's checks: one line, not a traceback
        raise WorkbenchError(
            f"{design.id}: the design's checks failed: {type(exc).__name__}: {exc}"
        ) from exc
    parts = part_summaries(r, geo) if geo is not None else ()
    return Evaluation(r, geo, checks, parts)
