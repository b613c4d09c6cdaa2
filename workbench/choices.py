"""Shared option lists for `Choice` parameters (no pint, no CadQuery: safe at design import)."""

from __future__ import annotations

from workbench.i18n import N_

EXPOSURE = {
    "shade": N_("Indoors or in shade"),
    "sun-light": N_("In sun, light colour"),
    "sun-dark": N_("In sun, dark colour"),
}
"""Where a part sits, as `workbench.checks.plastics.Exposure.from_choice` reads it."""
