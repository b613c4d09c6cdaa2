"""Preview images of an assembly, rendered offline: an SVG line drawing (CadQuery's hidden-line
SVG exporter) and, where VTK can render off screen, a shaded PNG."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.geometry import Geometry

VIEW = (1.0, -1.6, 0.9)
"""Direction the viewer looks from, in the assembly frame (x out of the wall, y across, z up)."""
SVG_WIDTH = 640
"""SVG width in px; the height follows the drawing."""
PNG_SIZE = (800, 600)
"""PNG width and height in px."""
PNG_TIMEOUT_S = 120.0
"""Longest a PNG render may take before it is given up (the SVG stays)."""
PNG_MESH_MM = 0.05
"""Linear deflection of the mesh the PNG shows, mm (fine enough that holes look round)."""


def _compound(geo: "Geometry"):  # type: ignore[no-untyped-def]
    from workbench.kernel import cq

    return cq.Compound.makeCompound([p.placed() for p in geo.parts])


def _camera_frame(shape):  # type: ignore[no-untyped-def]
    """`shape` expressed in the viewer's frame: looking from `VIEW` with world z pointing up.

    CadQuery's SVG exporter picks the drawing's "up" itself; turning the shape first so the view
    is along +z, with the horizontal to the right along +x, keeps walls upright in the drawing."""
    import math

    from OCP.BRepBuilderAPI import BRepBuilderAPI_Transform
    from OCP.gp import gp_Ax3, gp_Dir, gp_Pnt, gp_Trsf

    from workbench.kernel import cq

    n = math.sqrt(sum(c * c for c in VIEW))
    d = tuple(c / n for c in VIEW)
    right = (-d[1], d[0], 0.0)  # z × d: horizontal, to the viewer's right
    frame = gp_Ax3(gp_Pnt(0, 0, 0), gp_Dir(*d), gp_Dir(*right))
    trsf = gp_Trsf()
    trsf.SetTransformation(frame)
    return cq.Shape.cast(BRepBuilderAPI_Transform(shape.wrapped, trsf, True).Shape())


def svg_text(geo: "Geometry") -> str:
    """A hidden-line SVG of every part at its place in the assembly, seen from `VIEW`."""
    from cadquery.occ_impl.exporters.svg import getSVG

    opts = {"width": SVG_WIDTH, "height": None, "marginLeft": 20, "marginTop": 20,
            "projectionDir": (0, 0, 1), "showAxes": False, "showHidden": True,
            "strokeColor": (20, 20, 20), "hiddenColor": (175, 175, 175)}
    return getSVG(_camera_frame(_compound(geo)), opts)


_RENDER = r"""
import sys
import vtk

stl, png, width, height, vx, vy, vz = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:8])
reader = vtk.vtkSTLReader()
reader.SetFileName(stl)
normals = vtk.vtkPolyDataNormals()
normals.SetInputConnection(reader.GetOutputPort())
normals.SetFeatureAngle(30)
mapper = vtk.vtkPolyDataMapper()
mapper.SetInputConnection(normals.GetOutputPort())
actor = vtk.vtkActor()
actor.SetMapper(mapper)
actor.GetProperty().SetColor(0.80, 0.66, 0.45)
renderer = vtk.vtkRenderer()
renderer.SetBackground(1, 1, 1)
renderer.AddActor(actor)
window = vtk.vtkRenderWindow()
window.SetOffScreenRendering(1)
window.SetMultiSamples(0)
window.AddRenderer(renderer)
window.SetSize(int(width), int(height))
camera = renderer.GetActiveCamera()
camera.SetFocalPoint(0, 0, 0)
camera.SetPosition(vx, vy, vz)
camera.SetViewUp(0, 0, 1)
renderer.ResetCamera()
camera.Zoom(1.1)
window.Render()
grab = vtk.vtkWindowToImageFilter()
grab.SetInput(window)
grab.Update()
writer = vtk.vtkPNGWriter()
writer.SetFileName(png)
writer.SetInputConnection(grab.GetOutputPort())
writer.Write()
"""


def write_png(geo: "Geometry", target: Path) -> str | None:
    """Render a shaded PNG of the assembly to `target` with VTK off screen, in a child process so a
    machine without an off-screen OpenGL cannot take the caller down. Returns None when written,
    else one line saying why not."""
    with tempfile.TemporaryDirectory(prefix="workbench-preview-") as tmp:
        stl = Path(tmp) / "assembly.stl"
        _compound(geo).exportStl(str(stl), tolerance=PNG_MESH_MM, angularTolerance=0.1, ascii=False)
        out = Path(tmp) / "preview.png"
        cmd = [sys.executable, "-c", _RENDER, str(stl), str(out), *map(str, PNG_SIZE), *map(str, VIEW)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=PNG_TIMEOUT_S,
                                  env={**os.environ, "PYTHONWARNINGS": "ignore"})
        except subprocess.TimeoutExpired:
            return f"the PNG render took longer than {PNG_TIMEOUT_S:g} s"
        except OSError as exc:
            return f"the PNG renderer could not start: {exc}"
        if proc.returncode != 0 or not out.is_file():
            last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
            return f"VTK could not render off screen here ({last[:160]})"
        data = out.read_bytes()
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            return "VTK wrote something that is not a PNG"
        target.write_bytes(data)
    return None
