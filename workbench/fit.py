"""Fit to stock: the lightest (or cheapest, or lowest-carbon) variant that passes every check with
what a region sells.

The search is a sweep over the discrete choices — the material of every role the context leaves
open, and every sheet the stock catalog sells for each stock-bound thickness — plus any axes the
caller adds (``make=printed,plywood``). Then, where the design allows it, continuous parameters
are optimised within their hard bounds (scipy.optimize, COBYLA: minimise the objective subject to
every check's utilisation ≤ 1) starting from the best discrete candidates, and snapped to each
parameter's step.

Which parameters may be optimised is declared by the design, default none::

    class ShelfBracket(Design):
        free_parameters = ("width", "thickness")   # numeric parameters with min and max

A candidate passes when no check fails. One whose checks all ran ranks before one with a check that
could not run for missing data (listed as "not verified"); ``require_verified=True`` rejects those.
"""

from __future__ import annotations

import math
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from workbench.errors import WorkbenchError
from workbench.adapt import OBJECTIVE_WORDS  # each objective as a word ("least mass")
from workbench.i18n import _
from workbench.params import _Numeric
from workbench.sweep import jobs_for
from workbench.sweep.axes import (
    Axis, Combination, axes_from, base_values, combinations, stock_bound,
)
from workbench.sweep.runner import ExecutorKind, executor_for, run_jobs
from workbench.sweep.worker import Job, Metric, Row, design_class, run_job

if TYPE_CHECKING:
    from pathlib import Path

    from workbench.context import Context
    from workbench.design import Design

REFINE_TOP = 3
"""Discrete candidates whose continuous parameters are optimised (best passing, best near-miss)."""
MAX_ITER = 60
"""Evaluations COBYLA may spend on one candidate (each builds the geometry)."""
MAX_FREE = 4
"""At most this many free parameters (snapping tries every corner of the step grid: 2^n)."""


class Objective(str, Enum):
    """What the fit minimises."""

    MASS = "mass"
    COST = "cost"
    CARBON = "carbon"

    @classmethod
    def parse(cls, text: "Objective | str") -> "Objective":
        try:
            return cls(text) if isinstance(text, str) else text
        except ValueError:
            raise WorkbenchError(
                f"unknown objective '{text}'; allowed: {', '.join(o.value for o in cls)}") from None

    def of(self, row: Row) -> float | None:
        return {Objective.MASS: row.mass_kg, Objective.COST: row.cost,
                Objective.CARBON: row.carbon_kg}[self]

    def unit(self, row: Row) -> str:
        return {Objective.MASS: "kg", Objective.COST: row.currency,
                Objective.CARBON: "kgCO2e"}[self]


@dataclass(frozen=True)
class Candidate:
    """A variant the fit evaluated: its values and context, its row, and why it was rejected."""

    design_id: str
    values: Mapping[str, Any]
    context: "Context"
    labels: Mapping[str, str]
    row: Row
    reasons: tuple[str, ...] = ()
    refined: bool = False

    @property
    def passed(self) -> bool:
        return not self.reasons

    def design(self) -> "Design":
        from workbench import catalog

        return catalog.get(self.design_id)(**self.values)

    def describe(self) -> str:
        """``material.printed=petg, width=32 mm`` — what was chosen, and checks that could not run."""
        text = ", ".join(f"{k}={v}" for k, v in self.labels.items()) or _("defaults")
        unverified = [c.shown_name for c in self.row.unverified_checks]
        return text + (" [" + _("not verified: {names}").format(names=", ".join(unverified))
                       + "]" if unverified else "")


@dataclass(frozen=True)
class FitResult:
    """The winner (None when nothing passes), the runners-up and the rejected, with reasons."""

    design: str
    objective: Objective
    context: "Context"
    winner: Candidate | None
    runners_up: tuple[Candidate, ...]
    rejected: tuple[Candidate, ...]
    evaluated: int
    free: tuple[str, ...] = ()

    def _amount(self, c: Candidate, english: bool = False) -> str:
        value = self.objective.of(c.row)
        if value is None:
            return "unknown" if english else _("unknown")
        return f"{_significant(value, 'en' if english else None)} {self.objective.unit(c.row)}"

    def why(self) -> str:
        """The sentence a saved variant records."""
        ctx, w = self.context, self.winner
        if w is None:
            return ""
        worst = w.row.worst
        margin = f"; highest utilisation {worst.utilisation:.2f} ({worst.name})" if worst else ""
        return (f"Fit to {ctx.stock} stock in a {ctx.climate} climate: least {self.objective.value} "
                f"({self._amount(w, english=True)}) of {self.evaluated} variants that pass every "
                f"check{margin}")

    def report(self, limit: int = 12) -> str:
        """Winner, runners-up and why the rejected failed (the first `limit` of them)."""
        ctx = self.context
        lines = [_("fit {design} to {stock} stock, {climate} climate, workshop {workshop}: least "
                   "{objective}; {count} variants evaluated").format(
            design=self.design, stock=ctx.stock, climate=ctx.climate, workshop=ctx.workshop,
            objective=_(OBJECTIVE_WORDS[self.objective.value]), count=self.evaluated)
            + (_("; optimised {names}").format(names=", ".join(self.free)) if self.free else "")]
        if self.evaluated == 0:
            lines.append(_("nothing to evaluate: {stock} stock sells no item for the materials "
                           "of this design's stock-bound parameters").format(stock=ctx.stock))
        elif self.winner is None:
            lines.append(_("no variant passes every check"))
        else:
            lines.append(_("winner: {variant}: {amount}").format(
                variant=self.winner.describe(), amount=self._amount(self.winner))
                + (" " + _("(optimised)") if self.winner.refined else ""))
        for i, c in enumerate(self.runners_up, 1):
            lines.append(_("runner-up {n}: {variant}: {amount}").format(
                n=i, variant=c.describe(), amount=self._amount(c)))
        if self.rejected:
            lines.append(_("rejected ({count}):").format(count=len(self.rejected)))
            for c in self.rejected[:limit]:
                lines.append(f"  {c.describe()}: {'; '.join(c.reasons)}")
            if len(self.rejected) > limit:
                lines.append("  " + _("… and {count} more").format(
                    count=len(self.rejected) - limit))
        return "\n".join(lines)

    def save(self, name: str, *, author: str, why: str | None = None,
             folder: "Path | None" = None, overwrite: bool = False) -> "Path":
        """Write the winner as a variant file (values and context that differ from the design)."""
        from workbench.variants import save_variant

        if self.winner is None:
            raise WorkbenchError(f"nothing to save: no variant of {self.design} passes every check")
        return save_variant(self.winner.design(), self.winner.context, name=name,
                            why=why or self.why(), author=author, folder=folder,
                            overwrite=overwrite)


# -- classification -------------------------------------------------------------------------------
def _reasons(row: Row, objective: Objective, require_verified: bool,
             materials: str = "") -> tuple[str, ...]:
    if row.status == "error":
        return (row.error,)
    out = [_("{check} fails (utilisation {utilisation}): {message}").format(
        check=c.shown_name, utilisation=_significant(round(c.utilisation, 2)),
        message=c.shown_message) for c in row.failed_checks]
    if require_verified:
        out += [f"{c.shown_name}: {c.shown_message}" for c in row.unverified_checks]
    if not out and objective.of(row) is None:
        what = {Objective.MASS: _("a density"), Objective.COST: _("a price"),
                Objective.CARBON: _("an embodied carbon factor")}[objective]
        out.append(_("its {objective} is unknown: {materials} lacks {what} in materials/ (or the "
                     "stock catalog)").format(objective=_(OBJECTIVE_WORDS[objective.value]),
                                             materials=materials or _("a material"), what=what))
    return tuple(out)


def _significant(value: float, locale: str | None = None) -> str:
    """`value` to four significant digits (like ``{:.4g}``) with the locale's decimal mark."""
    from babel.numbers import get_decimal_symbol

    from workbench.i18n import get_locale

    return f"{value:.4g}".replace(".", get_decimal_symbol(locale or get_locale()))


def _identity(cls: type["Design"], c: Combination, row: Row) -> tuple[Any, ...]:
    """What makes two candidates different: visible values and the materials of built roles."""
    design = cls(**c.values)
    visible = tuple((n, p.canonical(design.values[n])) for n, p in cls.params().items()
                    if p.is_visible(design))
    roles = row.roles or tuple(cls.roles)
    mats = tuple((r, c.context.roles.get(r, cls.roles[r].default)) for r in roles)
    return visible, mats, c.context.stock, c.context.climate, c.context.workshop


def _without_hidden_repeats(cls: type["Design"], combos: list[Combination]) -> list[Combination]:
    """Drop combinations that differ only in values their design hides (a printed bracket's
    plywood thickness): they would build the same thing."""
    out, seen = [], set()
    params = cls.params()
    for c in combos:
        try:
            design = cls(**c.values)
        except WorkbenchError:  # refused by a rule: kept, it becomes a row with its reason
            out.append(c)
            continue
        key = (tuple((n, p.canonical(design.values[n])) for n, p in params.items()
                     if p.is_visible(design)), c.context)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _shown(cls: type["Design"], c: Combination, row: Row) -> dict[str, str]:
    """The labels that matter: visible parameters and the materials of the roles built."""
    design = cls(**c.values)
    params = cls.params()
    out = {}
    for name, label in c.labels.items():
        role = name.removeprefix("material.")
        if role != name and row.roles and role not in row.roles:
            continue
        if name in params and not params[name].is_visible(design):
            continue
        out[name] = label
    return out


def _rank(objective: Objective, c: Candidate) -> tuple[int, float, float, int]:
    """Verified candidates first (every check ran), then those with fewer checks that could not
    run (a wall fixing nobody can verify leaves every candidate one short), then the objective,
    then the margin."""
    worst = c.row.worst
    return (len(c.row.unverified_checks), objective.of(c.row) or math.inf,
            worst.utilisation if worst else 0.0, c.row.index)


# -- continuous refinement (runs in a worker) ------------------------------------------------------
@dataclass(frozen=True)
class RefineTask:
    job: Job
    free: tuple[str, ...]
    objective: Objective
    require_verified: bool
    max_iter: int = MAX_ITER


@dataclass(frozen=True)
class Refined:
    values: tuple[tuple[str, str], ...] = ()
    row: Row | None = None
    evaluations: int = 0


def _grid(x: float, step: float | None, lo: float, hi: float) -> list[float]:
    if not step:
        return [min(max(float(f"{x:.4g}"), lo), hi)]
    down, up = math.floor(x / step + 1e-9) * step, math.ceil(x / step - 1e-9) * step
    return sorted({round(min(max(v, lo), hi), 9) for v in (down, up)})


def refine(task: RefineTask) -> Refined:
    """Minimise the objective over the free parameters of `task.job` subject to every check."""
    from itertools import product

    import numpy as np
    from scipy.optimize import minimize

    cls = design_class(task.job)
    params = [cls.params()[n] for n in task.free]
    lo = np.array([p.min for p in params], dtype=float)  # type: ignore[attr-defined]
    hi = np.array([p.max for p in params], dtype=float)  # type: ignore[attr-defined]
    base = dict(task.job.values)
    seen: dict[tuple[float, ...], Row] = {}

    def run(mags: Sequence[float]) -> Row:
        key = tuple(round(float(m), 9) for m in mags)
        if key not in seen:
            values = {**base, **{p.name: f"{m!r} {p.unit}" for p, m in zip(params, key)}}  # type: ignore[attr-defined]
            seen[key] = run_job(replace(task.job, values=tuple(sorted(values.items()))))
        return seen[key]

    def mags(x: np.ndarray) -> np.ndarray:
        return lo + np.clip(x, 0.0, 1.0) * (hi - lo)

    start = cls(**base)
    x0 = np.array([(float(start.values[p.name].m_as(p.unit)) - a) / (b - a) if b > a else 0.0  # type: ignore[attr-defined]
                   for p, a, b in zip(params, lo, hi)])
    row0 = run(mags(x0))
    scale = task.objective.of(row0) or 1.0

    def f(x: np.ndarray) -> float:
        value = task.objective.of(run(mags(x)))
        return 10.0 if value is None else value / scale

    def g(x: np.ndarray) -> float:
        row = run(mags(x))
        worst = row.worst
        return -1.0 if row.status == "error" or worst is None else 1.0 - worst.utilisation

    res = minimize(f, x0, method="COBYLA", constraints=[{"type": "ineq", "fun": g}],
                   bounds=[(0.0, 1.0)] * len(params),
                   options={"maxiter": task.max_iter, "rhobeg": 0.2})
    best: tuple[float, tuple[float, ...], Row] | None = None
    for point in (mags(res.x), mags(x0)):
        grids = [_grid(float(m), p.step, a, b) for m, p, a, b in zip(point, params, lo, hi)]  # type: ignore[attr-defined]
        for corner in product(*grids):
            row = run(corner)
            value = task.objective.of(row)
            if value is None or _reasons(row, task.objective, task.require_verified):
                continue
            if best is None or value < best[0] - 1e-12:
                best = (value, corner, row)
        if best is not None:
            break
    if best is None:
        return Refined(evaluations=len(seen))
    texts = tuple((p.name, f"{m!r} {p.unit}") for p, m in zip(params, best[1]))  # type: ignore[attr-defined]
    return Refined(texts, best[2], len(seen))


# -- the search -----------------------------------------------------------------------------------
def free_parameters(cls: type["Design"], free: Sequence[str] | None = None) -> tuple[str, ...]:
    """The parameters the fit may optimise: `free`, else the design's ``free_parameters``."""
    names = tuple(free if free is not None else getattr(cls, "free_parameters", ()))
    params = cls.params()
    for n in names:
        p = params.get(n)
        if p is None:
            raise WorkbenchError(f"{cls.id}: unknown free parameter '{n}'; known: {', '.join(params)}")
        if not isinstance(p, _Numeric) or stock_bound(p) or p.min is None or p.max is None:
            raise WorkbenchError(
                f"{cls.id}: '{n}' cannot be optimised: a free parameter is a number with min and max "
                "(stock thicknesses are searched among what the catalog sells)")
    if len(names) > MAX_FREE:
        raise WorkbenchError(f"{cls.id}: at most {MAX_FREE} free parameters; got {len(names)}")
    return names


def _local_requirements(cls: type["Design"], design: "Design | None", ctx: "Context"
                        ) -> dict[str, Any]:
    """Stock values the fit does not search (a riser pipe) that the place does not sell, replaced
    by their parameter's rule (`StockBound.replacement`), as `workbench.adapt` does; values the
    caller set stay."""
    from workbench.context import material
    from workbench.stockparams import StockBound, stock_choice

    d = design if design is not None else cls()
    fixed = set(design.overrides()) if design is not None else set()
    out: dict[str, Any] = {}
    for name, p in cls.params().items():
        if (not isinstance(p, StockBound) or stock_choice(p) or p.replace is None
                or name in fixed or not p.is_visible(d)):  # type: ignore[attr-defined]
            continue
        mat = material(ctx.roles.get(p.role, cls.roles[p.role].default)) if p.role else None
        if p.sold_item(d.values[name], ctx, mat) is None:
            item = p.replacement(d.values[name], ctx, mat)
            if item is not None:
                out[name] = p.to_text(p.value_of(item))  # type: ignore[attr-defined]
    return out


def _family_of(cls: type["Design"], role: str) -> str:
    """The materials a fit tries for an open role: those of the default material's family made by
    the role's process (a riser pipe stays a plastic pipe, a frame tube a steel), else every
    material the process makes (``*``)."""
    from workbench.context import material, materials

    spec = cls.roles[role]
    default = material(spec.default)
    if default.family is None:
        return "*"
    same = sorted(m.id for m in materials().values()
                  if m.family == default.family and spec.process in m.processes)
    return ",".join(same) or "*"


def search_axes(cls: type["Design"], design: "Design | None", ctx: "Context",
                vary: Sequence[str | Axis] = ()) -> list[Axis]:
    """The discrete axes: the caller's, then every open role's materials (of its default's family)
    and every stock choice."""
    axes = axes_from(cls, list(vary))
    named = {a.name for a in axes}
    fixed_values = set(design.overrides()) if design is not None else set()
    texts = [f"material.{r}={_family_of(cls, r)}" for r in cls.roles
             if r not in ctx.roles and f"material.{r}" not in named]
    texts += [f"{n}=*" for n, p in cls.params().items()
              if stock_bound(p) and n not in named and n not in fixed_values]
    return axes + axes_from(cls, texts)


def fit(
    design: "str | Design",
    ctx: "Context",
    objective: Objective | str = Objective.MASS,
    *,
    vary: Sequence[str | Axis] = (),
    free: Sequence[str] | None = None,
    executor: Executor | ExecutorKind | str | None = None,
    workers: int | None = None,
    runners_up: int = 3,
    require_verified: bool = False,
    progress: bool | None = True,
) -> FitResult:
    """Search materials, stock and (if declared) free parameters for the best passing variant.

    Roles given a material in `ctx` and parameters set on a `design` instance stay fixed.
    """
    from workbench import catalog
    from workbench.design import Design

    goal = Objective.parse(objective)
    instance = design if isinstance(design, Design) else None
    cls = type(design) if isinstance(design, Design) else catalog.get(design)
    ctx = ctx.validate()
    names = free_parameters(cls, free)
    axes = search_axes(cls, instance, ctx, vary)
    base = {**base_values(instance), **_local_requirements(cls, instance, ctx)}
    combos = _without_hidden_repeats(cls, combinations(cls, base, ctx, axes))
    metrics = (Metric.MASS, Metric.COST, Metric.CARBON)
    jobs = jobs_for(cls, combos, metrics)
    if isinstance(executor, Executor):
        rows = run_jobs(jobs, executor, progress=progress, desc=f"fit {cls.id}")
        refined = _refine_all(cls, jobs, combos, rows, names, goal, require_verified, executor)
    else:
        with executor_for(executor or ExecutorKind.POOL, workers=workers) as ex:
            rows = run_jobs(jobs, ex, progress=progress, desc=f"fit {cls.id}")
            refined = _refine_all(cls, jobs, combos, rows, names, goal, require_verified, ex)
    candidates: list[Candidate] = []
    seen: set[Any] = set()
    found = [(combo, row, False) for combo, row in zip(combos, rows)] + refined
    for combo, row, was_refined in found:
        try:
            ident, labels = _identity(cls, combo, row), _shown(cls, combo, row)
        except WorkbenchError:
            ident, labels = ("refused", row.index, was_refined), dict(combo.labels)
        if ident in seen:
            continue
        seen.add(ident)
        mats = ", ".join(sorted({combo.context.roles.get(r, cls.roles[r].default)
                                 for r in row.roles or cls.roles}))
        candidates.append(Candidate(cls.id, dict(combo.values), combo.context, labels, row,
                                    _reasons(row, goal, require_verified, mats), was_refined))
    passing = sorted((c for c in candidates if c.passed), key=lambda c: _rank(goal, c))
    rejected = tuple(c for c in candidates if not c.passed)
    return FitResult(cls.id, goal, ctx, passing[0] if passing else None,
                     tuple(passing[1:1 + runners_up]), rejected, len(rows), names)


def _distinct(cls: type["Design"], found: list[tuple[Job, Combination, Row]]
              ) -> list[tuple[Job, Combination, Row]]:
    out, seen = [], set()
    for j, c, r in found:
        try:
            ident = _identity(cls, c, r)
        except WorkbenchError:
            continue
        if ident not in seen:
            seen.add(ident)
            out.append((j, c, r))
    return out


def _refine_all(cls: type["Design"], jobs: Sequence[Job], combos: Sequence[Combination],
                rows: Sequence[Row], names: tuple[str, ...], goal: Objective,
                require_verified: bool, executor: Executor
                ) -> list[tuple[Combination, Row, bool]]:
    """Optimise the free parameters from the best passing and the nearest failing candidates."""
    if not names:
        return []
    ok = [(j, c, r) for j, c, r in zip(jobs, combos, rows)
          if not _reasons(r, goal, require_verified)]
    ok.sort(key=lambda t: (len(t[2].unverified_checks), goal.of(t[2]) or math.inf))
    near = [(j, c, r) for j, c, r in zip(jobs, combos, rows)
            if r.status == "fail" and r.worst is not None and not r.unverified_checks]
    near.sort(key=lambda t: t[2].worst.utilisation)  # type: ignore[union-attr]
    starts = _distinct(cls, ok)[:REFINE_TOP] + _distinct(cls, near)[:REFINE_TOP]
    futures = [(c, executor.submit(refine, RefineTask(j, names, goal, require_verified)))
               for j, c, _ in starts]
    out = []
    params = cls.params()
    for combo, f in futures:
        try:
            got: Refined = f.result()
        except Exception:  # an optimisation that died is one candidate fewer, not a failed fit
            continue
        if got.row is None:
            continue
        labels = {**combo.labels,
                  **{n: params[n].to_text(params[n].coerce(v)) for n, v in got.values}}
        out.append((Combination({**combo.values, **dict(got.values)}, combo.context, labels,
                                combo.coords), got.row, True))
    return out


__all__ = ["Candidate", "FitResult", "Objective", "fit", "free_parameters", "refine", "search_axes"]
