"""The parameter form: widgets per kind, unit boxes, refusals next to the field, rules, sliders."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from workbench.errors import WorkbenchError
from workbench.ui.form import (
    ChoiceField,
    CountField,
    FlagField,
    NumericField,
    StockField,

)
from workbench.resolve import match_sheet
from workbench.units import Q_


def mm(q) -> float:
    return float(q.to("mm").magnitude)


def test_one_field_per_parameter_in_declared_groups(panel):
    form = panel.form
    params = type(panel.design).params()
    assert list(form.fields) == list(params)
    titles = [c.value for c in form.widget.children if "wb-group-title" in c._dom_classes]
    assert titles == list(type(panel.design).groups())
    kinds = {name: type(f) for name, f in form.fields.items()}
    assert kinds["arm"] is NumericField and kinds["make"] is ChoiceField
    assert kinds["gusset"] is FlagField and kinds["holes"] is CountField
    assert kinds["sheet"] is StockField


def test_numeric_field_is_a_soft_range_slider_plus_unit_box_with_help(panel):
    arm = panel.form.fields["arm"]
    p = arm.param
    assert (arm.slider.min, arm.slider.max, arm.slider.step) == (*p.slider_range, p.step)
    # the slider reports while dragged (checks follow it live); the text box on Enter
    assert arm.slider.continuous_update is True and arm.text.continuous_update is False
    assert arm.text.value == "150 mm"
    assert arm.label.tooltip == p.help and arm.text.tooltip == p.help
    assert isinstance(panel.form.fields["make"].input, widgets.Dropdown)
    assert isinstance(panel.form.fields["gusset"].input, widgets.Checkbox)


def test_text_in_any_unit_sets_the_exact_value(panel):
    width = panel.form.fields["width"]
    width.text.value = "3/4 in"
    assert width.error is None
    assert mm(panel.design.width) == pytest.approx(19.05, abs=1e-9)
    assert width.text.value == "19.05 mm"
    # outside the soft range (20..100 mm) but inside the hard bounds: the slider widens, on its grid
    assert width.slider.value == pytest.approx(19.05)
    assert (width.slider.min, width.slider.max) == (19.0, 100.0)
    assert not panel.stale and panel.evaluation.design == panel.design


@pytest.mark.parametrize(
    "text, message",
    [
        ("5 kg", 'arm: "5 kg" is a mass, expected a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("garbage", 'arm: "garbage" is not a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("900 mm", "arm: 900 mm is out of range; allowed 60 to 400 mm"),
    ],
)
def test_bad_text_is_refused_with_the_reason_and_nothing_moves(panel, text, message):
    arm = panel.form.fields["arm"]
    before, runs = panel.design, panel._builder.runs
    arm.text.value = text
    assert arm.error == message
    assert message in arm.message.value and "wb-error" in arm.message.value
    assert panel.design is before and panel.design.arm == Q_(150, "mm")
    assert arm.slider.value == 150 and (arm.slider.min, arm.slider.max) == (80, 300)  # not clamped
    assert arm.text.value == text  # kept as typed, to be corrected
    assert panel._builder.runs == runs  # a refused value builds nothing


def test_a_refusal_clears_when_a_good_value_is_typed(panel):
    arm = panel.form.fields["arm"]
    arm.text.value = "900 mm"
    arm.text.value = "8 in"
    assert arm.error is None and arm.message.value == ""
    assert mm(panel.design.arm) == pytest.approx(203.2, abs=1e-9)
    assert arm.text.value == "203.2 mm"


def test_value_above_the_soft_range_widens_the_slider_and_back(panel):
    arm = panel.form.fields["arm"]
    arm.text.value = "350 mm"
    assert panel.design.arm == Q_(350, "mm")
    assert (arm.slider.value, arm.slider.max) == (350, 350)
    arm.text.value = "150"  # a bare number is in the parameter's unit
    assert (arm.slider.value, arm.slider.min, arm.slider.max) == (150, 80, 300)


def test_slider_moves_set_the_design(panel):
    arm = panel.form.fields["arm"]
    arm.slider.value = 155
    assert panel.design.arm == Q_(155, "mm") and arm.text.value == "155 mm"


def test_slider_snapping_a_typed_value_to_its_grid_is_not_a_change(panel):
    width = panel.form.fields["width"]
    width.text.value = "19.05 mm"
    width.slider.value = 19.0  # what the browser sends back after snapping 19.05 to the 1 mm grid
    assert mm(panel.design.width) == pytest.approx(19.05, abs=1e-9)


def test_cross_field_rule_refuses_with_the_design_message(panel):
    field = panel.form.fields["hole_diameter"]
    with pytest.raises(WorkbenchError) as exc:
        panel.design.evolve(width="15 mm", hole_diameter="10 mm")
    panel.form.fields["width"].text.value = "15 mm"
    before = panel.design
    field.text.value = "10 mm"
    assert field.error == str(exc.value)
    assert field.error.startswith("bracket: hole diameter") and "half the width" in field.error
    assert panel.design is before


def test_visible_and_enabled_rules_apply_live(panel):
    fields = panel.form.fields
    assert fields["thickness"].box.layout.display is None
    assert fields["sheet"].box.layout.display == "none"
    fields["make"].input.value = "plywood"
    assert panel.design.make == "plywood"
    assert fields["thickness"].box.layout.display == "none"
    assert fields["sheet"].box.layout.display is None
    assert not fields["hole_diameter"].text.disabled
    fields["holes"].input.value = 0
    assert fields["hole_diameter"].text.disabled and fields["hole_diameter"].slider.disabled


def test_unit_system_switch_changes_the_shown_text_only(panel):
    runs = panel._builder.runs
    panel.context_form.units.value = "imperial"
    fields = panel.form.fields
    assert fields["arm"].text.value == "5 7/8″"  # 5.906 in to the default 1/16 in
    assert fields["load"].text.value.endswith("lbf")
    assert panel.design.arm == Q_(150, "mm") and panel._builder.runs == runs
    panel.context_form.units.value = "metric"
    assert fields["arm"].text.value == "150 mm"


def test_match_sheet_takes_nominal_or_actual(panel):
    sheets = panel.context.evolve(stock="us-customary").stock_catalog.sheets("plywood-birch")
    assert match_sheet(Q_(0.75, "in"), sheets).nominal == Q_(0.75, "in")
    assert match_sheet(Q_(23 / 32, "in"), sheets).nominal == Q_(0.75, "in")
    assert match_sheet(Q_(10, "mm"), sheets) is None


def test_a_group_with_every_field_hidden_is_hidden(probe_panel):
    form = probe_panel.form
    title = next(t for t, members in form._groups if t.value == "Shell")
    assert title.layout.display == "none" and form.fields["wall"].box.layout.display == "none"
    form.fields["hollow"].input.value = True
    assert title.layout.display is None and form.fields["wall"].box.layout.display is None


def test_inch_fraction_choice_shows_and_takes_fractions(panel):
    from workbench.units import get_inch_fraction, set_inch_fraction

    fields = panel.form.fields
    row = panel.context_form._fraction_row
    assert row.layout.display == "none"  # metric: no inch fractions to choose
    panel.context_form.units.value = "imperial"
    assert row.layout.display is None
    try:
        panel.context_form.inch_fraction.value = 32
        assert get_inch_fraction() == 32
        assert fields["arm"].text.value == "5 29/32″"  # 150 mm = 5.906 in; × 32 = 189.0
        runs = panel._builder.runs
        fields["arm"].text.value = "1′ 2 1/2″"  # the text box takes what a shop writes
        assert fields["arm"].error is None
        assert panel.design.arm.to("in").magnitude == pytest.approx(14.5)
        assert panel._builder.runs == runs + 1
    finally:
        set_inch_fraction(16)
