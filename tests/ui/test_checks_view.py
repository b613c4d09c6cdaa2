"""The checks panel renders every check and the summary in the chosen units."""

from __future__ import annotations

from workbench.checks.result import CheckResult, Status
from workbench.ui.checks_view import ChecksView, check_row, render_checks
from workbench.ui.style import STATUS_COLOURS
from workbench.units import Q_, UnitSystem, fmt, fmt_pair


def _check(status: Status, u: float) -> CheckResult:
    return CheckResult(
        "arm <bending>", status, u, Q_(12.5, "MPa"), Q_(25, "MPa"),
        "The arm is stressed to 12.5 MPa & may creep.", "EN 1995-1-1 §6.1.6",
    )


def test_row_has_colour_bar_value_limit_message_and_reference():
    row = check_row(_check(Status.WARN, 0.95), UnitSystem.METRIC)
    assert f"background:{STATUS_COLOURS['warn']}" in row and ">WARN<" in row
    assert "width:95%" in row and "95 %" in row
    assert "12.5 MPa / 25 MPa" in row
    assert "arm &lt;bending&gt;" in row  # escaped
    assert "The arm is stressed to 12.5 MPa &amp; may creep." in row
    assert "EN 1995-1-1 §6.1.6" in row


def test_overloaded_bar_is_full_and_imperial_units_are_used():
    row = check_row(_check(Status.FAIL, 1.8), UnitSystem.IMPERIAL)
    assert "width:100%" in row and "180 %" in row and ">FAIL<" in row
    assert f"{fmt(Q_(12.5, 'MPa'), 'imperial')} / {fmt(Q_(25, 'MPa'), 'imperial')}" in row
    assert "psi" in row


def test_no_checks_says_so():
    assert "runs no checks" in render_checks([], UnitSystem.METRIC)


def test_panel_shows_every_check_of_the_evaluation(panel):
    ev = panel.evaluation
    html = panel.checks.table.value
    assert html.count('<tr class="wb-check') == len(ev.checks)
    for c in ev.checks:
        assert c.name in html
        if c.ran:  # a check that could not run (issue 13) has no value against a limit
            assert f"{fmt(c.value, 'metric')} / {fmt(c.limit, 'metric')}" in html
    summary = panel.checks.summary.value
    # the bracket's wall fixing has no rated load at defaults: the summary says so, and links
    # what the checks cover
    assert ev.status == "unverified" and "UNVERIFIED" in summary
    assert "Not verified: load-bearing checks could not run: wall fixing (needs" in summary
    assert "README.md#what-the-checks-cover" in summary
    assert f"mass <b>{fmt(ev.mass, 'metric')}</b>" in summary
    panel.context_form.units.value = "imperial"
    assert f"mass <b>{fmt(ev.mass, 'imperial')}</b>" in panel.checks.summary.value
    table = panel.checks.table.value
    for c in ev.checks:
        if c.ran:
            # lengths to 1/16 in (the default inch fraction), value and limit alike
            assert " / ".join(fmt_pair(c.value, c.limit, "imperial", fraction=16)) in table


def test_checks_follow_a_changed_parameter(panel):
    before = panel.checks.table.value
    panel.form.fields["load"].text.value = "400 N"
    assert panel.checks.table.value != before
    assert panel.evaluation.design.load == Q_(400, "N")


def test_stale_marking():
    view = ChecksView()
    view.mark_stale(True)
    assert "Stale" in view.banner.value and "wb-stale" in view._body._dom_classes
    view.mark_stale(False)
    assert view.banner.value == "" and "wb-stale" not in view._body._dom_classes
