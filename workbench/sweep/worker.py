"""What runs in a sweep's worker: a job (plain data) in, a row (plain data) out.

Jobs name the design by id and carry values as text, so nothing but strings and numbers crosses
a process or a network: the same job runs in this process, in the warm pool or on a Dask cluster.
Every failure of a combination becomes a row with its error (one line), never an exception.
"""

from __future__ import annotations

from workbench.caches import register

import os
import time
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.design import Design
    from workbench.evaluate import Evaluation


class Metric(str, Enum):
    """What a sweep reports for each combination besides the checks."""

    MASS = "mass"
    COST = "cost"
    CARBON = "carbon"
    VOLUME = "volume"
    HASH = "hash"
    """The geometry hash (`workbench.geometry.geometry_hash`), to compare runs exactly."""


GEOMETRY_METRICS = frozenset(Metric)
"""Every metric needs the built geometry (mass is volume × density); checks alone may not."""

DEFAULT_METRICS = (Metric.MASS, Metric.COST, Metric.CARBON)

ENV_VARS = ("WORKBENCH_DESIGNS", "WORKBENCH_MATERIALS")
"""Where designs and data are read from: a job carries the caller's, a worker follows them."""


@dataclass(frozen=True)
class Job:
    """One combination: the design by id and version, constructor values, and the context."""

    index: int
    design: str
    version: str
    values: tuple[tuple[str, Any], ...]
    materials: tuple[tuple[str, str], ...]
    stock: str
    climate: str
    workshop: str
    metrics: tuple[str, ...] = tuple(m.value for m in DEFAULT_METRICS)
    env: tuple[tuple[str, str | None], ...] = ()
    locale: str = "en"
    """The language a row says its checks in (`CheckRow.label`, `CheckRow.said`)."""


@dataclass(frozen=True)
class CheckRow:
    """One check's verdict in a row; `message` is kept for checks that do not pass."""

    name: str
    status: str
    utilisation: float
    message: str = ""
    label: str = ""
    """The check's name in the job's language (empty: as `name`)."""
    said: str = ""
    """`message` in the job's language (empty: as `message`)."""

    @property
    def shown_name(self) -> str:
        return self.label or self.name

    @property
    def shown_message(self) -> str:
        return self.said or self.message


@dataclass(frozen=True)
class Row:
    """The outcome of one job. `status` is pass, warn, fail, or error (then `error` says why)."""

    index: int
    status: str
    error: str = ""
    checks: tuple[CheckRow, ...] = ()
    mass_kg: float | None = None
    cost: float | None = None
    currency: str = ""
    carbon_kg: float | None = None
    volume_mm3: float | None = None
    geometry_hash: str = ""
    roles: tuple[str, ...] = ()
    """Material roles of the parts built (empty when nothing was built)."""
    built: bool = False
    seconds: float = field(default=0.0, compare=False)

    @property
    def failed_checks(self) -> tuple[CheckRow, ...]:
        return tuple(c for c in self.checks if c.status == "fail")

    @property
    def unverified_checks(self) -> tuple[CheckRow, ...]:
        """Checks that could not run (missing data: utilisation is NaN)."""
        return tuple(c for c in self.checks if c.utilisation != c.utilisation)

    @property
    def worst(self) -> CheckRow | None:
        """The check with the highest utilisation (NaN ones ignored)."""
        known = [c for c in self.checks if c.utilisation == c.utilisation]
        return max(known, key=lambda c: c.utilisation, default=None)


def needs_geometry(design_cls: type, metrics: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether a job must build: a metric needs volume, or the design's checks need geometry.

    A design whose checks read the geometry says so with ``checks_need_geometry = True``; by
    default checks are geometry-free and a checks-only sweep calls no CadQuery code.
    """
    if any(Metric(m) in GEOMETRY_METRICS for m in metrics):
        return True
    return bool(getattr(design_cls, "checks_need_geometry", False))


def one_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first


_SEEN_SOURCES: dict[str, int] = {}
register("sweep worker sources", _SEEN_SOURCES.clear)


def _follow_env(job: Job) -> None:
    """Read designs and data from where the caller does (a test's folder, a user's data)."""
    from workbench import catalog

    changed = False
    for name, value in job.env:
        if os.environ.get(name) != value:
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
            changed = True
    if changed:
        catalog.refresh()


def design_class(job: Job) -> type["Design"]:
    """The job's design class, reloaded when its file changed since this process read it."""
    from workbench import catalog

    _follow_env(job)
    entry = catalog.entry(job.design)
    source = entry.source if entry.folder is not None and os.path.isfile(entry.source) else None
    if source is not None:
        mtime = os.stat(source).st_mtime_ns
        if _SEEN_SOURCES.setdefault(source, mtime) != mtime:
            catalog.refresh()
            _SEEN_SOURCES[source] = mtime
            entry = catalog.entry(job.design)
    if entry.cls.version != job.version:
        raise WorkbenchError(
            f"this worker has {job.design} {entry.cls.version}, the sweep asked for {job.version}"
        )
    return entry.cls


def job_context(job: Job) -> Any:
    from workbench.context import Context

    return Context(dict(job.materials), job.stock, job.climate, job.workshop)


def row_of(job: Job, ev: "Evaluation", seconds: float) -> Row:
    """A row from an evaluation: plain numbers in kg, kgCO2e, mm³ and the catalog's currency."""
    from workbench.i18n import using_locale

    english = job.locale.split("_")[0] == "en"
    with using_locale(job.locale):  # the job may run in another process: its own language
        checks = tuple(
            CheckRow(c.name, c.status.value, float(c.utilisation),
                     "" if c.status.value == "pass" else c.message,
                     "" if english else c.label(),
                     "" if english or c.status.value == "pass" else c.render())
            for c in ev.checks
        )
    geo = ev.geometry
    metrics = set(job.metrics)
    cost = ev.cost if Metric.COST.value in metrics else None
    mass = ev.mass if Metric.MASS.value in metrics else None
    carbon = ev.carbon if Metric.CARBON.value in metrics else None
    geometry_hash = ""
    if geo is not None and Metric.HASH.value in metrics:
        from workbench.geometry import geometry_hash as _hash

        geometry_hash = _hash(geo)
    return Row(
        index=job.index,
        status=ev.status,
        checks=checks,
        mass_kg=None if mass is None else float(mass.to("kg").magnitude),
        cost=None if cost is None else float(cost.magnitude),
        currency="" if cost is None else f"{cost.units:~P}",
        carbon_kg=None if carbon is None else float(carbon.to("kgCO2e").magnitude),
        volume_mm3=None if geo is None or Metric.VOLUME.value not in metrics else geo.volume,
        geometry_hash=geometry_hash,
        roles=() if geo is None else tuple(sorted({p.role for p in geo.parts})),
        built=geo is not None,
        seconds=seconds,
    )


def run_job(job: Job) -> Row:
    """Evaluate one combination; any failure is a row with its error."""
    from workbench.evaluate import evaluate

    t0 = time.perf_counter()
    try:
        cls = design_class(job)
        design = cls(**dict(job.values))
        ev = evaluate(design, job_context(job), build=needs_geometry(cls, job.metrics))
        return row_of(job, ev, time.perf_counter() - t0)
    except WorkbenchError as exc:
        return Row(job.index, "error", error=one_line(str(exc)), seconds=time.perf_counter() - t0)
    except Exception as exc:  # a design's bug: reported in its row, the sweep goes on
        return Row(job.index, "error", error=f"{type(exc).__name__}: {one_line(str(exc))}",
                   seconds=time.perf_counter() - t0)


def run_chunk(jobs: tuple[Job, ...]) -> list[Row]:
    """Evaluate several jobs in one task (fewer round trips to the worker)."""
    return [run_job(j) for j in jobs]
