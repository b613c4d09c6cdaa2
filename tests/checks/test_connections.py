"""Connections: screw withdrawal (EN 1995-1-1 §8.7.2), fixings in a row, weld groups."""

from __future__ import annotations

import math

import pytest

from workbench.checks import connections
from workbench.errors import BoundsError
from workbench.units import Q_


def test_screw_withdrawal_en1995_a1() -> None:
    # EN 1995-1-1:2004+A1:2008 Eq. 8.39 (as given for screws of 6–12 mm in Porteous & Kermani,
    # Structural Timber Design to Eurocode 5, appendix on the A1 amendment):
    # f_ax,k = 0.52·d^-0.5·l_ef^-0.1·ρ_k^0.8; d 8 mm, l_ef 80 mm, C24 ρ_k 350 kg/m³ (EN 338):
    f = 0.52 * 8**-0.5 * 80**-0.1 * 350**0.8
    assert f == pytest.approx(12.865, abs=1e-3)
    got = connections.screw_withdrawal_strength(Q_(8, "mm"), Q_(80, "mm"), Q_(350, "kg/m**3"))
    assert got.m_as("MPa") == pytest.approx(f)
    # Eq. 8.38 at α = 90°: F = f·d·l_ef·k_d, k_d = min(d/8, 1) = 1 → 8233 N
    r = connections.screw_withdrawal_resistance(Q_(8, "mm"), Q_(80, "mm"), Q_(350, "kg/m**3"))
    assert r.m_as("N") == pytest.approx(f * 8 * 80, rel=1e-9)
    # a 6 mm screw: k_d = 0.75; along the grain (α = 0) the divisor is 1.2
    f6 = 0.52 * 6**-0.5 * 50**-0.1 * 310**0.8
    r6 = connections.screw_withdrawal_resistance(Q_(6, "mm"), Q_(50, "mm"), Q_(310, "kg/m**3"),
                                                 angle=Q_(0, "deg"), count=2)
    assert r6.m_as("N") == pytest.approx(2**0.9 * f6 * 6 * 50 * 0.75 / 1.2, rel=1e-9)
    with pytest.raises(BoundsError, match=r"^diameter: 4.5 mm is outside 6–12 mm"):
        connections.screw_withdrawal_strength(Q_(4.5, "mm"), Q_(50, "mm"), Q_(350, "kg/m**3"))


def test_screw_withdrawal_check_uses_design_values() -> None:
    res = connections.screw_withdrawal_check(Q_(1000, "N"), Q_(8, "mm"), Q_(80, "mm"),
                                             Q_(350, "kg/m**3"), k_mod=0.7)
    r_d = 0.52 * 8**-0.5 * 80**-0.1 * 350**0.8 * 8 * 80 * 0.7 / 1.3  # γ_M 1.3 (Table 2.3)
    assert res.limit.m_as("N") == pytest.approx(r_d, rel=1e-9)
    assert res.utilisation == pytest.approx(1000 / r_d, rel=1e-9)
    assert res.load_bearing and res.status.value == "pass"


def test_fixings_in_a_row_share_the_moment_by_height() -> None:
    # 100 N at 150 mm from the wall, fixings 35.5 and 106.5 mm above the toe:
    # T_top = M·y/Σy² = 15000·106.5/(35.5² + 106.5²) = 126.76 N (Blodgett §7.4, elastic analysis)
    t = connections.row_tensions(Q_(15000, "N*mm"), [Q_(35.5, "mm"), Q_(106.5, "mm")])
    assert t[1].m_as("N") == pytest.approx(15000 * 106.5 / (35.5**2 + 106.5**2))
    assert t[1].m_as("N") == pytest.approx(126.76, abs=0.01)
    assert t[0].m_as("N") == pytest.approx(t[1].m_as("N") / 3)
    res = connections.fixing_check(t[1], Q_(50, "N"), Q_(300, "N"), basis="b", reference="r")
    assert res.value.m_as("N") == pytest.approx(math.hypot(126.76, 50), abs=0.01)
    assert res.load_bearing


def test_weld_group_under_shear_and_moment() -> None:
    # Two 50 mm weld lines, 1 kN shear and 100 N·m: V/ΣL = 10 N/mm, M/W = 1e5/(2·50²/6) = 120 N/mm,
    # resultant 120.4 N/mm; f_vw,d = 360/√3/(0.8·1.25) = 207.8 MPa (EN 1993-1-8 §4.5.3.3, S235),
    # × a 3 mm = 623.5 N/mm
    res = connections.weld_group_check(Q_(1, "kN"), Q_(100, "N*m"), Q_(3, "mm"), Q_(50, "mm"),
                                       Q_(360, "MPa"), "S235")
    assert res.value.m_as("N/mm") == pytest.approx(math.hypot(10, 120), rel=1e-9)
    assert res.limit.m_as("N/mm") == pytest.approx(360 / math.sqrt(3) / (0.8 * 1.25) * 3)
    assert res.load_bearing and res.status.value == "pass"
