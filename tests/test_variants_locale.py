"""Variant files write decimals with "." whatever language the reader types in (issue 17.3)."""

from pathlib import Path

import pytest

from workbench.units import using_locale
from workbench.variants import load_variant

_US = Path(__file__).resolve().parents[1] / "designs/plywood-shelf/variants/us-23-32.toml"


def test_a_variant_with_three_decimals_loads_in_a_comma_locale(tmp_path: Path) -> None:
    text = _US.read_text(encoding="utf-8").replace('overhang = "1.5 in"', 'overhang = "1.125 in"')
    assert 'overhang = "1.125 in"' in text
    path = tmp_path / "us-overhang.toml"
    path.write_text(text, encoding="utf-8")
    with using_locale("es"):  # typed, "1.125" would be refused as 1125-or-1,125
        design = load_variant(path).design()
    assert design.overhang.to("in").magnitude == pytest.approx(1.125)
