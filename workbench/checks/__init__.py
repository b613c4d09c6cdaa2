"""Engineering checks: pure functions of pint quantities, one module per field.

Every check returns a `CheckResult` (status, utilisation = demand/capacity, value, limit, a
sentence for the fabricator, and the source of the formula). The helpers behind the checks
(section properties, loads, moisture content…) live in the field modules:
`sections`, `beams`, `columns`, `thermal`, `moisture`, `plastics`, `fasteners`, `loads`,
`fabrication`, `soil` (earth pressure), `stock` (naming stock, and whether it is sold locally).
"""

from workbench.checks.beams import bending_stress_check, deflection_check
from workbench.checks.columns import buckling_check
from workbench.checks.fabrication import bed_fit_check, min_wall_check, sheet_fit_check
from workbench.checks.fasteners import bolt_shear_check, fillet_weld_check
from workbench.checks.moisture import wood_movement_check
from workbench.checks.plastics import creep_deflection_check, softening_check
from workbench.checks.result import CheckResult, Status, Verdict, verdict
from workbench.checks.sections import Section
from workbench.checks.stock import stock_check
from workbench.checks.thermal import expansion_gap_check, thermal_buckling_check

__all__ = [
    "CheckResult",
    "Section",
    "Status",
    "Verdict",
    "bed_fit_check",
    "bending_stress_check",
    "bolt_shear_check",
    "buckling_check",
    "creep_deflection_check",
    "deflection_check",
    "expansion_gap_check",
    "fillet_weld_check",
    "min_wall_check",
    "sheet_fit_check",
    "softening_check",
    "stock_check",
    "thermal_buckling_check",
    "verdict",
    "wood_movement_check",
]
