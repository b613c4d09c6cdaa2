"""Writing files so that nothing is lost: one file, a set of files, or a folder with its zip.

The scheme (every writer of the workbench goes through it):

- **One file** (`atomic_path`, `write_text`, `write_bytes`): written to ``.NAME.XXXXXXXX.part``
  beside the target, then renamed over it in one step. With ``exclusive=True`` the last step is a
  hard link that fails when the target exists, so of two writers of one new name exactly one wins.
  A symlinked target is written through (the file it points to is replaced, the link stays).
- **A set of files** (`staging_dir`, used by `export`) and **a folder with its zip** (`commit`,
  used by the bundle): everything is written into a staging folder ``.staging-XXXXXXXX`` on the
  same disk and checked. Then a journal ``COMMIT`` naming every rename (source, destination and the
  source's inode) is written inside the staging folder; its rename into place is the commit point.
  Only then do the renames run. Killed before the commit point, a run has touched nothing: the next
  run deletes its staging folder. Killed after it, the next run finds the journal and finishes the
  renames (a rename is done when the destination has the recorded inode), so the new set becomes
  complete. A failure inside this process during the renames puts the old files back (hard links to
  them are taken before the commit).
- **Leftovers**: a staging folder and a ``.part`` file are locked (``flock``) for as long as their
  writer runs. The next write into the same folder removes, or finishes, those whose lock is free
  (their writer is gone) and leaves a live concurrent writer's alone.
- **Permissions**: files get ``0666`` and folders ``0777`` less the umask, like any other program's.
- **Full disk, permissions**: an `OSError` becomes a `WriteError` naming the path and the reason
  (and that the disk is full, for ENOSPC).

Test hooks (read from the environment; the fault-injection tests set them):
``WORKBENCH_FAULT_FAIL_WRITE=N`` makes the N-th file written by this process fail with ENOSPC;
``WORKBENCH_FAULT_KILL_AT_WRITE=N`` kills this process (SIGKILL) before its N-th file;
``WORKBENCH_FAULT_KILL_AFTER_RENAME=K`` kills it right after the K-th commit rename into a
folder that is not itself a staging folder.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from workbench.errors import WorkbenchError

JOURNAL = "COMMIT"
STAGE_PREFIX = "staging-"
FAIL_WRITE_ENV = "WORKBENCH_FAULT_FAIL_WRITE"
KILL_AFTER_RENAME_ENV = "WORKBENCH_FAULT_KILL_AFTER_RENAME"
KILL_AT_WRITE_ENV = "WORKBENCH_FAULT_KILL_AT_WRITE"
_COUNTS = {"write": 0, "rename": 0}
_WRITTEN: list[Path] = []
"""Files and folders this process has put in place (outside staging folders), newest last."""
_PART = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")
"""A ``.part`` file of `atomic_path` (`tempfile.mkstemp` adds 8 characters of [a-z0-9_])."""
_STAGE = re.compile(r"^\.(.+\.)?staging-[a-z0-9_]{8}$")
_FULL = (errno.ENOSPC, errno.EDQUOT)


class WriteError(WorkbenchError):
    """A file or folder that could not be written (permissions, a full disk, a file in the way)."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"could not write {path}: {reason}" if path is not None else
                         f"could not write: {reason}")


def _reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return reason + " (the disk is full)" if exc.errno in _FULL else reason


def os_error_line(exc: OSError, path: Path | str | None = None) -> str:
    """``PATH: REASON`` for `exc`, saying so by name when the disk is full."""
    where = exc.filename if exc.filename is not None else path
    return f"{where}: {_reason(exc)}" if where is not None else _reason(exc)


def write_error(exc: OSError, path: Path | str | None = None) -> WriteError:
    """A one-line `WriteError` for `exc` naming `path` (else the error's file) and the reason."""
    return WriteError(path if path is not None else exc.filename, _reason(exc))


def disk_full(folder: Path) -> bool:
    """True when the disk holding `folder` has no block left for this user."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


# -- permissions and test hooks -------------------------------------------------------------------
def umask() -> int:
    """The process umask (read without changing it where /proc tells it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    return 0o666 & ~umask()


def folder_mode() -> int:
    return 0o777 & ~umask()


def before_write(path: Path) -> None:
    """Called before each file is written: the ``WORKBENCH_FAULT_FAIL_WRITE`` and
    ``WORKBENCH_FAULT_KILL_AT_WRITE`` hooks."""
    _COUNTS["write"] += 1
    if os.environ.get(KILL_AT_WRITE_ENV) == str(_COUNTS["write"]):
        os.kill(os.getpid(), signal.SIGKILL)
    wanted = os.environ.get(FAIL_WRITE_ENV)
    if wanted and _COUNTS["write"] == int(wanted):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def _renamed(dst: str) -> None:
    if any(_STAGE.match(part) for part in Path(dst).parts):
        return  # a commit into a staging folder (a bundle's files): not yet the user's folder
    _COUNTS["rename"] += 1
    wanted = os.environ.get(KILL_AFTER_RENAME_ENV)
    if wanted and _COUNTS["rename"] == int(wanted):
        os.kill(os.getpid(), signal.SIGKILL)


def written() -> list[Path]:
    """What this process has written into place since `forget_written()` (for a message after
    an interruption: what exists now)."""
    return list(_WRITTEN)


def forget_written() -> None:
    _WRITTEN.clear()


def _record(path: Path | str) -> None:
    if not any(_STAGE.match(part) for part in Path(path).parts):
        _WRITTEN.append(Path(path))


def _lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


# -- one file -------------------------------------------------------------------------------------
def _part_file(target: Path) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    _lock(fd)
    os.fchmod(fd, file_mode())
    return fd, Path(tmp)


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the ``.part`` files and staging folders of writers into `folder` that are gone
    (finishing a staging folder's committed renames); returns what was removed or finished."""
    done: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return done
    for p in entries:
        if _PART.match(p.name) and p.is_file() and not p.is_symlink():
            try:
                fd = os.open(p, os.O_RDONLY)
            except OSError:
                continue
            try:
                if _lock(fd):
                    p.unlink(missing_ok=True)
                    done.append(p)
            finally:
                os.close(fd)
        elif _STAGE.match(p.name) and p.is_dir() and not p.is_symlink():
            try:
                fd = os.open(p, os.O_RDONLY)
            except OSError:
                continue
            try:
                if _lock(fd):
                    _recover(p)
                    done.append(p)
            finally:
                os.close(fd)
    return done


def _real(target: Path) -> Path:
    """`target`, or the file it points to when it is a symlink (writes go through links)."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _mkdir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise WriteError(folder, "a file of that name is in the way, not a folder") from exc
    except NotADirectoryError as exc:
        raise WriteError(folder, "a part of it is a file, not a folder") from exc
    except OSError as exc:
        raise write_error(exc, folder) from exc


def umask_mode(path: Path, *, directory: bool = False) -> None:
    """Give `path` the permissions a plain ``open()`` (or ``mkdir``) would: ``mkstemp`` and
    ``mkdtemp`` create 0600 files and 0700 folders, which other users of a shared workshop
    machine could not read."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if directory else 0o666) & ~mask)


@contextmanager
def atomic_path(target: Path, *, exclusive: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one rename.

    With `exclusive`, the target must not exist: it is created with a hard link that fails if
    another writer made it first (`FileExistsError`).
    """
    target = _real(Path(target))
    _mkdir(target.parent)
    clean_leftovers(target.parent)
    try:
        fd, tmp = _part_file(target)
    except OSError as exc:
        raise write_error(exc, target) from exc
    try:
        before_write(target)
        yield tmp
        if exclusive:
            os.link(tmp, target)
            tmp.unlink()
        else:
            os.replace(tmp, target)
        _record(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, FileExistsError) and exclusive:
            raise
        raise write_error(exc, target) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def write_text(target: Path, text: str, *, exclusive: bool = False) -> Path:
    """Write `text` to `target` atomically (UTF-8)."""
    return write_bytes(target, text.encode("utf-8"), exclusive=exclusive)


def write_bytes(target: Path, data: bytes, *, exclusive: bool = False) -> Path:
    """Write `data` to `target` atomically; the file's size is checked before it replaces any."""
    with atomic_path(target, exclusive=exclusive) as tmp:
        tmp.write_bytes(data)
        size = tmp.stat().st_size
        if size != len(data):
            raise OSError(errno.EIO, f"wrote {size} of {len(data)} bytes", str(target))
    return Path(target)


# -- a set of files -------------------------------------------------------------------------------
@contextmanager
def new_stage(parent: Path, prefix: str = "") -> Iterator[Path]:
    """A locked, empty staging folder in `parent` (removed at the end unless it holds a journal
    whose renames could not all be done)."""
    parent = Path(parent)
    _mkdir(parent)
    clean_leftovers(parent)
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{prefix}{STAGE_PREFIX}", dir=parent))
    except OSError as exc:
        raise write_error(exc, parent) from exc
    fd = os.open(stage, os.O_RDONLY)
    _lock(fd)
    try:
        os.chmod(stage, folder_mode())
        yield stage
    finally:
        try:
            if not (stage / JOURNAL).exists():
                shutil.rmtree(stage, ignore_errors=True)
        finally:
            os.close(fd)


def commit(stage: Path, moves: Sequence[tuple[Path, Path]]) -> None:
    """Move every (source in `stage`, destination) as one step (see the module docstring).

    A destination that is a folder is replaced whole (sources that are folders only).
    """
    for src, dst in moves:
        if Path(dst).is_dir() and not Path(src).is_dir():
            raise WriteError(dst, "a folder of that name is in the way")
    steps = [(str(src), str(dst), os.lstat(src).st_ino) for src, dst in moves]
    olds = stage / ".old"
    olds.mkdir()
    for i, (_, dst, _) in enumerate(steps):
        if os.path.isfile(dst):
            try:
                os.link(dst, olds / str(i))
            except OSError:
                pass  # no hard links here: an in-process failure cannot put this file back
    journal = stage / (JOURNAL + ".part")
    journal.write_text(json.dumps({"steps": steps}), encoding="utf-8")
    os.rename(journal, stage / JOURNAL)  # the commit point
    try:
        _run(stage, steps)
    except BaseException:
        _roll_back(stage, steps)
        raise
    for _, dst, _ in steps:
        _record(dst)
    shutil.rmtree(stage, ignore_errors=True)


def _done(dst: str, ino: int) -> bool:
    try:
        return os.lstat(dst).st_ino == ino
    except FileNotFoundError:
        return False


def _run(stage: Path, steps: list[tuple[str, str, int]]) -> None:
    aside = stage / ".replaced"
    for i, (src, dst, ino) in enumerate(steps):
        if _done(dst, ino) or not os.path.lexists(src):
            continue
        if os.path.isdir(src) and os.path.isdir(dst) and not os.path.islink(dst):
            aside.mkdir(exist_ok=True)
            os.rename(dst, aside / str(i))  # the old folder, removed with the stage
        os.replace(src, dst)
        _renamed(dst)


def _roll_back(stage: Path, steps: list[tuple[str, str, int]]) -> None:
    """Undo the renames of `steps` that were done (in this process, after a failure)."""
    for i, (src, dst, ino) in reversed(list(enumerate(steps))):
        try:
            if _done(dst, ino):
                os.replace(dst, src)
            if not os.path.lexists(dst):
                old_dir, old_file = stage / ".replaced" / str(i), stage / ".old" / str(i)
                if old_dir.exists():
                    os.rename(old_dir, dst)
                elif old_file.exists():
                    os.replace(old_file, dst)
        except OSError:
            return  # the journal stays: the next run finishes the commit instead
    (stage / JOURNAL).unlink(missing_ok=True)


def _recover(stage: Path) -> None:
    """Finish the committed renames of an interrupted run (if it got that far); drop the rest."""
    journal = stage / JOURNAL
    if journal.is_file():
        try:
            steps = [tuple(s) for s in json.loads(journal.read_text(encoding="utf-8"))["steps"]]
            _run(stage, steps)  # type: ignore[arg-type]
        except (OSError, ValueError, KeyError, TypeError):
            return  # leave it for a later run (or a person) rather than lose files
    shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def staging_dir(out_dir: Path) -> Iterator[Path]:
    """A staging folder inside `out_dir`; the files left in it move into `out_dir` as one commit.

    If anything fails, nothing of this batch reaches `out_dir` and the staging folder is removed.
    """
    out_dir = Path(out_dir)
    with new_stage(out_dir) as stage:
        yield stage
        names = sorted(p.name for p in stage.iterdir())
        try:
            commit(stage, [(stage / n, out_dir / n) for n in names])
        except OSError as exc:
            raise write_error(exc, out_dir) from exc
