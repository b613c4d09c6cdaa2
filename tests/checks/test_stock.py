"""Stock fit: naming stock by id, label or size, and whether the local catalog sells it.

The sizes asserted are the catalogs' published ones: AISC Shapes Database design wall of
HSS 2x2x1/8 = 0.116 in (0.93 × 1/8 in, AISC 360-16 §B4.2); PS 20 dressed 2x6 = 1-1/2 × 5-1/2 in;
UK regularised 47 × 100 carcassing finishes at 45 × 95 mm (eu-metric catalog sources).
"""

from __future__ import annotations

import math

import pytest

from workbench.checks.result import Status
from workbench.checks.stock import find_stock, inch_sized, parse_size, stock_check
from workbench.context import stock_catalog, stock_catalogs
from workbench.errors import UnitError, UnknownNameError
from workbench.units import Q_


def _find(text, kind="tube", shape="square"):
    return find_stock(text, kind, stock_catalogs().values(), shape=shape, name="tube")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 x 2 x 1/8 in", [50.8, 50.8, 3.175]),
        ("1-1/2 x 1-1/2 x 1/8 in", [38.1, 38.1, 3.175]),
        ("50x50x3", [50, 50, 3]),
        ("SHS 40 x 40 x 2.5 mm", [40, 40, 2.5]),
        ('2x2x1/8"', [50.8, 50.8, 3.175]),
        ("47x100", [47, 100]),
    ],
)
def test_parse_size(text, expected):
    assert [q.to("mm").magnitude for q in parse_size(text)] == pytest.approx(expected)


@pytest.mark.parametrize("text", ["50", "50 x", "a x b", "1 x 2 x 3 x 4", "50 x 0 x 3"])
def test_parse_size_refuses_what_is_not_a_size(text):
    with pytest.raises(UnitError, match="is not a size; write it like 50 x 50 x 3 mm"):
        parse_size(text)


def test_us_hss_by_id_label_or_size_is_the_aisc_design_wall():
    for text in ("hss-2x2x1-8", "HSS 2 x 2 x 1/8", "HSS 2 x 2 x 1/8 (ASTM A500)", "2x2x1/8 in",
                 "2x2x1/8", "50.8 x 50.8 x 3.175 mm"):
        item = _find(text)
        assert item.id == "hss-2x2x1-8", text
    assert item.wall.to("inch").magnitude == pytest.approx(0.116)  # AISC t_des
    assert item.nominal_dims["wall"].to("inch").magnitude == pytest.approx(1 / 8)
    assert inch_sized(item)


def test_metric_tubes_and_the_same_id_in_two_catalogs():
    assert _find("50x50x3").id == "shs-50x50x3-0" and not inch_sized(_find("50x50x3"))
    # 40 x 40 x 4 is listed by the EU and the India catalogs under one id and size: one tube
    assert _find("40 x 40 x 4 mm").id == "shs-40x40x4-0"
    # a 3.2 mm wall is not a 3.0 mm one
    assert _find("40x40x3.2").id == "shs-40x40x3-2"


def test_lumber_by_label_nominal_actual_or_rounded_metric():
    catalogs = stock_catalogs().values()
    for text in ("2x6", "lumber-2x6", "2 x 6 in", "1-1/2 x 5-1/2 in", "5.5 x 1.5 in"):
        item = find_stock(text, "section", catalogs, name="board")
        assert item.id == "lumber-2x6", text
    assert item.thickness.to("inch").magnitude == pytest.approx(1.5)
    assert item.width.to("inch").magnitude == pytest.approx(5.5)
    # Canadian practice names a 2x4 by its rounded metric size, 38 x 89 (38.1 x 88.9 mm)
    assert find_stock("38 x 89", "section", catalogs).id == "lumber-2x4"
    uk = find_stock("47 x 100", "section", catalogs)
    assert uk.id == "c24-47x100" and (uk.thickness.magnitude, uk.width.magnitude) == (45, 95)
    assert find_stock("45x95", "section", catalogs).id == "c24-47x100"


def test_ambiguous_and_unknown_names_are_one_line_with_what_exists():
    with pytest.raises(UnknownNameError) as err:
        _find("40 x 40")
    msg = str(err.value)
    assert msg.startswith("tube: '40 x 40' matches 8 different square tubes: ")
    assert "shs-40x40x4-0 (eu-metric, india)" in msg and msg.endswith("; give the id")
    with pytest.raises(UnknownNameError) as err:
        _find("41x41x3")
    msg = str(err.value)
    assert msg.startswith("tube: '41x41x3' is not a square tube any stock catalog lists; ")
    assert "shs-40x40x3-0" in msg and "\n" not in msg
    with pytest.raises(UnknownNameError, match="is not a square tube"):
        _find("rhs-50x25x2-0")  # a rectangular tube is not a square one


def _item(catalog, item_id):
    return stock_catalog(catalog).item(item_id)


def test_stock_check_sold_here_with_lengths():
    # US HSS comes in 24, 40 and 48 ft mill lengths (a500-lengths): a 6 ft rail uses 1/8 of one.
    hss = _item("us-customary", "hss-2x2x1-8")
    res = stock_check(hss, stock_catalog("us-customary"), "steel-a500c", longest=Q_(72, "inch"))
    assert res.status is Status.PASS
    assert res.utilisation == pytest.approx(72 / (48 * 12))
    assert res.message == (
        "US customary stock sells HSS 2 x 2 x 1/8 (ASTM A500) in lengths up to 48 ft; the longest "
        "member is 6 ft."
    )
    # EU carcassing in trade lengths up to 5.4 m: a 6 m board is longer than any
    board = _item("eu-metric", "c24-47x100")
    res = stock_check(board, stock_catalog("eu-metric"), "c24", longest=Q_(6, "m"))
    assert res.status is Status.FAIL and res.utilisation == pytest.approx(6 / 5.4)


def test_stock_check_without_lengths_passes_and_says_so():
    shs = _item("eu-metric", "shs-50x50x3-0")
    res = stock_check(shs, stock_catalog("eu-metric"), "steel-s235", longest=Q_(2, "m"))
    assert res.status is Status.PASS and math.isnan(res.utilisation)
    assert res.message.endswith("(shs-50x50x3-0) (stock lengths not listed).")


def test_stock_check_not_sold_names_the_nearest():
    shs = _item("eu-metric", "shs-50x50x3-0")
    res = stock_check(shs, stock_catalog("us-customary"), "steel-s235")
    assert res.status is Status.FAIL
    assert res.message.startswith(
        "SHS 50 x 50 x 3.0 (cold-formed) is not sold in US customary stock; the nearest it sells: "
        "HSS 2 x 2 x 1/8 (ASTM A500)"
    )


def test_stock_check_other_material_and_no_data():
    # India sells 40 x 40 x 4 tube in YST 310 (IS 4923), not S235
    shs = _item("eu-metric", "shs-40x40x4-0")
    res = stock_check(shs, stock_catalog("india"), "steel-s235")
    assert res.status is Status.FAIL
    assert "sells SHS 40 x 40 x 4.0 as steel-yst310, not steel-s235" in res.message
    assert stock_check(shs, stock_catalog("india"), "steel-yst310").status is Status.PASS
    # The Kenyan catalog lists no tube sizes yet: it cannot tell, so it warns
    res = stock_check(shs, stock_catalog("east-africa"), "steel-s235")
    assert res.status is Status.WARN
    assert "no square tube sizes in East Africa (Kenya) stock" in res.message
