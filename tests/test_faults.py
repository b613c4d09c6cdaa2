"""Nothing lost under faults (issue 19): a full disk, a read-only folder, a kill, two writers at
once, Ctrl-C. Each case asserts one line and exit 2 (130 for Ctrl-C); the old files intact or the
new set complete, never a mix once the next run has looked; no leftovers; no process left behind.

A real full disk is a 300 kB tmpfs (mounted when the tests run as root; skipped otherwise). The
same faults are injected everywhere through the write path's test hooks (`export._atomic`):
ENOSPC at the n-th file, SIGKILL before the n-th file or after the k-th commit rename.
Everything runs in tmp folders; every subprocess has a timeout.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import workbench as wb
from workbench.cli import main
from workbench.export import _atomic

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 180
REPO = "https://example.org/lima-fablab/bracket"
"""Any web address: the manifest needs one (the example.org domain is reserved for examples)."""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_FAULT_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return {**env, **extra}


def cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], env=_env(**env),
                          capture_output=True, text=True, timeout=TIMEOUT)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("workbench: error: "), err
    return err


@pytest.fixture
def bracket_dir(designs_dir: Path) -> Path:
    shutil.copytree(ROOT / "designs" / "bracket", designs_dir / "bracket",
                    ignore=shutil.ignore_patterns("variants", "__pycache__"))
    (designs_dir / "bracket" / "variants").mkdir()
    return designs_dir / "bracket"


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 300 kB tmpfs (root only): a disk that really fills up."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root; the injected-ENOSPC tests cover the same paths")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k,mode=0755", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("tmpfs mount not permitted here; the injected-ENOSPC tests cover the same paths")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _fill(disk: Path, leave: int) -> None:
    """Fill `disk` until `leave` bytes are free."""
    st = os.statvfs(disk)
    free = st.f_bavail * st.f_frsize
    with open(disk / "filler", "wb") as fh:
        try:
            fh.write(b"\0" * max(0, free - leave))
        except OSError:
            pass


# -- a full disk ----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["step", "stl", "dxf", "svg", "csv", "md"])
def test_a_full_disk_fails_in_one_line_and_keeps_the_old_file(small_disk: Path, fmt: str) -> None:
    out = small_disk / "out"
    design = ["bracket", "--set", "make=plywood"] if fmt in ("dxf", "svg") else ["bracket"]
    assert cli("build", *design, "--format", fmt, "--tolerance", "draft", "--out", str(out)
               ).returncode == 0
    old = _files(out)
    _fill(small_disk, leave=4096 if fmt not in ("csv", "md") else 0)
    r = cli("build", *design, "--set", "arm=250 mm", "--format", fmt, "--tolerance", "draft",
            "--out", str(out))
    assert (r.returncode, r.stdout) == (2, "")
    assert "No space left on device (the disk is full)" in _one_line(r.stderr)
    assert _files(out) == old and _hidden(out) == []


def test_a_full_disk_leaves_no_bundle_half_written(small_disk: Path) -> None:
    _fill(small_disk, leave=60 * 1024)  # room for some of the files, not for all and the zip
    r = cli("bundle", "bracket", "--name", "plain", "--why", "as published", "--out",
            str(small_disk / "b"), "--tolerance", "draft", "--repo", REPO)
    assert (r.returncode, r.stdout) == (2, "")
    assert _one_line(r.stderr) == (f"workbench: error: could not write the bundle {small_disk / 'b'}: "
                                   f"No space left on device (the disk is full)\n")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_a_full_disk_during_variant_save_and_sweep(small_disk: Path) -> None:
    designs = small_disk / "designs"
    shutil.copytree(ROOT / "designs" / "bracket", designs / "bracket",
                    ignore=shutil.ignore_patterns("variants", "__pycache__", "*.scad"))
    (designs / "bracket" / "variants").mkdir()
    _fill(small_disk, leave=0)
    r = cli("variant", "save", "bracket", "--name", "lima", "--why", "w",
            WORKBENCH_DESIGNS=str(designs))
    assert r.returncode == 2 and "No space left on device (the disk is full)" in _one_line(r.stderr)
    assert list((designs / "bracket" / "variants").iterdir()) == []
    r = cli("sweep", "bracket", "--vary", "arm=100mm..200mm:2", "--executor", "serial",
            "--no-progress", "--out", str(small_disk / "s.csv"))
    assert r.returncode == 2 and "No space left on device (the disk is full)" in _one_line(r.stderr)
    assert sorted(p.name for p in small_disk.iterdir()) == ["designs", "filler"]


@pytest.mark.parametrize("argv", [
    ["build", "bracket", "--format", "stl,step,csv,md"],
    ["build", "bracket", "--set", "make=plywood", "--format", "dxf,svg"],
])
@pytest.mark.parametrize("n", [1, 2])
def test_an_injected_enospc_at_the_nth_write_keeps_the_old_set(tmp_path: Path, argv, n) -> None:
    out = tmp_path / "out"
    assert cli(*argv, "--tolerance", "draft", "--out", str(out)).returncode == 0
    old = _files(out)
    r = cli(*argv, "--set", "arm=250 mm", "--tolerance", "draft", "--out", str(out),
            WORKBENCH_FAULT_FAIL_WRITE=str(n))
    assert (r.returncode, r.stdout) == (2, "")
    assert "No space left on device (the disk is full)" in _one_line(r.stderr)
    assert _files(out) == old and _hidden(out) == []


def test_an_injected_enospc_in_bundle_variant_and_sweep(bracket_dir: Path, tmp_path: Path) -> None:
    env = {"WORKBENCH_DESIGNS": str(bracket_dir.parent), "WORKBENCH_FAULT_FAIL_WRITE": "2"}
    r = cli("bundle", "bracket", "--name", "plain", "--why", "w", "--out", str(tmp_path / "b"),
            "--repo", REPO, **env)
    assert r.returncode == 2 and _one_line(r.stderr).endswith(
        "No space left on device (the disk is full)\n")
    env["WORKBENCH_FAULT_FAIL_WRITE"] = "1"
    r = cli("variant", "save", "bracket", "--name", "lima", "--why", "w", **env)
    assert r.returncode == 2 and "(the disk is full)" in _one_line(r.stderr)
    r = cli("sweep", "bracket", "--vary", "arm=100mm..200mm:2", "--executor", "serial",
            "--no-progress", "--out", str(tmp_path / "s.csv"), **env)
    assert r.returncode == 2 and "(the disk is full)" in _one_line(r.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["designs"]
    assert list((bracket_dir / "variants").iterdir()) == []


def test_a_read_only_folder_is_one_line(small_disk: Path) -> None:
    out = small_disk / "ro"
    out.mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    r = cli("build", "bracket", "--format", "csv", "--out", str(out))
    assert (r.returncode, r.stdout) == (2, "")
    assert "Read-only file system" in _one_line(r.stderr)


# -- kills ----------------------------------------------------------------------------------------
BUILD = ["build", "bracket", "--format", "stl,step,csv,md", "--tolerance", "draft"]


@pytest.mark.parametrize("k", [1, 2, 4])
def test_a_kill_between_renames_is_finished_by_the_next_run(tmp_path: Path, k: int) -> None:
    out, ref = tmp_path / "out", tmp_path / "ref"
    assert cli(*BUILD, "--out", str(out)).returncode == 0
    old = _files(out)
    assert cli(*BUILD, "--set", "arm=250 mm", "--out", str(ref)).returncode == 0
    new = _files(ref)
    r = cli(*BUILD, "--set", "arm=250 mm", "--out", str(out),
            WORKBENCH_FAULT_KILL_AFTER_RENAME=str(k))
    assert r.returncode == -signal.SIGKILL
    (stage,) = [p for p in out.iterdir() if p.name.startswith(".staging-")]
    assert (stage / "COMMIT").is_file()  # the mix on disk is recorded, to be finished
    assert cli("build", "bracket", "--format", "md", "--name", "other", "--out", str(out)
               ).returncode == 0  # the next run into the folder
    now = _files(out)
    assert sorted(now) == sorted([*new, "other-cutlist.md"]) and _hidden(out) == []
    for name in new:  # every file is the new one (STEP carries a time stamp: compare its size)
        same = now[name] == new[name] if not name.endswith(".step") else (
            len(now[name]) == len(new[name]) and now[name] != old[name])
        assert same, name


def test_a_kill_before_the_commit_leaves_the_old_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli(*BUILD, "--out", str(out)).returncode == 0
    old = _files(out)
    r = cli(*BUILD, "--set", "arm=250 mm", "--out", str(out), WORKBENCH_FAULT_KILL_AT_WRITE="3")
    assert r.returncode == -signal.SIGKILL
    assert _files(out) == old and _hidden(out) != []  # a staging folder stays, nothing else
    assert cli("build", "bracket", "--format", "md", "--name", "other", "--out", str(out)
               ).returncode == 0
    assert _hidden(out) == [] and {k: v for k, v in _files(out).items() if k in old} == old


def test_a_kill_between_bundle_folder_and_zip_is_finished(bracket_dir: Path, tmp_path: Path) -> None:
    import zipfile

    env = {"WORKBENCH_DESIGNS": str(bracket_dir.parent)}
    args = ["bundle", "bracket", "--name", "plain", "--why", "w", "--out", str(tmp_path / "b"),
            "--tolerance", "draft", "--overwrite", "--repo", REPO]
    assert cli(*args, **env).returncode == 0
    r = cli(*args, "--set", "arm=250 mm", **env, WORKBENCH_FAULT_KILL_AFTER_RENAME="1")
    assert r.returncode == -signal.SIGKILL
    sums = (tmp_path / "b" / "SHA256SUMS").read_text()
    assert zipfile.ZipFile(tmp_path / "b.zip").read("b/SHA256SUMS").decode() != sums  # mixed
    _atomic.clean_leftovers(tmp_path)  # what the next write into the folder does first
    assert zipfile.ZipFile(tmp_path / "b.zip").read("b/SHA256SUMS").decode() == sums
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "b.zip", "designs"]


# -- two writers, leftovers, permissions, links -----------------------------------------------------
def test_two_saves_of_one_new_variant_name_one_wins(bracket_dir: Path) -> None:
    env = _env(WORKBENCH_DESIGNS=str(bracket_dir.parent))
    procs = [subprocess.Popen([sys.executable, "-m", "workbench", "variant", "save", "bracket",
                               "--name", "same", "--why", f"writer {i}", "--set", f"arm={150 + i} mm"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in (1, 2)]
    results = [(p.wait(timeout=TIMEOUT), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(c for c, _, _ in results)
    assert codes == [0, 2], results
    winner = next(i for i, (c, _, _) in zip((1, 2), results) if c == 0)
    loser_err = next(e for c, _, e in results if c == 2)
    assert "variant 'same' already exists" in _one_line(loser_err)
    text = (bracket_dir / "variants" / "same.toml").read_text()
    assert f'why = "writer {winner}"' in text
    assert [p.name for p in (bracket_dir / "variants").iterdir()] == ["same.toml"]


def test_the_next_run_removes_leftovers_of_dead_writers_only(bracket_dir: Path) -> None:
    from workbench.variants import save_variant

    folder = bracket_dir / "variants"
    (folder / ".old.toml.abcd1234.part").write_text("half")
    (folder / ".staging-abcd1234").mkdir()
    (folder / ".staging-abcd1234" / "x.toml").write_text("half")
    live = folder / ".live.toml.efgh5678.part"
    live.write_text("being written")
    with open(live) as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # a writer that is still running
        save_variant(wb.design("bracket"), wb.Context(), name="next", why="w", author="a")
        assert sorted(p.name for p in folder.iterdir()) == [".live.toml.efgh5678.part", "next.toml"]


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_every_output_follows_the_umask(bracket_dir: Path, tmp_path: Path, capsys, mask) -> None:
    old = os.umask(mask)
    try:
        assert main(["build", "bracket", "--set", "make=plywood", "--tolerance", "draft",
                     "--out", str(tmp_path / "out")]) == 0
        assert main(["bundle", "bracket", "--name", "p", "--why", "w", "--tolerance", "draft",
                     "--repo", REPO, "--out", str(tmp_path / "b")]) == 0
        assert main(["variant", "save", "bracket", "--name", "v", "--why", "w"]) == 0
        assert main(["sweep", "bracket", "--vary", "arm=100mm..200mm:2", "--executor", "serial",
                     "--no-progress", "--out", str(tmp_path / "s.csv")]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    files = [*(tmp_path / "out").iterdir(), tmp_path / "b.zip", tmp_path / "s.csv",
             bracket_dir / "variants" / "v.toml", *(p for p in (tmp_path / "b").rglob("*") if p.is_file())]
    folders = [tmp_path / "b", *(p for p in (tmp_path / "b").rglob("*") if p.is_dir())]
    assert len(files) > 15
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in files} == {
        p.name: oct(0o666 & ~mask) for p in files}
    assert {oct(p.stat().st_mode & 0o777) for p in folders} == {oct(0o777 & ~mask)}


def test_sweep_out_on_a_symlink_writes_through_it(tmp_path: Path, capsys) -> None:
    real = tmp_path / "data" / "results.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    assert main(["sweep", "bracket", "--vary", "arm=100mm..200mm:2", "--executor", "serial",
                 "--no-progress", "--out", str(link)]) == 0
    capsys.readouterr()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("arm,") and len(real.read_text().splitlines()) == 3


# -- Ctrl-C and orphaned workers ------------------------------------------------------------------
SWEEP = ["sweep", "bracket", "--vary", "arm=60mm..400mm:120", "--vary", "width=30mm..60mm:3",
         "--workers", "2", "--no-progress"]


def _session(sid: int) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                pids.append(int(d.name))
    return pids


def _loaded_cad(pid: int) -> bool:
    try:
        return "libTKernel" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _wait(cond, timeout: float = 90.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def _start_sweep(tmp_path: Path) -> subprocess.Popen:
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to follow the worker processes")
    return subprocess.Popen([sys.executable, "-m", "workbench", *SWEEP, "--out",
                             str(tmp_path / "s.csv")], env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _no_process_left(proc: subprocess.Popen) -> None:
    try:
        assert _wait(lambda: not _session(proc.pid), 30), [
            Path(f"/proc/{p}/cmdline").read_text() for p in _session(proc.pid)]
    finally:
        for pid in _session(proc.pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("when", ["worker start-up", "sweep"])
def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path, when: str) -> None:
    proc = _start_sweep(tmp_path)
    workers = lambda: [p for p in _session(proc.pid) if p != proc.pid]  # noqa: E731
    if when == "worker start-up":
        assert _wait(lambda: len(workers()) >= 2)
    else:
        assert _wait(lambda: sum(_loaded_cad(p) for p in workers()) >= 2)
        time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
    assert proc.wait(timeout=TIMEOUT) == 130
    assert proc.stderr.read() == "workbench: interrupted; nothing written\n"
    assert proc.stdout.read() == "" and not (tmp_path / "s.csv").exists()
    _no_process_left(proc)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_workers_end_when_the_sweep_is_killed(tmp_path: Path) -> None:
    proc = _start_sweep(tmp_path)
    assert _wait(lambda: sum(_loaded_cad(p) for p in _session(proc.pid) if p != proc.pid) >= 2)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=TIMEOUT) == -signal.SIGKILL
    _no_process_left(proc)
