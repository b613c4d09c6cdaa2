"""Service temperature of plastic parts against their softening point."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks import plastics
from workbench.checks.result import Status
from workbench.errors import BoundsError, UnitError
from workbench.units import Q_


@pytest.mark.parametrize(
    ("exposure", "increment"),
    [
        # EN 1991-1-5:2003 Table 5.2, Note 2, recommended values for elements facing south-west
        # or horizontal: T3 = 18 °C (bright light surface), T4 = 30 °C (light coloured),
        # T5 = 42 °C (dark). The Finnish national-annex draft (2016) repeats 18/30/42 for
        # light-mass elements.
        (plastics.Exposure.SHADE, 0),
        (plastics.Exposure.SUN_BRIGHT, 18),
        (plastics.Exposure.SUN_LIGHT, 30),
        (plastics.Exposure.SUN_DARK, 42),
    ],
)
def test_service_temperature_increments(exposure, increment):
    part = plastics.service_temperature(Q_(35, "degC"), exposure)
    assert part.to("degC").m == pytest.approx(35 + increment)


def test_softening_check_statuses_and_message():
    # Dark part in the sun on a 35 °C day: 35 + 42 = 77 °C against 60 °C − 10 K = 50 °C -> fail;
    # in the shade: 35/50 = 0.70 -> pass (utilisation on the Celsius scale).
    dark = plastics.softening_check(
        Q_(35, "degC"), Q_(60, "degC"), exposure=plastics.Exposure.SUN_DARK
    )
    shade = plastics.softening_check(Q_(35, "degC"), Q_(60, "degC"))
    assert dark.status is Status.FAIL
    assert dark.utilisation == pytest.approx(77 / 50)
    assert shade.status is Status.PASS and shade.utilisation == pytest.approx(0.7)
    assert dark.message == (
        "In sun, dark colour at 35 °C air, the part reaches 77 °C; it should stay below 50 °C "
        "(10 K under its 60 °C softening point)."
    )
    assert "EN 1991-1-5" in dark.reference
    # Light colour, 30 °C air, softening at 80 °C with a 5 K margin: 60/75 = 0.8 -> pass.
    light = plastics.softening_check(
        Q_(30, "degC"), Q_(80, "degC"), exposure=plastics.Exposure.SUN_LIGHT, margin=Q_(5, "K")
    )
    assert light.status is Status.PASS and light.utilisation == pytest.approx(0.8)


def test_errors():
    with pytest.raises(UnitError, match=r"^margin: .* expected a temperature difference"):
        plastics.softening_check(Q_(20, "degC"), Q_(60, "degC"), margin=Q_(10, "degC"))
    with pytest.raises(UnitError, match=r"^air_temperature: .* expected a temperature"):
        plastics.softening_check(Q_(20, "mm"), Q_(60, "degC"))
    with pytest.raises(BoundsError, match="softening_temperature"):
        plastics.softening_check(Q_(20, "degC"), Q_(5, "degC"))


@settings(max_examples=40, deadline=None)
@given(
    air=st.floats(-30, 50),
    soft=st.floats(60, 250),
    exposure=st.sampled_from(list(plastics.Exposure)),
)
def test_same_verdict_in_fahrenheit(air, soft, exposure):
    c = plastics.softening_check(Q_(air, "degC"), Q_(soft, "degC"), exposure=exposure)
    f = plastics.softening_check(
        Q_(air * 1.8 + 32, "degF"),
        Q_(soft * 1.8 + 32, "degF"),
        exposure=exposure,
        margin=Q_(18, "delta_degF"),
    )
    assert f.utilisation == pytest.approx(c.utilisation, rel=1e-9, abs=1e-12)
    assert f.status is c.status


@settings(max_examples=40, deadline=None)
@given(air=st.floats(-30, 50), extra=st.floats(0.1, 20))
def test_hotter_air_higher_utilisation(air, extra):
    a = plastics.softening_check(
        Q_(air, "degC"), Q_(100, "degC"), exposure=plastics.Exposure.SUN_LIGHT
    )
    b = plastics.softening_check(
        Q_(air + extra, "degC"), Q_(100, "degC"), exposure=plastics.Exposure.SUN_LIGHT
    )
    assert b.utilisation > a.utilisation
