"""The local-context form: materials per role, stock catalogs and the sheets they offer."""

from __future__ import annotations

import pytest

from workbench.context import materials, stock_catalog
from workbench.ui.form import option_label
from workbench.units import UnitSystem


def test_material_dropdowns_offer_what_suits_each_role(panel):
    roles = type(panel.design).roles
    for role, dd in panel.context_form.roles.items():
        offered = {value for _, value in dd.options}
        suiting = {k for k, m in materials().items() if m.suits(roles[role].process)}
        assert offered == suiting and dd.value == roles[role].default
    assert "pla" in {v for _, v in panel.context_form.roles["printed"].options}
    assert "pla" not in {v for _, v in panel.context_form.roles["plate"].options}


def test_context_follows_the_dropdowns(panel):
    cf = panel.context_form
    cf.lists["climate"].value = "hot-arid"
    cf.lists["workshop"].value = "prusa-mk4"
    cf.roles["printed"].value = "petg"
    assert panel.context.climate == "hot-arid" and panel.context.workshop == "prusa-mk4"
    assert panel.context.roles["printed"] == "petg"
    assert panel.evaluation.resolved.materials["printed"].id == "petg"
    assert not panel.stale


@pytest.mark.parametrize("material", ["plywood-birch", "plywood-softwood"])
def test_switching_catalog_changes_the_offered_sheets(panel, material):
    panel.form.fields["make"].input.value = "plywood"
    panel.context_form.roles["plate"].value = material
    sheet = panel.form.fields["sheet"]
    for catalog in ("eu-metric", "us-customary"):
        panel.context_form.stock.value = catalog
        items = stock_catalog(catalog).sheets(material)
        assert sheet.input.options == tuple(
            (option_label(i, UnitSystem.METRIC), i.id) for i in items
        )
    # US plywood is sold by nominal size and is thinner: both are shown
    labels = [label for label, _ in sheet.input.options]
    assert "23/32 in plywood (sold as 3/4 in) — actual 18.26 mm" in labels


def test_eu_and_us_sheets_differ_and_picking_one_sets_the_nominal_thickness(panel):
    panel.form.fields["make"].input.value = "plywood"
    sheet = panel.form.fields["sheet"]
    eu = [v for _, v in sheet.input.options]
    assert sheet.input.value == "birch-18"
    panel.context_form.stock.value = "us-customary"
    us = [v for _, v in sheet.input.options]
    assert set(eu).isdisjoint(us)
    assert sheet.input.value == "ply-23-32"  # 18 mm is within reach of 23/32 in actual
    sheet.input.value = "ply-15-32"
    assert panel.design.sheet.to("in").magnitude == pytest.approx(0.5)  # nominal 1/2 in
    assert panel.evaluation.resolved.sheet.to("in").magnitude == pytest.approx(15 / 32)
    panel.context_form.units.value = "imperial"
    labels = [label for label, _ in sheet.input.options]
    assert "15/32 in plywood (sold as 1/2 in) — actual 0.4688 in" in labels


def test_a_catalog_without_the_sheet_says_so_and_the_design_still_opens(panel):
    """Opening never fails for want of local stock (issue 12): the form keeps the value, the
    checks say it is not sold, the banner offers Adapt."""
    panel.form.fields["make"].input.value = "plywood"
    panel.context_form.stock.value = "india"
    sheet = panel.form.fields["sheet"]
    assert sheet.input.options == () and sheet.input.value is None
    assert sheet.note == "India stock sells no Birch plywood sheet"
    assert panel.error is None and not panel.stale
    failing = {c.name: c.message for c in panel.evaluation.checks if c.status.value == "fail"}
    assert failing["sold locally: sheet"].startswith("18 mm birch plywood is not sold in india stock")
    assert panel.adapt_view.top.layout.display is None  # the banner is shown
    assert "sold locally: Plywood thickness" in panel.adapt_view.banner.value
    panel.context_form.stock.value = "eu-metric"
    assert panel.error is None and not panel.stale and sheet.note is None
    assert panel.adapt_view.top.layout.display == "none"
