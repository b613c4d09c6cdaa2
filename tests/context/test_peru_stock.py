"""Peru's own catalog (issue 14, the Lima step of the pump story): triplay sheets, IPAC square tubes
and the ASTM A36 values, each against the text of its cited source; and what a place that sells a
steel only as angles means for a role that takes square tubes."""

from __future__ import annotations

import pytest

from workbench import catalog
from workbench.adapt import sold_for_role, sold_here
from workbench.context import Context, material, stock_catalog


@pytest.fixture(scope="module")
def peru():
    return stock_catalog("peru")


def test_triplay_is_sold_in_the_sencico_thicknesses_on_4_by_8_ft_sheets(peru) -> None:
    # SENCICO, 'Uso de la madera en encofrados': planchas de 4' x 8', espesores 4, 6, 9, 12, 15, 18 mm.
    sheets = peru.of_kind("sheet", "triplay")
    assert [s.actual.m_as("mm") for s in sheets] == [4, 6, 9, 12, 15, 18]
    for s in sheets:
        (size,) = s.sizes
        assert [q.m_as("mm") for q in size] == pytest.approx([2438.4, 1219.2])
    assert material("triplay").family.value == "plywood"
    assert material("triplay").density is None  # no Peruvian triplay density found: a gap


def test_ipac_square_tubes_as_the_catalogue_lists_them(peru) -> None:
    tubes = peru.of_kind("tube", "steel-spht1", "square")
    sizes = [(t.dims["width"].m_as("mm"), t.dims["wall"].m_as("mm")) for t in tubes]
    assert len(sizes) == 21
    assert (40, 3.0) in sizes and (20, 1.5) in sizes and (100, 4.0) in sizes
    assert all(q.m_as("m") == 6 for t in tubes for q in t.lengths)  # 'Largo normal: 6 m'
    # 40 x 40 x 3.0: 19.80 kg per 6 m over 4.21 cm² → 7.84 g/cm³ (the steel's density on file).
    assert material("steel-spht1").density.m_as("g/cm^3") == pytest.approx(19800 / (600 * 4.21), abs=2e-3)
    assert material("steel-spht1").yield_strength is None  # the catalogue gives none


def test_a36_values_are_astm_a36_table_3() -> None:
    a36 = material("steel-a36")
    assert a36.yield_strength.m_as("MPa") == 250
    assert a36.tensile_strength.m_as("MPa") == 400  # lower end of 400-550 MPa


def test_peru_sells_pressure_pipes_from_63_mm_only(peru) -> None:
    ods = sorted({p.actual.m_as("mm") for p in peru.pipes()})
    assert ods[0] == 63  # NTP 399.002 sizes below it are not on file yet (materials/README.md)
    assert {p.standard for p in peru.pipes()} == {"ISO 1452"}


def test_a_steel_sold_only_as_angles_is_not_sold_for_a_square_tube_frame() -> None:
    pump = catalog.get("rope-pump")
    ctx = Context(stock="peru")
    assert sold_here("steel-a36", ["tube"], ctx) is True  # Aceros Arequipa angles
    assert sold_for_role(pump, "frame", "steel-a36", ctx) is False
    assert sold_for_role(pump, "frame", "steel-spht1", ctx) is True
    assert sold_for_role(pump, "frame", "steel-s235", Context(stock="east-africa")) is None
