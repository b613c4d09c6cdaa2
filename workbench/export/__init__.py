"""Fabrication outputs: one exporter per format, each registered once in `export.formats`
(label, processes, writer, checks) and keyed by `Format`.

- ``stl``: binary STL of each printed part, standing on the bed (`export.mesh`);
- ``step``: the whole assembly with part names (`export.mesh`);
- ``dxf``: cut parts nested on sheets, one DXF per sheet of one material and thickness, kerf
  compensated, with dog-bones for a router (`export.dxf`, `export.nesting`, `export.flat`);
- ``svg``: a preview of each sheet (`export.svg`);
- ``csv`` / ``md``: the cut list and what to buy (`export.cutlist`).

Every export of a batch is written into a staging folder and moved into place only when all succeed,
so a failure leaves no partial file behind. Pass an `Evaluation` (or a `Job`) rather than its
geometry: nesting and the cut list need the materials, stock and workshop it was evaluated in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Union

from workbench.errors import ExportError
from workbench.export._atomic import staging_dir
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


def export(
    source: Source,
    formats: Iterable[Format | str],
    out_dir: Path,
    stem: str,
    options: Options = Options(),
) -> list[Path]:
    """Write `source` in each format into `out_dir`; all files appear, or none does.

    `source` is an `Evaluation` (preferred), a `Job`, or bare `Geometry` (then the default context
    stands in for the local one).
    """
    from workbench.export.job import Job

    specs = [spec(f) for f in formats]
    job = Job.of(source)
    written: list[str] = []
    with staging_dir(Path(out_dir)) as stage:
        for s in specs:
            for path in s.write(job, stem, stage, options):
                why = s.check_intact(path)
                if why is not None:
                    raise ExportError(f"{s.format.value.upper()} export wrote a broken file "
                                      f"{path.name}: {why}")
                written.append(path.name)
    return [Path(out_dir) / name for name in written]


__all__ = [
    "Compensation", "Expect", "Format", "FormatSpec", "Options", "Relief", "Tolerance", "export",
    "offered", "register_format", "registered", "spec",
]
