"""Data tests of issue 14.7: sources are full citations, and every catalog item can be used.

`test_data_files.py` already checks that every number has a unit and a source; these add that
each citation names its year, and that each item a catalog sells is reachable from a parameter
kind of a shipped design (or, for filament, from a printed role). Both pin the exceptions, so the
lists can only shrink: a new source without a year, or a new item no design can use, fails here.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest

from workbench import catalog
from workbench.context import MATERIALS_DIR, StockItem, StockKind, stock_catalogs
from workbench.stockparams import StockPick

YEAR = re.compile(r"\b(19|20)\d\d\b")

# Citations written before this test that give no year (publisher and title are there). Each can
# be closed by adding the edition year or the date the page was read; then remove it from here.
WITHOUT_YEAR = {
    "climate/cold-continental.toml": {"msp-low", "mn-snow"},
    "climate/highland.toml": {"nairobi-koppen", "wmo-nairobi"},
    "climate/hot-arid.toml": {"tmy3-stat", "litchfield-park"},
    "climate/humid-tropical.toml": {"mombasa-climate", "klimatabelle"},
    "climate/lima.toml": {"lima-city", "pucp", "e020"},
    "climate/temperate-oceanic.toml": {"nl-climate"},
    "materials.toml": {
        "aa-6061", "prusament-pla", "natureworks-4043d", "prusament-petg", "prusament-asa",
        "netzsch-pa6", "matmatch-pa6", "hdpe-generic", "netzsch-pe-hd", "koskisen-birch",
    },
    "stock/eu-metric.toml": {"plyterra", "stokeferry", "plumb", "trade-lengths", "harris-rhs", "arcelor-angles"},
    "stock/india.toml": {"is4923", "ply-india"},
    "stock/brazil.toml": {"tigre-soldavel"},
    "stock/us-customary.toml": {"ps1", "ps20", "d1785", "aisc-hss", "a500-lengths", "aisc-angles"},
    "workshops.toml": {"prusa-mk4", "ender3", "profile", "plyterra"},
}


def _citations() -> dict[str, dict[str, str]]:
    out = {}
    for path in sorted(MATERIALS_DIR.rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out[path.relative_to(MATERIALS_DIR).as_posix()] = data.get("sources", {})
    return out


def test_every_citation_is_a_full_reference_with_a_year() -> None:
    missing: dict[str, set[str]] = {}
    for name, sources in _citations().items():
        for key, text in sources.items():
            assert len(text) >= 40, f"{name}: sources.{key} is too short to name title and publisher"
            if not YEAR.search(text):
                missing.setdefault(name, set()).add(key)
    assert missing == WITHOUT_YEAR


def test_a_citation_without_a_year_is_caught() -> None:
    assert not YEAR.search("Plumb Build, 'Timber FAQs': a 4x4 is 95 x 95 mm finished.")
    assert YEAR.search("Rolf Meier Reisen, 'Klimatabellen' (accessed 2026)")


def _params() -> list[Any]:
    out = []
    for design_id in catalog.entries():
        for params in catalog.get(design_id).groups().values():
            out.extend(params)
    return out


def _printed_roles() -> bool:
    return any(
        spec.process.value == "print"
        for design_id in catalog.entries()
        for spec in catalog.get(design_id).roles.values()
    )


def reachable(item: StockItem, params: list[Any], printing: bool) -> bool:
    """Whether some shipped design can use `item`: a stock parameter of its kind (and shape)."""
    if item.kind is StockKind.FILAMENT:
        return printing
    kinds = {p.kind for p in params}
    if item.kind is StockKind.SHEET:
        return "stock-thickness" in kinds
    if item.kind is StockKind.PIPE:
        return "stock-pipe" in kinds
    return any(isinstance(p, StockPick) and p._fits(item) for p in params)


# Items no shipped design takes yet: angles, rectangular and round tubes (the steel workbench
# takes square tubes only). A design with an angle or round-tube parameter closes these.
UNREACHABLE_SHAPES = {"angle", "rect", "round"}


def test_every_catalog_item_is_reachable_from_a_design_parameter() -> None:
    params, printing = _params(), _printed_roles()
    unreachable = {
        (c.id, i.id): i for c in stock_catalogs().values() for i in c.items
        if not reachable(i, params, printing)
    }
    shapes = {i.shape.value if i.shape is not None else i.kind.value for i in unreachable.values()}
    assert shapes <= UNREACHABLE_SHAPES, sorted(k for k, i in unreachable.items() if i.shape is None)
    assert all(i.kind is StockKind.TUBE for i in unreachable.values())


@pytest.mark.parametrize("kind", [StockKind.SHEET, StockKind.SECTION, StockKind.PIPE, StockKind.FILAMENT])
def test_each_kind_is_reachable_somewhere(kind: StockKind) -> None:
    params, printing = _params(), _printed_roles()
    items = [i for c in stock_catalogs().values() for i in c.items if i.kind is kind]
    assert items and all(reachable(i, params, printing) for i in items)
