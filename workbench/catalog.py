"""Finds designs, in this order (an id found earlier hides the same id found later):

1. ``$WORKBENCH_DESIGNS``: one or more folders of design folders (separated by ``os.pathsep``);
   when set, it replaces 2 and 3 (tests and sweep workers point at folders of their own);
2. ``./designs`` of the folder the command runs in: the user's own designs (`workbench new`
   writes there) and the variants they save of other designs (``./designs/ID/variants``);
3. the designs shipped with the workbench (package data, or the checkout's ``designs/``);
4. designs installed by other packages under the ``workbench.designs`` entry-point group.

A design folder named like one earlier in the order is not imported at all, so its module name
(``workbench_designs.NAME``) stays unique. Importing a design file does not import CadQuery or pint
(see `workbench.kernel`), so listing is fast.
"""

from __future__ import annotations

from workbench.caches import register as _register_cache

import importlib.util
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from workbench import paths
from workbench.design import Design
from workbench.errors import UnknownNameError, WorkbenchError
from workbench.i18n import _

ENTRY_POINT_GROUP = "workbench.designs"
ENV_VAR = "WORKBENCH_DESIGNS"


def design_roots() -> tuple[Path, ...]:
    """The folders of design folders searched, in order (entry points come after them)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return tuple(Path(p).expanduser() for p in env.split(os.pathsep) if p)
    roots: list[Path] = [paths.working_folder() / paths.DESIGNS]
    shipped = paths.shipped(paths.DESIGNS)
    if shipped is not None:
        roots.append(shipped)
    unique: dict[Path, Path] = {}
    for root in roots:
        if root.is_dir():
            unique.setdefault(root.resolve(), root)
    return tuple(unique.values())


def designs_dir() -> Path:
    """Where the user's own designs go (`workbench new`): the first folder of $WORKBENCH_DESIGNS,
    else ``./designs`` of the folder the command runs in. Never inside the installed package."""
    env = os.environ.get(ENV_VAR)
    if env:
        first = next((p for p in env.split(os.pathsep) if p), None)
        if first:
            return Path(first).expanduser()
    return paths.working_folder() / paths.DESIGNS


@dataclass(frozen=True)
class Entry:
    """A discovered design class and where it came from."""

    id: str
    cls: type[Design]
    folder: Path | None
    source: str


def _module_name(path: Path) -> str:
    return "workbench_designs." + path.parent.name.replace("-", "_")


def load_design_file(path: Path) -> list[type[Design]]:
    """Import a design file and return the Design subclasses it defines."""
    name = _module_name(path)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise WorkbenchError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a contributor's file: report it in one line
        sys.modules.pop(name, None)
        raise WorkbenchError(f"{path}: cannot be imported: {type(exc).__name__}: {exc}") from exc
    return [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, Design) and obj.__module__ == name and obj.id
    ]


@lru_cache(maxsize=4)
def _discover(roots: tuple[Path, ...]) -> tuple[dict[str, Entry], tuple[str, ...]]:
    found: dict[str, Entry] = {}
    problems: list[str] = []
    folders: set[str] = set()
    for root in roots:
        for path in sorted(root.glob("*/design.py")):
            if path.parent.name in folders:  # hidden by a folder of that name earlier in the order
                continue
            folders.add(path.parent.name)
            try:
                classes = load_design_file(path)
            except WorkbenchError as exc:
                problems.append(str(exc))
                continue
            for cls in classes:
                if cls.id not in found:
                    found[cls.id] = Entry(cls.id, cls, path.parent, str(path))
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = ep.load()
        except Exception as exc:  # an installed package's bug must not hide the others
            problems.append(f"entry point {ep.name}: cannot be loaded: {exc}")
            continue
        if isinstance(cls, type) and issubclass(cls, Design) and cls.id not in found:
            folder = Path(sys.modules[cls.__module__].__file__ or ".").parent
            found[cls.id] = Entry(cls.id, cls, folder, f"entry point {ep.value}")
    return dict(sorted(found.items())), tuple(problems)


_REGISTERED: dict[str, Entry] = {}


def register(cls: type[Design], folder: Path | None = None) -> type[Design]:
    """Make a design class written in this session (e.g. in a notebook) known to the catalog.

    `folder` is where its variants live (``folder/variants``). Usable as a class decorator.
    """
    from workbench.design import check_design_class

    check_design_class(cls)
    _REGISTERED[cls.id] = Entry(cls.id, cls, folder, "registered in this session")
    return cls


def refresh() -> None:
    """Forget what was discovered (after adding a design folder) and every other cache
    (`workbench.caches.clear_all`), so nothing built from the old designs is reused."""
    from workbench.caches import clear_all

    clear_all()


_register_cache("designs found", _discover.cache_clear)


def entries() -> dict[str, Entry]:
    """Every discovered design by id (and those registered in this session)."""
    return {**_discover(design_roots())[0], **_REGISTERED}


def problems() -> tuple[str, ...]:
    """One line per design file or entry point that could not be loaded."""
    return _discover(design_roots())[1]


def entry(design_id: str) -> Entry:
    """The entry of `design_id`, or UnknownNameError listing the known ids."""
    found = entries()
    if design_id not in found:
        known = ", ".join(found) or _("none")
        raise UnknownNameError(_("unknown design '{name}'; known: {known}").format(
            name=design_id, known=known))
    return found[design_id]


def get(design_id: str) -> type[Design]:
    """The design class of `design_id`."""
    return entry(design_id).cls
