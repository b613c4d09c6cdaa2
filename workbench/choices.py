"""Shared option lists for `Choice` parameters (no pint, no CadQuery: safe at design import)."""

from __future__ import annotations

EXPOSURE = {
    "shade": "Indoors or in shade",
    "sun-light": "In sun, light colour",
    "sun-dark": "In sun, dark colour",
}
"""Where a part sits, as `workbench.checks.plastics.Exposure.from_choice` reads it."""
