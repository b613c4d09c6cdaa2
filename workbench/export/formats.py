"""Loads every exporter module so the registry is complete (kept for code that imports it).

The exporters live in `export.mesh` (STL, STEP), `export.dxf` (DXF), `export.svg` (SVG) and
`export.cutlist` (CSV, Markdown).
"""

from __future__ import annotations

from workbench.export import cutlist, dxf, mesh, svg  # noqa: F401  (register themselves)
from workbench.export.dxf import Layer

LAYER_OUTSIDE = Layer.CUT_OUTSIDE.value
LAYER_INSIDE = Layer.CUT_INSIDE.value
