"""Regional stock catalogs from `materials/stock/*.toml`: what a region sells, nominal vs actual.

A catalog file has top-level ``name``, ``region`` and ``currency``, a ``[sources]`` table, and item
tables grouped by kind: ``[sheet.ID]``, ``[section.ID]``, ``[tube.ID]``, ``[pipe.ID]``,
``[filament.ID]``, plus optional ``[prices]`` (material id → price). Each item names the materials
it applies to and has ``actual`` sizes, ``nominal`` sizes where they differ, and a ``source``.
"""

from __future__ import annotations

from workbench.caches import register

from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, Mapping, Optional

import pint

from workbench.context._data import (
    NON_NEGATIVE, POSITIVE, Doc, Entry, check_id, load_doc, materials_dir, unknown,
)
from workbench.context.materials import Material, materials
from workbench.errors import DataError
from workbench.units import ureg


class StockKind(str, Enum):
    """What a stock item is."""

    SHEET = "sheet"
    SECTION = "section"
    TUBE = "tube"
    PIPE = "pipe"
    FILAMENT = "filament"
    ROPE = "rope"


class Shape(str, Enum):
    """Cross-section of a tube (metal hollow section or angle)."""

    SQUARE = "square"
    RECT = "rect"
    ROUND = "round"
    ANGLE = "angle"


@dataclass(frozen=True)
class KindSpec:
    """What the data of one kind of stock holds: the dimension that identifies an item (`primary`),
    every dimension a file may give, the dimensions a typed size names in order (`size_keys`), and
    how many leading ones are interchangeable (50 x 30 = 30 x 50)."""

    primary: str
    dimensions: tuple[str, ...]
    size_keys: tuple[str, ...] = ()
    interchangeable: int = 0
    needs_materials: bool = True


KINDS: Mapping[StockKind, KindSpec] = MappingProxyType({
    StockKind.SHEET: KindSpec("thickness", ("thickness", "thickness_min", "thickness_max")),
    StockKind.SECTION: KindSpec("thickness", ("thickness", "width"), ("thickness", "width"), 2),
    StockKind.TUBE: KindSpec("width", ("width", "depth", "od", "wall"), ("width", "depth", "wall"), 2),
    StockKind.PIPE: KindSpec("od", ("od", "wall"), needs_materials=False),
    StockKind.FILAMENT: KindSpec("diameter", ("diameter", "tolerance")),
    StockKind.ROPE: KindSpec("diameter", ("diameter",), ("diameter",), 1),
})
"""Every kind of stock, in one table: adding a kind is an entry here, a `StockKind` member and its
catalog data (a parameter kind in `workbench.stockparams` when designs name it by size)."""

# the dimension that identifies each kind of item (`StockItem.actual` / `.nominal`)
PRIMARY = {k: spec.primary for k, spec in KINDS.items()}
DIMENSIONS = {k: spec.dimensions for k, spec in KINDS.items()}
ITEM_KEYS = ("label", "materials", "nominal", "actual", "sizes", "lengths", "shape", "standard")


@dataclass(frozen=True)
class StockItem:
    """One thing a region sells: a sheet thickness, a timber section, a tube, a pipe, a filament.

    `actual` is the identifying actual size (sheet or section thickness, tube width or OD, pipe OD,
    filament diameter) and `nominal` the size it is sold as when that differs (else None).
    `dims` / `nominal_dims` give every dimension by name. `sizes` are sheet sizes (length, width);
    `lengths` are stock lengths.
    """

    id: str
    kind: StockKind
    label: str
    materials: tuple[str, ...]
    actual: pint.Quantity
    nominal: Optional[pint.Quantity]
    dims: Mapping[str, pint.Quantity] = field(compare=False, hash=False)
    nominal_dims: Mapping[str, pint.Quantity] = field(compare=False, hash=False)
    sizes: tuple[tuple[pint.Quantity, pint.Quantity], ...] = ()
    lengths: tuple[pint.Quantity, ...] = ()
    shape: Optional[Shape] = None
    standard: Optional[str] = None
    source: str = ""
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __getattr__(self, name: str) -> Any:  # item.thickness, item.width, item.od …
        dims = self.__dict__.get("dims", {})
        if name in dims:
            return dims[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class StockCatalog:
    """A region's stock: items by kind, and indicative prices per material where sourced."""

    id: str
    name: str
    region: str
    currency: str
    items: tuple[StockItem, ...]
    prices: Mapping[str, pint.Quantity] = field(default_factory=dict, compare=False, hash=False)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    digest: str = ""

    def of_kind(
        self, kind: "StockKind | str", material_id: Optional[str] = None, shape: Optional[str] = None
    ) -> list[StockItem]:
        """Items of one kind sold (for `material_id`, of `shape`), smallest first."""
        items = self._of(StockKind(kind), material_id)
        if shape is not None:
            items = [i for i in items if i.shape is Shape(shape)]
        return items

    def _of(self, kind: StockKind, material_id: Optional[str]) -> list[StockItem]:
        if material_id is not None and material_id not in materials():
            raise unknown("material", material_id, materials())
        loose = not KINDS[kind].needs_materials  # a pipe listing no material suits any
        out = [
            i for i in self.items
            if i.kind is kind and (
                material_id is None or material_id in i.materials or (loose and not i.materials))
        ]
        return sorted(out, key=lambda i: (i.actual.to_base_units().magnitude, i.id))

    def sheets(self, material_id: Optional[str] = None) -> list[StockItem]:
        """Sheet thicknesses sold (for `material_id`), thinnest first; [] when none are."""
        return self._of(StockKind.SHEET, material_id)

    def thicknesses(self, material_id: str) -> list[pint.Quantity]:
        """Actual sheet thicknesses sold for `material_id`, thinnest first."""
        return [i.actual for i in self.sheets(material_id)]

    def sections(self, material_id: Optional[str] = None) -> list[StockItem]:
        """Timber sections sold (for `material_id`), smallest first."""
        return self._of(StockKind.SECTION, material_id)

    def tubes(self, material_id: Optional[str] = None, shape: Optional[str] = None) -> list[StockItem]:
        """Metal tubes and angles sold, optionally of one `shape` (square, rect, round, angle)."""
        items = self._of(StockKind.TUBE, material_id)
        if shape is not None:
            wanted = Shape(shape)
            items = [i for i in items if i.shape is wanted]
        return items

    def pipes(self, standard: Optional[str] = None) -> list[StockItem]:
        """Water pipes sold, optionally to one `standard` (e.g. "ISO 1452", "ASTM D1785 Sch 40")."""
        items = self._of(StockKind.PIPE, None)
        if standard is not None:
            known = sorted({i.standard or "" for i in items})
            if standard not in known:
                raise unknown("pipe standard", standard, known)
            items = [i for i in items if i.standard == standard]
        return items

    def filaments(self, material_id: Optional[str] = None) -> list[StockItem]:
        """Printer filament diameters sold (for `material_id`)."""
        return self._of(StockKind.FILAMENT, material_id)

    def item(self, item_id: str) -> StockItem:
        """The item `item_id` (e.g. "plywood-18"); `UnknownNameError` listing the ids otherwise."""
        for i in self.items:
            if i.id == item_id:
                return i
        raise unknown(f"item in {self.id} stock", item_id, [i.id for i in self.items])

    def materials_sold(self, kind: "StockKind | str | None" = None) -> tuple[str, ...]:
        """Ids of the materials with at least one item (of `kind`, if given) here, sorted."""
        wanted = None if kind is None else StockKind(getattr(kind, "value", kind))
        return tuple(sorted({
            m for i in self.items if wanted is None or i.kind is wanted for m in i.materials
        }))

    def substitutes(self, material_id: str, kind: "StockKind | str | None" = None) -> list[Material]:
        """Materials of `material_id`'s family that this catalog sells (as `kind`, if given).

        The material itself comes first when sold here, then the others by id; [] when its
        family is unknown or nothing of it is sold. This is the replacement an adaptation may
        make: e.g. in India stock, ``substitutes("plywood-birch", "sheet")`` → plywood-softwood.
        """
        known = materials()
        if material_id not in known:
            raise unknown("material", material_id, known)
        family = known[material_id].family
        if family is None:
            return []
        sold = set(self.materials_sold(kind))
        same = [m for m in known.values() if m.family is family and m.id in sold]
        return sorted(same, key=lambda m: (m.id != material_id, m.id))

    def price(self, material_id: str) -> Optional[pint.Quantity]:
        """Indicative local price of `material_id` (per kg or per m³), or None when not sourced."""
        return self.prices.get(material_id)


def stock_catalogs() -> dict[str, StockCatalog]:
    """Every stock catalog in `materials/stock/`, by id (the file name without .toml)."""
    folder = materials_dir() / "stock"
    return {p.stem: stock_catalog(p.stem) for p in sorted(folder.glob("*.toml"))}


def stock_catalogs_key() -> tuple[tuple[str, Any], ...]:
    """A key that changes whenever a stock catalog on file, or the materials it names, changes:
    (id, file digest and material ids) per catalog. For caches of answers read from all of them."""
    ids = list(stock_catalogs())  # loads (or re-checks) every catalog into `_CACHE`
    return tuple((cid, _CACHE[cid][0]) for cid in ids)


def stock_catalog_ids() -> list[str]:
    return sorted(p.stem for p in (materials_dir() / "stock").glob("*.toml"))


def stock_catalog(catalog_id: str) -> StockCatalog:
    """The catalog `catalog_id` (e.g. "eu-metric"); `UnknownNameError` listing the known ones."""
    path = materials_dir() / "stock" / f"{catalog_id}.toml"
    if not path.exists():
        raise unknown("stock catalog", catalog_id, stock_catalog_ids())
    doc = load_doc(path)
    key = (doc.digest, tuple(sorted(materials())))
    cached = _CACHE.get(catalog_id)
    if cached is None or cached[0] != key:
        cached = (key, _catalog(doc, catalog_id))
        _CACHE[catalog_id] = cached
    return cached[1]


_CACHE: dict[str, tuple[Any, StockCatalog]] = {}
register("stock catalogs", _CACHE.clear)


def _catalog(doc: Doc, catalog_id: str) -> StockCatalog:
    top = Entry(
        doc, "catalog", {k: v for k, v in doc.data.items() if not isinstance(v, dict)},
        ("name", "region", "currency", "units"),
    )
    currency = top.text("currency", required=True) or ""
    try:
        ok = str(ureg.Unit(currency).dimensionality).startswith("[currency_")
    except Exception:
        ok = False
    if not ok:
        from workbench.units import CURRENCIES

        raise DataError(f'{doc.shown}: currency: "{currency}" is not one of {", ".join(CURRENCIES)}')
    kinds = {k.value for k in StockKind}
    items: list[StockItem] = []
    for group, table in doc.data.items():
        if group in ("sources", "prices") or not isinstance(table, dict):
            continue
        if group not in kinds:
            raise DataError(
                f"{doc.shown}: [{group}]: unknown table (known: {', '.join(sorted(kinds))}, prices, sources)"
            )
        for ident, body in table.items():
            items.append(_item(doc, StockKind(group), ident, body))
    seen: set[str] = set()
    for i in items:
        if i.id in seen:
            raise DataError(f"{doc.shown}: item id '{i.id}' is used twice")
        seen.add(i.id)
    return StockCatalog(
        id=catalog_id,
        name=top.text("name", required=True) or catalog_id,
        region=top.text("region", required=True) or "",
        currency=currency,
        items=tuple(items),
        prices=MappingProxyType(_prices(doc)),
        sources=dict(doc.sources),
        digest=doc.digest,
    )


def _prices(doc: Doc) -> dict[str, pint.Quantity]:
    table = doc.data.get("prices", {})
    e = Entry(doc, "prices", table, materials())
    out = {}
    for mat in table:
        out[mat] = e.price(mat)
    return out


def _item(doc: Doc, kind: StockKind, ident: str, body: Any) -> StockItem:
    where = f"{kind.value}.{ident}"
    check_id(doc, where, ident)
    e = Entry(doc, where, body, ITEM_KEYS)
    if e.default_source is None:
        raise DataError(f"{doc.shown}: {where} has no source")
    known = materials()
    mats = e.texts("materials")
    if KINDS[kind].needs_materials and not mats:
        raise DataError(f"{doc.shown}: {where} names no materials")
    for m in mats:
        if m not in known:
            raise e.fail("materials", str(unknown("material", m, known)))
    actual = _dims(e, kind, "actual", required=True)
    nominal = _dims(e, kind, "nominal", required=False) or dict(actual)
    primary = PRIMARY[kind]
    if primary not in actual:
        raise e.fail("actual", f"has no {primary}")
    shape = None
    if kind is StockKind.TUBE:
        shape = Shape(e.option("shape", body.get("shape"), "shape", [s.value for s in Shape]))
        if shape is Shape.ROUND:
            primary = "od"
            if "od" not in actual:
                raise e.fail("actual", "a round tube has no od")
    standard = e.text("standard", required=kind is StockKind.PIPE)
    nom = nominal.get(primary)
    act = actual[primary]
    return StockItem(
        id=ident,
        kind=kind,
        label=e.text("label", required=True) or ident,
        materials=mats,
        actual=act,
        nominal=None if nom is None or abs((nom - act).to("mm").magnitude) < 1e-9 else nom,
        dims=MappingProxyType(actual),
        nominal_dims=MappingProxyType(nominal),
        sizes=_sizes(e),
        lengths=tuple(e.length(f"lengths[{n}]", v) for n, v in enumerate(_list(e, "lengths"))),
        shape=shape,
        standard=standard,
        source=e.citation(e.default_source, "source"),
        sources=dict(e.cited),
    )


def _list(e: Entry, key: str) -> list[Any]:
    value = e.table.get(key, [])
    if not isinstance(value, list):
        raise e.fail(key, "expected a list")
    return value


def _dims(e: Entry, kind: StockKind, key: str, required: bool) -> dict[str, pint.Quantity]:
    table = e.table.get(key)
    if table is None:
        if required:
            raise DataError(f"{e.doc.shown}: {e.where} has no {key} sizes")
        return {}
    if not isinstance(table, dict):
        raise e.fail(key, "expected a table of sizes, e.g. { thickness = \"18 mm\" }")
    out = {}
    for name, raw in table.items():
        if name not in DIMENSIONS[kind]:
            raise e.fail(f"{key}.{name}", f"unknown size (known: {', '.join(DIMENSIONS[kind])})")
        allowed = NON_NEGATIVE if name == "tolerance" else POSITIVE
        out[name] = e.length(f"{key}.{name}", raw, allowed=allowed)
    _check_consistent(e, key, out)
    return out


def _check_consistent(e: Entry, key: str, dims: dict[str, pint.Quantity]) -> None:
    """Sizes that contradict each other: a thickness outside its own tolerance band, a tube or
    pipe wall at least half its width / outside diameter, a tolerance not below the diameter."""

    def show(q: pint.Quantity) -> str:
        return f"{q.magnitude:g} {q.units:~P}"

    t, lo, hi = dims.get("thickness"), dims.get("thickness_min"), dims.get("thickness_max")
    for a, b, a_name, b_name in ((lo, t, "thickness_min", "thickness"), (t, hi, "thickness", "thickness_max"),
                                 (lo, hi, "thickness_min", "thickness_max")):
        if a is not None and b is not None and a > b:
            raise e.fail(f"{key}.{a_name}", f"{show(a)} is above {b_name} {show(b)}")
    wall = dims.get("wall")
    if wall is not None:
        for name in ("width", "depth", "od"):
            outer = dims.get(name)
            if outer is not None and 2 * wall >= outer:
                raise e.fail(f"{key}.wall", f"{show(wall)} is half the {name} {show(outer)} or more")
    tol, dia = dims.get("tolerance"), dims.get("diameter")
    if tol is not None and dia is not None and tol >= dia:
        raise e.fail(f"{key}.tolerance", f"{show(tol)} is not below the diameter {show(dia)}")


def _sizes(e: Entry) -> tuple[tuple[pint.Quantity, pint.Quantity], ...]:
    """Sheet sizes: ``["2440 mm", "1220 mm"]`` or ``{ value = [...], source = "key" }``."""
    out = []
    for n, pair in enumerate(_list(e, "sizes")):
        key = f"sizes[{n}]"
        extra: dict[str, Any] = {}
        if isinstance(pair, dict):
            if "source" in pair:
                extra["source"] = pair["source"]
            pair = pair.get("value")
        if not isinstance(pair, list) or len(pair) != 2:
            raise e.fail(key, 'expected [length, width], e.g. ["2440 mm", "1220 mm"]')
        a, b = (e.length(key, {"value": v, **extra}) for v in pair)
        out.append((a, b))
    return tuple(out)
