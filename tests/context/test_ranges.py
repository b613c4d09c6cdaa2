"""Every data value is range-checked at load, with the file and key named (issue 19, point 8).

A density of 0 or below used to load (mass 0, verdict PASS); a negative, NaN or infinite modulus
and `materials.toml` made a folder gave no file and key. Each rule here has one exact message.
"""

from __future__ import annotations

from typing import Callable

import pytest

from tests.context.conftest import MINIMAL_MATERIALS
from workbench.context import Context, climate, materials, stock_catalog, stock_catalogs, workshop
from workbench.errors import DataError

PLA = "materials/materials.toml: pla"


def error_of(call: Callable[[], object]) -> str:
    with pytest.raises(DataError) as err:
        call()
    msg = str(err.value)
    assert "\n" not in msg
    return msg


def with_props(extra: str, density: str = '"1.24 g/cm^3"') -> str:
    """The minimal materials file with `density` replaced and `extra` lines (source "tds")."""
    text = MINIMAL_MATERIALS.replace('"1.24 g/cm^3"', density)
    return text + "".join(
        f'{line.split("=", 1)[0].strip()} = {{ value = {line.split("=", 1)[1].strip()}, source = "tds" }}\n'
        for line in extra.splitlines() if line.strip()
    )


@pytest.mark.parametrize(
    ("density", "why"),
    [
        ('"0 kg/m^3"', '"0 kg/m^3" must be above 0 kg/m³'),
        ('"-1.24 g/cm^3"', '"-1.24 g/cm^3" must be above 0 kg/m³'),
        ('"nan kg/m^3"', '"nan kg/m^3" is not a finite number'),
    ],
)
def test_density_must_be_positive_and_finite(minimal, density: str, why: str) -> None:
    minimal(with_props("", density=density))
    assert error_of(materials) == f"{PLA}.density: {why}"


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('E = "-3100 MPa"', 'E: "-3100 MPa" must be above 0 MPa'),
        ('E = "0 GPa"', 'E: "0 GPa" must be above 0 MPa'),
        ('E = "nan MPa"', 'E: "nan MPa" is not a finite number'),
        ('E = "inf MPa"', 'E: "inf MPa" is not a finite number'),
        ('E = "1e400 MPa"', 'E: "1e400 MPa" is not a finite number'),
        ('flexural_modulus = "-1 GPa"', 'flexural_modulus: "-1 GPa" must be above 0 MPa'),
        ('tensile_strength = "-51 MPa"', 'tensile_strength: "-51 MPa" must be above 0 MPa'),
        ('alpha = "0 µm/m/K"', 'alpha: "0 µm/m/K" must be above 0 1/K'),
        ('hdt = "-300 degC"', 'hdt: "-300 degC" must be above -273.15 °C'),
        ('k_def_sc1 = -0.6', "k_def_sc1: -0.6 must be at least 0"),
        ("k_def_sc1 = nan", "k_def_sc1: nan is not a finite number"),
        ("k_def_sc2 = inf", "k_def_sc2: inf is not a finite number"),
        ('shrink_tangential = "-0.00338 / percent"', 'shrink_tangential: "-0.00338 / percent" must be above 0 1/%'),
        ('carbon = "-1 kgCO2e/kg"', 'carbon: "-1 kgCO2e/kg" must be at least 0 kgCO2e/kg'),
        ('price = "-3 EUR/kg"', 'price: "-3 EUR/kg" must be above 0'),
    ],
)
def test_material_property_ranges(minimal, line: str, why: str) -> None:
    minimal(with_props(line))
    assert error_of(materials) == f"{PLA}.{why}"


def test_characteristic_density_not_above_mean_and_yield_not_above_tensile(minimal) -> None:
    minimal(with_props('density_k = "1300 kg/m^3"'))
    assert error_of(materials) == f"{PLA}.density_k: 1300 kg/m³ is above density 1240 kg/m³"
    minimal(with_props('yield_strength = "60 MPa"\ntensile_strength = "51 MPa"'))
    assert error_of(materials) == f"{PLA}.yield_strength: 60 MPa is above tensile_strength 51 MPa"


def test_materials_file_made_a_folder(minimal) -> None:
    folder = minimal()
    (folder / "materials.toml").unlink()
    (folder / "materials.toml").mkdir()
    assert error_of(materials) == "materials/materials.toml: is a folder, expected a TOML file"
    assert error_of(lambda: Context(stock="t").key()) == (
        "materials/materials.toml: is a folder, expected a TOML file"
    )


def test_stock_and_climate_files_made_folders(minimal) -> None:
    folder = minimal()
    (folder / "stock" / "t.toml").mkdir(parents=True)
    (folder / "climate" / "c.toml").mkdir(parents=True)
    assert error_of(lambda: stock_catalog("t")) == "materials/stock/t.toml: is a folder, expected a TOML file"
    assert error_of(stock_catalogs) == "materials/stock/t.toml: is a folder, expected a TOML file"
    assert error_of(lambda: climate("c")) == "materials/climate/c.toml: is a folder, expected a TOML file"


def test_unreadable_file_is_one_line(minimal) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    folder = minimal()
    (folder / "materials.toml").chmod(0)
    try:
        assert error_of(materials) == "materials/materials.toml: cannot be read: Permission denied"
    finally:
        (folder / "materials.toml").chmod(0o644)


STOCK = """\
name = "Test"
region = "Nowhere"
currency = "EUR"

[sources]
shop = "A named shop catalog, 2025"

[{group}.x]
label = "x"
materials = ["pla"]
source = "shop"
{body}
"""


@pytest.mark.parametrize(
    ("group", "body", "why"),
    [
        ("sheet", 'actual = { thickness = "0 mm" }', 'sheet.x.actual.thickness: "0 mm" must be above 0 mm'),
        ("sheet", 'actual = { thickness = "-18 mm" }', 'sheet.x.actual.thickness: "-18 mm" must be above 0 mm'),
        ("sheet", 'actual = { thickness = "nan mm" }', 'sheet.x.actual.thickness: "nan mm" is not a finite number'),
        ("sheet", 'actual = { thickness = "18 mm", thickness_min = "18.5 mm" }',
         "sheet.x.actual.thickness_min: 18.5 mm is above thickness 18 mm"),
        ("sheet", 'actual = { thickness = "18 mm", thickness_max = "17 mm" }',
         "sheet.x.actual.thickness: 18 mm is above thickness_max 17 mm"),
        ("sheet", 'actual = { thickness = "18 mm" }\nsizes = [["2440 mm", "-1220 mm"]]',
         'sheet.x.sizes[0]: "-1220 mm" must be above 0 mm'),
        ("tube", 'shape = "square"\nactual = { width = "40 mm", wall = "20 mm" }',
         "tube.x.actual.wall: 20 mm is half the width 40 mm or more"),
        ("tube", 'shape = "round"\nactual = { od = "33.7 mm", wall = "-2 mm" }',
         'tube.x.actual.wall: "-2 mm" must be above 0 mm'),
        ("tube", 'shape = "square"\nactual = { width = "40 mm", wall = "2 mm" }\nlengths = ["0 m"]',
         'tube.x.lengths[0]: "0 m" must be above 0 mm'),
        ("filament", 'actual = { diameter = "1.75 mm", tolerance = "-0.02 mm" }',
         'filament.x.actual.tolerance: "-0.02 mm" must be at least 0 mm'),
        ("filament", 'actual = { diameter = "1.75 mm", tolerance = "2 mm" }',
         "filament.x.actual.tolerance: 2 mm is not below the diameter 1.75 mm"),
    ],
)
def test_stock_size_ranges(minimal, group: str, body: str, why: str) -> None:
    minimal(**{"stock__t.toml": STOCK.format(group=group, body=body)})
    assert error_of(lambda: stock_catalog("t")) == f"materials/stock/t.toml: {why}"


def test_stock_price_must_be_positive(minimal) -> None:
    body = 'actual = { thickness = "3 mm" }\n\n[prices]\npla = { value = "0 EUR/kg", source = "shop" }\n'
    minimal(**{"stock__t.toml": STOCK.format(group="sheet", body=body)})
    assert error_of(lambda: stock_catalog("t")) == 'materials/stock/t.toml: prices.pla: "0 EUR/kg" must be above 0'


CLIMATE = """\
name = "Shed"
source = "log"
{line}

[sources]
log = "Own thermometer log, workshop shed, 2024"
"""


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('t_max = "350 degC"', 't_max: "350 degC" must be at most 56.7 °C'),
        ('t_min = "-100 degC"', 't_min: "-100 degC" must be at least -89.2 °C'),
        ('t_mean_max = "nan degC"', 't_mean_max: "nan degC" is not a finite number'),
        ('rh_max = "101 percent"', 'rh_max: "101 percent" must be at most 100 %'),
        ('rh_min = "-5 percent"', 'rh_min: "-5 percent" must be at least 0 %'),
        ('sunshine = "9000 hour/year"', 'sunshine: "9000 hour/year" must be at most 8784 h/a'),
        ('snow_load = "-0.7 kN/m^2"', 'snow_load: "-0.7 kN/m^2" must be at least 0 kN/m²'),
        ('wind_speed = { value = "0 m/s", basis = "10min-mean" }', 'wind_speed: "0 m/s" must be above 0 m/s'),
    ],
)
def test_climate_ranges(minimal, line: str, why: str) -> None:
    minimal(**{"climate__shed.toml": CLIMATE.format(line=line)})
    assert error_of(lambda: climate("shed")) == f"materials/climate/shed.toml: shed.{why}"


WORKSHOP = '[sources]\nspec = "Maker spec sheet, 2024"\n\n[p]\nname = "P"\nsource = "spec"\n{line}\n'


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('nozzle = "0 mm"\nbed = ["250 mm", "210 mm", "220 mm"]', 'nozzle: "0 mm" must be above 0 mm'),
        ('nozzle = "0.4 mm"\nbed = ["250 mm", "-210 mm", "220 mm"]', 'bed[1]: "-210 mm" must be above 0 mm'),
        ('laser_kerf = "-0.1 mm"', 'laser_kerf: "-0.1 mm" must be at least 0 mm'),
        ('fit_clearance = "inf mm"', 'fit_clearance: "inf mm" is not a finite number'),
    ],
)
def test_workshop_ranges(minimal, line: str, why: str) -> None:
    minimal(**{"workshops.toml": WORKSHOP.format(line=line)})
    assert error_of(lambda: workshop("p")) == f"materials/workshops.toml: p.{why}"


def test_a_press_fit_clearance_loads(minimal) -> None:
    minimal(**{"workshops.toml": WORKSHOP.format(line='fit_clearance = "-0.05 mm"')})
    assert workshop("p").fit_clearance.magnitude == pytest.approx(-0.05)

