"""Columns: Euler buckling for slender members, the J. B. Johnson parabola for short ones.

Euler: P_cr = π²·E·I / (K·L)². Johnson: P_cr = A·[S_y − (S_y·K·L / (2π·r))² / E]
(Shigley's Mechanical Engineering Design, 9th ed., §4-12 and §4-13, whose end-condition constant
is C = 1/K²). The two meet at the slenderness (K·L/r)₁ = √(2π²E/S_y), where the Euler stress
equals S_y/2, so the curve is continuous. Ideal straight columns, centred load, elastic material.
"""

from __future__ import annotations

import math
from enum import Enum

import pint

from workbench.checks._common import _compare, _imperial, _positive, _q, _words
from workbench.i18n import N_
from workbench.checks.result import CheckResult
from workbench.checks.sections import Section
from workbench.errors import BoundsError

_REFERENCE = (
    "Euler / J. B. Johnson column formulas, Shigley's Mechanical Engineering Design, 9th ed., "
    "§4-12–4-13"
)


class EndCondition(Enum):
    """How the column ends are held, with the theoretical effective-length factor K.

    K from the buckled-shape solutions (Gere & Goodno, Mechanics of Materials, §11.4):
    pinned–pinned 1.0, fixed–free 2.0, fixed–pinned 0.699, fixed–fixed 0.5. Design codes
    recommend larger K for real, imperfect fixity (AISC 360 Commentary Table C-A-7.1:
    fixed–pinned 0.80, fixed–free 2.1, fixed–fixed 0.65).

    The two sway cases are columns of an unbraced (moment) frame whose top may move sideways
    (AISC 360-16 Commentary Table C-A-7.1): both ends held against rotation, case (c), K = 1.0
    (recommended 1.2); pinned base and a top held against rotation by stiff beams, case (f),
    K = 2.0 (recommended 2.0) — a welded table or bench frame without diagonal braces.
    """

    PINNED_PINNED = N_("pinned-pinned")
    FIXED_FREE = N_("fixed-free")
    FIXED_PINNED = N_("fixed-pinned")
    FIXED_FIXED = N_("fixed-fixed")
    SWAY_FIXED_FIXED = N_("fixed-fixed sway")
    SWAY_PINNED_FIXED = N_("pinned-fixed sway")

    @property
    def k(self) -> float:
        """Effective-length factor K."""
        return {
            "pinned-pinned": 1.0, "fixed-free": 2.0, "fixed-pinned": 0.699, "fixed-fixed": 0.5,
            "fixed-fixed sway": 1.0, "pinned-fixed sway": 2.0,
        }[self.value]


def euler_critical_load(
    modulus: pint.Quantity,
    inertia: pint.Quantity,
    length: pint.Quantity,
    end: EndCondition = EndCondition.PINNED_PINNED,
) -> pint.Quantity:
    """Euler buckling load P_cr = π²·E·I/(K·L)² (N) of an ideal slender column."""
    e = _positive(modulus, "MPa", "modulus")
    i = _positive(inertia, "mm**4", "inertia")
    le = EndCondition(end).k * _positive(length, "mm", "length")
    return _q(math.pi**2 * e * i / le**2, "N")


def transition_slenderness(modulus: pint.Quantity, yield_strength: pint.Quantity) -> float:
    """(K·L/r)₁ = √(2π²E/S_y): above it Euler governs, below it Johnson (Shigley §4-13)."""
    e = _positive(modulus, "MPa", "modulus")
    sy = _positive(yield_strength, "MPa", "yield_strength")
    return math.sqrt(2 * math.pi**2 * e / sy)


def johnson_critical_load(
    modulus: pint.Quantity,
    area: pint.Quantity,
    radius_of_gyration: pint.Quantity,
    yield_strength: pint.Quantity,
    length: pint.Quantity,
    end: EndCondition = EndCondition.PINNED_PINNED,
) -> pint.Quantity:
    """Johnson parabola P_cr = A·[S_y − (S_y·K·L/(2π·r))²/E] (N), for K·L/r ≤ (K·L/r)₁."""
    e = _positive(modulus, "MPa", "modulus")
    a = _positive(area, "mm**2", "area")
    r = _positive(radius_of_gyration, "mm", "radius_of_gyration")
    sy = _positive(yield_strength, "MPa", "yield_strength")
    slenderness = EndCondition(end).k * _positive(length, "mm", "length") / r
    if slenderness > transition_slenderness(modulus, yield_strength) * (1 + 1e-9):
        raise BoundsError(
            f"length: K·L/r = {slenderness:.0f} is above the Johnson limit "
            f"{transition_slenderness(modulus, yield_strength):.0f}; use the Euler load"
        )
    return _q(a * (sy - (sy * slenderness / (2 * math.pi)) ** 2 / e), "N")


def critical_load(
    modulus: pint.Quantity,
    section: Section,
    yield_strength: pint.Quantity,
    length: pint.Quantity,
    end: EndCondition = EndCondition.PINNED_PINNED,
) -> pint.Quantity:
    """Buckling load (N): Euler above (K·L/r)₁, Johnson at or below it.

    Give `section` for bending about its weak axis: that is the way the column buckles.
    """
    r = _positive(section.r, "mm", "section.r")
    slenderness = EndCondition(end).k * _positive(length, "mm", "length") / r
    if slenderness > transition_slenderness(modulus, yield_strength):
        return euler_critical_load(modulus, section.I, length, end)
    return johnson_critical_load(modulus, section.area, section.r, yield_strength, length, end)


def buckling_check(
    load: pint.Quantity,
    modulus: pint.Quantity,
    section: Section,
    yield_strength: pint.Quantity,
    length: pint.Quantity,
    *,
    end: EndCondition = EndCondition.PINNED_PINNED,
    safety_factor: float = 2.0,
    name: str = N_("column buckling"),
) -> CheckResult:
    """Compressive `load` against P_cr / safety_factor (Euler or Johnson as the slenderness says).

    The default factor 2.0 is this project's choice: real columns are crooked and loaded off
    centre, which the ideal formulas ignore. Shigley's examples use design factors of 2.5–4.
    """
    if not safety_factor >= 1.0:
        raise BoundsError(f"safety_factor: {safety_factor!r} must be at least 1")
    p = _q(_positive(load, "N", "load"), "N")
    end = EndCondition(end)
    p_cr = critical_load(modulus, section, yield_strength, length, end)
    capacity = p_cr / safety_factor
    slenderness = end.k * _positive(length, "mm", "length") / _positive(section.r, "mm", "r")
    formula = (
        "Euler" if slenderness > transition_slenderness(modulus, yield_strength) else "Johnson"
    )
    unit = "lbf" if _imperial(load, length) else "N"
    message = _words(
        N_("The {end} column carries {load}; it buckles at {critical} ({formula}, K·L/r = "
           "{slenderness}), so with a factor of {factor} it may carry {capacity}."),
        end=end.value, load=(p, unit), critical=(p_cr, unit), formula=formula,
        slenderness=f"{slenderness:.0f}", factor=f"{safety_factor:g}", capacity=(capacity, unit),
    )
    return _compare(name, p.to(unit), capacity.to(unit), message=message, reference=_REFERENCE,
                    load_bearing=True)
