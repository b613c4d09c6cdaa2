"""Fabrication checks: printable wall thickness, fit on the printer bed, fit on the sheet.

Walls: a printed wall is built from perimeters, each about one nozzle diameter wide; Original
Prusa profiles use at least two perimeters ("Layers and perimeters", Prusa Knowledge Base,
help.prusa3d.com/article/layers-and-perimeters_1748), so a sound wall is ≥ 2 × nozzle diameter.
Slicers print lines somewhat wider than the nozzle (≈ 1.1 ×), so this is a lower bound.

Bed fit: the part may be turned to any angle in the bed plane. A p × q footprint turned by θ
needs p·cosθ + q·sinθ by p·sinθ + q·cosθ; both are concave in θ on [0°, 90°], so the smallest
scale at which it fits occurs at 0°, 90° or where the two bed ratios are equal (closed form below).
Sheet fit: flat outlines are nested square to the sheet edges (grain and saw guides), so only
the two orthogonal orientations are tried, inside a margin kept clear at every sheet edge.
"""

from __future__ import annotations

import math

import pint

from workbench.checks._common import (
    _compare, _imperial, _positive, _q, _require, _show, _Words, _words,
)
from workbench.i18n import N_
from workbench.checks.result import CheckResult
from workbench.errors import BoundsError

_WALL_REFERENCE = "Prusa Knowledge Base, 'Layers and perimeters' (minimum two perimeters)"
_BED_REFERENCE = (
    "Rectangle-in-rectangle fit over all rotations (bounding box of the turned footprint)"
)
_NO_MARGIN = _q(0.0, "mm")
_SHEET_REFERENCE = "Rectangle fit in both orthogonal orientations within the sheet margin"


def min_wall_check(
    wall: pint.Quantity,
    nozzle: pint.Quantity,
    *,
    perimeters: int = 2,
    name: str = N_("printable wall"),
) -> CheckResult:
    """Wall thickness against `perimeters` × nozzle diameter (demand = needed, capacity = wall)."""
    if isinstance(perimeters, bool) or not isinstance(perimeters, int) or perimeters < 1:
        raise BoundsError(f"perimeters: {perimeters!r} must be a whole number ≥ 1")
    t = _positive(wall, "mm", "wall")
    needed = _q(perimeters * _positive(nozzle, "mm", "nozzle"), "mm")
    unit = "inch" if _imperial(wall, nozzle) else "mm"
    message = _words(
        N_("The wall is {wall}; a {nozzle} nozzle needs at least {needed} for {perimeters} "
           "perimeters."),
        wall=(_q(t, "mm"), unit), nozzle=(nozzle, unit), needed=(needed, unit),
        perimeters=perimeters,
    )
    return _compare(
        name, needed.to(unit), _q(t, "mm").to(unit), message=message, reference=_WALL_REFERENCE
    )


def _best_rotation(p: float, q: float, a: float, b: float) -> tuple[float, float, float, float]:
    """(utilisation, angle°, extent along the governing bed axis, that bed size) over all turns."""
    c, s = p / a - q / b, q / a - p / b  # f1 − f2 = c·cosθ + s·sinθ
    candidates = [0.0, math.pi / 2]
    crossing = math.atan2(-c, s) % math.pi
    if 0.0 < crossing < math.pi / 2:
        candidates.append(crossing)
    options = []
    for theta in candidates:
        ex = p * math.cos(theta) + q * math.sin(theta)
        ey = p * math.sin(theta) + q * math.cos(theta)
        u, extent, size = max((ex / a, ex, a), (ey / b, ey, b))
        options.append((u, math.degrees(theta), extent, size))
    # Smallest utilisation; on a tie prefer no turn (0° comes first, min keeps the first).
    return min(options, key=lambda o: round(o[0], 12))


def bed_fit_check(
    length: pint.Quantity,
    width: pint.Quantity,
    height: pint.Quantity,
    bed_length: pint.Quantity,
    bed_width: pint.Quantity,
    bed_height: pint.Quantity,
    *,
    name: str = N_("fits printer bed"),
) -> CheckResult:
    """Part footprint (turned to the best angle) and height against the printer's build volume."""
    p, q = _positive(length, "mm", "length"), _positive(width, "mm", "width")
    h = _positive(height, "mm", "height")
    a, b = _positive(bed_length, "mm", "bed_length"), _positive(bed_width, "mm", "bed_width")
    bh = _positive(bed_height, "mm", "bed_height")
    u, angle, extent, size = _best_rotation(p, q, a, b)
    too_tall = h / bh > 1
    if h / bh > u:
        u, extent, size = h / bh, h, bh
    unit = "inch" if _imperial(length, bed_length) else "mm"
    dims = " × ".join(_show(_q(v, "mm"), unit).split()[0] for v in (p, q, h))
    bed = " × ".join(_show(_q(v, "mm"), unit).split()[0] for v in (a, b, bh))
    unit_text = "in" if unit == "inch" else "mm"
    if too_tall:
        verdict = N_("is too tall")
    elif u > 1:
        verdict = N_("does not fit in any orientation")
    elif angle in (0.0, 90.0):
        verdict = N_("fits") if angle == 0.0 else N_("fits when turned 90°")
    else:
        verdict = N_("fits only when turned {angle}°")
    message = _Words(  # the metric sentence keeps one unit after "250 × 210 × 220"
        f"On the {bed} {unit_text} printer, the {dims} {unit_text} part "
        f"{verdict.format(angle=f'{angle:.0f}')}.",
        N_("On the {bed_l} × {bed_w} × {bed_h} printer, the {l} × {w} × {h} part {verdict}."),
        {"bed_l": _q(a, "mm"), "bed_w": _q(b, "mm"), "bed_h": _q(bh, "mm"), "l": _q(p, "mm"),
         "w": _q(q, "mm"), "h": _q(h, "mm"), "verdict": verdict, "angle": f"{angle:.0f}"},
        "imperial" if unit == "inch" else "metric",
    )
    return _compare(
        name,
        _q(extent, "mm").to(unit),
        _q(size, "mm").to(unit),
        message=message,
        reference=_BED_REFERENCE,
    )


def sheet_fit_check(
    length: pint.Quantity,
    width: pint.Quantity,
    sheet_length: pint.Quantity,
    sheet_width: pint.Quantity,
    *,
    margin: pint.Quantity = _NO_MARGIN,
    name: str = N_("fits sheet"),
) -> CheckResult:
    """Flat outline (bounding rectangle) against the sheet less `margin` at each edge, both ways."""
    p, q = _positive(length, "mm", "length"), _positive(width, "mm", "width")
    a, b = (
        _positive(sheet_length, "mm", "sheet_length"),
        _positive(sheet_width, "mm", "sheet_width"),
    )
    edge = float(_require(margin, "mm", "margin").to("mm").magnitude)
    if edge < 0:
        raise BoundsError(f"margin: {margin:~P} must not be negative")
    ua, ub = a - 2 * edge, b - 2 * edge
    if ua <= 0 or ub <= 0:
        raise BoundsError(f"margin: {margin:~P} at every edge leaves no usable sheet")
    options = [
        max((p / ua, p, ua), (q / ub, q, ub)) + (False,),
        max((q / ua, q, ua), (p / ub, p, ub)) + (True,),
    ]
    u, extent, size, turned = min(options, key=lambda o: o[0])
    unit = "inch" if _imperial(length, sheet_length) else "mm"
    unit_text = "in" if unit == "inch" else "mm"
    part = " × ".join(_show(_q(v, "mm"), unit).split()[0] for v in (p, q))
    sheet = " × ".join(_show(_q(v, "mm"), unit).split()[0] for v in (a, b))
    verdict = N_("does not fit") if u > 1 else N_("fits turned 90°") if turned else N_("fits")
    message = _Words(
        f"The {part} {unit_text} outline {verdict} on the {sheet} {unit_text} sheet "
        f"with {_show(_q(edge, 'mm'), unit)} kept clear at the edges.",
        N_("The {l} × {w} outline {verdict} on the {sheet_l} × {sheet_w} sheet with {edge} kept "
           "clear at the edges."),
        {"l": _q(p, "mm"), "w": _q(q, "mm"), "verdict": verdict, "sheet_l": _q(a, "mm"),
         "sheet_w": _q(b, "mm"), "edge": _q(edge, "mm")},
        "imperial" if unit == "inch" else "metric",
    )
    return _compare(
        name,
        _q(extent, "mm").to(unit),
        _q(size, "mm").to(unit),
        message=message,
        reference=_SHEET_REFERENCE,
    )
