"""Resolve a design's values against a local context: materials per role, stock-bound thicknesses
and cross-field rules on the actual values. Nothing is clamped; errors are one line.
"""

from __future__ import annotations

from workbench.caches import register

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType, SimpleNamespace
from typing import TYPE_CHECKING, Any, Mapping

from workbench.design import Design, Unsold
from workbench.errors import BoundsError, RuleError, UnknownNameError
from workbench.params import Param, _Numeric
from workbench.i18n import fill_words
from workbench.stockparams import STOCK_MATCH_MM, OnUnsold, StockBound, StockThickness

if TYPE_CHECKING:
    from workbench.context import Context, Material, StockItem

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
    """The local item each visible stock-bound parameter names (sold items only)."""
    unsold: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """What a strict resolve would have refused because the place does not sell it (a lenient
    resolve only): the parameter's name (or ``rule N``) → one-line message naming what is sold,
    in English. `workbench.evaluate` shows each as a failing check."""
    unsold_words: Mapping[str, tuple[str, Mapping[str, str]]] = field(
        default_factory=lambda: MappingProxyType({}))
    """The same sentences of stock parameters as (template, fields), for the reader's language
    (`workbench.stockparams.StockBound.not_sold_words`)."""

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
        if spec.process not in m.processes:
            raise BoundsError(
                f"{design.id}: material '{m.id}' is not made by {spec.process.value} "
                f"(role '{role}'); it suits {', '.join(p.value for p in m.processes)}"
            )
        out[role] = m
    return out


def match_sheet(value: Any, items: "list[StockItem]") -> "StockItem | None":
    """The sheet a typed thickness names among `items`: the nearest within `STOCK_MATCH_MM` of
    its nominal or actual size (`StockThickness.names`)."""
    return _SHEET._nearest(value, items)


_SHEET = StockThickness("sheet", 18)


def resolve(design: Design, ctx: "Context", *, lenient: bool = False) -> Resolved:
    """Check every value against `ctx` and return the resolved values.

    A stock-bound value the place does not sell is refused when its parameter says so
    (`OnUnsold.REFUSE`), unless `lenient`: then it is built at its size elsewhere (the item any
    catalog on file lists, else the value as typed) and listed in `Resolved.unsold`, which
    `workbench.evaluate` turns into a failing check. The panel, `check` and `adapt` resolve
    leniently, so a design opens in any place and the checks say what does not fit.
    """
    ctx.validate()
    mats = materials_for(design, ctx)
    values = dict(design.values)
    stock: dict[str, Any] = {}
    unsold: dict[str, str] = {}
    words: dict[str, tuple[str, Mapping[str, str]]] = {}
    for name, p in design.params().items():
        if not isinstance(p, StockBound):
            continue
        if p.role is not None and p.role not in mats:
            raise UnknownNameError(f"{design.id}: parameter '{name}' names unknown role '{p.role}'")
        if not p.is_visible(design):  # type: ignore[attr-defined]
            continue  # a hidden stock value (e.g. plywood of a printed bracket) is not bought
        mat = mats[p.role] if p.role is not None else None
        item = p.sold_item(values[name], ctx, mat)
        if item is None:
            if p.on_unsold is OnUnsold.REFUSE:
                if not lenient:
                    raise BoundsError(p.not_sold(values[name], ctx, mat))
                template, fields = p.not_sold_words(values[name], ctx, mat)
                unsold[name] = f"{name}: {fill_words(template, fields, 'en')}"
                words[name] = (template, MappingProxyType(fields))
            item = p.item_anywhere(values[name], mat)
            if item is None:
                continue
        else:
            stock[name] = item
        values[name] = p.resolved_value(values[name], item)
    r = Resolved(
        design, ctx, MappingProxyType(values), MappingProxyType(mats),
        MappingProxyType(stock), MappingProxyType(unsold), MappingProxyType(words),
    )
    broken = list(design.violations(r))
    if lenient:  # what the place does not sell becomes a failing check, not a refusal
        for n, sentence in enumerate(s for s in broken if isinstance(s, Unsold)):
            unsold[f"rule {n + 1}"] = f"{design.id}: {sentence}"
            if sentence.template:  # made from a marked template: said in the reader's language
                words[f"rule {n + 1}"] = (sentence.template, sentence.fields)
        broken = [s for s in broken if not isinstance(s, Unsold)]
    if broken:
        raise RuleError(f"{design.id}: {broken[0]}")
    return r


__all__ = ["STOCK_MATCH_MM", "Resolved", "match_sheet", "materials_for", "resolve"]

register("unit names", _unit.cache_clear)
