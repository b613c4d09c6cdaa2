"""`workbench check --units imperial`: the sentences speak the value column's units, and
lengths a shop measures are in fractions of an inch to the precision asked (issue 17)."""

import pytest

from workbench.cli import main
from workbench.units import InchFraction, get_inch_fraction, set_inch_fraction


@pytest.fixture(autouse=True)
def _restore_fraction():
    before = get_inch_fraction()
    yield
    set_inch_fraction(before)


def test_imperial_check_sentences_use_psi_and_lbf(capsys) -> None:
    assert main(["check", "bracket", "--units", "imperial"]) == 0
    out = capsys.readouterr().out
    bending = next(line for line in out.splitlines() if line.startswith("- arm bending:"))
    assert "stressed to 965.4 psi under 22.48 lbf at the tip; the material allows 2466 psi" in bending
    assert "MPa" not in bending and " N " not in bending
    # the bracket (150 mm arm) on a 210 mm bed: 5.906 in → 5 7/8″, 8.268 in → 8 1/4″ at 1/16
    assert "PASS    fits printer bed  0.71   5 7/8″       8 1/4″" in out


def test_inch_fraction_option(capsys) -> None:
    assert main(["check", "bracket", "--units", "imperial", "--inch-fraction", "32"]) == 0
    out = capsys.readouterr().out
    assert "5 29/32″" in out and "8 9/32″" in out  # 5.906 × 32 = 189.0; 8.268 × 32 = 264.6 → 265
    assert get_inch_fraction() is InchFraction.THIRTY_SECOND


def test_inch_fraction_refuses_other_denominators(capsys) -> None:
    assert main(["check", "bracket", "--units", "imperial", "--inch-fraction", "10"]) == 2
    assert "argument --inch-fraction: invalid choice: 10 (choose from 16, 32, 64)" in (
        capsys.readouterr().err)


def test_json_carries_the_message_template_and_its_quantities(capsys) -> None:
    import json

    assert main(["check", "bracket", "--json"]) == 0
    bending = next(c for c in json.loads(capsys.readouterr().out)["checks"]
                   if c["name"] == "arm bending")
    assert bending["template"] == (
        "The {support} beam is stressed to {stress} under {load} at the tip; "
        "the material allows {allowable}."
    )
    assert bending["quantities"]["load"] == {"value": 100.0, "unit": "N"}
    assert bending["quantities"]["support"] == "cantilever"


def test_markdown_report_in_imperial_explains_in_psi() -> None:
    import workbench as wb
    from workbench.context import Context
    from workbench.report import markdown_report

    ev = wb.evaluate(wb.design("bracket"), Context())
    text = markdown_report(ev, "imperial")
    assert ("what it means: The cantilever beam is stressed to 965.4 psi under 22.48 lbf at the "
            "tip; the material allows 2466 psi.") in text
    assert "stressed to 6.66 MPa" in markdown_report(ev, "metric")  # the check's own sentence
