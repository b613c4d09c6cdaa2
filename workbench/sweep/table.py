"""A sweep's results: one row per combination, written as CSV or Parquet, plotted with matplotlib.

Columns: each varied axis (as text with units), ``status`` (pass, warn, fail or error),
``worst check`` and ``worst utilisation``, the requested metrics (``mass kg``, ``cost`` with
``currency``, ``carbon kgCO2e``, ``volume mm3``, ``geometry hash``), one ``util: NAME`` column per
check (demand / capacity; empty when the check could not run), and ``error``.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from workbench.errors import WorkbenchError
from workbench.sweep.axes import Axis, Combination
from workbench.sweep.worker import Job, Metric, Row

if TYPE_CHECKING:
    from workbench.context import Context

_METRIC_COLUMNS: dict[Metric, tuple[tuple[str, Callable[[Row], Any]], ...]] = {
    Metric.MASS: (("mass kg", lambda r: r.mass_kg),),
    Metric.COST: (("cost", lambda r: r.cost), ("currency", lambda r: r.currency)),
    Metric.CARBON: (("carbon kgCO2e", lambda r: r.carbon_kg),),
    Metric.VOLUME: (("volume mm3", lambda r: r.volume_mm3),),
    Metric.HASH: (("geometry hash", lambda r: r.geometry_hash),),
}


class TableFormat(str, Enum):
    """Files a sweep table is written as, by file suffix."""

    CSV = ".csv"
    PARQUET = ".parquet"

    @classmethod
    def of(cls, path: Path) -> "TableFormat":
        try:
            return cls(path.suffix.lower())
        except ValueError:
            allowed = ", ".join(f.value for f in cls)
            raise WorkbenchError(
                f"cannot write a table to '{path.name}'; allowed suffixes: {allowed}") from None


@dataclass(frozen=True)
class Result:
    """One row of the table: the combination and its outcome."""

    job: Job
    combination: Combination
    row: Row

    @property
    def status(self) -> str:
        return self.row.status


@dataclass(frozen=True)
class SweepTable:
    """The results of a sweep, in combination order."""

    design: str
    axes: tuple[Axis, ...]
    metrics: tuple[Metric, ...]
    context: "Context"
    results: tuple[Result, ...]

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[Result]:
        return iter(self.results)

    def __getitem__(self, i: int) -> Result:
        return self.results[i]

    # -- views ------------------------------------------------------------------------------------
    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    def summary(self) -> str:
        """``200 variants of bracket: 150 pass, 20 warn, 28 fail, 2 error``."""
        parts = [f"{self.count(s)} {s}" for s in ("pass", "warn", "fail", "error")]
        return f"{len(self)} variants of {self.design}: {', '.join(parts)}"

    def check_names(self) -> list[str]:
        names: list[str] = []
        for r in self.results:
            for c in r.row.checks:
                if c.name not in names:
                    names.append(c.name)
        return names

    @property
    def columns(self) -> list[str]:
        cols = [a.name for a in self.axes] + ["status", "worst check", "worst utilisation"]
        for m in self.metrics:
            cols += [name for name, _ in _METRIC_COLUMNS[m]]
        cols += [f"util: {n}" for n in self.check_names()]
        return cols + ["error"]

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by `columns` (None where a value is unknown)."""
        checks = self.check_names()
        out = []
        for r in self.results:
            rec: dict[str, Any] = {a.name: r.combination.labels.get(a.name) for a in self.axes}
            worst = r.row.worst
            rec["status"] = r.row.status
            rec["worst check"] = worst.name if worst else None
            rec["worst utilisation"] = worst.utilisation if worst else None
            for m in self.metrics:
                for name, get in _METRIC_COLUMNS[m]:
                    rec[name] = get(r.row)
            by_name = {c.name: c.utilisation for c in r.row.checks}
            for n in checks:
                u = by_name.get(n)
                rec[f"util: {n}"] = None if u is None or math.isnan(u) else u
            rec["error"] = r.row.error
            out.append(rec)
        return out

    def column(self, name: str) -> list[Any]:
        if name not in self.columns:
            raise WorkbenchError(f"no column '{name}'; columns: {', '.join(self.columns)}")
        return [rec[name] for rec in self.records()]

    def where(self, status: str) -> list[Result]:
        return [r for r in self.results if r.status == status]

    # -- files ------------------------------------------------------------------------------------
    def csv_text(self) -> str:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=self.columns, lineterminator="\n")
        w.writeheader()
        for rec in self.records():
            w.writerow({k: ("" if v is None else f"{v:.9g}" if isinstance(v, float) else v)
                        for k, v in rec.items()})
        return buf.getvalue()

    def to_csv(self, path: Path | str) -> Path:
        """Write the table as CSV (atomically: a failed write leaves no partial file)."""
        from workbench.export._atomic import write_text

        return write_text(Path(path), self.csv_text())

    def to_parquet(self, path: Path | str) -> Path:
        """Write the table as Parquet (needs pyarrow), atomically."""
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise WorkbenchError(
                "writing Parquet needs pyarrow (pip install pyarrow); or write .csv") from None
        from workbench.export._atomic import atomic_path

        recs = self.records()
        table = pa.table({c: [rec[c] for rec in recs] for c in self.columns})
        with atomic_path(Path(path)) as tmp:
            pq.write_table(table, tmp)
        return Path(path)

    def write(self, path: Path | str) -> Path:
        """Write as the file suffix says (.csv or .parquet)."""
        path = Path(path)
        return _WRITERS[TableFormat.of(path)](self, path)

    # -- plot -------------------------------------------------------------------------------------
    def plot(self, check: str, param: str, *, ax: Any = None) -> Any:
        """Utilisation of `check` against the varied `param`, one line per combination of the
        other axes; the fail line (1.0) and the warn line (0.9) drawn. Returns the Axes."""
        from workbench.checks.result import WARN_AT

        axes = {a.name: a for a in self.axes}
        if param not in axes:
            raise WorkbenchError(f"'{param}' is not varied; varied: {', '.join(axes) or 'nothing'}")
        if check not in self.check_names():
            raise WorkbenchError(f"no check '{check}'; checks: {', '.join(self.check_names())}")
        if ax is None:
            import matplotlib.pyplot as plt

            _, ax = plt.subplots(figsize=(7, 4))
        others = [a for a in self.axes if a.name != param]
        series: dict[str, list[tuple[Any, float]]] = {}
        for r in self.results:
            u = next((c.utilisation for c in r.row.checks if c.name == check), math.nan)
            if math.isnan(u):
                continue
            label = ", ".join(f"{a.name}={r.combination.labels[a.name]}" for a in others)
            series.setdefault(label, []).append((r.combination.coords[param], u))
        for label, pts in series.items():
            pts.sort(key=lambda p: p[0])
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=label or check)
        ax.axhline(1.0, color="#c0392b", linewidth=1, label="fails above")
        ax.axhline(WARN_AT, color="#e67e22", linewidth=1, linestyle="--", label="warns above")
        unit = axes[param].unit
        ax.set_xlabel(f"{param} ({unit})" if unit else param)
        ax.set_ylabel(f"utilisation: {check}")
        ax.set_title(f"{self.design}: {check} against {param}")
        ax.legend(fontsize="small")
        return ax

    # -- notebook ---------------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"<SweepTable {self.summary()}>"

    def _repr_html_(self, limit: int = 20) -> str:
        from html import escape

        cols = self.columns
        head = "".join(f"<th>{escape(c)}</th>" for c in cols)
        body = []
        for rec in self.records()[:limit]:
            cells = "".join(
                f"<td>{'' if rec[c] is None else escape(f'{rec[c]:.3g}' if isinstance(rec[c], float) else str(rec[c]))}</td>"
                for c in cols)
            body.append(f"<tr>{cells}</tr>")
        more = f"<p>… {len(self) - limit} more rows</p>" if len(self) > limit else ""
        return (f"<p>{escape(self.summary())}</p><table><tr>{head}</tr>{''.join(body)}</table>"
                f"{more}")


_WRITERS: dict[TableFormat, Callable[[SweepTable, Path], Path]] = {
    TableFormat.CSV: SweepTable.to_csv,
    TableFormat.PARQUET: SweepTable.to_parquet,
}


def results(jobs: Sequence[Job], combos: Sequence[Combination], rows: Sequence[Row]
            ) -> tuple[Result, ...]:
    by_index = {r.index: r for r in rows}
    return tuple(Result(j, c, by_index[j.index]) for j, c in zip(jobs, combos))
