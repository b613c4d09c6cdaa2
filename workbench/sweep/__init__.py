"""Sweeps: evaluate every combination of varied parameters, materials and context.

    from workbench.sweep import sweep
    table = sweep("bracket", {"arm": "100mm..300mm:5", "material.printed": "pla,petg"},
                  Context(climate="hot-arid"))
    table.write("results.csv"); table.plot("arm bending", "arm")

Each combination reports its checks and, as asked, mass, cost, carbon, volume or geometry hash;
geometry is built only when a metric needs it (mass is volume × density) or the design declares
``checks_need_geometry = True``; a checks-only sweep (``metrics=()``) of the bracket calls no
CadQuery code. The default executor is the warm pool (`workbench.pool`); any
`concurrent.futures.Executor` works, e.g. ``client.get_executor()`` of a Dask cluster. A failing
combination is a row with its error, never a crashed sweep.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from workbench.errors import WorkbenchError
from workbench.sweep.axes import Axis, AxisKind, Combination, axes_from, base_values, combinations
from workbench.sweep.runner import ExecutorKind, SerialExecutor, close_dask, dask_client, executor_for, run_jobs
from workbench.sweep.table import Result, SweepTable, TableFormat, results
from workbench.sweep.worker import DEFAULT_METRICS, ENV_VARS, CheckRow, Job, Metric, Row

if TYPE_CHECKING:
    from workbench.context import Context
    from workbench.design import Design

__all__ = [
    "Axis", "AxisKind", "CheckRow", "Combination", "DEFAULT_METRICS", "ExecutorKind", "Job",
    "Metric", "Result", "Row", "SerialExecutor", "SweepTable", "TableFormat", "close_dask",
    "dask_client", "executor_for", "jobs_for", "run_jobs", "sweep",
]


def _metrics(metrics: Iterable[Metric | str]) -> tuple[Metric, ...]:
    out = []
    for m in metrics:
        try:
            out.append(m if isinstance(m, Metric) else Metric(str(m).strip().lower()))
        except ValueError:
            allowed = ", ".join(x.value for x in Metric)
            raise WorkbenchError(f"unknown output '{m}'; allowed: checks, {allowed}") from None
    return tuple(dict.fromkeys(out))


def jobs_for(design_cls: type["Design"], combos: Sequence[Combination],
             metrics: Sequence[Metric]) -> list[Job]:
    """One job per combination (plain data that any worker can run)."""
    from workbench.i18n import get_locale

    env = tuple((name, os.environ.get(name)) for name in ENV_VARS)
    locale = get_locale()
    return [
        Job(i, design_cls.id, design_cls.version, tuple(sorted(c.values.items())),
            tuple(c.context.materials), c.context.stock, c.context.climate, c.context.workshop,
            tuple(m.value for m in metrics), env, locale)
        for i, c in enumerate(combos)
    ]


def _design_and_class(design: "str | Design") -> tuple[type["Design"], "Design | None"]:
    from workbench import catalog
    from workbench.design import Design

    if isinstance(design, Design):
        return type(design), design
    return catalog.get(design), None


def sweep(
    design: "str | Design",
    vary: Mapping[str, Any] | Sequence[str | Axis],
    ctx: "Context | None" = None,
    *,
    metrics: Iterable[Metric | str] = DEFAULT_METRICS,
    executor: Executor | ExecutorKind | str | None = None,
    workers: int | None = None,
    progress: bool | None = True,
) -> SweepTable:
    """Evaluate every combination of `vary` over `design` (an id, or an instance whose values are
    the base) in `ctx`. `executor`: an Executor, or "pool" (default), "serial" or "dask".
    `progress`: a bar (True), none (False), or one only on a terminal or in a notebook (None)."""
    from workbench.context import Context

    cls, instance = _design_and_class(design)
    ctx = (ctx or Context()).validate()
    axes = axes_from(cls, vary)
    wanted = _metrics(metrics)
    combos = combinations(cls, base_values(instance), ctx, axes)
    jobs = jobs_for(cls, combos, wanted)
    if isinstance(executor, Executor):
        rows = run_jobs(jobs, executor, progress=progress, desc=f"sweep {cls.id}")
    else:
        with executor_for(executor or ExecutorKind.POOL, workers=workers) as ex:
            rows = run_jobs(jobs, ex, progress=progress, desc=f"sweep {cls.id}")
    return SweepTable(cls.id, tuple(axes), wanted, ctx, results(jobs, combos, rows))
