"""Every shipped data file loads, and every number in it has a unit and a source."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Optional

import pytest

from workbench.context import (
    MATERIALS_DIR, Climate, MaterialKind, climates, materials, stock_catalogs, workshops,
)

FILES = sorted(MATERIALS_DIR.rglob("*.toml"))
NUMBER = re.compile(r"^\s*[-+]?(\d|\.\d)")
TEXT_KEYS = {
    "sources", "source", "label", "name", "description", "standard", "region", "currency",
    "units", "kind", "shape", "materials", "processes",
}
REQUIRED_MATERIALS = {
    "c16", "c24", "plywood-birch", "plywood-softwood", "mdf", "bamboo", "steel-s235",
    "aluminium-6061", "pla", "petg", "abs", "asa", "nylon", "hdpe-recycled",
}


def test_there_are_data_files() -> None:
    names = {p.relative_to(MATERIALS_DIR).as_posix() for p in FILES}
    assert {"materials.toml", "workshops.toml", "stock/eu-metric.toml"} <= names
    assert {"stock/us-customary.toml", "stock/india.toml"} <= names
    assert len([n for n in names if n.startswith("climate/")]) >= 5


def test_every_file_loads() -> None:
    assert REQUIRED_MATERIALS <= set(materials())
    assert {"eu-metric", "us-customary", "india", "east-africa"} <= set(stock_catalogs())
    assert {"humid-tropical", "hot-arid", "temperate-oceanic", "cold-continental", "highland"} <= set(
        climates()
    )
    assert {"fablab-laser", "cnc-router", "prusa-mk4", "ender3", "generic-makerspace"} <= set(
        workshops()
    )


def _walk(node: Any, source: Optional[str], sources: dict, where: str, problems: list) -> None:
    if isinstance(node, dict):
        source = node.get("source", source)
        if "value" in node:
            _walk(node["value"], source, sources, where, problems)
            return
        for key, value in node.items():
            if key not in TEXT_KEYS:
                _walk(value, source, sources, f"{where}.{key}", problems)
    elif isinstance(node, list):
        for n, value in enumerate(node):
            _walk(value, source, sources, f"{where}[{n}]", problems)
    elif isinstance(node, bool):
        return
    elif isinstance(node, (int, float)):
        problems.append(f"{where}: bare number {node!r} (write it as a string with its unit)")
    elif isinstance(node, str) and NUMBER.match(node):
        if source is None:
            problems.append(f"{where}: {node!r} has no source")
        elif source not in sources:
            problems.append(f"{where}: source {source!r} not in [sources]")
        elif not re.search(r"[a-zA-Zµ%°]", node) and "k_def" not in where:
            problems.append(f"{where}: {node!r} has no unit")  # only creep factors are unitless


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(MATERIALS_DIR).as_posix())
def test_every_number_has_a_unit_and_a_source(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sources = data.get("sources", {})
    assert sources, f"{path.name} has no [sources]"
    assert all(isinstance(v, str) and len(v) > 20 for v in sources.values()), "citations are full text"
    problems: list[str] = []
    _walk(data, data.get("source"), sources, path.stem, problems)
    assert problems == []


def test_every_cited_source_is_used_and_properties_carry_their_citation() -> None:
    for m in materials().values():
        assert m.processes and isinstance(m.kind, MaterialKind)
        for prop in ("density", "E", "hdt", "carbon", "yield_strength", "alpha"):
            if getattr(m, prop) is not None:
                assert m.sources[prop], f"{m.id}.{prop} has no citation"


def test_material_values_are_typed_quantities() -> None:
    pla = materials()["pla"]
    assert pla.density.to("kg/m^3").magnitude == pytest.approx(1240)
    assert pla.hdt.to("degC").magnitude == pytest.approx(55)
    assert "Prusament PLA" in pla.sources["hdt"]
    c24 = materials()["c24"]
    assert c24.E.to("MPa").magnitude == pytest.approx(11000)
    assert c24.bending_strength.to("MPa").magnitude == pytest.approx(24)
    assert c24.k_def(1) == pytest.approx(0.6) and c24.k_def(3) == pytest.approx(2.0)
    steel = materials()["steel-s235"]
    assert steel.alpha.to("1/K").magnitude == pytest.approx(12e-6)
    assert steel.suits("frame") and not steel.suits("print")
    assert materials()["petg"].hdt > materials()["pla"].hdt


def test_climates_have_sourced_values() -> None:
    for c in climates().values():
        assert isinstance(c, Climate) and c.koppen and c.sources["koppen"]
        assert c.t_max is not None or c.t_mean_max is not None
        for key in ("t_min", "t_max", "rh_min", "snow_load", "wind_speed"):
            if getattr(c, key) is not None:
                assert c.sources[key]
    phoenix = climates()["hot-arid"]
    assert phoenix.t_max.to("degC").magnitude == pytest.approx(49.8)
    assert phoenix.solar is not None and phoenix.solar.value == "very-high"
    nl = climates()["temperate-oceanic"]
    assert nl.snow_load.to("kN/m^2").magnitude == pytest.approx(0.7)
    assert nl.wind_speed.to("m/s").magnitude == pytest.approx(27.0) and nl.wind_basis.value == "10min-mean"
    assert climates()["cold-continental"].s_k.to("kN/m^2").magnitude == pytest.approx(2.394, abs=1e-3)


def test_workshops() -> None:
    ws = workshops()
    assert ws["prusa-mk4"].bed[0].to("mm").magnitude == 250 and ws["prusa-mk4"].nozzle.to("mm").magnitude == 0.4
    assert ws["ender3"].bed[2].to("mm").magnitude == 250
    assert ws["cnc-router"].kerf == ws["cnc-router"].cnc_tool_diameter
    assert ws["fablab-laser"].kerf.to("mm").magnitude == pytest.approx(0.2)
    g = ws["generic-makerspace"]
    assert g.can_print and g.can_cut and g.sheet[0].to("mm").magnitude == 2440


def test_printable_plastics_have_the_values_print_checks_need() -> None:
    # A printed part is checked for stiffness, strength and softening: each needs a number.
    for m in materials().values():
        if not m.suits("print"):
            continue
        assert m.hdt is not None and m.tg is not None, m.id
        assert m.tensile_strength is not None or m.yield_strength is not None, m.id
        assert m.E is not None or m.flexural_modulus is not None, m.id
        if m.tensile_strength is not None and m.yield_strength is not None:
            assert m.tensile_strength >= m.yield_strength, m.id  # sigma_M is never below sigma_y


def test_creep_factors_grow_with_moisture_and_panels_creep_more_than_timber() -> None:
    found = materials()
    for m in found.values():
        ks = [m.k_def(sc) for sc in (1, 2, 3)]
        known = [k for k in ks if k is not None]
        assert known == sorted(known), f"{m.id}: k_def must not fall as service class rises: {ks}"
    # EN 1995-1-1 Table 3.2: solid timber 0.6 < plywood 0.8 < MDF 2.25 in service class 1.
    assert found["c24"].k_def(1) < found["plywood-birch"].k_def(1) < found["mdf"].k_def(1)
    assert found["mdf"].k_def(3) is None  # MDF is not allowed outdoors: no value, not a guess


def test_birch_plywood_values_say_what_kind_of_value_they_are() -> None:
    birch = materials()["plywood-birch"]
    assert birch.E.to("MPa").magnitude == pytest.approx(10048)
    assert birch.bending_strength.to("MPa").magnitude == pytest.approx(40.2)
    assert "CHARACTERISTIC" in birch.sources["bending_strength"] and "MEAN" in birch.sources["E"]
