"""What the test suite checks of every design: metadata, builds at defaults and at every corner of
the hard bounds (flags and choices in every combination), analytic sizes and volumes.

Corners that break a design's cross-field rule are reported as refused (with the rule's sentence),
not as failures: refusing them in words is the right behaviour.
"""

from __future__ import annotations

import itertools
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from workbench.design import Design
from workbench.errors import RuleError, WorkbenchError
from workbench.i18n import _
from workbench.params import Choice, Count, Flag, Param, _Numeric
from workbench.stockparams import stock_choice as stock_bound

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
    sampled: int = 0
    refused: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    checks: int = 0
    exports: list[str] = field(default_factory=list)
    variants: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    def lines(self) -> list[str]:
        """A short human report: the verdict, what was tried, then every failure."""
        verdict = _("ok") if self.ok else _("FAILED ({count} problem(s))").format(
            count=len(self.failures))
        out = [
            f"{self.design}: {verdict}",
            "  " + _("built {built} value sets (defaults, corners, {sampled} random samples); "
                     "{refused} refused by the design's rules, in words").format(
                built=self.built, sampled=self.sampled, refused=len(self.refused)),
            "  " + _("{checks} checks returned at the defaults; exports read back: {exports}; "
                     "variants reproduced: {variants}").format(
                checks=self.checks, exports=", ".join(self.exports) or _("none"),
                variants=self.variants),
        ]
        out += [f"  - {f}" for f in self.failures]
        return out


def _geometric(p: Param) -> bool:
    """Load-case inputs (forces, pressures, masses) do not change geometry."""
    return getattr(p, "kind", "") not in ("force", "pressure", "mass")


def _corner_values(p: Param, design_cls: type[Design], ctx: "Context") -> list[Any]:
    if stock_bound(p):
        from workbench.resolve import materials_for

        mat = materials_for(design_cls(), ctx)[p.role]  # type: ignore[attr-defined]
        items = p.offered(ctx, mat)  # type: ignore[attr-defined]
        if not items:
            return [p.default_value()]
        return [p.value_of(items[0]), p.value_of(items[-1])]  # type: ignore[attr-defined]
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


def samples(design_cls: type[Design], ctx: "Context", n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """`n` random value sets within the hard bounds (deterministic for a given seed)."""
    rng = random.Random(seed)
    params = design_cls.params()
    for _ in range(n):
        values: dict[str, Any] = {}
        for name, p in params.items():
            if stock_bound(p):
                values[name] = rng.choice(_corner_values(p, design_cls, ctx))
            elif isinstance(p, _Numeric):
                lo, hi = (p.min, p.max) if p.min is not None and p.max is not None else p.slider_range
                values[name] = rng.uniform(lo, hi)
            elif isinstance(p, Count):
                lo = p.min if p.min is not None else 0
                hi = p.max if p.max is not None else lo + 10
                values[name] = rng.randint(lo, hi)
            elif isinstance(p, Flag):
                values[name] = rng.random() < 0.5
            elif isinstance(p, Choice):
                values[name] = rng.choice(list(p.options))
        yield values


def check_build(design: Design, ctx: "Context") -> list[str]:
    """Build `design` and compare parts with its analytic expectations; return failure lines."""
    from workbench.checks.result import CheckResult
    from workbench.evaluate import evaluate

    ev = evaluate(design, ctx)
    assert ev.geometry is not None
    problems = []
    for c in ev.checks:
        if not isinstance(c, CheckResult):
            problems.append(f"{design!r}: a check returned {type(c).__name__}, not a CheckResult")
        elif "\n" in c.message or not c.message or not c.reference:
            problems.append(f"{design!r}: check '{c.name}' needs a one-line message and a reference")
    kernel = ev.resolved.kernel()
    kernel.context = ev.resolved.context  # what a design's expectation may depend on (stock, fit)
    expected = design.expected(kernel)
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
    if design.part_names:  # a design that names its parts names every one it builds
        from workbench.i18n import part_name_entry

        unnamed = [p.name for p in ev.geometry.parts if part_name_entry(design, p.name) is None]
        if unnamed:
            problems.append(f"{design!r}: parts not named in part_names (shown by their "
                            f"identifier): {', '.join(unnamed)}")
    missing = set(expected) - {p.name for p in ev.geometry.parts}
    if missing:
        problems.append(f"{design!r}: expected parts not built: {', '.join(sorted(missing))}")
    return problems


def check_exports(design: Design, ctx: "Context", out: Path) -> tuple[list[str], list[str]]:
    """Export every format the design offers and read each file back with its format's
    registered read-back (`export.formats`): STL watertight with the solid's volume, STEP
    re-imported with the same volume, DXF audited, the others whole. Returns (formats, failures).
    """
    from workbench.evaluate import evaluate
    from workbench.export import Expect, export, offered, spec

    ev = evaluate(design, ctx)
    geo = ev.geometry
    assert geo is not None
    formats = offered(geo)
    problems: list[str] = []
    expect = Expect(design.id, {p.name: p.volume for p in geo.parts})
    for fmt in formats:
        try:
            paths = export(ev, [fmt], out, design.id)
        except WorkbenchError as exc:
            return [], [f"export: {exc}"]
        for path in paths:
            problems += spec(fmt).check_read_back(path, expect)
    return [f.value for f in formats], problems


def check_variants(design_cls: type[Design]) -> tuple[int, list[str]]:
    """Load every variant file of the design and rebuild it: its geometry hash must match."""
    from workbench.evaluate import evaluate
    from workbench.geometry import geometry_hash
    from workbench.variants import variants

    problems, count = [], 0
    try:
        found = variants(design_cls.id)
    except WorkbenchError as exc:
        return 0, [f"variants: {exc}"]
    for v in found:
        try:
            ev = evaluate(v.design(), v.context())
        except WorkbenchError as exc:
            problems.append(f"variant {v.slug}: {exc}")
            continue
        count += 1
        assert ev.geometry is not None
        if v.geometry_hash and geometry_hash(ev.geometry) != v.geometry_hash:
            problems.append(f"variant {v.slug}: geometry hash differs from the file (the design changed?)")
    return count, problems


def validate_design(
    design_cls: type[Design],
    ctx: "Context",
    *,
    n_samples: int = 0,
    seed: int = 0,
    exports: bool = False,
    with_variants: bool = False,
) -> Report:
    """Run the generic checks for one design class in context `ctx`.

    Always: metadata, defaults and every corner. Optionally: `n_samples` random value sets, exports
    read back, and every variant file rebuilt to its recorded hash (`workbench validate` does all).
    """
    report = Report(design_cls.id)
    report.failures += [f"metadata: {m}" for m in design_cls.metadata_problems()]
    try:
        default = design_cls()
        report.failures += check_build(default, ctx)
        report.built += 1
        from workbench.evaluate import evaluate

        report.checks = len(evaluate(default, ctx).checks)
    except WorkbenchError as exc:
        report.failures.append(f"defaults: {exc}")
        default = None
    value_sets = [("corner", v) for v in corners(design_cls, ctx)]
    value_sets += [("sample", v) for v in samples(design_cls, ctx, n_samples, seed)]
    for kind, values in value_sets:
        try:
            design = design_cls(**values)
            report.failures += check_build(design, ctx)
            report.built += 1
            report.sampled += kind == "sample"
        except RuleError as exc:
            report.refused.append(str(exc))
        except WorkbenchError as exc:
            report.failures.append(f"{kind} {values}: {exc}")
        except Exception as exc:  # a design bug: report it, keep validating
            report.failures.append(f"{kind} {values}: unhandled {type(exc).__name__}: {exc}")
    if exports and default is not None:
        with tempfile.TemporaryDirectory(prefix="validate-") as tmp:
            report.exports, problems = check_exports(default, ctx, Path(tmp))
            report.failures += problems
    if with_variants:
        report.variants, problems = check_variants(design_cls)
        report.failures += problems
    return report
