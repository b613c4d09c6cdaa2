"""The verdict rule (issue 13, point 5): a load-bearing check that cannot run never gives PASS.

For every design: with the data of every material it uses emptied, its load-bearing checks cannot
run, and the verdict is "unverified" in the evaluation, the CLI table, the JSON, the report and the
bundle's README; with a warning the verdict is WARN, with a failure FAIL.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

import workbench as wb
from workbench.checks.result import CheckResult, Status, Verdict, verdict
from workbench.context import Context
from workbench.context.materials import PROPERTIES
from workbench.evaluate import Evaluation
from workbench.report import check_table, evaluation_dict, markdown_report
from workbench.units import Q_

DESIGNS = ["bracket", "plywood-shelf", "pipe-adapter", "hdpe-planter", "steel-workbench",
           "raised-bed"]


def _ran(name: str, status: Status, *, load_bearing: bool = True) -> CheckResult:
    u = {Status.PASS: 0.5, Status.WARN: 0.95, Status.FAIL: 1.5}[status]
    return CheckResult(name, status, u, Q_(u, "MPa"), Q_(1, "MPa"), "m", "r", load_bearing)


def test_verdict_rule_on_results() -> None:
    gap = CheckResult.missing("bolt", "a strength for X")
    assert gap.load_bearing and not gap.ran and gap.lacks == "strength for X"  # article dropped
    assert math.isnan(gap.utilisation)
    assert verdict([_ran("a", Status.PASS)]) is Verdict.PASS
    assert verdict([_ran("a", Status.PASS), gap]) is Verdict.UNVERIFIED
    assert verdict([_ran("a", Status.FAIL), gap]) is Verdict.FAIL
    soft = CheckResult.missing("movement", "a coefficient", load_bearing=False)
    assert verdict([_ran("a", Status.PASS), soft]) is Verdict.WARN  # a gap, not a structural one
    assert verdict([]) is Verdict.PASS


def _emptied(ev: Evaluation) -> Evaluation:
    """The evaluation's checks rerun with every numeric property of every material removed."""
    blank = {k: None for k in PROPERTIES}
    mats = {role: dataclasses.replace(m, **blank) for role, m in ev.resolved.materials.items()}
    r = dataclasses.replace(ev.resolved, materials=mats)
    checks = tuple(ev.design.checks(r, r.context, ev.geometry))
    return Evaluation(r, ev.geometry, checks, ev.parts)


@pytest.mark.parametrize("design_id", DESIGNS)
def test_no_pass_over_a_load_bearing_check_that_cannot_run(design_id: str) -> None:
    ev = wb.evaluate(wb.design(design_id), Context())
    empty = _emptied(ev)
    assert empty.status == "unverified"
    gaps = empty.unverified
    assert gaps and all(c.load_bearing and c.lacks for c in gaps)
    note = empty.unverified_note
    assert note.startswith("Not verified: load-bearing checks could not run: ")
    assert f"{gaps[0].name} (needs {gaps[0].lacks})" in note
    table = check_table(empty)
    assert "verdict: UNVERIFIED" in table and note in table
    data = evaluation_dict(empty)
    assert data["status"] == "unverified"
    assert {u["name"] for u in data["unverified"]} == {c.name for c in gaps}
    assert "Verdict: UNVERIFIED." in markdown_report(empty) and note in markdown_report(empty)
    # at defaults the verdict follows the same rule
    expected = verdict(ev.checks).value
    assert ev.status == expected
    if any(c.load_bearing and not c.ran for c in ev.checks):
        assert ev.status in ("unverified", "fail")


def test_bundle_readme_says_unverified() -> None:
    from types import SimpleNamespace

    from workbench.bundle.readme import _conditions
    from workbench.units import UnitSystem

    ev = wb.evaluate(wb.design("hdpe-planter"), Context())
    assert ev.status == "unverified"
    lines = _conditions(SimpleNamespace(ev=ev, units=UnitSystem.METRIC))
    assert any("**UNVERIFIED**" in line for line in lines)
    assert f"**{ev.unverified_note}**" in lines


@pytest.mark.parametrize("design_id", DESIGNS)
def test_readme_says_what_the_checks_cover_and_the_panel_links_it(design_id: str) -> None:
    import sys
    from pathlib import Path

    from workbench.ui.checks_view import coverage_link, render_summary
    from workbench.units import UnitSystem

    d = wb.design(design_id)
    readme = Path(sys.modules[type(d).__module__].__file__).with_name("README.md").read_text()
    section = readme.split("## What the checks cover\n", 1)[1].split("\n## ", 1)[0]
    assert "| failure mode | checked by | not checked (and why) |" in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) >= 5  # the header and at least four failure modes
    # every check the design runs at defaults is named in the README
    ev = wb.evaluate(d, Context(), build=False)
    for c in ev.checks:  # by its name, or the last two words of it ("pump socket depth")
        words = c.name.split(" (")[0].split()
        assert c.name in readme or " ".join(words[-2:]) in readme, c.name
    link = coverage_link(d)
    assert link.endswith('README.md#what-the-checks-cover" target="_blank">what the checks cover</a>')
    assert link in render_summary(ev, UnitSystem.METRIC)


@pytest.mark.parametrize("design_id", DESIGNS)
def test_readme_defaults_match_the_code(design_id: str) -> None:
    """Issue 13: the bracket's README said 6 mm and 200 N where the code had 8 mm and 100 N."""
    import re
    import sys
    from pathlib import Path

    from workbench.stockparams import StockPick

    d = wb.design(design_id)
    cls = type(d)
    readme = Path(sys.modules[cls.__module__].__file__).with_name("README.md").read_text()
    params = cls.params()
    seen = 0
    for line in readme.splitlines():
        m = re.match(r"\| `(\w+)` \| [^|]* \| ([^|]*) \|", line)
        if not m or m.group(1) not in params or isinstance(params[m.group(1)], StockPick):
            continue
        shown = m.group(2).strip().lower().replace(", ", "-")
        shown = {"yes": "true", "no": "false"}.get(shown, shown)
        code = params[m.group(1)].to_text(d.values[m.group(1)]).lower()
        assert shown.startswith(code), f"{m.group(1)}: README {shown!r}, code {code!r}"
        seen += 1
    assert seen >= 6
