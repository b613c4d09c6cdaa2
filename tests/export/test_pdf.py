"""PDF for the workshop wall: sheets at an exact ISO 5455 scale on A3 pages with a scale bar, then
the cut list (issue 18)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from matplotlib.patches import Rectangle

from workbench import catalog
from workbench.context import Context
from workbench.evaluate import evaluate
from workbench.export import Format, Options, export
from workbench.export.dxf import documents
from workbench.export.job import Job
from workbench.export.pdf import PAGE_MM, layout, sheet_figure

A3_PT = "0 0 1190.5511811024 841.8897637795"  # 420 × 297 mm at 72 pt per 25.4 mm


def _pdf_lines(path: Path) -> list[str]:
    """The text of each BT…ET block of every (Flate) content stream: one line of text each."""
    data = path.read_bytes()
    lines = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        for block in re.findall(rb"BT(.*?)ET", content, re.S):
            parts = re.findall(rb"\(((?:\\.|[^\\)])*)\)", block)
            text = b"".join(re.sub(rb"\\(.)", rb"\1", p) for p in parts)
            if text:
                lines.append(text.decode("latin-1"))
    return lines


def test_layout_takes_the_largest_iso_scale_that_fits_a3() -> None:
    full = layout((2440, 1220))  # 1:5 would be 488 mm wide, more than the 400 mm drawing area
    assert (full.scale, full.on_paper, full.bar) == (10, (244.0, 122.0), 1000.0)
    small = layout((600, 400))  # 1:1 is 600 mm wide; 1:2 is 300 × 200 mm
    assert (small.scale, small.bar) == (2, 200.0)  # a 500 mm bar would be 250 mm on paper


def test_a_sheet_page_is_drawn_at_true_scale_with_its_bar() -> None:
    ev = evaluate(catalog.get("plywood-shelf")(sheet="15 mm"), Context())
    (name, doc), *_ = documents(Job.of(ev), Options())
    fig, page = sheet_figure(doc, name)
    assert tuple(round(v * 25.4, 6) for v in fig.get_size_inches()) == PAGE_MM
    drawing = fig.axes[1]
    box = drawing.get_position()
    x0, x1 = drawing.get_xlim()
    y0, y1 = drawing.get_ylim()
    # paper mm × scale = sheet mm, in both directions
    assert box.width * PAGE_MM[0] * page.scale == pytest.approx(x1 - x0, rel=1e-9)
    assert box.height * PAGE_MM[1] * page.scale == pytest.approx(y1 - y0, rel=1e-9)
    bars = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(bars) == 5
    assert sum(b.get_width() for b in bars) == pytest.approx(page.bar / page.scale)


def test_shelf_pdf_has_a_page_per_sheet_then_the_cut_list(tmp_path) -> None:
    ev = evaluate(catalog.get("plywood-shelf")(sheet="15 mm"), Context())
    sheets = len(documents(Job.of(ev), Options()))
    (path,) = export(ev, [Format.PDF], tmp_path, "shelf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[ ([^\]]*) \]", data)
    assert [b.decode() for b in boxes] == [A3_PT] * len(boxes)
    assert len(re.findall(rb"/Type /Page\b", data)) == len(boxes) == sheets + 1
    lines = _pdf_lines(path)
    assert lines[0] == "plywood-shelf: plywood-birch-15mm-sheet-1"
    assert lines[1].startswith("1 of 1, 2440 x 1220 mm; router (6 mm tool)")
    assert lines[2:5] == ["0", "500", "1000 mm"]  # the scale bar's labels
    assert lines[5].startswith("Scale 1:10 on A3 (420 × 297 mm). Print at 100 %")
    assert lines[6:8] == ["plywood-shelf: cut list (1/1)", "# Cut list: plywood-shelf"]
    (again,) = export(ev, [Format.PDF], tmp_path / "again", "shelf")
    assert again.read_bytes() == data  # no creation date: bundles stay reproducible


def test_frame_pdf_says_how_the_cut_plan_was_made(tmp_path) -> None:
    from workbench.variants import find_variant

    v = find_variant("steel-workbench/minneapolis-hss-2x2")  # its catalog sells tube lengths
    ev = evaluate(v.design(), v.context())
    (path,) = export(ev, [Format.PDF], tmp_path, "bench")
    lines = _pdf_lines(path)
    assert not any(line.startswith("Scale 1:") for line in lines)  # no sheets: the cut list only
    text = "\n".join(lines)
    assert "### Cut plan: exact (integer programming)" in text
