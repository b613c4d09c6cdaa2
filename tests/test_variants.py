"""Variant files: only overrides with lineage, the same geometry hash in another process, chains,
one-line errors naming file and key, never overwritten silently, never executed."""

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import workbench as wb
from workbench.cli import main
from workbench.context import Context
from workbench.errors import DataError, WorkbenchError
from workbench.geometry import geometry_hash
from workbench.variants import find_variant, lineage, load_variant, save_variant

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 11, 22)


@pytest.fixture
def bracket_dir(designs_dir):
    """A copy of the bracket design in a temporary designs folder (variants are written there)."""
    shutil.copytree(ROOT / "designs" / "bracket", designs_dir / "bracket",
                    ignore=shutil.ignore_patterns("variants", "__pycache__"))
    (designs_dir / "bracket" / "variants").mkdir()
    return designs_dir / "bracket"


def _lima(bracket_dir):
    d = wb.design("bracket", make="plywood", sheet="15 mm")
    return save_variant(d, Context(climate="lima"), name="lima-ply-15", why="Local plywood is 15 mm",
                        author="Lima fablab", date=DAY)


def test_saved_file_holds_only_what_differs(bracket_dir) -> None:
    path = _lima(bracket_dir)
    assert path == bracket_dir / "variants" / "lima-ply-15.toml"
    text = path.read_text()
    h = load_variant(path).geometry_hash
    assert text == textwrap.dedent(f"""\
        # Variant of Wall shelf bracket (bracket). Only what differs from its parent is stored.
        # Rebuild: workbench build --variant bracket/lima-ply-15
        [variant]
        design = "bracket"
        parent = "bracket@1.0.0"
        author = "Lima fablab"
        date = 2026-11-22
        why = "Local plywood is 15 mm"
        geometry_hash = "{h}"

        [values]
        make = "plywood"
        sheet = "15 mm"

        [context]
        climate = "lima"
        """)
    assert len(h) == 64


def test_loading_rebuilds_the_same_geometry_in_another_process(bracket_dir) -> None:
    path = _lima(bracket_dir)
    v = load_variant(path)
    ev = wb.evaluate(v.design(), v.context())
    assert geometry_hash(ev.geometry) == v.geometry_hash
    code = (
        "import sys; from workbench.variants import load_variant; import workbench as wb;"
        "from workbench.geometry import geometry_hash;"
        f"v = load_variant({str(path)!r}); ev = wb.evaluate(v.design(), v.context());"
        "print(geometry_hash(ev.geometry))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"WORKBENCH_DESIGNS": str(bracket_dir.parent), "PATH": "/usr/bin:/bin",
                              "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == v.geometry_hash


def test_hash_follows_geometry_not_units_or_materials(bracket_dir) -> None:
    a = wb.evaluate(wb.design("bracket", arm="8 in"), Context()).geometry
    b = wb.evaluate(wb.design("bracket", arm="203.2 mm"), Context(materials={"printed": "asa"})).geometry
    c = wb.evaluate(wb.design("bracket", arm="204 mm"), Context()).geometry
    assert geometry_hash(a) == geometry_hash(b) != geometry_hash(c)


def test_chained_variants_store_their_own_overrides_and_merge(bracket_dir) -> None:
    region = load_variant(_lima(bracket_dir))
    job = save_variant(wb.design("bracket", make="plywood", sheet="15 mm", arm="200 mm"),
                       Context(climate="lima", workshop="cnc-router"), name="lima-deep-shelf",
                       why="A deeper shelf for the pump tools", author="Lima fablab",
                       parent=region, date=DAY)
    text = job.read_text()
    assert 'parent = "variant:lima-ply-15"' in text
    assert '[values]\narm = "200 mm"\n' in text and "sheet" not in text
    assert '[context]\nworkshop = "cnc-router"\n' in text and "lima\"" not in text
    v = find_variant("bracket/lima-deep-shelf")
    assert [x.slug for x in v.chain()] == ["lima-ply-15", "lima-deep-shelf"]
    assert v.design() == wb.design("bracket", make="plywood", sheet="15 mm", arm="200 mm")
    assert (v.context().climate, v.context().workshop) == ("lima", "cnc-router")
    assert [(d, x.slug) for d, x in lineage("bracket")] == [(0, "lima-ply-15"), (1, "lima-deep-shelf")]


def test_never_overwrites_and_names_cannot_escape(bracket_dir) -> None:
    _lima(bracket_dir)
    with pytest.raises(WorkbenchError, match="^variant 'lima-ply-15' already exists at "):
        _lima(bracket_dir)
    with pytest.raises(WorkbenchError, match=r"^variant name '\.\./x' is not allowed"):
        save_variant(wb.design("bracket"), Context(), name="../x", why="w", author="a")
    assert sorted(p.name for p in (bracket_dir / "variants").iterdir()) == ["lima-ply-15.toml"]


def _write(tmp_path, body: str) -> Path:
    p = tmp_path / "bad.toml"
    p.write_text(textwrap.dedent(body))
    return p


GOOD_HEAD = """
[variant]
design = "bracket"
parent = "bracket@1.0.0"
author = "x"
date = 2026-11-22
why = "y"
"""


@pytest.mark.parametrize(
    "body, message",
    [
        ("[variant\n", "TOML syntax error: "),
        ("[values]\narm = '200 mm'\n", "variant: missing [variant] table"),
        (GOOD_HEAD.replace('why = "y"\n', ""), "variant.why: missing"),
        (GOOD_HEAD.replace("2026-11-22", '"yesterday"'), "variant.date: must be a TOML date such as 2026-11-22"),
        (GOOD_HEAD + "colour = 'red'\n", "variant.colour: unknown key; allowed: author, date, design, geometry_hash, parent, why"),
        (GOOD_HEAD.replace("bracket@1.0.0", "shelf@2"), "variant.parent: must be 'bracket@VERSION' or 'variant:SLUG'"),
        (GOOD_HEAD + "[values]\ncolour = 'red'\n", "values.colour: unknown parameter; known: make, arm,"),
        (GOOD_HEAD + "[values]\narm = '5 kg'\n", 'values.arm: arm: "5 kg" is a mass, expected a length'),
        (GOOD_HEAD + "[values]\narm = '900 mm'\n", "values.arm: arm: 900 mm is out of range; allowed 60 to 400 mm"),
        (GOOD_HEAD + "[values]\narm = [1, 2]\n", "values.arm: must be text, a number or true/false"),
        (GOOD_HEAD + "[context]\nregion = 'x'\n", "context.region: unknown key; allowed: stock, climate, workshop, materials"),
        (GOOD_HEAD + "[extras]\n", "extras: unknown table; allowed: variant, values, context"),
    ],
)
def test_malformed_files_are_one_line_naming_file_and_key(tmp_path, body, message) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(DataError) as err:
        load_variant(path)
    text = str(err.value)
    assert text.startswith(f"{path}: ") and message in text and "\n" not in text


def test_loading_never_executes_code(tmp_path) -> None:
    marker = tmp_path / "pwned"
    path = _write(tmp_path, GOOD_HEAD + f"[values]\narm = \"__import__('os').system('touch {marker}')\"\n")
    with pytest.raises(DataError, match=r"values\.arm: arm: .* is not a length"):
        load_variant(path)
    assert not marker.exists()


def test_lineage_loop_is_reported(bracket_dir) -> None:
    folder = bracket_dir / "variants"
    for a, b in (("a", "b"), ("b", "a")):
        (folder / f"{a}.toml").write_text(GOOD_HEAD.replace("bracket@1.0.0", f"variant:{b}"))
    with pytest.raises(DataError, match=r"variant\.parent: lineage loops back to"):
        find_variant("bracket/a").design()


def test_cli_save_show_diff_lineage(bracket_dir, capsys) -> None:
    assert main(["variant", "save", "bracket", "--set", "make=plywood", "--set", "sheet=15mm",
                 "--climate", "lima", "--why", "Local plywood is 15 mm", "--name", "lima-ply-15",
                 "--author", "Lima fablab"]) == 0
    assert capsys.readouterr().out.strip().endswith("variants/lima-ply-15.toml")
    assert main(["variant", "show", "bracket/lima-ply-15", "--verify"]) == 0
    out = capsys.readouterr().out
    assert "lineage: bracket@1.0.0 -> lima-ply-15" in out and "(matches the file)" in out
    assert main(["variant", "diff", "bracket", "bracket/lima-ply-15"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["bracket", "lima-ply-15"]
    assert out[1].split() == ["make", "printed", "plywood"]
    assert ["climate", "temperate-oceanic", "lima"] in [r.split() for r in out]
    assert main(["lineage", "bracket"]) == 0
    assert "  └ lima-ply-15  (Lima fablab, " in capsys.readouterr().out
    assert main(["variant", "save", "bracket", "--why", "again", "--name", "lima-ply-15"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_build_from_a_variant_file_alone(bracket_dir, tmp_path, capsys) -> None:
    path = _lima(bracket_dir)
    out = tmp_path / "out"
    assert main(["build", "--variant", str(path), "--format", "dxf", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["bracket-plywood-birch-15mm-sheet-1.dxf"]
