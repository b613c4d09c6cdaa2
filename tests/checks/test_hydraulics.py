"""Rope-pump hydraulics, the person at the crank and the rope, against hand calculations from the
cited sources (module docstrings of workbench.checks.hydraulics, ergonomics and ropes)."""

from __future__ import annotations

import math

import pytest

from workbench.checks import ergonomics, hydraulics, ropes
from workbench.checks.result import Status
from workbench.units import Q_

RHO_G = 998.2 * 9.80665  # water at 20 °C (CRC) × standard gravity, N/m³


def test_total_head_and_the_one_person_limit() -> None:
    # 8 m to the water + 0.8 m outlet = 8.8 m; Akvopedia: one person pumps to about 35 m.
    head = hydraulics.total_head(Q_(8, "m"), Q_(800, "mm"))
    assert head.to("m").magnitude == pytest.approx(8.8)
    res = hydraulics.head_check(head)
    assert res.status is Status.PASS and res.utilisation == pytest.approx(8.8 / 35)
    deep = hydraulics.head_check(Q_(40.8, "m"))
    assert deep.status is Status.FAIL and "35 m" in deep.message
    assert hydraulics.head_check(Q_(40.8, "m"), people=2).status is Status.PASS  # 60 m for two


def test_rope_speed_and_swept_flow_by_hand() -> None:
    # Rope centre line on 500 + 6 mm at 30 turns/min: π·0.506·0.5 = 0.79482 m/s.
    v = hydraulics.rope_speed(Q_(500, "mm"), Q_(6, "mm"), 30)
    assert v.to("m/s").magnitude == pytest.approx(math.pi * 0.506 * 0.5, rel=1e-12)
    # 29 mm bore (IS 4985 32 mm class 4: 32 − 2·1.5) at 1 m/s: π/4·0.029² = 6.6052e-4 m³/s.
    q = hydraulics.swept_flow(Q_(29, "mm"), Q_(1, "m/s"))
    assert q.to("m**3/s").magnitude == pytest.approx(6.6052e-4, rel=1e-4)
    assert q.to("L/min").magnitude == pytest.approx(39.63, rel=1e-3)


def test_pressure_across_one_piston_is_one_spacing_of_water() -> None:
    assert hydraulics.piston_pressure_drop(Q_(1, "m")).to("Pa").magnitude == pytest.approx(9789.0, abs=0.1)


def test_leakage_solves_viscous_plus_minor_losses_by_hand() -> None:
    # D 29, d 28.6 mm: h 0.2 mm, D_m 28.8 mm, L 20 mm, Δp 9789 Pa, μ 1.0016 mPa·s (ISO/TR 3666):
    # a = 12μL/(πD_m h³) = 3.32103e8 Pa·s/m³; gap area πD_m h = 1.80956e-5 m²;
    # b = 1.5ρ/(2A²) = 2.28630e12 Pa·s²/m⁶; Q = (−a + √(a² + 4bΔp))/(2b) = 2.5129e-5 m³/s.
    leak = hydraulics.annular_leakage(Q_(29, "mm"), Q_(28.6, "mm"), Q_(20, "mm"),
                                      Q_(9789.0, "Pa"), Q_(0, "m/s"))
    assert leak.to("m**3/s").magnitude == pytest.approx(2.5129e-5, rel=1e-3)
    assert leak.to("L/min").magnitude == pytest.approx(1.508, rel=1e-3)


def test_thin_gap_tends_to_rabies_narrow_annulus_formula() -> None:
    # Rabie, Fluid Power Engineering (2009) eq. 2.19, Q = πDc³ΔP/(12μL): with a 0.05 mm gap the
    # minor losses are negligible. D_m 28.95 mm: Q = π·0.02895·(5e-5)³·9789/(12·1.0016e-3·0.02).
    expected = math.pi * 0.02895 * 5e-5**3 * 9789.0 / (12 * 1.0016e-3 * 0.02)
    leak = hydraulics.annular_leakage(Q_(29, "mm"), Q_(28.9, "mm"), Q_(20, "mm"),
                                      Q_(9789.0, "Pa"), Q_(0, "m/s"))
    assert leak.to("m**3/s").magnitude == pytest.approx(expected, rel=2e-3)


def test_moving_bore_drags_half_its_speed_through_the_gap() -> None:
    # Plane Couette flow (White §4.10): Q = π·D_m·h·U/2 = 1.80956e-5 m² · 1 m/s / 2.
    leak = hydraulics.annular_leakage(Q_(29, "mm"), Q_(28.6, "mm"), Q_(20, "mm"),
                                      Q_(0, "Pa"), Q_(1, "m/s"))
    assert leak.to("m**3/s").magnitude == pytest.approx(9.0478e-6, rel=1e-4)
    none = hydraulics.annular_leakage(Q_(29, "mm"), Q_(29, "mm"), Q_(20, "mm"),
                                      Q_(9789.0, "Pa"), Q_(1, "m/s"))
    assert none.magnitude == 0


def test_leakage_check_fails_when_the_pistons_pass_all_they_lift() -> None:
    ok = hydraulics.leakage_check(Q_(31.5, "L/min"), Q_(1.94, "L/min"), 712)
    assert ok.status is Status.PASS and ok.utilisation == pytest.approx(1.94 / 31.5)
    assert "delivers 29.6 l/min" in ok.message and "laminar" in ok.message
    bad = hydraulics.leakage_check(Q_(10, "L/min"), Q_(12, "L/min"), 3000)
    assert bad.status is Status.FAIL and "not laminar" in bad.message


def test_time_to_deliver_the_daily_need() -> None:
    # 1000 L at 45 L/min = 22.2 min = 0.37037 h.
    hours = hydraulics.delivery_time(Q_(1000, "L"), Q_(45, "L/min"))
    assert hours.to("h").magnitude == pytest.approx(1000 / 45 / 60)
    assert math.isinf(hydraulics.delivery_time(Q_(1000, "L"), Q_(0, "L/min")).magnitude)
    res = hydraulics.daily_need_check(Q_(9, "h"), Q_(8, "h"), Q_(1000, "L"))
    assert res.status is Status.FAIL and res.utilisation == pytest.approx(9 / 8)


def test_riser_hoop_stress_by_hand() -> None:
    # p = ρgH = 9789.0 N/m³ · 8.8 m = 86.14 kPa; σ = p(D − t)/(2t) = 0.08614·30.5/3 = 0.8758 MPa.
    p = hydraulics.riser_pressure(Q_(8.8, "m"))
    assert p.to("kPa").magnitude == pytest.approx(RHO_G * 8.8 / 1000, rel=1e-9)
    res = hydraulics.riser_wall_check(p, Q_(32, "mm"), Q_(1.5, "mm"), Q_(8.6, "MPa"),
                                      standard="IS 4985")
    assert res.value.to("MPa").magnitude == pytest.approx(0.08614 * 30.5 / 3, rel=1e-3)
    assert res.status is Status.PASS
    missing = hydraulics.riser_wall_check(p, Q_(33.4, "mm"), Q_(3.4, "mm"), None,
                                          standard="ASTM D1785 Sch 40")
    assert missing.status is Status.WARN and "ASTM D1785 Sch 40" in missing.message


@pytest.mark.parametrize(("od", "wall", "rating_mpa"), [
    (20, 1.1, 1.0), (25, 1.2, 0.8), (32, 1.5, 0.8), (32, 2.2, 1.25), (40, 1.4, 0.6),
    (50, 1.7, 0.6), (63, 1.5, 0.4), (63, 4.3, 1.25),
])
def test_is_4985_classes_sit_at_its_design_stress(od, wall, rating_mpa) -> None:
    # IS 4985 (Periwal extract): each class's minimum wall holds its working pressure at 8.6 MPa.
    # The same relation in the check gives at most 8.6 MPa, and at least 90 % of it.
    res = hydraulics.riser_wall_check(Q_(rating_mpa, "MPa"), Q_(od, "mm"), Q_(wall, "mm"),
                                      Q_(8.6, "MPa"), standard="IS 4985")
    assert 0.9 < res.utilisation <= 1.0 + 1e-9


def test_crank_power_force_and_the_75_watt_shift() -> None:
    # ρgHQ at 8.8 m and 40 L/min = 9789.0 · 8.8 · 6.667e-4 = 57.43 W.
    assert ergonomics.water_power(Q_(8.8, "m"), Q_(40, "L/min")).to("W").magnitude == \
        pytest.approx(RHO_G * 8.8 * 40 / 60000, rel=1e-9)
    # Overall efficiency 0.65 (Akvopedia): 57.43/0.65 = 88.36 W, above lifting the swept 42 L/min.
    p = ergonomics.crank_power(Q_(8.8, "m"), Q_(42, "L/min"), Q_(40, "L/min"))
    assert p.to("W").magnitude == pytest.approx(RHO_G * 8.8 * 40 / 60000 / 0.65, rel=1e-9)
    # With heavy leakage the swept column sets the power: ρgH·Q_swept.
    p2 = ergonomics.crank_power(Q_(8.8, "m"), Q_(42, "L/min"), Q_(10, "L/min"))
    assert p2.to("W").magnitude == pytest.approx(RHO_G * 8.8 * 42 / 60000, rel=1e-9)
    # F = P/(ωr): 60 W at 30 turns/min (ω = π rad/s) on 0.25 m = 76.39 N.
    f = ergonomics.crank_force(Q_(60, "W"), Q_(250, "mm"), 30)
    assert f.to("N").magnitude == pytest.approx(60 / (math.pi * 0.25))
    ok = ergonomics.sustained_power_check(Q_(60, "W"), Q_(1, "h"), f)
    assert ok.status is Status.PASS and ok.utilisation == pytest.approx(0.8)
    tired = ergonomics.sustained_power_check(Q_(60, "W"), Q_(9, "h"), f)
    assert tired.status is Status.FAIL and "8 h" in tired.message


def test_tip_over_moment_equilibrium() -> None:
    # 100 N at 1 m tips with 100 N·m; 200 N on a 0.8 m base holds 200·0.4 = 80 N·m → 1.25.
    res = ergonomics.tip_over_check(Q_(100, "N"), Q_(1000, "mm"), Q_(200, "N"), Q_(800, "mm"))
    assert res.status is Status.FAIL and res.utilisation == pytest.approx(1.25)
    assert ergonomics.tip_over_check(Q_(50, "N"), Q_(1, "m"), Q_(200, "N"),
                                     Q_(1, "m")).utilisation == pytest.approx(0.5)


def test_rope_against_the_polypropylene_table() -> None:
    # Engineering ToolBox: 6 mm PP rope breaks at 5.00 kN; safe load /12 = 416.7 N.
    assert ropes.breaking_force(Q_(6, "mm")).to("kN").magnitude == pytest.approx(5.0)
    res = ropes.rope_tension_check(Q_(100, "N"), Q_(6, "mm"))
    assert res.utilisation == pytest.approx(100 / (5000 / 12))
    assert res.status is Status.PASS
    assert ropes.rope_tension_check(Q_(500, "N"), Q_(6, "mm")).status is Status.FAIL
    missing = ropes.rope_tension_check(Q_(100, "N"), Q_(7, "mm"))
    assert missing.status is Status.WARN and "7 mm polypropylene" in missing.message
