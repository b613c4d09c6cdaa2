"""Stock-bound parameters: one protocol for every parameter whose value names something a merchant
sells — a sheet thickness, a timber section, a metal tube, a water pipe, a rope.

Every kind answers the same questions, so resolve, sweep, fit, validate, adapt, the form and the
CLI never ask which kind they hold:

- `offered(ctx, material)`: what the place sells of this kind for the role's material, smallest first;
- `sold_item(value, ctx, material)`: the local item the value names, or None;
- `item_anywhere(value, material)`: the item the value names in any catalog on file (the geometry of
  a value does not depend on where it is bought), or None;
- `value_of(item)`: the parameter value that names an item (what a dropdown submits);
- `not_sold(value, ctx, material)`: the one-line message, naming what the place does sell;
- `on_unsold`: what resolving does with a value the place does not sell — `OnUnsold.REFUSE` (one-line
  error; in a lenient resolve, a failing availability check) or `OnUnsold.CHECK` (it builds; the
  design's own checks say where it is not sold);
- `replace`: the rule `workbench.adapt` uses to pick a sold item for an unsold value — nearest, next
  larger or next smaller by the kind's size (ties go to the larger) — or None for a value that is a
  requirement, not a choice (the pipe an adapter must join).

A kind is a subclass that says how a value names an item (`names`), its size in millimetres
(`item_dims`, `value_dims`) and how the build sees it (`kernel`). Adding a kind of stock means one
such class here plus the catalog data (see CONTRIBUTING.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from workbench.caches import register
from workbench.errors import BoundsError, UnitError
from workbench.i18n import N_, _, fill_words, gettext, mid_sentence
from workbench.params import Length, Param

if TYPE_CHECKING:
    import pint

    from workbench.context import Context, StockCatalog, StockItem

STOCK_MATCH_MM = 0.3
"""A typed size names a catalog item when within this many millimetres of its nominal or actual size
(``3/4 in`` = 19.05 mm names US plywood sold as 3/4 in, actual 18.26 mm; ``38 x 89`` names a 2x4,
38.1 x 88.9 mm). The nearest item wins; the one tolerance of every stock kind."""


class OnUnsold(str, Enum):
    """What resolving does with a value the local catalog does not sell."""

    REFUSE = "refuse"
    CHECK = "check"


class Replace(str, Enum):
    """How `workbench.adapt` replaces a value the local catalog does not sell."""

    NEAREST = "nearest"
    LARGER = "next-larger"
    SMALLER = "next-smaller"


KIND_NOUNS: dict[str, str] = {
    "sheet": N_("sheet"),
    "section": N_("section"),
    "tube": N_("tube"),
    "pipe": N_("pipe"),
    "filament": N_("filament"),
    "rope": N_("rope"),
}
"""The noun of each kind of stock (`workbench.context.stock.KINDS`, keyed by `StockKind` value),
marked for translation and translated where a message is shown (`StockBound.what_words`). Kept
here, not in `KINDS`, because `workbench show` prints it without importing pint (the context
package does); tests/test_i18n_cli.py checks that every kind of `KINDS` has its noun."""

KIND_PLURALS: dict[str, str] = {
    "sheet": N_("sheets"),
    "section": N_("sections"),
    "tube": N_("tubes"),
    "pipe": N_("pipes"),
    "filament": N_("filaments"),
    "rope": N_("ropes"),
}
"""The plural of each stock noun, for "it sells no … sheets" (a word looked up where shown)."""


SHAPE_WORDS: dict[str, str] = {
    "square": N_("square"),
    "rect": N_("rectangular"),
    "round": N_("round"),
    "angle": N_("angle"),
}
"""A tube's cross-section (`workbench.context.stock.Shape` values) as a word in a message."""


def _mm(q: "pint.Quantity") -> float:
    from workbench.resolve import _unit

    return float(q.m_as(_unit("mm")))


@dataclass(eq=False)
class StockBound:
    """The protocol's fields and generic behaviour; mixed into a parameter kind (see module doc)."""

    role: str | None = None
    replace: Replace | None = Replace.NEAREST
    on_unsold: OnUnsold = OnUnsold.REFUSE
    shape: str | None = None
    """Tubes only: square, rect, round or angle (None: any)."""
    searched: bool = True
    """Whether fit and ``NAME=*`` try every sold item; False for a value the surroundings set
    (a pipe's size follows the pump and the well, not the least mass)."""
    stock_kind: ClassVar[str] = ""
    noun: ClassVar[str] = ""
    """How an item of this kind is named in messages ("sheet", "timber section")."""

    # -- to implement per kind ------------------------------------------------------------------
    def item_dims(self, item: "StockItem") -> tuple[float, ...]:
        """An item's identifying actual size in mm (the order `value_dims` uses)."""
        return (_mm(item.actual),)

    def value_dims(self, value: Any) -> tuple[float, ...]:
        """The size a value gives, in mm."""
        return (_mm(value),)

    def names(self, value: Any, item: "StockItem") -> float | None:
        """How far (mm) `value` is from naming `item`: 0 for an exact name, None when it does not."""
        sizes = [_mm(item.actual)] + ([_mm(item.nominal)] if item.nominal is not None else [])
        gap = min(abs(self.value_dims(value)[0] - s) for s in sizes)
        return gap if gap <= STOCK_MATCH_MM + 1e-9 else None

    def value_of(self, item: "StockItem") -> Any:
        """The value that names `item` (its nominal size when it is sold by one)."""
        from workbench.units import Q_

        size = item.nominal if item.nominal is not None else item.actual
        return Q_(float(size.m_as(getattr(self, "unit", "mm"))), getattr(self, "unit", "mm"))

    def resolved_value(self, value: Any, item: "StockItem") -> Any:
        """What the build sees once the value is matched to a sold item (default: the value)."""
        return value

    def describe_value(self, value: Any, material: Any) -> str:
        """``18 mm birch plywood``: the value as a merchant would read it."""
        to_text = getattr(self, "to_text")
        return f"{to_text(value)} {material.name.lower()}" if material is not None else to_text(value)

    # -- generic --------------------------------------------------------------------------------
    @property
    def what(self) -> str:
        return self.noun or self.stock_kind

    def what_words(self) -> str:
        """`what` in the user's language: the kind's noun (`KIND_NOUNS`), after its shape."""
        noun = gettext(self.noun or KIND_NOUNS.get(self.stock_kind, self.stock_kind))
        if not self.shape:
            return noun
        shape = gettext(SHAPE_WORDS.get(self.shape, self.shape))
        return _("{shape} {noun}").format(shape=shape, noun=noun)

    def material_id(self, material: Any) -> str | None:
        if material is None or self.role is None:
            return None
        return material if isinstance(material, str) else material.id

    def offered(self, ctx: "Context", material: Any = None) -> list["StockItem"]:
        """What the place sells of this kind (and shape) for `material`, smallest first."""
        return ctx.stock_catalog.of_kind(self.stock_kind, self.material_id(material), self.shape)

    def _nearest(self, value: Any, items: list["StockItem"]) -> "StockItem | None":
        scored = [(g, i) for i in items if (g := self.names(value, i)) is not None]
        if not scored:
            return None
        best = min(g for g, _ in scored)
        return next(i for g, i in scored if g <= best + 1e-9)

    def sold_item(self, value: Any, ctx: "Context", material: Any = None) -> "StockItem | None":
        """The local item `value` names for `material`, or None when the place does not sell it."""
        return self._nearest(value, self.offered(ctx, material))

    def item_anywhere(self, value: Any, material: Any = None) -> "StockItem | None":
        """The item `value` names in any catalog on file (for `material`), or None."""
        from workbench.context import stock_catalogs

        mat = self.material_id(material)
        for catalog in stock_catalogs().values():
            found = self._nearest(value, catalog.of_kind(self.stock_kind, mat, self.shape))
            if found is not None:
                return found
        return None

    def stock_options(self, ctx: "Context", material: Any) -> list[tuple[str, str]]:
        """What the local catalog sells, as (label, text `coerce` accepts)."""
        to_text = getattr(self, "to_text")
        return [(self.option_label(i), to_text(self.value_of(i))) for i in self.offered(ctx, material)]

    def option_label(self, item: "StockItem", show: Any = None) -> str:
        """How a dropdown names `item`; `show` formats a quantity in the user's units."""
        return item.label

    def not_sold(self, value: Any, ctx: "Context", material: Any = None) -> str:
        """One line in the current language: the value is not sold here, and what the place
        sells instead (`not_sold_words`), after the parameter's name."""
        template, fields = self.not_sold_words(value, ctx, material)
        name = getattr(self, "name", "") or getattr(self, "label", "")
        return f"{name}: {fill_words(template, fields)}"

    def not_sold_words(self, value: Any, ctx: "Context", material: Any = None,
                       ) -> tuple[str, dict[str, str]]:
        """The not-sold sentence as an English template (marked, translated where shown) and
        its fields: words (the value's material, the plural noun) are looked up in the
        catalogs; the value, the catalog id and item labels are shown as written. A field whose
        text holds ``{placeholders}`` is a fragment filled from the others."""
        cat = ctx.stock_catalog
        mat = material if self.role else None
        fields: dict[str, str] = {"catalog": cat.id}
        size = self.describe_value(value, None)
        if mat is not None and self.describe_value(value, mat) != size:
            # "18 mm birch plywood": the size, then the material, each in the language
            fields.update(value=N_("{size} {material}"), material=mid_sentence(mat.name),
                          size=size)
        else:
            fields["value"] = size
        sold = self.offered(ctx, material)
        if sold:
            return (N_("{value} is not sold in {catalog} stock; available: {items}"),
                    {**fields, "items": ", ".join(i.label for i in sold)})
        things = KIND_PLURALS.get(self.what, f"{self.what}s")
        others = self.offered(ctx, None) if self.role else []
        if others:
            listed = ", ".join(f"{i.label} ({', '.join(i.materials)})" for i in others)
            return (N_("{value} is not sold in {catalog} stock; it sells no {sold_material} "
                       "{things}, only: {items}"),
                    {**fields, "sold_material": mid_sentence(getattr(material, "name",
                                                                     str(material))),
                     "things": things, "items": listed})
        return (N_("{value} is not sold in {catalog} stock; {catalog} stock lists no {things}"),
                {**fields, "things": things})

    def replacement(
        self, value: Any, ctx: "Context", material: Any = None, rule: Replace | None = None
    ) -> "StockItem | None":
        """The sold item the replacement rule picks for `value` (None when nothing qualifies).

        Sizes compare dimension by dimension in mm: next larger is the nearest item no smaller in
        any dimension, next smaller the nearest no larger in any; distance is Euclidean over the
        dimensions; a tie goes to the larger item, then to the catalog id.
        """
        rule = rule or self.replace or Replace.NEAREST
        want = self.value_dims(value)
        scored = []
        for item in self.offered(ctx, material):
            dims = self.item_dims(item)
            n = min(len(dims), len(want))
            diff = [dims[k] - want[k] for k in range(n)]
            if rule is Replace.LARGER and any(d < -1e-9 for d in diff):
                continue
            if rule is Replace.SMALLER and any(d > 1e-9 for d in diff):
                continue
            scored.append((round(math.hypot(*diff), 6), -sum(dims), item.id, item))
        return min(scored, key=lambda s: s[:3])[3] if scored else None

    def describe_allowed(self) -> str:
        if self.role:
            return _("a {what} the stock catalog sells for the '{role}' material").format(
                what=self.what_words(), role=self.role)
        return _("a {what} the stock catalog sells").format(what=self.what_words())


def stock_bound(p: Any) -> bool:
    """Whether parameter `p` follows the stock protocol."""
    return isinstance(p, StockBound)


def stock_choice(p: Any) -> bool:
    """Whether `p` picks stock for a role's material (searched by fit, ``NAME=*`` in a sweep, its
    smallest and largest item are validation corners); a stock-bound value with no role (the pipe
    an adapter joins) is a requirement, not a pick."""
    return isinstance(p, StockBound) and p.role is not None and p.searched


def stock_params(design_cls: Any) -> dict[str, StockBound]:
    """A design's stock-bound parameters by name, in declaration order."""
    return {n: p for n, p in design_cls.params().items() if isinstance(p, StockBound)}


# -- the kinds ------------------------------------------------------------------------------------
@dataclass(eq=False)
class StockThickness(StockBound, Length):
    """A sheet thickness bound to the local stock catalog for the material of `role`.

    The value is the *nominal* thickness the user picks (``18 mm``, ``3/4 in``); resolving replaces it
    by the catalog's *actual* thickness. A thickness the place does not sell is refused (or, in a
    lenient resolve, built at its actual size elsewhere and reported by a failing check).
    """

    role: str | None = "panel"
    kind = "stock-thickness"
    stock_kind: ClassVar[str] = "sheet"
    noun: ClassVar[str] = "sheet"

    def resolved_value(self, value: Any, item: "StockItem") -> Any:
        from workbench.resolve import _unit

        return item.actual.to(_unit(self.unit))

    def option_label(self, item: "StockItem", show: Any = None) -> str:
        size = show(item.actual) if show is not None else f"{_mm(item.actual):g} mm"
        return f"{item.label} — actual {size}"

    def describe_value(self, value: Any, material: Any) -> str:
        text = f"{value.magnitude:g} {self.unit}"
        return f"{text} {material.name.lower()}" if material is not None else text


_PIPE_MATCHES: dict[tuple[Any, float], tuple[str, tuple["StockItem", ...]]] = {}
"""`PipeOD.item`'s matches: (catalogs key, value in mm) → ("nearest" | "none", pipes)."""
_PIPE_MATCHES_MAX = 512
"""Past this many remembered values the memo starts again (a sweep may type many)."""
register("pipe matches", _PIPE_MATCHES.clear)


@dataclass(eq=False)
class PipeOD(StockBound, Length):
    """A water pipe named by its outside diameter, nominal (``1 in``) or actual (``33.4 mm``).

    The value kept is what was typed; `kernel` gives the matched pipe's *actual* OD in mm, so CadQuery
    sees 33.40 mm for ``1 in`` Schedule 40. Any pipe a stock catalog on file lists is allowed (the OD
    of a standard pipe does not depend on the shop); whether it is sold locally is the design's check
    (`OnUnsold.CHECK`). A typed diameter names the nearest pipe within `STOCK_MATCH_MM`; a tie between
    different ODs is refused. No numeric bounds: the catalogs are the bounds.
    """

    role: str | None = None
    on_unsold: OnUnsold = OnUnsold.CHECK
    searched: bool = False
    kind = "stock-pipe"
    stock_kind: ClassVar[str] = "pipe"
    noun: ClassVar[str] = "pipe"

    def item(self, value: "pint.Quantity") -> "StockItem":
        """The pipe on file `value` names; a one-line `BoundsError` listing the pipes otherwise.

        The match is remembered per value (in mm) and state of the stock catalogs on file
        (`stock_catalogs_key`): scoring every catalog's pipes through pint cost ~3 ms a call, and
        a rebuild asks several times."""
        from workbench.context.stock import stock_catalogs, stock_catalogs_key

        key = (stock_catalogs_key(), round(_mm(value), 9))
        found = _PIPE_MATCHES.get(key)
        if found is None:
            pipes = [i for c in stock_catalogs().values() for i in c.of_kind("pipe")]
            scored = [(g, i) for i in pipes if (g := self.names(value, i)) is not None]
            if not scored:
                found = ("none", tuple(pipes))
            else:
                best = min(g for g, _ in scored)
                found = ("nearest", tuple(i for g, i in scored if g <= best + 1e-9))
            if len(_PIPE_MATCHES) >= _PIPE_MATCHES_MAX:
                _PIPE_MATCHES.clear()
            _PIPE_MATCHES[key] = found
        how, items = found
        name = self.name or self.label
        typed = f"{value.magnitude:g} {value.units:~P}"
        if how == "none":
            raise BoundsError(
                f"{name}: {typed} is not the outside diameter of a pipe in any stock catalog on "
                f"file; known: {known_pipes(list(items))}"
            )
        if len({round(_mm(i.actual), 6) for i in items}) > 1:
            raise BoundsError(
                f"{name}: {typed} could be {known_pipes(list(items), ' or ')}; type the actual "
                "outside diameter"
            )
        return items[0]

    def item_anywhere(self, value: Any, material: Any = None) -> "StockItem | None":
        try:
            return self.item(value)
        except BoundsError:
            return None

    def kernel(self, value: "pint.Quantity") -> float:
        return _mm(self.item(value).actual)

    def describe_allowed(self) -> str:
        return _("the outside diameter (nominal or actual) of a {what} in a stock catalog, "
                 "e.g. {metric} or {inch}").format(what=self.what_words(), metric="32 mm",
                                                   inch="1 in")

    def option_label(self, item: "StockItem", show: Any = None) -> str:
        size = show(item.actual) if show is not None else f"{_mm(item.actual):g} mm"
        return f"{item.label} — OD {size}"

    def describe_default(self) -> str:
        return self.to_text(self.default_value())

    def to_text(self, value: "pint.Quantity") -> str:
        try:
            nominal = self.item(value).nominal
        except BoundsError:
            return super().to_text(value)
        if nominal is not None and abs(_mm(nominal) - _mm(value)) <= STOCK_MATCH_MM:
            inches = inch_text(_mm(nominal))
            if inches is not None:
                return inches  # "1 1/4 in", as the pipe is sold
        return super().to_text(value)


def inch_text(mm: float) -> str | None:
    """``31.75`` → ``"1 1/4 in"`` when `mm` is a whole number of eighths of an inch, else None."""
    eighths = mm / 25.4 * 8
    if abs(eighths - round(eighths)) > 1e-6 or round(eighths) <= 0:
        return None
    whole, rest = divmod(round(eighths), 8)
    if rest == 0:
        return f"{whole} in"
    g = math.gcd(rest, 8)
    fraction = f"{rest // g}/{8 // g}"
    return f"{whole} {fraction} in" if whole else f"{fraction} in"


def _od_text(item: "StockItem") -> str:
    """``33.4 mm (1 in ASTM D1785 Sch 40)`` or ``32 mm (ISO 1452)``."""
    nominal = inch_text(_mm(item.nominal)) if item.nominal is not None else None
    sold = f"{nominal} {item.standard}" if nominal else (item.standard or item.label)
    return f"{_mm(item.actual):.4g} mm ({sold})"


def known_pipes(items: Any, sep: str = ", ") -> str:
    """The pipes' ODs, smallest first, standards sharing an OD grouped: ``20 mm (ISO 1452, IS 4985)``."""
    by_od: dict[float, list[str]] = {}
    for i in items:
        head, _, sold = _od_text(i).partition(" (")
        names = by_od.setdefault(round(_mm(i.actual), 3), [head])
        if sold.rstrip(")") not in names:
            names.append(sold.rstrip(")"))
    return sep.join(f"{v[0]} ({', '.join(v[1:])})" for _, v in sorted(by_od.items())) or "none"


@dataclass(eq=False)
class StockPick(StockBound, Param):
    """A stock item named by catalog id, label or size (a tube, a timber section, a rope …).

    The value is the catalog item itself, looked up in every stock catalog on file
    (`workbench.checks.stock.find_stock`), so one value names one item in any context and the
    geometry depends on the value alone; whether the *local* catalog sells it is a check of the
    design (`OnUnsold.CHECK`). A design subclasses a kind to say how its build sees the item
    (`kernel`).
    """

    role: str | None = "frame"
    on_unsold: OnUnsold = OnUnsold.CHECK
    examples: ClassVar[str] = ""

    @property
    def kind(self) -> str:  # type: ignore[override]
        """"stock-tube", "stock-section", "stock-rope": what sweeps and the CLI list by."""
        return f"stock-{self.stock_kind}"

    @property
    def what(self) -> str:
        return f"{self.shape} {self.noun or self.stock_kind}" if self.shape else (self.noun or self.stock_kind)

    def _fits(self, item: Any) -> bool:
        return item.kind.value == self.stock_kind and (
            self.shape is None or (item.shape is not None and item.shape.value == self.shape)
        )

    def item_dims(self, item: "StockItem") -> tuple[float, ...]:
        from workbench.checks.stock import size_dims

        return size_dims(item)

    def value_dims(self, value: Any) -> tuple[float, ...]:
        return self.item_dims(value)

    def names(self, value: Any, item: "StockItem") -> float | None:
        if item.id == value.id:
            return 0.0
        a, b = self.item_dims(value), self.item_dims(item)
        if len(a) != len(b) or any(abs(x - y) > STOCK_MATCH_MM for x, y in zip(a, b)):
            return None
        return 1e-6 + max(abs(x - y) for x, y in zip(a, b))  # the same id first

    def value_of(self, item: "StockItem") -> Any:
        return item

    def describe_value(self, value: Any, material: Any) -> str:
        return value.label

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

    def describe_allowed(self) -> str:
        return _("a {what} a stock catalog lists, by id, label or size ({examples})").format(
            what=self.what_words(), examples=self.examples)


class SquareTube(NamedTuple):
    """A square tube as a build sees it: stock id, outside side and wall in millimetres."""

    id: str
    side: float
    wall: float


@dataclass(eq=False)
class StockSquareTube(StockPick):
    """A square steel tube named by stock id, label or size: ``shs-50x50x3-0``,
    ``50 x 50 x 3 mm``, ``HSS 2 x 2 x 1/8``; the build sees a `SquareTube`."""

    role: str | None = "frame"
    shape: str | None = "square"
    stock_kind: ClassVar[str] = "tube"
    examples: ClassVar[str] = "shs-50x50x3-0, 50 x 50 x 3 mm, 2 x 2 x 1/8 in"

    def kernel(self, value: Any) -> SquareTube:
        return SquareTube(value.id, _mm(value.width), _mm(value.wall))


@dataclass(eq=False)
class StockRope(StockPick):
    """A rope named by catalog id, label or diameter (``pp-rope-6``, ``6 mm``); the build sees its
    diameter in mm. The kind that proves a new stock kind is this class plus catalog data."""

    role: str | None = "rope"
    stock_kind: ClassVar[str] = "rope"
    noun: ClassVar[str] = "rope"
    examples: ClassVar[str] = "pp-rope-6, 6 mm"

    def kernel(self, value: Any) -> float:
        return _mm(value.actual)


__all__ = [
    "STOCK_MATCH_MM", "OnUnsold", "PipeOD", "Replace", "SquareTube", "StockBound", "StockPick",
    "StockRope", "StockSquareTube",
    "StockThickness", "inch_text", "known_pipes", "stock_bound", "stock_choice", "stock_params",
]
