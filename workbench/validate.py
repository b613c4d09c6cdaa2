"""What the test suite checks of every design: metadata, builds at defaults and at every corner of
the hard bounds (flags and choices in every combination), analytic sizes and volumes.

Corners that break a design's cross-field rule are reported as refused (with the rule's sentence),
not as failures: refusing them in words is the right behaviour.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from workbench.design import Design
from workbench.errors import RuleError, WorkbenchError
from workbench.params import Choice, Count, Flag, Param, StockThickness, _Numeric

if TYPE_CHECKING:
    from workbench.context import Context

SIZE_TOL_MM = 1e-3
VOLUME_REL_TOL = 1e-6
MAX_CORNERS = 512
"""Above this many corner combinations, a deterministic spread of them is taken."""


@dataclass
class Report:
    """Outcome of validating one design."""

    design: str
    built: int = 0
    refused: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _geometric(p: Param) -> bool:
    """Load-case inputs (forces, pressures, masses) do not change geometry."""
    return getattr(p, "kind", "") not in ("force", "pressure", "mass")


def _corner_values(p: Param, design_cls: type[Design], ctx: "Context") -> list[Any]:
    if isinstance(p, StockThickness):
        from workbench.resolve import materials_for

        mat = materials_for(design_cls(), ctx)[p.role]
        items = ctx.stock_catalog.sheets(mat.id)
        if not items:
            return [p.default_value()]
        nominal = [i.nominal if i.nominal is not None else i.actual for i in items]
        return [min(nominal), max(nominal)]
    if isinstance(p, _Numeric):
        return [v for v in (p.min, p.max) if v is not None] or [p.default]
    if isinstance(p, Count):
        return [v for v in (p.min, p.max) if v is not None] or [p.default]
    if isinstance(p, Flag):
        return [False, True]
    if isinstance(p, Choice):
        return list(p.options)
    return [p.default]


def corners(design_cls: type[Design], ctx: "Context") -> Iterator[dict[str, Any]]:
    """Value sets at the corners of the hard bounds; hidden parameters stay at their defaults.

    Choices are enumerated first; for each choice set, the parameters visible under it vary.
    """
    params = design_cls.params()
    choice_names = [n for n, p in params.items() if isinstance(p, Choice)]
    for picked in itertools.product(*(list(params[n].options) for n in choice_names)):
        base = dict(zip(choice_names, picked))
        probe = design_cls(**base)
        vary = [
            n for n, p in params.items()
            if n not in base and _geometric(p) and p.is_visible(probe)
        ]
        spaces = [_corner_values(params[n], design_cls, ctx) for n in vary]
        combos = list(itertools.product(*spaces))
        if len(combos) > MAX_CORNERS:
            step = len(combos) / MAX_CORNERS
            combos = [combos[int(i * step)] for i in range(MAX_CORNERS)]
        for combo in combos:
            yield {**base, **dict(zip(vary, combo))}


def check_build(design: Design, ctx: "Context") -> list[str]:
    """Build `design` and compare parts with its analytic expectations; return failure lines."""
    from workbench.evaluate import evaluate

    ev = evaluate(design, ctx)
    assert ev.geometry is not None
    problems = []
    expected = design.expected(ev.resolved.kernel())
    for part in ev.geometry.parts:
        exp = expected.get(part.name)
        if exp is None:
            continue
        if exp.size is not None and any(
            abs(a - b) > SIZE_TOL_MM for a, b in zip(part.size, exp.size)
        ):
            problems.append(f"{design!r}: part '{part.name}' size {part.size} != expected {exp.size}")
        if exp.volume is not None and abs(part.volume - exp.volume) > VOLUME_REL_TOL * exp.volume:
            problems.append(
                f"{design!r}: part '{part.name}' volume {part.volume:.6g} != expected {exp.volume:.6g} mm³"
            )
    missing = set(expected) - {p.name for p in ev.geometry.parts}
    if missing:
        problems.append(f"{design!r}: expected parts not built: {', '.join(sorted(missing))}")
    return problems


def validate_design(design_cls: type[Design], ctx: "Context") -> Report:
    """Run the generic checks for one design class in context `ctx`."""
    report = Report(design_cls.id)
    report.failures += [f"metadata: {m}" for m in design_cls.metadata_problems()]
    try:
        report.failures += check_build(design_cls(), ctx)
        report.built += 1
    except WorkbenchError as exc:
        report.failures.append(f"defaults: {exc}")
    for values in corners(design_cls, ctx):
        try:
            design = design_cls(**values)
            report.failures += check_build(design, ctx)
            report.built += 1
        except RuleError as exc:
            report.refused.append(str(exc))
        except WorkbenchError as exc:
            report.failures.append(f"{values}: {exc}")
    return report
