"""The slot-together plywood shelf against hand-computed values: sizes and volumes at several
parameter points, slots as wide as the ACTUAL mating sheet plus the workshop's fit clearance, an
assembly whose parts interlock without overlapping, the checks' numbers, the rules' sentences and
the regional variants."""

import math

import pytest

from workbench import catalog
from workbench.checks.result import Status
from workbench.context import Context
from workbench.errors import BoundsError, RuleError
from workbench.evaluate import evaluate
from workbench.variants import find_variant, variants

Shelf = catalog.get("plywood-shelf")
HAND_HOLE = (115 - 38) * 38 + math.pi * 19**2  # 115 × 38 mm semi-oval
ANCHOR = math.pi * 2.5**2


def _side_area(W, H, D, t, n, base, c, feet=True, handles=True, anchors=True) -> float:
    area = D * H - n * (D / 2) * (t + c)  # t: the sheet the slot is cut for
    return area - feet * (D / 2) * (base / 2) - handles * HAND_HOLE - anchors * ANCHOR


def test_defaults_by_hand() -> None:
    ev = evaluate(Shelf(), Context())
    g = ev.geometry
    assert [p.name for p in g.parts] == ["side-left", "side-right", "shelf-1", "shelf-2",
                                         "shelf-3", "shelf-4"]
    # side: 300 × 1200 × 18, four 150 × 18.9 slots (the eu-metric catalog's thickest 18 mm sheet,
    # 18.7 mm, + 0.2 mm fit: issue 13), a 150 × 40 notch between the feet, the hand hole and the
    # anchor hole
    side = 18 * (300 * 1200 - 4 * 150 * 18.9 - 150 * 40 - HAND_HOLE - ANCHOR)
    assert g.part("side-left").volume == pytest.approx(side, rel=1e-9)
    assert g.part("side-left").volume == pytest.approx(6094444.5, abs=0.1)
    assert g.part("side-left").size == pytest.approx((300, 1200, 18))
    # shelf: 800 × 300 × 18 less two 18.9 × 150 slots
    assert g.part("shelf-1").volume == pytest.approx(18 * (800 * 300 - 2 * 18.9 * 150), rel=1e-9)
    assert g.part("shelf-4").size == pytest.approx((800, 300, 18))


@pytest.mark.parametrize(
    "values, ctx, t, ts, c",
    [
        # ts: the catalog's thickest sheet of that thickness (thickness_max), the slot's sheet
        ({"sheet": "15 mm"}, Context(), 15.0, 15.6, 0.2),
        ({"sheet": "3/4 in", "width": "30 in", "depth": "12 in"}, Context(stock="us-customary"),
         23 / 32 * 25.4, 0.75 * 25.4, 0.2),
        ({"shelves": 10, "height": "2400 mm", "feet": False, "handles": False, "anchors": False},
         Context(), 18.0, 18.7, 0.2),
        ({"width": "300 mm", "height": "300 mm", "depth": "200 mm", "shelves": 2, "handles": False,
          "feet": False, "base": "40 mm", "overhang": "20 mm"}, Context(workshop="fablab-laser"),
         18.0, 18.7, 0.1),
    ],
)
def test_volumes_and_slots_follow_actual_stock_and_fit(values, ctx, t, ts, c) -> None:
    ev = evaluate(Shelf(**values), ctx)
    p = ev.resolved.kernel()
    assert p.sheet == pytest.approx(t)
    W, H, D, n = p.width, p.height, p.depth, p.shelves
    side = ev.geometry.part("side-left")
    area = _side_area(W, H, D, ts, n, p.base, c, p.feet, p.handles, p.anchors)
    assert side.volume == pytest.approx(area * t, rel=1e-9)
    assert side.size == pytest.approx((D, H, t))
    shelf = ev.geometry.part(f"shelf-{n}")
    assert shelf.volume == pytest.approx((W * D - D * (ts + c)) * t, rel=1e-9)
    for part in (side, shelf):
        widths = [s["width"] for s in part.meta["slots"]]
        assert widths == pytest.approx([ts + c] * len(widths))
        assert all(s["depth"] == pytest.approx(D / 2) for s in part.meta["slots"])
    # the design's own analytic expectation agrees when told the workshop's clearance and sheet
    p.fit_clearance = c
    p.slot_sheet = ts
    for name, exp in Shelf(**values).expected(p).items():
        assert ev.geometry.part(name).volume == pytest.approx(exp.volume, rel=1e-9)


def test_slot_widths_measured_on_the_outline() -> None:
    from workbench.checks.cutting import cut_setup
    from workbench.context import workshop
    from workbench.export import Compensation, Relief
    from workbench.export.flat import profile, slot_width

    for sheet, t in (("18 mm", 18.7), ("15 mm", 15.6)):  # the catalog's thickest sheets
        ev = evaluate(Shelf(sheet=sheet), Context())
        for name in ("side-left", "shelf-1"):
            part = ev.geometry.part(name)
            prof = profile(part, cut_setup(workshop("generic-makerspace")), Compensation.NONE,
                           Relief.NONE)
            widths = [slot_width(prof.outside, (s["x"], s["y"]), s["angle"], s["depth"], s["width"])
                      for s in part.meta["slots"]]
            assert widths == pytest.approx([t + 0.2] * len(widths), abs=1e-9)


def test_parts_interlock_without_overlapping() -> None:
    ev = evaluate(Shelf(), Context())
    placed = {p.name: p.placed() for p in ev.geometry.parts}
    for side in ("side-left", "side-right"):
        for k in range(1, 5):
            common = placed[side].intersect(placed[f"shelf-{k}"])
            assert common.Volume() == pytest.approx(0, abs=1e-6)
    bb = ev.geometry.assembly().toCompound().BoundingBox()
    assert (bb.xmin, bb.ymin, bb.zmin, bb.xmax, bb.ymax, bb.zmax) == pytest.approx(
        (0, 0, 0, 800, 300, 1200), abs=1e-6)
    left = placed["side-left"].BoundingBox()
    assert (left.xmin, left.xmax) == pytest.approx((40, 58))  # inside the 40 mm overhang
    # the shelves sit at 80, 434, 788 and 1142 mm: the top one 40 mm below the sides' top
    levels = [placed[f"shelf-{k}"].BoundingBox().zmin for k in range(1, 5)]
    assert levels == pytest.approx([80, 434, 788, 1142])


def test_checks_by_hand() -> None:
    ev = evaluate(Shelf(), Context())
    checks = {c.name: c for c in ev.checks}
    assert list(checks) == ["shelf deflection", "shelf bending", "tip-over", "slot takes the tool",
                            "slot fits the thickest sheet", "side fits the sheet",
                            "shelf fits the sheet"]
    # uniform load: 20 kg of contents (196.13 N) + the 800 × 300 × 18 mm shelf at 680 kg/m³
    # (28.81 N) over the 702 mm between the sides' centres; I = 300 × 18³ / 12
    live, own = 20 * 9.80665, 0.8 * 0.3 * 0.018 * 680 * 9.80665
    span, inertia = 702.0, 300 * 18**3 / 12
    sag = 5 * (live + own) * span**3 / (384 * 10048 * inertia)
    assert checks["shelf deflection"].value.to("mm").magnitude == pytest.approx(sag, rel=1e-6)
    assert sag == pytest.approx(0.692, abs=1e-3)
    assert checks["shelf deflection"].limit.to("mm").magnitude == pytest.approx(span / 600)
    # bending: (1.5 Q + 1.35 G) L / 8 over W = 300 × 18² / 6, against 0.7 × 40.2 / 1.2 MPa
    stress = (1.5 * live + 1.35 * own) * span / 8 / (300 * 18**2 / 6)
    assert checks["shelf bending"].value.to("MPa").magnitude == pytest.approx(stress, rel=1e-6)
    assert checks["shelf bending"].limit.to("MPa").magnitude == pytest.approx(0.7 * 40.2 / 1.2)
    assert checks["slot takes the tool"].utilisation == pytest.approx(6 / 18.9)
    # the slot is cut for the catalog's thickest 18 mm sheet (18.7 mm, eu-metric) + 0.2 mm fit
    fit = checks["slot fits the thickest sheet"]
    assert fit.utilisation == pytest.approx(18.7 / 18.9) and fit.status.value == "warn"
    assert "the thinnest (17.1 mm) leaves 1.8 mm of play" in fit.message
    assert checks["side fits the sheet"].utilisation == pytest.approx(1200 / 2416)
    # tip-over (EN 1990 EQU, 1.5·F·h ≤ 0.9·W·b): the empty unit, two 300 × 1200 sides and four
    # 800 × 300 shelves of 18 mm at 680 kg/m³, weighs 201.7 N; it tips about its front feet,
    # 150 mm from its centre, under 0.9 × 201.7 × 150 / (1.5 × 1200) = 15.1 N at the top
    weight = (2 * 0.3 * 1.2 + 4 * 0.8 * 0.3) * 0.018 * 680 * 9.80665
    tip = checks["tip-over"]
    assert tip.limit.to("N").magnitude == pytest.approx(0.9 * weight * 150 / (1.5 * 1200))
    assert tip.limit.to("N").magnitude == pytest.approx(15.12, abs=0.01)
    assert tip.value.to("N").magnitude == pytest.approx(50)
    # the default push is EN 14749:2016 Table 3 test 5.6.2's 50 N outward force for storage
    # units taller than 1000 mm (EN 16122:2012 §11.2.2): 50 / 15.12 = 3.31, it tips free-standing;
    # with the anchor holes (default) it is made to be strapped, so it warns instead of failing
    assert tip.load_bearing and tip.ran and tip.status.value == "warn"
    assert tip.utilisation == pytest.approx(50 / (0.9 * weight * 150 / (1.5 * 1200)))
    assert tip.utilisation == pytest.approx(3.306, abs=1e-3)
    assert "the push is 50 N" in tip.message and "must be strapped to the wall" in tip.message
    assert "EN 14749:2016 Table 3" in tip.reference
    assert ev.status == "warn"
    loose = {c.name: c for c in evaluate(Shelf(anchors=False), Context()).checks}["tip-over"]
    assert loose.status.value == "fail" and loose.utilisation == pytest.approx(tip.utilisation)
    unset = {c.name: c for c in evaluate(Shelf(push="0 N"), Context()).checks}["tip-over"]
    assert not unset.ran and "50 N, EN 14749:2016 Table 3 test 5.6.2" in unset.lacks
    pushed = {c.name: c for c in evaluate(Shelf(push="10 N"), Context()).checks}["tip-over"]
    assert pushed.utilisation == pytest.approx(10 / (0.9 * weight * 150 / (1.5 * 1200)))


def test_thinner_sheet_sags_past_the_shelf_limit() -> None:
    ev = evaluate(Shelf(sheet="15 mm"), Context())
    sag = {c.name: c for c in ev.checks}["shelf deflection"]
    assert sag.status is Status.FAIL and sag.utilisation == pytest.approx(1.008, abs=1e-3)


def test_laser_workshop_says_the_sides_do_not_fit() -> None:
    ev = evaluate(Shelf(), Context(workshop="fablab-laser"))
    side = {c.name: c for c in ev.checks}["side fits the sheet"]
    assert side.status is Status.FAIL
    assert side.message == (
        "The 1200 × 300 mm part does not fit with its grain along the 600 × 400 mm sheet on the "
        "laser, 10 mm clear at the edges."
    )


def test_rules_name_values_and_limits() -> None:
    with pytest.raises(RuleError) as err:
        Shelf(overhang="15 mm")
    assert str(err.value) == (
        "plywood-shelf: overhang 15 mm must be at least the sheet thickness (18 mm), or the wood "
        "beyond the slots breaks out"
    )
    # 8 shelves in 800 mm: pitch (800 − 40 − 18 − 80) / 7 = 94.6 mm, 76.6 mm clear
    with pytest.raises(RuleError) as err:
        Shelf(height="800 mm", shelves=8)
    assert str(err.value) == (
        "plywood-shelf: 8 shelves leave 77 mm between them; at least 90 mm is needed with hand "
        "holes (fewer shelves, a taller unit or a lower bottom shelf)"
    )
    Shelf(height="800 mm", shelves=8, handles=False)  # 60 mm is enough without hand holes
    with pytest.raises(RuleError) as err:
        Shelf(base="30 mm")
    assert str(err.value) == ("plywood-shelf: feet need the bottom shelf at least twice the "
                              "thickness (36 mm) above the floor; it is 30 mm")
    with pytest.raises(RuleError) as err:
        Shelf(width="300 mm", overhang="100 mm")
    assert str(err.value) == (
        "plywood-shelf: width 300 mm leaves 64 mm between the sides; at least 100 mm is needed "
        "(a wider unit or a smaller overhang)"
    )


def test_stock_the_catalog_does_not_sell_is_refused() -> None:
    with pytest.raises(BoundsError, match=r"^sheet: 20 mm birch plywood is not sold in eu-metric"):
        evaluate(Shelf(sheet="20 mm"), Context())


def test_variants_adapt_to_two_regions() -> None:
    found = {v.slug: v for v in variants("plywood-shelf")}
    assert sorted(found) == ["lima-15mm", "lima-15mm-tall", "us-23-32"]
    lima = evaluate(found["lima-15mm"].design(), found["lima-15mm"].context())
    assert lima.resolved.sheet.to("mm").magnitude == pytest.approx(15)
    # the variants keep the EN 14749 default push and the anchor holes: tipping warns (strap it)
    assert lima.resolved.context.climate == "lima" and lima.status == "warn"
    tall = find_variant("plywood-shelf/lima-15mm-tall")
    assert [v.slug for v in tall.chain()] == ["lima-15mm", "lima-15mm-tall"]
    assert tall.design().values["shelves"] == 6
    assert tall.design().overrides()["sheet"].magnitude == 15
    us = evaluate(found["us-23-32"].design(), found["us-23-32"].context())
    assert us.resolved.sheet.to("mm").magnitude == pytest.approx(18.25625)
    assert us.geometry.part("shelf-1").size == pytest.approx((762, 304.8, 18.25625))
    assert us.status == "warn"
