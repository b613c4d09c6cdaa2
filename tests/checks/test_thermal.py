"""Thermal expansion, gaps and thermal buckling."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks import sections, thermal
from workbench.checks.columns import EndCondition
from workbench.checks.result import Status
from workbench.errors import BoundsError, UnitError
from workbench.units import Q_

STEEL = Q_(12e-6, "1/K")


def test_rail_gap_worked_answer():
    # Tinkutara Q&A 141111 ("A gap must be left between steel rails…"): 10 m rail,
    # α = 12e-6 /°C, 50 °C above laying temperature -> gap 10 × 12e-6 × 50 = 0.006 m = 6 mm.
    gap = thermal.expansion_gap(STEEL, Q_(10, "m"), Q_(20, "degC"), Q_(70, "degC"))
    assert gap.to("mm").magnitude == pytest.approx(6.0)
    assert thermal.free_expansion(STEEL, Q_(10, "m"), Q_(-10, "degC"), Q_(40, "degC")).to(
        "mm"
    ).m == (pytest.approx(6.0))


def test_rails_touch_at_45_degc():
    # EM 213 sample exam problem p015 (zigherzog.net): 10 m rails laid at 20 °C with a 3 mm gap,
    # α = 12e-6: they touch after 3 mm of growth, i.e. ΔT = 3 / (10 000 × 12e-6) = 25 K, at 45 °C.
    at_45 = thermal.expansion_gap_check(
        STEEL, Q_(10, "m"), Q_(3, "mm"), Q_(20, "degC"), Q_(45, "degC")
    )
    at_50 = thermal.expansion_gap_check(
        STEEL, Q_(10, "m"), Q_(3, "mm"), Q_(20, "degC"), Q_(50, "degC")
    )
    assert at_45.utilisation == pytest.approx(1.0)
    assert at_45.passed and not at_50.passed
    assert at_50.message == (
        "The 10000 mm part grows 3.6 mm from 20 °C to 50 °C; the gap left is 3 mm."
    )


def test_gate_buckling_temperature_fixed_bar():
    # GATE CE (examside.com, "homogeneous, prismatic, linearly elastic steel bar fixed at both
    # ends"): l/r = 105, α = 12e-6 /°C, effective length 0.5 l -> ΔT = π²/(α (0.5·105)²) = 298 °C.
    r = Q_(10, "mm")
    section = sections.Section(Q_(1, "mm**2"), Q_(100, "mm**4"), Q_(1, "mm**3"), r)
    rise = thermal.buckling_temperature_rise(STEEL, section, 105 * r, EndCondition.FIXED_FIXED)
    assert rise.to("K").magnitude == pytest.approx(298, abs=0.5)


def test_buckling_rise_equals_euler_over_thermal_force():
    # ΔT_cr = P_E / (E A α) for any E (textbook identity; E cancels).
    sec = sections.round_tube(Q_(25, "mm"), Q_(2, "mm"))
    alpha, length = Q_(23e-6, "1/K"), Q_(2, "m")
    rise = thermal.buckling_temperature_rise(alpha, sec, length)
    from workbench.checks.columns import euler_critical_load

    for e in (Q_(70, "GPa"), Q_(200, "GPa")):
        p_e = euler_critical_load(e, sec.I, length)
        assert rise.to("K").m == pytest.approx((p_e / (e * sec.area * alpha)).to("K").m, rel=1e-9)


def test_thermal_buckling_check_message_and_imperial():
    sec = sections.solid_round(Q_(10, "mm"))
    result = thermal.thermal_buckling_check(
        Q_(23e-6, "1/K"), sec, Q_(1, "m"), Q_(20, "degC"), Q_(60, "degC")
    )
    # π²·(2.5 mm)²/(23e-6·1000²) = 2.68 K ≪ 40 K.
    assert result.status is Status.FAIL
    assert result.utilisation == pytest.approx(40 / 2.68196, rel=1e-5)
    # value = hottest temperature, limit = temperature at which it buckles (20 °C + 2.68 K).
    assert result.value.to("degC").m == pytest.approx(60)
    assert result.limit.to("degC").m == pytest.approx(22.68196, rel=1e-6)
    assert result.message == (
        "Held between fixed ends, the part buckles after a 2.68 K rise; "
        "from 20 °C to 60 °C it warms 40 K."
    )
    imperial = thermal.thermal_buckling_check(
        Q_(23e-6 / 1.8, "1/delta_degF"),
        sec,
        Q_(1000 / 25.4, "inch"),
        Q_(68, "degF"),
        Q_(140, "degF"),
    )
    assert imperial.utilisation == pytest.approx(result.utilisation, rel=1e-9)
    assert "68 °F to 140 °F" in imperial.message


def test_temperature_kinds_are_not_mixed_up():
    with pytest.raises(UnitError, match=r"^t_max: .* is a temperature difference"):
        thermal.expansion_gap(STEEL, Q_(1, "m"), Q_(20, "degC"), Q_(30, "delta_degC"))
    with pytest.raises(UnitError, match=r"^alpha: .* expected a thermal expansion coefficient"):
        thermal.free_expansion(Q_(12e-6, "1/m"), Q_(1, "m"), Q_(0, "degC"), Q_(30, "degC"))
    with pytest.raises(BoundsError, match=r"^t_max: .* is below t_min"):
        thermal.free_expansion(STEEL, Q_(1, "m"), Q_(30, "degC"), Q_(0, "degC"))


@settings(max_examples=40, deadline=None)
@given(
    l1=st.floats(100, 5000),
    extra=st.floats(1, 5000),
    end=st.sampled_from(list(EndCondition)),
)
def test_longer_bar_buckles_at_smaller_rise(l1, extra, end):
    sec = sections.solid_round(Q_(12, "mm"))
    short = thermal.buckling_temperature_rise(STEEL, sec, Q_(l1, "mm"), end)
    long = thermal.buckling_temperature_rise(STEEL, sec, Q_(l1 + extra, "mm"), end)
    assert long < short


@settings(max_examples=40, deadline=None)
@given(
    length_mm=st.floats(10, 10000),
    t_install=st.floats(-30, 40),
    rise=st.floats(0, 80),
)
def test_same_gap_in_fahrenheit_and_inches(length_mm, t_install, rise):
    metric = thermal.expansion_gap(
        STEEL, Q_(length_mm, "mm"), Q_(t_install, "degC"), Q_(t_install + rise, "degC")
    )
    imperial = thermal.expansion_gap(
        Q_(12e-6 / 1.8, "1/degF"),
        Q_(length_mm / 25.4, "inch"),
        Q_(t_install * 1.8 + 32, "degF"),
        Q_((t_install + rise) * 1.8 + 32, "degF"),
    )
    assert imperial.to("mm").m == pytest.approx(metric.to("mm").m, rel=1e-9, abs=1e-12)
