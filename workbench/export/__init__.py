"""Fabrication outputs: one exporter per format, each registered once in `export.formats`
(label, processes, writer, checks) and keyed by `Format`.

- ``stl``: binary STL of each printed part, standing on the bed (`export.mesh`);
- ``step``: the whole assembly with part names (`export.mesh`);
- ``dxf``: cut parts nested on sheets, one DXF per sheet of one material and thickness, kerf
  compensated, with dog-bones for a router (`export.dxf`, `export.nesting`, `export.flat`);
- ``svg``: a preview of each sheet (`export.svg`);
- ``csv`` / ``md``: the cut list and what to buy (`export.cutlist`);
- ``3mf``: every printed part on the bed (a file per plate when they need several), named, in millimetres (`export.threemf`);
- ``pdf``: each nested sheet at true scale with a scale bar, then the cut list (`export.pdf`).

Every export of a batch is written into a staging folder, each file checked by its format, and
moved into place as one journaled commit only when all succeed (`export._atomic`), so a failure
or a kill leaves no partial set behind. Pass an `Evaluation` (or a `Job`) rather than its
geometry: nesting and the cut list need the materials, stock and workshop it was evaluated in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Union

from workbench.errors import ExportError
from workbench.export._atomic import WriteError, disk_full, staging_dir, write_error
from workbench.export.formats import (
    Expect, Format, FormatSpec, offered, register_format, registered, spec,
)

if TYPE_CHECKING:
    from workbench.checks.cutting import Cutter
    from workbench.evaluate import Evaluation
    from workbench.export.job import Job
    from workbench.geometry import Geometry


class Tolerance(str, Enum):
    """Mesh tolerance presets for STL: linear deflection in mm and angular deflection in radians.

    Draft 0.1 mm is a quarter of a 0.4 mm nozzle's line (invisible once printed); fine 0.01 mm is
    below any printer's resolution, for rendering and measuring.
    """

    DRAFT = "draft"
    FINE = "fine"

    @property
    def linear_mm(self) -> float:
        return {"draft": 0.1, "fine": 0.01}[self.value]

    @property
    def angular_rad(self) -> float:
        return {"draft": 0.5, "fine": 0.1}[self.value]


class Compensation(str, Enum):
    """How cut paths relate to the part outline.

    KERF: the DXF holds the path of the beam or tool centre: outside contours grow by half the
    cutter width, holes and slots shrink by it; cut "on the line". NONE: the DXF holds the part
    outline and the CAM program offsets it (outside / inside toolpaths).
    """

    KERF = "kerf"
    NONE = "none"


class Relief(str, Enum):
    """Relief a router needs at inside corners, where its round tool leaves material.

    DOGBONE: a circle of the tool's radius whose edge passes through the corner, on the corner's
    bisector. TBONE: the same circle pushed along the corner's longer edge (the relief hides under
    the mating part). NONE: no relief (the mating part needs rounded or chamfered edges).
    A laser needs none.
    """

    DOGBONE = "dogbone"
    TBONE = "tbone"
    NONE = "none"


@dataclass(frozen=True)
class Options:
    """Export settings shared by the exporters.

    `cutter` is "laser" or "router" (None: the workshop's router, else its laser); `spacing` and
    `margin` in mm override the cutter's defaults (`workbench.checks.cutting`); `saw_kerf` in mm is
    the blade width taken by each saw cut of frame stock and of sheets cut down to the bed.
    """

    tolerance: Tolerance = Tolerance.FINE
    compensation: Compensation = Compensation.KERF
    relief: Relief = Relief.DOGBONE
    cutter: "Cutter | str | None" = None
    spacing: float | None = None
    margin: float | None = None
    saw_kerf: float = 3.2
    """3.2 mm (1/8 in): a full-kerf circular saw blade ("full kerf 1/8 inch (3.18 mm), thin kerf
    3/32 inch (2.38 mm)", saw.coach, 'Standard width of table saw blades'); the wider of the two,
    so a cut plan holds with either blade."""
    labels: bool = True
    """Engrave each part's item number and name on it."""
    grain: bool = True
    """Keep each part's face grain (``Part.meta["grain"]``) along the sheet; False lets every part
    turn, which may save sheets where looks and strength across the grain do not matter."""


Source = Union["Geometry", "Evaluation", "Job"]


def check_stem(stem: str) -> str:
    """`stem` when it is a plain file-name stem (no folder, no ``..``), else a one-line error."""
    if (not stem or not stem.strip() or "/" in stem or "\\" in stem or "\0" in stem
            or stem.startswith(".")):
        raise ExportError(f"name '{stem}' is not a file name: give a stem without '/', '\\' "
                          f"or a leading '.' (e.g. bracket-lima)")
    return stem


def export(
    source: Source,
    formats: Iterable[Format | str],
    out_dir: Path,
    stem: str,
    options: Options = Options(),
) -> list[Path]:
    """Write `source` in each format into `out_dir`; all files appear, or none does.

    Every file is written into a staging folder and checked with its format's `intact` check;
    then all of them move into `out_dir` as one commit (`export._atomic`). `source` is an
    `Evaluation` (preferred), a `Job`, or bare `Geometry` (then the default context stands in
    for the local one).
    """
    from workbench.export.job import Job

    check_stem(stem)
    specs = [spec(f) for f in formats]
    job = Job.of(source)
    written: list[str] = []
    out_dir = Path(out_dir)
    with staging_dir(out_dir) as stage:
        for s in specs:
            try:
                paths = s.write(job, stem, stage, options)
            except OSError as exc:
                raise write_error(exc, _outside(exc.filename, stage, out_dir)) from exc
            except WriteError as exc:  # name the file in `out_dir`, not in the staging folder
                raise WriteError(_outside(exc.path, stage, out_dir), exc.reason) from exc
            except ExportError as exc:
                _raise_if_full(stage, out_dir, exc)
                raise
            for path in paths:
                why = s.check_intact(path)
                if why is not None:
                    exc = ExportError(f"{s.format.value.upper()} export wrote a broken file "
                                      f"{path.name}: {why}")
                    _raise_if_full(stage, out_dir, exc)
                    raise exc
                written.append(path.name)
    return [out_dir / name for name in written]


def _outside(path: object, stage: Path, out_dir: Path) -> Path:
    """Where the staged file `path` goes in `out_dir` (temporary ``.part`` names dropped)."""
    if path is None:
        return out_dir
    p = Path(str(path))
    if p.parent != stage:
        return p
    name = p.name
    if name.startswith(".") and name.endswith(".part"):
        name = name[1:].rsplit(".", 2)[0]  # .NAME.XXXXXXXX.part -> NAME
    return out_dir / name


def _raise_if_full(stage: Path, out_dir: Path, exc: Exception) -> None:
    """Writers that report a failed write vaguely (OCCT): say so when the disk is full."""
    if disk_full(stage):
        raise WriteError(out_dir, "No space left on device (the disk is full)") from exc


__all__ = [
    "Compensation", "Expect", "Format", "FormatSpec", "Options", "Relief", "Tolerance",
    "check_stem", "export", "offered", "register_format", "registered", "spec",
]
