"""Broken data files give one exact line naming file, key and problem; unknown names list the known."""

from __future__ import annotations

from typing import Callable

import pytest

from tests.context.conftest import MINIMAL_MATERIALS
from workbench.context import climate, material, materials, stock_catalog, workshop
from workbench.errors import DataError, UnknownNameError


def error_of(call: Callable[[], object]) -> str:
    with pytest.raises(DataError) as err:
        call()
    msg = str(err.value)
    assert "\n" not in msg
    return msg


def test_wrong_dimension_names_file_key_and_expectation(minimal) -> None:
    minimal(MINIMAL_MATERIALS.replace('"1.24 g/cm^3"', '"1.24 g/cm"'))
    assert error_of(materials) == (
        'materials/materials.toml: pla.density: "1.24 g/cm" is not a density (e.g. 1240 kg/m^3)'
    )


def test_value_without_source(minimal) -> None:
    minimal(MINIMAL_MATERIALS.replace('{ value = "1.24 g/cm^3", source = "tds" }', '"1.24 g/cm^3"'))
    assert error_of(materials) == "materials/materials.toml: pla.density has no source"


def test_source_key_missing_from_sources(minimal) -> None:
    minimal(MINIMAL_MATERIALS.replace('source = "tds"', 'source = "tsd"'))
    assert error_of(materials) == (
        'materials/materials.toml: pla.density: source "tsd" is not in [sources] (known: tds)'
    )


def test_bare_number_has_no_unit(minimal) -> None:
    minimal(MINIMAL_MATERIALS.replace('"1.24 g/cm^3"', "1240"))
    assert error_of(materials) == (
        "materials/materials.toml: pla.density: 1240 has no unit (e.g. 1240 kg/m^3)"
    )


def test_toml_syntax_error_gives_the_line(minimal) -> None:
    minimal(MINIMAL_MATERIALS.replace('name = "PLA"', 'name = "PLA'))
    msg = error_of(materials)
    assert msg.startswith("materials/materials.toml: TOML syntax error: ")
    assert "(at line 5, column 12)" in msg


def test_unknown_key_and_bad_choice(minimal) -> None:
    minimal(MINIMAL_MATERIALS.replace("density =", "densty ="))
    assert error_of(materials).startswith(
        "materials/materials.toml: pla.densty: unknown key (known: E, alpha, bending_strength,"
    )
    minimal(MINIMAL_MATERIALS.replace('kind = "plastic"', 'kind = "plastik"'))
    assert error_of(materials) == (
        'materials/materials.toml: pla.kind: "plastik" is not one of: '
        "bamboo, metal, plastic, sheet, timber"
    )


def test_bad_price(minimal) -> None:
    minimal(MINIMAL_MATERIALS + 'price = { value = "25 EUR", source = "tds" }\n')
    assert error_of(materials) == (
        'materials/materials.toml: pla.price: "25 EUR" is not a price per kg or per m³ (e.g. 25 EUR/kg)'
    )


STOCK = """\
name = "Test"
region = "Nowhere"
currency = "EUR"

[sources]
shop = "A named shop catalog, 2025"

[sheet.pla-3]
label = "3 mm"
materials = ["{mat}"]
source = "shop"
actual = {{ thickness = "{thk}" }}
"""


def test_stock_errors(minimal) -> None:
    minimal(**{"stock__t.toml": STOCK.format(mat="plaa", thk="3 mm")})
    assert error_of(lambda: stock_catalog("t")) == (
        "materials/stock/t.toml: sheet.pla-3.materials: unknown material 'plaa'; known: pla; "
        "did you mean 'pla'?"
    )
    minimal(**{"stock__t.toml": STOCK.format(mat="pla", thk="3 mm").replace('currency = "EUR"', 'currency = "GBP"')})
    assert error_of(lambda: stock_catalog("t")) == (
        'materials/stock/t.toml: currency: "GBP" is not one of EUR, USD, INR, KES, PEN, BRL, MXN, '
        'ZAR, NGN, GHS, IDR, PHP, BDT'
    )


def test_stock_length_error_text(minimal) -> None:
    minimal(**{"stock__t.toml": STOCK.format(mat="pla", thk="3 kg")})
    assert error_of(lambda: stock_catalog("t")) == (
        'materials/stock/t.toml: sheet.pla-3.actual.thickness: "3 kg" is not a length (e.g. 18 mm, 3/4 in)'
    )


CLIMATE = """\
name = "Shed"
source = "log"
t_max = "45 degC"
wind_speed = "20 m/s"

[sources]
log = "Own thermometer log, workshop shed, 2024"
"""


def test_climate_errors(minimal) -> None:
    minimal(**{"climate__shed.toml": CLIMATE})
    assert error_of(lambda: climate("shed")) == (
        "materials/climate/shed.toml: shed.wind_speed: needs a basis, e.g. "
        '{ value = "27 m/s", basis = "10min-mean", source = … }'
    )
    minimal(**{"climate__shed.toml": CLIMATE.replace('"45 degC"', '"45 m"')})
    assert error_of(lambda: climate("shed")) == (
        'materials/climate/shed.toml: shed.t_max: "45 m" is not a temperature (e.g. 45 degC)'
    )


def test_workshop_error(minimal) -> None:
    minimal(**{"workshops.toml": '[sources]\nspec = "Maker spec sheet, 2024"\n\n[p]\nname = "P"\n'
                                 'source = "spec"\nnozzle = "0.4 mm"\nbed = ["250 mm", "210 mm"]\n'})
    assert error_of(lambda: workshop("p")) == (
        'materials/workshops.toml: p.bed: expected 3 lengths, e.g. ["250 mm", "210 mm", "220 mm"]'
    )


def test_missing_file(minimal) -> None:
    minimal()
    assert error_of(lambda: workshop("x")) == "materials/workshops.toml: file not found"


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(UnknownNameError) as err:
        material("plaa")
    msg = str(err.value)
    assert msg.startswith("unknown material 'plaa'; known: abs, aluminium-6061, asa, bamboo, c16,")
    assert msg.endswith("; did you mean 'pla'?")
    with pytest.raises(UnknownNameError) as err:
        climate("tropical")
    assert str(err.value).startswith(
        "unknown climate 'tropical'; known: cold-continental, highland, hot-arid, humid-tropical, jakarta,"
    )
    with pytest.raises(UnknownNameError) as err:
        workshop("prusa")
    assert "known: cnc-router, ender3, fablab-laser, generic-makerspace, prusa-mk4" in str(err.value)
