"""Rope-and-washer pump: an endless rope with printed pistons runs up a bought PVC riser over a
plywood wheel turned by a crank, on a frame of local square steel tube.

The rope pump as built by local workshops since the 1990s (Practica Foundation, *Rope Pump
Manual*, 3rd ed. 2011; K. Erpf, *The Rope Pump Concept*, RWSN/Skat 2005; Akvopedia 'Rope pump').
Pistons fit the riser with a small clearance, 0.2–0.5 mm (WOT Twente, *Rope pump construction
manual*, 1997), about 1 m apart on the rope (Akvopedia, from the Mawama model equations).

Assembly frame: x along the axle, y across it, z up; the ground is z = 0, the wheel's mid-plane
x = 0, the axle at height `axle_height`. The riser stands at y = −R (the rope's pitch radius)
from the water level (z = −well depth) to the outlet (z = delivery height); the wheel clears it.
Cut parts lie flat (thickness +z, centred on the origin); frame and riser parts run along their
own +z, their section in the first quadrant; printed parts stand on their bed face.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

from workbench.i18n import N_
from workbench.design import Design, Expect, Part, Process, Role
from workbench.kernel import cq
from workbench.params import Count, Length, RotationalSpeed, StockThickness
from workbench.stockparams import SquareTube as Tube
from workbench.stockparams import StockPick
from workbench.stockparams import StockSquareTube as StockTube

PIPE_DESIGN_STRESS_MPA = {"IS 4985": 8.6, "ISO 1452": 100 * 0.0980665}
"""Pipe standard → design (safe working) stress, MPa. IS 4985:2000 walls are based on 8.6 MPa at
27 °C (Periwal Irrigations' extract of the IS 4985 dimension table, note 2). ISO 1452: 'tension de
diseno 100 kgf/cm2' = 9.81 MPa, with a safety factor F = 2.5 (the Peruvian NTP-ISO 1452 product
sheet, materials/stock/peru.toml source ntp-iso-1452). Its own pairs agree with ISO 4065's
PN = 20·σ/(SDR − 1) (PN in bar, σ in MPa): PN 5 at SDR 41 gives σ = 5·40/20 = 10 MPa, PN 7.5 at
SDR 28 gives 7.5·27/20 = 10.1 MPa; the stated, smaller 9.81 MPa is used."""
CLEARANCE_RANGE_MM = (0.2, 0.5)
"""Piston-to-bore clearance of working rope pumps, 0.2 to 0.5 mm (WOT Twente, 'Rope pump
construction manual', 1997, Introduction)."""
GUIDE_WALL = 4.0
"""Wall of the printed rope guide, mm (design choice, as the pipe adapter's default wall)."""
FLANGE_RISE = 2.0
"""Wheel flanges stand this many rope diameters above the seat (design choice)."""
GAMMA_Q = 1.5
"""EN 1990:2002 Table A1.2(B): partial factor on a variable action (the rope load)."""
STANDARD_GRAVITY = 9.80665
"""m/s²: standard gravity (3rd CGPM, 1901)."""


class Pipe(NamedTuple):
    """The riser as the build sees it: stock id, outside diameter, wall, stock length (mm; 0 when
    the catalog lists none)."""

    id: str
    od: float
    wall: float
    length: float

    @property
    def bore(self) -> float:
        return self.od - 2 * self.wall


@dataclass(eq=False)
class StockPipe(StockPick):
    """A water pipe named by stock id, label or size (``upvc-32-class-4``); the build sees its OD,
    wall and stock length. Pipes without a wall on file are refused by the design's rules."""

    role: str = "riser"
    searched: bool = False  # the riser follows the well and the flow, not the least mass
    stock_kind: ClassVar[str] = "pipe"
    examples: ClassVar[str] = "upvc-32-class-4, upvc-40-class-3"

    def kernel(self, value: Any) -> Pipe:
        dims = value.dims
        wall = float(dims["wall"].m_as("mm")) if "wall" in dims else 0.0
        length = max((float(q.m_as("mm")) for q in value.lengths), default=0.0)
        return Pipe(value.id, float(value.actual.m_as("mm")), wall, length)

    def offered(self, ctx: Any, material: Any = None) -> list[Any]:
        """The local catalog's pipes that list a wall (a rope pump needs the bore): what the
        form's dropdown, a sweep and adapt's replacement choose from."""
        return [i for i in super().offered(ctx, material) if "wall" in i.dims]


class Member(NamedTuple):
    name: str
    length: float
    location: tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Layout:
    """The pump in millimetres, from kernel values."""

    bore: float
    piston: float
    pitch_radius: float
    flange: float
    axle_height: float
    post_x: float
    riser_length: float
    riser_pieces: tuple[float, ...]
    rope_loop: float
    pistons: int
    members: tuple[Member, ...]
    axle_length: float


def layout(p: Any) -> Layout:
    """Every dimension of the pump at kernel values `p` (lengths in mm)."""
    pipe, s, t = p.riser, p.tube.side, p.sheet
    bore = pipe.bore
    flange = p.wheel_diameter + 2 * FLANGE_RISE * p.rope_diameter
    pitch = (p.wheel_diameter + p.rope_diameter) / 2
    axle_h = p.delivery_height + flange / 2
    riser = p.well_depth + p.delivery_height
    if pipe.length > 0:
        whole = int(riser // pipe.length)
        rest = riser - whole * pipe.length
        pieces = tuple([pipe.length] * whole + ([rest] if rest > 1e-6 else []))
    else:
        pieces = (riser,)
    loop = 2 * riser + math.pi * pitch + 2 * (axle_h - p.delivery_height)
    post_x = 1.5 * t + s  # inner face of each post: a tube width clear of the wheel
    half_span = post_x + s  # outer face
    feet_y = -p.base_length / 2
    members = [
        Member("post-left", axle_h, (-half_span, -s / 2, s, 0, 0, 0)),
        Member("post-right", axle_h, (post_x, -s / 2, s, 0, 0, 0)),
        # feet run along y: −90° about x turns the member's +z into +y
        Member("foot-left", p.base_length, (-half_span, feet_y, s, -90, 0, 0)),
        Member("foot-right", p.base_length, (post_x, feet_y, s, -90, 0, 0)),
        # ties between the feet along x: +90° about y turns +z into +x
        Member("tie-front", 2 * post_x, (-post_x, feet_y, s, 0, 90, 0)),
        Member("tie-back", 2 * post_x, (-post_x, -feet_y - s, s, 0, 90, 0)),
        Member("crank-arm", p.crank_radius + s, (half_span + s, -s / 2, axle_h - s / 2, 0, 0, 0)),
    ]
    count = max(1, math.ceil(loop / p.piston_spacing))
    return Layout(bore, bore - p.clearance, pitch, flange, axle_h, post_x, riser, pieces, loop,
                  count, tuple(members), 2 * half_span + 2 * s)


class GuideProfile(NamedTuple):
    """The printed rope guide's half-section: a 45° bell mouth (diameter 2·bore) down on the bed,
    a ledge the riser's end sits on, and a socket over the riser's outside (mm)."""

    mouth: float
    bore: float
    socket: float
    outer: float
    depth: float

    @property
    def height(self) -> float:
        return (self.mouth - self.bore) / 2 + GUIDE_WALL + self.depth

    def outline(self) -> list[tuple[float, float]]:
        z1 = (self.mouth - self.bore) / 2
        z2 = z1 + GUIDE_WALL
        return [(self.mouth / 2, 0.0), (self.outer / 2, 0.0), (self.outer / 2, self.height),
                (self.socket / 2, self.height), (self.socket / 2, z2), (self.bore / 2, z2),
                (self.bore / 2, z1)]

    def volume(self) -> float:
        z1 = (self.mouth - self.bore) / 2
        outer = math.pi / 4 * self.outer**2 * self.height
        cone = math.pi * z1 * (self.mouth**2 + self.mouth * self.bore + self.bore**2) / 12
        return (outer - cone - math.pi / 4 * self.bore**2 * GUIDE_WALL
                - math.pi / 4 * self.socket**2 * self.depth)


def guide_profile(p: Any, fit: float) -> GuideProfile:
    pipe = p.riser
    socket = pipe.od + fit
    outer = max(2 * pipe.bore, socket) + 2 * GUIDE_WALL
    return GuideProfile(2 * pipe.bore, pipe.bore, socket, outer, pipe.od)


def _fit(ctx: Any) -> float:
    fit = ctx.workshop_profile.fit_clearance
    return float(fit.m_as("mm")) if fit is not None else 0.0


class RopePump(Design):
    id = "rope-pump"
    title = "Rope-and-washer pump"
    summary = (
        "A hand rope pump for a well: printed pistons on an endless rope run up a local PVC riser "
        "over a plywood wheel turned by a crank, on a bolted square-tube frame; head, flow, "
        "leakage, the person's power, rope and riser are checked."
    )
    version = "1.0.0"
    license = "CERN-OHL-S-2.0"
    authors = ("Cosmo-local workbench contributors",)
    roles = {
        "printed": Role("Printed pistons and guide", "petg", Process.PRINT,
                        "Filament for the pistons and the rope guide at the riser's foot."),
        "panel": Role("Wheel plates", "plywood-birch", Process.CUT,
                      "Sheet for the wheel: a seat disc between two flange discs."),
        "frame": Role("Frame tube", "steel-s235", Process.FRAME,
                      "Steel for the posts, feet, ties and crank arm (square tube) and the "
                      "axle (round bar)."),
        "riser": Role("Riser pipe", "pvc-u", Process.BUY,
                      "The bought water pipe the pistons run up, in its stock lengths."),
    }
    part_names = {
        "post-left": "left post",
        "post-right": "right post",
        "foot-left": "left foot",
        "foot-right": "right foot",
        "tie-front": "front tie",
        "tie-back": "back tie",
        "crank-arm": "crank arm",
        "axle": "axle",
        "riser-{n}": "riser pipe {n}",
        "wheel-flange-left": "left wheel flange",
        "wheel-flange-right": "right wheel flange",
        "wheel-seat": "wheel seat",
        "piston": "piston",
        "rope-guide": "rope guide",
    }

    free_parameters = ("wheel_diameter", "crank_speed", "crank_radius", "base_length")
    """What a workshop changes when the pump asks more than a person gives or the frame tips (the
    least-change search of `workbench.adapt` and `fit` move only these): a smaller wheel seat or
    slower turning lowers the rope speed π·(D + d)·n, so the swept flow and the power ρ·g·H·Q
    (the 'power at the crank' check); a longer crank lowers the handle force P/(ω·r); longer feet
    widen the base against tipping. The well, the need, the rope and the pipes are the site's and
    the catalog's: they are not free."""

    well_depth = Length(
        "Well depth", 8000, min=1000, max=40000, soft=(2000, 35000), step=100, group="Well",
        help="Ground to the lowest water level: the riser's foot stands there.",
    )
    delivery_height = Length(
        "Outlet height", 800, min=300, max=2000, soft=(500, 1500), step=10, group="Well",
        help="Ground to the outlet at the top of the riser (a bucket or a tank inlet).",
    )
    users = Count("People served", 50, min=1, max=500, group="Need",
                  help="How many people draw their daily water from the pump.")
    litres_per_person = Count(
        "Litres per person per day", 20, min=5, max=200, group="Need",
        help="20 L is the WHO 'basic access' quantity (Howard & Bartram, Domestic Water "
        "Quantity, Service Level and Health, WHO 2003).",
    )
    riser = StockPipe(
        "Riser pipe", "upvc-32-class-4", role="riser", group="Stock",
        help="The PVC pipe the pistons run up, by stock id; deeper wells need a smaller pipe. The "
        "pistons follow its bore (OD less two walls): measure yours.",
    )
    tube = StockTube("Frame tube", "40 x 40 x 3 mm", role="frame", group="Stock",
                     help="Square steel tube for the frame and the crank arm.")
    sheet = StockThickness(
        "Wheel plate thickness", 18, min=3, max=40, soft=(9, 25), step=0.5, role="panel",
        group="Stock", help="Plywood for the wheel; the seat disc's thickness is the rope groove.",
    )
    wheel_diameter = Length(
        "Wheel seat diameter", 500, min=200, max=1000, soft=(300, 700), step=10, group="Wheel",
        help="Diameter of the disc the rope runs on; the flanges are larger.",
    )
    crank_radius = Length("Crank radius", 250, min=100, max=400, soft=(150, 350), step=5,
                          group="Wheel", help="Axle to handle.")
    crank_speed = RotationalSpeed(
        "Crank turns per minute", 30, min=10, max=120, soft=(15, 60), step=1, group="Wheel",
        help="The rope-pump model equations put the best rope speed near 1.2 m/s (Akvopedia), 45 "
        "turns a minute on a 0.5 m wheel; a person sustains 75 W only at a slower pace.",
    )
    axle_diameter = Length("Axle diameter", 25, min=12, max=50, step=1, group="Wheel",
                           help="Round steel bar you have for the axle.")
    rope_diameter = Length(
        "Rope diameter", 6, min=4, max=12, step=1, group="Rope",
        help="Polypropylene rope; 6 mm is usual (ropepump.com).",
    )
    piston_spacing = Length(
        "Piston spacing", 1000, min=300, max=2000, soft=(500, 1500), step=50, group="Rope",
        help="Distance between pistons on the rope; about 1 m (Akvopedia).",
    )
    clearance = Length(
        "Piston clearance", 0.4, min=0.1, max=2.0, soft=(0.1, 1.0), step=0.05, group="Rope",
        help="Bore less piston diameter. Working pumps run 0.2–0.5 mm (WOT Twente manual).",
    )
    piston_length = Length(
        "Piston length", 20, min=5, max=40, step=1, group="Rope",
        help="Length of each piston along the rope: the longer, the less leaks past it.",
    )
    base_length = Length(
        "Base length", 1000, min=300, max=2000, soft=(500, 1200), step=10, group="Frame",
        help="Length of the two feet across the axle, for the frame's stability.",
    )

    # -- rules ----------------------------------------------------------------------------------
    def rules(self, v: Any) -> Iterator[str]:
        pipe = v.riser
        if "wall" not in pipe.dims:
            yield (f"riser {pipe.label} has no wall thickness in the stock catalog, so its bore is "
                   "unknown; choose a pipe with a wall (e.g. upvc-32-class-4) or add the wall "
                   "with its source")
            return
        bore = pipe.actual - 2 * pipe.dims["wall"]
        piston = bore - v.clearance
        if piston <= v.rope_diameter * 2:
            yield (f"pistons of {piston.to('mm').magnitude:.1f} mm leave no ring around the "
                   f"{v.rope_diameter.to('mm').magnitude:g} mm rope; they must be more than twice "
                   "its diameter (a larger riser or a thinner rope)")
        if v.sheet < v.rope_diameter:
            yield (f"the wheel's seat disc ({v.sheet.to('mm').magnitude:g} mm) must be at least "
                   f"as thick as the rope ({v.rope_diameter.to('mm').magnitude:g} mm) to hold it")
        if v.crank_radius + v.tube.width > v.delivery_height + v.wheel_diameter / 2:
            yield (f"a {v.crank_radius.to('mm').magnitude:g} mm crank would hit the ground; keep "
                   "it below the axle height less a tube width")

    # -- geometry -------------------------------------------------------------------------------
    def build(self, p: Any, ctx: Any) -> list[Part]:
        lay = layout(p)
        s, w, t = p.tube.side, p.tube.wall, p.sheet
        parts: list[Part] = []
        tube_solids: dict[float, Any] = {}
        for m in lay.members:
            if m.length not in tube_solids:
                tube_solids[m.length] = (cq.Workplane("XY").center(s / 2, s / 2).rect(s, s)
                                         .rect(s - 2 * w, s - 2 * w).extrude(m.length))
            parts.append(Part(m.name, tube_solids[m.length], "frame", Process.FRAME, 1, m.location,
                              {"stock": p.tube.id, "cut_length": m.length}))
        pipe = p.riser
        z = -p.well_depth
        for i, piece in enumerate(lay.riser_pieces, start=1):
            solid = (cq.Workplane("XY").center(pipe.od / 2, pipe.od / 2).circle(pipe.od / 2)
                     .circle(pipe.bore / 2).extrude(piece))
            parts.append(Part(f"riser-{i}", solid, "riser", Process.BUY, 1,
                              (-pipe.od / 2, -lay.pitch_radius - pipe.od / 2, z, 0, 0, 0),
                              {"stock": pipe.id, "cut_length": piece}))
            z += piece
        axle = cq.Workplane("XY").center(p.axle_diameter / 2, p.axle_diameter / 2) \
            .circle(p.axle_diameter / 2).extrude(lay.axle_length)
        parts.append(Part("axle", axle, "frame", Process.FRAME, 1,
                          (-lay.axle_length / 2, -p.axle_diameter / 2, lay.axle_height, 0, 90, 0),
                          {"cut_length": lay.axle_length}))
        hole = p.axle_diameter
        for name, dia, x in (("wheel-flange-left", lay.flange, -1.5 * t),
                             ("wheel-seat", p.wheel_diameter, -0.5 * t),
                             ("wheel-flange-right", lay.flange, 0.5 * t)):
            disc = cq.Workplane("XY").circle(dia / 2).circle(hole / 2).extrude(t)
            parts.append(Part(name, disc, "panel", Process.CUT, 1,
                              (x, 0, lay.axle_height, 0, 90, 0), {}))
        piston = (cq.Workplane("XY").circle(lay.piston / 2).circle(p.rope_diameter / 2)
                  .extrude(p.piston_length))
        parts.append(Part("piston", piston, "printed", Process.PRINT, lay.pistons,
                          (0, -lay.pitch_radius, p.delivery_height, 0, 0, 0),
                          {"bed_face": "either end face"}))
        g = guide_profile(p, _fit(ctx))
        guide = cq.Workplane("XZ").polyline(g.outline()).close().revolve(360, (0, 0, 0), (0, 1, 0))
        parts.append(Part("rope-guide", guide, "printed", Process.PRINT, 1,
                          (0, -lay.pitch_radius, -p.well_depth - g.height + g.depth, 0, 0, 0),
                          {"bed_face": "bell mouth down"}))
        return parts

    def expected(self, p: Any) -> dict[str, Expect]:
        fit = getattr(p, "fit_clearance", None)
        if fit is None:
            from workbench.context import Context

            fit = _fit(Context())
        lay = layout(p)
        s, w, t = p.tube.side, p.tube.wall, p.sheet
        area = s * s - (s - 2 * w) ** 2
        out = {m.name: Expect((s, s, m.length), area * m.length) for m in lay.members}
        pipe = p.riser
        ring = math.pi / 4 * (pipe.od**2 - pipe.bore**2)
        for i, piece in enumerate(lay.riser_pieces, start=1):
            out[f"riser-{i}"] = Expect((pipe.od, pipe.od, piece), ring * piece)
        d = p.axle_diameter
        out["axle"] = Expect((d, d, lay.axle_length), math.pi / 4 * d * d * lay.axle_length)
        for name, dia in (("wheel-flange-left", lay.flange), ("wheel-seat", p.wheel_diameter),
                          ("wheel-flange-right", lay.flange)):
            out[name] = Expect((dia, dia, t), math.pi / 4 * (dia**2 - d**2) * t)
        out["piston"] = Expect((lay.piston, lay.piston, p.piston_length),
                               math.pi / 4 * (lay.piston**2 - p.rope_diameter**2) * p.piston_length)
        g = guide_profile(p, fit)
        out["rope-guide"] = Expect((g.outer, g.outer, g.height), g.volume())
        return out

    # -- checks ---------------------------------------------------------------------------------
    def checks(self, r: Any, ctx: Any, geometry: Any) -> list[Any]:
        from workbench.checks import ergonomics as erg
        from workbench.checks import hydraulics as hyd
        from workbench.checks.ropes import rope_tension_check
        from workbench.units import Q_

        k = r.kernel()
        lay = layout(k)
        mm = lambda v: Q_(v, "mm")  # noqa: E731
        head = hyd.total_head(r.well_depth, r.delivery_height)
        turns = float(r.crank_speed.m_as("rpm"))
        speed = hyd.rope_speed(r.wheel_diameter, r.rope_diameter, turns)
        swept = hyd.swept_flow(mm(lay.bore), speed)
        leak = hyd.annular_leakage(mm(lay.bore), mm(lay.piston), r.piston_length,
                                   hyd.piston_pressure_drop(r.piston_spacing), speed)
        delivered = swept - leak if leak < swept else swept * 0
        daily = Q_(r.users * r.litres_per_person, "L")
        hours = hyd.delivery_time(daily, delivered)
        power = erg.crank_power(head, swept, delivered)
        force = erg.crank_force(power, r.crank_radius, turns)
        tension = (power / speed).to("N")
        out = [
            hyd.head_check(head),
            _clearance_check(r.clearance),
            hyd.leakage_check(swept, leak, hyd.gap_reynolds(leak, mm(lay.bore), mm(lay.piston))),
            hyd.daily_need_check(hours, Q_(erg.SHIFT_HOURS, "h"), daily),
            erg.sustained_power_check(power, hours, force),
            rope_tension_check(tension, r.rope_diameter),
        ]
        pipe = r.riser
        stress = PIPE_DESIGN_STRESS_MPA.get(pipe.standard or "")
        out.append(hyd.riser_wall_check(hyd.riser_pressure(head), pipe.actual, pipe.dims["wall"],
                                        Q_(stress, "MPa") if stress else None,
                                        standard=pipe.standard or ""))
        out += _frame_checks(r, lay, tension, force, ctx)
        out += _stock_checks(r, lay, ctx)
        return out


def _clearance_check(clearance: Any) -> Any:
    """The piston clearance against the 0.2–0.5 mm of working pumps (WOT Twente manual)."""
    from workbench.checks._common import _amount, _words
    from workbench.checks.result import CheckResult, Status
    from workbench.units import Q_

    lo, hi = CLEARANCE_RANGE_MM
    c = float(clearance.m_as("mm"))
    ok = lo - 1e-9 <= c <= hi + 1e-9
    words = _words(
        N_("The pistons are {clearance} smaller than the bore; working rope pumps run "
           "with {low} to {high}.") if ok else
        N_("The pistons are {clearance} smaller than the bore; working rope pumps run "
           "with {low} to {high}: print a test piston and measure the fit in your pipe."),
        clearance=_amount(c, "mm"), low=_amount(lo, "mm"), high=_amount(hi, "mm"))
    return CheckResult(
        N_("piston clearance"), Status.PASS if ok else Status.WARN, c / hi, clearance.to("mm"),
        Q_(hi, "mm"), words.text,
        "WOT Twente, 'Rope pump construction manual' (1997): pistons fit with 0.2–0.5 mm",
    ).with_words(words.template, words.quantities, words.system)


def _weight(volume_mm3: float, mat: Any) -> Any:
    from workbench.units import Q_

    if mat.density is None:
        return Q_(0.0, "N")
    return (Q_(volume_mm3, "mm**3") * mat.density * Q_(STANDARD_GRAVITY, "m/s**2")).to("N")


def _frame_checks(r: Any, lay: Layout, tension: Any, force: Any, ctx: Any) -> list[Any]:
    from workbench.checks.beams import Loading, Support, bending_stress_check
    from workbench.checks.columns import EndCondition, buckling_check
    from workbench.checks.ergonomics import tip_over_check
    from workbench.checks.result import CheckResult
    from workbench.checks.sections import solid_round, square_tube
    from workbench.units import Q_

    k = r.kernel()
    s, w, t = k.tube.side, k.tube.wall, k.sheet
    steel, panel = r.materials["frame"], r.materials["panel"]
    axle_mat = steel  # the axle is round bar of the frame's steel
    wheel_vol = math.pi / 4 * (2 * lay.flange**2 + k.wheel_diameter**2 - 3 * k.axle_diameter**2) * t
    wheel = _weight(wheel_vol, panel)
    axle_vol = math.pi / 4 * k.axle_diameter**2 * lay.axle_length
    frame_vol = (s * s - (s - 2 * w) ** 2) * sum(m.length for m in lay.members)
    weight = wheel + _weight(axle_vol, axle_mat) + _weight(frame_vol, steel)
    out = []
    span = Q_(2 * lay.post_x + s, "mm")  # post centre to post centre
    if axle_mat.yield_strength is None:
        out.append(CheckResult.missing(N_("axle bending"), N_("yield strength for {material}"),
                                       material=axle_mat.name))
    else:
        res = bending_stress_check(span, GAMMA_Q * (tension + wheel), solid_round(r.axle_diameter),
                                   axle_mat.yield_strength, support=Support.SIMPLY_SUPPORTED,
                                   loading=Loading.POINT, name=N_("axle bending"))
        out.append(res.with_reference(f"{res.reference}; rope tension + wheel weight × γ_Q "
                                      f"{GAMMA_Q:g} (EN 1990 Table A1.2(B)) at mid-span"))
    section = square_tube(r.tube.width, r.tube.wall)
    if steel.yield_strength is None or steel.E is None:
        out.append(CheckResult.missing(N_("post buckling"),
            f"yield strength and E for {steel.name}"))
        out.append(CheckResult.missing(N_("crank arm bending"), N_("yield strength for {material}"),
                                       material=steel.name))
    else:
        post = buckling_check(GAMMA_Q * (tension + wheel) / 2, steel.E, section,
                              steel.yield_strength, Q_(lay.axle_height, "mm"),
                              end=EndCondition.FIXED_FREE, name=N_("post buckling"))
        out.append(post.with_reference(f"{post.reference}; each post carries half the rope "
                                       "tension and wheel, × γ_Q 1.5; a free-standing post"))
        arm = bending_stress_check(r.crank_radius, GAMMA_Q * force, section, steel.yield_strength,
                                   support=Support.CANTILEVER, loading=Loading.POINT,
                                   name=N_("crank arm bending"))
        out.append(arm.with_reference(f"{arm.reference}; mean handle force × γ_Q 1.5"))
    out.append(tip_over_check(force, Q_(lay.axle_height, "mm"), weight, r.base_length))
    return out


def _stock_checks(r: Any, lay: Layout, ctx: Any) -> list[Any]:
    from workbench.checks._common import _worded, _words
    from workbench.checks import fabrication
    from workbench.checks.result import CheckResult, Status
    from workbench.checks.stock import stock_check
    from workbench.units import Q_

    catalog = ctx.stock_catalog
    pipe = r.riser
    local = [i for i in catalog.pipes() if "wall" in i.dims]
    ref = f"{catalog.name} stock catalog (materials/stock/{catalog.id}.toml)"
    if not local:
        out = [CheckResult.missing(N_("riser stock"),
                                   N_("water pipes with walls in {catalog} stock"),
                                   catalog=catalog.name)]
    elif any(abs(float((i.actual - pipe.actual).m_as("mm"))) < 1e-6
             and abs(float((i.dims["wall"] - pipe.dims["wall"]).m_as("mm"))) < 1e-6 for i in local):
        out = [_worded(CheckResult(N_("riser stock"), Status.PASS, math.nan, None, None, "", ref),
                       _words(N_("{stock} stock sells {pipe}."), stock=catalog.name,
                              pipe=pipe.label))]
    else:
        near = sorted(local, key=lambda i: abs(float((i.actual - pipe.actual).m_as("mm"))))[:4]
        out = [_worded(CheckResult(N_("riser stock"), Status.FAIL, math.nan, None, None, "", ref),
                       _words(N_("{pipe} is not sold in {stock} stock; the nearest it sells: "
                                 "{nearest}."), pipe=pipe.label, stock=catalog.name,
                              nearest="; ".join(i.label for i in near)))]
    longest = Q_(max(m.length for m in lay.members), "mm")
    out.append(stock_check(r.tube, catalog, r.materials["frame"].id, longest=longest,
                           name=N_("frame tube stock")))
    shop = ctx.workshop_profile
    if shop.bed is not None:
        k = r.kernel()
        out.append(fabrication.bed_fit_check(Q_(lay.piston, "mm"), Q_(lay.piston, "mm"),
                                             r.piston_length, *shop.bed,
                                             name=N_("piston fits the bed")))
        g = guide_profile(k, _fit(ctx))
        out.append(fabrication.bed_fit_check(Q_(g.outer, "mm"), Q_(g.outer, "mm"),
                                             Q_(g.height, "mm"), *shop.bed,
                                             name=N_("rope guide fits the bed")))
    sheet = r.stock.get("sheet")
    if sheet is not None and sheet.sizes:
        a, b = max(sheet.sizes, key=lambda z: float((z[0] * z[1]).m_as("mm**2")))
        out.append(fabrication.sheet_fit_check(Q_(lay.flange, "mm"), Q_(lay.flange, "mm"), a, b,
                                               name=N_("wheel flange fits the sheet")))
    return out
