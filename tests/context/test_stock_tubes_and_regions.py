"""Steel tubes and angles per region, regional sheet catalogs, and the climate values added with them."""

from __future__ import annotations

import pytest

from workbench.context import climates, stock_catalog


def mm(q) -> float:
    return float(q.to("mm").magnitude)


def test_eu_cold_formed_shs_rhs_and_angles() -> None:
    eu = stock_catalog("eu-metric")
    shs = eu.tubes("steel-s235", shape="square")
    sizes = {(mm(i.width), mm(i.wall)) for i in shs}
    assert {(20, 2.0), (25, 2.0), (30, 2.0), (40, 3.0), (50, 3.0), (60, 3.0)} <= sizes
    assert all(i.nominal is None and mm(i.width) == mm(i.depth) for i in shs)  # sold as what it is
    rhs = eu.item("rhs-60x40x3-0")
    assert (mm(rhs.depth), mm(rhs.width), mm(rhs.wall)) == (60, 40, 3)
    assert [float(x.to("m").magnitude) for x in rhs.lengths] == [7.5]
    angles = eu.tubes(shape="angle")
    assert (40.0, 4.0) in {(mm(i.width), mm(i.wall)) for i in angles}
    assert "EN 10056-1" in eu.item("l-40x40x4").source


def test_us_hss_design_wall_is_0_93_nominal() -> None:
    us = stock_catalog("us-customary")
    hss = [i for i in us.tubes(shape="square") if i.id.startswith("hss-")]
    assert len(hss) == 12
    for i in hss:
        # AISC 360-16 B4.2: t_des = 0.93 t_nom for ERW HSS (tabulated to 3 decimals in inches)
        assert float(i.wall.to("in").magnitude) == pytest.approx(
            0.93 * float(i.nominal_dims["wall"].to("in").magnitude), abs=0.001
        )
    item = us.item("hss-2x2x1-8")
    assert float(item.dims["wall"].to("in").magnitude) == pytest.approx(0.116)
    assert [float(x.to("ft").magnitude) for x in item.lengths] == pytest.approx([24, 40, 48])


def test_india_plywood_and_kenya_blockboard() -> None:
    india = stock_catalog("india")
    assert [mm(t) for t in india.thicknesses("plywood-softwood")] == [
        3, 4, 6, 8, 9, 12, 15, 16, 18, 19, 21, 25,
    ]
    assert [mm(x) for x in india.item("ply-18").sizes[0]] == pytest.approx([2438.4, 1219.2])
    kenya = stock_catalog("east-africa")
    assert [mm(t) for t in kenya.thicknesses("plywood-softwood")][:4] == [12, 15, 19, 25]
    assert [mm(x) for x in kenya.item("blockboard-19").sizes[0]] == [2440, 1220]


def test_added_climate_values() -> None:
    c = climates()
    assert c["temperate-oceanic"].sunshine.to("hour/year").magnitude == pytest.approx(1602)
    assert c["temperate-oceanic"].solar.value == "moderate"
    assert c["hot-arid"].snow_load.to("kN/m^2").magnitude == 0
    assert "Litchfield Park" in c["hot-arid"].sources["snow_load"]
