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


def test_passive_coefficient_is_the_inverse_of_the_active():
    # Rankine: K_p = tan²(45° + φ/2) = 1/K_a; at φ = 30°, K_p = 3 (Craig's Soil Mechanics,
    # 8th ed., ch. 11)
    assert soil.passive_coefficient(Q_(30, "deg")) == pytest.approx(3.0, rel=1e-12)
    for phi in (10, 20, 28, 35):
        assert soil.passive_coefficient(Q_(phi, "deg")) == pytest.approx(
            1 / soil.active_coefficient(Q_(phi, "deg")))


def test_short_post_capacity_is_broms_moment_balance_about_the_toe():
    # Broms (1964), short free-head pile in cohesionless soil: ground reaction 3·K_p·γ·b·z on the
    # embedded length, the post turning about its toe; moments about the toe:
    # H·(e + L) = ∫₀ᴸ 3·K_p·γ·b·z·(L − z) dz = ½·K_p·γ·b·L³. No published worked example with
    # numbers for this case was found in the stored sources (FHWA-HI-97-013 §9.7.3.2 works it
    # from charts), so the closed form is checked against the integral, summed numerically here.
    b, length, e, gamma, phi = 0.095, 0.3, 0.064, 18.0, 28.0
    k_p = math.tan(math.radians(45 + phi / 2)) ** 2
    n = 20000
    dz = length / n
    moment = sum(3 * k_p * gamma * b * ((i + 0.5) * dz) * (length - (i + 0.5) * dz) * dz
                 for i in range(n))  # kN·m about the toe
    h_u = soil.short_post_capacity(Q_(b, "m"), Q_(length, "m"), Q_(e, "m"),
                                   Q_(gamma, "kN/m**3"), Q_(phi, "deg"))
    assert h_u.to("kN").magnitude == pytest.approx(moment / (e + length), rel=1e-6)
    # by hand: 0.5 × 18 × 0.095 × 0.3³ × 2.770 / 0.364 = 0.1756 kN
    assert h_u.to("N").magnitude == pytest.approx(175.6, abs=0.1)
    # units: inches and lbf/ft³ give the same force
    same = soil.short_post_capacity(Q_(b / 0.0254, "inch"), Q_(length, "m"), Q_(e, "m"),
                                    Q_(gamma, "kN/m**3").to("lbf/ft**3"), Q_(phi, "deg"))
    assert same.to("N").magnitude == pytest.approx(h_u.to("N").magnitude)
    with pytest.raises(BoundsError, match="^width: 0 m must be greater than zero"):
        soil.short_post_capacity(Q_(0, "m"), Q_(0.3, "m"), Q_(0, "m"), Q_(18, "kN/m**3"),
                                 Q_(28, "deg"))
