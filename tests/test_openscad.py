"""OpenSCAD interop: the Customizer declarations of bracket.scad follow the design, parameter sets
export with units converted and import back, what does not map is reported, and OpenSCAD itself
builds the same solid as the workbench from an exported set."""

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

import workbench as wb
from workbench.cli import main
from workbench.errors import DataError, WorkbenchError
from workbench.interop.openscad import (
    export_set,
    from_set,
    pick_set,
    read_sets,
    sets_json,
    to_set,
    write_set,
)
from workbench.interop.scad import ScadKind, customizer_parameters, read_scad
from workbench.variants import load_variant

ROOT = Path(__file__).resolve().parents[1]
SCAD = ROOT / "designs" / "bracket" / "bracket.scad"
GEOMETRY = ("arm", "height", "width", "thickness", "gusset", "holes", "hole_diameter")


def test_bracket_scad_declares_the_design_parameters_with_its_bounds() -> None:
    scad = read_scad(SCAD)
    assert list(scad) == ["make", *GEOMETRY]
    params = wb.design("bracket").params()
    for name in ("arm", "height", "width", "thickness", "hole_diameter"):
        p = params[name]
        assert scad[name].kind is ScadKind.NUMBER
        assert scad[name].range == (p.min, p.step, p.max), name
        assert float(scad[name].default) == p.default, name
    assert scad["holes"].range == (params["holes"].min, 1.0, params["holes"].max)
    assert scad["holes"].default == "2"
    assert (scad["gusset"].kind, scad["gusset"].default) == (ScadKind.BOOL, "true")
    assert (scad["make"].options, scad["make"].default) == (("printed",), "printed")
    assert scad["arm"].group == "Size" and scad["arm"].description.startswith("How far the shelf")


def test_customizer_parser_follows_the_openscad_rules() -> None:
    text = textwrap.dedent("""\
        // a number dropdown
        n = 2; // [0, 1, 2, 3]
        /* [Sizes] */
        // labelled strings
        size = "S"; // [S:Small, M:Medium, L:Large]
        upto = 34; // [50]
        span = 34; // [10:100]
        stepped = 2; //[0:5:100]
        vec = [1, 2, 3];
        expr = 12 + 0.5;
        flag = false;
        /* [Hidden] */
        secret = 1;
        /* [More] */
        later = 3;
        module m() { cube(1); }
        after = 4;
        """)
    scad = customizer_parameters(text)
    assert list(scad) == ["n", "size", "upto", "span", "stepped", "vec", "flag", "later"]
    assert scad["n"].options == ("0", "1", "2", "3") and scad["n"].description == "a number dropdown"
    assert (scad["size"].options, scad["size"].group) == (("S", "M", "L"), "Sizes")
    assert scad["upto"].range == (0.0, None, 50.0)
    assert scad["span"].range == (10.0, None, 100.0)
    assert scad["stepped"].range == (0.0, 5.0, 100.0)
    assert scad["vec"].kind is ScadKind.VECTOR and scad["flag"].kind is ScadKind.BOOL
    assert scad["later"].group == "More"
    assert scad["stepped"].allows("100") and not scad["stepped"].allows("100.5")
    assert scad["size"].allows("M") and not scad["size"].allows("XL")


def test_export_converts_units_to_millimetres_and_reports_what_does_not_map(tmp_path) -> None:
    d = wb.design("bracket", arm="8 in", hole_diameter="1/4 in", gusset=False, holes=3,
                  load="25 lbf")
    s = export_set(d, "us-8in")
    assert s.values == {"make": "printed", "arm": "203.2", "height": "150", "width": "40",
                        "thickness": "8", "gusset": "false", "holes": "3", "hole_diameter": "6.35"}
    assert [u.line() for u in s.unmapped] == [
        "not mapped: sheet: a sheet thickness bound to the local stock catalog; OpenSCAD has no catalog",
        "not mapped: load: a force (load case), not geometry; OpenSCAD values are unitless mm and degrees",
        "not mapped: exposure: bracket.scad has no parameter of this name",
        "not mapped: wall: bracket.scad has no parameter of this name",
        "not mapped: fixing_load: a force (load case), not geometry; OpenSCAD values are unitless mm and degrees",
        "not mapped: screw: bracket.scad has no parameter of this name",
        "not mapped: embedment: bracket.scad has no parameter of this name",
    ]
    assert s.faithful and s.conflicts == ()
    path = write_set(tmp_path / "sets.json", s)
    assert json.loads(path.read_text()) == {
        "parameterSets": {"us-8in": s.values}, "fileFormatVersion": "1"}
    assert all(isinstance(v, str) for v in json.loads(path.read_text())["parameterSets"]["us-8in"].values())


def test_without_a_scad_file_every_mappable_kind_maps() -> None:
    s = to_set(wb.design("bracket", arm="1 ft"), "x")
    assert s.values["arm"] == "304.8" and s.values["exposure"] == "shade"
    assert [u.name for u in s.unmapped] == ["sheet", "load", "fixing_load"]


def test_a_value_the_scad_does_not_offer_is_a_conflict_not_a_silent_default() -> None:
    s = export_set(wb.design("bracket", make="plywood"), "ply")
    assert not s.faithful and "make" not in s.values
    assert s.conflicts[0].line() == (
        "not mapped: make: plywood is not a value bracket.scad offers (allowed: printed); left out")


def test_parameter_file_keeps_other_sets_and_never_replaces_one_silently(tmp_path) -> None:
    path = tmp_path / "bracket.json"
    write_set(path, export_set(wb.design("bracket"), "default"))
    write_set(path, export_set(wb.design("bracket", width="60 mm"), "wide"))
    assert list(read_sets(path)) == ["default", "wide"]
    with pytest.raises(WorkbenchError, match="already has a parameter set 'wide'; choose another --name"):
        write_set(path, export_set(wb.design("bracket", width="70 mm"), "wide"))
    assert read_sets(path)["wide"]["width"] == "60"
    write_set(path, export_set(wb.design("bracket", width="70 mm"), "wide"), overwrite=True)
    assert read_sets(path)["wide"]["width"] == "70"


@pytest.mark.parametrize("values", [
    {},
    {"arm": "8 in", "gusset": False, "holes": 3},
    {"thickness": "12 mm", "width": "60 mm", "holes": 0, "height": "300 mm"},
    {"hole_diameter": "10 mm", "width": "20 mm", "holes": 1, "arm": "400 mm"},
])
def test_export_then_import_gives_the_same_design(values) -> None:
    d = wb.design("bracket", load="250 N", **values)
    text = sets_json({"s": export_set(d, "s").values})
    name, got = pick_set("f.json", json.loads(text)["parameterSets"], None)
    back, unmapped = from_set(wb.design("bracket", load="250 N"), got)
    assert back == d and unmapped == ()


def test_import_reports_unknown_names_and_rejects_bad_values(tmp_path) -> None:
    base = wb.design("bracket")
    d, unmapped = from_set(base, {"arm": "250", "colour": "red", "load": "5", "gusset": "false"})
    assert d == wb.design("bracket", arm="250 mm", gusset=False)
    assert [u.line() for u in unmapped] == [
        "not mapped: colour: not a parameter of bracket",
        "not mapped: load: a force (load case), not geometry; OpenSCAD values are unitless mm and "
        "degrees; kept as it was",
    ]
    with pytest.raises(DataError, match=r"^f.json: set 'a': arm: 'abc' is not a number$"):
        from_set(base, {"arm": "abc"}, where="f.json: set 'a'")
    with pytest.raises(DataError, match=r"^set: arm: 900 mm is out of range; allowed 60 to 400 mm$"):
        from_set(base, {"arm": "900"})
    with pytest.raises(DataError, match=r"must be at most half the width"):
        from_set(base, {"hole_diameter": "10", "width": "15"})


@pytest.mark.parametrize("body, message", [
    ("{", "not JSON"),
    ("[]", 'parameterSets: missing; an OpenSCAD parameter file has {"parameterSets": {...}, '
           '"fileFormatVersion": "1"}'),
    ('{"parameterSets": {}, "fileFormatVersion": "2"}', "fileFormatVersion: '2' is not supported"),
    ('{"parameterSets": {"a": [1]}}', "parameterSets.a: must be an object of name: value"),
    ('{"parameterSets": {"a": {"arm": [1, 2]}}}', "parameterSets.a.arm: must be text, a number or true/false"),
])
def test_malformed_parameter_files_are_one_line(tmp_path, body, message) -> None:
    path = tmp_path / "p.json"
    path.write_text(body)
    with pytest.raises(DataError) as err:
        read_sets(path)
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value)
    assert "\n" not in str(err.value)


def test_numbers_and_booleans_written_by_hand_are_read_as_openscad_text(tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"parameterSets": {"a": {"arm": 200, "gusset": false, "width": 42.5}}}')
    assert read_sets(path) == {"a": {"arm": "200", "gusset": "false", "width": "42.5"}}


@pytest.fixture
def bracket_dir(designs_dir):
    shutil.copytree(ROOT / "designs" / "bracket", designs_dir / "bracket",
                    ignore=shutil.ignore_patterns("variants", "__pycache__"))
    (designs_dir / "bracket" / "variants").mkdir()
    return designs_dir / "bracket"


def test_cli_export_import_and_save_a_variant(bracket_dir, tmp_path, capsys) -> None:
    sets = tmp_path / "sets.json"
    assert main(["openscad", "export", "bracket", "--set", "arm=8 in", "--set", "holes=1",
                 "--name", "us-8in", "--out", str(sets)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{sets}: parameter set 'us-8in' with 8 values"]
    # what OpenSCAD cannot take is a message: on stderr, not in the data
    assert [line.split(":")[1].strip() for line in err.splitlines()] == [
        "sheet", "load", "exposure", "wall", "fixing_load", "screw", "embedment"]
    assert main(["openscad", "import", "bracket", str(sets)]) == 0
    assert capsys.readouterr().out.splitlines() == ["arm = 203.2 mm", "holes = 1"]
    assert main(["openscad", "import", "bracket", str(sets), "--save-variant", "us-8in",
                 "--why", "Imported from an OpenSCAD Customizer set", "--author", "Tucson makers",
                 "--stock", "us-customary"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == bracket_dir / "variants" / "us-8in.toml"
    v = load_variant(path)
    assert dict(v.values) == {"arm": "203.2 mm", "holes": "1"}
    assert v.design() == wb.design("bracket", arm="8 in", holes=1)
    assert v.context().stock == "us-customary"


def test_cli_errors_are_one_line(bracket_dir, tmp_path, capsys) -> None:
    sets = tmp_path / "sets.json"
    sets.write_text(sets_json({"a": {"arm": "200"}, "b": {"arm": "300"}}))
    assert main(["openscad", "import", "bracket", str(sets)]) == 2
    err = capsys.readouterr().err
    assert err == (f"workbench: error: {sets} has 2 parameter sets; choose one with --set-name "
                   "(one of: a, b)\n")
    assert main(["openscad", "import", "bracket", str(sets), "--set-name", "c"]) == 2
    assert f"{sets} has no parameter set 'c'; it has: a, b" in capsys.readouterr().err
    assert main(["openscad", "import", "bracket", str(sets), "--set-name", "a",
                 "--save-variant", "x"]) == 2
    assert capsys.readouterr().err == (
        "workbench: error: a variant needs a why: say what local condition it adapts to\n")
    assert main(["openscad", "export", "bracket", "--name", "a", "--out", str(sets)]) == 2
    assert "already has a parameter set 'a'" in capsys.readouterr().err
    assert not (bracket_dir / "variants" / "x.toml").exists()


@pytest.mark.skipif(shutil.which("openscad") is None,
                    reason="the openscad command is not installed (make system-deps installs it)")
@pytest.mark.parametrize("values", [
    {},
    {"arm": "8 in", "gusset": False, "holes": 3},
    {"thickness": "12 mm", "width": "60 mm", "holes": 0, "height": "300 mm"},
])
def test_openscad_builds_the_same_solid_from_an_exported_set(tmp_path, values) -> None:
    trimesh = pytest.importorskip("trimesh")
    d = wb.design("bracket", **values)
    sets = write_set(tmp_path / "sets.json", export_set(d, "job"))
    out = tmp_path / "job.stl"
    proc = subprocess.run(["openscad", "-p", str(sets), "-P", "job", "-o", str(out), str(SCAD)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    mesh = trimesh.load(out)
    part = wb.evaluate(d).geometry.part("bracket")
    expected = d.expected(wb.evaluate(d).resolved.kernel())["bracket"]
    assert mesh.is_watertight
    # Holes are polygons in OpenSCAD ($fs = 0.2 mm): a few mm³ less removed than true circles.
    assert mesh.volume == pytest.approx(part.volume, rel=2e-4)
    assert mesh.volume == pytest.approx(expected.volume, rel=2e-4)
    assert tuple(mesh.bounds[1] - mesh.bounds[0]) == pytest.approx(part.size, abs=1e-3)
    assert tuple(mesh.bounds[0]) == pytest.approx((0, 0, 0), abs=1e-6)


@pytest.mark.skipif(shutil.which("openscad") is None,
                    reason="the openscad command is not installed (make system-deps installs it)")
def test_openscad_refuses_what_the_design_refuses(tmp_path) -> None:
    sets = tmp_path / "s.json"
    sets.write_text(sets_json({"ply": {"make": "plywood"}, "thick": {"thickness": "20", "arm": "60"}}))
    for name, message in (("ply", "bracket.scad models the printed bracket"),
                          ("thick", "is too thick for the legs")):
        out = tmp_path / f"{name}.stl"
        proc = subprocess.run(["openscad", "-p", str(sets), "-P", name, "-o", str(out), str(SCAD)],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode != 0 and message in proc.stderr and not out.exists()
