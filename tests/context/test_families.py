"""Material families as data (issue 14.5): what an adaptation may swap a material for."""

from __future__ import annotations

import pytest

from tests.context.conftest import MINIMAL_MATERIALS
from workbench.context import (
    MaterialFamily, material, materials, materials_in_family, stock_catalog,
)
from workbench.errors import DataError, UnknownNameError


def test_every_shipped_material_has_a_family() -> None:
    missing = [m.id for m in materials().values() if m.family is None]
    assert missing == []


def test_families_of_the_shipped_materials() -> None:
    assert [m.id for m in materials_in_family("plywood")] == [
        "plywood-birch", "plywood-softwood", "plywood-tropical", "plywood-unspecified", "triplay",
    ]
    assert [m.id for m in materials_in_family("sawn-hardwood")] == ["sawn-tropical-mixed"]
    assert [m.id for m in materials_in_family(MaterialFamily.STRUCTURAL_STEEL)] == ["steel-a36", "steel-a500c", "steel-s235", "steel-spht1", "steel-yst310"]
    assert [m.id for m in materials_in_family("filament")] == ["abs", "asa", "nylon", "petg", "pla"]
    assert material("mdf").family is MaterialFamily.FIBREBOARD
    assert material("hdpe-recycled").family is MaterialFamily.RIGID_PLASTIC
    assert material("c24").family is material("softwood-lumber").family is MaterialFamily.SAWN_SOFTWOOD


def test_unknown_family_lists_the_known_ones() -> None:
    with pytest.raises(UnknownNameError) as err:
        materials_in_family("plywod")
    assert str(err.value).startswith("unknown material family 'plywod'; known: aluminium, bamboo, fibreboard,")
    assert str(err.value).endswith("did you mean 'plywood'?")


def test_a_bad_family_in_a_file_names_file_and_key(minimal) -> None:
    minimal(MINIMAL_MATERIALS.replace('kind = "plastic"', 'kind = "plastic"\nfamily = "plastics"'))
    with pytest.raises(DataError) as err:
        materials()
    assert str(err.value) == (
        'materials/materials.toml: pla.family: "plastics" is not one of: aluminium, bamboo, fibreboard, '
        "filament, plywood, rigid-plastic, sawn-hardwood, sawn-softwood, structural-steel"
    )


def test_a_user_file_without_family_loads_and_has_no_substitutes(minimal) -> None:
    minimal()
    assert materials()["pla"].family is None
    assert materials_in_family("filament") == []


def test_substitutes_are_the_same_family_sold_in_the_place() -> None:
    india = stock_catalog("india")
    # India sells no birch plywood sheet: the plywood it sells is the replacement
    assert india.sheets("plywood-birch") == []
    assert [m.id for m in india.substitutes("plywood-birch", "sheet")] == ["plywood-softwood"]
    assert [m.id for m in india.substitutes("steel-s235", "tube")] == ["steel-yst310"]
    eu = stock_catalog("eu-metric")
    # the material itself first when sold, then the others of its family
    assert [m.id for m in eu.substitutes("c16", "section")] == ["c16", "c24"]
    assert eu.substitutes("pla", "sheet") == []
    assert "plywood-birch" in eu.materials_sold("sheet") and "pla" not in eu.materials_sold("sheet")
    with pytest.raises(UnknownNameError):
        eu.substitutes("plaa")
