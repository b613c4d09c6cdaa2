"""Raised garden bed: courses of sawn boards on edge around a rectangle, screwed to posts inside the
corners and along the long sides; the posts may run on into the ground as stakes.

Assembly frame: x along the bed (length), y across it (width), z up; the ground is z = 0 and the
outside front left corner is at the origin. A FRAME part runs along its own +z from 0 to its cut
length with its section's thickness along x and its width along y. The long (front and back)
boards run the full length; the end boards fit between them.
"""

from __future__ import annotations

from collections.abc import Iterator
import math
from dataclasses import dataclass, replace
from typing import Any, ClassVar, NamedTuple

from workbench.design import Design, Expect, Part, Process, Role
from workbench.i18n import N_
from workbench.kernel import cq
from workbench.stockparams import StockPick
from workbench.params import Choice, Count, Length

GAMMA_G = 1.35
"""EN 1990:2002 Table A1.2(B): partial factor on a permanent action (the soil's pressure)."""
LOAD_DURATION = "permanent"
"""EN 1995-1-1 Table 2.2: the soil a bed holds is there for more than 10 years."""
SERVICE_CLASS = 3
"""EN 1995-1-1:2004 §2.3.1.3: a board holding damp soil is wetter than service class 2 allows."""


@dataclass(frozen=True)
class Soil:
    """A fill with its unit weight and friction angle (cohesion ignored), and where they are from."""

    label: str
    unit_weight_kn_m3: float
    friction_angle_deg: float
    source: str


_TSP = "'Typical Soil Properties' (technical note, scribd.com/document/373830430)"
"""Topsoil bulk unit weight typically 15 kN/m³, from 11 (loose, dry) to 18 kN/m³ (dense, wet);
default friction angles if nothing better is known: sandy loam 35°, loam 20°, clay loam 10° (with
cohesion 10, 20, 30 kN/m², not used here); loose sands 25–30°."""
_ALLAN_BLOCK = "Allan Block 'Soils chart' (allanblock.co.nz/retaining-walls/soils-chart.aspx)"
"""Silty sands / sandy silt compacted to 95 % Standard Proctor: friction angle 28–30°."""
SOILS = {
    "loam": Soil("Garden loam", 18.0, 20.0, f"{_TSP}: loam φ 20°, wet topsoil γ 18 kN/m³"),
    "sandy": Soil("Sandy or silty fill", 18.0, 28.0,
                  f"{_ALLAN_BLOCK}: silty sand φ 28–30° (28 used); {_TSP}: wet γ 18 kN/m³"),
    "clay-loam": Soil("Clay loam", 18.0, 10.0, f"{_TSP}: clay loam φ 10°, wet topsoil γ 18 kN/m³"),
}
"""Fills a bed is filled with. The wet unit weight (18 kN/m³, the top of the topsoil range) for all:
a bed is watered; cohesion is not counted on."""


class Board(NamedTuple):
    """A timber section as the build sees it: stock id, thickness and width in millimetres."""

    id: str
    thickness: float
    width: float


@dataclass(eq=False)
class StockSection(StockPick):
    """A sawn timber section named by stock id, label or size: ``c24-47x100``, ``2x6``,
    ``45 x 95 mm``, ``1-1/2 x 5-1/2 in``; the build sees its id, thickness and width."""

    role: str = "board"
    stock_kind: ClassVar[str] = "section"
    examples: ClassVar[str] = "c24-47x100, 2x6, 45 x 95 mm, 1-1/2 x 5-1/2 in"

    @property
    def what(self) -> str:
        return "timber section"

    def kernel(self, value: Any) -> Board:
        t, w = sorted((float(value.thickness.m_as("mm")), float(value.width.m_as("mm"))))
        return Board(value.id, t, w)


class Member(NamedTuple):
    """One part: name, section (x, y) and cut length in mm, placement (x, y, z mm; rx, ry, rz °)."""

    name: str
    section: tuple[float, float]
    length: float
    location: tuple[float, float, float, float, float, float]
    role: str


@dataclass(frozen=True)
class Layout:
    """The bed in millimetres, from kernel values."""

    height: float
    """Top of the top course above the ground (the soil surface when the bed is full)."""
    long_span: float
    """Post centre to post centre along a long side."""
    end_span: float
    """Corner post centre to corner post centre across an end."""
    members: tuple[Member, ...]


def layout(p: Any) -> Layout:
    """Every board and post of the bed at kernel values `p` (lengths in mm)."""
    t, w = p.board.thickness, p.board.width
    a, b = p.post.thickness, p.post.width  # a across the bed, b along it
    L, W, g = p.length, p.width, p.gap
    height = p.courses * w + (p.courses - 1) * g
    out: list[Member] = []
    for k in range(p.courses):
        z = k * (w + g)
        n = k + 1
        # long boards: own x (thickness) -> y, own y (width) -> z, own z (length) -> x
        out.append(Member(f"board-front-{n}", (t, w), L, (0.0, 0.0, z, 90.0, 0.0, 90.0), "board"))
        out.append(Member(f"board-back-{n}", (t, w), L, (0.0, W - t, z, 90.0, 0.0, 90.0), "board"))
        # end boards: +90° about x sends own y (width) up and own z (length) to −y
        end = W - 2 * t
        out.append(Member(f"board-left-{n}", (t, w), end, (0.0, t + end, z, 90.0, 0.0, 0.0),
                          "board"))
        out.append(Member(f"board-right-{n}", (t, w), end, (L - t, t + end, z, 90.0, 0.0, 0.0),
                          "board"))
    post_length = height + p.stake
    # posts turned 90° about z: own x (thickness a) -> y, own y (width b) -> −x
    corners = [("front-left", t, t), ("front-right", L - t - b, t),
               ("back-left", t, W - t - a), ("back-right", L - t - b, W - t - a)]
    for name, x, y in corners:
        out.append(Member(f"post-{name}", (a, b), post_length, (x + b, y, -p.stake, 0.0, 0.0, 90.0),
                          "post"))
    long_span = (L - 2 * t - b) / (p.mid_posts + 1)
    for i in range(1, p.mid_posts + 1):
        x = t + i * long_span
        for side, y in (("front", t), ("back", W - t - a)):
            out.append(Member(f"post-{side}-mid-{i}", (a, b), post_length,
                              (x + b, y, -p.stake, 0.0, 0.0, 90.0), "post"))
    return Layout(height, long_span, W - 2 * t - a, tuple(out))


def _mm(q: Any) -> str:
    return f"{q.to('mm'):~.0fP}"


class RaisedBed(Design):
    id = "raised-bed"
    title = "Raised garden bed"
    summary = (
        "A raised bed for growing food: courses of local sawn boards on edge, screwed to posts in "
        "the corners and along the long sides; checked against the soil's push and the climate's "
        "swing in wood moisture."
    )
    version = "1.0.0"
    license = "CERN-OHL-S-2.0"
    authors = ("Cosmo-local workbench contributors",)
    roles = {
        "board": Role("Boards", "c24", Process.FRAME, "Sawn timber for the sides"),
        "post": Role("Posts", "c24", Process.FRAME, "Sawn timber for the corner and side posts"),
    }
    part_names = {
        "board-front-{n}": "front board {n}",
        "board-back-{n}": "back board {n}",
        "board-left-{n}": "left end board {n}",
        "board-right-{n}": "right end board {n}",
        "post-front-left": "front left corner post",
        "post-front-right": "front right corner post",
        "post-back-left": "back left corner post",
        "post-back-right": "back right corner post",
        "post-front-mid-{n}": "front middle post {n}",
        "post-back-mid-{n}": "back middle post {n}",
    }

    board = StockSection(
        "Boards", "47 x 100", role="board", group="Stock",
        help="The section the sides are built from, laid on edge: its stock id, label or size "
        "(47 x 100, 2x6). The 'board stock' check says whether your catalog sells it.",
    )
    post = StockSection(
        "Posts", "100 x 100", role="post", group="Stock",
        help="The section of the posts inside the corners and along the long sides (100 x 100, "
        "4x4).",
    )
    length = Length(
        "Length", 2400, min=600, max=4800, soft=(1200, 3600), step=10, group="Size",
        help="Outside length of the bed.",
    )
    width = Length(
        "Width", 1200, min=400, max=2400, soft=(600, 1500), step=10, group="Size",
        help="Outside width; about 1.2 m lets you reach the middle from both sides.",
    )
    courses = Count(
        "Boards high", 2, min=1, max=4, group="Size",
        help="Courses of boards stacked on edge: the bed is this many board widths high.",
    )
    gap = Length(
        "Gap between courses", 3, min=1, max=10, step=0.5, group="Size",
        help="Left between stacked boards so they can swell in the wet season without pushing "
        "each other off the posts.",
    )
    mid_posts = Count(
        "Posts along each long side", 1, min=0, max=3, group="Shape",
        help="Posts between the corners, evenly spaced: each one shortens the span the soil "
        "bends the boards over.",
    )
    stake = Length(
        "Stake depth", 300, min=0, max=600, soft=(0, 450), step=10, group="Shape",
        help="How far the posts run on into the ground below the bottom board (0: they stand on "
        "it).",
    )
    soil = Choice(
        "Fill", "loam",
        options={key: s.label for key, s in SOILS.items()}, group="Load",
        help="What the bed is filled with: the soil's weight and friction angle set how hard it "
        "pushes on the boards (Rankine).",
    )
    ground = Choice(
        "Ground", "loam",
        options={key: s.label for key, s in SOILS.items()}, group="Load",
        help="The soil the posts are staked into: its weight and friction angle set how hard it "
        "holds a mid post that the fill pushes outwards (Broms; cohesion not counted).",
    )

    # -- rules ----------------------------------------------------------------------------------
    def rules(self, v: Any) -> Iterator[str]:
        t = min(v.board.thickness, v.board.width)
        a, b = sorted((v.post.thickness, v.post.width))
        pitch = (v.length - 2 * t - b) / (v.mid_posts + 1)
        if pitch - b < b:
            yield (
                f"{v.mid_posts + 2} posts of {_mm(b)} along a {_mm(v.length)} side stand "
                f"{_mm(pitch - b)} apart; leave at least one post width ({_mm(b)}) between them "
                "(fewer posts or a longer bed)"
            )
        across = v.width - 2 * t - 2 * a
        if across < a:
            yield (
                f"the corner posts leave {_mm(across)} across a {_mm(v.width)} wide bed; leave at "
                f"least one post thickness ({_mm(a)}) between them (a wider bed or thinner posts)"
            )

    # -- geometry -------------------------------------------------------------------------------
    def build(self, p: Any, ctx: Any) -> list[Part]:
        shapes: dict[tuple[float, float, float], Any] = {}
        parts = []
        for m in layout(p).members:
            key = (*m.section, m.length)
            if key not in shapes:
                shapes[key] = cq.Workplane("XY").box(*key, centered=False)
            stock = p.board.id if m.role == "board" else p.post.id
            parts.append(Part(m.name, shapes[key], m.role, Process.FRAME, 1, m.location,
                              {"stock": stock, "cut_length": m.length}))
        return parts

    def expected(self, p: Any) -> dict[str, Expect]:
        return {
            m.name: Expect((*m.section, m.length), m.section[0] * m.section[1] * m.length)
            for m in layout(p).members
        }

    # -- checks ---------------------------------------------------------------------------------
    def checks(self, r: Any, ctx: Any, geometry: Any) -> list[Any]:
        from workbench.checks.stock import stock_check
        from workbench.units import Q_

        bed = layout(r.kernel())
        catalog = ctx.stock_catalog
        longest = {
            role: Q_(max(m.length for m in bed.members if m.role == role), "mm")
            for role in ("board", "post")
        }
        params = self.params()
        out = [
            stock_check(getattr(r, name), catalog, r.materials[params[name].role].id,
                        longest=longest[params[name].role], name=f"{name} stock")
            for name in ("board", "post")
        ]
        out += _board_checks(r, bed)
        if r.mid_posts:
            out.append(post_leaning_check(r, bed))
        out.append(movement_check(r, ctx.climate_profile))
        out.append(_ground_contact(r))
        return out


# -- the engineering of the bed --------------------------------------------------------------------
def soil_line_load(r: Any, bed: Layout) -> Any:
    """The soil's push on the bottom board (N/mm along it): the at-rest pressure K_0 = 1 − sin φ'
    (Jáky) integrated over the board's width, the soil level with the top of the bed
    (`workbench.checks.soil`). Boards screwed to staked posts cannot move out far enough to
    mobilise the active state (Rankine K_a): the fill presses on them at rest."""
    from workbench.checks import soil
    from workbench.units import Q_

    fill = SOILS[r.soil]
    k_a = soil.at_rest_coefficient(Q_(fill.friction_angle_deg, "deg"))
    w = r.kernel().board.width
    top, bottom = Q_(bed.height - w, "mm"), Q_(bed.height, "mm")
    return soil.lateral_force(top, bottom, Q_(fill.unit_weight_kn_m3, "kN/m**3"), k_a).to("N/mm")


def _board_checks(r: Any, bed: Layout) -> list[Any]:
    from workbench.checks._common import _amount, _around
    from workbench.checks import soil, timber
    from workbench.checks.beams import (
        DeflectionLimit,
        Loading,
        Support,
        bending_stress_check,
        deflection_check,
    )
    from workbench.checks.result import CheckResult
    from workbench.checks.sections import rectangle
    from workbench.checks.stock import inch_sized
    from workbench.units import Q_

    mat = r.materials["board"]
    sides = (("long-side board", bed.long_span), ("end board", bed.end_span))
    k_def = mat.k_def(SERVICE_CLASS)
    out: list[Any] = []
    fill = SOILS[r.soil]
    q = soil_line_load(r, bed)
    imperial = inch_sized(r.board)
    length_unit, force_unit = ("inch", "lbf") if imperial else ("mm", "N")
    t, w = sorted((r.board.thickness, r.board.width))
    section = rectangle(w.to(length_unit), t.to(length_unit))  # bent flat: the soil pushes its face
    where = {"soil": fill.label.lower(),
             "k0": _amount(soil.at_rest_coefficient(Q_(fill.friction_angle_deg, "deg")), "", 2),
             "unit_weight": _amount(fill.unit_weight_kn_m3, "kN/m**3")}
    soil_ref = (f"soil: at rest, K_0 = 1 − sin φ' (Jáky 1944; Craig's Soil Mechanics, 8th ed., "
                f"ch. 11); fill: {fill.source}")
    for side, span_mm in sides:
        span = Q_(span_mm, "mm").to(length_unit)
        load = (q * Q_(span_mm, "mm")).to(force_unit)
        common = {"support": Support.SIMPLY_SUPPORTED, "loading": Loading.UNIFORM}
        if mat.bending_strength is None:
            out.append(CheckResult.missing(f"{side} bending", N_("bending strength for {material}"),
                                           material=mat.name))
        else:
            factors = dict(service_class=SERVICE_CLASS, duration=LOAD_DURATION)
            f_md = timber.design_strength(mat.bending_strength, timber.TimberProduct.SOLID,
                                          **factors).to("psi" if imperial else "MPa")
            res = bending_stress_check(span, GAMMA_G * load, section, f_md,
                                       name=f"{side} bending", **common)
            out.append(replace(
                _around(res, N_("Bottom board, {soil} (at rest, K_0 {k0}, {unit_weight}): {check}"),
                        **where),
                reference=(f"{res.reference}; load × γ_G {GAMMA_G:g} (EN 1990 Table A1.2(B)); "
                           f"{timber.basis(timber.TimberProduct.SOLID, **factors)}; "
                           f"{soil_ref}"),
            ))
        if mat.E is None or k_def is None:
            what = "modulus E" if mat.E is None else f"k_def for service class {SERVICE_CLASS}"
            out.append(CheckResult.missing(f"{side} deflection", f"{what} for {mat.name}",
                                            load_bearing=False))
        else:
            # creep: u_fin = u_inst·(1 + k_def) for a permanent load (EN 1995-1-1 §2.2.3)
            res = deflection_check(span, load, mat.E / (1 + k_def), section,
                                   limit=DeflectionLimit.L180, name=f"{side} deflection",
                                   **common)
            out.append(replace(
                _around(res, N_("Bottom board, {soil} (at rest, K_0 {k0}, {unit_weight}), after "
                                "creep: {check}"), **where),
                reference=f"{res.reference}; creep k_def {k_def:g} (EN 1995-1-1 Table 3.2, "
                f"service class {SERVICE_CLASS}); {soil_ref}",
            ))
    return out


GAMMA_PHI_M2 = 1.25
"""EN 1997-1:2004 Table A.4, set M2: partial factor on tan φ' (geotechnicaldesign.info/ec7p1)."""
GAMMA_G_A2 = 1.0
"""EN 1997-1:2004 Table A.3, set A2: permanent unfavourable action."""
COHESIVE = frozenset({"loam", "clay-loam"})
"""Soils whose source gives them a cohesion (loam 20, clay loam 30 kN/m², 'Typical Soil
Properties'): Broms' cohesionless method leaves it out, so for them a failing result is only a
lower bound and the check cannot conclude."""


def post_leaning_check(r: Any, bed: Layout) -> Any:
    """A mid post leaning out: the fill's at-rest thrust on the boards it holds (one span, the
    whole bed height, acting H/3 above the ground) against Broms' ultimate load of the post staked
    into the ground (`workbench.checks.soil.short_post_capacity`), in both combinations of EN 1997-1
    Design Approach 1: C1 loads × 1.35 (A1), strengths as they are (M1); C2 loads × 1.0 (A2),
    tan φ' of fill and ground ÷ 1.25 (M2). The worse governs. Load-bearing."""
    from workbench.checks._common import _amount, _worded, _words
    from workbench.checks import soil
    from workbench.checks.result import CheckResult
    from workbench.units import Q_

    name = "mid-post leaning"
    fill, ground = SOILS[r.soil], SOILS[r.ground]
    p = r.kernel()
    if p.stake <= 0:
        return CheckResult.cannot_run(
            name, "a stake into the ground (set 'Stake depth')",
            "The mid posts stand on the ground: nothing holds their feet, so the fill pushes "
            "them and the long sides out unchecked. Stake them in, or tie the long sides across.",
            soil.BROMS_REFERENCE)
    height, span = Q_(bed.height, "mm"), Q_(bed.long_span, "mm")

    def phi(deg: float, factor: float) -> Any:
        return Q_(math.degrees(math.atan(math.tan(math.radians(deg)) / factor)), "deg")

    worst = None
    for label, g_load, g_phi in (("C1", GAMMA_G, 1.0), ("C2", GAMMA_G_A2, GAMMA_PHI_M2)):
        k_0 = soil.at_rest_coefficient(phi(fill.friction_angle_deg, g_phi))
        thrust = (g_load * soil.lateral_force(Q_(0, "m"), height,
                                              Q_(fill.unit_weight_kn_m3, "kN/m**3"), k_0)
                  * span).to("N")
        capacity = soil.short_post_capacity(
            Q_(p.post.width, "mm"), Q_(p.stake, "mm"), height / 3,
            Q_(ground.unit_weight_kn_m3, "kN/m**3"), phi(ground.friction_angle_deg, g_phi))
        if worst is None or thrust / capacity > worst[1] / worst[2]:
            worst = (label, thrust, capacity)
    label, thrust, capacity = worst
    named = {"side": _amount(span.m_as("mm"), "mm", 0), "fill": fill.label.lower(),
             "thrust": _amount(thrust.m_as("N"), "N", 0),
             "height": _amount((height / 3).m_as("mm"), "mm", 0), "case": label,
             "ground": ground.label.lower(), "stake": _amount(p.stake, "mm"),
             "capacity": _amount(capacity.m_as("N"), "N", 0)}
    if r.ground in COHESIVE and thrust > capacity:
        return _worded(CheckResult.cannot_run(
            name, f"the undrained shear strength of the {ground.label.lower()} the posts are "
            "staked into (Broms' method for cohesive soil)",
            "", soil.BROMS_REFERENCE, value=thrust), _words(
            N_("Each mid post holds {side} of side against the {fill}'s push, {thrust} at "
               "{height} above the ground (EN 1997-1 DA1-{case}). Counting only the friction of "
               "the {ground} (no cohesion), a {stake} stake holds {capacity}: too little to be "
               "sure, and its cohesion is not on file. Stake deeper, add posts, or tie the long "
               "sides across the bed."), **named))
    message = _words(
        N_("Each mid post holds {side} of side against the {fill}'s push, {thrust} at {height} "
           "above the ground (EN 1997-1 DA1-{case}); staked {stake} into {ground} it holds "
           "{capacity} before the ground gives (Broms, cohesion not counted). Stake deeper, add "
           "posts, or tie the long sides across the bed."), **named)
    return _worded(CheckResult.compare(
        name, thrust, capacity, message="",
        reference=(f"{soil.BROMS_REFERENCE}; thrust: at rest K_0 = 1 − sin φ' (Jáky 1944); "
                   f"EN 1997-1:2004 DA1 C1 (A1 γ_G {GAMMA_G:g}, M1) / C2 (A2 γ_G "
                   f"{GAMMA_G_A2:g}, M2 tan φ' ÷ {GAMMA_PHI_M2:g}), Tables A.3, A.4; "
                   f"ground: {ground.source}"),
        load_bearing=True), message)


def _ground_contact(r: Any) -> Any:
    """Boards holding wet soil, and posts staked into the ground, are in use class 4 (EN 335:
    in contact with ground or fresh water): untreated, non-durable timber rots there within a few
    years. A warning with the remedy, not a structural check."""
    from workbench.checks.durability import ground_contact_warning

    what = N_("The posts run into the ground and the boards hold wet soil") \
        if r.stake.magnitude > 0 else N_("The boards hold wet soil")
    return ground_contact_warning(what, r.materials["board"].name, r.materials["post"].name)


def emc_range(clim: Any) -> tuple[Any, Any] | None:
    """The driest and the wettest equilibrium moisture content of wood in climate `clim`, or None.

    Driest: the hottest month's mean daily maximum with the lowest monthly mean humidity; wettest:
    the coldest month's mean daily minimum with the highest (Wood Handbook Eq. 4-5 via
    `workbench.checks.moisture`). Climate normals are used where the data has them, else the design
    extremes; wood follows the air over days to weeks, not hour by hour.
    """
    from workbench.checks.moisture import equilibrium_moisture_content

    cold = clim.t_mean_min if clim.t_mean_min is not None else clim.t_min
    hot = clim.t_mean_max if clim.t_mean_max is not None else clim.t_max
    if cold is None or hot is None or clim.rh_min is None or clim.rh_max is None:
        return None
    return (equilibrium_moisture_content(hot, clim.rh_min),
            equilibrium_moisture_content(cold, clim.rh_max))


def movement_check(r: Any, clim: Any) -> Any:
    """Seasonal swelling of each board across its width, from the climate's driest to its wettest
    equilibrium moisture content, against the gap left between courses (Wood Handbook Eq. 13-2,
    flat-sawn boards: the tangential coefficient)."""
    from workbench.checks._common import _around
    from workbench.checks.moisture import wood_movement_check
    from workbench.checks.result import CheckResult
    from workbench.checks.stock import inch_sized

    name = "board movement"
    mat = r.materials["board"]
    if mat.shrink_tangential is None:
        return CheckResult.missing(
            name, N_("tangential shrinkage coefficient (shrink_tangential) for {material}"),
            material=mat.name, load_bearing=False)
    emc = emc_range(clim)
    if emc is None:
        return CheckResult.missing(
            name, N_("temperature and relative humidity range for climate {climate}"),
            climate=clim.id,
            load_bearing=False)
    unit = "inch" if inch_sized(r.board) else "mm"
    width = max(r.board.thickness, r.board.width).to(unit)
    res = wood_movement_check(width, mat.shrink_tangential, emc[0], emc[1], r.gap.to(unit),
                              name=name)
    return replace(_around(res, N_("In {climate}: {check} (the gap between courses)"),
                           climate=clim.name),
                   reference=f"{res.reference}; EMC: Wood Handbook Eq. 4-5 from {clim.id} "
                   "climate data")
