"""Where the shipped designs and data are, and where the user's own files go.

The shipped designs and materials data are read-only:

- installed from a wheel, they are package data, ``workbench/_shipped/designs`` and
  ``workbench/_shipped/materials``, read through `importlib.resources` (`setup.py` maps the
  repository's top-level ``designs/`` and ``materials/`` folders there when the wheel is built);
- in a source checkout (an editable install, or ``PYTHONPATH`` pointing at it) they are the
  checkout's own ``designs/`` and ``materials/`` folders.

The user's own designs and variants live in the folder the command runs in (``./designs``); see
`workbench.catalog` and `workbench.context` for the search order. Nothing is ever written inside
the installed package: `writable` says whether a folder may be written to.
"""

from __future__ import annotations

import os
import site
import sysconfig
from importlib.resources import files
from pathlib import Path

from workbench.errors import WorkbenchError

PACKAGE_DATA = "_shipped"
"""The folder inside the `workbench` package that holds the shipped data in a wheel."""

DESIGNS = "designs"
MATERIALS = "materials"


def _package_root() -> Path:
    root = files("workbench")
    if not isinstance(root, Path):  # a zip import: the data must be real files to be read
        raise WorkbenchError(
            f"the workbench is imported from an archive ({root}); install it as files (pip install)"
        )
    return root


def shipped(name: str) -> Path | None:
    """The shipped folder `name` (``designs`` or ``materials``), or None when there is none.

    Package data first (a wheel install); else the source checkout's top-level folder, recognised
    by its ``pyproject.toml`` beside the ``workbench`` package.
    """
    data = _package_root() / PACKAGE_DATA / name
    if data.is_dir():
        return data
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / name).is_dir():
        return checkout / name
    return None


def _installed_roots() -> list[Path]:
    """Folders that belong to the Python installation: the package itself and site-packages."""
    roots = [_package_root()]
    for key in ("purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            roots.append(Path(path))
    user = site.getusersitepackages() if site.ENABLE_USER_SITE else None
    if isinstance(user, str):
        roots.append(Path(user))  # pip install --user
    return [r.resolve() for r in roots]


def writable(folder: Path) -> bool:
    """False when `folder` is inside the installed package or site-packages (never written to)."""
    where = folder.resolve()
    for root in _installed_roots():
        if where == root or root in where.parents:
            return False
    return True


def working_folder() -> Path:
    """The folder the command runs in: the user's designs and data live under it."""
    return Path(os.getcwd())
