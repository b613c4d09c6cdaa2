"""Exporters for STL (binary, per part), STEP (assembly with part names) and DXF (flat parts).

CadQuery's own exporters do the writing; DXF goes through CadQuery's `DxfDocument` (ezdxf) so the
units header is set to millimetres.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.design import Process
from workbench.errors import ExportError
from workbench.export import Format, Options, register

if TYPE_CHECKING:
    from workbench.geometry import Geometry, MeasuredPart

LAYER_OUTSIDE = "CUT_OUTSIDE"
LAYER_INSIDE = "CUT_INSIDE"


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


@register(Format.STL)
def export_stl(geo: "Geometry", stem: str, out: Path, options: Options) -> list[Path]:
    """One binary STL per part, in millimetres, in the part's own (print) orientation."""
    from OCP.BRepTools import BRepTools

    paths = []
    for part in geo.parts:
        # OCCT keeps a finer mesh made earlier (by the viewer or another preset): drop it so the
        # chosen preset decides the facets.
        BRepTools.Clean_s(part.solid.wrapped)
        path = out / f"{stem}-{_safe(part.name)}.stl"
        ok = part.solid.exportStl(
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


@register(Format.STEP)
def export_step(geo: "Geometry", stem: str, out: Path, options: Options) -> list[Path]:
    """One STEP file of the assembly (every part at its place, named), millimetres."""
    path = out / f"{stem}.step"
    geo.assembly(f"{_safe(stem)}-assembly").export(str(path), exportType="STEP")
    if not path.exists():
        raise ExportError("STEP export failed")
    return [path]


def flat_outline(part: "MeasuredPart"):  # type: ignore[no-untyped-def]
    """The sheet face of a cut part (its face on z = 0): outer wire and hole wires."""
    bottom = [
        f
        for f in part.solid.Faces()
        if f.geomType() == "PLANE" and abs(f.normalAt().z + 1) < 1e-6 and abs(f.Center().z) < 1e-6
    ]
    if len(bottom) != 1:
        raise ExportError(f"part '{part.name}' is not a flat sheet part lying on z = 0")
    face = bottom[0]
    return face.outerWire(), face.innerWires()


@register(Format.DXF)
def export_dxf(geo: "Geometry", stem: str, out: Path, options: Options) -> list[Path]:
    """One DXF per cut part: outside contour and holes on their own layers, millimetres."""
    from cadquery.occ_impl.exporters.dxf import DxfDocument

    cut = geo.by_process(Process.CUT)
    if not cut:
        raise ExportError(
            f"{stem} has no flat (cut) parts; DXF is written for parts cut from sheet"
        )
    paths = []
    for part in cut:
        outer, inner = flat_outline(part)
        doc = DxfDocument(setup=True)
        doc.add_layer(LAYER_OUTSIDE, color=1).add_layer(LAYER_INSIDE, color=5)
        doc.add_shape(outer, LAYER_OUTSIDE)
        for wire in inner:
            doc.add_shape(wire, LAYER_INSIDE)
        path = out / f"{stem}-{_safe(part.name)}.dxf"
        doc.document.saveas(path)
        paths.append(path)
    return paths
