"""Fabrication outputs: one exporter per format behind a registry keyed by `Format`.

- ``stl``: binary STL of each printed part, standing on the bed (`export.mesh`);
- ``step``: the whole assembly with part names (`export.mesh`);
- ``dxf``: cut parts nested on sheets, one DXF per sheet of one material and thickness, kerf
  compensated, with dog-bones for a router (`export.dxf`, `export.nesting`, `export.flat`);
- ``svg``: a preview of each sheet (`export.svg`);
- ``csv`` / ``md``: the cut list and what to buy (`export.cutlist`);
- ``3mf``: every printed part on one plate, named, in millimetres (`export.threemf`);
- ``pdf``: each nested sheet at true scale with a scale bar, then the cut list (`export.pdf`).

Every export of a batch is written into a staging folder and moved into place only when all succeed,
so a failure leaves no partial file behind. Pass an `Evaluation` (or a `Job`) rather than its
geometry: nesting and the cut list need the materials, stock and workshop it was evaluated in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Union

from workbench.errors import ExportError, UnknownNameError
from workbench.export._atomic import staging_dir

if TYPE_CHECKING:
    from workbench.checks.cutting import Cutter
    from workbench.evaluate import Evaluation
    from workbench.export.job import Job
    from workbench.geometry import Geometry


class Format(str, Enum):
    """Output formats."""

    STL = "stl"
    THREEMF = "3mf"
    STEP = "step"
    DXF = "dxf"
    SVG = "svg"
    CSV = "csv"
    MD = "md"
    PDF = "pdf"

    @classmethod
    def parse(cls, text: str) -> "Format":
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise UnknownNameError(
                f"unknown format '{text}'; allowed: {', '.join(f.value for f in cls)}"
            ) from None

    @property
    def label(self) -> str:
        """What the format holds, for menus and help."""
        return _LABELS[self]


_LABELS = {
    Format.STL: "printed parts, binary STL",
    Format.STEP: "the assembly, STEP",
    Format.DXF: "sheets to cut, DXF",
    Format.SVG: "sheet previews, SVG",
    Format.CSV: "cut list and what to buy, CSV",
    Format.MD: "cut list and what to buy, Markdown",
    Format.THREEMF: "printed parts on one plate, 3MF",
    Format.PDF: "sheets at true scale and the cut list, PDF",
}


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


Exporter = Callable[["Job", str, Path, Options], list[Path]]
"""Writes files named after `stem` into a folder and returns their paths."""

EXPORTERS: dict[Format, Exporter] = {}

Source = Union["Geometry", "Evaluation", "Job"]


def register(fmt: Format) -> Callable[[Exporter], Exporter]:
    """Decorator adding an exporter for `fmt` to the registry."""

    def deco(fn: Exporter) -> Exporter:
        EXPORTERS[fmt] = fn
        return fn

    return deco


def _load_exporters() -> None:
    from workbench.export import cutlist, dxf, mesh, pdf, svg, threemf  # noqa: F401  (register themselves)


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

    _load_exporters()
    fmts = [f if isinstance(f, Format) else Format.parse(f) for f in formats]
    job = Job.of(source)
    written: list[str] = []
    with staging_dir(Path(out_dir)) as stage:
        for fmt in fmts:
            if fmt not in EXPORTERS:
                raise ExportError(f"no exporter for {fmt.value}")
            written += [p.name for p in EXPORTERS[fmt](job, stem, stage, options)]
    return [Path(out_dir) / name for name in written]


def offered(geometry: "Geometry | None") -> list[Format]:
    """The formats `geometry` has something for (STL needs printed parts, DXF/SVG cut parts)."""
    from workbench.design import Process

    if geometry is None:
        return []
    out = [Format.STEP, Format.CSV, Format.MD]
    if geometry.by_process(Process.PRINT):
        out[0:0] = [Format.STL, Format.THREEMF]
    if geometry.by_process(Process.CUT):
        out[out.index(Format.STEP) + 1:out.index(Format.STEP) + 1] = [Format.DXF, Format.SVG]
    if geometry.by_process(Process.CUT) or geometry.by_process(Process.FRAME):
        out.append(Format.PDF)  # the sheets and the cut list, for the workshop wall
    return out


__all__ = [
    "EXPORTERS", "Compensation", "Exporter", "Format", "Options", "Relief", "Tolerance", "export",
    "offered", "register",
]
