"""OpenSCAD Customizer parameter sets: export a design's values, import a set as a variant.

The file format (OpenSCAD User Manual, "Customizer", saving parameter sets)::

    {"parameterSets": {"NAME": {"arm": "150", "gusset": "true", "make": "printed"}},
     "fileFormatVersion": "1"}

Values are strings. OpenSCAD has no units: lengths are millimetres and angles degrees. Lengths,
angles, counts, yes/no flags and choices map; forces, pressures, masses and stock-bound thicknesses
do not (they are not geometry, or need a stock catalog), and each is reported with the reason.
When the design folder has a ``DESIGN.scad``, its Customizer declarations decide what maps: a name it
does not declare, or a value it does not offer, is reported too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from workbench.design import Design
from workbench.errors import DataError, WorkbenchError
from workbench.interop.scad import ScadParam, read_scad
from workbench.params import Param

FILE_FORMAT_VERSION = "1"
"""The only `fileFormatVersion` OpenSCAD writes (2019.05 to 2021.01 and later snapshots)."""


@dataclass(frozen=True)
class Unmapped:
    """A name that did not map, and why (shown to the user one line each)."""

    name: str
    reason: str

    def line(self) -> str:
        return f"not mapped: {self.name}: {self.reason}"


@dataclass(frozen=True)
class ScadSet:
    """One parameter set for OpenSCAD: the values that map, and what did not."""

    name: str
    values: dict[str, str]
    unmapped: tuple[Unmapped, ...] = ()
    conflicts: tuple[Unmapped, ...] = ()
    """Parameters the .scad declares but whose value here it cannot take: the set would build a
    different object than the workbench does."""

    @property
    def faithful(self) -> bool:
        """True when OpenSCAD with this set makes what the workbench makes (no conflicts)."""
        return not self.conflicts


def _num(x: float) -> str:
    """Shortest text of `x` at 9 significant digits: 150.0 → "150", 203.2 → "203.2"."""
    return repr(float(f"{x:.9g}")).removesuffix(".0")


# parameter kind → (value → OpenSCAD text). Units are converted by each parameter's `kernel`.
_TO_SCAD: dict[str, Callable[[Param, Any], str]] = {
    "length": lambda p, v: _num(p.kernel(v)),
    "angle": lambda p, v: _num(p.kernel(v)),
    "count": lambda p, v: str(int(v)),
    "flag": lambda p, v: "true" if v else "false",
    "choice": lambda p, v: str(v),
}
# parameter kind → (OpenSCAD text → text the parameter reads, with the unit OpenSCAD implies).
_FROM_SCAD: dict[str, Callable[[str], str]] = {
    "length": lambda t: f"{_number(t)} mm",
    "angle": lambda t: f"{_number(t)} deg",
    "count": lambda t: t,
    "flag": lambda t: t,
    "choice": lambda t: t,
}
_WHY_NOT = {
    "stock-thickness": "a sheet thickness bound to the local stock catalog; OpenSCAD has no catalog",
    "force": "a force (load case), not geometry; OpenSCAD values are unitless mm and degrees",
    "pressure": "a pressure (load case), not geometry; OpenSCAD values are unitless mm and degrees",
    "mass": "a mass (load case), not geometry; OpenSCAD values are unitless mm and degrees",
}


def _number(text: str) -> str:
    try:
        float(text)
    except ValueError:
        raise WorkbenchError(f"{text!r} is not a number") from None
    return text.strip()


def _why_not(p: Param) -> str:
    return _WHY_NOT.get(p.kind, f"a {p.kind} parameter has no OpenSCAD counterpart")


def _offered(p: ScadParam) -> str:
    """What a Customizer parameter offers: its dropdown values, else its slider range."""
    if p.options is not None:
        return ", ".join(p.options)
    return f"{p.range[0]:g} to {p.range[2]:g}" if p.range is not None else "any value"


def scad_file(design: Design | type[Design]) -> Path | None:
    """The design's OpenSCAD model, ``designs/ID/ID.scad``, when it has one."""
    from workbench import catalog

    folder = catalog.entry(design.id).folder
    path = folder / f"{design.id}.scad" if folder is not None else None
    return path if path is not None and path.is_file() else None


def to_set(design: Design, name: str, scad: Mapping[str, ScadParam] | None = None,
           scad_name: str = "the .scad file") -> ScadSet:
    """The parameter set `name` for `design`'s values (all of them, not only the changed ones)."""
    values: dict[str, str] = {}
    unmapped: list[Unmapped] = []
    conflicts: list[Unmapped] = []
    for pname, p in design.params().items():
        convert = _TO_SCAD.get(p.kind)
        if convert is None:
            unmapped.append(Unmapped(pname, _why_not(p)))
            continue
        if scad is not None and pname not in scad:
            unmapped.append(Unmapped(pname, f"{scad_name} has no parameter of this name"))
            continue
        text = convert(p, design.values[pname])
        if scad is not None and not scad[pname].allows(text):
            conflicts.append(Unmapped(pname, f"{text} is not a value {scad_name} offers (allowed: "
                                             f"{_offered(scad[pname])}); left out"))
            continue
        values[pname] = text
    if scad is not None:
        params = design.params()
        for sname in scad:
            if sname not in params:
                unmapped.append(Unmapped(sname, f"{scad_name} parameter with no counterpart in "
                                                f"{design.id}; OpenSCAD keeps its default"))
    return ScadSet(name, values, tuple(unmapped), tuple(conflicts))


def export_set(design: Design, name: str) -> ScadSet:
    """`to_set` checked against the design's own ``.scad`` model when it has one."""
    if not name.strip():
        raise WorkbenchError("a parameter set needs a name (--name), e.g. lima-15mm")
    path = scad_file(design)
    return to_set(design, name, read_scad(path) if path else None,
                  path.name if path else "the .scad file")


def from_set(design: Design, values: Mapping[str, str], *, where: str = "set"
             ) -> tuple[Design, tuple[Unmapped, ...]]:
    """`design` with the set's `values` applied (units: OpenSCAD mm/deg), validated; and the
    names that did not map."""
    params = design.params()
    changes: dict[str, str] = {}
    unmapped: list[Unmapped] = []
    for key, text in values.items():
        p = params.get(key)
        if p is None:
            unmapped.append(Unmapped(key, f"not a parameter of {design.id}"))
            continue
        convert = _FROM_SCAD.get(p.kind)
        if convert is None:
            unmapped.append(Unmapped(key, _why_not(p) + "; kept as it was"))
            continue
        try:
            changes[key] = convert(text)
        except WorkbenchError as exc:
            raise DataError(f"{where}: {key}: {exc}") from None
    try:
        return design.evolve(**changes), tuple(unmapped)
    except WorkbenchError as exc:
        raise DataError(f"{where}: {exc}") from None


# -- the JSON file ---------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _num(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return value
    raise TypeError


def read_sets(path: Path | str) -> dict[str, dict[str, str]]:
    """Every parameter set of an OpenSCAD parameter file, values as text; one-line `DataError`
    naming the file for anything malformed."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: no such parameter file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not JSON: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("parameterSets"), dict):
        raise DataError(f"{path}: parameterSets: missing; an OpenSCAD parameter file has "
                        '{"parameterSets": {...}, "fileFormatVersion": "1"}')
    version = doc.get("fileFormatVersion", FILE_FORMAT_VERSION)
    if str(version) != FILE_FORMAT_VERSION:
        raise DataError(f"{path}: fileFormatVersion: {version!r} is not supported; allowed "
                        f"{FILE_FORMAT_VERSION!r}")
    out: dict[str, dict[str, str]] = {}
    for set_name, values in doc["parameterSets"].items():
        if not isinstance(values, dict):
            raise DataError(f"{path}: parameterSets.{set_name}: must be an object of name: value")
        try:
            out[set_name] = {k: _text(v) for k, v in values.items()}
        except TypeError:
            bad = next(k for k, v in values.items() if not isinstance(v, (str, int, float, bool)))
            raise DataError(f"{path}: parameterSets.{set_name}.{bad}: must be text, a number or "
                            "true/false") from None
    return out


def pick_set(path: Path | str, sets: Mapping[str, dict[str, str]], name: str | None
             ) -> tuple[str, dict[str, str]]:
    """The set called `name`, or the only one when `name` is None."""
    if name is None:
        if len(sets) != 1:
            raise WorkbenchError(f"{path} has {len(sets)} parameter sets; choose one with "
                                 f"--set-name (one of: {', '.join(sets) or 'none'})")
        return next(iter(sets.items()))
    if name not in sets:
        raise WorkbenchError(f"{path} has no parameter set '{name}'; it has: "
                             f"{', '.join(sets) or 'none'}")
    return name, sets[name]


def sets_json(sets: Mapping[str, Mapping[str, str]]) -> str:
    """An OpenSCAD parameter file's text (indented like OpenSCAD writes it)."""
    doc = {"parameterSets": {k: dict(v) for k, v in sets.items()},
           "fileFormatVersion": FILE_FORMAT_VERSION}
    return json.dumps(doc, indent=4, ensure_ascii=False) + "\n"


def write_set(path: Path | str, scad_set: ScadSet, *, overwrite: bool = False) -> Path:
    """Add `scad_set` to the parameter file at `path` (created if missing; the other sets are kept).
    An existing set of the same name is replaced only with `overwrite`. Atomic."""
    from workbench.export._atomic import write_text

    path = Path(path)
    sets = read_sets(path) if path.exists() else {}
    if scad_set.name in sets and not overwrite:
        raise WorkbenchError(f"{path} already has a parameter set '{scad_set.name}'; choose another "
                             "--name, or pass --overwrite")
    sets[scad_set.name] = scad_set.values
    return write_text(path, sets_json(sets))
