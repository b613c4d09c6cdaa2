"""Beam moments, stresses and deflections against published worked examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks import beams, sections
from workbench.checks.result import Status
from workbench.errors import UnitError
from workbench.units import Q_

E_STEEL = Q_(29000, "ksi")


def test_aisc_design_example_f1_1a_moment():
    # AISC Design Examples v15.1, Example F.1-1A: W18x50, 35 ft simple span, w_D = 0.45 and
    # w_L = 0.75 kip/ft. LRFD w_u = 1.2(0.45) + 1.6(0.75) = 1.74 kip/ft -> M_u = 266 kip-ft;
    # ASD w_a = 1.20 kip/ft -> M_a = 184 kip-ft (Manual Table 3-23, case 1).
    span = Q_(35, "ft")
    m_u = beams.max_moment(span, Q_(1.74, "kip/ft"), loading=beams.Loading.UNIFORM)
    m_a = beams.max_moment(span, Q_(1.20, "kip/ft"), loading=beams.Loading.UNIFORM)
    assert m_u.to("kip*ft").magnitude == pytest.approx(266, abs=0.5)
    assert m_a.to("kip*ft").magnitude == pytest.approx(184, abs=0.5)


def test_aisc_design_example_f1_1a_deflection():
    # Same example: live-load limit L/360 = 1.17 in.; I_x,req = 5wL^4/(384 E Δ) = 746 in^4,
    # i.e. at I = 746 in^4 the live-load deflection equals the limit; the W18x50 chosen has
    # I_x = 800 in^4 > 746, so it passes.
    span, w = Q_(35, "ft"), Q_(0.75, "kip/ft")
    sag = beams.max_deflection(span, w, E_STEEL, Q_(746, "in**4"), loading="uniform")
    assert sag.to("inch").magnitude == pytest.approx(1.17, abs=0.005)
    assert beams.deflection_limit(span, beams.DeflectionLimit.L360).to(
        "inch"
    ).magnitude == pytest.approx(1.17, abs=0.005)
    result = beams.deflection_check(
        span, w, E_STEEL, Q_(800, "in**4"), loading="uniform", limit=beams.DeflectionLimit.L360
    )
    assert result.passed
    # Utilisation = I_req / I; AISC prints I_req = 746 in^4 (with Δ rounded to 1.17 in.).
    assert result.utilisation == pytest.approx(746 / 800, rel=5e-3)
    assert result.status is Status.WARN  # 0.93 > 0.9: close to the limit
    assert result.message == (
        "The simply supported beam deflects 1.09 in under 750 lbf/ft along it; "
        "the limit (L/360) is 1.17 in."
    )
    assert "Table 3-23" in result.reference and "1604.3" in result.reference


def test_aisc_lrfd_3rd_ed_example_5_1_deflection():
    # AISC LRFD Manual, 3rd ed., Example 5.1(a) as reproduced in Bentley STAAD.Pro verification
    # "AISC LRFD - Wide Flange Flexural Strength 1": W18x40 (I_x = 612 in^4), 35 ft span,
    # 1 kip/ft service load -> mid-span deflection 1.90 in.
    sag = beams.max_deflection(
        Q_(35, "ft"), Q_(1, "kip/ft"), E_STEEL, Q_(612, "in**4"), loading="uniform"
    )
    assert sag.to("inch").magnitude == pytest.approx(1.90, abs=0.005)


def test_hibbeler_problem_11_2_square_timber_joist():
    # Hibbeler, Mechanics of Materials (8th ed.), Problem 11-2 solution: oak joist, 1.5 kN/m
    # over a 7.5 m simple span -> M_max = 10.55 kN·m; a square section of side
    # a = (6 M / σ_allow)^(1/3) = 125.52 mm is stressed exactly to σ_allow = 32 MPa.
    m = beams.max_moment(Q_(7.5, "m"), Q_(1.5, "kN/m"), loading=beams.Loading.UNIFORM)
    assert m.to("kN*m").magnitude == pytest.approx(10.55, abs=0.005)
    sec = sections.rectangle(Q_(125.52, "mm"), Q_(125.52, "mm"))
    result = beams.bending_stress_check(
        Q_(7.5, "m"), Q_(1.5, "kN/m"), sec, Q_(32, "MPa"), loading=beams.Loading.UNIFORM
    )
    assert result.utilisation == pytest.approx(1.0, abs=1e-3)
    # Total load given as a force (1.5 kN/m × 7.5 m = 11.25 kN) gives the same moment.
    assert beams.max_moment(Q_(7.5, "m"), Q_(11.25, "kN"), loading="uniform").to(
        "kN*m"
    ).magnitude == (pytest.approx(10.55, abs=0.005))


def test_cantilever_cases_by_hand():
    # Roark 8th ed. Table 8.1 / AISC Table 3-23 cases 24 and 22. Schaum's Strength of Materials
    # (Nash) style data: L = 2 m, P = 5 kN at the tip, E = 200 GPa, I = 4e-6 m^4:
    # δ = P L^3 / (3 E I) = 5000*8 / (3*200e9*4e-6) = 16.67 mm; M = P L = 10 kN·m.
    # Uniform 5 kN spread over it: δ = W L^3 / (8 E I) = 6.25 mm; M = W L / 2 = 5 kN·m.
    args = (Q_(2, "m"), Q_(5, "kN"), Q_(200, "GPa"), Q_(4e-6, "m**4"))
    tip = beams.max_deflection(*args, support="cantilever", loading="point")
    uniform = beams.max_deflection(*args, support="cantilever", loading="uniform")
    assert tip.to("mm").magnitude == pytest.approx(16.667, rel=1e-4)
    assert uniform.to("mm").magnitude == pytest.approx(6.25, rel=1e-9)
    assert beams.max_moment(Q_(2, "m"), Q_(5, "kN"), support="cantilever").to(
        "kN*m"
    ).m == pytest.approx(10)
    # Simply supported mid-span point load, P L^3/(48 E I) = 5000*8/(48*800e3) = 1.0417 mm.
    mid = beams.max_deflection(*args)
    assert mid.to("mm").magnitude == pytest.approx(1.0417, rel=1e-4)


def test_deflection_limits():
    # Shelf: 0.02 in. per foot (Sagulator, woodbin.com): a 36 in. shelf may sag 0.06 in.
    assert beams.deflection_limit(Q_(36, "inch"), beams.DeflectionLimit.SHELF).to("inch").m == (
        pytest.approx(0.06)
    )
    # IBC Table 1604.3: L/180, L/240; a cantilever uses twice its length.
    assert beams.deflection_limit(Q_(3.6, "m"), beams.DeflectionLimit.L180).to(
        "mm"
    ).m == pytest.approx(20)
    assert beams.deflection_limit(
        Q_(600, "mm"), beams.DeflectionLimit.L240, support=beams.Support.CANTILEVER
    ).to("mm").m == pytest.approx(5)


def test_shelf_message_and_status():
    # 800 mm pine shelf 200 x 18 mm, E = 9 GPa, 20 kg of books (196 N) spread along it:
    # I = 200*18^3/12 = 97 200 mm^4; δ = 5 W L^3 / (384 E I) = 5*196.1*800^3/(384*9000*97200)
    # = 1.495 mm; shelf limit 800/600 = 1.333 mm -> fail.
    shelf = sections.rectangle(Q_(200, "mm"), Q_(18, "mm"))
    load = (Q_(20, "kg") * Q_(9.80665, "m/s**2")).to("N")
    result = beams.deflection_check(
        Q_(800, "mm"),
        load,
        Q_(9, "GPa"),
        shelf,
        loading="uniform",
        limit=beams.DeflectionLimit.SHELF,
    )
    assert result.status is Status.FAIL
    assert result.value.to("mm").m == pytest.approx(1.495, abs=0.001)
    assert result.limit.to("mm").m == pytest.approx(800 / 600)
    assert result.message == (
        "The simply supported beam deflects 1.49 mm under 196 N spread along it; "
        "the shelf limit (L/600) is 1.33 mm."
    )


def test_wrong_units_raise_unit_error():
    with pytest.raises(UnitError, match=r"^load: .* expected a force"):
        beams.max_moment(Q_(1, "m"), Q_(3, "mm"))
    with pytest.raises(UnitError, match=r"^load: .* not a force or force per length"):
        beams.max_moment(Q_(1, "m"), Q_(3, "mm"), loading="uniform")
    with pytest.raises(UnitError, match=r"^modulus: .* expected a pressure"):
        beams.max_deflection(Q_(1, "m"), Q_(3, "N"), Q_(200, "N"), Q_(1, "mm**4"))
    with pytest.raises(UnitError, match=r"^inertia: .* expected a second moment of area"):
        beams.max_deflection(Q_(1, "m"), Q_(3, "N"), Q_(200, "GPa"), Q_(1, "mm**3"))


_SECTION = sections.rectangle(Q_(30, "mm"), Q_(60, "mm"))


@settings(max_examples=40, deadline=None)
@given(
    p=st.floats(1, 1e4),
    extra=st.floats(1, 1e4),
    support=st.sampled_from(list(beams.Support)),
    loading=st.sampled_from(list(beams.Loading)),
)
def test_more_load_more_deflection_and_stress(p, extra, support, loading):
    args = dict(support=support, loading=loading)
    d1 = beams.deflection_check(Q_(1, "m"), Q_(p, "N"), Q_(70, "GPa"), _SECTION, **args).value
    d2 = beams.deflection_check(
        Q_(1, "m"), Q_(p + extra, "N"), Q_(70, "GPa"), _SECTION, **args
    ).value
    s1 = beams.bending_stress_check(Q_(1, "m"), Q_(p, "N"), _SECTION, Q_(100, "MPa"), **args).value
    s2 = beams.bending_stress_check(
        Q_(1, "m"), Q_(p + extra, "N"), _SECTION, Q_(100, "MPa"), **args
    ).value
    assert d2 > d1 and s2 > s1


@settings(max_examples=40, deadline=None)
@given(
    span_mm=st.floats(100, 5000),
    load_n=st.floats(1, 1e4),
    support=st.sampled_from(list(beams.Support)),
    loading=st.sampled_from(list(beams.Loading)),
)
def test_same_answer_in_inches_and_pounds(span_mm, load_n, support, loading):
    args = dict(support=support, loading=loading)
    metric = beams.deflection_check(
        Q_(span_mm, "mm"), Q_(load_n, "N"), Q_(200, "GPa"), _SECTION, **args
    )
    imperial = beams.deflection_check(
        Q_(span_mm / 25.4, "inch"),
        Q_(load_n / 4.4482216152605, "lbf"),
        Q_(200e9 / 6894.757293168361, "psi"),
        _SECTION.I.to("inch**4"),
        **args,
    )
    assert imperial.utilisation == pytest.approx(metric.utilisation, rel=1e-9)
    assert imperial.status is metric.status
    assert imperial.value.to("mm").m == pytest.approx(metric.value.to("mm").m, rel=1e-9)
