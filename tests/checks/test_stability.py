"""Stability: tipping (EN 1990 EQU) and portal racking."""

from __future__ import annotations

import pytest

from workbench.checks import stability
from workbench.units import Q_


def test_tipping_push_uses_the_equ_factors() -> None:
    # EN 1990:2002 Table A1.2(A): favourable permanent 0.9, variable 1.5. A 200 N unit, 150 mm
    # from its centre of gravity to the front edge, pushed at 1200 mm: F = 0.9·200·150/(1.5·1200)
    f = stability.tipping_push(Q_(200, "N"), Q_(150, "mm"), Q_(1.2, "m"))
    assert f.m_as("N") == pytest.approx(15.0)
    res = stability.tipping_check(Q_(200, "N"), Q_(150, "mm"), Q_(30, "N"), Q_(1.2, "m"))
    assert res.utilisation == pytest.approx(2.0) and res.status.value == "fail"
    assert res.load_bearing
    gap = stability.tipping_check(Q_(200, "N"), Q_(150, "mm"), Q_(0, "N"), Q_(1.2, "m"))
    assert not gap.ran and gap.load_bearing and gap.value.m_as("N") == pytest.approx(15.0)
    assert gap.message.startswith("It tips over when pushed with 15 N at 1200 mm")


def test_portal_method_moment() -> None:
    # A pinned-foot portal: each of n legs takes H/n and a moment (H/n)·h at its top
    # (Hibbeler, Structural Analysis, §7.5): 400 N on 4 legs 825 mm tall → 82.5 N·m each
    m = stability.portal_leg_moment(Q_(400, "N"), Q_(825, "mm"), 4)
    assert m.m_as("N*m") == pytest.approx(82.5)


def test_storage_push_is_en_14749_and_strapping_turns_a_fail_into_a_warning() -> None:
    # EN 14749:2016 Table 3 test 5.6.2 (EN 16122:2012 §11.2.2), as quoted in a test laboratory's
    # report (no. 891928-1, appendix p. 3): units taller than 1000 mm, 350 N down with 50 N outward
    assert stability.STORAGE_PUSH_N == 50.0 and stability.STORAGE_PUSH_VERTICAL_N == 350.0
    # 200 N, 150 mm lever, 1200 mm: tips at 15 N (hand calculation above); 50 N → 50/15 = 3.33
    free = stability.tipping_check(Q_(200, "N"), Q_(150, "mm"), Q_(50, "N"), Q_(1.2, "m"))
    assert free.status.value == "fail" and free.utilisation == pytest.approx(50 / 15)
    strapped = stability.tipping_check(Q_(200, "N"), Q_(150, "mm"), Q_(50, "N"), Q_(1.2, "m"),
                                       strapped=True)
    assert strapped.status.value == "warn" and strapped.utilisation == pytest.approx(50 / 15)
    assert strapped.message.endswith("it must be strapped to the wall (the strap and its wall "
                                     "fixing are not checked).")
    # a piece that stands is not downgraded: 10 N < 15 N passes either way
    ok = stability.tipping_check(Q_(200, "N"), Q_(150, "mm"), Q_(10, "N"), Q_(1.2, "m"),
                                 strapped=True)
    assert ok.status.value == "pass"
