"""Wall shelf bracket: an L with an optional gusset and screw holes, printed in one piece or cut
from plywood as three plates (wall plate, arm plate, gusset).

Assembly frame: x points out of the wall along the arm, y along the width, z up.
"""

from __future__ import annotations

import math
from typing import Any, Iterator

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
        if v.holes:
            need = 2.5 * v.hole_diameter * v.holes
            for leg, free in (("wall leg", self._free(v, "wall")), ("arm", self._free(v, "arm"))):
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
            out.append(CheckResult.missing("arm bending", f"a strength for {mat.name}"))
        else:
            res = bending_stress_check(span, demand, section, design_strength, name="arm bending",
                                       **common)
            out.append(res.with_reference(f"{res.reference}; design strength {basis}"))
        if modulus is None:
            out.append(CheckResult.missing("arm deflection", f"a modulus for {mat.name}",
                                            load_bearing=False))
        else:
            out.append(deflection_check(span, r.load, modulus, section, name="arm deflection",
                                        limit=DeflectionLimit.L180, **common))
        shop = ctx.workshop_profile
        if printed:
            clim = ctx.climate_profile
            out.append(plastics.heat_softening_check(
                clim.t_max, mat.hdt, mat.tg, printed=True,
                exposure=plastics.Exposure.from_choice(r.exposure), material=mat.name,
                climate=clim.id))
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

    # -- geometry -------------------------------------------------------------------------------
    @staticmethod
    def _dims(p: Any) -> tuple[float, float, float, float, float]:
        t = p.thickness if p.make == "printed" else p.sheet
        g = GUSSET_RATIO * (min(p.arm, p.height) - t) if p.gusset else 0.0
        return p.arm, p.height, p.width, t, g

    @staticmethod
    def _spots(start: float, length: float, n: int) -> list[float]:
        return [start + length * (i + 0.5) / n for i in range(n)]

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
            for y in self._spots(0, H - t - g, p.holes):
                body = body.cut(cq.Workplane("YZ").center(y, W / 2).circle(r).extrude(t))
            for x in self._spots(t + g, A - t - g, p.holes):
                body = body.cut(
                    cq.Workplane("XZ", origin=(0, H, 0)).center(x, W / 2).circle(r).extrude(t)
                )
        return [Part("bracket", body, "printed", Process.PRINT, 1, (0, W, 0, 90, 0, 0))]

    def _build_plywood(self, p: Any) -> list[Part]:
        A, H, W, t, g = self._dims(p)
        r = p.hole_diameter / 2
        wall = cq.Workplane("XY").rect(W, H, centered=False).extrude(t)
        arm = cq.Workplane("XY").rect(W, A - t, centered=False).extrude(t)
        if p.holes:
            for y in self._spots(0, H - t - g, p.holes):
                wall = wall.cut(cq.Workplane("XY").center(W / 2, y).circle(r).extrude(t))
            for y in self._spots(g, A - t - g, p.holes):
                arm = arm.cut(cq.Workplane("XY").center(W / 2, y).circle(r).extrude(t))
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
            return {"bracket": Expect((A, H, W), area * W - 2 * hole)}
        out = {
            "wall-plate": Expect((W, H, t), W * H * t - hole),
            "arm-plate": Expect((W, A - t, t), W * (A - t) * t - hole),
        }
        if g:
            out["gusset"] = Expect((g, g, t), g * g / 2 * t)
        return out


def _stock_sheet(r: Any) -> Any:
    """The largest sheet size the catalog sells in the chosen thickness, or None."""
    item = r.stock.get("sheet")
    if item is None or not item.sizes:
        return None
    return max(item.sizes, key=lambda s: (s[0] * s[1]).to("mm**2").magnitude)
