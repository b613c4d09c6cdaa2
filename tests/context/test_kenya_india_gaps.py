"""Kenya (`east-africa`) and India: every check that cannot run there is a gap that
`materials/README.md` lists with the source that would close it (issue 14, "Done when").

No Kenyan hollow-section size table and no copy of IS 4891:1988 Table 1 was found, so those
checks still cannot run; these tests keep the README honest about it. When a sourced table is
added, the need disappears from `find_gaps` and its entry below (and in the README) goes too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import gaps
from workbench.context import stock_catalog

README = Path(__file__).resolve().parents[2] / "materials" / "README.md"
HELP_WANTED = "## What is not here yet"

# The data a check lacks (as `workbench.gaps` words it) → the README entry naming its source.
LISTED = {
    "long-term (creep) modulus for PLA (Prusament PLA)":
        "PLA (Prusament PLA): a long-term (creep) modulus",
    "long-term (creep) modulus for Recycled HDPE sheet":
        "Recycled HDPE sheet: heat deflection temperature and a long-term (creep) modulus",
    "heat-deflection temperature for Recycled HDPE sheet (hdt, or its glass transition tg)":
        "Recycled HDPE sheet: heat deflection temperature and a long-term (creep) modulus",
    "tangential shrinkage coefficient (shrink_tangential) for Structural softwood C24 (EN 338)":
        "Shrinkage of the strength classes C24 and C16",
    "square tube sizes in East Africa (Kenya) stock":
        "steel hollow sections (the steel workbench's \"tube stock\" cannot run in `east-africa`)",
    "timber section sizes in India stock":
        "India timber sections (the raised bed's \"board stock\" and \"post stock\" cannot run in "
        "`india`)",
}


def _help_wanted() -> str:
    text = README.read_text(encoding="utf-8")
    assert HELP_WANTED in text
    return " ".join(text.split(HELP_WANTED, 1)[1].split())


@pytest.fixture(scope="module")
def rows() -> list[gaps.Gap]:
    found, count = gaps.find_gaps(stocks=["east-africa", "india"], climates=["highland"])
    assert count == 2 * 7  # every shipped design in each of the two places
    return found


def test_every_need_in_kenya_and_india_is_listed_with_its_source(rows) -> None:
    needs = {g.needs for g in rows if not g.refused}
    unlisted = sorted(needs - set(LISTED))
    assert not unlisted, f"add these to materials/README.md and to LISTED: {unlisted}"
    wanted = _help_wanted()
    for need in needs:
        assert " ".join(LISTED[need].split()) in wanted, need


def test_the_stock_gaps_are_the_ones_no_source_closed(rows) -> None:
    by_place = {(g.stock, g.design, g.check): g.needs for g in rows if not g.refused}
    assert by_place[("east-africa", "steel-workbench", "tube stock")] == (
        "square tube sizes in East Africa (Kenya) stock")
    assert by_place[("india", "raised-bed", "board stock")] == "timber section sizes in India stock"
    assert by_place[("india", "raised-bed", "post stock")] == "timber section sizes in India stock"
    # Kenya sells sawn cypress, so the raised bed's stock checks run there (and fail on C24)
    assert ("east-africa", "raised-bed", "board stock") not in by_place
    assert stock_catalog("east-africa").tubes() == []
    assert stock_catalog("india").sections() == []


def test_the_refusals_are_the_birch_default_not_missing_data(rows) -> None:
    refused = [g for g in rows if g.refused]
    assert sorted((g.stock, g.design) for g in refused) == [
        ("east-africa", "plywood-shelf"), ("east-africa", "rope-pump"),
        ("india", "plywood-shelf"), ("india", "rope-pump"),
    ]
    for g in refused:
        assert g.needs.startswith(f"sheet: 18 mm birch plywood is not sold in {g.stock} stock")
        # both places sell the same family, so an adaptation swaps the panel (workbench.adapt)
        local = stock_catalog(g.stock).substitutes("plywood-birch", "sheet")
        assert [m.id for m in local] == ["plywood-softwood"]


def test_the_readme_names_the_sources_searched_for_kenya_and_india() -> None:
    wanted = _help_wanted()
    for cited in (
        "archive.org/details/gov.in.is.4891.1988",
        "structrumlimited.co.ke",
        "KNBS Construction Cost Handbook 2025/2026",
        "arXiv:2302.11240",
        "10.14293/S2199-1006.1.SOR-.PPBRJ1U.v1",
    ):
        assert cited in wanted, cited
