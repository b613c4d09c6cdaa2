"""Stock catalogs: nominal versus actual sizes, what a region sells, lookups by kind."""

from __future__ import annotations

import pytest

from workbench.context import StockKind, stock_catalog
from workbench.errors import UnknownNameError


def mm(q) -> float:
    return float(q.to("mm").magnitude)


def test_us_three_quarter_plywood_is_23_32_actual() -> None:
    us = stock_catalog("us-customary")
    item = us.item("ply-23-32")
    assert mm(item.nominal) == pytest.approx(19.05)
    assert mm(item.actual) == pytest.approx(18.256, abs=0.01)  # 23/32 in
    assert item.thickness == item.actual
    # PS 1 tolerance band holds the 0.703 in thickness label
    assert mm(item.thickness_min) <= 0.703 * 25.4 <= mm(item.thickness_max)
    assert [mm(x) for x in item.sizes[0]] == pytest.approx([2438.4, 1219.2])
    assert "PS 1" in item.source
    assert item in us.sheets("plywood-softwood")


def test_us_2x4_is_one_and_a_half_by_three_and_a_half() -> None:
    item = stock_catalog("us-customary").item("lumber-2x4")
    assert item.kind is StockKind.SECTION
    assert mm(item.dims["thickness"]) == pytest.approx(1.5 * 25.4)
    assert mm(item.dims["width"]) == pytest.approx(3.5 * 25.4)
    assert mm(item.nominal_dims["thickness"]) == pytest.approx(2 * 25.4)
    assert mm(item.nominal_dims["width"]) == pytest.approx(4 * 25.4)


def test_schedule_40_outside_diameters() -> None:
    pipes = stock_catalog("us-customary").pipes("ASTM D1785 Sch 40")
    ods = {p.label.split()[0]: round(float(p.od.to("in").magnitude), 3) for p in pipes}
    assert ods == {"1/2": 0.840, "3/4": 1.050, "1": 1.315, "1-1/4": 1.660, "1-1/2": 1.900, "2": 2.375}


def test_metric_pipes_and_unknown_standard() -> None:
    eu = stock_catalog("eu-metric")
    assert [mm(p.od) for p in eu.pipes("ISO 1452")] == [20, 25, 32, 40, 50, 63]
    with pytest.raises(UnknownNameError) as err:
        eu.pipes("DIN 8062")
    assert str(err.value).startswith("unknown pipe standard 'DIN 8062'; known: ISO 1452")


def test_eu_sheets_and_sections() -> None:
    eu = stock_catalog("eu-metric")
    birch = eu.sheets("plywood-birch")
    assert [mm(t) for t in eu.thicknesses("plywood-birch")] == [4, 6.5, 9, 12, 15, 18]
    assert all(i.nominal is None for i in birch)  # sold as what it is
    assert (1525.0, 1525.0) in [(mm(a), mm(b)) for a, b in eu.item("birch-18").sizes]
    c24 = eu.item("c24-47x100")
    assert (mm(c24.dims["thickness"]), mm(c24.dims["width"])) == (45, 95)
    assert (mm(c24.nominal_dims["thickness"]), mm(c24.nominal_dims["width"])) == (47, 100)
    assert [float(x.to("m").magnitude) for x in c24.lengths][:2] == [2.4, 3.0]
    assert eu.sheets("pla") == []  # a region sells what it sells
    assert [mm(f.actual) for f in eu.filaments("petg")] == [1.75, 2.85]


def test_tubes_prices_and_unknown_names() -> None:
    india = stock_catalog("india")
    shs = india.tubes("steel-yst310", shape="square")
    assert shs and all(i.shape.value == "square" for i in shs)
    assert (mm(shs[0].width), mm(shs[0].wall)) == (25, 1.6)
    assert mm(shs[0].lengths[0]) == 6000
    kenya = stock_catalog("east-africa")
    assert kenya.price("steel-s235").to("KES/kg").magnitude == pytest.approx(310)
    assert kenya.price("pla") is None
    with pytest.raises(UnknownNameError) as err:
        kenya.sheets("plaa")
    assert str(err.value).startswith("unknown material 'plaa'; known: abs, aluminium-6061, asa,")
    with pytest.raises(UnknownNameError) as err:
        stock_catalog("eu-metrc")
    assert str(err.value) == (
        "unknown stock catalog 'eu-metrc'; known: brazil, east-africa, eu-metric, india, indonesia, mexico, nigeria, peru, philippines, south-africa, us-customary; "
        "did you mean 'eu-metric'?"
    )
