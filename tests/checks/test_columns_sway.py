"""Sway-frame end conditions against AISC 360-16 Commentary Table C-A-7.1."""

from __future__ import annotations

import pytest

from workbench.checks import columns, sections
from workbench.units import Q_

End = columns.EndCondition


def test_theoretical_k_of_table_c_a_7_1():
    # Table C-A-7.1 theoretical K: (c) rotation fixed at both ends, top free to translate: 1.0;
    # (f) pinned base, top fixed against rotation but free to translate: 2.0.
    assert End.SWAY_FIXED_FIXED.k == 1.0
    assert End.SWAY_PINNED_FIXED.k == 2.0


@pytest.mark.parametrize(
    ("sway", "same_as", "expected_kn"),
    [
        # Gere, Mechanics of Materials, 7th ed., Solution 11.4-2 (steel pipe 40 x 2 mm, 1.2 m,
        # E = 210 GPa): 62.2 kN for K = 1 and 15.6 kN for K = 2. A sway column has the buckled
        # length of the braced case with the same K.
        (End.SWAY_FIXED_FIXED, End.PINNED_PINNED, 62.2),
        (End.SWAY_PINNED_FIXED, End.FIXED_FREE, 15.6),
    ],
)
def test_sway_columns_buckle_like_their_equivalent_length(sway, same_as, expected_kn):
    sec = sections.round_tube(Q_(40, "mm"), Q_(2, "mm"))
    p_sway = columns.euler_critical_load(Q_(210, "GPa"), sec.I, Q_(1.2, "m"), sway)
    p_same = columns.euler_critical_load(Q_(210, "GPa"), sec.I, Q_(1.2, "m"), same_as)
    assert p_sway.to("kN").magnitude == pytest.approx(p_same.to("kN").magnitude)
    assert p_sway.to("kN").magnitude == pytest.approx(expected_kn, abs=0.05)


def test_message_names_the_sway_case():
    sec = sections.square_tube(Q_(50, "mm"), Q_(3, "mm"))
    res = columns.buckling_check(Q_(1, "kN"), Q_(210, "GPa"), sec, Q_(235, "MPa"), Q_(1, "m"),
                                 end=End.SWAY_PINNED_FIXED)
    assert res.message.startswith("The pinned-fixed sway column carries 1 kN;")
