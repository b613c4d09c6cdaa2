"""The command line's conventions (issue 18, point 7): `--json` prints strict JSON of a stable
shape, stdout carries the data alone and stderr the messages, `check --strict` fails CI on a
failing or unverified verdict, progress is drawn only on a terminal, and an error of the operating
system is one line with exit 2."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
import textwrap
from pathlib import Path
from typing import Any

import pytest

from workbench.cli import main

ROOT = Path(__file__).resolve().parents[1]
CHECK_KEYS = {"name", "status", "utilisation", "message", "load_bearing", "ran", "lacks"}
SWEEP = ["sweep", "bracket", "--vary", "arm=100mm..200mm:2", "--executor", "serial"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def strict_json(text: str) -> Any:
    """Parse as JSON that `jq` also reads: NaN and Infinity are refused."""
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _copy(designs_dir: Path, design: str) -> Path:
    shutil.copytree(ROOT / "designs" / design, designs_dir / design,
                    ignore=shutil.ignore_patterns("variants", "__pycache__"))
    (designs_dir / design / "variants").mkdir()
    return designs_dir / design


def _broken(designs_dir: Path) -> None:
    (designs_dir / "broken").mkdir()
    (designs_dir / "broken" / "design.py").write_text("this is not python\n")


# -- list and show ---------------------------------------------------------------------------------
def test_list_json(capsys) -> None:
    code, out, err = run(capsys, "list", "--json")
    assert (code, err) == (0, "")
    data = strict_json(out)
    assert set(data) == {"designs", "problems"} and data["problems"] == []
    bracket = next(d for d in data["designs"] if d["id"] == "bracket")
    assert bracket["version"] == "1.0.0" and bracket["title"] == "Wall shelf bracket"
    assert bracket["summary"].startswith("An L-shaped bracket")
    assert {d["id"] for d in data["designs"]} >= {"bracket", "plywood-shelf", "rope-pump"}


def test_list_names_broken_designs_on_stderr_only(capsys, designs_dir) -> None:
    _copy(designs_dir, "bracket")
    _broken(designs_dir)
    code, out, err = run(capsys, "list")
    assert code == 0 and out.split() == ["bracket", "1.0.0", "Wall", "shelf", "bracket"]
    assert err.startswith("broken: ") and "broken" in err and err.count("\n") == 1
    code, out, err2 = run(capsys, "list", "--json")
    data = strict_json(out)
    assert [d["id"] for d in data["designs"]] == ["bracket"]
    assert len(data["problems"]) == 1 and f"broken: {data['problems'][0]}\n" == err2 == err


def test_list_of_nothing(capsys, designs_dir) -> None:
    assert run(capsys, "list") == (0, "", "no designs found\n")
    code, out, err = run(capsys, "list", "--json")
    assert (code, strict_json(out), err) == (0, {"designs": [], "problems": []}, "no designs found\n")


def test_show_json(capsys) -> None:
    code, out, err = run(capsys, "show", "bracket", "--json")
    assert (code, err) == (0, "")
    data = strict_json(out)
    assert (data["id"], data["version"], data["license"], data["parent"]) == (
        "bracket", "1.0.0", "CERN-OHL-S-2.0", None)
    assert data["roles"]["printed"] == {"label": "Printed bracket", "process": "print",
                                        "default": "pla", "help": "Filament for the one-piece bracket"}
    params = {p["name"]: p for p in data["parameters"]}
    assert {k: params["arm"][k] for k in ("kind", "unit", "default", "allowed", "min", "max")} == {
        "kind": "length", "unit": "mm", "default": "150 mm", "allowed": "60 to 400 mm",
        "min": 60, "max": 400}
    assert params["arm"]["help"].startswith("How far the shelf reaches out from the wall")
    assert params["make"]["options"] == ["printed", "plywood"] and params["make"]["unit"] is None
    assert params["holes"]["kind"] == "count" and (params["holes"]["min"], params["holes"]["max"]) == (0, 4)


def test_list_and_show_json_import_neither_cadquery_nor_pint() -> None:
    code = textwrap.dedent(
        """
        import sys, io, contextlib
        from workbench.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["list", "--json"]); main(["show", "bracket", "--json"])
        print("cadquery" in sys.modules, "pint" in sys.modules, "OCP" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=_env())
    assert out.stdout.strip() == "False False False"


# -- check --strict --------------------------------------------------------------------------------
def test_check_strict_exits_1_on_a_failing_check(capsys) -> None:
    code, out, err = run(capsys, "check", "bracket", "--climate", "hot-arid")
    assert (code, err) == (0, "") and "verdict: FAIL" in out
    code, out2, err = run(capsys, "check", "bracket", "--climate", "hot-arid", "--strict")
    assert (code, out2, err) == (1, out, "workbench: check --strict: verdict fail\n")


def test_check_strict_exits_1_when_a_load_bearing_check_cannot_run(capsys) -> None:
    # the default bracket: 'wall fixing' is load-bearing and lacks the wall's data
    code, out, err = run(capsys, "check", "bracket", "--strict", "--json")
    assert (code, err) == (1, "workbench: check --strict: verdict unverified\n")
    data = strict_json(out)
    assert data["status"] == "unverified"
    assert [u["name"] for u in data["unverified"]] == ["wall fixing"]
    fixing = next(c for c in data["checks"] if c["name"] == "wall fixing")
    assert set(fixing) >= CHECK_KEYS
    assert (fixing["ran"], fixing["load_bearing"], fixing["utilisation"]) == (False, True, None)
    assert run(capsys, "check", "bracket", "--json")[0] == 0  # without --strict: 0 as before


def test_check_strict_exits_0_on_warn(capsys) -> None:
    code, out, err = run(capsys, "check", "plywood-shelf", "--strict", "--json")
    assert (code, err) == (0, "") and strict_json(out)["status"] == "warn"


# -- validate --------------------------------------------------------------------------------------
def test_validate_reports_on_stdout_broken_designs_on_stderr(capsys, designs_dir) -> None:
    assert main(["new", "shelf-board"]) == 0
    capsys.readouterr()
    _broken(designs_dir)
    code, out, err = run(capsys, "validate", "shelf-board", "--samples", "0")
    assert code == 1  # a design that fails to load fails validation
    assert out.splitlines()[0] == "shelf-board: ok" and "broken" not in out
    assert err.startswith("broken: ") and err.count("\n") == 1
    code, out, err2 = run(capsys, "validate", "shelf-board", "--samples", "0", "--json")
    assert (code, err2) == (1, err)
    data = strict_json(out)
    assert data["ok"] is False and len(data["problems"]) == 1 and err == f"broken: {data['problems'][0]}\n"
    (report,) = data["designs"]
    assert (report["design"], report["ok"], report["sampled"], report["failures"]) == (
        "shelf-board", True, 0, [])
    assert report["built"] >= 1 and report["checks"] >= 1 and "step" in report["exports"]


# -- gaps and adapt --------------------------------------------------------------------------------
def test_gaps_json_is_strict(capsys) -> None:
    code, out, err = run(capsys, "gaps", "hdpe-planter", "--stock", "eu-metric", "--climate",
                         "hot-arid", "--json")
    assert (code, err) == (0, "")
    data = strict_json(out)
    assert set(data) == {"evaluations", "refused", "cannot_run", "distinct_needs", "rows"}


def test_adapt_json_checks_have_the_keys_of_check_json_and_name_the_saved_file(
        capsys, designs_dir) -> None:
    _copy(designs_dir, "plywood-shelf")
    code, out, err = run(capsys, "adapt", "plywood-shelf", "--stock", "india", "--json",
                         "--save-variant", "india-ply", "--why", "Birch is not sold here")
    assert (code, err) == (0, "")
    data = strict_json(out)  # the saved file's path is in the JSON, not a line after it
    saved = designs_dir / "plywood-shelf" / "variants" / "india-ply.toml"
    assert data["variant_file"] == str(saved) and saved.is_file()
    assert data["verdict"] == "adapted-but-unverified"
    assert all(set(c) == CHECK_KEYS for c in data["checks"])
    assert {c["status"] for c in data["checks"]} <= {"pass", "warn", "fail"}
    deflection = next(c for c in data["checks"] if c["name"] == "shelf deflection")
    assert (deflection["status"], deflection["ran"], deflection["utilisation"]) == ("warn", False, None)
    assert deflection["lacks"] == "modulus for Softwood plywood"


# -- sweep -----------------------------------------------------------------------------------------
def test_sweep_json_on_stdout_summary_on_stderr(capsys) -> None:
    code, out, err = run(capsys, *SWEEP, "--json")
    assert code == 0
    data = strict_json(out)
    assert set(data) == {"design", "columns", "counts", "rows"} and data["design"] == "bracket"
    assert [r["arm"] for r in data["rows"]] == ["100 mm", "200 mm"]
    assert sum(data["counts"].values()) == 2 and set(data["counts"]) == {"pass", "warn", "fail", "error"}
    assert all(list(r) == data["columns"] for r in data["rows"])
    parts = ", ".join(f"{n} {s}" for s, n in data["counts"].items())
    assert err == f"2 variants of bracket: {parts}\n"  # no progress bar: stderr is no terminal


def test_sweep_csv_on_stdout_is_the_table_alone(capsys) -> None:
    code, out, err = run(capsys, *SWEEP)
    assert code == 0 and out.splitlines()[0].startswith("arm,status,") and len(out.splitlines()) == 3
    assert err.startswith("2 variants of bracket: ") and err.count("\n") == 1


def test_sweep_json_and_out_are_one_or_the_other(capsys, tmp_path) -> None:
    code, out, err = run(capsys, *SWEEP, "--json", "--out", str(tmp_path / "r.csv"))
    assert (code, out) == (2, "")
    assert err == ("workbench: error: --json prints the table on stdout; --out writes it to a "
                   "file: give one of them\n")
    assert list(tmp_path.iterdir()) == []


def _sweep_stderr(on_terminal: bool, *extra: str) -> str:
    """Run a small sweep in a subprocess, stderr a terminal (a pty) or a pipe; its stderr."""
    argv = [sys.executable, "-m", "workbench", *SWEEP, *extra]
    if not on_terminal:
        proc = subprocess.run(argv, capture_output=True, text=True, env=_env(), timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stderr
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=follower, env=_env())
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=300) == 0
    return b"".join(chunks).decode(errors="replace")


def test_progress_is_drawn_only_on_a_terminal() -> None:
    piped = _sweep_stderr(False)
    assert piped.startswith("2 variants of bracket: ") and piped.count("\n") == 1
    shown = _sweep_stderr(True)
    assert "sweep bracket: 100%" in shown and "2/2" in shown
    assert "sweep bracket" not in _sweep_stderr(True, "--no-progress")


# -- messages of the other commands ----------------------------------------------------------------
def test_new_prints_the_folder_and_the_hint_on_stderr(capsys, designs_dir) -> None:
    code, out, err = run(capsys, "new", "shelf-board")
    folder = designs_dir / "shelf-board"
    assert (code, out) == (0, f"{folder}\n")
    assert err == f"next: edit {folder / 'design.py'}, then run: workbench validate shelf-board\n"


def test_lineage_without_variants_says_so_on_stderr(capsys, designs_dir) -> None:
    _copy(designs_dir, "bracket")
    code, out, err = run(capsys, "lineage", "bracket")
    assert (code, out) == (0, "bracket@1.0.0  Wall shelf bracket\n")
    assert err == "no variants yet: workbench variant save ...\n"


def test_bundle_prints_paths_on_stdout_and_notes_on_stderr(capsys, designs_dir, tmp_path) -> None:
    bracket = _copy(designs_dir, "bracket")
    assert main(["variant", "save", "bracket", "--set", "width=50mm", "--name", "w50",
                 "--why", "w", "--author", "a"]) == 0
    capsys.readouterr()
    path = bracket / "variants" / "w50.toml"
    text = path.read_text()
    real = next(line.split('"')[1] for line in text.splitlines() if line.startswith("geometry_hash"))
    path.write_text(text.replace(real, "0" * 64))
    out_dir = tmp_path / "b"
    code, out, err = run(capsys, "bundle", "--variant", "bracket/w50", "--out", str(out_dir),
                         "--tolerance", "draft", "--repo", "https://example.org/commons")
    assert code == 0
    assert out.splitlines() == [str(out_dir), f"{out_dir}.zip",
                                f"variant variants/w50.toml; geometry hash {real}"]
    assert (f"note: The geometry hash recorded in variants/w50.toml ({'0' * 64}) differs from "
            f"this build ({real}): the design or its data changed since.\n") in err


# -- errors of the operating system: one line, exit 2 ----------------------------------------------
def test_new_into_a_folder_under_a_file_is_one_line(capsys, tmp_path, monkeypatch) -> None:
    from workbench import catalog

    a_file = tmp_path / "FILE"
    a_file.write_text("mine")
    monkeypatch.setenv("WORKBENCH_DESIGNS", str(a_file / "designs"))
    catalog.refresh()
    try:
        code, out, err = run(capsys, "new", "shelf-board")
    finally:
        monkeypatch.undo()
        catalog.refresh()
    assert (code, out) == (2, "")
    assert err == (f"workbench: error: could not write {a_file / 'designs' / 'shelf-board'}: "
                   "a part of it is a file, not a folder\n")
    assert a_file.read_text() == "mine" and sorted(p.name for p in tmp_path.iterdir()) == ["FILE"]


def test_openscad_export_under_a_file_is_one_line(capsys, tmp_path) -> None:
    a_file = tmp_path / "FILE"
    a_file.write_text("mine")
    code, out, err = run(capsys, "openscad", "export", "bracket", "--name", "a",
                         "--out", str(a_file / "sets.json"))
    assert (code, out) == (2, "")
    assert err == (f"workbench: error: could not write {a_file}: a file of that name is in the "
                   "way, not a folder\n")
    assert a_file.read_text() == "mine"


def test_adapt_save_variant_into_an_unwritable_place_is_one_line(capsys, designs_dir) -> None:
    shelf = _copy(designs_dir, "plywood-shelf")
    shutil.rmtree(shelf / "variants")
    (shelf / "variants").write_text("a file where the folder should be")
    code, out, err = run(capsys, "adapt", "plywood-shelf", "--stock", "india", "--json",
                         "--save-variant", "india-ply", "--why", "w")
    assert (code, out) == (2, "")
    assert err == (f"workbench: error: could not write {shelf / 'variants'}: a file of that name "
                   "is in the way, not a folder\n")
    assert (shelf / "variants").read_text() == "a file where the folder should be"
