"""What the exporters work from: the built geometry plus the local context it was resolved in.

A `Job` answers the questions geometry alone cannot: which material and stock item a part is made
from, which machine cuts it, and (cached for the batch) how the cut parts nest on sheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.design import Process
from workbench.errors import ExportError

if TYPE_CHECKING:
    from workbench.checks.cutting import CutSetup
    from workbench.context import Context, Material, StockItem
    from workbench.export import Options
    from workbench.export.nesting import Nesting
    from workbench.geometry import Geometry, MeasuredPart
    from workbench.resolve import Resolved

THICKNESS_MATCH_MM = 1e-3
"""A cut part is made from the sheet whose actual thickness is its own within this (mm)."""


@dataclass(frozen=True)
class Piece:
    """One physical piece: copy `copy` of `quantity` of the cut-list line `item`."""

    part: "MeasuredPart"
    item: int
    copy: int

    @property
    def label(self) -> str:
        """What is engraved on the piece: item number, name, and copy number of several."""
        q = self.part.quantity
        return f"{self.item} {self.part.name}" + (f" {self.copy}/{q}" if q > 1 else "")


@dataclass
class Job:
    """Geometry and, when known, the resolved values and context it was built in."""

    geometry: "Geometry"
    resolved: "Resolved | None" = None
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, source: Any) -> "Job":
        """A job from an `Evaluation`, a `Job` or bare `Geometry` (default context)."""
        from workbench.evaluate import Evaluation
        from workbench.geometry import Geometry

        if isinstance(source, Job):
            return source
        if isinstance(source, Evaluation):
            if source.geometry is None:
                raise ExportError(
                    f"{source.design.id} was evaluated without building; nothing to export")
            return cls(source.geometry, source.resolved)
        if isinstance(source, Geometry):
            return cls(source)
        raise ExportError(f"cannot export a {type(source).__name__}; pass an Evaluation")

    # -- context --------------------------------------------------------------------------------
    @property
    def context(self) -> "Context":
        if self.resolved is not None:
            return self.resolved.context
        from workbench.context import Context

        return Context()

    @property
    def name(self) -> str:
        """The design id, or "parts" for bare geometry."""
        return self.resolved.design.id if self.resolved is not None else "parts"

    def material(self, part: "MeasuredPart") -> "Material | None":
        """The material of `part`'s role, or None when the job has no resolved context."""
        if self.resolved is None:
            return None
        return self.resolved.materials.get(part.role)

    def material_id(self, part: "MeasuredPart") -> str:
        mat = self.material(part)
        return mat.id if mat is not None else part.role

    def stock_item(self, part: "MeasuredPart") -> "StockItem | None":
        """The stock item `part` is made from: ``meta["stock"]``, else for a cut part the sheet of
        its role whose actual thickness is the part's thickness; None when unknown."""
        catalog = self.context.stock_catalog
        ident = part.facts.stock
        if ident:
            return self._item_anywhere(str(ident))
        if part.process is not Process.CUT:
            return None
        thickness = part.size[2]
        if self.resolved is not None:
            params = self.resolved.design.params()
            for name, item in self.resolved.stock.items():
                role = getattr(params[name], "role", None)
                if role == part.role and abs(_mm(item.actual) - thickness) <= THICKNESS_MATCH_MM:
                    return item
        mat = self.material(part)
        if mat is None:
            return None
        for item in catalog.sheets(mat.id):
            if abs(_mm(item.actual) - thickness) <= THICKNESS_MATCH_MM:
                return item
        return None

    def stock_elsewhere(self, part: "MeasuredPart") -> str | None:
        """The catalog a part's named stock item was found in, when the local one lacks it."""
        ident = part.facts.stock
        if not ident:
            return None
        found = self._find_item(str(ident))
        return found[1] if found is not None and found[1] != self.context.stock else None

    def _item_anywhere(self, ident: str) -> "StockItem | None":
        found = self._find_item(ident)
        return found[0] if found is not None else None

    def _find_item(self, ident: str) -> "tuple[StockItem, str] | None":
        """Stock item `ident` and its catalog: the local one first, else the first other catalog
        listing it (a design may name a section any catalog lists; the local one may lack it)."""
        from workbench.context import stock_catalogs

        local = self.context.stock_catalog
        for item in local.items:
            if item.id == ident:
                return item, local.id
        for catalog_id, other in stock_catalogs().items():
            for item in other.items:
                if item.id == ident:
                    return item, catalog_id
        return None

    # -- pieces ---------------------------------------------------------------------------------
    def item(self, part: "MeasuredPart") -> int:
        """The 1-based cut-list line number of `part` (the order the design built its parts)."""
        for n, p in enumerate(self.geometry.parts, start=1):
            if p is part:
                return n
        raise KeyError(part.name)

    def pieces(self, process: Process) -> list[Piece]:
        """Every copy of every part made by `process`, in cut-list order."""
        out = []
        for n, p in enumerate(self.geometry.parts, start=1):
            if p.process is process:
                out += [Piece(p, n, k) for k in range(1, p.quantity + 1)]
        return out

    # -- cutting --------------------------------------------------------------------------------
    def cut_setup(self, options: "Options") -> "CutSetup":
        """The machine that cuts the sheet parts (one line naming the workshop if it has none)."""
        from workbench.checks.cutting import cut_setup

        return cut_setup(self.context.workshop_profile, options.cutter)

    def nesting(self, options: "Options") -> "Nesting":
        """The cut parts nested on sheets (computed once per job and options)."""
        from workbench.export.nesting import nest

        key = ("nesting", options)
        if key not in self._cache:
            self._cache[key] = nest(self, options)
        return self._cache[key]


def _mm(q: Any) -> float:
    return float(q.to("mm").magnitude)
