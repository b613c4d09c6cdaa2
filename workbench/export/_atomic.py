"""Atomic writes: write to a temporary file beside the target, then rename over it."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def umask_mode(path: Path, *, directory: bool = False) -> None:
    """Give `path` the permissions a plain ``open()`` (or ``mkdir``) would: ``mkstemp`` and
    ``mkdtemp`` create 0600 files and 0700 folders, which other users of a shared workshop
    machine could not read."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if directory else 0o666) & ~mask)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    umask_mode(Path(tmp))
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(target: Path, text: str) -> Path:
    """Write `text` to `target` atomically (UTF-8)."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_bytes(target: Path, data: bytes) -> Path:
    """Write `data` to `target` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


@contextmanager
def staging_dir(out_dir: Path) -> Iterator[Path]:
    """A temporary folder inside `out_dir`; files left in it move into `out_dir` on success.

    If anything fails, nothing of this batch reaches `out_dir` and the staging folder is removed.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        yield stage
        for f in sorted(stage.iterdir()):
            os.replace(f, out_dir / f.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
