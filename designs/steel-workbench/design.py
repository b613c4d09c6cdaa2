"""Welded steel workbench frame: four legs, top rails, optional shelf rails and crossbars, every
member a straight, square-cut length of square hollow section from the local stock catalog.

Assembly frame: x along the bench (length), y front to back (width), z up; the floor is z = 0 and
the front left leg stands at the origin. A FRAME part runs along its own +z from 0 to its cut
length, its section in the first quadrant of x-y (a tube of side s spans [0, s] × [0, s]).
Rails and crossbars butt against the faces of the legs and rails they meet, welded all round.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from workbench.i18n import N_
from workbench.design import Design, Expect, Part, Process, Role
from workbench.kernel import cq
from workbench.stockparams import SquareTube as Tube
from workbench.stockparams import StockSquareTube as StockTube
from workbench.params import Count, Flag, Force, Length, Mass

GAMMA_Q = 1.5
"""EN 1990:2002 Table A1.2(B): partial factor on a variable (imposed) action, unfavourable."""
GAMMA_M0 = 1.0
"""EN 1993-1-1:2005 §6.1(1), Note 2B: partial factor for the resistance of cross-sections."""
BETA_W_UNKNOWN = 1.0
"""β_w for a steel grade EN 1993-1-8 Table 4.1 does not list: its largest value (S420, S460), so
an unknown grade is not credited with more weld strength than the table's strongest steels."""
WELD_GRADES = {"steel-s235": "S235"}
"""Material id → EN 1993-1-8 Table 4.1 grade, for the fillet weld's correlation factor β_w."""


class Member(NamedTuple):
    """One frame member: part name, cut length (mm) and placement (x, y, z mm; rx, ry, rz deg)."""

    name: str
    length: float
    location: tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Layout:
    """The frame in millimetres, from kernel values."""

    side: float
    wall: float
    members: tuple[Member, ...]

    @property
    def area(self) -> float:
        """Cross-section area of the (sharp-cornered) tube, mm²: s² − (s − 2t)² = 4t(s − t)."""
        return 4 * self.wall * (self.side - self.wall)

    def of(self, prefix: str) -> list[Member]:
        return [m for m in self.members if m.name.startswith(prefix)]


def _along_x(x: float, y: float, z_top: float) -> tuple[float, float, float, float, float, float]:
    # +90° about y turns the member's +z into +x and its section's +x into −z.
    return (x, y, z_top, 0.0, 90.0, 0.0)


def _along_y(x: float, y: float, z_top: float) -> tuple[float, float, float, float, float, float]:
    # −90° about x turns the member's +z into +y and its section's +y into −z.
    return (x, y, z_top, -90.0, 0.0, 0.0)


def layout(p: Any) -> Layout:
    """Every member of the frame at kernel values `p` (lengths in mm)."""
    s, L, W, H = p.tube.side, p.length, p.width, p.height
    out = [
        Member("leg-front-left", H, (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)),
        Member("leg-front-right", H, (L - s, 0.0, 0.0, 0.0, 0.0, 0.0)),
        Member("leg-back-left", H, (0.0, W - s, 0.0, 0.0, 0.0, 0.0)),
        Member("leg-back-right", H, (L - s, W - s, 0.0, 0.0, 0.0, 0.0)),
    ]
    levels = [("top-rail", H)] + ([("shelf-rail", p.shelf_height)] if p.lower_frame else [])
    for prefix, z_top in levels:
        out += [
            Member(f"{prefix}-front", L - 2 * s, _along_x(s, 0.0, z_top)),
            Member(f"{prefix}-back", L - 2 * s, _along_x(s, W - s, z_top)),
            Member(f"{prefix}-left", W - 2 * s, _along_y(0.0, s, z_top)),
            Member(f"{prefix}-right", W - 2 * s, _along_y(L - s, s, z_top)),
        ]
    pitch = (L - 2 * s) / (p.crossbars + 1)
    for i in range(1, p.crossbars + 1):
        x = s + i * pitch - s / 2
        out.append(Member(f"crossbar-{i}", W - 2 * s, _along_y(x, s, H)))
    return Layout(s, p.tube.wall, tuple(out))


def _mm(q: Any) -> str:
    return f"{q.to('mm'):~.0fP}"


class SteelWorkbench(Design):
    id = "steel-workbench"
    title = "Welded steel workbench frame"
    summary = (
        "A four-legged workbench frame welded from local square steel tube: top rails, optional "
        "shelf rails and crossbars under the worktop; every member a straight, square-cut length."
    )
    version = "1.0.0"
    license = "CERN-OHL-S-2.0"
    authors = ("Cosmo-local workbench contributors",)
    roles = {
        "frame": Role("Frame tube", "steel-s235", Process.FRAME,
                      "Square hollow section for every member of the frame"),
    }
    part_names = {
        "leg-front-left": "front left leg",
        "leg-front-right": "front right leg",
        "leg-back-left": "back left leg",
        "leg-back-right": "back right leg",
        "top-rail-front": "front top rail",
        "top-rail-back": "back top rail",
        "top-rail-left": "left top rail",
        "top-rail-right": "right top rail",
        "shelf-rail-front": "front shelf rail",
        "shelf-rail-back": "back shelf rail",
        "shelf-rail-left": "left shelf rail",
        "shelf-rail-right": "right shelf rail",
        "crossbar-{n}": "crossbar {n}",
    }

    tube = StockTube(
        "Tube", "50 x 50 x 3 mm", role="frame", group="Stock",
        help="The square tube every member is cut from: its stock id, label or size "
        "(50 x 50 x 3 mm, HSS 2 x 2 x 1/8). The 'tube stock' check says whether your catalog "
        "sells it.",
    )
    length = Length(
        "Length", 1800, min=600, max=3000, soft=(1000, 2400), step=10, group="Size",
        help="Outside length of the frame along the bench.",
    )
    width = Length(
        "Depth", 700, min=400, max=1200, soft=(500, 900), step=10, group="Size",
        help="Outside depth of the frame, front to back.",
    )
    height = Length(
        "Frame height", 850, min=500, max=1200, soft=(700, 1000), step=5, group="Size",
        help="Floor to the top of the top rails; the worktop adds its own thickness.",
    )
    lower_frame = Flag(
        "Shelf rails", True, group="Shape",
        help="A second ring of rails near the floor: carries a shelf and shortens the legs' "
        "buckling length.",
    )
    shelf_height = Length(
        "Shelf rail height", 250, min=100, max=600, soft=(150, 400), step=5, group="Shape",
        help="Floor to the top of the shelf rails.", visible_if=lambda d: d.lower_frame,
    )
    crossbars = Count(
        "Crossbars", 1, min=0, max=4, group="Shape",
        help="Tubes between the front and back top rails, evenly spaced, to carry the worktop.",
    )
    load = Mass(
        "Load on the top", 300, min=0, max=2000, soft=(0, 800), step=10, group="Load",
        help="Everything the top carries, worktop included, spread over it (1 kg weighs "
        "9.8 N).",
    )
    point_load = Force(
        "Point load on a rail", 1000, min=0, max=5000, soft=(0, 3000), step=50, group="Load",
        help="A concentrated load at the middle of the front top rail, alone: a person kneeling "
        "on the edge is about 1000 N, an engine block on a board more.",
    )
    push = Force(
        "Sideways push", 0, min=0, max=3000, soft=(0, 1000), step=10, group="Load",
        help="A sideways push at the top of the frame, across its depth (planing or sawing at a "
        "vice, leaning on it). 0 = not set: tipping and racking stay unverified. Use the force your "
        "work calls for: the furniture standards' pushes are for storage units (EN 14749) and "
        "EN 15372 excludes industrial workbenches, so no standard's value is on file.",
    )
    weld = Length(
        "Fillet weld throat", 3, min=3, max=8, step=0.5, group="Joints",
        help="Throat thickness a of the fillet welds at the rail ends; EN 1993-1-8 §4.5.2(2) asks "
        "for at least 3 mm.",
    )

    # -- rules ----------------------------------------------------------------------------------
    def rules(self, v: Any) -> Iterator[str]:
        s = v.tube.width
        if v.length < 4 * s or v.width < 4 * s:
            yield (
                f"the frame ({_mm(v.length)} x {_mm(v.width)}) must be at least four tube widths "
                f"({_mm(4 * s)}) long and deep, so each rail between the legs is two tube widths "
                "long or more"
            )
            return
        if v.lower_frame:
            if v.shelf_height < s:
                yield (
                    f"shelf rail height {_mm(v.shelf_height)} must be at least the tube width "
                    f"({_mm(s)}): it is the height of the rails' top face"
                )
            gap = v.height - s - v.shelf_height
            if gap < s:
                yield (
                    f"shelf rails at {_mm(v.shelf_height)} leave {_mm(gap)} below the top rails; "
                    f"leave at least one tube width ({_mm(s)}) to weld both all round (lower the "
                    "shelf rails or raise the frame)"
                )
        if v.crossbars:
            gap = (v.length - 2 * s - v.crossbars * s) / (v.crossbars + 1)
            if gap < s:
                yield (
                    f"{v.crossbars} crossbars leave {_mm(gap)} between members; leave at least one "
                    f"tube width ({_mm(s)}) to weld all round (fewer crossbars or a longer frame)"
                )

    # -- geometry -------------------------------------------------------------------------------
    def build(self, p: Any, ctx: Any) -> list[Part]:
        frame = layout(p)
        s, t = frame.side, frame.wall
        shapes: dict[float, Any] = {}  # one solid per cut length, placed many times
        parts = []
        for m in frame.members:
            if m.length not in shapes:
                shapes[m.length] = (
                    cq.Workplane("XY").center(s / 2, s / 2).rect(s, s).rect(s - 2 * t, s - 2 * t)
                    .extrude(m.length)
                )
            parts.append(Part(
                m.name, shapes[m.length], "frame", Process.FRAME, 1, m.location,
                {"stock": p.tube.id, "cut_length": m.length},
            ))
        return parts

    def expected(self, p: Any) -> dict[str, Expect]:
        frame = layout(p)
        s = frame.side
        return {m.name: Expect((s, s, m.length), frame.area * m.length) for m in frame.members}

    # -- checks ---------------------------------------------------------------------------------
    def checks(self, r: Any, ctx: Any, geometry: Any) -> list[Any]:
        from workbench.checks.stock import inch_sized, stock_check
        from workbench.units import Q_

        mat = r.materials[self.params()["tube"].role]
        frame = layout(r.kernel())
        longest = Q_(max(m.length for m in frame.members), "mm")
        out = [stock_check(r.tube, ctx.stock_catalog, mat.id, longest=longest,
                           name=N_("tube stock"))]
        imperial = inch_sized(r.tube)
        out += _frame_checks(r, mat, frame, imperial)
        return out


# -- the engineering of the frame ------------------------------------------------------------------
def _loads(r: Any, frame: Layout, density: Any) -> dict[str, Any]:
    """Characteristic loads (N) from the values: on one top rail, on one leg, at one rail end."""
    from workbench.checks.loads import STANDARD_GRAVITY
    from workbench.units import Q_

    g = STANDARD_GRAVITY
    per_mm = (Q_(frame.area, "mm**2") * density * g).to("N/mm")
    weight = {m.name: per_mm * Q_(m.length, "mm") for m in frame.members}
    top = sum((w for n, w in weight.items() if n.startswith(("top-rail", "crossbar"))), Q_(0, "N"))
    total = sum(weight.values(), Q_(0, "N"))
    spread = (r.load * g).to("N")
    rail_uniform = (spread + top) / 2  # each long rail: half the top, worktop spanning front-back
    return {
        "rail": rail_uniform,
        "leg": max((spread + total) / 4, r.point_load.to("N") / 2 + total / 4),
        "end": max(rail_uniform / 2, r.point_load.to("N") / 2),
    }


def _frame_checks(r: Any, mat: Any, frame: Layout, imperial: bool) -> list[Any]:
    from workbench.checks.beams import (
        DeflectionLimit,
        Loading,
        Support,
        bending_stress_check,
        deflection_check,
    )
    from workbench.checks.result import CheckResult
    from workbench.checks.sections import cold_formed_tube, square_tube
    from workbench.units import Q_

    missing = [(attr, what) for attr, what in (
        ("density", "density (for the frame's own weight)"), ("E", "modulus E"),
        ("yield_strength", "yield strength"),
    ) if getattr(mat, attr) is None]
    names = ["top rail bending (spread load)", "top rail deflection (spread load)",
             "top rail bending (point load)", "top rail deflection (point load)", "leg buckling"]
    if missing:
        return [CheckResult.missing(n, f"{missing[0][1]} for {mat.name}",
                                    load_bearing="deflection" not in n) for n in names] + [
            _weld_check(r, mat, None, imperial)]
    # Metric tubes are cold-formed to EN 10219 with rounded corners (its Annex B radii: the
    # sharp-cornered section overstates I by 6–9 %); inch HSS keep the sharp-cornered section.
    section = (square_tube(r.tube.width, r.tube.wall) if imperial
               else cold_formed_tube(r.tube.width, r.tube.width, r.tube.wall))
    loads = _loads(r, frame, mat.density)
    length_unit, force_unit = ("inch", "lbf") if imperial else ("mm", "N")
    span = Q_(frame.of("top-rail-front")[0].length + frame.side, "mm").to(length_unit)  # leg to leg
    strength = (mat.yield_strength / GAMMA_M0).to("psi" if imperial else "MPa")
    basis = (f"ULS: load × γ_Q {GAMMA_Q:g} (EN 1990 Table A1.2(B)); f_y/γ_M0, γ_M0 {GAMMA_M0:g} "
             "(EN 1993-1-1 §6.1); simply supported between the legs' centre lines")
    out = []
    for case, load, loading in (
        ("spread load", loads["rail"], Loading.UNIFORM),
        ("point load", r.point_load, Loading.POINT),
    ):
        load = load.to(force_unit)
        if load.magnitude <= 0:
            continue
        common = {"support": Support.SIMPLY_SUPPORTED, "loading": loading}
        bend = bending_stress_check(span, GAMMA_Q * load, section, strength,
                                    name=f"top rail bending ({case})", **common)
        out.append(bend.with_reference(f"{bend.reference}; {basis}"))
        out.append(deflection_check(span, load, mat.E, section, limit=DeflectionLimit.L360,
                                    name=f"top rail deflection ({case})", **common))
    if r.crossbars:
        out.append(_crossbar_path(r, frame, section, strength, loads, force_unit))
    out.append(_leg_check(r, mat, frame, section, loads["leg"].to(force_unit), length_unit))
    out.append(_weld_check(r, mat, loads["end"].to(force_unit), imperial))
    out += _sideways(r, mat, frame, section, loads)
    return out


def _crossbar_path(r: Any, frame: Layout, section: Any, strength: Any, loads: dict[str, Any],
                   force_unit: str) -> Any:
    """The other way the top can carry its load: a worktop spanning along the bench from the side
    rails to the crossbars puts each crossbar's share (its strip, one pitch wide, of the spread
    load) on the front and back rails as a point load at the crossbar: the rail's moment is then
    the sum of those point loads' moments (simply supported, Roark Table 8.1 case 1e), larger than
    the same load spread evenly."""
    from workbench.checks._common import _amount, _worded, _words
    from workbench.checks.result import CheckResult
    from workbench.units import Q_

    span = frame.of("top-rail-front")[0].length + frame.side  # leg centre to leg centre, mm
    pitch = (r.length.m_as("mm") - 2 * frame.side) / (r.crossbars + 1)
    share = float(loads["rail"].m_as("N")) * 2 * pitch / r.length.m_as("mm") / 2  # per rail end
    xs = [frame.side / 2 + (i + 1) * pitch for i in range(r.crossbars)]
    moment = max(sum(share * (a * (span - x) / span if a <= x else x * (span - a) / span)
                     for a in xs) for x in xs + [span / 2])
    stress = Q_(GAMMA_Q * moment / section.W.m_as("mm**3"), "MPa")
    return _worded(CheckResult.compare(
        N_("top rail bending (crossbar loads)"), stress.to(strength.units), strength,
        message="",
        reference="σ = γ_Q·ΣM/W for point loads on a simply supported rail (Roark, Table 8.1 "
                  "case 1e); f_y/γ_M0 (EN 1993-1-1 §6.1)", load_bearing=True), _words(
            N_("If the worktop spans along the bench onto the {crossbars} crossbar(s), each puts "
               "{share} on the front rail at its end; the rail is stressed to {stress} (× γ_Q "
               "{gamma}); steel allows {strength}."),
            crossbars=r.crossbars, share=_amount(Q_(share, "N").m_as(force_unit), force_unit, 0),
            stress=_amount(stress.m_as(strength.units), f"{strength.units}", 1),
            gamma=_amount(GAMMA_Q), strength=_amount(strength.magnitude, f"{strength.units}", 0)))


def _sideways(r: Any, mat: Any, frame: Layout, section: Any, loads: dict[str, Any]) -> list[Any]:
    """Tipping of the bare frame across its depth, and racking of the unbraced frame: the push
    shared by the four legs bends each at its joint with the top rails (portal method, pinned
    feet), and the joint's welds carry that moment with the rail's end shear."""
    from workbench.checks._common import _amount, _worded, _words
    from workbench.checks import stability
    from workbench.checks.connections import weld_group_check
    from workbench.checks.fasteners import SteelGrade
    from workbench.checks.result import CheckResult
    from workbench.checks.loads import STANDARD_GRAVITY
    from workbench.units import Q_

    total_mm = sum(m.length for m in frame.members)
    own = (Q_(frame.area * total_mm, "mm**3") * mat.density * STANDARD_GRAVITY).to("N")
    height = r.height.to("mm")
    out = [stability.tipping_check(own, r.width.to("mm") / 2, r.push, height,
                                   what=N_("The bare frame"),
                                   remedy=N_("Bolt it to the floor or the wall, or add weight low down."))]
    lacks = ("the sideways push to resist (set 'Sideways push'; no standard's value is on file)")
    if r.push.magnitude <= 0:
        out.append(CheckResult.cannot_run(
            N_("racking (legs)"), lacks,
            N_("No sideways push is set, so the unbraced frame's racking is "
             "not checked: set 'Sideways push'."), "portal method", load_bearing=True))
        out.append(CheckResult.cannot_run(
            N_("racking (joint welds)"), lacks,
            N_("No sideways push is set, so the rail-to-leg welds are "
             "checked for the vertical load only."), "portal method", load_bearing=True))
        return out
    lever = height - Q_(frame.side / 2, "mm")  # floor to the top rails' centre line
    moment = stability.portal_leg_moment(r.push, lever, 4)
    axial = loads["leg"].to("N")
    stress = (GAMMA_Q * (axial / section.area + moment / section.W)).to("MPa")
    strength = (mat.yield_strength / GAMMA_M0).to("MPa")
    out.append(_worded(CheckResult.compare(
        N_("racking (legs)"), stress, strength,
        message="",
        reference=("portal method (Hibbeler, Structural Analysis, §7.5); σ = γ_Q(N/A + M/W) ≤ "
                   "f_y/γ_M0 (EN 1993-1-1 §6.2.1(7), conservative linear sum)"),
        load_bearing=True), _words(
            N_("A {push} push at the top, shared by 4 legs with pinned feet, bends each leg with "
               "{moment} at the top rails; with its share of the load the leg's edge is stressed "
               "to {stress} (× γ_Q {gamma}); steel allows {strength}."),
            push=_amount(r.push.m_as("N"), "N", 0), moment=_amount(moment.m_as("N*m"), "N*m", 0),
            stress=_amount(stress.m_as("MPa"), "MPa", 1), gamma=_amount(GAMMA_Q),
            strength=_amount(strength.m_as("MPa"), "MPa", 0))))
    if mat.tensile_strength is None:
        out.append(CheckResult.missing(N_("racking (joint welds)"),
                                       N_("ultimate tensile strength for {material}"),
                                       material=mat.name))
        return out
    grade = WELD_GRADES.get(mat.id)
    beta = SteelGrade(grade) if grade else BETA_W_UNKNOWN
    out.append(weld_group_check(
        GAMMA_Q * loads["end"].to("N"), GAMMA_Q * moment, r.weld.to("mm"), r.tube.width.to("mm"),
        mat.tensile_strength, beta, lines=2, name=N_("racking (joint welds)")))
    return out


def _leg_check(r: Any, mat: Any, frame: Layout, section: Any, load: Any, unit: str) -> Any:
    """Leg buckling in a sway frame (no diagonal braces): AISC Commentary Table C-A-7.1.

    Without shelf rails the leg is pinned at the floor and held square by the top rails:
    case (f), K = 2, over floor to top-rail centreline. With shelf rails, the segment below them
    is case (f) too and the segment between the two rings of rails is case (c), K = 1; the worse
    of the two is reported.
    """
    from workbench.checks._common import _around
    from workbench.checks.columns import EndCondition, buckling_check
    from workbench.units import Q_

    s = frame.side
    top = r.height.m_as("mm") - s / 2
    if r.lower_frame:
        rails = r.shelf_height.m_as("mm") - s / 2
        segments = [(N_("below the shelf rails"), rails, EndCondition.SWAY_PINNED_FIXED),
                    (N_("between the rails"), top - rails, EndCondition.SWAY_FIXED_FIXED)]
    else:
        segments = [(N_("floor to top rails"), top, EndCondition.SWAY_PINNED_FIXED)]
    results = []
    for where, length, end in segments:
        res = buckling_check(load, mat.E, section, mat.yield_strength, Q_(length, "mm").to(unit),
                             end=end, name=N_("leg buckling"))
        results.append(replace(_around(res, N_("Leg {where}: {check}"), where=where),
                               reference=f"{res.reference}; K from AISC 360-16 Commentary "
                               "Table C-A-7.1 (unbraced frame)"))
    return max(results, key=lambda c: c.utilisation)


def _weld_check(r: Any, mat: Any, shear: Any, imperial: bool) -> Any:
    """The fillet welds at a top rail's end carry its end shear: the two side welds only (each one
    tube side long, no end returns to deduct), EN 1993-1-8 §4.5.3.3."""
    from workbench.checks.fasteners import SteelGrade, fillet_weld_check
    from workbench.checks.result import CheckResult

    name = "rail end weld"
    if mat.tensile_strength is None:
        return CheckResult.missing(name, N_("ultimate tensile strength for {material}"),
                                   material=mat.name)
    if shear is None:
        return CheckResult.missing(name, N_("density for {material}"), material=mat.name)
    grade = WELD_GRADES.get(mat.id)
    beta = SteelGrade(grade) if grade else BETA_W_UNKNOWN
    unit = "inch" if imperial else "mm"
    res = fillet_weld_check(GAMMA_Q * shear, r.weld.to(unit), (2 * r.tube.width).to(unit),
                            mat.tensile_strength, beta, name=name)
    note = "" if grade else f"; β_w {BETA_W_UNKNOWN:g} for a grade Table 4.1 does not list"
    return res.with_reference(
        f"{res.reference}; two side welds of one tube width; load × γ_Q {GAMMA_Q:g}{note}"
    )

