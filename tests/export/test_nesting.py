"""Nesting on the local stock's sheets: every part inside its blank with the margin, no two parts
closer than the spacing, face grain along the sheet, the cheapest sheet size, bed-size blanks for a
small cutter, and one-line refusals."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import catalog
from workbench.context import Context
from workbench.errors import BoundsError, ExportError
from workbench.evaluate import evaluate
from workbench.export import Options
from workbench.export.flat import Contour
from workbench.export.job import Job
from workbench.export.nesting import _pack, best_angle, problems

Shelf = catalog.get("plywood-shelf")
Bracket = catalog.get("bracket")


def _nest(design, ctx=None, options=Options()):
    return Job.of(evaluate(design, ctx or Context())).nesting(options)


def test_default_shelf_nests_on_one_sheet_with_the_grain_along_it() -> None:
    n = _nest(Shelf())
    (g,) = n.groups
    assert (g.material, g.thickness, g.stock.id) == ("plywood-birch", 18.0, "birch-18")
    # 2440 × 1220 fits the router's bed as it is; 2500 × 1250 would be sawn down to it (more to
    # buy); 1525 × 1525 would take two sheets
    assert g.sheet_size == (2440, 1220) and g.blank == (2440, 1220) and g.blanks_per_sheet == 1
    assert len(g.sheets) == 1 and g.sheets_to_buy == 1
    angles = {p.piece.part.name: p.angle for p in g.sheets[0].placements}
    assert angles == {"side-left": 90, "side-right": 90, "shelf-1": 0, "shelf-2": 0,
                      "shelf-3": 0, "shelf-4": 0}  # sides' grain runs up, shelves' along
    # parts' area by hand: side 300 × 1200 less 4 slots 150 × 18.9 (the thickest 18 mm birch
    # sheet the catalog allows, 18.7 mm, + 0.2 mm fit), the feet notch 150 × 40, the hand hole
    # (77 × 38 + π 19²) and the anchor hole (π 2.5²); shelf 800 × 300 less 2 slots
    side = 300 * 1200 - 4 * 150 * 18.9 - 150 * 40 - (77 * 38 + math.pi * 19**2) - math.pi * 2.5**2
    shelf = 800 * 300 - 2 * 150 * 18.9
    assert g.parts_area == pytest.approx(2 * side + 4 * shelf)
    assert g.yield_ == pytest.approx((2 * side + 4 * shelf) / (2440 * 1220))
    assert round(100 * g.yield_, 1) == 54.2
    assert (g.spacing, g.margin) == (12, 12) and problems(g) == []


def test_spacing_and_margin_can_be_set_and_are_kept() -> None:
    (g,) = _nest(Shelf(), options=Options(spacing=30, margin=50)).groups
    assert (g.spacing, g.margin) == (30, 50) and problems(g) == []
    boxes = [p.box for p in g.sheets[0].placements]
    assert min(b[0] for b in boxes) >= 50 - 1e-6 and min(b[1] for b in boxes) >= 50 - 1e-6


def test_many_parts_take_several_sheets_without_overlap() -> None:
    (g,) = _nest(Shelf(width="2000 mm", height="2400 mm", shelves=10, depth="450 mm")).groups
    assert len(g.sheets) == g.sheets_to_buy >= 3
    assert sum(len(s.placements) for s in g.sheets) == 12 and problems(g) == []


def test_a_small_cutter_gets_blanks_sawn_from_the_cheapest_sheet() -> None:
    (g,) = _nest(Bracket(make="plywood"), Context(workshop="fablab-laser")).groups
    # 1525 × 1525 birch is sold in 18 mm: sawn to 600 × 400 blanks, 2 × 3 per sheet
    assert g.sheet_size == (1525, 1525) and g.blank == (600, 400) and g.blanks_per_sheet == 6
    assert len(g.sheets) == 1 and g.sheets_to_buy == 1 and problems(g) == []
    assert (g.spacing, g.margin) == (2, 10)


def test_a_part_too_big_for_the_cutter_is_refused_in_one_line() -> None:
    with pytest.raises(ExportError) as err:
        _nest(Shelf(), Context(workshop="fablab-laser"))
    assert str(err.value) == (
        "part 'side-left' (1200 × 300 mm) does not fit the 600 × 400 mm sheet on the laser "
        "(0.2 mm kerf) of workshop fablab-laser with 10 mm kept clear at the edges and its face "
        "grain along the sheet"
    )


def test_a_workshop_without_a_cutter_is_refused() -> None:
    with pytest.raises(BoundsError, match=r"^workshop prusa-mk4 has no sheet cutter"):
        _nest(Shelf(), Context(workshop="prusa-mk4"))


def test_free_parts_turn_to_their_smallest_box() -> None:
    c, s = math.cos(math.radians(30)), math.sin(math.radians(30))
    pts = [(0, 0), (200, 0), (200, 50), (0, 50)]
    turned = Contour(tuple((c * x - s * y, s * x + c * y, 0.0) for x, y in pts))
    angle = best_angle(turned, None)
    x0, y0, x1, y1 = turned.moved(angle, 0, 0).bbox()
    assert (x1 - x0, y1 - y0) == (pytest.approx(200), pytest.approx(50))
    assert best_angle(turned, "x") == 0 and best_angle(turned, "y") == 90


@settings(max_examples=40, deadline=None)
@given(
    boxes=st.lists(st.tuples(st.floats(5, 600), st.floats(5, 400)), min_size=1, max_size=25),
    spacing=st.floats(0.5, 20),
    rotate=st.booleans(),
)
def test_packed_boxes_never_overlap_and_stay_inside(boxes, spacing, rotate) -> None:
    usable = (1000.0, 700.0)
    sheets = _pack(boxes, usable, spacing, rotate)
    assert sheets is not None
    assert sorted(i for s in sheets for i, *_ in s) == list(range(len(boxes)))
    for sheet in sheets:
        rects = []
        for i, x, y, turned in sheet:
            w, h = boxes[i][::-1] if turned else boxes[i]
            assert x >= 0 and y >= 0 and x + w <= usable[0] + 1e-9 and y + h <= usable[1] + 1e-9
            rects.append((x, y, x + w, y + h))
        for k, a in enumerate(rects):
            for b in rects[k + 1:]:
                gap_x = max(b[0] - a[2], a[0] - b[2])
                gap_y = max(b[1] - a[3], a[1] - b[3])
                assert max(gap_x, gap_y) >= spacing - 1e-9
