"""Which other materials would pass: the answer to a failed check that a fabricator can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.design import Design
from workbench.errors import WorkbenchError
from workbench.evaluate import Evaluation, evaluate

if TYPE_CHECKING:
    from workbench.context import Context


@dataclass(frozen=True)
class Alternative:
    """A material for a role and how the design fares with it."""

    material: str
    status: str
    worst_utilisation: float


def used_roles(ev: Evaluation) -> list[str]:
    """Roles of the parts actually built (a printed bracket does not use its plywood role)."""
    if ev.geometry is None:
        return list(type(ev.design).roles)
    seen: list[str] = []
    for p in ev.geometry.parts:
        if p.role not in seen:
            seen.append(p.role)
    return seen


def alternatives(design: Design, ctx: "Context", role: str) -> list[Alternative]:
    """Materials suiting `role`'s process with which no check fails, least utilised first.

    Geometry does not depend on the material, so every candidate reuses the cached build.
    """
    from workbench.context import materials

    spec = type(design).roles[role]
    out = []
    for mat in materials().values():
        if not mat.suits(spec.process.value):
            continue
        trial = ctx.evolve(materials={**ctx.roles, role: mat.id})
        try:
            ev = evaluate(design, trial)
        except WorkbenchError:  # e.g. the catalog sells no sheet of this material at this size
            continue
        if ev.status == "fail":
            continue
        worst = max((c.utilisation for c in ev.checks if c.utilisation == c.utilisation), default=0.0)
        out.append(Alternative(mat.id, ev.status, worst))
    return sorted(out, key=lambda a: (a.status != "pass", a.worst_utilisation, a.material))
