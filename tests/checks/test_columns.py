"""Euler and Johnson column loads against textbook examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks import columns, sections
from workbench.checks.result import Status
from workbench.errors import BoundsError, UnitError
from workbench.units import Q_


def test_shigley_example_4_17_euler_round_column():
    # Shigley's Mechanical Engineering Design, 9th ed., Example 4-17 (p. 187): pinned ends,
    # 1.5 m, P_cr = n_d·P = 4·22 = 88 kN, E = 207 GPa, S_y = 500 MPa -> d = 37.48 mm;
    # (l/k)_1 = 90.4; the chosen d = 40 mm has l/k = 150, so it is an Euler column.
    e, sy, length = Q_(207, "GPa"), Q_(500, "MPa"), Q_(1.5, "m")
    p_cr = columns.euler_critical_load(e, sections.solid_round(Q_(37.48, "mm")).I, length)
    assert p_cr.to("kN").magnitude == pytest.approx(88, rel=1e-3)
    assert columns.transition_slenderness(e, sy) == pytest.approx(90.4, abs=0.05)
    result = columns.buckling_check(
        Q_(22, "kN"), e, sections.solid_round(Q_(40, "mm")), sy, length, safety_factor=4
    )
    assert "Euler, K·L/r = 150" in result.message
    assert result.passed


def test_shigley_problem_4_77b_johnson_column():
    # Shigley's MED, 8th ed., Instructor's Solutions Manual, Problem 4-77(b) (p. 110):
    # d = 0.875 in., l = 18 in., S_y = 37.5 kpsi, E = 30 Mpsi, C = 1: l/k = 82.3 < (l/k)_1,
    # Johnson P_cr = 17 714 lbf.
    sec = sections.solid_round(Q_(0.875, "inch"))
    p_cr = columns.critical_load(Q_(30, "Mpsi"), sec, Q_(37.5, "kpsi"), Q_(18, "inch"))
    assert p_cr.to("lbf").magnitude == pytest.approx(17714, rel=2e-4)


def test_mott_example_6_1_euler():
    # Mott, Machine Elements in Mechanical Design, Example Problem 6-1: solid 1.25 in. round,
    # 4.50 ft pinned, AISI 1020 CD (S_y = 51 ksi, E = 30e6 psi): C_c = 108, KL/r = 173,
    # P_cr = 12 169 lb (Euler).
    sec = sections.solid_round(Q_(1.25, "inch"))
    e, sy = Q_(30e6, "psi"), Q_(51000, "psi")
    assert columns.transition_slenderness(e, sy) == pytest.approx(108, abs=0.5)
    p_cr = columns.critical_load(e, sec, sy, Q_(4.5, "ft"))
    assert p_cr.to("lbf").magnitude == pytest.approx(12169, rel=1e-3)


@pytest.mark.parametrize(
    ("end", "expected_kn", "printed_to"),
    [
        # Gere, Mechanics of Materials, 7th ed., Solution 11.4-2: steel pipe d2 = 40 mm,
        # d1 = 36 mm, L = 1.2 m, E = 210 GPa, I = 43.22e3 mm^4.
        # Gere prints 2.046·π²EI/L² for fixed-pinned, i.e. K = 0.699.
        (columns.EndCondition.PINNED_PINNED, 62.2, 0.1),
        (columns.EndCondition.FIXED_FREE, 15.6, 0.1),
        (columns.EndCondition.FIXED_PINNED, 127, 1),
        (columns.EndCondition.FIXED_FIXED, 249, 1),
    ],
)
def test_gere_problem_11_4_2_end_conditions(end, expected_kn, printed_to):
    sec = sections.round_tube(Q_(40, "mm"), Q_(2, "mm"))
    assert sec.I.to("mm**4").magnitude == pytest.approx(43.22e3, rel=1e-3)
    p_cr = columns.euler_critical_load(Q_(210, "GPa"), sec.I, Q_(1.2, "m"), end)
    # Within the rounding of the printed answer (half its last digit).
    assert p_cr.to("kN").magnitude == pytest.approx(expected_kn, abs=printed_to / 2)


def test_euler_and_johnson_meet_at_half_yield():
    # At (KL/r)_1 both formulas give σ = S_y/2 (Shigley §4-13): the curve is continuous.
    e, sy = Q_(200, "GPa"), Q_(250, "MPa")
    sec = sections.solid_round(Q_(20, "mm"))
    length = Q_(columns.transition_slenderness(e, sy) * sec.r.to("mm").m, "mm")
    euler = columns.euler_critical_load(e, sec.I, length)
    johnson = columns.johnson_critical_load(e, sec.area, sec.r, sy, length)
    assert euler.to("N").m == pytest.approx(johnson.to("N").m, rel=1e-9)
    assert (euler / sec.area).to("MPa").m == pytest.approx(125, rel=1e-9)


def test_check_statuses_and_errors():
    sec = sections.solid_round(Q_(20, "mm"))
    e, sy, length = Q_(200, "GPa"), Q_(250, "MPa"), Q_(1, "m")
    p_cr = columns.critical_load(e, sec, sy, length)  # Euler: π²·200e3·7854/1000² = 15.50 kN
    assert p_cr.to("kN").m == pytest.approx(math.pi**2 * 200e3 * math.pi * 20**4 / 64 / 1e6 / 1e3)
    ok = columns.buckling_check(p_cr * 0.4, e, sec, sy, length, safety_factor=2)
    near = columns.buckling_check(p_cr * 0.48, e, sec, sy, length, safety_factor=2)
    bad = columns.buckling_check(p_cr * 0.6, e, sec, sy, length, safety_factor=2)
    assert (ok.status, near.status, bad.status) == (Status.PASS, Status.WARN, Status.FAIL)
    assert ok.utilisation == pytest.approx(0.8)
    with pytest.raises(BoundsError, match="safety_factor"):
        columns.buckling_check(Q_(1, "kN"), e, sec, sy, length, safety_factor=0.5)
    with pytest.raises(BoundsError, match="above the Johnson limit"):
        columns.johnson_critical_load(e, sec.area, sec.r, sy, Q_(3, "m"))
    with pytest.raises(UnitError, match=r"^yield_strength: .* expected a pressure"):
        columns.critical_load(e, sec, Q_(250, "N"), length)


@settings(max_examples=40, deadline=None)
@given(
    l1=st.floats(10, 5000),
    extra=st.floats(1, 5000),
    end=st.sampled_from(list(columns.EndCondition)),
)
def test_longer_column_buckles_at_lower_load(l1, extra, end):
    sec, e, sy = sections.solid_round(Q_(20, "mm")), Q_(200, "GPa"), Q_(250, "MPa")
    short = columns.critical_load(e, sec, sy, Q_(l1, "mm"), end)
    long = columns.critical_load(e, sec, sy, Q_(l1 + extra, "mm"), end)
    assert long < short


@settings(max_examples=40, deadline=None)
@given(length_mm=st.floats(10, 5000), d_mm=st.floats(5, 100))
def test_same_answer_in_inches_and_pounds(length_mm, d_mm):
    metric = columns.critical_load(
        Q_(200, "GPa"), sections.solid_round(Q_(d_mm, "mm")), Q_(250, "MPa"), Q_(length_mm, "mm")
    )
    imperial = columns.critical_load(
        Q_(200e9 / 6894.757293168361, "psi"),
        sections.solid_round(Q_(d_mm / 25.4, "inch")),
        Q_(250e6 / 6894.757293168361, "psi"),
        Q_(length_mm / 25.4, "inch"),
    )
    assert imperial.to("N").m == pytest.approx(metric.to("N").m, rel=1e-9)
