"""Slot-together plywood shelf unit: two sides and a stack of shelves joined by cross-halving slots,
cut on a CNC router or laser in the WikiHouse / open-furniture tradition. No glue, no screws.

Each shelf crosses each side in an egg-crate joint: the side has a slot from its back edge to half
the depth, the shelf a slot from its front edge to half the depth; the shelves slide in from the
back.
Every slot is as wide as the ACTUAL thickness of the mating sheet plus the workshop's fit clearance
(`Workshop.fit_clearance`); kerf compensation and dog-bones are added by the DXF exporter, never
here.

Assembly frame: x along the width (left end of the shelves at x = 0), y front to back (front at
y = 0), z up from the floor. Part frames: a side lies with x front → back and y floor → top; a shelf
with x left → right and y front → back; both on z = 0 with their thickness along +z.
"""

from __future__ import annotations

import math
from typing import Any, Iterator

from workbench.i18n import N_
from workbench.design import Design, Expect, Part, Process, Role
from workbench.kernel import cq
from workbench.params import Count, Flag, Force, Length, Mass, StockThickness

HANDLE_LENGTH = 115.0
HANDLE_HEIGHT = 38.0
"""Hand hole 115 × 38 mm, semi-oval: the "optimal hand-hold cut-out" of the revised NIOSH lifting
equation (Waters et al., Applications Manual for the Revised NIOSH Lifting Equation, 1994, coupling
notes: 4.5 in (11.5 cm) long, 1.5 in (3.8 cm) high, semi-oval)."""
HANDLE_WEB = 25.0
"""Plywood left between the hand hole and the top shelf's slot, mm (design choice)."""
ANCHOR_DIAMETER = 5.0
"""Wall-anchor hole, mm: clearance for the 4–4.5 mm screw of an anti-tip strap (design choice)."""
ANCHOR_INSET = 30.0
"""Anchor hole centre from the back edge and below the top shelf's slot, mm (design choice)."""
FOOT_FRACTION = 0.25
"""Each foot is this fraction of the depth; the notch between the feet is half the bottom shelf
height."""
MIN_GAP = 60.0
"""Least clear height between shelves, mm: less holds nothing useful (design choice)."""
MIN_SPAN = 100.0
"""Least clear width between the sides, mm (design choice)."""

SERVICE_CLASS = 1
"""EN 1995-1-1 §2.3.1.3: furniture indoors."""
LOAD_DURATION = "long-term"
"""EN 1995-1-1 Table 2.2 names storage as long-term."""
EN1990_GAMMA_G = 1.35
EN1990_GAMMA_Q = 1.5
"""EN 1990:2002 Table A1.2(B): partial factors for permanent (self weight) and variable loads."""


def _mm(q: Any) -> float:
    return float(q.to("mm").magnitude)


class PlywoodShelf(Design):
    id = "plywood-shelf"
    title = "Slot-together plywood shelf"
    summary = (
        "A shelf unit of two sides and 2–10 shelves that slot together without glue or screws, cut "
        "from one kind of plywood on a CNC router or laser; the slots follow the sheet's actual "
        "thickness and the workshop's fit."
    )
    version = "1.0.0"
    license = "CERN-OHL-S-2.0"
    authors = ("Cosmo-local workbench contributors",)
    roles = {
        "panel": Role("Plywood panels", "plywood-birch", Process.CUT,
                      "Sheet for the sides and the shelves (one thickness for all)"),
    }
    part_names = {
        "side-left": "left side",
        "side-right": "right side",
        "shelf-{n}": "shelf {n}",
    }

    sheet = StockThickness(
        "Plywood thickness", 18, min=3, max=40, soft=(9, 25), step=0.5, role="panel", group="Stock",
        help="Nominal thickness of the plywood you buy; the stock catalog gives the actual one, "
        "and every slot follows it.",
    )
    width = Length(
        "Width", 800, min=300, max=2000, soft=(400, 1600), step=10, group="Size",
        help="Overall width: the shelves' length, overhangs included.",
    )
    height = Length(
        "Height", 1200, min=300, max=2400, soft=(400, 2000), step=10, group="Size",
        help="Height of the sides, floor to top.",
    )
    depth = Length(
        "Depth", 300, min=200, max=600, soft=(200, 450), step=5, group="Size",
        help="Front to back, sides and shelves alike.",
    )
    shelves = Count(
        "Shelves", 4, min=2, max=10, group="Size",
        help="Number of shelves, spaced evenly from the bottom one to the top one.",
    )
    base = Length(
        "Bottom shelf height", 80, min=20, max=400, soft=(40, 250), step=5, group="Size",
        help="Height of the lowest shelf's underside above the floor.",
    )
    overhang = Length(
        "Overhang", 40, min=15, max=150, soft=(20, 100), step=5, group="Joints",
        help="How far the shelves run past the sides, and the sides above the top shelf: the wood "
        "beyond each slot that keeps it from breaking out.",
    )
    feet = Flag(
        "Feet", True, group="Shape",
        help="A notch in the bottom of each side between a front and a back foot, so the unit "
        "stands on four feet on an uneven floor.",
    )
    handles = Flag(
        "Hand holes", True, group="Shape",
        help="A 115 × 38 mm hand hole in each side under the top shelf, to carry the unit.",
    )
    anchors = Flag(
        "Wall-anchor holes", True, group="Shape",
        help="A 5 mm hole near the top back of each side for an anti-tip strap to the wall.",
    )
    load = Mass(
        "Load per shelf", 20, min=0, max=100, soft=(0, 60), step=1, group="Load",
        help="What each shelf carries, spread evenly along it.",
    )

    push = Force(
        "Sideways push", 50, min=0, max=1000, soft=(0, 400), step=10, group="Load",
        help="A sideways push or pull at the top (someone leaning on it, pulling it to climb, "
        "bumping it). Default 50 N: the outward force a free-standing storage unit taller than "
        "1000 mm must resist, unloaded, in EN 14749:2016 Table 3 test 5.6.2 (EN 16122:2012 "
        "§11.2.2). 0 = not set: tipping stays unverified.",
    )

    # -- rules ----------------------------------------------------------------------------------
    def rules(self, v: Any) -> Iterator[str]:
        t, o = _mm(v.sheet), _mm(v.overhang)
        if o < t:
            yield (f"overhang {o:g} mm must be at least the sheet thickness ({t:g} mm), or the "
                   "wood beyond the slots breaks out")
        span = _mm(v.width) - 2 * o - 2 * t
        if span < MIN_SPAN:
            yield (f"width {_mm(v.width):g} mm leaves {span:.0f} mm between the sides; at least "
                   f"{MIN_SPAN:g} mm is needed (a wider unit or a smaller overhang)")
        gap = self._pitch(v) - t
        need = max(MIN_GAP, HANDLE_HEIGHT + 2 * HANDLE_WEB + 2) if v.handles else MIN_GAP
        if gap < need:
            yield (f"{v.shelves} shelves leave {gap:.0f} mm between them; at least {need:g} mm "
                   f"is needed{' with hand holes' if v.handles and need > MIN_GAP else ''} "
                   "(fewer shelves, a taller unit or a lower bottom shelf)")
        if v.feet and _mm(v.base) < 2 * t:
            yield (f"feet need the bottom shelf at least twice the thickness ({2 * t:g} mm) above "
                   f"the floor; it is {_mm(v.base):g} mm")

    @staticmethod
    def _pitch(v: Any) -> float:
        """Distance between shelves (mm), from values given as quantities or plain mm."""
        h, o, t, b = (_mm(x) if hasattr(x, "to") else float(x)
                      for x in (v.height, v.overhang, v.sheet, v.base))
        return (h - o - t - b) / (v.shelves - 1)

    # -- layout (kernel numbers, mm) -------------------------------------------------------------
    @staticmethod
    def _levels(p: Any) -> list[float]:
        """Height of each shelf's underside, bottom first (mm)."""
        top = p.height - p.overhang - p.sheet
        pitch = (top - p.base) / (p.shelves - 1)
        return [p.base + i * pitch for i in range(p.shelves)]

    @staticmethod
    def _clearance(ctx: Any) -> float:
        fit = ctx.workshop_profile.fit_clearance
        return _mm(fit) if fit is not None else 0.0

    @classmethod
    def _slot_sheet(cls, p: Any, ctx: Any) -> float:
        """The sheet thickness a slot is cut for (mm): the catalog's thickest sheet of this
        nominal (its `thickness_max`), so every sheet of the batch goes in; the actual thickness
        when the catalog gives no tolerance."""
        mat = dict(ctx.materials).get("panel", cls.roles["panel"].default)
        for item in ctx.stock_catalog.sheets(mat):
            if abs(_mm(item.actual) - p.sheet) < 1e-6:
                t_max = item.dims.get("thickness_max")
                return max(_mm(t_max), p.sheet) if t_max is not None else p.sheet
        return p.sheet

    # -- geometry -------------------------------------------------------------------------------
    def build(self, p: Any, ctx: Any) -> list[Part]:
        c = self._clearance(ctx)
        t, W, H, D, o = p.sheet, p.width, p.height, p.depth, p.overhang
        s = self._slot_sheet(p, ctx) + c  # slot: the thickest sheet the catalog allows + fit
        levels = self._levels(p)

        # every opening of a side as one compound, cut in one boolean operation
        openings = [_box(D / 2, z - c / 2, D / 2 + 1.0, s, t) for z in levels]
        if p.feet:
            foot = FOOT_FRACTION * D
            openings.append(_box(foot, -1.0, D - 2 * foot, p.base / 2 + 1.0, t))
        top_slot = levels[-1] - c / 2
        if p.handles:
            openings.append(cq.Workplane("XY")
                            .center(D / 2, top_slot - HANDLE_WEB - HANDLE_HEIGHT / 2)
                            .slot2D(HANDLE_LENGTH, HANDLE_HEIGHT).extrude(t).val())
        if p.anchors:
            openings.append(cq.Workplane("XY").center(D - ANCHOR_INSET, top_slot - ANCHOR_INSET)
                            .circle(ANCHOR_DIAMETER / 2).extrude(t).val())
        side = _box(0, 0, D, H, t).cut(cq.Compound.makeCompound(openings))
        side_slots = [{"width": s, "depth": D / 2, "x": D, "y": z + t / 2, "angle": 180.0}
                      for z in levels]

        shelf = _box(0, 0, W, D, t).cut(cq.Compound.makeCompound(
            [_box(x - s / 2, -1.0, s, D / 2 + 1.0, t) for x in (o + t / 2, W - o - t / 2)]))
        shelf_slots = [{"width": s, "depth": D / 2, "x": x, "y": 0.0, "angle": 90.0}
                       for x in (o + t / 2, W - o - t / 2)]

        parts = [
            Part("side-left", side, "panel", Process.CUT, 1, (o, 0, 0, 90, 0, 90),
                 {"grain": "y", "slots": side_slots}),
            Part("side-right", side, "panel", Process.CUT, 1, (W - o - t, 0, 0, 90, 0, 90),
                 {"grain": "y", "slots": side_slots}),
        ]
        for i, z in enumerate(levels, start=1):
            parts.append(Part(f"shelf-{i}", shelf, "panel", Process.CUT, 1, (0, 0, z, 0, 0, 0),
                              {"grain": "x", "slots": shelf_slots}))
        return parts

    def expected(self, p: Any) -> dict[str, Expect]:
        """Sizes and volumes at `p`, with the fit clearance and the stock catalog's thickest sheet
        of `p.context` (the default context without one) unless `p` carries ``fit_clearance`` and
        ``slot_sheet`` (mm)."""
        from workbench.context import Context

        ctx = getattr(p, "context", None) or Context()
        c = getattr(p, "fit_clearance", None)
        if c is None:
            c = self._clearance(ctx)
        t, W, H, D = p.sheet, p.width, p.height, p.depth
        s = (getattr(p, "slot_sheet", None) or self._slot_sheet(p, ctx)) + c
        side_area = D * H - p.shelves * (D / 2) * s
        if p.feet:
            side_area -= (D - 2 * FOOT_FRACTION * D) * p.base / 2
        if p.handles:
            side_area -= ((HANDLE_LENGTH - HANDLE_HEIGHT) * HANDLE_HEIGHT
                          + math.pi * (HANDLE_HEIGHT / 2) ** 2)
        if p.anchors:
            side_area -= math.pi * (ANCHOR_DIAMETER / 2) ** 2
        shelf_area = W * D - 2 * (D / 2) * s
        out = {name: Expect((D, H, t), side_area * t) for name in ("side-left", "side-right")}
        for i in range(1, p.shelves + 1):
            out[f"shelf-{i}"] = Expect((W, D, t), shelf_area * t)
        return out

    # -- checks ---------------------------------------------------------------------------------
    @staticmethod
    def _tipping(r: Any, mat: Any) -> Any:
        """The empty unit tipping forward about its front feet under a push at its top
        (`workbench.checks.stability`, EN 1990 EQU)."""
        from workbench.checks import stability
        from workbench.checks.result import CheckResult

        if mat.density is None:
            return CheckResult.missing(
                N_("tip-over"), N_("density for {material} (its weight holds it up)"),
                material=mat.name)
        remedy = (N_("Strap it to the wall through the anchor holes.") if r.anchors else
                  N_("Switch on the wall-anchor holes and strap it to the wall."))
        return stability.tipping_check(_unit_weight(r, mat), r.depth / 2, r.push, r.height,
                                       what=N_("The empty unit"), remedy=remedy,
                                       strapped=bool(r.anchors))

    def checks(self, r: Any, ctx: Any, geometry: Any) -> list[Any]:
        from workbench.checks import cutting, timber
        from workbench.checks.loads import weight
        from workbench.checks.beams import (
            DeflectionLimit,
            Loading,
            Support,
            bending_stress_check,
            deflection_check,
        )
        from workbench.checks.result import CheckResult
        from workbench.checks.sections import rectangle
        from workbench.errors import WorkbenchError
        from workbench.units import Q_

        mat = r.materials["panel"]
        t, W, D, o = r.sheet.to("mm"), r.width.to("mm"), r.depth.to("mm"), r.overhang.to("mm")
        span = W - 2 * o - t  # centre to centre of the sides
        section = rectangle(D, t)
        live = weight(r.load)
        own = weight(t * D * W * mat.density) if mat.density is not None else Q_(0.0, "N")
        common = dict(support=Support.SIMPLY_SUPPORTED, loading=Loading.UNIFORM)
        out: list[Any] = []
        if mat.E is None:
            out.append(CheckResult.missing(N_("shelf deflection"), N_("modulus for {material}"),
                                           material=mat.name, load_bearing=False))
        else:
            res = deflection_check(span, live + own, mat.E, section, limit=DeflectionLimit.SHELF,
                                   name=N_("shelf deflection"), **common)
            out.append(res.with_reference(f"{res.reference}; load: contents + shelf weight"))
        if mat.bending_strength is None:
            out.append(CheckResult.missing(N_("shelf bending"),
                                           N_("bending strength for {material}"),
                                           material=mat.name))
        else:
            factors = dict(service_class=SERVICE_CLASS, duration=LOAD_DURATION)
            f_d = timber.design_strength(mat.bending_strength, timber.TimberProduct.PLYWOOD,
                                         **factors)
            factored = EN1990_GAMMA_Q * live + EN1990_GAMMA_G * own
            res = bending_stress_check(span, factored, section, f_d, name=N_("shelf bending"),
                **common)
            out.append(res.with_reference(
                f"{res.reference}; {timber.basis(timber.TimberProduct.PLYWOOD, **factors)}; "
                "EN 1990 load 1.35 G + 1.5 Q"))
        out.append(self._tipping(r, mat))
        try:
            setup = cutting.cut_setup(ctx.workshop_profile)
        except WorkbenchError:
            return out  # no cutter here: nothing to fit
        slot_sheet = Q_(self._slot_sheet(r.kernel(), ctx), "mm")
        out.append(cutting.slot_tool_check(slot_sheet + setup.fit_clearance, setup))
        out.append(_slot_fit(r, slot_sheet, setup.fit_clearance))
        sheet = _largest_sheet(r)
        for name, along, across in ((N_("side"), r.height, D), (N_("shelf"), W, D)):
            out.append(cutting.grain_fit_check(along, across, setup, sheet,
                                               name=f"{name} fits the sheet"))
        return out


def _slot_fit(r: Any, t: Any, clearance: Any) -> Any:
    """The thickest sheet the catalog's tolerance allows against the slot (actual thickness + the
    workshop's fit clearance): a thicker sheet does not go in. The play with the thinnest sheet is
    said in the message (a loose joint racks)."""
    from workbench.checks._common import _amount, _worded, _words
    from workbench.checks.result import CheckResult
    from workbench.units import Q_

    name = "slot fits the thickest sheet"
    item = r.stock.get("sheet")
    dims = getattr(item, "dims", {}) if item is not None else {}
    t_max, t_min = dims.get("thickness_max"), dims.get("thickness_min")
    if t_max is None:
        if item is None:
            return CheckResult.missing(name, N_("maximum thickness (thickness_max) for the sheet "
                                                "in the stock catalog"), load_bearing=False)
        return CheckResult.missing(name, N_("maximum thickness (thickness_max) for {stock} in the "
                                            "stock catalog"), stock=item.label, load_bearing=False)
    slot = (t + clearance).to("mm")
    named: dict[str, Any] = {}
    loose = ""
    if t_min is not None:
        loose = N_("; the thinnest ({thinnest}) leaves {play} of play")
        named = {"thinnest": _amount(t_min.m_as("mm"), "mm", 1),
                 "play": _amount((slot - t_min).m_as("mm"), "mm", 1)}
    words = _words(
        N_("The slots are {slot} wide (cut for a {sheet} sheet + {fit} fit); the catalog's "
           "thickest sheet is {thickest}{loose}. Measure the sheet you bought: a snug fit may need "
           "a smaller fit clearance."),
        slot=_amount(slot.m_as("mm"), "mm", 2), sheet=_amount(t.m_as("mm"), "mm", 2),
        fit=_amount(clearance.m_as("mm"), "mm", 2), thickest=_amount(t_max.m_as("mm"), "mm", 2),
        loose=loose, **named)
    return _worded(CheckResult.compare(
        name, t_max.to("mm"), slot, message="",
        reference="stock catalog thickness tolerance (thickness_min … thickness_max)"), words)


def _unit_weight(r: Any, mat: Any) -> Any:
    """Weight (N) of the empty unit: two sides and the shelves as full panels (slots ignored)."""
    from workbench.checks.loads import weight

    t, W, H, D = (r.sheet.to("mm"), r.width.to("mm"), r.height.to("mm"), r.depth.to("mm"))
    return weight((2 * D * H + r.shelves * W * D) * t * mat.density)


def _box(x: float, y: float, dx: float, dy: float, t: float) -> Any:
    """A sheet-thick box from (x, y, 0) to (x + dx, y + dy, t), mm."""
    return cq.Solid.makeBox(dx, dy, t, cq.Vector(x, y, 0))


def _largest_sheet(r: Any) -> Any:
    """The largest sheet (length, width) the catalog sells in the chosen thickness, or None."""
    item = r.stock.get("sheet")
    if item is None or not item.sizes:
        return None
    return max(item.sizes, key=lambda s: (s[0] * s[1]).to("mm**2").magnitude)
