"""Flat outlines and cut paths, against hand-made plates: contours keep lines and arcs exactly, a
laser's kerf grows outlines and shrinks holes and slots by half its width, a router gets dog-bone
or T-bone relief of its tool radius at inside corners and drills holes no wider than its tool."""

import math

import pytest

from workbench.checks.cutting import CutSetup, Cutter
from workbench.design import Process
from workbench.errors import ExportError
from workbench.export import Compensation, Relief
from workbench.export.flat import Contour, arc_center, contour_of, label_spot, profile
from workbench.geometry import MeasuredPart
from workbench.kernel import cq
from workbench.units import Q_

T = 18.0
SLOT = 18.2  # an 18 mm sheet plus 0.2 mm fit clearance
LASER = CutSetup("t", Cutter.LASER, Q_(0.2, "mm"), (Q_(600, "mm"), Q_(400, "mm")), Q_(0.1, "mm"))
ROUTER = CutSetup("t", Cutter.ROUTER, Q_(6, "mm"), (Q_(2440, "mm"), Q_(1220, "mm")), Q_(0.2, "mm"))


def _part(body, name: str = "plate") -> MeasuredPart:
    solid = body.val()
    bb = solid.BoundingBox()
    return MeasuredPart(name, "panel", Process.CUT, 1, solid, (bb.xlen, bb.ylen, bb.zlen),
                        solid.Volume(), (0, 0, 0, 0, 0, 0), {})


def _plate(hole: float = 20.0, drill: float = 5.0):
    """200 × 100 plate: a slot from the top edge (x 50…68.2, 50 deep), a round hole, a 40 × 20
    rectangular hole and a small round hole."""
    body = cq.Workplane("XY").rect(200, 100, centered=False).extrude(T)
    body = body.cut(cq.Workplane("XY").center(50 + SLOT / 2, 75).rect(SLOT, 50).extrude(T))
    body = body.cut(cq.Workplane("XY").center(120, 50).circle(hole / 2).extrude(T))
    body = body.cut(cq.Workplane("XY").center(165, 30).rect(40, 20).extrude(T))
    body = body.cut(cq.Workplane("XY").center(20, 20).circle(drill / 2).extrude(T))
    return _part(body)


def _vertical_walls(contour: Contour, y_between: tuple[float, float]) -> list[float]:
    """x of the slot's walls: vertical line segments of `contour` within x 30…90 spanning the
    given y range."""
    out = []
    for (x0, y0), (x1, y1), b in contour.segments():
        if b == 0 and abs(x0 - x1) < 1e-9 and 30 < x0 < 90 and \
                min(y0, y1) <= y_between[0] and max(y0, y1) >= y_between[1]:
            out.append(x0)
    return sorted(out)


def test_contour_keeps_lines_and_arcs_exactly() -> None:
    body = cq.Workplane("XY").rect(100, 50, centered=False).extrude(T)
    body = body.edges("|Z and >X and >Y").fillet(10)
    body = body.cut(cq.Workplane("XY").center(30, 25).circle(5).extrude(T))
    face = [f for f in body.val().Faces() if f.Center().z < 1e-9 and f.geomType() == "PLANE"][0]
    outline = contour_of(face.outerWire())
    (hole,) = [contour_of(w) for w in face.innerWires()]
    assert outline.area() == pytest.approx(100 * 50 - (10**2 - math.pi * 10**2 / 4), rel=1e-12)
    assert outline.length() == pytest.approx(2 * (100 + 50) - 2 * 10 + math.pi * 10 / 2, rel=1e-12)
    assert hole.circle == pytest.approx((30, 25, 5))
    (arc,) = [(p0, p1, b) for p0, p1, b in outline.segments() if b]
    assert arc_center(*arc) == (pytest.approx((90, 40)), pytest.approx(10))
    moved = outline.moved(90, 10, 0)
    assert moved.area() == pytest.approx(outline.area())
    assert moved.bbox() == pytest.approx((-40, 0, 10, 100))


def test_laser_kerf_grows_the_outline_and_shrinks_slots_and_holes() -> None:
    prof = profile(_plate(), LASER, Compensation.KERF, Relief.DOGBONE)
    assert prof.reliefs == 0 and prof.drills == ()  # a laser needs no relief and drills nothing
    (outside,) = prof.outside
    assert outside.bbox() == pytest.approx((-0.1, -0.1, 200.1, 100.1), abs=1e-6)
    walls = _vertical_walls(outside, (60, 90))
    assert walls == pytest.approx([50.1, 68.1])  # slot walls moved in by half the kerf
    assert walls[1] - walls[0] == pytest.approx(SLOT - 0.2, abs=1e-9)  # t + c − kerf
    circles = sorted(c.circle[2] for c in prof.inside if c.circle)
    assert circles == pytest.approx([2.4, 9.9])  # both round holes are cut, 0.1 mm smaller
    (rect,) = [c for c in prof.inside if c.circle is None]
    assert rect.bbox() == pytest.approx((145.1, 20.1, 184.9, 39.9), abs=1e-6)
    assert prof.area == pytest.approx(200 * 100 - SLOT * 50 - math.pi * 100 - 800 - math.pi * 6.25)


def test_router_relieves_inside_corners_with_dogbones_of_its_radius() -> None:
    prof = profile(_plate(), ROUTER, Compensation.NONE, Relief.DOGBONE)
    assert prof.reliefs == 6  # two at the slot's bottom, four in the rectangular hole
    (outside,) = prof.outside
    arcs = [arc_center(p0, p1, b) for p0, p1, b in outside.segments() if b]
    assert len(arcs) == 2 and all(r == pytest.approx(3.0) for _, r in arcs)
    for corner in ((50, 50), (50 + SLOT, 50)):
        # the tool's centre reaches the corner: a relief circle passes through it, on the bisector
        (centre,) = [c for c, _ in arcs if math.dist(c, corner) < 3.01]
        assert math.dist(centre, corner) == pytest.approx(3.0)
        assert abs(centre[0] - corner[0]) == pytest.approx(abs(centre[1] - corner[1]))
    walls = _vertical_walls(outside, (60, 90))
    assert walls[1] - walls[0] == pytest.approx(SLOT)  # no compensation: the design's slot
    (drill,) = prof.drills  # the 5 mm hole is narrower than the 6 mm tool: drilled
    assert (drill.x, drill.y, drill.diameter) == pytest.approx((20, 20, 5))
    assert [c.circle[2] for c in prof.inside if c.circle] == pytest.approx([10])


def test_tbones_push_the_relief_along_the_longer_edge() -> None:
    prof = profile(_plate(), ROUTER, Compensation.NONE, Relief.TBONE)
    (outside,) = prof.outside
    centres = [arc_center(p0, p1, b)[0] for p0, p1, b in outside.segments() if b]
    # the slot walls (50 mm) are longer than its bottom (18.2 mm): the relief goes deeper, its
    # centre on the bottom's line, one tool radius from each corner
    assert sorted(centres) == [pytest.approx((53, 50)), pytest.approx((50 + SLOT - 3, 50))]


def test_router_paths_are_the_tool_centre_and_reach_every_corner() -> None:
    prof = profile(_plate(), ROUTER, Compensation.KERF, Relief.DOGBONE)
    (outside,) = prof.outside
    assert outside.bbox() == pytest.approx((-3, -3, 203, 103), abs=1e-6)
    walls = _vertical_walls(outside, (60, 90))
    assert walls[1] - walls[0] == pytest.approx(SLOT - 6)  # t + c − tool diameter
    for corner in ((50, 50), (50 + SLOT, 50)):
        nearest = min(math.dist((x, y), corner) for x, y, _ in outside.vertices)
        assert nearest == pytest.approx(3.0, abs=1e-6)  # the tool's edge touches the corner


def test_router_without_relief_leaves_sharp_corners() -> None:
    prof = profile(_plate(), ROUTER, Compensation.NONE, Relief.NONE)
    assert prof.reliefs == 0
    assert all(b == 0 for c in prof.outside for *_, b in c.vertices)


def test_parts_a_sheet_cutter_cannot_make_are_refused() -> None:
    pocket = cq.Workplane("XY").rect(100, 50).extrude(T)
    pocket = pocket.faces(">Z").workplane().rect(20, 20).cutBlind(-5)
    with pytest.raises(ExportError, match=r"^part 'plate' has a face at z = 13 mm: pockets"):
        profile(_part(pocket), LASER)
    chamfered = cq.Workplane("XY").rect(100, 50).extrude(T).edges(">Z").chamfer(2)
    with pytest.raises(ExportError, match=r"^part 'plate' has a sloped or curved face"):
        profile(_part(chamfered), LASER)


def test_label_goes_where_the_material_is_widest() -> None:
    rect = Contour(((0, 0, 0), (200, 0, 0), (200, 50, 0), (0, 50, 0)))
    x, y, clearance, run_x, run_y = label_spot([rect])
    assert (x, y) == (pytest.approx(100, abs=2.1), pytest.approx(25, abs=0.6))
    assert clearance == pytest.approx(25, abs=0.6)
    assert run_x == pytest.approx(100, abs=2.1) and run_y == pytest.approx(25, abs=0.6)
