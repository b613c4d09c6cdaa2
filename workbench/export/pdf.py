"""PDF for the workshop wall: each nested sheet drawn at an exact scale with a scale bar, then the
cut list and what to buy.

The sheets are the very DXF documents `export.dxf` writes, drawn by ezdxf's drawing add-on on a
matplotlib axes whose size on paper is the sheet's size divided by the scale, so a print at 100 %
measures true: 10 mm on a 1:10 page is 100 mm on the sheet, and the scale bar shows it. Each page
is ISO 216 A3 landscape (420 × 297 mm); the scale is the largest of ISO 5455's (1:1, 1:2, 1:5,
1:10 …) at which the sheet fits the drawing area.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.export import Options
from workbench.export._atomic import before_write
from workbench.export.dxf import documents, notes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from workbench.export.job import Job

PAGE_MM = (420.0, 297.0)
"""A3 landscape, ISO 216."""
MARGIN_MM = 10.0
TITLE_MM = 14.0
"""Band at the top of a sheet page for its title and notes."""
FOOT_MM = 22.0
"""Band at the bottom for the scale bar and the printing note."""
SCALES = (1, 2, 5, 10, 20, 50, 100, 200)
"""Reduction scales 1:n recommended by ISO 5455:1979 (Technical drawings: Scales)."""
BAR_STEPS_MM = (10, 20, 50, 100, 200, 500, 1000, 2000)
"""Lengths a scale bar may stand for (mm on the part): the longest whose bar fits `BAR_MAX_MM`."""
BAR_MAX_MM = 120.0
"""Longest scale bar on paper (mm)."""
TEXT_PT = 7.0
"""Cut-list text size (points); DejaVu Sans Mono is 0.6 em wide: 260 characters fit 400 mm."""
PAD_MM = 2.0
"""Paper around the sheet inside its axes, so the outline on the edge is not clipped."""
_MM_PER_IN = 25.4
_PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class SheetPage:
    """How one sheet is laid out on its page (all in mm)."""

    sheet: tuple[float, float]
    """The sheet's size (mm)."""
    scale: int
    """The page shows the sheet at 1:scale."""
    origin: tuple[float, float]
    """Where the sheet's corner (0, 0) is on the page, from the page's bottom-left corner."""
    bar: float
    """Length the scale bar stands for on the sheet; it is `bar / scale` long on paper."""

    @property
    def on_paper(self) -> tuple[float, float]:
        return (self.sheet[0] / self.scale, self.sheet[1] / self.scale)


def layout(sheet: tuple[float, float]) -> SheetPage:
    """The largest ISO 5455 scale at which `sheet` (mm) fits an A3 page's drawing area."""
    area = (PAGE_MM[0] - 2 * MARGIN_MM, PAGE_MM[1] - 2 * MARGIN_MM - TITLE_MM - FOOT_MM)
    fitting = [n for n in SCALES if sheet[0] / n <= area[0] + 1e-9 and sheet[1] / n <= area[1] + 1e-9]
    if not fitting:
        from workbench.errors import ExportError

        raise ExportError(f"a {sheet[0]:g} × {sheet[1]:g} mm sheet does not fit an A3 page even "
                          f"at 1:{SCALES[-1]}")
    scale = fitting[0]
    origin = (MARGIN_MM + (area[0] - sheet[0] / scale) / 2,
              MARGIN_MM + FOOT_MM + (area[1] - sheet[1] / scale) / 2)
    bars = [b for b in BAR_STEPS_MM if b / scale <= BAR_MAX_MM]
    return SheetPage(sheet, scale, origin, float(max(bars) if bars else BAR_STEPS_MM[0]))


def _page() -> "Figure":
    from matplotlib.figure import Figure

    return Figure(figsize=(PAGE_MM[0] / _MM_PER_IN, PAGE_MM[1] / _MM_PER_IN))


def _paper_axes(fig: "Figure") -> Any:
    """An axes over the whole page in paper millimetres, for text and the scale bar."""
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, PAGE_MM[0])
    ax.set_ylim(0, PAGE_MM[1])
    ax.set_axis_off()
    return ax


def _scale_bar(ax: Any, page: SheetPage) -> None:
    """Five alternating segments standing for `page.bar` mm, labelled at 0, half and the end."""
    from matplotlib.patches import Rectangle

    x0, y0, height = MARGIN_MM, MARGIN_MM + 8, 3.0
    length = page.bar / page.scale
    for k in range(5):
        ax.add_patch(Rectangle((x0 + k * length / 5, y0), length / 5, height, linewidth=0.4,
                               edgecolor="black", facecolor="black" if k % 2 == 0 else "white"))
    for at, text in ((0, "0"), (0.5, f"{page.bar / 2:g}"), (1, f"{page.bar:g} mm")):
        ax.text(x0 + at * length, y0 + height + 1.2, text, fontsize=7, ha="center", va="bottom")
    ax.text(x0 + length + 6, y0 + height / 2,
            f"Scale 1:{page.scale} on A3 ({PAGE_MM[0]:g} × {PAGE_MM[1]:g} mm). Print at 100 % "
            "(not 'fit to page'), then check the bar with a ruler.", fontsize=8, va="center")


def sheet_figure(doc: Any, title: str) -> tuple["Figure", SheetPage]:
    """One A3 page: the sheet DXF drawn at its `layout` scale, the title, notes and scale bar."""
    from ezdxf.addons.drawing import Frontend, RenderContext, config
    from ezdxf.addons.drawing.matplotlib import MatplotlibBackend

    w, h = (float(v) for v in tuple(doc.header["$LIMMAX"])[:2])
    page = layout((w, h))
    fig = _page()
    paper = _paper_axes(fig)
    (pw, ph), (ox, oy) = page.on_paper, page.origin
    pad = PAD_MM * page.scale  # the same pad on paper and on the sheet: the scale stays exact
    ax = fig.add_axes(((ox - PAD_MM) / PAGE_MM[0], (oy - PAD_MM) / PAGE_MM[1],
                       (pw + 2 * PAD_MM) / PAGE_MM[0], (ph + 2 * PAD_MM) / PAGE_MM[1]))
    cfg = config.Configuration(background_policy=config.BackgroundPolicy.WHITE,
                               color_policy=config.ColorPolicy.BLACK, lineweight_scaling=0.5)
    Frontend(RenderContext(doc), MatplotlibBackend(ax, adjust_figure=False), config=cfg).draw_layout(
        doc.modelspace(), finalize=False)
    ax.set_xlim(-pad, w + pad)  # the axes' size on paper is the sheet's (plus pad) at 1:scale
    ax.set_ylim(-pad, h + pad)
    ax.set_aspect("auto")
    ax.set_axis_off()
    found = notes(doc)
    paper.text(MARGIN_MM, PAGE_MM[1] - MARGIN_MM, title, fontsize=11, fontweight="bold", va="top")
    detail = "; ".join(found[k] for k in ("WB_SHEET", "WB_CUTTER", "WB_COMPENSATION") if k in found)
    paper.text(MARGIN_MM, PAGE_MM[1] - MARGIN_MM - 6, textwrap.shorten(detail, 250), fontsize=7,
               va="top")
    _scale_bar(paper, page)
    return fig, page


def text_figures(text: str, title: str) -> list["Figure"]:
    """The cut list's text on as many A3 pages as it needs, in a monospaced font."""
    width = int((PAGE_MM[0] - 2 * MARGIN_MM) * _PT_PER_MM / (0.6 * TEXT_PT))
    lines: list[str] = []
    for line in text.splitlines():
        lines += textwrap.wrap(line, width, subsequent_indent="    ", drop_whitespace=False) or [""]
    line_mm = TEXT_PT * 1.3 / _PT_PER_MM
    per_page = int((PAGE_MM[1] - 2 * MARGIN_MM - 10) / line_mm)
    pages = [lines[i:i + per_page] for i in range(0, max(len(lines), 1), per_page)]
    out = []
    for k, chunk in enumerate(pages, start=1):
        fig = _page()
        ax = _paper_axes(fig)
        ax.text(MARGIN_MM, PAGE_MM[1] - MARGIN_MM, f"{title} ({k}/{len(pages)})", fontsize=11,
                fontweight="bold", va="top")
        ax.text(MARGIN_MM, PAGE_MM[1] - MARGIN_MM - 10, "\n".join(chunk), fontsize=TEXT_PT,
                family="DejaVu Sans Mono", va="top", linespacing=1.3)
        out.append(fig)
    return out


def export_pdf(job: "Job", stem: str, out: Path, options: Options) -> list[Path]:
    """``STEM.pdf``: one page per nested sheet at true scale, then the cut list and what to buy."""
    from matplotlib.backends.backend_pdf import PdfPages

    from workbench.design import Process
    from workbench.export.cutlist import cut_list, markdown

    figures = []
    if job.geometry.by_process(Process.CUT):
        for name, doc in documents(job, options):
            figures.append(sheet_figure(doc, f"{job.name}: {name}")[0])
    text = markdown(cut_list(job, options)).replace("**", "")  # Markdown emphasis: not on paper
    figures += text_figures(text, f"{job.name}: cut list")
    path = out / f"{stem}.pdf"
    # No creation date: the same job gives the same file.
    before_write(path)
    with PdfPages(path, metadata={"Title": f"{job.name} sheets and cut list", "CreationDate": None,
                                  "Creator": "cosmo-local workbench"}) as pdf:
        for fig in figures:
            pdf.savefig(fig)
    return [path]
