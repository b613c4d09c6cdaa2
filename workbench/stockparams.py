"""Parameters naming an item of stock (a tube, a timber section) by id, label or size.

The value is the catalog item itself, looked up in every stock catalog on file
(`workbench.checks.stock.find_stock`), so one value names one item in any context and the geometry
depends on the value alone; whether the *local* catalog sells it is a check of the design. The
panel offers what the local catalog sells for the role's material (`stock_options`). A design
subclasses one of these to say how its build sees the item (`kernel`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from workbench.errors import BoundsError, UnitError
from workbench.params import Param


@dataclass(eq=False)
class StockPick(Param):
    """Base of stock-item parameters; `stock_kind` is the catalog kind ("tube", "section")."""

    role: str = "frame"
    shape: str | None = None
    stock_kind: ClassVar[str] = ""
    examples: ClassVar[str] = ""

    @property
    def kind(self) -> str:  # type: ignore[override]
        """"stock-tube", "stock-section": what sweeps and the CLI list by."""
        return f"stock-{self.stock_kind}"

    @property
    def what(self) -> str:
        """How the item is named in messages: "square tube", "timber section"."""
        return f"{self.shape} {self.stock_kind}" if self.shape else self.stock_kind

    def _fits(self, item: Any) -> bool:
        return item.kind.value == self.stock_kind and (
            self.shape is None or (item.shape is not None and item.shape.value == self.shape)
        )

    def coerce(self, raw: Any) -> Any:
        from workbench.checks.stock import find_stock
        from workbench.context import StockItem, stock_catalogs

        name = self.name or self.label
        if isinstance(raw, StockItem):
            if not self._fits(raw):
                raise BoundsError(f"{name}: {raw.label} is not a {self.what}")
            return raw
        if not isinstance(raw, str):
            raise UnitError(f"{name}: {raw!r} is not a {self.what}; {self.describe_allowed()}")
        extra = {"shape": self.shape} if self.shape else {}
        return find_stock(raw, self.stock_kind, stock_catalogs().values(), name=name, **extra)

    def default_value(self) -> Any:
        return self.coerce(self.default)

    def to_text(self, value: Any) -> str:
        return str(value.id)

    def canonical(self, value: Any) -> str:
        return f"{value.id}:" + "x".join(f"{v:.6g}" for v in tuple(self.kernel(value))[1:])

    def stock_options(self, ctx: Any, material: str | None) -> list[tuple[str, str]]:
        """What the local catalog sells of this kind (and shape) for `material`."""
        catalog = ctx.stock_catalog
        if self.stock_kind == "tube":
            items = catalog.tubes(material, shape=self.shape)
        else:
            items = catalog.sections(material)
        return [(i.label, i.id) for i in items]

    def describe_allowed(self) -> str:
        return f"a {self.what} a stock catalog lists, by id, label or size ({self.examples})"
