"""Soil: lateral earth pressure on a wall that retains it (a raised bed's boards, a terrace edge).

Rankine (1857) for a smooth vertical wall, level cohesionless fill, no water pressure: the active
coefficient K_a = tan²(45° − φ/2) = (1 − sin φ)/(1 + sin φ), the pressure at depth z
σ_h = K·(γ·z + q) for a surcharge q on the surface, and the resultant on the whole height H
P = ½·K·γ·H² + K·q·H per unit length of wall, acting at H/3 above the base for q = 0 (Knappett &
Craig, Craig's Soil Mechanics, 8th ed., ch. 11 "Retaining structures"; Das, Principles of
Geotechnical Engineering, 7th ed., ch. 13). A wall that
cannot yield enough to mobilise the active state (a stiff wall) takes the at-rest pressure,
K_0 = 1 − sin φ (Jáky 1944, for normally consolidated soil).

Cohesion is ignored (a cohesive fill's tension crack and wet-season loss of cohesion make it
unreliable in a garden bed); so is water pressure: a fill that cannot drain pushes much harder.

A post staked into cohesionless ground and pushed sideways at its top (a raised bed's mid post)
turns as a rigid body about its toe: Broms' short free-head pile in cohesionless soil, with the
ground's resistance taken as three times the Rankine passive pressure, 3·K_p·γ·z per unit width of
the post, K_p = tan²(45° + φ/2). Moments about the toe give the ultimate load at a height e above
the ground for an embedment L and a post width b:
H_u = 0.5·γ·b·L³·K_p/(e + L)
(Broms, B.B. 1964, "Lateral resistance of piles in cohesionless soils", J. Soil Mech. Found. Div.
ASCE 90(SM3), 123–156; restated as the short free-head case in Hannigan et al., "Design and
Construction of Driven Pile Foundations", FHWA-HI-97-013, FHWA 1998, §9.7.3.2; Reese & Van Impe,
"Single Piles and Pile Groups under Lateral Loading", Balkema 2001, Appendix A). Cohesion is left
out here too, which is on the safe side for a loam or clay.
"""

from __future__ import annotations

import math
from typing import Any

import pint

from workbench.checks._common import _dimensionless, _q, _require
from workbench.errors import BoundsError, UnitError

_REFERENCE = (
    "Rankine earth pressure, K_a = tan²(45° − φ/2) (Craig's Soil Mechanics, 8th ed., ch. 11; "
    "Das, Principles of Geotechnical Engineering, 7th ed., ch. 13)"
)


def _phi_radians(friction_angle: Any) -> float:
    """The friction angle in radians; 0 ≤ φ < 90°."""
    phi = _dimensionless(friction_angle, "friction_angle")  # degrees convert to radians
    if not 0 <= phi < math.pi / 2:
        raise BoundsError(
            f"friction_angle: {friction_angle:~P} must be at least 0° and below 90°"
        )
    return phi


def _unit_weight(value: Any) -> float:
    """A unit weight (force per volume, e.g. 18 kN/m³) in kN/m³; must be > 0."""
    try:
        q = _require(value, "kN/m**3", "unit_weight")
    except UnitError:
        shown = f"{value:~P}" if isinstance(value, pint.Quantity) else repr(value)
        raise UnitError(
            f"unit_weight: {shown} is not a unit weight (a weight per volume, e.g. 18 kN/m³)"
        ) from None
    magnitude = float(q.m_as("kN/m**3"))
    if magnitude <= 0:
        raise BoundsError(f"unit_weight: {q:~P} must be greater than zero")
    return magnitude


def _depth(value: Any, name: str) -> float:
    q = _require(value, "m", name)
    depth = float(q.m_as("m"))
    if depth < 0:
        raise BoundsError(f"{name}: {q:~P} must not be negative (depth below the soil surface)")
    return depth


def active_coefficient(friction_angle: pint.Quantity) -> float:
    """Rankine active earth pressure coefficient K_a = tan²(45° − φ/2): 1/3 at φ = 30°."""
    phi = _phi_radians(friction_angle)
    return math.tan(math.pi / 4 - phi / 2) ** 2


def passive_coefficient(friction_angle: pint.Quantity) -> float:
    """Rankine passive earth pressure coefficient K_p = tan²(45° + φ/2) = 1/K_a: 3 at φ = 30°."""
    phi = _phi_radians(friction_angle)
    return math.tan(math.pi / 4 + phi / 2) ** 2


def short_post_capacity(
    width: pint.Quantity,
    embedment: pint.Quantity,
    height: pint.Quantity,
    unit_weight: pint.Quantity,
    friction_angle: pint.Quantity,
) -> pint.Quantity:
    """Ultimate sideways load (N) at `height` e above the ground on a rigid post of `width` b
    staked `embedment` L into cohesionless ground: H_u = 0.5·γ·b·L³·K_p/(e + L) (Broms 1964,
    short free-head pile; see the module docstring)."""
    b = float(_require(width, "m", "width").m_as("m"))
    if b <= 0:
        raise BoundsError(f"width: {width:~P} must be greater than zero")
    length = _depth(embedment, "embedment")
    e = _depth(height, "height")
    if length + e <= 0:
        raise BoundsError("embedment and height must not both be zero")
    k_p = passive_coefficient(friction_angle)
    gamma = _unit_weight(unit_weight)  # kN/m³
    return _q(0.5 * gamma * b * length**3 * k_p / (e + length), "kN").to("N")


def at_rest_coefficient(friction_angle: pint.Quantity) -> float:
    """At-rest coefficient K_0 = 1 − sin φ (Jáky 1944): 0.5 at φ = 30°."""
    return 1.0 - math.sin(_phi_radians(friction_angle))


def lateral_pressure(
    depth: pint.Quantity,
    unit_weight: pint.Quantity,
    coefficient: float,
    *,
    surcharge: pint.Quantity | None = None,
) -> pint.Quantity:
    """Horizontal pressure σ_h = K·(γ·z + q) (kPa) at `depth` z below the soil surface."""
    k = _coefficient(coefficient)
    q = 0.0 if surcharge is None else float(_require(surcharge, "kPa", "surcharge").m_as("kPa"))
    return _q(k * (_unit_weight(unit_weight) * _depth(depth, "depth") + q), "kPa")


def lateral_force(
    top: pint.Quantity,
    bottom: pint.Quantity,
    unit_weight: pint.Quantity,
    coefficient: float,
    *,
    surcharge: pint.Quantity | None = None,
) -> pint.Quantity:
    """Force per unit length of wall (kN/m) on the band between depths `top` and `bottom`.

    The integral of σ_h over the band: K·γ·(z₂² − z₁²)/2 + K·q·(z₂ − z₁). From the surface to
    the base (top = 0, bottom = H) this is Rankine's thrust P = ½·K·γ·H² (+ K·q·H).
    """
    k = _coefficient(coefficient)
    z1, z2 = _depth(top, "top"), _depth(bottom, "bottom")
    if z2 < z1:
        raise BoundsError(f"bottom: {bottom:~P} is above top {top:~P}")
    q = 0.0 if surcharge is None else float(_require(surcharge, "kPa", "surcharge").m_as("kPa"))
    gamma = _unit_weight(unit_weight)
    return _q(k * gamma * (z2**2 - z1**2) / 2 + k * q * (z2 - z1), "kN/m")


def _coefficient(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 10:
        raise BoundsError(
            f"coefficient: {value!r} must be an earth pressure coefficient above 0 (e.g. 0.33)"
        )
    return float(value)


REFERENCE = _REFERENCE
"""The citation for the formulas, for checks built on them."""
BROMS_REFERENCE = ("Broms 1964, short free-head pile in cohesionless soil, H_u = 0.5·γ·b·L³·K_p/(e + L) "
                   "(J. Soil Mech. Found. Div. ASCE 90(SM3); FHWA-HI-97-013 §9.7.3.2)")
"""The citation for `short_post_capacity`."""

__all__ = [
    "BROMS_REFERENCE", "REFERENCE", "active_coefficient", "at_rest_coefficient", "lateral_force",
    "lateral_pressure", "passive_coefficient", "short_post_capacity",
]
