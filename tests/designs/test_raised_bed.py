"""The raised garden bed: geometry, soil pressure, board checks and wood movement by hand."""

import math
import sys
from dataclasses import replace
from types import SimpleNamespace

import pytest

from workbench import catalog
from workbench.checks.moisture import equilibrium_moisture_content
from workbench.context import Context, climate, material
from workbench.errors import RuleError
from workbench.evaluate import evaluate
from workbench.geometry import geometry_hash
from workbench.units import Q_
from workbench.variants import variants

Bed = catalog.get("raised-bed")
bed_module = sys.modules[Bed.__module__]
PHOENIX = Context(stock="us-customary", climate="hot-arid",
                  materials={"board": "softwood-lumber", "post": "softwood-lumber"})


def _checks(ev):
    return {c.name: c for c in ev.checks}


def test_defaults_by_hand() -> None:
    # 47 x 100 regularised finishes at 45 x 95 mm; 100 x 100 at 95 x 95. Two courses and a 3 mm
    # gap: 193 mm high. Long boards 2400, end boards 1200 − 2·45 = 1110; posts 193 + 300 stake.
    ev = evaluate(Bed(), Context())
    parts = {p.name: p for p in ev.geometry.parts}
    expected = {
        **{f"board-{s}-{n}": (45, 95, 2400) for s in ("front", "back") for n in (1, 2)},
        **{f"board-{s}-{n}": (45, 95, 1110) for s in ("left", "right") for n in (1, 2)},
        **{f"post-{c}": (95, 95, 493) for c in ("front-left", "front-right", "back-left",
                                                 "back-right", "front-mid-1", "back-mid-1")},
    }
    assert set(parts) == set(expected)
    for name, size in expected.items():
        assert parts[name].size == pytest.approx(size)
        assert parts[name].volume == pytest.approx(math.prod(size), rel=1e-9)
    assert parts["board-front-1"].meta == {"stock": "c24-47x100", "cut_length": 2400}
    assert parts["post-back-mid-1"].meta == {"stock": "c24-100x100", "cut_length": 493}
    # C24 at 420 kg/m³ (EN 338 mean density)
    volume = sum(math.prod(s) for s in expected.values())
    assert ev.mass.to("kg").magnitude == pytest.approx(volume * 1e-9 * 420)


@pytest.mark.parametrize(
    ("values", "ctx", "box", "count"),
    [
        ({}, Context(), (2400, 1200, -300, 193), 14),
        ({"courses": 4, "mid_posts": 3, "stake": "0 mm", "length": "4.8 m"}, Context(),
         (4800, 1200, 0, 4 * 95 + 3 * 3), 26),
        ({"board": "2x6", "post": "4x4", "length": "8 ft", "width": "4 ft", "stake": "12 in",
          "gap": "1/8 in", "mid_posts": 0, "courses": 1}, PHOENIX,
         (2438.4, 1219.2, -304.8, 139.7), 8),
    ],
)
def test_assembly_fills_the_bed_and_the_stakes(values, ctx, box, count) -> None:
    ev = evaluate(Bed(**values), ctx)
    assert len(ev.geometry.parts) == count
    bb = ev.geometry.assembly().toCompound().BoundingBox()
    assert (bb.xmin, bb.ymin) == pytest.approx((0, 0), abs=1e-6)
    assert (bb.xmax, bb.ymax, bb.zmin, bb.zmax) == pytest.approx(box, abs=1e-6)


def test_boards_and_posts_sit_where_the_layout_says() -> None:
    ev = evaluate(Bed(board="2x6", post="2x4", mid_posts=2), Context())
    geo = ev.geometry
    t, w = 1.5 * 25.4, 5.5 * 25.4
    second = geo.part("board-back-2").placed().BoundingBox()
    assert (second.ymin, second.ymax) == pytest.approx((1200 - t, 1200))
    assert (second.zmin, second.zmax) == pytest.approx((w + 3, 2 * w + 3))
    end = geo.part("board-left-1").placed().BoundingBox()
    assert (end.xmin, end.xmax, end.ymin, end.ymax) == pytest.approx((0, t, t, 1200 - t))
    # a 2x4 post (1.5 x 3.5 in) stands with its 3.5 in face against the long board
    post = geo.part("post-front-left").placed().BoundingBox()
    assert (post.xmin, post.xmax) == pytest.approx((t, t + 3.5 * 25.4))
    assert (post.ymin, post.ymax) == pytest.approx((t, t + 1.5 * 25.4))
    # two mid posts split the run between the corner posts' centres into three equal spans
    pitch = (2400 - 2 * t - 3.5 * 25.4) / 3
    mid = geo.part("post-front-mid-1").placed().BoundingBox()
    assert (mid.xmin + mid.xmax) / 2 == pytest.approx(t + 3.5 * 25.4 / 2 + pitch)


def test_soil_push_on_the_bottom_board_by_hand() -> None:
    # Loam: φ = 20°; boards on staked posts hold the soil at rest (issue 13): K_0 = 1 − sin 20°
    # = 0.658 (Jáky), γ = 18 kN/m³. The bottom board spans depths 98 … 193 mm:
    # q = K_0·γ·(193² − 98²)/2 = 0.1637 N/mm along it (Rankine's active K_a 0.490 gave 0.1220).
    r = evaluate(Bed(), Context(), build=False).resolved
    q = bed_module.soil_line_load(r, bed_module.layout(r.kernel()))
    k_0 = 1 - math.sin(math.radians(20))
    assert q.to("N/mm").magnitude == pytest.approx(k_0 * 18e-6 * (193**2 - 98**2) / 2, rel=1e-9)
    assert q.to("N/mm").magnitude == pytest.approx(0.1637, abs=1e-4)


def test_board_checks_by_hand() -> None:
    checks = _checks(evaluate(Bed(), Context()))
    k_0 = 1 - math.sin(math.radians(20))  # at rest (Jáky)
    q = k_0 * 18e-6 * (193**2 - 98**2) / 2  # N/mm
    span = (2400 - 2 * 45 - 95) / 2  # post centre to post centre: 1107.5 mm
    w_el, inertia = 95 * 45**2 / 6, 95 * 45**3 / 12  # the board bent flat by the soil
    stress = 1.35 * q * span * span / 8 / w_el  # γ_G·q·L²/8 / W = 1.057 MPa
    bending = checks["long-side board bending"]
    assert bending.value.to("MPa").magnitude == pytest.approx(stress, rel=1e-6)
    assert bending.limit.to("MPa").magnitude == pytest.approx(0.5 * 24 / 1.3)  # k_mod·f_m,k/γ_M
    assert bending.message.startswith("Bottom board, garden loam (at rest, K_0 0.66, 18 kN/m³): ")
    # creep in service class 3: u_fin = u_inst·(1 + k_def), k_def = 2.0 for solid timber
    sag = 5 * q * span**4 / (384 * 11000 * inertia) * (1 + 2.0)  # 1.212 mm
    deflection = checks["long-side board deflection"]
    assert deflection.value.to("mm").magnitude == pytest.approx(sag, rel=1e-6)
    assert deflection.limit.to("mm").magnitude == pytest.approx(span / 180)
    end = checks["end board bending"]
    end_span = 1200 - 2 * 45 - 95
    assert end.value.to("MPa").magnitude == pytest.approx(1.35 * q * end_span**2 / 8 / w_el)


def test_clay_loam_pushes_harder_and_a_long_bed_without_posts_fails() -> None:
    # φ = 10°: K_0 = 1 − sin 10° = 0.826, 26 % more than loam's 0.658
    loam = _checks(evaluate(Bed(), Context()))["long-side board bending"]
    clay = _checks(evaluate(Bed(soil="clay-loam"), Context()))["long-side board bending"]
    ratio = (1 - math.sin(math.radians(10))) / (1 - math.sin(math.radians(20)))
    assert clay.value.magnitude == pytest.approx(loam.value.magnitude * ratio)
    # four boards high, 4.8 m long, no posts between the corners: the bottom board fails
    deep = evaluate(Bed(courses=4, length="4.8 m", mid_posts=0, soil="clay-loam"), Context())
    assert _checks(deep)["long-side board bending"].status.value == "fail"


def test_ground_contact_is_a_warning_with_the_remedy() -> None:
    checks = _checks(evaluate(Bed(), Context(), build=False))
    ground = checks["ground contact"]
    assert ground.status.value == "warn" and not ground.load_bearing
    assert ground.message.startswith("The posts run into the ground and the boards hold wet soil: "
                                     "use class 4 (EN 335).")
    assert "durability class 1–2 (EN 350)" in ground.message and "post shoes" in ground.message
    flat = _checks(evaluate(Bed(stake="0 mm"), Context(), build=False))["ground contact"]
    assert flat.message.startswith("The boards hold wet soil: ")


def test_stock_checks_follow_the_local_catalog() -> None:
    d = Bed()
    eu = _checks(evaluate(d, Context()))
    assert eu["board stock"].status.value == "pass"
    # EU carcassing comes in trade lengths up to 5.4 m: a 2.4 m board uses 44 % of one
    assert eu["board stock"].utilisation == pytest.approx(2.4 / 5.4)
    us = _checks(evaluate(d, PHOENIX))
    assert us["board stock"].status.value == "fail"
    assert us["board stock"].message.startswith(
        "47 x 100 (4 x 2) regularised is not sold in US customary stock; the nearest it sells: ")
    kenya = _checks(evaluate(d, Context(stock="east-africa", climate="humid-tropical")))
    # Kenyan sawmills cut full-size rough-sawn inch sections (materials/stock/east-africa.toml)
    assert kenya["board stock"].status.value == "fail"
    assert kenya["board stock"].message.startswith(
        "47 x 100 (4 x 2) regularised is not sold in East Africa (Kenya) stock; the nearest it "
        "sells: 4 x 2 rough-sawn (full size); ")


def test_rules_name_values_and_limits() -> None:
    with pytest.raises(RuleError) as err:
        Bed(length="600 mm", mid_posts=3)
    assert str(err.value) == (
        "raised-bed: 5 posts of 95 mm along a 600 mm side stand 9 mm apart; leave at least one "
        "post width (95 mm) between them (fewer posts or a longer bed)"
    )
    # No catalog sells posts thick enough to crowd a 400 mm bed; a 150 x 150 post would.
    mm = lambda x: Q_(x, "mm")
    v = SimpleNamespace(
        board=SimpleNamespace(thickness=mm(45), width=mm(95)),
        post=SimpleNamespace(thickness=mm(145), width=mm(145)),
        length=mm(2400), width=mm(400), mid_posts=0,
    )
    assert Bed().violations(v) == [(
        "the corner posts leave 20 mm across a 400 mm wide bed; leave at least one post "
        "thickness (145 mm) between them (a wider bed or thinner posts)"
    )]


def test_emc_range_pairs_heat_with_dryness() -> None:
    # Phoenix: mean daily max 107 °F with the driest month's 19 % RH, mean daily min 46 °F with
    # the wettest month's 52 % (Wood Handbook Eq. 4-5, tested against Table 4-2 in test_moisture)
    low, high = bed_module.emc_range(climate("hot-arid"))
    assert low == equilibrium_moisture_content(Q_(107, "degF"), Q_(19, "percent"))
    assert high == equilibrium_moisture_content(Q_(46, "degF"), Q_(52, "percent"))
    assert (low.magnitude, high.magnitude) == pytest.approx((3.92, 9.83), abs=0.01)
    low, high = bed_module.emc_range(climate("humid-tropical"))  # Mombasa: damp all year
    assert (low.magnitude, high.magnitude) == pytest.approx((13.59, 15.36), abs=0.01)
    assert bed_module.emc_range(climate("temperate-oceanic")) is None  # no humidity in the data


def test_board_movement_by_hand_and_when_data_is_missing() -> None:
    checks = _checks(evaluate(Bed(), Context(climate="hot-arid")))
    # C24 is a strength class, not a species: no sourced shrinkage coefficient (a gap, see
    # materials/README.md), so the check says what it lacks instead of passing
    assert checks["board movement"].status.value == "warn"
    assert "shrink_tangential" in checks["board movement"].message
    # With a coefficient (red oak C_T = 0.00369 per % MC, Wood Handbook Table 13-5, the value
    # quoted in workbench.checks.moisture), a 95 mm board in Phoenix swells
    # 95 × 0.00369 × (9.83 − 3.92) = 2.07 mm between the dry and the wet season.
    oak = replace(material("c24"), shrink_tangential=Q_(0.00369, ""))
    d = Bed()
    r = SimpleNamespace(materials={"board": oak}, board=d.board, gap=Q_(3, "mm"))
    res = bed_module.movement_check(r, climate("hot-arid"))
    low, high = bed_module.emc_range(climate("hot-arid"))
    assert res.value.to("mm").magnitude == pytest.approx(95 * 0.00369 * (high - low).magnitude)
    assert res.limit.to("mm").magnitude == 3 and res.status.value == "pass"
    assert res.message.startswith("In Hot arid - Phoenix, Arizona (Sky Harbor Intl. Airport): ")
    tight = bed_module.movement_check(replace_gap(r, 1), climate("hot-arid"))
    assert tight.status.value == "fail"
    missing = bed_module.movement_check(r, climate("temperate-oceanic"))
    assert missing.status.value == "warn" and "relative humidity range" in missing.message


def replace_gap(r, mm):
    return SimpleNamespace(materials=r.materials, board=r.board, gap=Q_(mm, "mm"))


def test_variants_rebuild_to_their_hash() -> None:
    found = {v.slug: v for v in variants("raised-bed")}
    assert set(found) == {"phoenix-2x6", "mombasa-c16"}
    for v in found.values():
        ev = evaluate(v.design(), v.context())
        assert geometry_hash(ev.geometry) == v.geometry_hash
        if v.slug == "mombasa-c16":
            # made when the Kenyan catalog had no timber sections; it now lists the rough-sawn
            # sizes Kenyan mills cut, so the stock checks say what to change (adapt's job)
            failing = {c.name for c in ev.checks if c.status.value == "fail"}
            assert ev.status == "fail" and failing == {"board stock", "post stock"}
            continue
        # data the catalogs do not have yet, said in words; lumber without a bending strength
        # leaves the boards' strength unverified (issue 13, point 5)
        assert ev.status == ("unverified" if v.slug == "phoenix-2x6" else "warn")
    phoenix = found["phoenix-2x6"].design()
    assert (phoenix.board.id, phoenix.post.id) == ("lumber-2x6", "lumber-4x4")
    mombasa = evaluate(found["mombasa-c16"].design(), found["mombasa-c16"].context())
    assert all(c.status.value == "pass" for c in mombasa.checks if "board " in c.name
               and c.name != "board stock" and c.name != "board movement")


def test_mid_post_leaning_by_hand() -> None:
    # The fill's at-rest thrust on one 1107.5 mm span over the 193 mm bed height, H/3 = 64.3 mm
    # above the ground, against Broms' short free-head post in cohesionless ground,
    # H_u = 0.5·γ·b·L³·K_p/(e + L) (Broms 1964; FHWA-HI-97-013 §9.7.3.2), in EN 1997-1 DA1:
    # C1 loads × 1.35, φ as is; C2 loads × 1.0, tan φ' ÷ 1.25 (Tables A.3, A.4).
    span, h, b = (2400 - 2 * 45 - 95) / 2 / 1000, 0.193, 0.095

    def thrust(phi_fill: float, g_load: float, g_phi: float) -> float:  # N
        phi = math.atan(math.tan(math.radians(phi_fill)) / g_phi)
        return g_load * 0.5 * (1 - math.sin(phi)) * 18e3 * h**2 * span

    def holds(phi_ground: float, stake: float, g_phi: float) -> float:  # N
        phi = math.atan(math.tan(math.radians(phi_ground)) / g_phi)
        k_p = math.tan(math.pi / 4 + phi / 2) ** 2
        return 0.5 * 18e3 * b * stake**3 * k_p / (h / 3 + stake)

    # sandy fill, sandy ground (φ 28°), staked 450 mm: C1 and C2, the worse (C2) governs
    c1 = thrust(28, 1.35, 1.0) / holds(28, 0.45, 1.0)
    c2 = thrust(28, 1.0, 1.25) / holds(28, 0.45, 1.25)
    sand = _checks(evaluate(Bed(soil="sandy", ground="sandy", stake="450 mm"), Context(),
                            build=False))["mid-post leaning"]
    assert sand.load_bearing and sand.ran and sand.status.value == "pass"
    assert sand.utilisation == pytest.approx(max(c1, c2), rel=1e-6)
    assert sand.utilisation == pytest.approx(0.652, abs=1e-3) and c2 > c1
    assert "DA1-C2" in sand.message and "holds 346 N" in sand.message
    # in sandy ground a 300 mm stake under loam fills fails: 330 N against 176 N (C1)
    short = _checks(evaluate(Bed(ground="sandy"), Context(), build=False))["mid-post leaning"]
    assert short.status.value == "fail"
    assert short.utilisation == pytest.approx(thrust(20, 1.35, 1.0) / holds(28, 0.3, 1.0),
                                              rel=1e-6)
    assert short.utilisation == pytest.approx(1.879, abs=1e-3)
    # defaults: loam ground has a cohesion the method leaves out; friction alone holds 129 N of
    # 330 N, so the check cannot conclude and the bed is unverified, never passed (issue 13)
    ev = evaluate(Bed(), Context(), build=False)
    loam = _checks(ev)["mid-post leaning"]
    assert loam.load_bearing and not loam.ran
    assert loam.lacks.startswith("the undrained shear strength of the garden loam")
    assert "a 300 mm stake holds 129 N" in loam.message and "330 N" in loam.message
    assert holds(20, 0.3, 1.0) == pytest.approx(129, abs=0.5)
    assert ev.status == "unverified"
    # a loam stake deep enough to hold on friction alone passes: 600 mm holds 567 N
    deep = _checks(evaluate(Bed(stake="600 mm"), Context(), build=False))["mid-post leaning"]
    assert deep.status.value == "pass" and "holds 567 N" in deep.message
    # no stake: nothing holds the feet; no mid posts: no check
    flat = _checks(evaluate(Bed(stake="0 mm"), Context(), build=False))["mid-post leaning"]
    assert not flat.ran and flat.lacks == "a stake into the ground (set 'Stake depth')"
    assert "mid-post leaning" not in _checks(evaluate(Bed(mid_posts=0), Context(), build=False))
