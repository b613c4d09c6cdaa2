"""Context: hashable, evolvable, validated; its key follows the data files; user climates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.context import Climate, Context, load_climate_file, material, materials
from workbench.context._data import MATERIALS_DIR
from workbench.errors import DataError, UnknownNameError
from workbench.units import Q_

SHED = """\
name = "Our shed in Lima"
source = "log"
koppen = "BW"
t_min = "12 degC"
t_max = "45 degC"
rh_min = "60 percent"
rh_max = "95 percent"
wind_speed = { value = "75 km/h", basis = "national", source = "e020" }

[sources]
log = "Own min/max thermometer log in the workshop shed, Lima, January-December 2024"
e020 = "Reglamento Nacional de Edificaciones, Norma E.020 Cargas: minimum design wind speed 75 km/h"
"""


def test_defaults_validate_and_hash() -> None:
    ctx = Context()
    assert ctx.validate() is ctx
    assert ctx.stock == "eu-metric" and ctx.climate == "temperate-oceanic"
    assert ctx.workshop == "generic-makerspace"
    a = Context(materials={"plate": "plywood-birch", "printed": "petg"})
    b = Context(materials={"printed": "petg", "plate": "plywood-birch"})
    assert a == b and hash(a) == hash(b) and a.materials == (("plate", "plywood-birch"), ("printed", "petg"))
    assert dict(a.materials) == a.roles == {"plate": "plywood-birch", "printed": "petg"}


def test_evolve_and_profiles() -> None:
    ctx = Context().evolve(stock="us-customary", climate="hot-arid", materials={"printed": "petg"})
    assert ctx.stock_catalog.id == "us-customary"
    assert ctx.climate_profile.t_max > Q_(45, "degC")
    assert ctx.workshop_profile.nozzle == Q_(0.4, "mm")
    assert ctx.material_for("printed") == material("petg")
    assert materials()["pla"].hdt < materials()["petg"].hdt
    with pytest.raises(UnknownNameError) as err:
        ctx.material_for("frame")
    assert str(err.value) == "no material chosen for role 'frame'; roles: printed"


@pytest.mark.parametrize(
    "changes, start",
    [
        ({"materials": {"printed": "plaa"}}, "unknown material 'plaa'; known: abs,"),
        ({"stock": "kenya"}, "unknown stock catalog 'kenya'; known: brazil, east-africa, eu-metric,"),
        ({"climate": "arctic"}, "unknown climate 'arctic'; known: cold-continental,"),
        ({"workshop": "garage"}, "unknown workshop 'garage'; known: cnc-router,"),
    ],
)
def test_validate_names_the_unknown(changes: dict, start: str) -> None:
    with pytest.raises(UnknownNameError) as err:
        Context(**changes).validate()
    assert str(err.value).startswith(start)


def test_key_is_stable_and_follows_data_files(data_copy: Path) -> None:
    ctx = Context(materials={"printed": "pla"})
    k1 = ctx.key()
    assert k1 == Context(materials={"printed": "pla"}).key()
    assert k1.startswith("materials[printed=pla];stock=eu-metric;climate=temperate-oceanic;")
    assert k1 != ctx.evolve(stock="us-customary").key()
    path = data_copy / "materials.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('hdt = "55 degC"', 'hdt = "57 degC"'))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert ctx.key() != k1
    assert material("pla").hdt == Q_(57, "degC")  # the edit is picked up
    climate_file = data_copy / "climate" / "temperate-oceanic.toml"
    k2 = ctx.key()
    climate_file.write_text(climate_file.read_text(encoding="utf-8") + "\n# edited\n")
    assert ctx.key() != k2


def test_default_folder_is_the_repository_materials() -> None:
    assert MATERIALS_DIR == Path(__file__).resolve().parents[2] / "materials"
    assert (MATERIALS_DIR / "materials.toml").is_file()


def test_user_climate_from_file(tmp_path: Path) -> None:
    path = tmp_path / "lima-shed.toml"
    path.write_text(SHED, encoding="utf-8")
    shed = load_climate_file(path)
    assert shed.id == "lima-shed" and shed.t_max == Q_(45, "degC")
    assert shed.wind_speed.to("m/s").magnitude == pytest.approx(20.83, abs=0.01)
    assert "thermometer" in shed.sources["t_max"]
    ctx = Context(climate=str(path))
    assert ctx.validate().climate_profile == shed
    key = ctx.key()
    path.write_text(SHED.replace('"45 degC"', '"47 degC"'), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert ctx.key() != key


def test_user_climate_from_dict_is_validated_the_same_way() -> None:
    data = {
        "name": "Nairobi workshop",
        "source": "own",
        "t_max": Q_(31, "degC"),
        "t_min": "6 degC",
        "sources": {"own": "Workshop logger, Nairobi, 2023-2024"},
    }
    c = Climate.from_dict(data, id="nairobi-shed")
    assert c.t_max == Q_(31, "degC") and c.t_min == Q_(6, "degC") and c.sources["t_min"]
    with pytest.raises(DataError) as err:
        Climate.from_dict({**data, "t_min": "6 kg"}, id="nairobi-shed")
    assert str(err.value) == '<dict>: nairobi-shed.t_min: "6 kg" is not a temperature (e.g. -20 degC)'
    with pytest.raises(DataError) as err:
        Climate.from_dict({"name": "x", "t_max": "30 degC", "sources": {}}, id="x")
    assert str(err.value) == "<dict>: x.t_max has no source"
    with pytest.raises(DataError) as err:
        Climate.from_dict({**data, "t_min": "40 degC"}, id="nairobi-shed")
    assert str(err.value) == "<dict>: nairobi-shed.t_min: 40 °C is above t_max 31 °C"


def test_nothing_is_read_at_import_time() -> None:
    import subprocess
    import sys

    code = "import os; os.environ['WORKBENCH_MATERIALS'] = '/nonexistent'; import workbench.context"
    env = {**os.environ, "PYTHONPATH": str(MATERIALS_DIR.parent)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
