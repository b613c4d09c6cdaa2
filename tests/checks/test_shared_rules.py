"""The engineering rules designs share (issue 11 point 4): one place each, table values cited."""

from __future__ import annotations

import pytest

from workbench.checks import loads, plastics, timber
from workbench.errors import BoundsError, UnitError
from workbench.units import Q_


@pytest.mark.parametrize(
    ("service_class", "duration", "expected"),
    [
        # EN 1995-1-1:2004 Table 3.1, solid timber / plywood rows
        (1, "permanent", 0.60), (1, "long-term", 0.70), (2, "medium-term", 0.80),
        (2, "short-term", 0.90), (1, "instantaneous", 1.10),
        (3, "permanent", 0.50), (3, "long-term", 0.55), (3, "medium-term", 0.65),
        (3, "short-term", 0.70), (3, "instantaneous", 0.90),
    ],
)
def test_k_mod_is_table_3_1(service_class: int, duration: str, expected: float) -> None:
    assert timber.k_mod(service_class, duration) == expected


def test_design_strength_is_k_mod_f_k_over_gamma_m() -> None:
    # C24 (EN 338 f_m,k 24 MPa), service class 1, medium-term, γ_M 1.3 (Table 2.3):
    # 0.8 × 24 / 1.3 = 14.77 MPa
    f_d = timber.design_strength(Q_(24, "MPa"), "solid timber", service_class=1,
                                 duration="medium-term")
    assert f_d.to("MPa").magnitude == pytest.approx(14.769, abs=1e-3)
    # plywood γ_M 1.2, long-term 0.7: 40.2 MPa birch → 23.45 MPa
    ply = timber.design_strength(Q_(40.2, "MPa"), timber.TimberProduct.PLYWOOD, service_class=1,
                                 duration=timber.LoadDuration.LONG_TERM)
    assert ply.to("MPa").magnitude == pytest.approx(0.7 * 40.2 / 1.2)
    # the unit of the input is kept
    assert str(timber.design_strength(Q_(3500, "psi"), "solid timber", service_class=3,
                                      duration="permanent").units) == "pound_force_per_square_inch"
    with pytest.raises(BoundsError, match=r"^service_class: 4 must be 1, 2 or 3"):
        timber.k_mod(4, "permanent")
    with pytest.raises(UnitError, match=r"^characteristic: 24 has no unit"):
        timber.design_strength(24, "plywood", service_class=1, duration="long-term")


def test_weight_uses_standard_gravity() -> None:
    assert loads.weight(Q_(10, "kg")).to("N").magnitude == pytest.approx(98.0665)  # CGPM 1901
    assert loads.weight(Q_(1, "lb")).to("N").magnitude == pytest.approx(4.448222, rel=1e-6)
    with pytest.raises(BoundsError, match=r"^mass: -1 kg must not be negative"):
        loads.weight(Q_(-1, "kg"))


def test_a_print_softens_at_the_lower_of_hdt_and_tg() -> None:
    # PA6: moulded HDT 200 °C (Matmatch), Tg 45 °C (NETZSCH): a print softens at its Tg
    hdt, tg = Q_(200, "degC"), Q_(45, "degC")
    assert plastics.softening_temperature(hdt, tg, printed=True) is tg
    assert plastics.softening_temperature(hdt, tg, printed=False) is hdt
    assert plastics.softening_temperature(None, tg, printed=False) is tg
    assert plastics.softening_temperature(None, None, printed=True) is None
    # a printed nylon part in the sun at 30 °C air (light colour, +30 K, EN 1991-1-5 Table 5.2)
    res = plastics.heat_softening_check(Q_(30, "degC"), hdt, tg, printed=True,
                                        exposure=plastics.Exposure.SUN_LIGHT, material="PA6")
    assert res.status.value == "fail"
    assert res.utilisation == pytest.approx(60 / 35)
    assert "softening point = Tg (a print: the lower of HDT and Tg)" in res.reference
    gap = plastics.heat_softening_check(None, hdt, tg, printed=True, climate="x")
    assert "maximum temperature for climate x" in gap.message
