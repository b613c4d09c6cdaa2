"""Which checks cannot run where, and the data each needs: the contributor's to-do list.

Every shipped design (or the ones named) is evaluated at its defaults in every stock catalog ×
climate (or the ones named). A row is either a check that could not run for lack of data (the
data it needs is named) or an evaluation the resolver refused (the reason is named, e.g. the
default sheet is not sold there). `workbench gaps` prints the rows; `materials/README.md` links it.

    from workbench.gaps import find_gaps, summarise
    rows = find_gaps(stocks=["east-africa"])
    summarise(rows)     # evaluations, refused, cannot-run checks, distinct needs
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Optional, Sequence

from workbench.errors import WorkbenchError

# `CheckResult.missing` writes "This check cannot run: the data has no {what}; add it …"
_MISSING = re.compile(r"cannot run: the data has no (?P<what>.+?); add it", re.S)


@dataclass(frozen=True)
class Gap:
    """One thing that could not be checked in one place.

    `check` is the check's name, or None when the whole evaluation was refused; `needs` is the
    data the check lacks (or the refusal's message).
    """

    design: str
    stock: str
    climate: str
    check: Optional[str]
    needs: str

    @property
    def refused(self) -> bool:
        return self.check is None


@dataclass(frozen=True)
class Summary:
    """Counts over a set of evaluations."""

    evaluations: int
    refused: int
    cannot_run: int
    distinct_needs: int


def needs_of(check: Any) -> Optional[str]:
    """The data a check result lacks, or None when the check ran.

    A result that cannot run is recognised by a typed field (`needs`), a ``cannot-run`` status,
    or the sentence `CheckResult.missing` writes.
    """
    typed = getattr(check, "needs", None)
    if isinstance(typed, str) and typed:
        return typed
    status = str(getattr(getattr(check, "status", None), "value", ""))
    message = str(getattr(check, "message", ""))
    found = _MISSING.search(message)
    if found:
        return found.group("what")
    if status.replace("_", "-") == "cannot-run":
        return message
    return None


def _ids(given: Optional[Iterable[str]], every: Sequence[str]) -> list[str]:
    return list(every) if given is None else list(given)


def find_gaps(
    designs: Optional[Iterable[str]] = None,
    stocks: Optional[Iterable[str]] = None,
    climates: Optional[Iterable[str]] = None,
    workshop: Optional[str] = None,
    *,
    build: bool = True,
) -> tuple[list[Gap], int]:
    """(gaps, number of evaluations) for `designs` × `stocks` × `climates` (each: all when None).

    Each design is evaluated at its defaults with its default materials. Unknown names raise
    `UnknownNameError` before anything is evaluated. With ``build=False`` no geometry is built, so
    checks that need it do not run at all (and are not listed).
    """
    from workbench import catalog
    from workbench.context import Context, climate, stock_catalog
    from workbench.context.climate import climate_ids
    from workbench.context.stock import stock_catalog_ids
    from workbench.evaluate import evaluate

    design_ids = _ids(designs, sorted(catalog.entries()))
    stock_ids = _ids(stocks, stock_catalog_ids())
    climate_ids_ = _ids(climates, climate_ids())
    classes = {d: catalog.get(d) for d in design_ids}
    for s in stock_ids:
        stock_catalog(s)
    for c in climate_ids_:
        climate(c)
    base = Context() if workshop is None else Context(workshop=workshop)
    rows: list[Gap] = []
    count = 0
    for d, cls in classes.items():
        for s in stock_ids:
            for c in climate_ids_:
                count += 1
                try:
                    ev = evaluate(cls(), base.evolve(stock=s, climate=c), build=build)
                except WorkbenchError as exc:
                    rows.append(Gap(d, s, c, None, str(exc)))
                    continue
                for check in ev.checks:
                    need = needs_of(check)
                    if need is not None:
                        rows.append(Gap(d, s, c, check.name, need))
    return rows, count


def summarise(rows: Sequence[Gap], evaluations: int) -> Summary:
    """Counts: evaluations, refused ones, checks that cannot run, distinct (check, need) pairs."""
    refused = sum(1 for g in rows if g.refused)
    return Summary(
        evaluations=evaluations,
        refused=refused,
        cannot_run=len(rows) - refused,
        distinct_needs=len({(g.design, g.check, g.needs) for g in rows}),
    )


def per_place(rows: Sequence[Gap]) -> dict[tuple[str, str], tuple[int, int]]:
    """(stock, climate) → (evaluations refused, checks that cannot run), places with gaps only."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for g in rows:
        refused, cannot = out.get((g.stock, g.climate), (0, 0))
        out[(g.stock, g.climate)] = (refused + g.refused, cannot + (not g.refused))
    return dict(sorted(out.items()))


def to_dict(rows: Sequence[Gap], evaluations: int) -> dict[str, Any]:
    """JSON-ready: the counts and every row."""
    s = summarise(rows, evaluations)
    return {**asdict(s), "rows": [{**asdict(g), "refused": g.refused} for g in rows]}


def table(rows: Sequence[Gap], evaluations: int) -> str:
    """Plain-text table, one row per need, the places it applies to folded together."""
    s = summarise(rows, evaluations)
    from workbench.i18n import _

    head = _("{evaluations} evaluations: {refused} refused, {cannot_run} checks cannot run, "
             "{needs} distinct needs").format(evaluations=s.evaluations, refused=s.refused,
                                              cannot_run=s.cannot_run, needs=s.distinct_needs)
    if not rows:
        return head
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for g in rows:
        grouped.setdefault((g.design, g.check or "(refused)", g.needs), []).append(f"{g.stock}/{g.climate}")
    width_d = max(len(k[0]) for k in grouped)
    width_c = max(len(k[1]) for k in grouped)
    design_h, check_h, places_h, needs_h = _("design"), _("check"), _("places"), _("needs")
    width_d, width_c = max(width_d, len(design_h)), max(width_c, len(check_h))
    width_p = max(6, len(places_h))
    lines = [head, f"{design_h:<{width_d}}  {check_h:<{width_c}}  {places_h:<{width_p}}  {needs_h}"]
    for (d, c, need), places in sorted(grouped.items()):
        lines.append(f"{d:<{width_d}}  {c:<{width_c}}  {len(places):>{width_p}}  {need}")
        more = " " + _("… ({count} more)").format(count=len(places) - 6)
        shown = ", ".join(places[:6]) + ("," + more if len(places) > 6 else "")
        lines.append(f"{'':<{width_d}}  {'':<{width_c}}  {'':<{width_p}}  "
                     + _("in {places}").format(places=shown))
    return "\n".join(lines)


__all__ = ["Gap", "Summary", "find_gaps", "needs_of", "per_place", "summarise", "table", "to_dict"]
