"""Section properties against published section tables."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks import sections
from workbench.errors import BoundsError, UnitError, UnknownNameError
from workbench.units import Q_


def _props(sec: sections.Section, unit: str = "inch") -> tuple[float, float, float, float]:
    return (
        sec.area.to(f"{unit}**2").magnitude,
        sec.I.to(f"{unit}**4").magnitude,
        sec.W.to(f"{unit}**3").magnitude,
        sec.r.to(unit).magnitude,
    )


@pytest.mark.parametrize(
    ("od", "wall", "area", "inertia", "modulus", "radius"),
    [
        # UFC 3-220-01A (EI 02C097, 1997), Table B-1 "steel pipe piles", sheet 2: PP12 x 0.250
        # and PP12-3/4 x 0.375 (OD 12.00 and 12.75 in.).
        (12.0, 0.250, 9.23, 159, 26.6, 4.16),
        (12.75, 0.375, 14.6, 279, 43.8, 4.38),
        # Mott, Machine Elements in Mechanical Design, 4th ed., Table A16-6 (Schedule 40 pipe),
        # 1 in. nominal: OD 1.315, wall 0.133, A 0.494, I 0.08734, r 0.421, S 0.1328.
        (1.315, 0.133, 0.494, 0.08734, 0.1328, 0.421),
    ],
)
def test_round_tube_matches_pipe_tables(od, wall, area, inertia, modulus, radius):
    a, i, w, r = _props(sections.round_tube(Q_(od, "inch"), Q_(wall, "inch")))
    # Tables print three significant figures.
    assert a == pytest.approx(area, rel=5e-3)
    assert i == pytest.approx(inertia, rel=5e-3)
    assert w == pytest.approx(modulus, rel=5e-3)
    assert r == pytest.approx(radius, rel=5e-3)


@pytest.mark.parametrize(
    ("nominal", "on_edge", "area", "inertia", "modulus"),
    [
        # NDS Supplement (AWC), Table 1B "Section properties of standard dressed (S4S) sawn
        # lumber": 2x4 A 5.250, Sxx 3.063, Ixx 5.359, Syy 1.313, Iyy 0.984; 2x10 A 13.88,
        # Sxx 21.39, Ixx 98.93; 2x12 Ixx 178.0.
        ("2x4", True, 5.250, 5.359, 3.063),
        ("2x4", False, 5.250, 0.984, 1.313),
        ("2x10", True, 13.88, 98.93, 21.39),
        ("2x12", True, 16.88, 178.0, 31.64),
    ],
)
def test_lumber_matches_nds_table_1b(nominal, on_edge, area, inertia, modulus):
    a, i, w, _ = _props(sections.lumber(nominal, on_edge=on_edge))
    assert a == pytest.approx(area, rel=2e-3)
    assert i == pytest.approx(inertia, rel=2e-3)
    assert w == pytest.approx(modulus, rel=2e-3)


@pytest.mark.parametrize(
    ("nominal", "thickness", "width"),
    [
        # Nominal vs dressed sizes (PS 20; NDS Supplement Table 1B; wikiengineer.com "Sawn
        # Lumber Dimensions", Table 1).
        ("1x4", 0.75, 3.5),
        ("2x8", 1.5, 7.25),
        ("4x4", 3.5, 3.5),
        ("4x12", 3.5, 11.25),
        ("6x8", 5.5, 7.5),
        ("8x8", 7.5, 7.5),
        ("12x12", 11.5, 11.5),
        ("10X2", 1.5, 9.25),
    ],
)
def test_lumber_actual_sizes(nominal, thickness, width):
    t, w = sections.lumber_size(nominal)
    assert t.to("inch").magnitude == pytest.approx(thickness)
    assert w.to("inch").magnitude == pytest.approx(width)


def test_rectangular_tube_by_hand():
    # Outer rectangle minus hole (Roark, 8th ed., Table A.1): 50 x 100 x 4 mm, bent about the
    # axis parallel to the 50 mm side. A = 50*100 - 42*92 = 1136 mm^2;
    # I = (50*100^3 - 42*92^3)/12 = 1 441 258.7 mm^4; W = I/50; r = sqrt(I/A).
    sec = sections.rectangular_tube(Q_(50, "mm"), Q_(100, "mm"), Q_(4, "mm"))
    assert sec.area.to("mm**2").magnitude == pytest.approx(1136)
    assert sec.I.to("mm**4").magnitude == pytest.approx(1_441_258.67, rel=1e-7)
    assert sec.W.to("mm**3").magnitude == pytest.approx(1_441_258.67 / 50, rel=1e-7)
    assert sec.r.to("mm").magnitude == pytest.approx(math.sqrt(1_441_258.67 / 1136), rel=1e-7)
    assert sections.square_tube(Q_(40, "mm"), Q_(3, "mm")) == sections.rectangular_tube(
        Q_(40, "mm"), Q_(40, "mm"), Q_(3, "mm")
    )


def test_solid_shapes_radius_of_gyration():
    # r = d/4 for a solid round, h/sqrt(12) for a rectangle (Gere & Goodno, Appendix E).
    assert sections.solid_round(Q_(40, "mm")).r.to("mm").magnitude == pytest.approx(10)
    assert sections.rectangle(Q_(20, "mm"), Q_(60, "mm")).r.to("mm").magnitude == pytest.approx(
        60 / math.sqrt(12)
    )


def test_errors_name_the_argument():
    with pytest.raises(UnitError, match=r"^depth: .* is a force, expected a length"):
        sections.rectangle(Q_(20, "mm"), Q_(5, "N"))
    with pytest.raises(UnitError, match=r"^diameter: 40 has no unit, expected a length"):
        sections.solid_round(40)
    with pytest.raises(BoundsError, match=r"^wall: .* too thick"):
        sections.round_tube(Q_(20, "mm"), Q_(10, "mm"))
    with pytest.raises(BoundsError, match="greater than zero"):
        sections.rectangle(Q_(0, "mm"), Q_(10, "mm"))
    with pytest.raises(UnknownNameError, match="nominal"):
        sections.lumber("two by four")


@settings(max_examples=40, deadline=None)
@given(
    b=st.floats(1, 500),
    h=st.floats(1, 500),
    t_frac=st.floats(0.01, 0.45),
)
def test_unit_invariance_inch_vs_mm(b, h, t_frac):
    t = t_frac * min(b, h)
    mm = sections.rectangular_tube(Q_(b, "mm"), Q_(h, "mm"), Q_(t, "mm"))
    inch = sections.rectangular_tube(
        Q_(b / 25.4, "inch"), Q_(h / 25.4, "inch"), Q_(t / 25.4, "inch")
    )
    for field in ("area", "I", "W", "r"):
        assert getattr(inch, field).m == pytest.approx(getattr(mm, field).m, rel=1e-9)
