"""Writing a bundle folder safely: relative paths that cannot leave it, a staging folder beside the
target committed with its zip as one step (never a half-written bundle, never a new folder beside
an old zip), a reproducible zip and checksums."""

from __future__ import annotations

import hashlib
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from workbench.errors import WorkbenchError
from workbench.export._atomic import before_write, commit, new_stage

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
    """Yield an empty folder beside `target`. When the block succeeds the folder is zipped, and
    folder and zip replace `target` and `zip_target` as one commit; when it fails nothing at
    `target` changes.

    Both are written into one staging folder and moved by `export._atomic.commit`: a journal
    makes the two renames one step (a run killed between them is finished by the next run), so a
    new folder never stands beside an old zip.
    """
    target, zip_target = Path(target).absolute(), Path(zip_target).absolute()
    check_target(target, overwrite=overwrite)
    if zip_target.exists() and not overwrite:
        raise WorkbenchError(f"{zip_target} already exists; choose another --out, or pass --overwrite")
    if zip_target.is_dir() or zip_target.is_symlink():
        raise WorkbenchError(f"{zip_target} exists and is not a zip file; refusing to replace it")
    with new_stage(target.parent, prefix=f"{target.name}.") as stage:
        folder = stage / target.name
        folder.mkdir()
        yield folder
        zip_tmp = stage / zip_target.name
        before_write(zip_tmp)
        write_zip(folder, zip_tmp, target.name)
        with zipfile.ZipFile(zip_tmp) as z:  # read back before anything is replaced
            if z.testzip() is not None or len(z.namelist()) != len(files_of(folder)):
                raise WorkbenchError(f"the zip of {target} did not read back whole; nothing replaced")
        check_target(target, overwrite=overwrite)  # again: another process may have written it
        commit(stage, [(folder, target), (zip_tmp, zip_target)])
