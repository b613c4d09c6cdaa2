"""The generic design test: every discovered design, in two stock regions, built at its defaults and
at every corner of its hard bounds (flags and choices in every combination); one valid solid per part,
bounding box and volume equal to the design's analytic expectation. Shares `workbench.validate`
with the `workbench validate` command.
"""

import pytest

from workbench import catalog
from workbench.context import Context
from workbench.validate import validate_design

DESIGNS = sorted(catalog.entries())


def test_designs_are_discovered() -> None:
    assert "bracket" in DESIGNS
    assert catalog.problems() == ()


@pytest.mark.parametrize("stock", ["eu-metric", "us-customary"])
@pytest.mark.parametrize("design_id", DESIGNS)
def test_design_builds_over_its_corners(design_id: str, stock: str) -> None:
    report = validate_design(catalog.get(design_id), Context(stock=stock))
    assert report.ok, "\n".join(report.failures[:10])
    assert report.built >= 8
    for message in report.refused:
        assert "\n" not in message and message.startswith(f"{design_id}: ")
