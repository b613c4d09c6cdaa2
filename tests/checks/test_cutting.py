"""Cutting set-up from workshop profiles, and the cutting checks, against hand-worked numbers."""

import pytest

from workbench.checks.cutting import (
    Cutter,
    blank_for,
    cut_setup,
    grain_fit_check,
    slot_tool_check,
)
from workbench.checks.result import Status
from workbench.context import workshop
from workbench.errors import BoundsError
from workbench.units import Q_


def test_router_is_preferred_and_sets_spacing_and_margin() -> None:
    s = cut_setup(workshop("generic-makerspace"))
    assert s.cutter is Cutter.ROUTER
    assert (s.width_mm, s.offset_mm, s.clearance_mm) == (6.0, 3.0, 0.2)
    assert s.bed_mm == (2440.0, 1220.0)
    assert (s.spacing_mm, s.margin_mm) == (12.0, 12.0)  # 2 × 6 mm tool; the spacing beats 10 mm
    assert s.describe() == "router (6 mm tool) of workshop generic-makerspace"


def test_laser_spacing_has_a_floor() -> None:
    s = cut_setup(workshop("fablab-laser"))
    assert s.cutter is Cutter.LASER and s.width_mm == pytest.approx(0.2)
    assert (s.spacing_mm, s.margin_mm) == (2.0, 10.0)  # 2 × 0.2 mm is below the 2 mm floor


def test_missing_cutters_are_one_line() -> None:
    with pytest.raises(BoundsError) as err:
        cut_setup(workshop("generic-makerspace"), "laser")
    assert str(err.value) == "workshop generic-makerspace has no laser; its cutter: router"
    with pytest.raises(BoundsError) as err:
        cut_setup(workshop("prusa-mk4"))
    assert str(err.value) == (
        "workshop prusa-mk4 has no sheet cutter; choose a workshop with a laser or a CNC router"
    )


def test_slot_must_take_the_tool() -> None:
    router = cut_setup(workshop("generic-makerspace"))
    ok = slot_tool_check(Q_(18.2, "mm"), router)
    assert ok.status is Status.PASS and ok.utilisation == pytest.approx(6 / 18.2)
    assert ok.message == "The 6 mm tool of the router fits in the 18.2 mm slot."
    bad = slot_tool_check(Q_(4.2, "mm"), router)
    assert bad.status is Status.FAIL and bad.utilisation == pytest.approx(6 / 4.2)
    assert bad.message == "The 6 mm tool of the router is wider than the 4.2 mm slot."


def test_blank_is_the_sheet_sawn_to_the_bed() -> None:
    assert blank_for((2440, 1220), (2440, 1220), 3.2) == ((2440, 1220), 1)
    assert blank_for((2500, 1250), (2440, 1220), 3.2) == ((2440, 1220), 1)
    # a 600 × 400 laser bed: (1525 + 3.2) // 603.2 = 2 along, (1525 + 3.2) // 403.2 = 3 across
    assert blank_for((1525, 1525), (600, 400), 3.2) == ((600, 400), 6)
    assert blank_for((2440, 1220), (400, 600), 3.2) == ((600, 400), 12)


def test_grain_fit_uses_one_orientation_only() -> None:
    router = cut_setup(workshop("generic-makerspace"))
    sheet = (Q_(2440, "mm"), Q_(1220, "mm"))
    ok = grain_fit_check(Q_(1200, "mm"), Q_(300, "mm"), router, sheet)
    assert ok.status is Status.PASS and ok.utilisation == pytest.approx(1200 / 2416)
    # 1300 mm across the grain would fit turned, but not with the grain along the sheet
    bad = grain_fit_check(Q_(300, "mm"), Q_(1300, "mm"), router, sheet)
    assert bad.status is Status.FAIL and bad.utilisation == pytest.approx(1300 / 1196)
    assert bad.message == (
        "The 300 × 1300 mm part does not fit with its grain along the 2440 × 1220 mm sheet on the "
        "router, 12 mm clear at the edges."
    )
    laser = cut_setup(workshop("fablab-laser"))
    small = grain_fit_check(Q_(500, "mm"), Q_(300, "mm"), laser, sheet)
    assert small.utilisation == pytest.approx(500 / 580)  # the 600 × 400 bed less 10 mm edges
