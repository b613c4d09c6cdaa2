"""Bolt shear and fillet weld resistance against published EN 1993-1-8 tables and examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks import fasteners
from workbench.checks.result import Status
from workbench.errors import BoundsError, UnitError, UnknownNameError
from workbench.units import Q_


@pytest.mark.parametrize(
    ("size", "cls", "single", "double", "oversize"),
    [
        # ArcelorMittal "Orange Book" / SCI P363 "Blue Book" bolt resistance tables to
        # BS EN 1993-1-8 (Class 8.8 and 10.9 hexagon head, shear through the thread, γ_M2 = 1.25).
        # M12 in those tables carries the 0.85 factor of §3.6.1(5) (see NSC AD 413).
        ("M12", "8.8", 27.5, 55.0, True),
        ("M16", "8.8", 60.3, 121, False),
        ("M20", "8.8", 94.1, 188, False),
        ("M24", "8.8", 136, 271, False),
        ("M30", "8.8", 215, 431, False),
        ("M16", "10.9", 62.8, 126, False),
        ("M20", "10.9", 98.0, 196, False),
        ("M24", "10.9", 141, 282, False),
        ("M30", "10.9", 224, 449, False),
    ],
)
def test_bolt_shear_matches_blue_book(size, cls, single, double, oversize):
    one = fasteners.bolt_shear_resistance(size, cls, oversize_2mm=oversize)
    two = fasteners.bolt_shear_resistance(size, cls, oversize_2mm=oversize, shear_planes=2)
    # The tables print three significant figures.
    assert one.to("kN").m == pytest.approx(single, rel=5e-3)
    assert two.to("kN").m == pytest.approx(double, rel=5e-3)


def test_m12_in_normal_hole_and_plain_shank():
    # NSC Advisory Desk AD 413 "Shear resistances of M12 bolts": in a 13 mm hole no 0.85
    # factor applies: 0.6 × 800 × 84.3 / 1.25 = 32.4 kN.
    assert fasteners.bolt_shear_resistance("M12", fasteners.BoltClass.C8_8).to(
        "kN"
    ).m == pytest.approx(32.37, abs=0.01)
    # Shank in the shear plane (Table 3.4): A = π·16²/4 = 201.1 mm², α_v = 0.6 for all classes:
    # 0.6 × 1000 × 201.1 / 1.25 = 96.5 kN for 10.9.
    shank = fasteners.bolt_shear_resistance("M16", "10.9", threads_in_shear_plane=False)
    assert shank.to("kN").m == pytest.approx(0.6 * 1000 * math.pi * 64 / 1.25 / 1000)
    # Classes 4.6 and 5.6 are not reduced by §3.6.1(5).
    assert fasteners.bolt_shear_resistance(
        "M12", "4.6", oversize_2mm=True
    ) == fasteners.bolt_shear_resistance("M12", "4.6")


@pytest.mark.parametrize(
    ("size", "pitch"),
    [
        # ISO 261 coarse pitches; ISO 724 d2 = d − 0.649519·P, d3 = d − 1.226869·P;
        # A_s = π/4·((d2 + d3)/2)² (ISO 898-1). The table must agree to its 3 significant figures.
        ("M5", 0.8),
        ("M6", 1.0),
        ("M8", 1.25),
        ("M10", 1.5),
        ("M12", 1.75),
        ("M14", 2.0),
        ("M16", 2.0),
        ("M18", 2.5),
        ("M20", 2.5),
        ("M22", 2.5),
        ("M24", 3.0),
        ("M30", 3.5),
    ],
)
def test_stress_area_table_matches_iso_formula(size, pitch):
    d = int(size[1:])
    d2, d3 = d - 0.649519 * pitch, d - 1.226869 * pitch
    formula = math.pi / 4 * ((d2 + d3) / 2) ** 2
    assert fasteners.stress_area(size).to("mm**2").m == pytest.approx(float(f"{formula:.3g}"))


def test_bolt_check_and_errors():
    result = fasteners.bolt_shear_check(Q_(50, "kN"), "M16", "8.8")
    assert result.status is Status.PASS
    assert result.utilisation == pytest.approx(50 / 60.288)
    assert result.message == (
        "The M16 class 8.8 bolt carries 50 kN in shear; with one shear plane through the thread "
        "it resists 60.3 kN."
    )
    assert "Table 3.4" in result.reference
    with pytest.raises(UnknownNameError, match=r"^size: 'M15'"):
        fasteners.stress_area("M15")
    with pytest.raises(BoundsError, match="M12 and M14 only"):
        fasteners.bolt_shear_resistance("M16", "8.8", oversize_2mm=True)
    with pytest.raises(UnitError, match=r"^shear_force: .* expected a force"):
        fasteners.bolt_shear_check(Q_(50, "MPa"), "M16", "8.8")
    with pytest.raises(ValueError):
        fasteners.bolt_shear_resistance("M16", "9.9")


def test_fillet_weld_worked_example():
    # steelcalculator.app "UK weld capacity", worked example (fillet-welded bracket): weaker
    # part S275, f_u = 410 MPa, β_w = 0.85, 6 mm leg (a = 4.2 mm),
    # f_vw,d = 410/(√3 × 0.85 × 1.25) = 222.8 N/mm², F_w,Rd = 935.8 N/mm,
    # effective length 2 × (150 − 2 × 4.2) = 283.2 mm -> 265.0 kN; 150 kN gives UT = 0.566.
    assert fasteners.fillet_weld_strength(Q_(410, "MPa"), "S275").to("MPa").m == pytest.approx(
        222.8, abs=0.05
    )
    result = fasteners.fillet_weld_check(
        Q_(150, "kN"), Q_(4.2, "mm"), Q_(283.2, "mm"), Q_(410, "MPa"), "S275"
    )
    assert result.limit.to("kN").m == pytest.approx(265.0, abs=0.05)
    assert result.utilisation == pytest.approx(0.566, abs=5e-4)
    assert result.status is Status.PASS


@pytest.mark.parametrize(
    ("grade", "f_u", "f_vwd"),
    # Same source, design strengths table (simplified method): S235 208, S355 241, S460 249 N/mm².
    [("S235", 360, 208), ("S355", 470, 241), ("S460", 540, 249)],
)
def test_fillet_weld_strength_table(grade, f_u, f_vwd):
    assert fasteners.fillet_weld_strength(Q_(f_u, "MPa"), grade).to("MPa").m == pytest.approx(
        f_vwd, abs=0.5
    )


@settings(max_examples=40, deadline=None)
@given(force_n=st.floats(1, 5e5), size=st.sampled_from(["M6", "M10", "M16", "M24"]))
def test_same_answer_in_pounds(force_n, size):
    metric = fasteners.bolt_shear_check(Q_(force_n, "N"), size, "8.8")
    imperial = fasteners.bolt_shear_check(Q_(force_n / 4.4482216152605, "lbf"), size, "8.8")
    assert imperial.utilisation == pytest.approx(metric.utilisation, rel=1e-9)
    assert imperial.status is metric.status
