"""Wall shelf bracket: an L with an optional gusset and screw holes, printed in one piece or cut
from plywood as three plates (wall plate, arm plate, gusset).

Assembly frame: x points out of the wall along the arm, y along the width, z up.
"""

from __future__ import annotations

import math
from typing import Any, Iterator

from workbench.i18n import N_
from workbench.design import Design, Expect, Part, Process, Role
from workbench.choices import EXPOSURE
from workbench.kernel import cq
from workbench.params import Choice, Count, Flag, Force, Length, StockThickness

GUSSET_RATIO = 0.8
"""Gusset leg as a fraction of the shorter free leg (arm or wall leg, less the thickness)."""

SERVICE_CLASS = 1
"""EN 1995-1-1 §2.3.1.3: a bracket indoors on a heated wall."""
LOAD_DURATION = "long-term"
"""EN 1995-1-1 Table 2.2: a loaded shelf is storage, a long-term action (6 months – 10 years)."""
GAMMA_Q = 1.5
"""EN 1990:2002 Table A1.2(B): partial factor on a variable (imposed) action, unfavourable."""
BORE_RATIO = 2.0
"""Access bore through the printed gusset, as a multiple of the hole diameter: a countersunk wood
screw's head is about twice its diameter (DIN 7997: d 4 → head 8 mm, d 5 → 10 mm), and the hole
is larger than the screw."""
STUD_MATERIAL = "c16"
"""A wall stud is taken as C16 (EN 338 ρ_k 310 kg/m³, in materials/): the lowest common grade."""

WALLS = {
    "masonry": "Plugs in masonry (brick, block, concrete)",
    "stud": "Screws into a timber stud",
    "plasterboard": "Cavity fixings in plasterboard",
}


def _printed(d: Any) -> bool:
    return d.make == "printed"


def _plywood(d: Any) -> bool:
    return d.make == "plywood"


class ShelfBracket(Design):
    id = "bracket"
    title = "Wall shelf bracket"
    summary = (
        "An L-shaped bracket that holds a shelf on a wall: printed in one piece, or cut from plywood "
        "as a wall plate, an arm plate and a gusset."
    )
    version = "1.0.0"
    license = "CERN-OHL-S-2.0"
    authors = ("Cosmo-local workbench contributors",)
    free_parameters = ("width", "thickness")
    roles = {
        "printed": Role("Printed bracket", "pla", Process.PRINT, "Filament for the one-piece bracket"),
        "plate": Role("Plywood plates", "plywood-birch", Process.CUT, "Sheet for the three plates"),
    }
    part_names = {
        "bracket": "bracket",
        "wall-plate": "wall plate",
        "arm-plate": "arm plate",
        "gusset": "gusset",
    }

    make = Choice(
        "Made by", "printed", options={"printed": "3D printed, one piece", "plywood": "Cut from plywood"},
        help="Print the bracket in one piece, or cut three plates from plywood and glue/screw them.",
        group="Make",
    )
    arm = Length(
        "Arm length", 150, min=60, max=400, soft=(80, 300), step=5, group="Size",
        help="How far the shelf reaches out from the wall (the bracket's horizontal leg).",
    )
    height = Length(
        "Wall leg height", 150, min=60, max=400, soft=(80, 300), step=5, group="Size",
        help="Length of the leg screwed to the wall.",
    )
    width = Length(
        "Width", 40, min=15, max=150, soft=(20, 100), step=1, group="Size",
        help="Width of both legs, across the bracket.",
    )
    thickness = Length(
        "Wall thickness", 8, min=2, max=20, soft=(3, 12), step=0.5, group="Size",
        help="Thickness of the printed legs. Several nozzle widths thick for strength.",
        visible_if=_printed,
    )
    sheet = StockThickness(
        "Plywood thickness", 18, min=3, max=40, soft=(6, 25), step=0.5, role="plate", group="Size",
        help="Nominal plywood thickness; the local stock catalog gives the actual one.",
        visible_if=_plywood,
    )
    gusset = Flag(
        "Gusset", True, group="Shape", help="A triangular web under the arm; makes it much stiffer."
    )
    holes = Count(
        "Screw holes per leg", 2, min=0, max=4, group="Shape",
        help="Holes in each leg for wall screws and shelf screws.",
    )
    hole_diameter = Length(
        "Hole diameter", 5, min=3, max=10, step=0.5, group="Shape",
        help="Clearance hole for the screws (5 mm suits 4.5 mm wood screws).",
        enabled_if=lambda d: d.holes > 0,
    )
    load = Force(
        "Load at arm tip", 100, min=0, max=2000, soft=(0, 800), step=10, group="Load",
        help="The part of the shelf's weight this bracket carries, taken at the arm's tip "
        "(10 kg is about 100 N).",
    )
    exposure = Choice(
        "Where it hangs", "shade",
        options=EXPOSURE,
        group="Load",
        help="Sun heats a part above the air temperature (EN 1991-1-5 Table 5.2); printed "
        "plastics soften.",
    )
    wall = Choice(
        "Wall", "masonry", options=WALLS, group="Wall fixing",
        help="What the bracket is fixed to. Screws into a timber stud are checked by EN 1995-1-1 "
        "(6–12 mm screws); plugs and cavity fixings by the load their maker rates them for.",
    )
    fixing_load = Force(
        "Rated load per fixing", 0, min=0, max=5000, soft=(0, 1500), step=10, group="Wall fixing",
        help="The recommended load of one fixing in your wall, from its maker's data sheet or "
        "packet (0 = not known: the wall fixing stays unverified). Overrides the stud calculation.",
    )
    screw = Length(
        "Wall screw diameter", 4.5, min=2.5, max=12, step=0.5, group="Wall fixing",
        help="Outer thread diameter of the wall screws; smaller than the hole.",
        enabled_if=lambda d: d.holes > 0,
    )
    embedment = Length(
        "Screw depth in the wall", 50, min=10, max=150, step=5, group="Wall fixing",
        help="How deep the screw's thread goes into the stud (or the plug into the wall).",
        enabled_if=lambda d: d.holes > 0,
    )

    # -- rules ----------------------------------------------------------------------------------
    def rules(self, v: Any) -> Iterator[str]:
        t = self._t_q(v)
        if v.holes and v.hole_diameter > v.width / 2:
            yield (
                f"hole diameter {v.hole_diameter:~P} must be at most half the width "
                f"({(v.width / 2).to('mm'):~.1fP})"
            )
        if 4 * t > min(v.arm, v.height):
            yield (
                f"thickness {t.to('mm'):~.1fP} is too thick for the legs: it must be at most a quarter "
                f"of the shorter leg ({(min(v.arm, v.height) / 4).to('mm'):~.1fP})"
            )
            return
        if v.holes and v.screw >= v.hole_diameter:
            yield (f"wall screw {v.screw:~P} must be smaller than the hole ({v.hole_diameter:~P})")
        if v.holes:
            need = 2.5 * v.hole_diameter * v.holes
            if v.make == "printed":  # wall holes over the whole leg, bored through the gusset
                top = (v.height - t) * (1 - 0.5 / v.holes) + BORE_RATIO * v.hole_diameter / 2
                if top > v.height - t:
                    yield (f"the top wall hole's {BORE_RATIO * v.hole_diameter:~P} access bore "
                           f"runs into the arm: fewer or smaller holes, or a taller wall leg")
            beside = v.width >= t + 2 * BORE_RATIO * v.hole_diameter  # plywood: beside the gusset
            wall_free = (v.height - t) if v.make == "printed" or beside else self._free(v, "wall")
            for leg, free in (("wall leg", wall_free), ("arm", self._free(v, "arm"))):
                if free < need:
                    yield (
                        f"{v.holes} holes of {v.hole_diameter:~P} need {need.to('mm'):~.0fP} of free {leg} "
                        f"beside the gusset; it has {free.to('mm'):~.0fP} (fewer or smaller holes, "
                        f"or a longer leg)"
                    )

    @staticmethod
    def _t_q(v: Any) -> Any:
        return v.thickness if v.make == "printed" else v.sheet

    def _gusset_q(self, v: Any) -> Any:
        t = self._t_q(v)
        return GUSSET_RATIO * (min(v.arm, v.height) - t) if v.gusset else 0 * t

    def _free(self, v: Any, leg: str) -> Any:
        t = self._t_q(v)
        g = self._gusset_q(v)
        return (v.height - t - g) if leg == "wall" else (v.arm - t - g)

    # -- checks ---------------------------------------------------------------------------------
    def checks(self, r: Any, ctx: Any, geometry: Any) -> list[Any]:
        from workbench.checks import fabrication, plastics, timber
        from workbench.checks.beams import (
            DeflectionLimit, Loading, Support, bending_stress_check, deflection_check,
        )
        from workbench.checks.result import CheckResult
        from workbench.checks.sections import rectangle
        from workbench.units import Q_

        printed = r.make == "printed"
        mat = r.materials["printed" if printed else "plate"]
        t = self._t_q(r)
        span = self._free(r, "arm")
        section = rectangle(r.width, t)
        out: list[Any] = []
        modulus = mat.E if mat.E is not None else mat.flexural_modulus
        if printed:
            strength = mat.tensile_strength or mat.yield_strength
            design_strength = plastics.printed_design_strength(strength)
            basis = f"datasheet strength / {plastics.PRINTED_STRENGTH_FACTOR:g} (workbench margin for prints)"
        else:
            strength = mat.bending_strength
            factors = dict(service_class=SERVICE_CLASS, duration=LOAD_DURATION)
            design_strength = (
                timber.design_strength(strength, timber.TimberProduct.PLYWOOD, **factors)
                if strength is not None else None
            )
            basis = (f"{timber.basis(timber.TimberProduct.PLYWOOD, **factors)}; load × γ_Q "
                     f"{GAMMA_Q:g} (EN 1990 Table A1.2(B))")
        # A print has no code load factor: its margin is in PRINTED_STRENGTH_FACTOR.
        demand = r.load if printed else GAMMA_Q * r.load
        common = dict(support=Support.CANTILEVER, loading=Loading.POINT)
        if design_strength is None:
            out.append(CheckResult.missing(N_("arm bending"), N_("strength for {material}"),
                                           material=mat.name))
        else:
            res = bending_stress_check(span, demand, section, design_strength,
                                       name=N_("arm bending"), **common)
            out.append(res.with_reference(f"{res.reference}; design strength {basis}"))
        if modulus is None:
            out.append(CheckResult.missing(N_("arm deflection"), N_("modulus for {material}"),
                                           material=mat.name, load_bearing=False))
        else:
            out.append(deflection_check(span, r.load, modulus, section, name=N_("arm deflection"),
                                        limit=DeflectionLimit.L180, **common))
        if printed:  # a shelf's load is sustained: the print creeps (pseudo-elastic method)
            creep = mat.creep_modulus
            if creep is None:
                out.append(CheckResult.missing(
                    N_("arm creep"), N_("long-term (creep) modulus for {material}"),
                    material=mat.name, load_bearing=False))
            else:
                out.append(plastics.creep_deflection_check(
                    span, r.load, creep, section, modulus=modulus, limit=DeflectionLimit.L180,
                    name=N_("arm creep"), **common))
        out.append(self._wall_fixing(r))
        shop = ctx.workshop_profile
        if printed:
            clim = ctx.climate_profile
            out.append(plastics.heat_softening_check(
                clim.t_max, mat.hdt, mat.tg, printed=True,
                exposure=plastics.Exposure.from_choice(r.exposure), material=mat.name,
                climate=clim.id))
            if r.exposure != "shade":
                from workbench.checks.durability import uv_warning

                out.append(uv_warning(mat.name))
            if shop.nozzle is not None:
                out.append(fabrication.min_wall_check(t, shop.nozzle))
            if shop.bed is not None:
                # Printed on its side: the L profile lies on the bed, the width is the height.
                out.append(fabrication.bed_fit_check(r.arm, r.height, r.width, *shop.bed))
        else:
            sheet = shop.sheet or _stock_sheet(r)
            if sheet is not None:
                g = self._gusset_q(r)
                for name, a, b in (("wall plate", r.width, r.height), ("arm plate", r.width, r.arm - t),
                                   ("gusset", g, g)):
                    if b.magnitude > 0 and a.magnitude > 0:
                        out.append(fabrication.sheet_fit_check(a, b, *sheet, name=f"{name} fits sheet"))
        return out

    def _wall_fixing(self, r: Any) -> Any:
        """The most loaded wall fixing: the load at the arm's tip turns the bracket about the foot
        of its wall leg, each fixing takes its share of that moment in tension in proportion to its
        height above the foot, and the load's share down the wall in shear."""
        from workbench.checks._common import _amount, _around, _worded, _words
        from workbench.checks import connections, timber
        from workbench.checks.result import CheckResult
        from workbench.context.materials import material
        from workbench.units import Q_

        name = "wall fixing"
        if not r.holes:
            return CheckResult.cannot_run(
                name, "wall holes", "The bracket has no screw holes, so nothing holds it to the "
                "wall; add holes and fixings.", "issue 13: wall fixing", load_bearing=True)
        heights = [Q_(y, "mm") for y in self.wall_hole_heights(r.kernel())]
        load = r.load.to("N")
        if load.magnitude <= 0:
            return CheckResult.compare(name, Q_(0, "N"), Q_(1, "N"), message=N_("No load."),
                                       reference="no load", load_bearing=True)
        tension = max(connections.row_tensions(load * r.arm, heights))
        shear = load / r.holes
        shown = ", ".join(f"{h.m_as('mm'):.0f}" for h in heights)
        where = {"where": N_("{holes} fixing(s) at {heights} mm above the foot of the wall leg, "
                             "{wall_load} at {arm}"),
                 "holes": r.holes, "heights": shown,
                 "wall_load": _amount(r.load.m_as("N"), "N", 0),
                 "arm": _amount(r.arm.m_as("mm"), "mm", 0)}
        if r.fixing_load.magnitude > 0:
            res = connections.fixing_check(
                tension, shear, r.fixing_load, basis="the maker's recommended load you entered",
                reference="capacity: the fixing maker's recommended load, entered by the user",
                name=name)
            return _around(res, N_("{holes} fixing(s) at {heights} mm above the foot of the wall "
                                   "leg, {wall_load} at {arm}: {check}"),
                           **{k: v for k, v in where.items() if k != "where"})
        d = r.screw.to("mm")
        if r.wall == "stud" and 6 <= d.magnitude <= 12:
            stud = material(STUD_MATERIAL)
            factors = dict(service_class=1, duration=timber.LoadDuration.LONG_TERM)
            res = connections.screw_withdrawal_check(
                GAMMA_Q * tension, d, r.embedment, stud.density_k,
                k_mod=timber.k_mod(**factors), gamma_m=timber.TimberProduct.CONNECTION.gamma_m,
                name=name)
            return _around(res, N_("{where}; stud {stud}, load × γ_Q {gamma_q}: {check} The "
                                   "shear ({shear_each} per screw) is not checked."),
                           stud=stud.name, gamma_q=_amount(GAMMA_Q),
                           shear_each=_amount(shear.m_as("N"), "N", 0), **where)
        if r.wall == "stud":
            lacks = (f"the recommended load of a {d:~P} screw in a stud (EN 1995-1-1 §8.7.2 covers "
                     "6–12 mm screws): set 'Rated load per fixing' from its maker's data")
        else:
            lacks = (f"the recommended load of your fixing ({WALLS[r.wall].lower()}): set "
                     "'Rated load per fixing' from its maker's data sheet or packet")
        if r.wall == "stud":
            named = {"lacks": N_("the recommended load of a {screw} screw in a stud (EN 1995-1-1 "
                                 "§8.7.2 covers 6–12 mm screws): set 'Rated load per fixing' "
                                 "from its maker's data"), "screw": d}
        else:
            named = {"lacks": N_("the recommended load of your fixing ({wall}): set 'Rated load "
                                 "per fixing' from its maker's data sheet or packet"),
                     "wall": WALLS[r.wall].lower()}
        words = _words(
            N_("{where}: the top fixing is pulled out with {pull} and loaded {down} down the "
               "wall; the wall fixing cannot be checked without {lacks}."),
            pull=_amount(tension.m_as("N"), "N", 0), down=_amount(shear.m_as("N"), "N", 0),
            **where, **named)
        return _worded(CheckResult.cannot_run(
            name, lacks, "", "fixings in a row, bracket turning about its foot",
            value=tension.to("N")), words)

    # -- geometry -------------------------------------------------------------------------------
    @staticmethod
    def _dims(p: Any) -> tuple[float, float, float, float, float]:
        t = p.thickness if p.make == "printed" else p.sheet
        g = GUSSET_RATIO * (min(p.arm, p.height) - t) if p.gusset else 0.0
        return p.arm, p.height, p.width, t, g

    @staticmethod
    def _spots(start: float, length: float, n: int) -> list[float]:
        return [start + length * (i + 0.5) / n for i in range(n)]

    @classmethod
    def wall_holes(cls, p: Any) -> list[tuple[float, float]]:
        """(across, up) of each wall hole in mm: across the width, and up from the wall leg's
        foot, the toe the bracket turns about when loaded.

        The holes spread over the whole leg below the arm, so the top fixing sits far from the
        toe and carries a small share of the moment. Printed: the upper ones are reached through
        access bores in the gusset. Plywood: they sit beside the gusset plate, alternating sides,
        when the plate is wide enough for a screw head there (W ≥ t + 2·BORE_RATIO·hole), else
        below the gusset, close to the toe.
        """
        if not p.holes:
            return []
        A, H, W, t, g = cls._dims(p)
        d = p.hole_diameter
        if p.make == "printed" or not g:
            return [(W / 2, y) for y in cls._spots(0, H - t - (0 if p.make == "printed" else g),
                                                   p.holes)]
        if W >= t + 2 * BORE_RATIO * d:
            offset = t / 2 + BORE_RATIO * d / 2
            return [(W / 2 + (offset if i % 2 else -offset), y)
                    for i, y in enumerate(cls._spots(0, H - t, p.holes))]
        return [(W / 2, y) for y in cls._spots(0, H - t - g, p.holes)]

    @classmethod
    def wall_hole_heights(cls, p: Any) -> list[float]:
        """Heights (mm) of the wall holes above the wall leg's foot (see `wall_holes`)."""
        return [y for _, y in cls.wall_holes(p)]

    def build(self, p: Any, ctx: Any) -> list[Part]:
        return self._build_printed(p) if p.make == "printed" else self._build_plywood(p)

    def _build_printed(self, p: Any) -> list[Part]:
        A, H, W, t, g = self._dims(p)
        # Profile in XY (x out along the arm, y up), extruded along z by the width: printed on its
        # side so layer lines follow the L and the corner does not split between layers.
        pts = [(0, 0), (t, 0), (t, H - t - g)]
        pts += [(t + g, H - t)] if g else []
        pts += [(A, H - t), (A, H), (0, H)]
        body = cq.Workplane("XY").polyline(pts).close().extrude(W)
        if p.holes:
            r = p.hole_diameter / 2
            bore = BORE_RATIO * r
            holes, bores = [], []
            for y in self.wall_hole_heights(p):
                holes.append(cq.Workplane("YZ").center(y, W / 2).circle(r).extrude(t).val())
                if g and y + bore > H - t - g:  # reach the screw head through the gusset
                    bores.append(cq.Workplane("YZ", origin=(t, 0, 0)).center(y, W / 2)
                                 .circle(bore).extrude(g).val())
            for x in self._spots(t + g, A - t - g, p.holes):
                holes.append(
                    cq.Workplane("XZ", origin=(0, H, 0)).center(x, W / 2).circle(r).extrude(t).val()
                )
            # one boolean per set of tools instead of one per hole (the build runs on every
            # typed change); the bores touch their holes, so they are cut apart: the same solid
            # (volume, area, vertices) as cutting one by one
            body = body.cut(cq.Compound.makeCompound(holes))
            if bores:
                body = body.cut(cq.Compound.makeCompound(bores))
        return [Part("bracket", body, "printed", Process.PRINT, 1, (0, W, 0, 90, 0, 0))]

    def _build_plywood(self, p: Any) -> list[Part]:
        A, H, W, t, g = self._dims(p)
        r = p.hole_diameter / 2
        wall = cq.Workplane("XY").rect(W, H, centered=False).extrude(t)
        arm = cq.Workplane("XY").rect(W, A - t, centered=False).extrude(t)
        if p.holes:  # each plate's holes in one boolean, as for the printed body
            wall = wall.cut(cq.Compound.makeCompound([
                cq.Workplane("XY").center(z, y).circle(r).extrude(t).val()
                for z, y in self.wall_holes(p)]))
            arm = arm.cut(cq.Compound.makeCompound([
                cq.Workplane("XY").center(W / 2, y).circle(r).extrude(t).val()
                for y in self._spots(g, A - t - g, p.holes)]))
        parts = [
            Part("wall-plate", wall, "plate", Process.CUT, 1, (0, 0, 0, 90, 0, 90)),
            Part("arm-plate", arm, "plate", Process.CUT, 1, (t, W, H - t, 0, 0, -90)),
        ]
        if g:
            tri = cq.Workplane("XY").polyline([(0, 0), (g, 0), (0, g)]).close().extrude(t)
            parts.append(
                Part("gusset", tri, "plate", Process.CUT, 1, (t, W / 2 - t / 2, H - t, -90, 0, 0))
            )
        return parts

    def expected(self, p: Any) -> dict[str, Expect]:
        A, H, W, t, g = self._dims(p)
        hole = math.pi * (p.hole_diameter / 2) ** 2 * t * p.holes
        if p.make == "printed":
            area = t * H + (A - t) * t + g * g / 2
            bores = sum(_bore_in_gusset(y, BORE_RATIO * p.hole_diameter / 2, H - t - g)
                        for y in self.wall_hole_heights(p)) if g else 0.0
            return {"bracket": Expect((A, H, W), area * W - 2 * hole - bores)}
        out = {
            "wall-plate": Expect((W, H, t), W * H * t - hole),
            "arm-plate": Expect((W, A - t, t), W * (A - t) * t - hole),
        }
        if g:
            out["gusset"] = Expect((g, g, t), g * g / 2 * t)
        return out


def _bore_in_gusset(y: float, radius: float, base: float) -> float:
    """Volume (mm³) an access bore of `radius` at height `y` removes from the gusset, whose depth
    along the bore is (height − base) above `base`: ∫ (y − base) over the bore's disk above base
    (linear in y: the disk's area times its centroid's height, for the part above the chord)."""
    a = base - y  # the chord's offset from the disk's centre
    if a >= radius:
        return 0.0
    if a <= -radius:
        return math.pi * radius**2 * (y - base)
    segment = radius**2 * math.acos(a / radius) - a * math.sqrt(radius**2 - a**2)
    return 2.0 / 3.0 * (radius**2 - a**2) ** 1.5 - a * segment


def _stock_sheet(r: Any) -> Any:
    """The largest sheet size the catalog sells in the chosen thickness, or None."""
    item = r.stock.get("sheet")
    if item is None or not item.sizes:
        return None
    return max(item.sizes, key=lambda s: (s[0] * s[1]).to("mm**2").magnitude)
