"""Resolve a design's values against a local context: materials per role, stock-bound thicknesses
and cross-field rules on the actual values. Nothing is clamped; errors are one line.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType, SimpleNamespace
from typing import TYPE_CHECKING, Any, Mapping

from workbench.design import Design
from workbench.errors import BoundsError, RuleError, UnknownNameError
from workbench.params import Param, StockThickness, _Numeric

if TYPE_CHECKING:
    from workbench.context import Context, Material, StockItem

STOCK_MATCH_MM = 0.3
"""A typed thickness matches a catalog item when within this many millimetres of its nominal or
actual size (e.g. ``3/4 in`` = 19.05 mm matches US plywood sold as 3/4 in, actual 18.26 mm)."""


@dataclass(frozen=True)
class Resolved:
    """A design's values after resolution: quantities, actual stock sizes, materials per role.

    Attribute access gives values (``r.width``); `kernel()` gives plain numbers for CadQuery.
    """

    design: Design
    context: "Context"
    values: Mapping[str, Any]
    materials: Mapping[str, "Material"]
    stock: Mapping[str, "StockItem"]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def kernel(self) -> SimpleNamespace:
        """Values as plain numbers: lengths in mm, angles in degrees, forces in N."""
        return SimpleNamespace(**self.kernel_values())

    def kernel_values(self) -> dict[str, Any]:
        """`kernel()` as a new dict (computed once per resolution)."""
        cached = self.__dict__.get("_kernel")
        if cached is None:
            params = self.design.params()
            cached = {n: _kernel(params[n], v) for n, v in self.values.items()}
            object.__setattr__(self, "_kernel", cached)
        return dict(cached)

    def canonical(self) -> dict[str, Any]:
        params = self.design.params()
        kernel = self.kernel_values()
        return {n: _canonical(params[n], v, kernel[n]) for n, v in self.values.items()}

    def key(self) -> str:
        """The geometry cache key: design id, version, resolved values and the workshop.

        Shapes depend on the resolved values (actual stock sizes included) and on the workshop
        (kerf, tool, clearance); materials and climate change the checks, not the shapes, so
        switching them reuses the cached geometry. The data files' digest is part of the key.
        """
        from workbench.context import Context

        blob = json.dumps(
            {
                "design": self.design.id,
                "version": self.design.version,
                "values": self.canonical(),
                "workshop": Context(workshop=self.context.workshop).key(),
            },
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode()).hexdigest()


@lru_cache(maxsize=64)
def _unit(name: str) -> Any:
    """A pint Unit by name, parsed once (converting to a Unit object skips pint's text parser)."""
    from workbench.units import ureg

    return ureg.Unit(name)


def _plain_numeric(p: Param) -> bool:
    """A numeric parameter whose kernel/canonical are the stock ones (safe to compute directly)."""
    cls = type(p)
    return isinstance(p, _Numeric) and cls.kernel is _Numeric.kernel and cls.canonical is _Numeric.canonical


def _kernel(p: Param, value: Any) -> Any:
    """`p.kernel(value)`, without pint's text parsing for plain numeric parameters."""
    if _plain_numeric(p):
        return float(value.m_as(_unit(p.kernel_unit)))  # type: ignore[attr-defined]
    return p.kernel(value)


def _canonical(p: Param, value: Any, kernel: Any) -> Any:
    """`p.canonical(value)` from an already computed kernel value."""
    if _plain_numeric(p):
        return float(f"{kernel:.9g}")
    return p.canonical(value)


def materials_for(design: Design, ctx: "Context") -> dict[str, "Material"]:
    """The material of each of the design's roles: the context's choice, else the role's default."""
    chosen = dict(ctx.materials)
    roles = type(design).roles
    for role in chosen:
        if role not in roles:
            raise UnknownNameError(
                f"{design.id}: unknown material role '{role}'; roles: {', '.join(roles) or 'none'}"
            )
    from workbench.context import material

    out = {}
    for role, spec in roles.items():
        m = material(chosen.get(role, spec.default))
        if spec.process.value not in {str(getattr(p, "value", p)) for p in m.processes}:
            raise BoundsError(
                f"{design.id}: material '{m.id}' is not made by {spec.process.value} "
                f"(role '{role}'); it suits {', '.join(str(getattr(p, 'value', p)) for p in m.processes)}"
            )
        out[role] = m
    return out


def match_sheet(value: Any, items: "list[StockItem]") -> "StockItem | None":
    """The sheet a typed thickness names: within `STOCK_MATCH_MM` of its nominal or actual size."""
    mm_unit = _unit("mm")
    mm = float(value.m_as(mm_unit))
    for item in items:
        sizes = [float(item.actual.m_as(mm_unit))]
        if item.nominal is not None:
            sizes.append(float(item.nominal.m_as(mm_unit)))
        if any(abs(mm - s) <= STOCK_MATCH_MM for s in sizes):
            return item
    return None


def _match_sheet(p: StockThickness, value: Any, mat: "Material", ctx: "Context") -> "StockItem":
    items = ctx.stock_catalog.sheets(mat.id)
    found = match_sheet(value, items)
    if found is not None:
        return found
    offered = ", ".join(item.label for item in items) or "none"
    raise BoundsError(
        f"{p.name}: {value.magnitude:g} {p.unit} {mat.name.lower()} is not sold in "
        f"{ctx.stock_catalog.id} stock; available: {offered}"
    )


def resolve(design: Design, ctx: "Context") -> Resolved:
    """Check every value against `ctx` and return the resolved values."""
    ctx.validate()
    mats = materials_for(design, ctx)
    values = dict(design.values)
    stock: dict[str, Any] = {}
    for name, p in design.params().items():
        if isinstance(p, StockThickness):
            if p.role not in mats:
                raise UnknownNameError(f"{design.id}: parameter '{name}' names unknown role '{p.role}'")
            if not p.is_visible(design):
                continue  # a hidden thickness (e.g. plywood of a printed bracket) is not bought
            item = _match_sheet(p, values[name], mats[p.role], ctx)
            stock[name] = item
            values[name] = item.actual.to(_unit(p.unit))
    r = Resolved(design, ctx, MappingProxyType(values), MappingProxyType(mats), MappingProxyType(stock))
    broken = design.violations(r)
    if broken:
        raise RuleError(f"{design.id}: {broken[0]}")
    return r
