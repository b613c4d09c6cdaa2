"""Writing a bundle folder safely: relative paths that cannot leave it, a staging folder beside the
target swapped in by renames (never a half-written bundle), a reproducible zip and checksums."""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from workbench.errors import WorkbenchError
from workbench.export._atomic import umask_mode

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry carries this time (the earliest a zip can hold), so equal folders zip equally."""
MARKERS = ("okh.toml", "SHA256SUMS")
"""Files every bundle has: a folder without them is not replaced, even with overwrite."""


def safe_relpath(rel: str) -> PurePosixPath:
    """`rel` as a relative POSIX path that stays inside its folder, or a one-line error."""
    text = str(rel)
    path = PurePosixPath(text)
    if (not text or "\\" in text or "\0" in text or path.is_absolute() or ":" in path.parts[0]
            or any(part in ("", ".", "..") for part in path.parts)):
        raise WorkbenchError(
            f"path {text!r} would leave the bundle folder; allowed: relative names without '..'"
        )
    return path


def inside(root: Path, rel: str) -> Path:
    """The file `rel` under `root`, checked to stay under it even through symlinks."""
    target = Path(root) / safe_relpath(rel)
    real_root = Path(root).resolve()
    if not target.resolve().is_relative_to(real_root):
        raise WorkbenchError(f"path {rel!r} would leave the bundle folder")
    return target


def files_of(folder: Path) -> list[str]:
    """Every regular file under `folder`, as sorted relative POSIX paths."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def sha256sums(folder: Path, names: list[str]) -> str:
    """`sha256sum`-compatible lines for `names` (relative to `folder`)."""
    lines = []
    for name in names:
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        lines.append(f"{digest}  {name}\n")
    return "".join(lines)


def write_zip(folder: Path, target: Path, root: str) -> None:
    """Zip every file of `folder` under `root/` into `target`: sorted entries, fixed times and
    permissions, so the same files give the same zip."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name in files_of(folder):
            info = zipfile.ZipInfo(f"{root}/{name}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, (folder / name).read_bytes())


def check_target(target: Path, *, overwrite: bool) -> None:
    """Refuse an existing `target` unless `overwrite`, and never replace what is not a bundle."""
    if not (target.exists() or target.is_symlink()):
        return
    if not overwrite:
        raise WorkbenchError(f"{target} already exists; choose another --out, or pass --overwrite")
    if target.is_symlink() or not target.is_dir():
        raise WorkbenchError(f"{target} exists and is not a folder; refusing to replace it")
    if not all((target / m).is_file() for m in MARKERS):
        raise WorkbenchError(
            f"{target} exists and is not a bundle (no {' and '.join(MARKERS)}); refusing to replace it"
        )


@contextmanager
def staged(target: Path, zip_target: Path, *, overwrite: bool) -> Iterator[Path]:
    """Yield an empty folder beside `target`. When the block succeeds the folder is zipped to
    `zip_target` and swapped in for `target`; when it fails nothing at `target` changes.

    The swap is one atomic exchange where the kernel offers it (Linux renameat2), else two renames
    with the old folder put back if the second fails: at no moment is a bundle half old, half new.
    """
    target, zip_target = Path(target).absolute(), Path(zip_target).absolute()
    check_target(target, overwrite=overwrite)
    if zip_target.exists() and not overwrite:
        raise WorkbenchError(f"{zip_target} already exists; choose another --out, or pass --overwrite")
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    fd, zip_tmp = tempfile.mkstemp(prefix=f".{zip_target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    umask_mode(stage, directory=True)  # the stage becomes the bundle folder
    umask_mode(Path(zip_tmp))
    try:
        yield stage
        write_zip(stage, Path(zip_tmp), target.name)
        check_target(target, overwrite=overwrite)  # again: another process may have written it
        _swap_in(stage, target)
        os.replace(zip_tmp, zip_target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        Path(zip_tmp).unlink(missing_ok=True)


def _swap_in(stage: Path, target: Path) -> None:
    if not target.exists():
        os.rename(stage, target)
        return
    if _exchange(stage, target):  # `stage` now holds the old bundle; the caller removes it
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(stage, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))
