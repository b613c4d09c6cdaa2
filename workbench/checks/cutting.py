"""Cutting sheet parts on a laser or a CNC router: the cutter's width, the spacing of nested parts,
the margin at the sheet's edges, and the checks that a slot takes the tool and a part fits the bed.

Cutter width: a laser removes its kerf; a router removes its tool diameter (CutList Machine, "CNC
Nesting Explained": "the tool removes a strip equal to its width on every pass").

Spacing between nested parts: the same article gives the cutter width as the least spacing. The
workbench nests at twice that, at least 2 mm: kerf-compensated paths of two neighbours then stay one
cutter width apart and never coincide (a shared line is cut twice, or is a duplicate entity), and a
laser does not char a web thinner than ~2 mm. Both are this workbench's choices, not a standard.

Edge margin: 10 mm, or the spacing when larger, kept clear at every sheet edge (workbench choice:
factory edges of sheet goods are often dented or out of square, and clamps sit there).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Optional

import pint

from workbench.checks._common import _compare, _imperial, _positive, _q, _show, _Words, _words
from workbench.checks.fabrication import sheet_fit_check
from workbench.i18n import N_
from workbench.checks.result import CheckResult
from workbench.errors import BoundsError

if TYPE_CHECKING:
    from workbench.context.workshops import Workshop

SPACING_FACTOR = 2.0
"""Nested parts are this many cutter widths apart (see the module docstring)."""
MIN_SPACING_MM = 2.0
"""Least spacing between nested parts, in mm (workbench choice, see the module docstring)."""
EDGE_MARGIN_MM = 10.0
"""Least clear margin at the sheet's edges, in mm (workbench choice, see the module docstring)."""

_TOOL_REFERENCE = "a router cuts a slot no narrower than its tool diameter"
_SPACING_REFERENCE = "CutList Machine, 'CNC Nesting Explained' (cutter width as least spacing)"


class Cutter(str, Enum):
    """The machine that cuts sheet parts."""

    LASER = N_("laser")
    ROUTER = N_("router")


@dataclass(frozen=True)
class CutSetup:
    """What nesting and kerf compensation need to know of one cutting machine (millimetres).

    `width` is the laser kerf or the router's tool diameter, `bed` the (x, y) sheet area the machine
    takes, `fit_clearance` the gap the workshop adds to slots.
    """

    workshop: str
    cutter: Cutter
    width: pint.Quantity
    bed: tuple[pint.Quantity, pint.Quantity]
    fit_clearance: pint.Quantity

    @property
    def width_mm(self) -> float:
        return float(self.width.to("mm").magnitude)

    @property
    def offset_mm(self) -> float:
        """Kerf compensation: the distance a cut path lies outside the material, half the width."""
        return self.width_mm / 2

    @property
    def spacing_mm(self) -> float:
        """Default spacing between nested parts: 2 × cutter width, at least 2 mm."""
        return max(SPACING_FACTOR * self.width_mm, MIN_SPACING_MM)

    @property
    def margin_mm(self) -> float:
        """Default clear margin at the sheet's edges: 10 mm or the spacing when larger."""
        return max(EDGE_MARGIN_MM, self.spacing_mm)

    @property
    def bed_mm(self) -> tuple[float, float]:
        return (float(self.bed[0].to("mm").magnitude), float(self.bed[1].to("mm").magnitude))

    @property
    def clearance_mm(self) -> float:
        return float(self.fit_clearance.to("mm").magnitude)

    def describe(self) -> str:
        """E.g. "router (6 mm tool) of workshop generic-makerspace"."""
        what = "tool" if self.cutter is Cutter.ROUTER else "kerf"
        return f"{self.cutter.value} ({_show(self.width, 'mm')} {what}) of workshop {self.workshop}"


def cut_setup(workshop: "Workshop", cutter: Optional[Cutter | str] = None) -> CutSetup:
    """The cutting machine of `workshop`: `cutter` if given, else its router, else its laser.

    A router is preferred because it takes whole sheets; pass ``cutter="laser"`` for the laser.
    Raises `BoundsError` (one line) when the workshop has no such machine.
    """
    have = []
    if workshop.cnc_tool_diameter is not None and workshop.cnc_bed is not None:
        have.append(Cutter.ROUTER)
    if workshop.laser_kerf is not None and workshop.laser_bed is not None:
        have.append(Cutter.LASER)
    if not have:
        raise BoundsError(
            f"workshop {workshop.id} has no sheet cutter; choose a workshop with a laser or a "
            "CNC router"
        )
    wanted = Cutter(cutter) if cutter is not None else have[0]
    if wanted not in have:
        raise BoundsError(
            f"workshop {workshop.id} has no {wanted.value}; its cutter: "
            f"{', '.join(c.value for c in have)}"
        )
    clearance = workshop.fit_clearance if workshop.fit_clearance is not None else _q(0.0, "mm")
    if wanted is Cutter.ROUTER:
        assert workshop.cnc_tool_diameter is not None and workshop.cnc_bed is not None
        return CutSetup(workshop.id, wanted, workshop.cnc_tool_diameter, workshop.cnc_bed,
                        clearance)
    assert workshop.laser_kerf is not None and workshop.laser_bed is not None
    return CutSetup(workshop.id, wanted, workshop.laser_kerf, workshop.laser_bed, clearance)


def slot_tool_check(
    slot_width: pint.Quantity, setup: CutSetup, *, name: str = N_("slot takes the tool")
) -> CheckResult:
    """The router's tool diameter against a slot's width (a laser's kerf for a laser)."""
    w = _positive(slot_width, "mm", "slot_width")
    unit = "inch" if _imperial(slot_width) else "mm"
    what = N_("tool") if setup.cutter is Cutter.ROUTER else N_("kerf")
    verdict = N_("fits in") if setup.width_mm <= w else N_("is wider than")
    message = _words(
        N_("The {width} {what} of the {cutter} {verdict} the {slot} slot."),
        width=(setup.width, unit), what=what, cutter=setup.cutter.value, verdict=verdict,
        slot=(_q(w, "mm"), unit),
    )
    return _compare(
        name, setup.width.to(unit), _q(w, "mm").to(unit), message=message, reference=_TOOL_REFERENCE
    )


def bed_fit_check(
    length: pint.Quantity, width: pint.Quantity, setup: CutSetup, *, name: str = N_("fits the cutter")
) -> CheckResult:
    """A flat outline against the cutter's bed less the edge margin, square to the bed's edges."""
    return sheet_fit_check(
        length, width, *setup.bed, margin=_q(setup.margin_mm, "mm"), name=name
    ).with_reference(f"{_SPACING_REFERENCE}; edge margin {setup.margin_mm:g} mm")



def blank_for(
    sheet: tuple[float, float], bed: tuple[float, float], saw_kerf: float
) -> tuple[tuple[float, float], int]:
    """The blank (length, width) a sheet is sawn to so it fits the bed, long side to long side, and
    how many blanks one sheet yields with `saw_kerf` between them. All in mm."""
    length, width = sheet
    bl, bw = max(bed), min(bed)
    if (length <= bl + 1e-9 and width <= bw + 1e-9) or (width <= bl + 1e-9 and length <= bw + 1e-9):
        return sheet, 1
    if length >= width:
        blank = (min(length, bl), min(width, bw))
    else:
        blank = (min(length, bw), min(width, bl))
    along = 1 if blank[0] >= length else int((length + saw_kerf) // (blank[0] + saw_kerf))
    across = 1 if blank[1] >= width else int((width + saw_kerf) // (blank[1] + saw_kerf))
    return blank, along * across


def grain_fit_check(
    along: pint.Quantity,
    across: pint.Quantity,
    setup: CutSetup,
    sheet: Optional[tuple[pint.Quantity, pint.Quantity]] = None,
    *,
    name: str = N_("fits the sheet"),
) -> CheckResult:
    """A part whose face grain must run along the sheet's length (`along` × `across`) against the
    blank the cutter takes: the `sheet` (length, width) sawn to the bed, less the edge margin."""
    a, b = _positive(along, "mm", "along"), _positive(across, "mm", "across")
    bed = setup.bed_mm
    if sheet is None:
        size = (max(bed), min(bed))
    else:
        size = (float(sheet[0].to("mm").magnitude), float(sheet[1].to("mm").magnitude))
    blank, _ = blank_for(size, bed, 0.0)
    m = setup.margin_mm
    ua, ub = blank[0] - 2 * m, blank[1] - 2 * m
    if ua <= 0 or ub <= 0:
        raise BoundsError(f"margin: {m:g} mm at every edge leaves no usable sheet")
    u, extent, limit = max((a / ua, a, ua), (b / ub, b, ub))
    unit = "inch" if _imperial(along, across) else "mm"
    unit_text = "in" if unit == "inch" else "mm"
    part = " × ".join(_show(_q(v, "mm"), unit).split()[0] for v in (a, b))
    space = " × ".join(_show(_q(v, "mm"), unit).split()[0] for v in blank)
    verdict = N_("fits") if u <= 1 else N_("does not fit")
    message = _Words(
        f"The {part} {unit_text} part {verdict} with its grain along the {space} {unit_text} "
        f"sheet on the {setup.cutter.value}, {_show(_q(m, 'mm'), unit)} clear at the edges.",
        N_("The {along} × {across} part {verdict} with its grain along the {sheet_l} × "
           "{sheet_w} sheet on the {cutter}, {margin} clear at the edges."),
        {"along": _q(a, "mm"), "across": _q(b, "mm"), "verdict": verdict,
         "sheet_l": _q(blank[0], "mm"), "sheet_w": _q(blank[1], "mm"),
         "cutter": setup.cutter.value, "margin": _q(m, "mm")},
        "imperial" if unit == "inch" else "metric",
    )
    return _compare(name, _q(extent, "mm").to(unit), _q(limit, "mm").to(unit), message=message,
                    reference=f"rectangle fit along the grain; {_SPACING_REFERENCE}")
