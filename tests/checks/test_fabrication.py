"""Printable walls, printer-bed fit and sheet fit."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks import fabrication
from workbench.checks.result import Status
from workbench.errors import BoundsError, UnitError
from workbench.units import Q_

# Original Prusa i3 MK3S+ build volume, 250 × 210 × 210 mm (Prusa Research specifications).
BED = (Q_(250, "mm"), Q_(210, "mm"), Q_(210, "mm"))


def test_wall_two_perimeters():
    # Prusa Knowledge Base "Layers and perimeters": Original Prusa profiles use at least two
    # perimeters, so with a 0.4 mm nozzle a wall needs 2 × 0.4 = 0.8 mm.
    thin = fabrication.min_wall_check(Q_(0.6, "mm"), Q_(0.4, "mm"))
    exact = fabrication.min_wall_check(Q_(0.8, "mm"), Q_(0.4, "mm"))
    thick = fabrication.min_wall_check(Q_(1.2, "mm"), Q_(0.4, "mm"))
    assert (thin.status, exact.status, thick.status) == (Status.FAIL, Status.WARN, Status.PASS)
    assert thin.utilisation == pytest.approx(0.8 / 0.6)
    assert (
        thin.message
        == "The wall is 0.6 mm; a 0.4 mm nozzle needs at least 0.8 mm for 2 perimeters."
    )
    assert "Prusa" in thin.reference
    with pytest.raises(BoundsError, match="perimeters"):
        fabrication.min_wall_check(Q_(1, "mm"), Q_(0.4, "mm"), perimeters=0)


def test_bed_fit_straight_turned_and_diagonal():
    straight = fabrication.bed_fit_check(Q_(200, "mm"), Q_(100, "mm"), Q_(50, "mm"), *BED)
    assert straight.status is Status.PASS and straight.utilisation == pytest.approx(0.8)
    turned = fabrication.bed_fit_check(Q_(100, "mm"), Q_(240, "mm"), Q_(50, "mm"), *BED)
    assert turned.passed and "turned 90°" in turned.message
    # A 300 × 20 mm strip is longer than the bed but fits across the diagonal (√(250²+210²)
    # = 326.5 mm). Hand check at θ where both ratios are equal:
    # (300 cos θ + 20 sin θ)/250 = (300 sin θ + 20 cos θ)/210.
    diagonal = fabrication.bed_fit_check(Q_(300, "mm"), Q_(20, "mm"), Q_(10, "mm"), *BED)
    assert diagonal.passed
    theta = math.atan((300 / 250 - 20 / 210) / (300 / 210 - 20 / 250))
    assert diagonal.utilisation == pytest.approx(
        (300 * math.cos(theta) + 20 * math.sin(theta)) / 250, rel=1e-9
    )
    assert (
        diagonal.message
        == "On the 250 × 210 × 210 mm printer, the 300 × 20 × 10 mm part fits only when turned 39°."
    )
    too_long = fabrication.bed_fit_check(Q_(330, "mm"), Q_(10, "mm"), Q_(10, "mm"), *BED)
    assert too_long.status is Status.FAIL and "does not fit in any orientation" in too_long.message
    too_tall = fabrication.bed_fit_check(Q_(50, "mm"), Q_(50, "mm"), Q_(211, "mm"), *BED)
    assert too_tall.status is Status.FAIL and "too tall" in too_tall.message


def test_sheet_fit_with_margin():
    # 2440 × 1220 mm (8 × 4 ft) sheet, 10 mm kept clear at each edge -> 2420 × 1200 usable.
    sheet = (Q_(2440, "mm"), Q_(1220, "mm"))
    exact = fabrication.sheet_fit_check(Q_(1200, "mm"), Q_(2400, "mm"), *sheet, margin=Q_(10, "mm"))
    assert exact.passed and exact.utilisation == pytest.approx(1.0)
    assert exact.message == (
        "The 1200 × 2400 mm outline fits turned 90° on the 2440 × 1220 mm sheet "
        "with 10 mm kept clear at the edges."
    )
    wide = fabrication.sheet_fit_check(Q_(1300, "mm"), Q_(2400, "mm"), *sheet, margin=Q_(10, "mm"))
    assert wide.status is Status.FAIL
    assert wide.utilisation == pytest.approx(1300 / 1200)
    with pytest.raises(BoundsError, match="margin"):
        fabrication.sheet_fit_check(Q_(10, "mm"), Q_(10, "mm"), *sheet, margin=Q_(700, "mm"))
    with pytest.raises(UnitError, match=r"^margin: .* expected a length"):
        fabrication.sheet_fit_check(Q_(10, "mm"), Q_(10, "mm"), *sheet, margin=Q_(1, "N"))


def _brute_force(p: float, q: float, a: float, b: float, steps: int = 2000) -> float:
    best = math.inf
    for i in range(steps + 1):
        t = math.pi / 2 * i / steps
        ex, ey = p * math.cos(t) + q * math.sin(t), p * math.sin(t) + q * math.cos(t)
        best = min(best, max(ex / a, ey / b))
    return best


@settings(max_examples=40, deadline=None)
@given(p=st.floats(1, 400), q=st.floats(1, 400), a=st.floats(50, 400), b=st.floats(50, 400))
def test_bed_fit_matches_brute_force_rotation(p, q, a, b):
    result = fabrication.bed_fit_check(
        Q_(p, "mm"), Q_(q, "mm"), Q_(1, "mm"), Q_(a, "mm"), Q_(b, "mm"), Q_(500, "mm")
    )
    steps = 2000
    brute = _brute_force(p, q, a, b, steps)
    # Closed form is exact: never worse than the sampled optimum, and no better than it by more
    # than the grid can miss: |d(ratio)/dθ| ≤ √(p² + q²)/min(a, b), half a step of π/2/steps.
    slack = math.hypot(p, q) / min(a, b) * (math.pi / 2 / steps) / 2
    assert result.utilisation <= brute * (1 + 1e-9)
    assert result.utilisation >= brute - slack


@settings(max_examples=40, deadline=None)
@given(p=st.floats(1, 3000), q=st.floats(1, 3000), margin=st.floats(0, 50))
def test_same_answer_in_inches(p, q, margin):
    metric = fabrication.sheet_fit_check(
        Q_(p, "mm"), Q_(q, "mm"), Q_(2440, "mm"), Q_(1220, "mm"), margin=Q_(margin, "mm")
    )
    imperial = fabrication.sheet_fit_check(
        Q_(p / 25.4, "inch"),
        Q_(q / 25.4, "inch"),
        Q_(96.06299212598425, "inch"),
        Q_(48.031496062992126, "inch"),
        margin=Q_(margin / 25.4, "inch"),
    )
    assert imperial.utilisation == pytest.approx(metric.utilisation, rel=1e-9)
    assert imperial.status is metric.status
