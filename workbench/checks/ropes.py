"""Fibre rope: breaking force by diameter and the tension a rope pump puts on it.

Polypropylene 3- and 8-strand rope, minimum breaking strength by diameter, with a safety factor
of 12 for the safe load (The Engineering ToolBox, 'Polypropylene Fiber Rope - Strength',
engineeringtoolbox.com/polypropylene-rope-strength-d_1516.html). Rope pumps use rope "of a
thickness (1/4 in or 6 mm) which, under normal circumstances, lasts three years" (Bombas de Mecate,
ropepump.com, 'Operation, Maintenance and Repair').
"""

from __future__ import annotations

import pint

from workbench.checks._common import _compare, _q, _words
from workbench.i18n import N_
from workbench.checks.result import CheckResult

PP_ROPE_BREAKING_KN = {6: 5.00, 8: 7.61, 10: 10.8, 11: 14.0, 12: 16.8, 14: 20.4, 16: 24.8,
                       18: 34.0, 22: 46.0, 24: 57.0}
"""Rope diameter (mm) → minimum breaking strength (kN), polypropylene (Engineering ToolBox)."""
PP_ROPE_SAFETY_FACTOR = 12.0
"""Safe load = breaking strength / 12 (the same Engineering ToolBox table)."""
_REFERENCE = ("Polypropylene rope minimum breaking strength and safety factor 12, The Engineering "
              "ToolBox 'Polypropylene Fiber Rope - Strength'")


def breaking_force(diameter: pint.Quantity) -> pint.Quantity | None:
    """Tabulated breaking force of polypropylene rope of `diameter`, or None when not tabulated."""
    mm = float(diameter.to("mm").magnitude)
    for d, kn in PP_ROPE_BREAKING_KN.items():
        if abs(mm - d) < 1e-6:
            return _q(kn, "kN")
    return None


def rope_tension_check(tension: pint.Quantity, diameter: pint.Quantity) -> CheckResult:
    """The rope's tight-side tension against breaking force / 12."""
    name = "rope tension"
    mbs = breaking_force(diameter)
    if mbs is None:
        sizes = ", ".join(f"{d}" for d in PP_ROPE_BREAKING_KN)
        return CheckResult.missing(
            name, N_("breaking force of {diameter} mm polypropylene rope (tabulated: {sizes} mm)"),
            diameter=f"{diameter.to('mm').magnitude:g}", sizes=sizes)
    safe = mbs / PP_ROPE_SAFETY_FACTOR
    return _compare(
        name, tension.to("N"), safe.to("N"),
        message=_words(
            N_("The rope pulls {tension} on the tight side; {diameter} polypropylene breaks at "
               "{breaking}, safe load {safe} (factor {factor})."),
            tension=(tension, "N"), diameter=f"{diameter.to('mm').magnitude:g} mm",
            breaking=(mbs, "N"), safe=(safe, "N"), factor=f"{PP_ROPE_SAFETY_FACTOR:g}",
        ),
        reference=_REFERENCE,
    )


__all__ = ["PP_ROPE_BREAKING_KN", "PP_ROPE_SAFETY_FACTOR", "breaking_force", "rope_tension_check"]
