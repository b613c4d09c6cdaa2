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
