"""US square HSS is filed under its own grade, ASTM A500 Grade C (`steel-a500c`), not under S235.

Values: ASTM A500 tensile requirements for shaped (square and rectangular) Grade C tubing, yield
50,000 psi and tensile 62,000 psi minimum (Atlas Tube fact sheet, 2013; Chicago Tube & Iron;
ferrobend.com's A500/A500M table: 62000 [425], 50000 [345] psi [MPa]). E 29 x 10^3 ksi, density
490 lb/ft3, alpha 6.5 x 10^-6 /degF: Brockenbrough & Merritt, Structural Steel Designer's
Handbook, 4th ed. (McGraw-Hill, 2006), Table 1.1 footnote; E from ANSI/AISC 360-10.
"""

from __future__ import annotations

import pytest

from workbench import catalog
from workbench.adapt import adapt, sold_for_role, sold_here
from workbench.context import Context, MaterialFamily, material, stock_catalog

US = Context(stock="us-customary", climate="cold-continental")


def test_a500_grade_c_values_and_sources() -> None:
    m = material("steel-a500c")
    assert m.family is MaterialFamily.STRUCTURAL_STEEL
    assert m.yield_strength.to("psi").magnitude == pytest.approx(50000)
    assert m.yield_strength.to("MPa").magnitude == pytest.approx(344.738, abs=1e-3)  # the table's [345]
    assert m.tensile_strength.to("psi").magnitude == pytest.approx(62000)
    assert m.E.to("ksi").magnitude == pytest.approx(29000)
    assert m.density.to("kg/m^3").magnitude == pytest.approx(7849.05, abs=0.01)  # 490 lb/ft3
    assert m.alpha.to("1/K").magnitude == pytest.approx(6.5e-6 * 1.8)
    src = m.sources
    assert "ASTM A500-01a" in src["yield_strength"] and "Grade C" in src["yield_strength"]
    assert "2013" in src["tensile_strength"]
    assert "ANSI/AISC 360-10" in src["E"] and "29,000 ksi" in src["E"]
    assert "Structural Steel Designer's Handbook" in src["density"] and "2006" in src["density"]


def test_every_us_hss_is_a500_and_nothing_square_is_s235() -> None:
    us = stock_catalog("us-customary")
    square = us.tubes(shape="square")
    assert len(square) == 12 and all(t.label.endswith("(ASTM A500)") for t in square)
    assert all(t.materials == ("steel-a500c",) for t in square)
    assert us.tubes("steel-s235", shape="square") == []
    # angles stay under S235 until A36 has sourced strengths (materials/README.md)
    assert {t.shape.value for t in us.tubes("steel-s235")} == {"angle"}


def test_sold_for_role_reads_the_shape_a_role_takes() -> None:
    # S235 angles are listed, so "a tube of S235" is sold; a square one, what the frame takes, is not
    bench = catalog.get("steel-workbench")
    assert sold_here("steel-s235", ["tube"], US) is True
    assert sold_for_role(bench, "frame", "steel-s235", US) is False
    assert sold_for_role(bench, "frame", "steel-a500c", US) is True
    # Kenya lists no square tube: it cannot tell
    assert sold_for_role(bench, "frame", "steel-s235", Context(stock="east-africa")) is None


def test_the_workbench_adapts_to_a500_in_the_us() -> None:
    a = adapt(catalog.get("steel-workbench")(), US)
    changes = {c.what: (c.from_, c.to) for c in a.changes}
    assert changes["material.frame"] == ("steel-s235", "steel-a500c")
    assert changes["tube"] == ("shs-50x50x3-0", "hss-2x2x1-8")
    why = next(c.why for c in a.changes if c.what == "material.frame")
    assert why == ("Mild steel S235 is not sold in US customary stock; local structural-steel "
                   "(same family): Structural tubing ASTM A500 Grade C")
