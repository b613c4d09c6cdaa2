"""Notebook display (issue 18): an Evaluation and a check result show as compact HTML tables, and
their plain repr is one line (it was a 12,000-character dataclass dump)."""

from __future__ import annotations

import html
import re

import workbench as wb
from workbench.checks.result import CheckResult, Status
from workbench.context import Context
from workbench.units import Q_


def _cells(page: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", page)
    return [[html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)] for r in rows]


def test_a_failing_evaluation_is_one_line_and_a_coloured_table() -> None:
    ev = wb.evaluate(wb.design("bracket"), Context(climate="hot-arid"))
    failed = [c.name for c in ev.checks if c.status is Status.FAIL]
    assert failed, "PLA in a hot-arid climate is expected to fail its softening check"
    line = repr(ev)
    assert "\n" not in line and len(line) < 200
    counts = {s: sum(1 for c in ev.checks if c.status.value == s) for s in ("pass", "warn", "fail")}
    assert line.startswith(f"<Evaluation bracket {ev.design.version}: FAIL, {len(ev.checks)} checks (")
    assert f"{counts['fail']} fail" in line and line.endswith(" kg>")
    page = ev._repr_html_()
    assert "<script" not in page and "<style" not in page
    rows = _cells(page)
    assert rows[0] == ["status", "check", "utilisation", "value", "limit"]
    assert [r[1] for r in rows[1:]] == [c.name for c in ev.checks]
    fail_row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page) if f">{failed[0]}<" in r)
    assert "background:#f8d4d4" in fail_row and ">FAIL<" in fail_row
    assert "hot-arid" in page and "<b>FAIL</b>" in page
    assert len(page) < 6000


def test_a_check_result_shows_its_numbers_message_and_reference() -> None:
    c = CheckResult.compare("arm bending", Q_(12, "MPa"), Q_(20, "MPa"), message="Stress < strength.",
                            reference="EN 1995-1-1 6.1.6")
    assert repr(c) == "<CheckResult arm bending: PASS, utilisation 0.60 (12 MPa of 20 MPa)>"
    page = c._repr_html_()
    assert _cells(page) == [["status", "check", "utilisation", "value", "limit"],
                            ["pass", "arm bending", "0.60", "12 MPa", "20 MPa"]]
    assert "Stress &lt; strength. [EN 1995-1-1 6.1.6]" in page
    missing = CheckResult.missing("board sag", "a modulus for pine")
    assert repr(missing) == "<CheckResult board sag: WARN, utilisation n/a>"
