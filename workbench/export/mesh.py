"""STL of printed parts and STEP of the whole assembly, written by CadQuery/OCCT.

STL: one binary file per printed part, in millimetres, meshed with a `Tolerance` preset. A printed
part is built standing on the bed on the face the design chose (``Part.meta["bed_face"]``), so it is
written as built, moved only so its lowest point is z = 0 and its footprint starts at x = y = 0. A
part that does not fit the workshop printer's build volume in any turn about z is refused. A design
without printed parts gets an STL of every part as modelled, for viewing (not offered by default).

STEP: the assembly, each part at its place and named after it (one instance per part line; the cut
list carries the quantities).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.design import Process
from workbench.errors import ExportError
from workbench.export import Options
from workbench.export._atomic import before_write

if TYPE_CHECKING:
    from workbench.export.job import Job
    from workbench.geometry import MeasuredPart


def safe_name(name: str) -> str:
    """`name` with anything but letters, digits, '-' and '_' replaced by '-' (file names)."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


def bed_check(job: "Job", part: "MeasuredPart") -> object | None:
    """The printer-bed fit check of a printed part in the job's workshop (None: no printer)."""
    from workbench.checks.fabrication import bed_fit_check
    from workbench.units import Q_

    shop = job.context.workshop_profile
    if shop.bed is None:
        return None
    x, y, z = (Q_(v, "mm") for v in part.size)
    return bed_fit_check(x, y, z, *shop.bed, name=f"{part.name} fits the printer")


def export_stl(job: "Job", stem: str, out: Path, options: Options) -> list[Path]:
    """One binary STL per printed part, standing on the bed as the design built it (every part
    when none is printed)."""
    from OCP.BRepTools import BRepTools

    from workbench.kernel import cq

    printed = job.geometry.by_process(Process.PRINT)
    paths = []
    for part in printed or job.geometry.parts:
        check = bed_check(job, part) if printed else None
        if check is not None and not check.passed:  # type: ignore[attr-defined]
            raise ExportError(f"part '{part.name}': {check.message}")  # type: ignore[attr-defined]
        # OCCT keeps a finer mesh made earlier (by the viewer or another preset): drop it (on a
        # copy) so the chosen preset decides the facets, and before the bounding box, which a
        # mesh would widen (the part then sat 0.8 µm off the origin after the viewer had run).
        solid = part.solid.copy()
        BRepTools.Clean_s(solid.wrapped)
        bb = solid.BoundingBox()
        solid = solid.moved(cq.Location(cq.Vector(-bb.xmin, -bb.ymin, -bb.zmin)))
        path = out / f"{stem}-{safe_name(part.name)}.stl"
        before_write(path)
        ok = solid.exportStl(
            str(path),
            tolerance=options.tolerance.linear_mm,
            angularTolerance=options.tolerance.angular_rad,
            ascii=False,
            relative=False,
        )
        if not ok or not path.exists():
            raise ExportError(f"STL export of part '{part.name}' failed")
        paths.append(path)
    return paths


def export_step(job: "Job", stem: str, out: Path, options: Options) -> list[Path]:
    """One STEP file of the assembly (every part at its place, named), millimetres."""
    path = out / f"{stem}.step"
    before_write(path)
    job.geometry.assembly(f"{safe_name(stem)}-assembly").export(str(path), exportType="STEP")
    if not path.exists():
        raise ExportError("STEP export failed")
    return [path]
