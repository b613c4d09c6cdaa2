"""Sheet DXF files read back with ezdxf: R2000 in millimetres, the five layers and their colours,
closed contours only, no duplicate or zero-length entity, one label per piece inside it, and kerf
compensation measurable in the file (slot width = actual thickness − kerf + fit clearance) for a
router, for a laser and without compensation; the 15 mm and 18 mm sheets differ exactly by it."""

import math
import xml.etree.ElementTree as ET

import ezdxf
import pytest

from workbench import catalog
from workbench.context import Context
from workbench.evaluate import evaluate
from workbench.export import Compensation, Options, export
from workbench.export.dxf import CUT_LAYERS, Layer, notes
from workbench.export.flat import Contour, inside_many
from workbench.export.job import Job

Shelf = catalog.get("plywood-shelf")
SMALL = dict(width="300 mm", height="300 mm", depth="200 mm", shelves=2, handles=False,
             feet=False, base="40 mm", overhang="20 mm")
"""A shelf small enough for the laser's 600 × 400 mm bed."""


def _tmax(nominal_mm: float, stock: str = "eu-metric") -> float:
    """The thickest sheet a catalog's tolerance allows for a birch sheet sold as `nominal_mm`: the
    slots are cut for it (plus the workshop's 0.2 mm fit clearance)."""
    from workbench.context import stock_catalog

    item = next(i for i in stock_catalog(stock).sheets("plywood-birch")
                if abs(float(i.actual.m_as("mm")) - nominal_mm) < 1e-6)
    return float(item.dims["thickness_max"].m_as("mm"))


def _written(design, ctx, tmp_path, options=Options()):
    job = Job.of(evaluate(design, ctx))
    paths = export(job, ["dxf", "svg"], tmp_path, "s", options)
    return job, [p for p in paths if p.suffix == ".dxf"], [p for p in paths if p.suffix == ".svg"]


def _contours(doc) -> list[Contour]:
    out = []
    for e in doc.modelspace().query(f"LWPOLYLINE[layer=='{Layer.CUT_OUTSIDE.value}']"):
        out.append(Contour(tuple((x, y, b) for x, y, b in e.get_points("xyb"))))
    return out


def _slot_widths_in_file(job, paths, options=Options()) -> dict[str, list[float]]:
    """Every piece's slot widths, measured on the outside contours read back from its DXF."""
    out = {}
    files = iter(paths)
    for group in job.nesting(options).groups:
        for sheet in group.sheets:
            contours = _contours(ezdxf.readfile(next(files)))
            for p in sheet.placements:
                out[p.piece.label] = p.slot_widths(contours)
    return out


@pytest.fixture(scope="module")
def shelf18(tmp_path_factory):
    return _written(Shelf(), Context(), tmp_path_factory.mktemp("s18"))


@pytest.fixture(scope="module")
def shelf15(tmp_path_factory):
    return _written(Shelf(sheet="15 mm"), Context(), tmp_path_factory.mktemp("s15"))


def test_one_file_per_sheet_in_millimetres_with_the_layers(shelf18) -> None:
    job, dxfs, svgs = shelf18
    assert [p.name for p in dxfs] == ["s-plywood-birch-18mm-sheet-1.dxf"]
    doc = ezdxf.readfile(dxfs[0])
    assert doc.dxfversion == "AC1015"
    assert len(doc.audit().errors) == 0
    assert doc.header["$INSUNITS"] == 4 and doc.header["$MEASUREMENT"] == 1
    colours = {layer.dxf.name: layer.dxf.color for layer in doc.layers
               if layer.dxf.name in Layer.__members__}
    assert colours == {"SHEET": 8, "CUT_OUTSIDE": 1, "CUT_INSIDE": 5, "DRILL": 3, "ENGRAVE": 6}
    custom = notes(doc)
    assert custom["WB_MATERIAL"] == "plywood-birch" and custom["WB_THICKNESS_MM"] == "18"
    assert custom["WB_CUTTER"] == "router (6 mm tool) of workshop generic-makerspace"
    assert custom["WB_YIELD"] == (
        "54.2 % of this sheet; 54.2 % of the 1 sheet(s) of 2440 x 1220 mm to buy")
    counts = {layer: len(doc.modelspace().query(f"*[layer=='{layer.value}']")) for layer in Layer}
    # 6 pieces: 6 outside contours, 2 hand holes, 2 anchor holes drilled (5 mm < 6 mm tool)
    assert counts == {Layer.SHEET: 1, Layer.CUT_OUTSIDE: 6, Layer.CUT_INSIDE: 2, Layer.DRILL: 2,
                      Layer.ENGRAVE: 6}


def test_contours_are_closed_without_duplicates_or_zero_length(shelf18) -> None:
    _, dxfs, _ = shelf18
    msp = ezdxf.readfile(dxfs[0]).modelspace()
    seen = set()
    for e in msp:
        if e.dxf.layer == Layer.ENGRAVE.value:
            assert e.dxftype() == "TEXT"
            continue
        assert e.dxf.layer in {layer.value for layer in CUT_LAYERS}
        assert e.dxftype() in ("LWPOLYLINE", "CIRCLE")
        if e.dxftype() == "CIRCLE":
            key = ("C", round(e.dxf.center.x, 6), round(e.dxf.center.y, 6), round(e.dxf.radius, 6))
            assert e.dxf.radius > 0
        else:
            assert e.closed
            pts = e.get_points("xyb")
            key = tuple((round(x, 6), round(y, 6), round(b, 9)) for x, y, b in pts)
            for (x0, y0, _), (x1, y1, _) in zip(pts, pts[1:] + pts[:1]):
                assert math.hypot(x1 - x0, y1 - y0) > 1e-6
        assert key not in seen
        seen.add(key)


def test_each_piece_is_labelled_inside_itself(shelf18) -> None:
    job, dxfs, _ = shelf18
    texts = {t.dxf.text: (t.dxf.align_point.x, t.dxf.align_point.y)
             for t in ezdxf.readfile(dxfs[0]).modelspace().query("TEXT")}
    assert sorted(texts) == ["1 side-left", "2 side-right", "3 shelf-1", "4 shelf-2", "5 shelf-3",
                             "6 shelf-4"]
    import numpy as np

    for p in job.nesting(Options()).groups[0].sheets[0].placements:
        region = [np.array(c.sample()) for c in (p.profile.outline, *p.profile.holes)]
        assert inside_many(np.array([texts[p.piece.label]]), region)[0]


def test_router_slots_in_the_file_are_thickness_minus_tool_plus_clearance(shelf18, shelf15) -> None:
    for (job, dxfs, _), t in ((shelf18, 18.0), (shelf15, 15.0)):
        widths = _slot_widths_in_file(job, dxfs)
        assert sum(len(w) for w in widths.values()) == 4 * 2 + 4 * 2  # 8 side slots, 8 shelf slots
        for w in (w for ws in widths.values() for w in ws):
            # slots for the thickest sheet sold as 18 (15) mm: 18.7 (15.6) − 6 + 0.2 mm
            assert w == pytest.approx(_tmax(t) - 6.0 + 0.2, abs=1e-6)


def test_15_and_18_mm_sheets_differ_exactly_as_the_stock_demands(shelf18, shelf15) -> None:
    (a,), (b,) = shelf18[0].nesting(Options()).groups, shelf15[0].nesting(Options()).groups
    pa, pb = a.sheets[0].placements, b.sheets[0].placements
    assert [p.piece.label for p in pa] == [p.piece.label for p in pb]
    for x, y in zip(pa, pb):
        # same outlines (width, height and depth do not follow the sheet) ...
        bx, by = x.profile.outside[0].bbox(), y.profile.outside[0].bbox()
        assert (bx[2] - bx[0], bx[3] - bx[1]) == pytest.approx((by[2] - by[0], by[3] - by[1]))
        # ... every slot narrower by the difference of the thickest sheets (18.7 − 15.6 mm) ...
        assert [u - v for u, v in zip(x.slot_widths(), y.slot_widths())] == pytest.approx(
            [_tmax(18) - _tmax(15)] * len(x.slot_widths()))
    # ... and the side slots where the thinner shelves sit: the top shelf 3 mm higher
    side18 = next(p for p in pa if p.piece.part.name == "side-left").piece.part.meta["slots"]
    side15 = next(p for p in pb if p.piece.part.name == "side-left").piece.part.meta["slots"]
    # 18 mm: top shelf at 1200 − 40 − 18 = 1142, pitch (1142 − 80) / 3 = 354, slot centres 9 up
    assert [s["y"] for s in side18] == pytest.approx([89, 443, 797, 1151])
    # 15 mm: top at 1145, pitch 355, centres 7.5 up
    assert [s["y"] for s in side15] == pytest.approx([87.5, 442.5, 797.5, 1152.5])


def test_laser_slots_are_thickness_minus_kerf_plus_clearance(tmp_path) -> None:
    job, dxfs, _ = _written(Shelf(**SMALL), Context(workshop="fablab-laser"), tmp_path)
    widths = [w for ws in _slot_widths_in_file(job, dxfs).values() for w in ws]
    assert len(widths) == 2 * 2 + 2 * 2
    assert widths == pytest.approx([_tmax(18) - 0.2 + 0.1] * 8, abs=1e-6)  # 18.6 mm
    # four 300 × 200 mm parts with their grain along the blank: one per 600 × 400 mm blank
    assert len(dxfs) == 4
    docs = [ezdxf.readfile(p) for p in dxfs]
    # a laser cuts the 5 mm anchor holes (0.1 mm smaller) and drills nothing
    radii = [round(c.dxf.radius, 6) for d in docs for c in d.modelspace().query("CIRCLE")]
    assert radii == [2.4, 2.4]
    assert not any(d.modelspace().query(f"*[layer=='{Layer.DRILL.value}']") for d in docs)


def test_letting_parts_turn_across_the_grain_saves_blanks(tmp_path) -> None:
    job, dxfs, _ = _written(Shelf(**SMALL), Context(workshop="fablab-laser"), tmp_path,
                            Options(grain=False))
    assert len(dxfs) == 2  # turned, two 200 × 300 mm parts share a blank


def test_without_compensation_the_file_holds_the_designed_slots(tmp_path) -> None:
    options = Options(compensation=Compensation.NONE)
    job, dxfs, _ = _written(Shelf(), Context(), tmp_path, options)
    widths = [w for ws in _slot_widths_in_file(job, dxfs, options).values() for w in ws]
    assert widths == pytest.approx([_tmax(18) + 0.2] * 16, abs=1e-6)  # 18.9 mm
    assert notes(ezdxf.readfile(dxfs[0]))["WB_COMPENSATION"] == (
        "none: the CAM program offsets the outlines")


def test_svg_preview_is_the_sheet_at_true_size(shelf18) -> None:
    _, _, svgs = shelf18
    assert [p.name for p in svgs] == ["s-plywood-birch-18mm-sheet-1.svg"]
    root = ET.parse(svgs[0]).getroot()
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("2460mm", "1240mm")  # sheet + 10 mm border
    text = svgs[0].read_text()
    assert "#ff0000" in text and "#0000ff" in text  # outside and inside cuts in their colours
