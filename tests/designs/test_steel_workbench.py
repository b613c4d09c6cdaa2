"""The welded steel workbench frame: geometry and checks against hand-computed values."""

import math

import pytest

from workbench import catalog
from workbench.context import Context
from workbench.errors import RuleError, UnknownNameError
from workbench.evaluate import evaluate
from workbench.geometry import geometry_hash
from workbench.variants import variants

Bench = catalog.get("steel-workbench")
G = 9.80665  # standard gravity, m/s²
# US square HSS is sold as ASTM A500 Grade C (materials/stock/us-customary.toml), so a US shop frames in it
US = Context(stock="us-customary", climate="cold-continental", materials={"frame": "steel-a500c"})


def _tube_area(side: float, wall: float) -> float:
    return side**2 - (side - 2 * wall) ** 2  # sharp-cornered square hollow section


def _en10219(side: float, wall: float) -> tuple[float, float]:
    """(A, I) of a cold-formed square tube with EN 10219-2:2006 Annex B corners, r_o = 2T
    (T ≤ 6 mm), r_i = T: the sharp square less four corner spandrels (r × r square less a quarter
    disc), each moved to the axis by the parallel-axis theorem."""
    def rounded(b: float, r: float) -> tuple[float, float]:
        sq = r**4 / 12 + r * r * (b / 2 - r / 2) ** 2
        yq = (b / 2 - r) + 4 * r / (3 * math.pi)
        disc = (math.pi / 16 - 4 / (9 * math.pi)) * r**4 + math.pi * r * r / 4 * yq**2
        return b * b - (4 - math.pi) * r * r, b**4 / 12 - 4 * (sq - disc)

    a_out, i_out = rounded(side, 2 * wall)
    a_in, i_in = rounded(side - 2 * wall, wall)
    return a_out - a_in, i_out - i_in


def test_en10219_rounded_corners() -> None:
    from workbench.checks.sections import cold_formed_tube
    from workbench.units import Q_

    area, inertia = _en10219(50, 3)
    assert area == pytest.approx(540.82, abs=0.01) and inertia == pytest.approx(194671, abs=1)
    assert inertia / ((50**4 - 44**4) / 12) == pytest.approx(0.934, abs=1e-3)  # sharp: +7 %
    s = cold_formed_tube(Q_(50, "mm"), Q_(50, "mm"), Q_(3, "mm"))
    assert s.I.m_as("mm**4") == pytest.approx(inertia) and s.area.m_as("mm**2") == pytest.approx(area)
    # EN 10219-2 table value for RHS 40 × 20 × 2 (r_o 4, r_i 2 mm): A 2.14 cm², I_y 4.04 cm⁴
    rhs = cold_formed_tube(Q_(40, "mm"), Q_(20, "mm"), Q_(2, "mm"))
    assert rhs.area.m_as("cm**2") == pytest.approx(2.14, abs=0.005)
    assert rhs.I.m_as("cm**4") == pytest.approx(4.04, rel=0.003)


def _checks(ev):
    return {c.name: c for c in ev.checks}


def test_defaults_members_and_volumes_by_hand() -> None:
    # 50 x 50 x 3 SHS: A = 50² − 44² = 564 mm². Legs 850; long rails 1800 − 2·50 = 1700 at the
    # top and at the shelf; short rails and the crossbar 700 − 100 = 600.
    ev = evaluate(Bench(), Context())
    parts = {p.name: p for p in ev.geometry.parts}
    lengths = {
        **{f"leg-{s}": 850 for s in ("front-left", "front-right", "back-left", "back-right")},
        **{f"{lvl}-{s}": 1700 for lvl in ("top-rail", "shelf-rail") for s in ("front", "back")},
        **{f"{lvl}-{s}": 600 for lvl in ("top-rail", "shelf-rail") for s in ("left", "right")},
        "crossbar-1": 600,
    }
    assert set(parts) == set(lengths)
    for name, cut in lengths.items():
        part = parts[name]
        assert part.size == pytest.approx((50, 50, cut))
        assert part.volume == pytest.approx(564 * cut, rel=1e-9)
        assert part.meta == {"stock": "shs-50x50x3-0", "cut_length": pytest.approx(cut)}
        assert part.role == "frame" and part.process.value == "frame"
    # 13.2 m of tube at 564 mm² and 7850 kg/m³ (EN 1993-1-1) = 58.44 kg
    assert ev.mass.to("kg").magnitude == pytest.approx(13200 * 564e-9 * 7850, rel=1e-9)


@pytest.mark.parametrize(
    ("values", "count", "box"),
    [
        ({}, 13, (1800, 700, 850)),
        ({"lower_frame": False, "crossbars": 0}, 8, (1800, 700, 850)),
        ({"length": "3 m", "width": "1.2 m", "height": "1.2 m", "crossbars": 4}, 16,
         (3000, 1200, 1200)),
        ({"length": "72 in", "width": "30 in", "height": "34 in", "tube": "HSS 2 x 2 x 1/8"}, 13,
         (1828.8, 762, 863.6)),
    ],
)
def test_assembly_fills_the_outside_box(values, count, box) -> None:
    ev = evaluate(Bench(**values), Context())
    assert len(ev.geometry.parts) == count
    bb = ev.geometry.assembly().toCompound().BoundingBox()
    assert (bb.xmin, bb.ymin, bb.zmin) == pytest.approx((0, 0, 0), abs=1e-6)
    assert (bb.xmax, bb.ymax, bb.zmax) == pytest.approx(box, abs=1e-6)


def test_us_hss_is_drawn_with_its_actual_size() -> None:
    # HSS 2 x 2 x 1/8: 2 in outside, AISC design wall 0.116 in; the long rails are 72 − 2·2 in.
    ev = evaluate(Bench(tube="2x2x1/8 in", length="72 in", width="30 in"), US)
    rail = ev.geometry.part("top-rail-front")
    s, t = 50.8, 0.116 * 25.4
    assert rail.size == pytest.approx((s, s, (72 - 4) * 25.4))
    assert rail.volume == pytest.approx(_tube_area(s, t) * 68 * 25.4, rel=1e-9)
    assert rail.meta["stock"] == "hss-2x2x1-8"


def test_shelf_rails_and_crossbars_are_where_the_values_say() -> None:
    ev = evaluate(Bench(shelf_height="300 mm", crossbars=3), Context())
    shelf = ev.geometry.part("shelf-rail-front").placed().BoundingBox()
    assert (shelf.zmin, shelf.zmax) == pytest.approx((250, 300))
    # three crossbars split the 1700 mm between the legs into four: centres at 475, 900, 1325
    centres = []
    for i in (1, 2, 3):
        bb = ev.geometry.part(f"crossbar-{i}").placed().BoundingBox()
        assert (bb.ymin, bb.ymax, bb.zmax) == pytest.approx((50, 650, 850))
        centres.append((bb.xmin + bb.xmax) / 2)
    assert centres == pytest.approx([475, 900, 1325])


def test_tube_is_named_by_id_label_or_size() -> None:
    assert Bench(tube="shs-50x50x3-0") == Bench() == Bench(tube="SHS 50 x 50 x 3.0 (cold-formed)")
    d = Bench(tube="HSS 1-1/2 x 1-1/2 x 3/16")
    assert d.tube.id == "hss-1-1-2x1-1-2x3-16"
    assert Bench.params()["tube"].to_text(d.tube) == "hss-1-1-2x1-1-2x3-16"
    assert d.evolve(length="1.5 m").tube.id == "hss-1-1-2x1-1-2x3-16"
    with pytest.raises(UnknownNameError) as err:
        Bench(tube="45x45x3")
    assert str(err.value).startswith(
        "tube: '45x45x3' is not a square tube any stock catalog lists; give its id, label or size"
    )


def test_rules_name_values_and_limits() -> None:
    with pytest.raises(RuleError) as err:
        Bench(height="600 mm", shelf_height="600 mm")
    assert str(err.value) == (
        "steel-workbench: shelf rails at 600 mm leave -50 mm below the top rails; leave at least "
        "one tube width (50 mm) to weld both all round (lower the shelf rails or raise the frame)"
    )
    with pytest.raises(RuleError) as err:
        Bench(length="600 mm", crossbars=4, tube="60x60x3")  # (600 − 2·60 − 4·60)/5 = 48 mm
    assert str(err.value) == (
        "steel-workbench: 4 crossbars leave 48 mm between members; leave at least one tube width "
        "(60 mm) to weld all round (fewer crossbars or a longer frame)"
    )
    Bench(height="600 mm", shelf_height="600 mm", lower_frame=False)  # no shelf rails: fine


def test_top_rail_checks_by_hand() -> None:
    ev = evaluate(Bench(), Context())
    checks = _checks(ev)
    # simply supported between the legs' centre lines: 1800 − 50 = 1750 mm
    span, inertia = 1750.0, _en10219(50, 3)[1]  # 194 671 mm⁴ (EN 10219 corners; sharp 208 492)
    w_el = inertia / 25
    # each long rail: half of 300 kg plus half the top ring and crossbar's own weight
    top_steel = (2 * 1700 + 3 * 600) * 564e-9 * 7850  # kg
    rail = (300 + top_steel) * G / 2  # 1583.9 N
    stress = 1.5 * rail * span / 8 / w_el  # γ_Q·W·L/8 / W_el = 62.3 MPa
    assert checks["top rail bending (spread load)"].value.to("MPa").magnitude == pytest.approx(
        stress, rel=1e-6)
    assert checks["top rail bending (spread load)"].limit.to("MPa").magnitude == 235
    sag = 5 * rail * span**3 / (384 * 210000 * inertia)  # 2.52 mm
    assert checks["top rail deflection (spread load)"].value.to("mm").magnitude == pytest.approx(
        sag, rel=1e-6)
    assert checks["top rail deflection (spread load)"].limit.to("mm").magnitude == pytest.approx(
        span / 360)
    point = checks["top rail deflection (point load)"]
    assert point.value.to("mm").magnitude == pytest.approx(
        1000 * span**3 / (48 * 210000 * inertia), rel=1e-6)  # 2.55 mm
    assert checks["top rail bending (point load)"].value.to("MPa").magnitude == pytest.approx(
        1.5 * 1000 * span / 4 / w_el, rel=1e-6)  # 78.7 MPa
    assert ev.status == "unverified"  # no sideways push set: tipping and racking (issue 13)


def test_leg_buckling_by_hand() -> None:
    # Load per leg: a quarter of 300 kg and of the 58.44 kg frame = 878.8 N. Between the shelf
    # rails (centre 225 mm) and the top rails (centre 825 mm) the leg is 600 mm long, both ends
    # held square by welded rails, free to sway: K = 1 (AISC C-A-7.1 case c). r = √(I/A) =
    # 19.23 mm, K·L/r = 31.2 < (K·L/r)₁ = 132.8: Johnson, P_cr = A·[S_y − (S_y·KL/(2πr))²/E].
    leg = _checks(evaluate(Bench(), Context()))["leg buckling"]
    area, inertia = _en10219(50, 3)  # 540.8 mm², 194 671 mm⁴ (EN 10219-2 rounded corners)
    r = math.sqrt(inertia / area)
    slender = 600 / r
    p_cr = area * (235 - (235 * slender / (2 * math.pi)) ** 2 / 210000)  # 128.9 kN
    load = (300 + 13200 * 564e-9 * 7850) * G / 4
    assert leg.value.to("N").magnitude == pytest.approx(load, rel=1e-6)
    assert leg.limit.to("N").magnitude == pytest.approx(p_cr / 2, rel=1e-6)
    assert leg.message.startswith("Leg between the rails: The fixed-fixed sway column carries")
    # without shelf rails the whole leg (floor to top-rail centre, 825 mm) is a pinned-base sway
    # column, K = 2 (case f)
    bare = _checks(evaluate(Bench(lower_frame=False, crossbars=0), Context()))["leg buckling"]
    slender = 2 * 825 / r  # 85.8, still Johnson
    assert bare.limit.to("N").magnitude == pytest.approx(
        area * (235 - (235 * slender / (2 * math.pi)) ** 2 / 210000) / 2, rel=1e-6)
    assert "floor to top rails: The pinned-fixed sway column" in bare.message


def test_weld_check_by_hand() -> None:
    # End shear of a top rail: half its spread load (791.9 N) beats half the point load (500 N);
    # × γ_Q 1.5 = 1188 N. Two side welds, 3 mm throat, 2 × 50 mm: f_vw,d = 360/√3/(0.8·1.25)
    # = 207.8 MPa (EN 1993-1-8 §4.5.3.3, β_w 0.8 for S235) → 62.35 kN.
    weld = _checks(evaluate(Bench(), Context()))["rail end weld"]
    top_steel = (2 * 1700 + 3 * 600) * 564e-9 * 7850
    assert weld.value.to("N").magnitude == pytest.approx(1.5 * (300 + top_steel) * G / 4, rel=1e-6)
    assert weld.limit.to("kN").magnitude == pytest.approx(360 / math.sqrt(3) / (0.8 * 1.25) * 3 * 100 / 1000)


def test_forty_mm_tube_sags_at_1800_and_passes_at_1500() -> None:
    # 40 x 40 x 3 with EN 10219 corners: I = 93 236 mm⁴. A 1000 N point load on the 1760 mm span
    # between leg centres: δ = P·L³/(48·E·I) = 5.80 mm > L/360 = 4.89 mm; 1460 mm: 3.31 < 4.06 mm.
    long = _checks(evaluate(Bench(tube="40x40x3"), Context()))["top rail deflection (point load)"]
    inertia = _en10219(40, 3)[1]
    assert long.value.to("mm").magnitude == pytest.approx(1000 * 1760**3 / (48 * 210000 * inertia))
    assert long.status.value == "fail"
    short = evaluate(Bench(tube="40x40x3", length="1500 mm"), Context())
    assert _checks(short)["top rail deflection (point load)"].status.value == "pass"


def test_stock_check_follows_the_local_catalog() -> None:
    d = Bench()
    assert _checks(evaluate(d, Context()))["tube stock"].status.value == "pass"
    us = _checks(evaluate(d, US))["tube stock"]
    assert us.status.value == "fail" and "is not sold in US customary stock" in us.message
    kenya = _checks(evaluate(d, Context(stock="east-africa", climate="highland")))["tube stock"]
    assert kenya.status.value == "warn" and "no square tube sizes" in kenya.message


def test_us_hss_is_a500_not_s235() -> None:
    # The default frame grade, S235, is a European one: US stock sells its HSS as A500 Grade C
    d = Bench(tube="HSS 2 x 2 x 1/8", length="72 in", width="30 in", height="34 in")
    s235 = _checks(evaluate(d, Context(stock="us-customary", climate="cold-continental")))
    assert s235["tube stock"].status.value == "fail"
    assert "sells HSS 2 x 2 x 1/8 (ASTM A500) as steel-a500c, not steel-s235" in (
        s235["tube stock"].message)
    a500 = _checks(evaluate(d, US))
    assert a500["tube stock"].status.value == "pass"
    # A500 Gr. C shaped tubing: F_y = 50 ksi (astm-a500c), so the bending limit is 50 ksi / γ_M0 1.0
    assert a500["top rail bending (spread load)"].limit.to("psi").magnitude == pytest.approx(50000)


def test_inch_tube_speaks_inches_and_pounds() -> None:
    d = Bench(tube="HSS 2 x 2 x 1/8", length="72 in", width="30 in", height="34 in",
              load="600 lb", point_load="225 lbf")
    checks = _checks(evaluate(d, US))
    assert checks["tube stock"].message == (
        "US customary stock sells HSS 2 x 2 x 1/8 (ASTM A500) in lengths up to 48 ft; the longest "
        "member is 5.67 ft."
    )
    # 72 in − 2 in between the leg centres = 70 in; 70/360 = 0.194 in
    sag = checks["top rail deflection (point load)"]
    assert sag.message.endswith("the limit (L/360) is 0.194 in.")
    assert " psi under " in checks["top rail bending (spread load)"].message
    assert " lbf" in checks["leg buckling"].message and " in long)" in checks["rail end weld"].message


def test_material_without_data_warns() -> None:
    # YST 310 (IS 4923) has no ultimate strength in the data: the weld check cannot run
    ev = evaluate(Bench(tube="40x40x3.2"), Context(stock="india", materials={"frame": "steel-yst310"}))
    checks = _checks(ev)
    assert checks["tube stock"].status.value == "pass"
    assert checks["rail end weld"].status.value == "warn"
    assert "ultimate tensile strength" in checks["rail end weld"].message


def test_variants_rebuild_to_their_hash_and_pass() -> None:
    found = {v.slug: v for v in variants("steel-workbench")}
    assert set(found) == {"nairobi-40x40-short", "minneapolis-hss-2x2"}
    for v in found.values():
        ev = evaluate(v.design(), v.context())
        assert geometry_hash(ev.geometry) == v.geometry_hash
        assert ev.status != "fail", [c.message for c in ev.checks if c.status.value == "fail"]
    assert found["minneapolis-hss-2x2"].design().tube.id == "hss-2x2x1-8"
    nairobi = evaluate(found["nairobi-40x40-short"].design(), found["nairobi-40x40-short"].context())
    assert [c.name for c in nairobi.checks
            if c.status.value == "warn" and not (c.load_bearing and not c.ran)] == ["tube stock"]
    assert f"{nairobi.cost.units:~P}" == "KES"


def test_crossbar_load_path_by_hand() -> None:
    # The worktop spanning along the bench onto the side rails and the one crossbar: the crossbar
    # takes a strip one pitch wide, (1800 − 100)/2 = 850 mm, of each long rail's 1583.9 N, and puts
    # it on the rail at 25 + 850 = 875 mm of the 1750 mm span: M = P·a·b/L (Roark Table 8.1, 1e)
    top_steel = (2 * 1700 + 3 * 600) * 564e-9 * 7850
    rail = (300 + top_steel) * G / 2
    p = rail * 850 / 1800
    w_el = _en10219(50, 3)[1] / 25
    res = _checks(evaluate(Bench(), Context()))["top rail bending (crossbar loads)"]
    assert res.value.to("MPa").magnitude == pytest.approx(1.5 * p * 875 * 875 / 1750 / w_el,
                                                         rel=1e-6)
    assert res.load_bearing and res.status.value == "pass"
