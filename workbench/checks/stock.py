"""Stock fit: which stock item a fabricator's words name, and whether the local catalog sells it.

Fabricators name stock the way merchants list it: by catalog id (``shs-50x50x3-0``), by label
(``2x6``), or by size (``50 x 50 x 3 mm``, ``HSS 2 x 2 x 1/8 in``, ``47x100``; bare numbers are
millimetres, else inches when no millimetre size matches). A size names the items it gives exactly
(nominal or actual size), else those within `SIZE_MATCH_MM` of it (a tube wall: `WALL_MATCH_MM`).
Tubes are written width x depth x wall, timber thickness x width (either order).

`find_stock` looks through every catalog, so a design value names one piece of stock whatever the
context it is evaluated in; `stock_check` then says whether the local catalog sells it, for the
material chosen, in a length long enough for the longest member.
"""

from __future__ import annotations

from workbench.caches import register

import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pint

from workbench.checks._common import _compare, _words
from workbench.i18n import N_
from workbench.stockparams import KIND_NOUNS
from workbench.checks.result import CheckResult, Status
from workbench.errors import UnitError, UnknownNameError
from workbench.units import parse_quantity

if TYPE_CHECKING:
    from workbench.context import StockCatalog, StockItem

SIZE_MATCH_MM = 0.3
"""A typed outside dimension matches a catalog dimension within this many millimetres (nominal or
actual): `workbench.stockparams.STOCK_MATCH_MM`, the one tolerance of every stock kind (kept here as
a number so checks import no parameter module), so 38 x 89 names a 2x4 (38.1 x 88.9 mm)."""
WALL_MATCH_MM = 0.05
"""A typed tube wall matches within this many millimetres: walls sold 0.1 mm apart (2.9, 3.0, 3.2)
are different tubes, while 3.2 still names a 1/8 in (3.175 mm) wall."""


def _spec(kind: str) -> object:
    from workbench.context.stock import KINDS, StockKind

    return KINDS[StockKind(kind)]


def _keys(kind: str) -> tuple[str, ...]:
    """The dimensions a typed size of `kind` gives, in order (`context.stock.KINDS`)."""
    return _spec(kind).size_keys  # type: ignore[attr-defined]


def _sorted_count(kind: str) -> int:
    """How many leading dimensions are interchangeable (50 x 30 = 30 x 50; 47 x 100 = 100 x 47)."""
    return _spec(kind).interchangeable  # type: ignore[attr-defined]
_SIXTEENTH_MM = 25.4 / 16
_PREFIX = re.compile(r"^\s*[A-Za-z]{1,4}\s+(?=\d)")  # "SHS 50x50x3", "HSS 2x2x1/8 in"
_HYPHEN_FRACTION = re.compile(r"(\d)\s*-\s*(\d+\s*/\s*\d+)")  # 1-1/2 -> 1 1/2
_LAST = re.compile(r"^(?P<number>[\d\s./]+?)\s*(?P<unit>[A-Za-z\"″]+)\s*$")


def _kind_value(item_or_kind: object) -> str:
    return str(getattr(item_or_kind, "value", item_or_kind))


_TUBE_WORDS = {"square": N_("square tube"), "rect": N_("rect tube"), "round": N_("round tube"),
               "angle": N_("angle tube")}
_KIND_WORDS = {**KIND_NOUNS, "section": N_("timber section")}
"""Each kind's noun (`workbench.stockparams.KIND_NOUNS`); a section here is a timber one."""


def _what(kind: str, shape: str | None) -> str:
    """What a stock item is, as a marked word ("square tube"), translated where shown."""
    if kind == "tube" and shape:
        return _TUBE_WORDS.get(shape, f"{shape} tube")
    return _KIND_WORDS.get(kind, kind)


def _parts(text: str) -> list[str]:
    body = _HYPHEN_FRACTION.sub(r"\1 \2", _PREFIX.sub("", text.strip()))
    return [p.strip() for p in re.split(r"[x×X]", body)]


def _has_unit(text: str) -> bool:
    return any(re.search(r"[A-Za-z\"″']", part) for part in _parts(text))


def parse_size(
    text: str, name: str = "size", bare_unit: str = "mm", counts: tuple[int, int] = (2, 3)
) -> tuple[pint.Quantity, ...]:
    """The dimensions of a size such as ``50 x 50 x 3 mm`` or ``1-1/2 x 1-1/2 x 1/8 in`` (in mm).

    A unit written after the last number applies to every number without one; bare numbers are in
    `bare_unit`. Raises `UnitError` (one line) for text that is not two or three lengths.
    """
    bad = UnitError(
        f"{name}: {text!r} is not a size; write it like 50 x 50 x 3 mm or 1-1/2 x 1-1/2 x 1/8 in"
    )
    parts = _parts(text)
    if not counts[0] <= len(parts) <= counts[1] or not all(parts):
        raise bad
    last = _LAST.match(parts[-1])
    unit = last["unit"] if last else bare_unit
    out = []
    for part in parts:
        has_unit = re.search(r"[A-Za-z\"″']", part) is not None
        try:
            q = parse_quantity(part if has_unit else f"{part} {unit}", "mm", name, locale="en")
        except UnitError:
            raise bad from None
        if not q.magnitude > 0:
            raise bad
        out.append(q)
    return tuple(out)


def _dims(item: StockItem, which: str) -> tuple[float, ...] | None:
    """An item's (nominal or actual) dimensions in mm in `_KEYS` order, leading ones sorted."""
    kind = _kind_value(item.kind)
    table = item.nominal_dims if which == "nominal" else item.dims
    keys = _keys(kind)
    if not keys or any(k not in table for k in keys):
        return None
    values = [float(table[k].m_as("mm")) for k in keys]
    n = _sorted_count(kind)
    return (*sorted(values[:n]), *values[n:])


def _fits(given: tuple[float, ...], item: StockItem, *, exact: bool = False) -> bool:
    keys = _keys(_kind_value(item.kind))
    tolerances = [
        1e-3 if exact else WALL_MATCH_MM if k == "wall" else SIZE_MATCH_MM for k in keys
    ]
    for which in ("nominal", "actual"):
        dims = _dims(item, which)
        if dims is not None and len(given) <= len(dims) and all(
            abs(a - b) <= tol for a, b, tol in zip(given, dims, tolerances)
        ):
            return True
    return False


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())


def _labels(item: StockItem) -> set[str]:
    """An item's label as typed: whole, or without its notes in brackets ("HSS 2 x 2 x 1/8")."""
    return {_norm(item.label), _norm(re.sub(r"\([^)]*\)", "", item.label))}


def _by_size(
    text: str, kind: str, listed: list[tuple[str, StockItem]], name: str, bare_unit: str
) -> list[tuple[str, StockItem]]:
    """Items whose size `text` gives: exact matches if any, else those within the tolerances.

    Bare numbers are tried in millimetres, then (when nothing matches) in inches, so ``2x2x1/8``
    names the 2 in tube.
    """
    try:
        n_keys = len(_keys(kind))
        given = parse_size(text, name, bare_unit, (1, 1) if n_keys == 1 else (2, 3))
    except UnitError:
        return []
    if bare_unit != "mm" and _has_unit(text):
        return []  # the text gave its own unit: no second reading
    n = _sorted_count(kind)
    mm = [float(q.m_as("mm")) for q in given]
    key = (*sorted(mm[:n]), *mm[n:])
    exact = [(c, i) for c, i in listed if _fits(key, i, exact=True)]
    return exact or [(c, i) for c, i in listed if _fits(key, i)]


def _signature(item: StockItem) -> tuple[str, tuple[float, ...] | None]:
    dims = _dims(item, "actual")
    return item.id, None if dims is None else tuple(round(d, 6) for d in dims)


def _nearest_ids(text: str, listed: list[tuple[str, StockItem]], count: int = 6) -> list[str]:
    """Ids of listed items closest in size to `text` (when it is a size), else the smallest."""
    try:
        target = sum(float(q.m_as("mm")) for q in parse_size(text))
    except UnitError:
        target = 0.0
    ids: dict[str, float] = {}
    for _, item in listed:
        ids.setdefault(item.id, abs(_primary(item) - target))
    return sorted(ids, key=lambda i: (ids[i], i))[:count]


def find_stock(
    text: str,
    kind: str,
    catalogs: Iterable[StockCatalog],
    *,
    shape: str | None = None,
    name: str = "stock",
) -> StockItem:
    """The one item of `kind` ("tube", "section") and `shape` that `text` names in any catalog.

    Matched by id, then label, then size (see the module docstring). The same id listed by several
    catalogs with the same actual size is one item. Raises `UnknownNameError` (one line) when
    nothing matches, naming some items that exist, or when several different items do.
    """
    kind = _kind_value(kind)
    catalogs = list(catalogs)
    key = (text.strip(), kind, shape, name, tuple((c.id, c.digest, id(c)) for c in catalogs))
    found = _FOUND.get(key)
    if found is None:
        found = _find(text, kind, catalogs, shape, name)
        if len(_FOUND) > 256:
            _FOUND.clear()
        _FOUND[key] = found
    return found


_FOUND: dict[tuple[object, ...], StockItem] = {}
register("stock lookups", _FOUND.clear)
"""Lookups already made, by text and the catalogs' digests (a design resolves its default often)."""


def _find(
    text: str, kind: str, catalogs: list[StockCatalog], shape: str | None, name: str
) -> StockItem:
    listed: list[tuple[str, StockItem]] = []
    for catalog in catalogs:
        for item in catalog.items:
            if _kind_value(item.kind) == kind and (
                shape is None or _kind_value(item.shape) == shape
            ):
                listed.append((catalog.id, item))
    wanted = text.strip()
    hits = [(c, i) for c, i in listed if i.id == wanted.lower()]
    if not hits:
        hits = [(c, i) for c, i in listed if _norm(wanted) in _labels(i)]
    for bare_unit in ("mm", "inch"):
        if hits:
            break
        hits = _by_size(wanted, kind, listed, name, bare_unit)
    what = _what(kind, shape)
    if not hits:
        raise UnknownNameError(
            f"{name}: {text!r} is not a {what} any stock catalog lists; give its id, label or "
            f"size, e.g. {', '.join(_nearest_ids(wanted, listed)) or 'none listed'}"
        )
    distinct: dict[tuple[str, object], list[str]] = {}
    first: dict[tuple[str, object], StockItem] = {}
    for catalog_id, item in sorted(hits, key=lambda h: (h[0], h[1].id)):
        sig = _signature(item)
        distinct.setdefault(sig, []).append(catalog_id)
        first.setdefault(sig, item)
    if len(distinct) > 1:
        named = "; ".join(f"{sig[0]} ({', '.join(cats)})" for sig, cats in distinct.items())
        raise UnknownNameError(
            f"{name}: {text!r} matches {len(distinct)} different {what}s: {named}; give the id"
        )
    return next(iter(first.values()))


def size_dims(item: StockItem) -> tuple[float, ...]:
    """An item's actual size in mm as a typed size gives it (leading interchangeable dimensions
    sorted), or its identifying size alone for kinds named by one dimension."""
    dims = _dims(item, "actual")
    return dims if dims is not None else (float(item.actual.m_as("mm")),)


def inch_sized(item: StockItem) -> bool:
    """Whether an item is sold in inch sizes (every nominal dimension a whole 1/16 in), so a
    fabricator buying it thinks in inches and pounds."""
    values = [float(q.m_as("mm")) for q in item.nominal_dims.values()]
    return bool(values) and all(
        abs(v / _SIXTEENTH_MM - round(v / _SIXTEENTH_MM)) < 1e-6 for v in values
    )


def _same_size(a: StockItem, b: StockItem) -> bool:
    da, db = _dims(a, "actual"), _dims(b, "actual")
    return da is not None and db is not None and all(
        abs(x - y) <= SIZE_MATCH_MM for x, y in zip(da, db)
    )


def _primary(item: StockItem) -> float:
    dims = _dims(item, "actual")
    return sum(dims) if dims else float(item.actual.m_as("mm"))


def stock_check(
    item: StockItem,
    catalog: StockCatalog,
    material_id: str,
    *,
    longest: pint.Quantity | None = None,
    name: str = N_("stock"),
) -> CheckResult:
    """Whether `catalog` sells `item` for `material_id`, in a length of at least `longest`.

    Fails when the catalog lists items of this kind but not this one (naming the nearest it sells),
    or lists it for other materials only, or (when its stock lengths are known) every length is
    shorter than the longest member. A catalog listing no item of this kind at all cannot tell:
    the result is `CheckResult.missing`. Utilisation is longest member / longest stock length when
    the lengths are known, else NaN.
    """
    kind = _kind_value(item.kind)
    shape = _kind_value(item.shape) if item.shape is not None else None
    what = _what(kind, shape)
    reference = f"{catalog.name} stock catalog (materials/stock/{catalog.id}.toml)"
    same = [
        i for i in catalog.items
        if _kind_value(i.kind) == kind and (shape is None or _kind_value(i.shape) == shape)
    ]
    if not same:
        return CheckResult.missing(name, N_("{stock} sizes in {catalog} stock"),
                                   load_bearing=False, stock=what, catalog=catalog.name)
    local = next((i for i in same if i.id == item.id and _same_size(i, item)), None)
    local = local or next((i for i in same if _same_size(i, item)), None)
    if local is None:
        nearest = sorted(same, key=lambda i: (abs(_primary(i) - _primary(item)), i.id))[:4]
        return CheckResult(
            name, Status.FAIL, math.nan, None, None,
            f"{item.label} is not sold in {catalog.name} stock; the nearest it sells: "
            f"{'; '.join(i.label for i in nearest)}.",
            reference,
        ).with_words(N_("{item} is not sold in {catalog} stock; the nearest it sells: {nearest}."),
                     {"item": item.label, "catalog": catalog.name,
                      "nearest": "; ".join(i.label for i in nearest)})
    if material_id not in local.materials:
        return CheckResult(
            name, Status.FAIL, math.nan, None, None,
            f"{catalog.name} stock sells {local.label} as {', '.join(local.materials)}, not "
            f"{material_id}; choose that material for this role or another {what}.",
            reference,
        ).with_words(N_("{catalog} stock sells {item} as {materials}, not {material}; choose that "
                        "material for this role or another {stock}."),
                     {"catalog": catalog.name, "item": local.label,
                      "materials": ", ".join(local.materials), "material": material_id,
                      "stock": what})
    imperial = inch_sized(local)
    unit = "ft" if imperial else "m"
    if longest is None or not local.lengths:
        known = "" if local.lengths else " (stock lengths not listed)"
        said = (N_("{catalog} stock sells {item} ({id}).") if local.lengths else
                N_("{catalog} stock sells {item} ({id}) (stock lengths not listed)."))
        return CheckResult(
            name, Status.PASS, math.nan, None, None,
            f"{catalog.name} stock sells {local.label} ({local.id}){known}.",
            reference,
        ).with_words(said, {"catalog": catalog.name, "item": local.label, "id": local.id})
    stock_length = max(local.lengths, key=lambda q: float(q.m_as("mm")))
    message = _words(
        N_("{catalog} stock sells {item} in lengths up to {stock_length}; the longest member is "
           "{longest}."),
        catalog=catalog.name, item=local.label, stock_length=(stock_length, unit),
        longest=(longest, unit),
    )
    return _compare(
        name, longest.to("mm"), stock_length.to("mm"), message=message, reference=reference
    )


__all__ = [
    "SIZE_MATCH_MM", "WALL_MATCH_MM", "find_stock", "inch_sized", "parse_size", "size_dims", "stock_check",
]
