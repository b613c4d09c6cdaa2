"""SVG previews of the nested sheets, drawn from the very DXF documents `export.dxf` writes (ezdxf's
drawing add-on, SVG backend), so the preview shows exactly what the cutter gets: 1 SVG unit is
rendered at true size in millimetres on a white page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.export import Options
from workbench.export._atomic import write_text
from workbench.export.dxf import documents

if TYPE_CHECKING:
    from workbench.export.job import Job

MARGIN_MM = 10.0
"""White border around the sheet in the preview."""


def render(doc: Any) -> str:
    """The SVG text of a DXF document's modelspace, true size in millimetres, white background."""
    from ezdxf.addons.drawing import Frontend, RenderContext, config, layout, svg

    backend = svg.SVGBackend()
    cfg = config.Configuration(
        background_policy=config.BackgroundPolicy.WHITE,
        color_policy=config.ColorPolicy.COLOR,
        lineweight_scaling=0.5,
    )
    Frontend(RenderContext(doc), backend, config=cfg).draw_layout(doc.modelspace())
    page = layout.Page(0, 0, layout.Units.mm, margins=layout.Margins.all(MARGIN_MM))
    return backend.get_string(page)


def export_svg(job: "Job", stem: str, out: Path, options: Options) -> list[Path]:
    """One SVG preview per nested sheet, named like its DXF."""
    return [write_text(out / f"{stem}-{name}.svg", render(doc))
            for name, doc in documents(job, options)]
