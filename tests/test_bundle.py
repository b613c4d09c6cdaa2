"""The commons bundle: a new user's whole story (adapt, save, bundle, delete, rebuild from the variant
file alone on a clean checkout, identical files), the OKH-LOSH manifest against its schema, the
check reports, the license, and the folder's safety (atomic swap, no escape, no half state)."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import workbench as wb
from workbench.bundle import _fs, make_bundle
from workbench.bundle.license import license_files
from workbench.cli import main
from workbench.context import Context
from workbench.errors import WorkbenchError
from workbench.report import html_report, markdown_report
from workbench.variants import load_variant, render_variant, save_variant

ROOT = Path(__file__).resolve().parents[1]
OKH_SCHEMA = ROOT / ".." / "shared" / "okh" / "okh-losh.schema.json"
REPO = "https://example.org/lima-fablab/brackets"


def _copy_design(designs: Path) -> Path:
    """The bracket's folder as a clean checkout has it: no variants yet."""
    shutil.copytree(ROOT / "designs" / "bracket", designs / "bracket",
                    ignore=shutil.ignore_patterns("variants", "__pycache__"))
    (designs / "bracket" / "variants").mkdir()
    return designs / "bracket"


@pytest.fixture
def bracket_dir(designs_dir):
    return _copy_design(designs_dir)


# -- normalising the formats that carry a time or a random id ------------------------------------
def _normal_step(data: bytes) -> bytes:
    """STEP (ISO 10303-21): the header's FILE_NAME holds the write time, and OCCT numbers assembly
    occurrences (NEXT_ASSEMBLY_USAGE_OCCURRENCE id) with a counter that runs on across every STEP
    a process writes: blank both. Geometry, names and placements stay compared."""
    data = re.sub(rb"FILE_NAME\('([^']*)','[^']*'", rb"FILE_NAME('\1','<time>'", data)
    return re.sub(rb"NEXT_ASSEMBLY_USAGE_OCCURRENCE\('\d+'", rb"NEXT_ASSEMBLY_USAGE_OCCURRENCE('<n>'", data)


_DXF_VOLATILE = {"$TDCREATE", "$TDUCREATE", "$TDUPDATE", "$TDUUPDATE", "$TDINDWG", "$TDUSRTIMER",
                 "$FINGERPRINTGUID", "$VERSIONGUID"}


def _normal_dxf(data: bytes) -> bytes:
    """DXF: blank the creation/update dates and GUIDs of the header, and the write time ezdxf puts
    in its metadata; every entity, layer and handle stays compared."""
    lines = data.decode("utf-8").splitlines()
    out, blank = [], False
    for code, value in zip(lines[0::2], lines[1::2], strict=True):
        if blank:
            value, blank = "<volatile>", False
        blank = code.strip() == "9" and value in _DXF_VOLATILE
        value = re.sub(r"@ \d{4}-\d\d-\d\dT[0-9:.+]+", "@ <time>", value)
        out += [code, value]
    return "\n".join(out).encode()


NORMAL = {".step": _normal_step, ".dxf": _normal_dxf}
"""Formats whose writers stamp the time (STEP) or a time and GUIDs (DXF via ezdxf); every other file
of a bundle, STL binary and PNG included, must be byte-identical."""


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in _fs.files_of(folder)}


def _same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b)
    for name in a:
        normal = NORMAL.get(Path(name).suffix, lambda d: d)
        if name == "SHA256SUMS":  # lines of the deterministic files must match
            keep = [line for line in a[name].decode().splitlines()
                    if Path(line.split("  ", 1)[1]).suffix not in NORMAL]
            assert keep == [line for line in b[name].decode().splitlines()
                            if Path(line.split("  ", 1)[1]).suffix not in NORMAL]
            continue
        assert normal(a[name]) == normal(b[name]), name


def _checksums_hold(folder: Path) -> None:
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


STORIES = {
    "printed in PETG for Arizona": (
        ["--set", "arm=8 in", "--material", "printed=petg", "--stock", "us-customary",
         "--climate", "hot-arid"],
        "arizona-petg", "The shed reaches 45 °C: PETG instead of PLA, an 8 in shelf"),
    "15 mm plywood for Lima": (
        ["--set", "make=plywood", "--set", "sheet=15 mm", "--climate", "lima"],
        "lima-ply-15", "Local plywood is 15 mm"),
}


@pytest.mark.parametrize("story", list(STORIES))
def test_new_user_story_rebuilds_identical_files_from_the_variant_alone(
        story, bracket_dir, tmp_path, capsys) -> None:
    args, slug, why = STORIES[story]
    # 1. adapt the bracket for another region and save the variant
    assert main(["variant", "save", "bracket", *args, "--name", slug, "--why", why,
                 "--author", "Lima fablab"]) == 0
    variant_path = Path(capsys.readouterr().out.strip())
    recorded = load_variant(variant_path).geometry_hash
    # 2. bundle it
    out = tmp_path / "share" / slug
    assert main(["bundle", "--variant", f"bracket/{slug}", "--out", str(out), "--repo", REPO]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:3] == [str(out), f"{out}.zip",
                           f"variant variants/{slug}.toml; geometry hash {recorded}"]
    first = _snapshot(out)
    _checksums_hold(out)
    assert first[f"variants/{slug}.toml"] == variant_path.read_bytes()
    with zipfile.ZipFile(f"{out}.zip") as z:
        assert z.namelist() == [f"{slug}/{n}" for n in sorted(first)]
        assert all(z.read(f"{slug}/{n}") == first[n] for n in first)
        assert {i.date_time for i in z.infolist()} == {_fs.ZIP_TIME}
    # 3. delete the output
    shutil.rmtree(out)
    Path(f"{out}.zip").unlink()
    # 4. a clean checkout: the design as published, plus the variant file alone; another process
    clean = tmp_path / "clean" / "designs"
    clean.mkdir(parents=True)
    fresh = _copy_design(clean) / "variants" / variant_path.name
    shutil.copy(variant_path, fresh)
    env = {**os.environ, "WORKBENCH_DESIGNS": str(clean), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "workbench", "bundle", "--variant", str(fresh), "--out", str(out),
         "--repo", REPO], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr
    # 5. the identical hash and files
    assert proc.stdout.splitlines()[:3] == printed[:3]
    second = _snapshot(out)
    _same(first, second)
    _checksums_hold(out)
    manifest = tomllib.loads(second["okh.toml"].decode())
    assert manifest["lineage"]["geometry-hash"] == recorded
    assert manifest["lineage"]["chain"] == ["bracket@1.0.0", slug]


def _okh_validator():  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    if not OKH_SCHEMA.is_file():
        pytest.skip(f"OKH-LOSH schema not found at {OKH_SCHEMA} (shared/ beside the repository)")
    # The schema's language-tag pattern uses ECMA-262 named groups `(?<name>...)`; Python's re
    # spells them `(?P<name>...)` and refuses repeated names, so they become plain groups `(?:...)`:
    # the same strings match.
    text = re.sub(r"\(\?<([A-Za-z]+)>", "(?:", OKH_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.Draft7Validator
    return cls(json.loads(text), format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def two_bundles(tmp_path_factory):
    """A printed and a plywood bundle written once for the manifest and layout tests."""
    base = tmp_path_factory.mktemp("bundles")
    printed = make_bundle(
        wb.design("bracket", arm="8 in"), Context(climate="hot-arid", materials={"printed": "petg"}),
        base / "arid", name="arid-petg", why="The shed reaches 45 °C", author="Tucson makers",
        repo=REPO)
    plywood = make_bundle(
        wb.design("bracket", make="plywood", sheet="3/4 in"), Context(stock="us-customary"),
        base / "ply", name="us-ply", why="US sheet sizes", author="Ohio shop", repo=REPO)
    return printed, plywood


def test_manifest_validates_against_the_okh_losh_schema(two_bundles) -> None:
    validator = _okh_validator()
    for b in two_bundles:
        doc = tomllib.loads((b.folder / "okh.toml").read_text())
        assert [e.message for e in validator.iter_errors(doc)] == []
        broken = {**doc, "repo": "ftp://nowhere", "license": 3}
        assert len(list(validator.iter_errors(broken))) == 2  # the validator does bite


def test_manifest_says_what_the_bundle_holds(two_bundles) -> None:
    printed, plywood = two_bundles
    doc = tomllib.loads((printed.folder / "okh.toml").read_text())
    assert (doc["okhv"], doc["name"], doc["version"]) == (
        "OKH-LOSHv1.0", "Wall shelf bracket (arid-petg)", "1.0.0+arid-petg")
    assert (doc["repo"], doc["license"]) == (REPO, "CERN-OHL-S-2.0")
    assert doc["licensor"] == ["Cosmo-local workbench contributors", "Tucson makers"]
    assert "The shed reaches 45 °C" in doc["function"] and "PETG" in doc["function"]
    assert (doc["tsdc"], doc["printing-process"]) == (["3DP"], "FDM")
    assert doc["outer-dimensions"] == {"openSCAD": "cube(size = [203.2,40,150])", "unit": "mm"}
    assert doc["lineage"]["parent"] == "bracket@1.0.0"
    assert doc["lineage"]["parent-link"] == "source/bracket/design.py"
    [part] = doc["part"]
    assert part["name"] == "bracket" and part["material"] == "PETG (Prusament PETG) (petg)"
    assert part["export"][0] == "files/bracket-arid-petg-bracket.stl"
    mass = wb.evaluate(wb.design("bracket", arm="8 in"), Context(materials={"printed": "petg"})).mass
    assert part["mass"] == {"value": round(mass.to("g").magnitude, 1), "unit": "g"}
    assert doc["mass"] == part["mass"]
    ply = tomllib.loads((plywood.folder / "okh.toml").read_text())
    assert [p["name"] for p in ply["part"]] == ["wall-plate", "arm-plate", "gusset"]
    assert {p["thickness-mm"] for p in ply["part"]} == {18.256}  # 23/32 in, the actual US sheet
    assert ply["tsdc"] == ["ASM", "CNC"] and ply["bom"].endswith("-cutlist.csv")
    for b, d in ((printed, doc), (plywood, ply)):  # every path is relative and exists
        paths = [d["readme"], d["image"], *d["source"], *d["export"], *d["auxiliary"],
                 d["lineage"]["variant"], d["lineage"]["parent-link"]]
        paths += [x for p in d["part"] for x in [p["source"], *p["export"]]]
        for rel in paths:
            assert not rel.startswith("/") and ".." not in rel and (b.folder / rel).is_file(), rel


def test_bundle_layout_and_readme(two_bundles) -> None:
    printed, plywood = two_bundles
    assert set(printed.files) >= {
        "README.md", "okh.toml", "report.md", "report.html", "preview.svg", "LICENSE.txt",
        "SHA256SUMS", "variants/arid-petg.toml", "source/bracket/design.py",
        "source/bracket/bracket.scad", "source/bracket/bracket.json",
        "files/bracket-arid-petg-bracket.stl", "files/bracket-arid-petg.step"}
    assert any(f.endswith(".dxf") for f in plywood.files) and "source/bracket/bracket.json" not in plywood.files
    readme = (printed.folder / "README.md").read_text()
    for text in ("# Wall shelf bracket (arid-petg)", "Lineage: bracket@1.0.0 → arid-petg",
                 "- `arid-petg` by Tucson makers, ", ": The shed reaches 45 °C",
                 "- Arm length (`arm`): 203.2 mm; default 150 mm",
                 "- climate: Hot arid - Phoenix, Arizona (Sky Harbor", "- material for `printed`: PETG",
                 "print `files/bracket-arid-petg-bracket.stl` as it lies in the file",
                 "openscad -p source/bracket/bracket.json -P arid-petg -o arid-petg.stl "
                 "source/bracket/bracket.scad",
                 f"workbench bundle --variant variants/arid-petg.toml --repo {REPO} --out "
                 "../arid-petg-rebuilt",
                 f"`{printed.geometry_hash}`", "License: CERN-OHL-S-2.0 (CERN Open Hardware Licence "
                 "Version 2 - Strongly Reciprocal)"):
        assert text in readme, text
    ply_readme = (plywood.folder / "README.md").read_text()
    assert "(actual 18.2562 mm as the stock sells it)" in ply_readme
    assert "models the design in OpenSCAD, but not this variant: make: plywood" in ply_readme
    scad = json.loads((printed.folder / "source/bracket/bracket.json").read_text())
    assert scad["parameterSets"]["arid-petg"]["arm"] == "203.2"
    assert (printed.folder / "preview.svg").read_text().startswith("<?xml")
    if "preview.png" in printed.files:  # rendered where VTK works off screen
        assert (printed.folder / "preview.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert printed.notes and printed.notes[0].startswith("No PNG preview: ")


def test_without_a_variant_file_the_adaptation_is_written_as_one(bracket_dir, tmp_path) -> None:
    d, ctx = wb.design("bracket", width="60 mm"), Context(climate="lima")
    b = make_bundle(d, ctx, tmp_path / "b", name="wide", why="Wider shelves here",
                    author="Lima fablab", repo=REPO)
    text = (b.folder / "variants/wide.toml").read_text()
    today = render_variant(d, ctx, name="wide", why="Wider shelves here", author="Lima fablab")
    assert text == today and 'width = "60 mm"' in text and 'climate = "lima"' in text
    # what save_variant writes is the same text
    saved = save_variant(d, ctx, name="wide", why="Wider shelves here", author="Lima fablab")
    assert saved.read_text() == text
    # a saved variant with values on top becomes a child variant; both files travel
    parent = load_variant(saved)
    child = make_bundle(d.evolve(arm="200 mm"), ctx, tmp_path / "c", variant=parent,
                        name="wide-deep", why="and deeper", repo=REPO)
    assert {"variants/wide.toml", "variants/wide-deep.toml"} <= set(child.files)
    top = load_variant(child.folder / "variants/wide-deep.toml")
    assert top.parent == "variant:wide" and top.design() == d.evolve(arm="200 mm")
    doc = tomllib.loads((child.folder / "okh.toml").read_text())
    assert doc["lineage"]["chain"] == ["bracket@1.0.0", "wide", "wide-deep"]
    assert doc["lineage"]["parent-link"] == "variants/wide.toml"
    with pytest.raises(WorkbenchError, match=r"^name this adaptation \(--name SLUG\)"):
        make_bundle(d, ctx, tmp_path / "d", repo=REPO)
    with pytest.raises(WorkbenchError, match=r"^say why \(--why\)"):
        make_bundle(d, ctx, tmp_path / "d", name="x", repo=REPO)
    assert not (tmp_path / "d").exists()


def test_existing_bundle_is_refused_or_replaced_whole(bracket_dir, tmp_path) -> None:
    d, out = wb.design("bracket"), tmp_path / "b"
    kw = dict(name="plain", why="as published", repo=REPO)
    make_bundle(d, Context(), out, **kw)
    before = _snapshot(out)
    with pytest.raises(WorkbenchError, match=r"already exists; choose another --out, or pass --overwrite"):
        make_bundle(d, Context(), out, **kw)
    assert _snapshot(out) == before
    (out / "stale.txt").write_text("left over")
    make_bundle(d.evolve(width="50 mm"), Context(), out, overwrite=True, **kw)
    assert not (out / "stale.txt").exists() and 'width = "50 mm"' in (out / "variants/plain.toml").read_text()
    not_a_bundle = tmp_path / "home"
    not_a_bundle.mkdir()
    (not_a_bundle / "thesis.tex").write_text("years of work")
    with pytest.raises(WorkbenchError, match=r"exists and is not a bundle \(no okh.toml and SHA256SUMS\)"):
        make_bundle(d, Context(), not_a_bundle, overwrite=True, **kw)
    assert [p.name for p in not_a_bundle.iterdir()] == ["thesis.tex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "b.zip", "designs", "home"]


def test_a_failure_while_writing_leaves_the_previous_bundle_untouched(bracket_dir, tmp_path,
                                                                      monkeypatch) -> None:
    d, out = wb.design("bracket"), tmp_path / "b"
    make_bundle(d, Context(), out, name="plain", why="as published", repo=REPO)
    before, zip_before = _snapshot(out), Path(f"{out}.zip").read_bytes()

    def broken(facts):  # type: ignore[no-untyped-def]
        raise WorkbenchError("disk full")

    monkeypatch.setattr("workbench.bundle.readme.readme_text", broken)
    with pytest.raises(WorkbenchError, match="disk full"):
        make_bundle(d.evolve(width="50 mm"), Context(), out, name="plain", why="w", repo=REPO,
                    overwrite=True)
    assert _snapshot(out) == before and Path(f"{out}.zip").read_bytes() == zip_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "b.zip", "designs"]  # no staging left


def test_a_failed_swap_puts_the_old_bundle_and_zip_back(tmp_path, monkeypatch) -> None:
    from workbench.export import _atomic

    target = tmp_path / "b"
    target.mkdir()
    for m in _fs.MARKERS:
        (target / m).write_text("old")
    (tmp_path / "b.zip").write_text("old zip")
    real_replace = os.replace

    def replace(src, dst):  # type: ignore[no-untyped-def]
        if Path(dst) == tmp_path / "b.zip" and ".staging-" in str(src):
            raise OSError("rename failed")  # the folder is already in, the zip fails
        return real_replace(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", replace)
    with pytest.raises(OSError, match="rename failed"):
        with _fs.staged(target, tmp_path / "b.zip", overwrite=True) as stage:
            for m in _fs.MARKERS:
                (stage / m).write_text("new")
    assert (target / "okh.toml").read_text() == "old"
    assert (tmp_path / "b.zip").read_text() == "old zip"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "b.zip"]


@pytest.mark.parametrize("rel", ["../x", "/etc/passwd", "a/../../b", "C:evil", "a\\b", "", ".."])
def test_paths_from_user_input_cannot_leave_the_bundle(rel, tmp_path) -> None:
    with pytest.raises(WorkbenchError, match="would leave the bundle folder"):
        _fs.inside(tmp_path, rel)


def test_names_cannot_escape_the_output_folder(bracket_dir, tmp_path) -> None:
    with pytest.raises(WorkbenchError, match=r"^variant name '\.\./evil' is not allowed"):
        make_bundle(wb.design("bracket"), Context(), tmp_path / "b", name="../evil", why="w",
                    repo=REPO)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "link").symlink_to(tmp_path)
    with pytest.raises(WorkbenchError, match="would leave the bundle folder"):
        _fs.inside(tmp_path / "b", "link/x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "designs"]


def test_repository_address_is_required_and_checked(bracket_dir, tmp_path, capsys) -> None:
    assert main(["bundle", "bracket", "--out", str(tmp_path / "b")]) == 2
    assert capsys.readouterr().err == (
        "workbench: error: the OKH manifest needs the web address of the repository where this "
        "variant is shared: pass --repo https://... (your fork, or your workshop's repository)\n")
    assert main(["bundle", "bracket", "--out", str(tmp_path / "b"), "--repo", "my laptop"]) == 2
    assert "repository 'my laptop' is not a web address; allowed: http(s)://host/path" in capsys.readouterr().err
    assert main(["bundle", "bracket", "--set", "arm=200mm", "--out", str(tmp_path / "b"),
                 "--repo", REPO]) == 2
    assert capsys.readouterr().err == (
        "workbench: error: say why (--why): which local condition this adaptation is for\n")
    assert not (tmp_path / "b").exists()


def test_report_has_every_check_with_numbers_explanation_and_reference() -> None:
    ev = wb.evaluate(wb.design("bracket", arm="300 mm", load="600 N"),
                     Context(climate="hot-arid", materials={"printed": "pla"}))
    md, page = markdown_report(ev), html_report(ev)
    assert ev.status == "fail"  # a failing case shows it
    assert md.startswith("# Check report: Wall shelf bracket\n")
    assert "Verdict: FAIL." in md and "<p>Verdict: FAIL." in page
    assert f"- climate: {ev.resolved.context.climate_profile.name} (`hot-arid`)" in md
    for c in ev.checks:
        for text in (c.name, c.message, f"reference: {c.reference}"):
            assert text in md, text
            assert html_report.__module__ and __import__("html").escape(text) in page, text
        status = {"pass": "pass", "warn": "warning", "fail": "FAIL"}[c.status.value]
        assert f"### {c.name}: {status}" in md
        assert f'<td class="{c.status.value}">{status}</td><td>{__import__("html").escape(c.name)}' in page
    assert "| arm | Arm length | 300 mm | changed (default 150 mm) |" in md
    assert "<script" not in page and "http" not in page.split("</style>")[0]
    assert markdown_report(ev) == md  # no timestamp: the same evaluation gives the same text


def test_license_text_is_included_offline_or_named(monkeypatch) -> None:
    full = license_files("CERN-OHL-S-2.0")
    assert full.main == "LICENSE.txt" and full.full_text
    assert full.files["LICENSE.txt"].startswith("CERN Open Hardware Licence Version 2 - Strongly Reciprocal")
    both = license_files("MIT OR Apache-2.0")
    assert set(both.files) == {"LICENSE.md", "LICENSES/MIT.txt", "LICENSES/Apache-2.0.txt"}
    monkeypatch.setattr("workbench.bundle.license._spdx_list", lambda: None)
    named = license_files("CERN-OHL-S-2.0")
    assert named.main == "LICENSE.md" and not named.full_text and list(named.files) == ["LICENSE.md"]
    text = named.files["LICENSE.md"]
    assert "`CERN-OHL-S-2.0`" in text and "https://spdx.org/licenses/CERN-OHL-S-2.0.html" in text
    assert "is not included" in text


def _readme_commands() -> list[str]:
    """The command lines of the README's "Back to the commons" section, continuations joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Back to the commons", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```\n(.*?)```", section, flags=re.S)
    return [line for block in blocks for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def test_the_readme_commands_run_as_shown(bracket_dir, tmp_path, monkeypatch, capsys) -> None:
    import shlex

    monkeypatch.chdir(tmp_path)  # the designs folder copy is tmp_path/designs, as in a checkout
    commands = _readme_commands()
    assert [c.split()[:2] for c in commands] == [
        ["workbench", "variant"], ["workbench", "bundle"], ["workbench", "openscad"],
        ["openscad", "-p"], ["workbench", "openscad"]]
    for line in commands:
        argv = shlex.split(line)
        if argv[0] == "openscad":
            if shutil.which("openscad") is None:
                continue
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=300)
            assert proc.returncode == 0, proc.stderr
            continue
        assert main(argv[1:]) == 0, capsys.readouterr().err
    assert (tmp_path / "share" / "lima-ply-15" / "okh.toml").is_file()
    assert (tmp_path / "share" / "lima-ply-15.zip").is_file()
    assert load_variant(bracket_dir / "variants" / "us-8in.toml").design() == wb.design("bracket", arm="8 in")


def test_a_variant_whose_recorded_hash_differs_is_bundled_with_a_note(bracket_dir, tmp_path) -> None:
    path = save_variant(wb.design("bracket", width="50 mm"), Context(), name="w50", why="w",
                        author="a")
    real = load_variant(path).geometry_hash
    path.write_text(path.read_text().replace(real, "0" * 64))
    b = make_bundle(load_variant(path).design(), Context(), tmp_path / "b", variant=load_variant(path),
                    repo=REPO)
    assert b.geometry_hash == real
    assert b.notes[0] == (f"The geometry hash recorded in variants/w50.toml ({'0' * 64}) differs from "
                          f"this build ({real}): the design or its data changed since.")
    assert b.notes[0] in (b.folder / "README.md").read_text()


def test_png_preview_failure_is_a_note_not_an_error(monkeypatch, tmp_path) -> None:
    from workbench.bundle import preview

    monkeypatch.setattr(preview, "_RENDER", "import sys; sys.exit('no OpenGL here')")
    geo = wb.evaluate(wb.design("bracket")).geometry
    target = tmp_path / "p.png"
    assert preview.write_png(geo, target) == "VTK could not render off screen here (no OpenGL here)"
    assert not target.exists()
    assert preview.svg_text(geo).count("<path") > 20
