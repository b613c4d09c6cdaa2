"""Bugs found by trying the command line as a new user would (issue 11): each is one line and
exit 2 (or a quiet end), and nothing is written where it should not be."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import workbench as wb
from workbench.checks.result import CheckResult
from workbench.cli import main
from workbench.export import _atomic, export

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_out_under_a_file_is_one_line_and_writes_nothing(capsys, tmp_path) -> None:
    a_file = tmp_path / "FILE"
    a_file.write_text("mine")
    code, out, err = run(capsys, "build", "bracket", "--format", "step", "--out", str(a_file / "x"))
    assert (code, out) == (2, "")
    assert err == f"workbench: error: could not write {a_file / 'x'}: a part of it is a file, not a folder\n"
    assert a_file.read_text() == "mine" and sorted(p.name for p in tmp_path.iterdir()) == ["FILE"]


def test_out_that_cannot_be_created_is_one_line(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "build", "bracket", "--format", "step", "--out",
                         "/proc/workbench-out/x")
    assert (code, out) == (2, "")
    assert err.startswith("workbench: error: could not write /proc/workbench-out") and err.count("\n") == 1


@pytest.mark.parametrize("name", ["../../x", "a/b", "..", ".hidden", ""])
def test_name_is_a_file_stem_not_a_path(capsys, tmp_path, name) -> None:
    out_dir = tmp_path / "a" / "b" / "out"
    code, out, err = run(capsys, "build", "bracket", "--format", "step", "--name", name,
                         "--out", str(out_dir))
    assert (code, out) == (2, "")
    if name:
        assert err == (f"workbench: error: name '{name}' is not a file name: give a stem without "
                       f"'/', '\\' or a leading '.' (e.g. bracket-lima)\n")
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files == []


def test_a_closed_pipe_ends_the_command_quietly(tmp_path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "show", "bracket"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    proc.stdout.close()  # the reader is gone before the command prints (like `| head -1`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert err == ""


def test_export_is_all_or_nothing_when_the_nth_write_fails(tmp_path, monkeypatch) -> None:
    ev = wb.evaluate(wb.design("bracket", make="plywood"))
    formats = ["step", "dxf", "svg", "csv", "md"]
    first = export(ev, formats, tmp_path, "b")
    assert len(first) == 6
    old = {p.name: p.read_bytes() for p in first}
    changed = wb.evaluate(wb.design("bracket", make="plywood", arm="200 mm"))
    for n in range(1, len(first) + 1):
        monkeypatch.setenv(_atomic.FAIL_WRITE_ENV, str(n))
        monkeypatch.setitem(_atomic._COUNTS, "write", 0)
        with pytest.raises(wb.WorkbenchError, match="No space left on device"):
            export(changed, formats, tmp_path, "b")
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old, n
    monkeypatch.delenv(_atomic.FAIL_WRITE_ENV)
    export(changed, formats, tmp_path, "b")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} != old


def test_a_failed_rename_puts_the_old_files_back(tmp_path, monkeypatch) -> None:
    ev = wb.evaluate(wb.design("bracket", make="plywood"))
    first = export(ev, ["step", "csv", "md"], tmp_path, "b")
    old = {p.name: p.read_bytes() for p in first}
    real = os.replace
    calls = []

    def replace(src, dst):  # the third rename of the commit fails
        if ".staging-" in str(src) and Path(dst).parent == tmp_path:
            calls.append(dst)
            if len(calls) == 3:
                raise OSError(5, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", replace)
    with pytest.raises(wb.WorkbenchError, match="Input/output error"):
        export(wb.evaluate(wb.design("bracket", make="plywood", arm="200 mm")),
               ["step", "csv", "md"], tmp_path, "b")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old


def test_missing_data_messages_have_no_stray_article() -> None:
    assert CheckResult.missing("arm bending", "a strength for Birch plywood").message == (
        "This check cannot run: the data has no strength for Birch plywood; add it (with its "
        "source) to materials/.")
    ev = wb.evaluate(wb.design("plywood-shelf"), wb.Context(materials={"panel": "plywood-softwood"}))
    texts = [c.message for c in ev.checks if "cannot run" in c.message]
    assert texts and not any(" no a " in t or " no an " in t for t in texts)


def test_validate_reads_exports_back_without_trimesh(tmp_path, monkeypatch) -> None:
    from workbench.validate import check_exports

    monkeypatch.setitem(sys.modules, "trimesh", None)  # `import trimesh` now fails
    formats, problems = check_exports(wb.design("bracket"), wb.Context(), tmp_path)
    assert formats == ["stl", "3mf", "step", "csv", "md"] and problems == []


def test_ctrl_c_says_what_was_already_written(capsys, tmp_path, monkeypatch) -> None:
    from workbench.cli import batch

    def interrupted_after_a_file(args):  # type: ignore[no-untyped-def]
        _atomic.write_text(tmp_path / "a.csv", "x\n")
        raise KeyboardInterrupt

    def interrupted_at_once(args):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "cmd_sweep", interrupted_after_a_file)
    assert run(capsys, "sweep", "bracket") == (
        130, "", f"workbench: interrupted; written before it: {tmp_path / 'a.csv'}\n")
    monkeypatch.setattr(batch, "cmd_sweep", interrupted_at_once)
    assert run(capsys, "sweep", "bracket") == (130, "", "workbench: interrupted; nothing written\n")
