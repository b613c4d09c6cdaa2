"""A check's sentence speaks the unit system of its value column (issue 17.5): checks carry a
template and named quantities, formatted at the edge (`CheckResult.render`)."""

import re

import pytest

from workbench.checks import (
    beams, columns, connections, fabrication, fasteners, moisture, plastics, ropes, stability,
    thermal,
)
from workbench.checks._common import _words
from workbench.checks.result import CheckResult, Status
from workbench.checks.sections import rectangle, round_tube
from workbench.units import Q_

_METRIC_UNITS = re.compile(r"\d (MPa|N|mm|kN|°C|K)\b")


def _bending() -> CheckResult:
    # 200 N at mid-span of 300 mm on 40 × 18 mm: σ = (200·300/4)/(40·18²/6) = 6.944 MPa
    return beams.bending_stress_check(
        Q_(300, "mm"), Q_(200, "N"), rectangle(Q_(40, "mm"), Q_(18, "mm")), Q_(10, "MPa")
    )


def test_bending_sentence_in_imperial_speaks_psi_and_lbf() -> None:
    r = _bending()
    assert r.message == (
        "The simply supported beam is stressed to 6.94 MPa under 200 N at mid-span; "
        "the material allows 10 MPa."
    )  # the metric sentence is kept as it was
    assert r.render("imperial") == (
        "The simply supported beam is stressed to 1007 psi under 44.96 lbf at mid-span; "
        "the material allows 1450 psi."
    )  # 6.944 MPa / 6894.757 Pa/psi = 1007 psi; 200 N / 4.448222 N/lbf = 44.96 lbf
    assert r.message_system == "metric"
    assert r.render("metric") == r.message  # the sentence already speaks metric
    assert r.render("metric", "es") == (  # the Spanish template (workbench/locale/es)
        "La viga simplemente apoyada trabaja a 6,944 MPa bajo 200 N en el centro del vano; "
        "el material admite 10 MPa."
    )


def test_imperial_inputs_render_metric_for_a_metric_reader() -> None:
    r = beams.bending_stress_check(
        Q_(300 / 25.4, "in"), Q_(200 / 4.4482216152605, "lbf"),
        rectangle(Q_(40, "mm"), Q_(18, "mm")), Q_(10e6 / 6894.757293168, "psi"),
    )
    assert "psi" in r.message  # the check speaks its inputs' units
    shown = r.render("metric")
    assert "6.944 MPa" in shown and "200 N" in shown and "psi" not in shown


@pytest.mark.parametrize(
    "result, imperial_words",
    [
        (beams.deflection_check(Q_(800, "mm"), Q_(0.5, "N/mm"), Q_(9000, "MPa"),
                                rectangle(Q_(250, "mm"), Q_(18, "mm")), loading="uniform"),
         ("in", "lbf/in")),
        (columns.buckling_check(Q_(5, "kN"), Q_(200000, "MPa"),
                                round_tube(Q_(33.7, "mm"), Q_(2.6, "mm")), Q_(235, "MPa"),
                                Q_(1500, "mm")),
         ("lbf",)),
        (fasteners.bolt_shear_check(Q_(10, "kN"), "M12", "8.8"), ("lbf",)),
        (connections.fixing_check(Q_(300, "N"), Q_(200, "N"), Q_(1000, "N"), basis="test",
                                  reference="test"), ("lbf",)),
        (plastics.softening_check(Q_(35, "degC"), Q_(55, "degC")), ("°F",)),
        (stability.tipping_check(Q_(300, "N"), Q_(200, "mm"), Q_(50, "N"), Q_(1200, "mm")),
         ("lbf", "in")),
        (fabrication.min_wall_check(Q_(8, "mm"), Q_(0.4, "mm")), ("in",)),
        (fabrication.bed_fit_check(Q_(150, "mm"), Q_(150, "mm"), Q_(40, "mm"), Q_(250, "mm"),
                                   Q_(210, "mm"), Q_(220, "mm")), ("in",)),
        (fabrication.sheet_fit_check(Q_(600, "mm"), Q_(300, "mm"), Q_(2440, "mm"),
                                     Q_(1220, "mm")), ("in",)),
        (thermal.expansion_gap_check(Q_(70e-6, "1/K"), Q_(1000, "mm"), Q_(3, "mm"),
                                     Q_(20, "degC"), Q_(60, "degC")), ("in", "°F")),
        (moisture.wood_movement_check(Q_(300, "mm"), 0.00369, Q_(6, "percent"),
                                      Q_(12, "percent"), Q_(5, "mm")), ("in",)),
    ],
    ids=["deflection", "column", "bolt", "fixing", "softening", "tip-over", "wall", "bed", "sheet",
         "expansion", "wood movement"],
)
def test_converted_checks_render_imperial_without_metric_units(result, imperial_words) -> None:
    assert result.template and result.quantities
    shown = result.render("imperial")
    for word in imperial_words:
        assert re.search(rf"\d {re.escape(word)}\b", shown), (word, shown)
    assert not _METRIC_UNITS.search(shown), shown


def test_softening_in_fahrenheit() -> None:
    r = plastics.softening_check(Q_(35, "degC"), Q_(55, "degC"))
    assert r.render("imperial") == (
        "Shade or indoors at 95 °F air, the part reaches 95 °F; it should stay below 113 °F "
        "(18 °F under its 131 °F softening point)."
    )  # °F = °C × 9/5 + 32; a 10 K margin is 18 °F


def test_a_check_without_template_renders_its_message() -> None:
    r = CheckResult("x", Status.PASS, 0.5, None, None, "plain words", "ref")
    assert r.render("imperial") == "plain words"


def test_words_refuses_a_template_with_unnamed_fields() -> None:
    with pytest.raises(KeyError, match="template names"):
        _words("stressed to {stress}", strain=Q_(1, "MPa"))


def test_check_row_sentence_follows_the_unit_system() -> None:
    from workbench.ui.checks_view import check_row

    row = check_row(_bending(), "imperial")
    assert "stressed to 1007 psi under 44.96 lbf" in row and "MPa" not in row


def test_bed_fit_keeps_its_metric_sentence_and_renders_inches() -> None:
    r = fabrication.bed_fit_check(Q_(150, "mm"), Q_(150, "mm"), Q_(40, "mm"), Q_(250, "mm"),
                                  Q_(210, "mm"), Q_(220, "mm"))
    assert r.message == "On the 250 × 210 × 220 mm printer, the 150 × 150 × 40 mm part fits."
    assert r.render("imperial") == (  # 250 mm / 25.4 = 9.843 in, 150 mm = 5.906 in
        "On the 9.843 in × 8.268 in × 8.661 in printer, the 5.906 in × 5.906 in × 1.575 in part "
        "fits."
    )


def test_rope_forces_in_lbf_and_its_size_as_sold() -> None:
    r = ropes.rope_tension_check(Q_(500, "N"), Q_(10, "mm"))
    # 500 N = 112.4 lbf; breaking 10.8 kN = 2428 lbf; safe 900 N = 202.3 lbf. The rope keeps
    # the metric size it is sold by ("10 mm polypropylene"), as the catalog names it.
    assert r.render("imperial") == (
        "The rope pulls 112.4 lbf on the tight side; 10 mm polypropylene breaks at 2428 lbf, "
        "safe load 202.3 lbf (factor 12)."
    )
