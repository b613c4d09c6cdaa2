"""Rankine earth pressure against a published worked example and the closed forms."""

from __future__ import annotations

import math

import pytest

from workbench.checks import soil
from workbench.errors import BoundsError, UnitError
from workbench.units import Q_


def test_active_and_at_rest_coefficients_at_30_degrees():
    # K_a = tan²(45° − 15°) = tan²30° = 1/3; K_0 = 1 − sin 30° = 0.5 (Jáky).
    assert soil.active_coefficient(Q_(30, "deg")) == pytest.approx(1 / 3, rel=1e-12)
    assert soil.at_rest_coefficient(Q_(30, "deg")) == pytest.approx(0.5, rel=1e-12)
    # the sine form (1 − sin φ)/(1 + sin φ) gives the same at any angle
    for phi in (10, 20, 28, 35):
        s = math.sin(math.radians(phi))
        assert soil.active_coefficient(Q_(phi, "deg")) == pytest.approx((1 - s) / (1 + s))


def test_vertical_back_wall_example_active_thrust():
    # civilengineeringx.com, "Vertical back retaining wall problem example" (V.N.S. Murthy,
    # Geotechnical Engineering): H = 7.32 m, cohesionless soil γ = 17.3 kN/m³, φ = 30°, level
    # surface, Rankine: K_A = 1/3, P_a = ½·γ·H²·K_A = ½ × 17.3 × 7.32² / 3 = 154.5 kN/m.
    k_a = soil.active_coefficient(Q_(30, "deg"))
    p_a = soil.lateral_force(Q_(0, "m"), Q_(7.32, "m"), Q_(17.3, "kN/m**3"), k_a)
    assert p_a.to("kN/m").magnitude == pytest.approx(154.5, abs=0.05)
    # the pressure at the base is K_a·γ·H = 42.2 kPa, and the thrust is its triangle's area
    base = soil.lateral_pressure(Q_(7.32, "m"), Q_(17.3, "kN/m**3"), k_a)
    assert base.to("kPa").magnitude == pytest.approx(17.3 * 7.32 / 3)
    assert p_a.to("kN/m").magnitude == pytest.approx(base.to("kPa").magnitude * 7.32 / 2)


def test_bands_add_up_to_the_whole_height_and_surcharge_adds_k_q_h():
    gamma, k = Q_(18, "kN/m**3"), 0.49
    whole = soil.lateral_force(Q_(0, "mm"), Q_(300, "mm"), gamma, k)
    upper = soil.lateral_force(Q_(0, "mm"), Q_(205, "mm"), gamma, k)
    lower = soil.lateral_force(Q_(205, "mm"), Q_(300, "mm"), gamma, k)
    assert (upper + lower).to("N/mm").magnitude == pytest.approx(whole.to("N/mm").magnitude)
    # lower band by hand: K·γ·(z2² − z1²)/2 = 0.49 × 18e-6 N/mm³ × (300² − 205²)/2 = 0.2123 N/mm
    assert lower.to("N/mm").magnitude == pytest.approx(0.49 * 18e-6 * (300**2 - 205**2) / 2)
    loaded = soil.lateral_force(Q_(0, "m"), Q_(2, "m"), gamma, k, surcharge=Q_(5, "kPa"))
    bare = soil.lateral_force(Q_(0, "m"), Q_(2, "m"), gamma, k)
    assert (loaded - bare).to("kN/m").magnitude == pytest.approx(0.49 * 5 * 2)


def test_us_units_are_accepted():
    # 110 lbf/ft³ = 17.28 kN/m³; depth 3 ft = 0.9144 m
    p = soil.lateral_pressure(Q_(3, "ft"), Q_(110, "lbf/ft**3"), 1 / 3)
    assert p.to("kPa").magnitude == pytest.approx(17.2795 * 0.9144 / 3, rel=1e-4)


@pytest.mark.parametrize(
    ("call", "error", "text"),
    [
        (lambda: soil.active_coefficient(Q_(90, "deg")), BoundsError, "below 90°"),
        (lambda: soil.active_coefficient(Q_(-5, "deg")), BoundsError, "at least 0°"),
        (lambda: soil.lateral_pressure(Q_(1, "m"), Q_(1800, "kg/m**3"), 0.5), UnitError,
         "is not a unit weight"),
        (lambda: soil.lateral_pressure(Q_(-1, "m"), Q_(18, "kN/m**3"), 0.5), BoundsError,
         "must not be negative"),
        (lambda: soil.lateral_force(Q_(2, "m"), Q_(1, "m"), Q_(18, "kN/m**3"), 0.5), BoundsError,
         "is above top"),
        (lambda: soil.lateral_pressure(Q_(1, "m"), Q_(18, "kN/m**3"), 0), BoundsError,
         "coefficient"),
    ],
)
def test_wrong_inputs_are_one_line_errors(call, error, text):
    with pytest.raises(error) as err:
        call()
    assert text in str(err.value) and "\n" not in str(err.value)
