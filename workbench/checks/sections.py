"""Section properties of common profiles, for bending about the named axis.

Closed forms for area A, second moment I, elastic section modulus W = I / c and radius of gyration
r = √(I/A) (Roark's Formulas for Stress and Strain, 8th ed., Appendix B, Table A.1; Gere & Goodno,
Mechanics of Materials, Appendix E). Tubes have sharp corners: a rolled hollow section with corner
radii (EN 10219, ASTM A500) has slightly less A and I than these formulas give.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pint

from workbench.checks._common import _positive, _q
from workbench.errors import BoundsError, UnknownNameError


@dataclass(frozen=True)
class Section:
    """Area (mm²), second moment I (mm⁴), elastic modulus W (mm³), radius of gyration r (mm).

    All for bending about one named axis; the constructor's docstring says which.
    """

    area: pint.Quantity
    I: pint.Quantity  # noqa: E741 - the engineering symbol
    W: pint.Quantity
    r: pint.Quantity


def _section(area_mm2: float, i_mm4: float, c_mm: float) -> Section:
    return Section(
        area=_q(area_mm2, "mm**2"),
        I=_q(i_mm4, "mm**4"),
        W=_q(i_mm4 / c_mm, "mm**3"),
        r=_q(math.sqrt(i_mm4 / area_mm2), "mm"),
    )


def _wall_fits(wall: float, smallest: float, name: str) -> None:
    if 2 * wall >= smallest:
        raise BoundsError(
            f"wall: {wall:g} mm is too thick for a {smallest:g} mm {name}; "
            f"it must be less than {smallest / 2:g} mm"
        )


def rectangle(width: pint.Quantity, depth: pint.Quantity) -> Section:
    """Solid rectangle bent about the axis parallel to `width`; `depth` lies in the load direction.

    A = b·h, I = b·h³/12, W = b·h²/6, r = h/√12.
    """
    b = _positive(width, "mm", "width")
    h = _positive(depth, "mm", "depth")
    return _section(b * h, b * h**3 / 12, h / 2)


def rectangular_tube(width: pint.Quantity, depth: pint.Quantity, wall: pint.Quantity) -> Section:
    """Rectangular hollow section (sharp corners) bent about the axis parallel to `width`.

    I = [B·H³ − (B−2t)(H−2t)³]/12, the outer rectangle minus the hole.
    """
    b = _positive(width, "mm", "width")
    h = _positive(depth, "mm", "depth")
    t = _positive(wall, "mm", "wall")
    _wall_fits(t, min(b, h), "tube")
    bi, hi = b - 2 * t, h - 2 * t
    return _section(b * h - bi * hi, (b * h**3 - bi * hi**3) / 12, h / 2)


def square_tube(side: pint.Quantity, wall: pint.Quantity) -> Section:
    """Square hollow section (sharp corners): `rectangular_tube(side, side, wall)`."""
    return rectangular_tube(side, side, wall)


def en10219_corner_radius(wall: pint.Quantity) -> pint.Quantity:
    """Outside corner radius of a cold-formed hollow section for its section properties,
    EN 10219-2:2006 Annex B: r_o = 2T for T ≤ 6 mm, 2.5T for 6 < T ≤ 10 mm, 3T above (r_i = r_o − T)."""
    t = _positive(wall, "mm", "wall")
    factor = 2.0 if t <= 6 else 2.5 if t <= 10 else 3.0
    return _q(factor * t, "mm")


def _rounded_rectangle(b: float, h: float, r: float) -> tuple[float, float]:
    """Area and I about the axis parallel to `b` of a b × h rectangle with corners of radius r:
    the rectangle less four spandrels (square r × r less a quarter disc, parallel-axis theorem)."""
    area = b * h - (4 - math.pi) * r * r
    square = r**4 / 12 + r * r * (h / 2 - r / 2) ** 2
    y_disc = (h / 2 - r) + 4 * r / (3 * math.pi)
    disc = (math.pi / 16 - 4 / (9 * math.pi)) * r**4 + math.pi * r * r / 4 * y_disc**2
    return area, b * h**3 / 12 - 4 * (square - disc)


def cold_formed_tube(depth: pint.Quantity, width: pint.Quantity, wall: pint.Quantity) -> Section:
    """Cold-formed rectangular or square hollow section to EN 10219-2 with rounded corners
    (`en10219_corner_radius`), bending about the axis parallel to `width` (depth = the bent
    dimension). A 50 × 50 × 3 tube: I = 19.47 cm⁴, 6.6 % below the sharp-cornered 20.85 cm⁴."""
    h = _positive(depth, "mm", "depth")
    b = _positive(width, "mm", "width")
    t = _positive(wall, "mm", "wall")
    _wall_fits(t, min(b, h), "tube")
    r_o = float(en10219_corner_radius(wall).m_as("mm"))
    r_i = max(r_o - t, 0.0)
    a_out, i_out = _rounded_rectangle(b, h, r_o)
    a_in, i_in = _rounded_rectangle(b - 2 * t, h - 2 * t, r_i)
    return _section(a_out - a_in, i_out - i_in, h / 2)


def round_tube(outer_diameter: pint.Quantity, wall: pint.Quantity) -> Section:
    """Round tube or pipe from outside diameter D and wall t: A = π(D²−d²)/4, I = π(D⁴−d⁴)/64.

    AISC Manual pipe and round-HSS tables use a design wall of 0.93 × the nominal wall
    (AISC 360-16 B4.2); pass the wall you want the section computed with.
    """
    d_out = _positive(outer_diameter, "mm", "outer_diameter")
    t = _positive(wall, "mm", "wall")
    _wall_fits(t, d_out, "tube")
    d_in = d_out - 2 * t
    area = math.pi * (d_out**2 - d_in**2) / 4
    inertia = math.pi * (d_out**4 - d_in**4) / 64
    return _section(area, inertia, d_out / 2)


def solid_round(diameter: pint.Quantity) -> Section:
    """Solid round bar: A = πd²/4, I = πd⁴/64, W = πd³/32, r = d/4."""
    d = _positive(diameter, "mm", "diameter")
    return _section(math.pi * d**2 / 4, math.pi * d**4 / 64, d / 2)


_NOMINAL = re.compile(r"^\s*(\d+)\s*[x×X]\s*(\d+)\s*$")


def _dressed_inches(nominal: int, timber: bool) -> float:
    # American Softwood Lumber Standard PS 20 / NDS Supplement Table 1B: dry dressed boards and
    # dimension lumber lose 1/4 in. (1"), 1/2 in. (2"-7") or 3/4 in. (8" and up); timbers
    # (5 in. nominal and thicker, dressed green) lose 1/2 in. on every face dimension.
    if timber:
        return nominal - 0.5
    if nominal == 1:
        return 0.75
    return nominal - 0.5 if nominal < 8 else nominal - 0.75


def lumber_size(nominal: str) -> tuple[pint.Quantity, pint.Quantity]:
    """Actual dressed (thickness, width) of North American lumber from its nominal name, e.g. "2x4".

    A "2x4" is 1-1/2 × 3-1/2 in. (PS 20; NDS Supplement Table 1B). Sizes other than this
    convention (rough-sawn, metric, resawn stock) are not nominal: use `rectangle` with the
    measured dimensions.
    """
    match = _NOMINAL.match(nominal) if isinstance(nominal, str) else None
    if not match:
        raise UnknownNameError(f"nominal: {nominal!r} is not a lumber size like '2x4' or '4x6'")
    a, b = sorted((int(match[1]), int(match[2])))
    if a < 1 or b > 16:
        raise UnknownNameError(f"nominal: {nominal!r} is outside 1x2 … 16x16 nominal lumber")
    timber = a >= 5
    return _q(_dressed_inches(a, timber), "inch"), _q(_dressed_inches(b, timber), "inch")


def lumber(nominal: str, *, on_edge: bool = True) -> Section:
    """Section of nominal lumber ("2x6") from its actual dressed size.

    `on_edge=True` bends it about the strong axis (load on the narrow face, like a joist);
    `on_edge=False` lays it flat (like a shelf board).
    """
    thickness, width = lumber_size(nominal)
    return rectangle(thickness, width) if on_edge else rectangle(width, thickness)
