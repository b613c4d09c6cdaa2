"""Printed water-pipe adapter: a reducing coupler whose two sockets take pipes of different standards,
e.g. a metric ISO 1452 PVC pipe from a pump and a US Schedule 40 (ASTM D1785) line.

The part stands on the printer bed with its axis vertical (z), the larger socket down: the outside
then narrows going up and the inside closes in over a 45° cone, so nothing overhangs more than 45°.
Both pipe sizes are chosen by outside diameter (nominal or actual) and must be pipes a stock catalog
on file lists; at least one of the two must be sold in the context's own catalog (the local side).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from workbench.i18n import N_
from workbench.design import Design, Expect, Part, Process, Role, Unsold
from workbench.errors import BoundsError
from workbench.choices import EXPOSURE
from workbench.kernel import cq
from workbench.params import Choice, Length, Pressure
from workbench.stockparams import STOCK_MATCH_MM, PipeOD, Replace, known_pipes

if TYPE_CHECKING:
    import pint

    from workbench.checks.result import CheckResult
    from workbench.context import Context, StockItem

PIPE_MATCH_MM = STOCK_MATCH_MM
"""A typed diameter names a pipe within the one stock tolerance (`workbench.stockparams`).
``1 1/4 in`` (31.75 mm) is 0.25 mm from a 32 mm metric pipe but 0 mm from the nominal of 1-1/4 in
Sch 40: the nearest wins, a tie between different ODs is refused."""


SCH40_SOCKET_MIN_IN = {0.5: 0.688, 0.75: 0.719, 1.0: 0.875, 1.25: 0.938, 1.5: 1.094, 2.0: 1.156}
"""Minimum socket length (in) of Schedule 40 IPS socket fittings by nominal size (in): ASTM D2466
(PVC Schedule 40 fittings) Table 1; the same socket lengths are tabulated in ASTM D2468-96 Table 1
(ABS Schedule 40 fittings for IPS pipe), from which these were transcribed."""
_SCH40 = "ASTM D1785 Sch 40"
_SOCKET_REFERENCE = "ASTM D2466 Table 1 minimum socket length (as in ASTM D2468-96 Table 1)"
_HOOP_REFERENCE = (
    "Barlow σ = p·D/(2t) with the outside diameter, an upper bound of the Lamé bore stress "
    "(Roark's Formulas, 8th ed., Tables 13.1 and 13.5); design strength = datasheet / "
    "{factor:g} (workbench margin for prints, workbench.checks.plastics.PRINTED_STRENGTH_FACTOR)"
)
"""Formatted when the check runs: `list` and `show` import no pint, so neither does this module."""
_THRUST_REFERENCE = "Axial equilibrium: end thrust p·πd²/4 over the socket wall area"


# -- pipes on file ------------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _pipes_for(digests: tuple[tuple[str, str], ...]) -> tuple[StockItem, ...]:
    from workbench.context.stock import stock_catalog

    return tuple(item for cid, _ in digests for item in stock_catalog(cid).pipes())


def pipes_on_file() -> tuple[StockItem, ...]:
    """Every water pipe any stock catalog in `materials/stock/` lists (the file order, then size)."""
    from workbench.context.stock import stock_catalogs

    cats = stock_catalogs()
    return _pipes_for(tuple((cid, cat.digest) for cid, cat in cats.items()))


def _mm(q: pint.Quantity) -> float:
    return float(q.to("mm").magnitude)


_known = known_pipes


def match_pipe(value: pint.Quantity, name: str = "pipe") -> StockItem:
    """The pipe on file whose nominal or actual OD is nearest `value` (`PipeOD.item`)."""
    return PipeOD(name or "pipe", 32).item(value)


# -- geometry -----------------------------------------------------------------------------------
def _frustum(d1: float, d2: float, h: float) -> float:
    """Volume (mm³) of a cone frustum of end diameters d1, d2 and height h."""
    return math.pi * h * (d1 * d1 + d1 * d2 + d2 * d2) / 12


@dataclass(frozen=True)
class Profile:
    """The adapter's section in mm, larger socket at the bottom (z = 0), axis along z.

    Sockets: bores `d1` (bottom) and `d2` (top), depths `l1`, `l2`; `bore` is the waterway between
    them (the smaller pipe's OD less two pipe stops). Outside: `o1` = d1 + 2t, `o2` = d2 + 2t. The
    inside closes from d1 to the bore over a 45° cone of height `h_in` = (d1 − bore)/2; the outside
    follows at 45° from `z_cone` = l1 + t(√2 − 1), so the cone wall is t thick normal to its face.
    A ring of height t under the top socket stops the top pipe.
    """

    bottom: str
    d1: float
    d2: float
    l1: float
    l2: float
    t: float
    bore: float

    @property
    def o1(self) -> float:
        return self.d1 + 2 * self.t

    @property
    def o2(self) -> float:
        return self.d2 + 2 * self.t

    @property
    def h_in(self) -> float:
        return (self.d1 - self.bore) / 2

    @property
    def h_out(self) -> float:
        return (self.o1 - self.o2) / 2

    @property
    def z_cone(self) -> float:
        return self.l1 + self.t * (math.sqrt(2) - 1)

    @property
    def height(self) -> float:
        return self.l1 + self.h_in + self.t + self.l2

    def outline(self) -> list[tuple[float, float]]:
        """(radius, z) corners of the half-section, counter-clockwise, no repeated point."""
        pts = [
            (self.d1 / 2, 0.0), (self.o1 / 2, 0.0), (self.o1 / 2, self.z_cone),
            (self.o2 / 2, self.z_cone + self.h_out), (self.o2 / 2, self.height),
            (self.d2 / 2, self.height), (self.d2 / 2, self.height - self.l2),
            (self.bore / 2, self.height - self.l2), (self.bore / 2, self.l1 + self.h_in),
            (self.d1 / 2, self.l1),
        ]
        out: list[tuple[float, float]] = []
        for p in pts:
            if not out or math.dist(p, out[-1]) > 1e-9:
                out.append(p)
        return out

    def volume(self) -> float:
        """Outside solid less the inside, summed as cylinders and frusta (mm³)."""
        top = self.height - self.z_cone - self.h_out
        outer = (_frustum(self.o1, self.o1, self.z_cone) + _frustum(self.o1, self.o2, self.h_out)
                 + _frustum(self.o2, self.o2, top))
        inner = (_frustum(self.d1, self.d1, self.l1) + _frustum(self.d1, self.bore, self.h_in)
                 + _frustum(self.bore, self.bore, self.t) + _frustum(self.d2, self.d2, self.l2))
        return outer - inner


def profile(p: Any) -> Profile:
    """The section for kernel values `p` (pipe ODs are actual ODs in mm)."""
    sides = [("pump", p.pump_pipe, p.pump_socket), ("line", p.line_pipe, p.line_socket)]
    big, small = (sides[0], sides[1]) if sides[0][1] >= sides[1][1] else (sides[1], sides[0])
    return Profile(
        bottom=big[0], d1=big[1] + p.clearance, d2=small[1] + p.clearance, l1=big[2], l2=small[2],
        t=p.wall, bore=small[1] - 2 * p.stop,
    )


# -- the design ---------------------------------------------------------------------------------
class PipeAdapter(Design):
    id = "pipe-adapter"
    title = "Water pipe adapter"
    summary = (
        "A printed reducing coupler joining two water pipes of different standards, e.g. a metric "
        "ISO 1452 PVC pipe from a pump to a US Schedule 40 line, with socket depth, wall and "
        "pressure checked."
    )
    version = "1.0.0"
    license = "CERN-OHL-S-2.0"
    authors = ("Cosmo-local workbench contributors",)
    roles = {
        "printed": Role("Printed adapter", "petg", Process.PRINT,
                        "Filament for the adapter; PETG takes more heat than PLA."),
    }
    part_names = {
        "adapter": "pipe adapter",
    }

    pump_pipe = PipeOD(
        "Pump-side pipe OD", 32, soft=(20, 63), group="Pipes",
        help="Outside diameter of the pipe on the pump's side, as sold (1 in, 3/4 in) or measured "
        "(33.4 mm). Must be a pipe a stock catalog lists.",
    )
    line_pipe = PipeOD(
        "Line-side pipe OD", 25.4, soft=(20, 63), group="Pipes",
        help="Outside diameter of the pipe the pump must join. One of the two pipes must be sold in "
        "your stock catalog.",
        replace=None,  # the pipe the adapter must join: a requirement, never replaced by adapt
    )
    pump_socket = Length(
        "Pump socket depth", 30, min=10, max=80, soft=(15, 60), step=1, group="Sockets",
        help="How far the pump-side pipe goes into the adapter. Deeper holds better.",
    )
    line_socket = Length(
        "Line socket depth", 30, min=10, max=80, soft=(15, 60), step=1, group="Sockets",
        help="How far the line-side pipe goes into the adapter.",
    )
    clearance = Length(
        "Socket clearance", 0.3, min=0, max=1.5, soft=(0, 1), step=0.05, group="Sockets",
        help="Added to each pipe's OD for its socket bore (on the diameter), room for the adhesive. "
        "Printed holes come out small: print a test ring and adjust.",
    )
    stop = Length(
        "Pipe stop", 2, min=0.5, max=6, soft=(1, 4), step=0.5, group="Sockets",
        help="Width of the ledge the smaller pipe butts against; the waterway between the sockets "
        "is the smaller OD less twice this.",
    )
    wall = Length(
        "Wall thickness", 4, min=1.2, max=10, soft=(2, 8), step=0.2, group="Sockets",
        help="Wall around each socket. Several nozzle widths thick; more for higher pressure.",
    )
    pressure = Pressure(
        "Working pressure", 300, min=0, max=1600, soft=(0, 1000), step=10, group="Service",
        help="Highest water pressure at the adapter (pump shut-off head: 10 m of water is 98 kPa).",
    )
    exposure = Choice(
        "Where it sits", "shade",
        options=EXPOSURE,
        group="Service",
        help="Sun heats a part above the air temperature (EN 1991-1-5 Table 5.2) and printed "
        "plastics soften: pumps often stand in the sun, so shade the adapter or say so here.",
    )

    # -- rules ----------------------------------------------------------------------------------
    def rules(self, v: Any) -> Iterator[str]:
        params = self.params()
        try:
            pump = params["pump_pipe"].item(v.pump_pipe)
            line = params["line_pipe"].item(v.line_pipe)
        except BoundsError as exc:  # a diameter no catalog lists: the pipes are the bounds
            yield str(exc)
            return
        smaller = min(_mm(pump.actual), _mm(line.actual))
        stop = _mm(v.stop)
        if 4 * stop > smaller:
            yield (
                f"pipe stop {stop:g} mm leaves too small a waterway: it must be at most a quarter "
                f"of the smaller pipe's {smaller:g} mm OD ({smaller / 4:g} mm)"
            )
        ctx = v.context  # None on nominal values, the place when resolved
        if ctx is not None:
            local = ctx.stock_catalog.pipes()
            ods = {round(_mm(i.actual), 6) for i in local}
            if local and not ods & {round(_mm(pump.actual), 6), round(_mm(line.actual), 6)}:
                sold = ", ".join(i.label for i in local)
                yield Unsold.words(
                    N_("neither pipe is sold in {catalog} stock ({pump}, {line}); one side must "
                       "be a local pipe: {sold}"),
                    catalog=ctx.stock_catalog.id, pump=pump.label, line=line.label, sold=sold)

    # -- checks ---------------------------------------------------------------------------------
    def checks(self, r: Any, ctx: Context, geometry: Any) -> list[CheckResult]:
        from workbench.checks import fabrication, plastics
        from workbench.checks.result import CheckResult, Status
        from workbench.units import Q_

        params = self.params()
        mat = r.materials["printed"]
        prof = profile(r.kernel())
        t = Q_(prof.t, "mm")
        out: list[CheckResult] = []
        local = ctx.stock_catalog.pipes()
        if not local:
            from workbench.checks._common import _worded, _words

            out.append(_worded(CheckResult.cannot_run(
                N_("local pipe"), f"water pipes in {ctx.stock_catalog.name} stock", "",
                "materials/README.md", load_bearing=False,
            ), _words(N_("{catalog} stock lists no water pipes, so neither side was checked "
                         "against what is sold locally; add the local pipe sizes (with a source) "
                         "to {file}."), catalog=ctx.stock_catalog.name,
                      file=f"materials/stock/{ctx.stock}.toml")))
        for side in ("pump", "line"):
            item = _local(params[f"{side}_pipe"].item(getattr(r, f"{side}_pipe")), local)
            out.append(_socket_depth_check(side, item, getattr(r, f"{side}_socket")))
        out.append(_hoop_check(r.pressure, prof, mat))
        out.append(_thrust_result(r.pressure, prof, mat))
        clim = ctx.climate_profile
        out.append(plastics.heat_softening_check(
            clim.t_max, mat.hdt, mat.tg, printed=True,
            exposure=plastics.Exposure.from_choice(r.exposure), material=mat.name,
            climate=clim.id))
        if r.exposure != "shade":
            from workbench.checks.durability import uv_warning

            out.append(uv_warning(mat.name))
        shop = ctx.workshop_profile
        if shop.nozzle is not None:
            out.append(fabrication.min_wall_check(t, shop.nozzle))
        if shop.bed is not None:
            out.append(fabrication.bed_fit_check(
                Q_(prof.o1, "mm"), Q_(prof.o1, "mm"), Q_(prof.height, "mm"), *shop.bed))
        return out

    # -- geometry -------------------------------------------------------------------------------
    def build(self, p: Any, ctx: Context) -> list[Part]:
        prof = profile(p)
        # The half-section in the XZ plane, turned about the vertical axis.
        body = cq.Workplane("XZ").polyline(prof.outline()).close().revolve(360, (0, 0, 0), (0, 1, 0))
        meta = {"bed_face": f"{prof.bottom}-side socket mouth (the larger socket) down",
                "details": {"sockets": {"bottom": prof.bottom, "bottom_bore": prof.d1,
                                        "top_bore": prof.d2}}}
        return [Part("adapter", body, "printed", Process.PRINT, 1, (0, 0, 0, 0, 0, 0), meta)]

    def expected(self, p: Any) -> dict[str, Expect]:
        prof = profile(p)
        return {"adapter": Expect((prof.o1, prof.o1, prof.height), prof.volume())}


def _local(item: StockItem, local: list[StockItem]) -> StockItem:
    """The local catalog's pipe of the same OD (its label and standard), else `item` itself."""
    for i in local:
        if abs(_mm(i.actual) - _mm(item.actual)) < 1e-6:
            return i
    return item


def _socket_depth_check(side: str, item: StockItem, depth: pint.Quantity) -> CheckResult:
    """Socket depth against the Schedule 40 fitting minimum; a warning for other standards."""
    from workbench.checks._common import _amount, _worded, _words
    from workbench.checks.result import CheckResult, Status
    from workbench.units import Q_

    name = f"{side} socket depth"
    nominal = item.nominal
    if item.standard == _SCH40 and nominal is not None:
        size = round(float(nominal.to("inch").magnitude), 4)
        minimum = SCH40_SOCKET_MIN_IN.get(size)
        if minimum is not None:
            need = Q_(minimum, "inch")
            words = _words(
                N_("The {pipe} socket is {depth} deep; a Schedule 40 fitting's socket is at "
                   "least {minimum} ({minimum_mm})."),
                pipe=item.label, depth=_amount(depth.m_as("mm"), "mm", 1),
                minimum=_amount(minimum, "inch"), minimum_mm=_amount(need.m_as("mm"), "mm", 1))
            return _worded(CheckResult.compare(
                name, need.to("mm"), depth.to("mm"), message="",
                reference=_SOCKET_REFERENCE, load_bearing=True,
            ), words, "metric")  # a depth in mm against the standard's inches, named in both
    return _worded(CheckResult(
        name, Status.WARN, math.nan, None, depth.to("mm"), "", _SOCKET_REFERENCE,
        True, f"a minimum socket depth for {_named(item)}",
    ), _words(N_("No minimum socket depth is on file for {pipe}; make the socket at least as "
                 "deep as a commercial fitting's for that pipe."), pipe=_named(item)))


def _named(item: StockItem) -> str:
    """``PVC-U 32 mm (ISO 1452)``, or the label alone when it names the standard already."""
    standard = item.standard or ""
    return item.label if standard in item.label else f"{item.label} ({standard})"


def _design_strength(mat: Any) -> pint.Quantity | None:
    from workbench.checks.plastics import printed_design_strength

    return printed_design_strength(mat.tensile_strength or mat.yield_strength)


def _hoop_check(pressure: pint.Quantity, prof: Profile, mat: Any) -> CheckResult:
    """Hoop stress in the larger socket's wall, p·D_o/(2t), against the printed design strength."""
    from workbench.checks._common import _amount, _worded, _words
    from workbench.checks.plastics import PRINTED_STRENGTH_FACTOR
    from workbench.checks.result import CheckResult
    from workbench.units import Q_

    allowed = _design_strength(mat)
    if allowed is None:
        return CheckResult.missing(N_("hoop stress"), N_("tensile strength for {material}"),
                                   material=mat.name)
    stress = (pressure * Q_(prof.o1, "mm") / (2 * Q_(prof.t, "mm"))).to("MPa")
    words = _words(
        N_("At {pressure} the {diameter} socket wall ({wall}) carries {stress} around the ring; "
           "printed {material} is allowed {allowed}."),
        pressure=_amount(pressure.m_as("kPa"), "kPa"), diameter=_amount(prof.o1, "mm", 1),
        wall=_amount(prof.t, "mm"), stress=_amount(stress.m_as("MPa"), "MPa", 2),
        material=mat.name, allowed=_amount(allowed.m_as("MPa"), "MPa", 1))
    return _worded(CheckResult.compare(
        N_("hoop stress"), stress, allowed.to("MPa"), message="",
        reference=_HOOP_REFERENCE.format(factor=PRINTED_STRENGTH_FACTOR),
        load_bearing=True,
    ), words)


def _thrust_result(pressure: pint.Quantity, prof: Profile, mat: Any) -> CheckResult:
    """Axial stress from the end thrust, across the print layers, against the interlayer strength
    (material data) divided by the printed-strength factor; cannot run without that data."""
    from workbench.checks._common import _amount, _worded, _words
    from workbench.checks.plastics import PRINTED_STRENGTH_FACTOR, printed_design_strength
    from workbench.checks.result import CheckResult
    from workbench.units import Q_

    pipe_od = prof.d1  # the thrust acts over the socket bore
    wall_area = math.pi * (prof.o1**2 - prof.d1**2) / 4
    stress = Q_(float(pressure.to("MPa").magnitude) * math.pi * pipe_od**2 / 4 / wall_area, "MPa")
    allowed = printed_design_strength(getattr(mat, "interlayer_strength", None))
    if allowed is not None:
        words = _words(
            N_("The end thrust pulls the socket wall along the axis, across the print layers, at "
               "{stress}; printed {material} bonds its layers with {bond}, allowed {allowed} "
               "(÷ {factor})."),
            stress=_amount(stress.m_as("MPa"), "MPa", 2), material=mat.name,
            bond=_amount(mat.interlayer_strength.m_as("MPa"), "MPa"),
            allowed=_amount(allowed.m_as("MPa"), "MPa", 2), factor=_amount(PRINTED_STRENGTH_FACTOR))
        return _worded(CheckResult.compare(
            N_("layer bond (end thrust)"), stress, allowed.to("MPa"), message="",
            reference=f"{_THRUST_REFERENCE}; interlayer strength: material data",
            load_bearing=True), words)
    words = _words(
        N_("The end thrust pulls the socket wall along the axis, across the print layers, at "
           "{stress}; the data has no interlayer strength for {material}, so this is not "
           "checked: pressure-test a printed adapter before use."),
        stress=_amount(stress.m_as("MPa"), "MPa", 2), material=mat.name)
    return _worded(CheckResult.cannot_run(
        N_("layer bond (end thrust)"), f"an interlayer strength for {mat.name}", "",
        _THRUST_REFERENCE, value=stress,
    ), words)
