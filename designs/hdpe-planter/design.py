"""Wall planter cut from recycled HDPE sheet (Precious Plastic sheetpress sheets): a back panel that
screws to a wall, fence or railing through slotted holes, a front, two ends and a drained floor.

HDPE grows about twenty times as much with heat as the steel or masonry it is screwed to (α 250 vs
12 µm/m/K in `materials/`), so the fixings are slots, sized here for the local climate and sun; and
it creeps under the wet soil it carries. Assembly frame: x along the wall, y out from it, z up.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.i18n import N_
from workbench.design import Design, Expect, Part, Process, Role
from workbench.choices import EXPOSURE
from workbench.kernel import cq
from workbench.params import Choice, Length, Mass

if TYPE_CHECKING:

    from workbench.checks.result import CheckResult
    from workbench.context import Context

SHEETPRESS_SHEET_MM = (1000.0, 1000.0)
"""Sheet a Precious Plastic sheetpress makes: 1000 × 1000 mm, 4–35 mm thick (Precious Plastic
Academy, "Sheetpress Specifications", docs/build/sheetpress.md in github.com/ONEARMY/academy: "Size
of Sheet 1000 x 1000 mm", "Range of Sheet Thickness 4 - 35mm"). No stock catalog lists recycled
HDPE sheet yet, so the thickness is a plain length within that range."""

FIX_FROM_TOP = 30.0
"""Fixing slots' centre line below the back panel's top edge, mm (design choice: high on the back,
so the box hangs from them, and clear of the top edge)."""
FIX_CLEAR = 10.0
"""Clear distance from an end panel's face to the nearest slot end, mm (room for the screwdriver)."""
FIX_PITCH = 300.0
"""At most this far between fixing slots along the back, mm (design choice; the count follows the
length: 800 mm long → 4 slots, 247 mm apart)."""
SLOT_CLEARANCE = 1.0
"""A slot is the screw's diameter plus this wide, mm, so the shank slides along it."""
DRAIN_DIAMETER = 12.0
"""Drain holes in the floor, mm (design choice)."""
DRAIN_PITCH = 200.0
"""One drain hole per this much inner length, mm, at least one (design choice)."""
MIN_INSIDE = 100.0
"""Least inside depth and height that still holds a plant's roots, mm (design choice)."""

_THERMAL_REFERENCE = (
    "ΔL = α·L·ΔT (Gere & Goodno, Mechanics of Materials, §2.5) from the fixed middle of the back; "
    "part temperature in sun per EN 1991-1-5:2003 Table 5.2; screws centred at the mid temperature"
)


def _exposure(value: str) -> Any:
    from workbench.checks.plastics import Exposure

    return Exposure.from_choice(value)


@dataclass(frozen=True)
class Box:
    """The planter's panels in mm from kernel values: outer length L, depth W, height H, sheet t."""

    L: float
    W: float
    H: float
    t: float
    screw: float
    slot: float

    @property
    def slot_width(self) -> float:
        return self.screw + SLOT_CLEARANCE

    @property
    def first_fixing(self) -> float:
        """x of the first slot's centre on the back: beside the end panel, clear of it."""
        return self.t + FIX_CLEAR + self.slot / 2

    @property
    def fixings(self) -> int:
        """Number of slots: at most `FIX_PITCH` apart, at least two."""
        run = self.L - 2 * self.first_fixing
        return max(2, math.ceil(run / FIX_PITCH - 1e-9) + 1)

    def fixing_xs(self) -> list[float]:
        n, x0 = self.fixings, self.first_fixing
        return [x0 + i * (self.L - 2 * x0) / (n - 1) for i in range(n)]

    @property
    def reach(self) -> float:
        """Distance from the back's middle (where it does not move) to the outermost slot, mm."""
        return self.L / 2 - self.first_fixing

    @property
    def play(self) -> float:
        """Free travel of a centred screw each way along its slot, mm."""
        return (self.slot - self.screw) / 2

    @property
    def slot_area(self) -> float:
        """A stadium of overall length `slot` and width `slot_width`, mm²."""
        w = self.slot_width
        return (self.slot - w) * w + math.pi * w * w / 4

    @property
    def inner(self) -> tuple[float, float]:
        """Floor size (along the wall, out from it), mm."""
        return self.L - 2 * self.t, self.W - 2 * self.t

    @property
    def drains(self) -> int:
        return max(1, math.floor(self.inner[0] / DRAIN_PITCH))


def box(p: Any) -> Box:
    return Box(p.length, p.depth, p.height, p.sheet, p.screw, p.slot)


class HdpePlanter(Design):
    id = "hdpe-planter"
    title = "Recycled-HDPE wall planter"
    summary = (
        "A planter box cut from recycled HDPE sheet (e.g. Precious Plastic sheetpress sheets) that "
        "screws to a wall, fence or balcony railing through slots sized for the local sun and "
        "frost; checked for thermal movement, creep of the floor and fit on the sheet."
    )
    version = "1.0.0"
    license = "CERN-OHL-S-2.0"
    authors = ("Cosmo-local workbench contributors",)
    roles = {
        "panel": Role("HDPE panels", "hdpe-recycled", Process.CUT,
                      "Recycled HDPE sheet for all five panels"),
    }
    part_names = {
        "back": "back panel",
        "front": "front panel",
        "end-left": "left end panel",
        "end-right": "right end panel",
        "floor": "floor panel",
    }

    length = Length(
        "Length along the wall", 800, min=300, max=1500, soft=(400, 1000), step=10, group="Size",
        help="Outside length. A sheetpress sheet is 1000 mm square: longer needs bigger sheets.",
    )
    depth = Length(
        "Depth from the wall", 250, min=150, max=600, soft=(180, 400), step=10, group="Size",
        help="Outside depth, from the wall to the front face.",
    )
    height = Length(
        "Height", 250, min=150, max=600, soft=(180, 400), step=10, group="Size",
        help="Outside height of the box.",
    )
    sheet = Length(
        "Sheet thickness", 12, min=4, max=35, soft=(6, 20), step=1, group="Size",
        help="Thickness of your HDPE sheet, measured (a sheetpress makes 4-35 mm). Screws into the "
        "edges need a thick sheet: 10 mm or more.",
    )
    screw = Length(
        "Fixing screw diameter", 5, min=3, max=10, soft=(4, 8), step=0.5, group="Fixing",
        help="Shank diameter of the screws or bolts that hold the back to the wall (use washers).",
    )
    slot = Length(
        "Fixing slot length", 14, min=4, max=40, soft=(8, 30), step=1, group="Fixing",
        help="Overall length of each slot in the back. The screw sits in the middle; the panel "
        "slides past it as it grows in the sun and shrinks in frost.",
    )
    fill = Mass(
        "Wet soil and plants", 40, min=0, max=500, soft=(0, 200), step=5, group="Load",
        help="What the full box weighs when the soil is wet: weigh a bucket of your wet mix and "
        "scale it to the box's inside volume.",
    )
    exposure = Choice(
        "Where it hangs", "sun-light",
        options=EXPOSURE,
        group="Load",
        help="Sun heats the panels above the air temperature (EN 1991-1-5 Table 5.2): darker "
        "sheets grow more and creep faster.",
    )

    # -- rules ----------------------------------------------------------------------------------
    def rules(self, v: Any) -> Iterator[str]:
        mm = {n: float(getattr(v, n).to("mm").magnitude)
              for n in ("length", "depth", "height", "sheet", "screw", "slot")}
        b = Box(mm["length"], mm["depth"], mm["height"], mm["sheet"], mm["screw"], mm["slot"])
        for what, inside, outside in (("depth", b.inner[1], "deeper"), ("height", b.H - b.t, "taller")):
            if inside < MIN_INSIDE:
                yield (
                    f"a {b.t:g} mm sheet leaves {inside:g} mm inside {what}; it must be at least "
                    f"{MIN_INSIDE:g} mm (a {outside} box or a thinner sheet)"
                )
        if b.slot < b.slot_width:
            yield (
                f"fixing slot {b.slot:g} mm is shorter than it is wide ({b.slot_width:g} mm for a "
                f"{b.screw:g} mm screw); make it at least {b.slot_width:g} mm"
            )
        # Slots never crowd within the bounds: the run between the outer two is at least
        # 300 − 2·(35 + 10 + 20) = 170 mm and is split into steps of 150 to 300 mm, while a slot
        # is at most 40 mm long. No rule is needed.

    # -- checks ---------------------------------------------------------------------------------
    def checks(self, r: Any, ctx: Context, geometry: Any) -> list[CheckResult]:
        from workbench.checks import fabrication, plastics
        from workbench.checks.loads import weight
        from workbench.checks.beams import DeflectionLimit, Loading, Support, deflection_check
        from workbench.checks.result import CheckResult
        from workbench.checks.sections import rectangle
        from workbench.units import Q_

        mat = r.materials["panel"]
        b = box(r.kernel())
        out: list[CheckResult] = [self._thermal(b, mat, ctx, r.exposure)]
        # Floor: a strip across its shorter inside span, simply supported on the panels' edges,
        # carrying the wet fill (two-way plate action ignored: conservative).
        span, width = sorted(b.inner)
        floor = rectangle(Q_(width, "mm"), Q_(b.t, "mm"))
        load = weight(r.fill)
        common = {"support": Support.SIMPLY_SUPPORTED, "loading": Loading.UNIFORM}
        if mat.E is None:
            out.append(CheckResult.missing(N_("floor sag (short-term)"),
                                           N_("modulus for {material}"),
                                           material=mat.name, load_bearing=False))
        else:
            out.append(deflection_check(Q_(span, "mm"), load, mat.E, floor, limit=DeflectionLimit.L180,
                                        name=N_("floor sag (short-term)"), **common))
        creep = mat.creep_modulus  # no value in materials/ yet: see the README
        if creep is None:
            out.append(CheckResult.missing(
                N_("floor creep"), N_("long-term (creep) modulus for {material}"),
                material=mat.name))
        else:
            out.append(plastics.creep_deflection_check(
                Q_(span, "mm"), load, creep, floor, modulus=mat.E, limit=DeflectionLimit.L180,
                name=N_("floor creep"), **common))
        clim = ctx.climate_profile
        out.append(plastics.heat_softening_check(
            clim.t_max, mat.hdt, mat.tg, printed=False, exposure=_exposure(r.exposure),
            material=mat.name, climate=clim.id))
        panels = [("back and front", b.L, b.H), ("ends", b.inner[1], b.H), ("floor", *b.inner)]
        sheet = tuple(Q_(s, "mm") for s in SHEETPRESS_SHEET_MM)
        for name, a, c in panels:
            res = fabrication.sheet_fit_check(Q_(a, "mm"), Q_(c, "mm"), *sheet,
                                              name=f"{name} fit a sheetpress sheet")
            out.append(res.with_reference(f"{res.reference}; sheet: Precious Plastic Academy, "
                                          "Sheetpress Specifications (1000 x 1000 mm)"))
        bed = ctx.workshop_profile.sheet
        if bed is not None:
            for name, a, c in panels:
                out.append(fabrication.sheet_fit_check(Q_(a, "mm"), Q_(c, "mm"), *bed,
                                                       name=f"{name} fit the cutter bed"))
        return out

    @staticmethod
    def _thermal(b: Box, mat: Any, ctx: Context, exposure: str) -> CheckResult:
        """Movement of the outermost fixing from the fixed middle of the back, against the slots'
        play, with the screws centred at the middle of the part's temperature range."""
        from workbench.checks._common import _amount, _worded, _words
        from workbench.checks import plastics, thermal
        from workbench.checks.result import CheckResult
        from workbench.units import Q_

        name = "fixing slots (thermal movement)"
        clim = ctx.climate_profile
        if mat.alpha is None:
            return CheckResult.missing(name, N_("thermal expansion coefficient for {material}"),
                                       material=mat.name, load_bearing=False)
        if clim.t_min is None or clim.t_max is None:
            which = "minimum" if clim.t_min is None else "maximum"
            return CheckResult.missing(name, f"{which} design temperature for climate {clim.id}",
                                       load_bearing=False)
        hot = plastics.service_temperature(clim.t_max, _exposure(exposure)).to("degC")
        cold = clim.t_min.to("degC")
        range_k = float((hot.to("K") - cold.to("K")).magnitude)
        travel = float(thermal.free_expansion(mat.alpha, Q_(b.reach, "mm"), cold, hot)
                       .to("mm").magnitude)
        per_k = travel / range_k  # mm of movement per kelvin at the outermost fixing
        need = travel / 2
        mid = cold.magnitude + range_k / 2
        if b.play >= need:
            lo, hi = hot.magnitude - b.play / per_k, cold.magnitude + b.play / per_k
            advice = N_("fit the screws centred in their slots at {low} to {high}")
            named = {"low": _amount(lo, "degC", 0), "high": _amount(hi, "degC", 0)}
        else:
            advice = N_("slots of at least {slot_needed} are needed, fitted at {middle}")
            named = {"slot_needed": _amount(b.screw + 2 * need, "mm", 1)}
        words = _words(
            N_("From {cold} on the coldest night to {hot} at the hottest ({exposure}), the "
               "outermost fixing ({reach} from the middle) moves {travel}, ±{half} about "
               "{middle}; the {slot} slots leave ±{play} around a {screw} screw: {advice}."),
            cold=_amount(cold.magnitude, "degC", 0), hot=_amount(hot.magnitude, "degC", 0),
            exposure=_exposure(exposure).value, reach=_amount(b.reach, "mm", 0),
            travel=_amount(travel, "mm", 1), half=_amount(need, "mm", 1),
            middle=_amount(mid, "degC", 0), slot=_amount(b.slot, "mm"),
            play=_amount(b.play, "mm", 1), screw=_amount(b.screw, "mm"), advice=advice, **named)
        return _worded(CheckResult.compare(name, Q_(need, "mm"), Q_(b.play, "mm"), message="",
                                   reference=_THERMAL_REFERENCE), words)

    # -- geometry -------------------------------------------------------------------------------
    def build(self, p: Any, ctx: Context) -> list[Part]:
        b = box(p)
        L, W, H, t = b.L, b.W, b.H, b.t
        back = cq.Workplane("XY").rect(L, H, centered=False).extrude(t)
        at = cq.Workplane("XY").pushPoints([(x, H - FIX_FROM_TOP) for x in b.fixing_xs()])
        # A slot no longer than it is wide is a round hole (slot2D cannot make a zero-length slot).
        round_hole = b.slot - b.slot_width <= 1e-6
        slots = (at.circle(b.slot_width / 2) if round_hole else at.slot2D(b.slot, b.slot_width)).extrude(t)
        back = back.cut(slots)
        front = cq.Workplane("XY").rect(L, H, centered=False).extrude(t)
        fl, fw = b.inner
        floor = cq.Workplane("XY").rect(fl, fw, centered=False).extrude(t)
        drains = [((i + 0.5) * fl / b.drains, fw / 2) for i in range(b.drains)]
        floor = floor.cut(cq.Workplane("XY").pushPoints(drains).circle(DRAIN_DIAMETER / 2).extrude(t))
        parts = [
            Part("back", back, "panel", Process.CUT, 1, (0, t, 0, 90, 0, 0),
                 {"details": {"fixing_slots": {"count": b.fixings, "length": b.slot,
                                               "width": b.slot_width}}}),
            Part("front", front, "panel", Process.CUT, 1, (0, W, 0, 90, 0, 0)),
        ]
        for name, x in (("end-left", 0.0), ("end-right", L - t)):
            end = cq.Workplane("XY").rect(fw, H, centered=False).extrude(t)
            parts.append(Part(name, end, "panel", Process.CUT, 1, (x, t, 0, 90, 0, 90)))
        parts.append(Part("floor", floor, "panel", Process.CUT, 1, (t, t, 0, 0, 0, 0),
                          {"details": {"drains": {"count": b.drains, "diameter": DRAIN_DIAMETER}}}))
        return parts

    def expected(self, p: Any) -> dict[str, Expect]:
        b = box(p)
        fl, fw = b.inner
        drain = math.pi * (DRAIN_DIAMETER / 2) ** 2
        end = Expect((fw, b.H, b.t), fw * b.H * b.t)
        return {
            "back": Expect((b.L, b.H, b.t), (b.L * b.H - b.fixings * b.slot_area) * b.t),
            "front": Expect((b.L, b.H, b.t), b.L * b.H * b.t),
            "end-left": end,
            "end-right": end,
            "floor": Expect((fl, fw, b.t), (fl * fw - b.drains * drain) * b.t),
        }
