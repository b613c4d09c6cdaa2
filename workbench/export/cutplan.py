"""Cut plans for bar stock: which pieces to cut from which bar, and which sold lengths to buy.

The one-dimensional cutting-stock problem is solved exactly by integer programming (scipy's
`milp`, the HiGHS solver) when it is small enough to be proven optimal within `TIME_LIMIT`; beyond
that, or when the solver does not prove its answer in time, first-fit decreasing plans it (Johnson,
"Near-optimal bin packing algorithms", MIT, 1973: never more than 11/9 of the optimum + 4 bars).
The plan says which method made it.

Objective of the exact plan: the least total length of stock bought; among plans buying the same
length, the fewest bars. Each cut takes the saw kerf between two pieces, so the pieces of a bar need
``sum(pieces) + kerf × (pieces − 1)`` of its length.

Formulation (pieces grouped by length, so identical pieces are not told apart): for bar slot j,
piece length k and sold length t, ``z[j,k]`` pieces of length k in bar j (integer) and ``y[j,t]``
= 1 when bar j is bought in length t;

- every piece cut once: ``Σ_j z[j,k] = demand[k]``;
- a bar holds its pieces: ``Σ_k (l_k + kerf)·z[j,k] ≤ Σ_t (L_t + kerf)·y[j,t]``;
- one length per bar: ``Σ_t y[j,t] ≤ 1``; bars used in order: ``Σ_t y[j,t] ≥ Σ_t y[j+1,t]``;
- minimise ``Σ_{j,t} (L_t + TIE_BREAK)·y[j,t]``.

The number of bar slots is the first-fit plan's bar count, which an optimum never exceeds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum
from typing import Sequence

from workbench.errors import ExportError

TIME_LIMIT = 1.0
"""Seconds the exact solver may take before the first-fit plan is used instead."""
MAX_VARIABLES = 4000
"""Larger problems go to first-fit decreasing without trying (HiGHS rarely proves them in 1 s)."""
TIE_BREAK = 1.0
"""mm added to each bar's cost: between plans buying the same length, the one with fewer bars."""
_EPS = 1e-6

Piece = tuple[str, float]
PlannedBar = tuple[float, list[Piece]]


class PlanMethod(str, Enum):
    """How a cut plan was made."""

    EXACT = "exact (integer programming)"
    FIRST_FIT_DECREASING = "first-fit decreasing"


@dataclass(frozen=True)
class CutPlan:
    """Bars (sold length mm, pieces (label, mm)) and how the plan was made."""

    bars: tuple[PlannedBar, ...]
    method: PlanMethod
    seconds: float
    """Time spent planning, s."""

    @property
    def bought(self) -> float:
        """Total stock length bought, mm."""
        return sum(length for length, _ in self.bars)


def _need(pieces: Sequence[Piece], kerf: float) -> float:
    return sum(c for _, c in pieces) + kerf * (len(pieces) - 1)


def _shortest(lengths: Sequence[float], pieces: Sequence[Piece], kerf: float) -> float:
    return min(L for L in lengths if L >= _need(pieces, kerf) - _EPS)


def first_fit_decreasing(
    cuts: Sequence[Piece], lengths: Sequence[float], kerf: float, what: str = "stock"
) -> list[PlannedBar]:
    """Bars (length, cuts) holding every cut: first-fit decreasing on the longest length, then each
    bar bought in the shortest length that holds its cuts plus a kerf between pieces."""
    longest = max(lengths)
    bars: list[list[Piece]] = []
    for label, length in sorted(cuts, key=lambda c: -c[1]):
        if length > longest + 1e-9:
            raise ExportError(
                f"piece '{label}' ({length:.0f} mm) is longer than the longest {what} sold "
                f"({longest:.0f} mm); join two lengths or choose other stock"
            )
        for bar in bars:
            if _need(bar + [(label, length)], kerf) <= longest + 1e-9:
                bar.append((label, length))
                break
        else:
            bars.append([(label, length)])
    return [(_shortest(lengths, bar, kerf), bar) for bar in bars]


def exact_plan(
    cuts: Sequence[Piece], lengths: Sequence[float], kerf: float, slots: int,
    time_limit: float = TIME_LIMIT,
) -> list[PlannedBar] | None:
    """The plan of least stock length (then fewest bars) with at most `slots` bars, or None when
    the problem is too large or the solver does not prove an optimum within `time_limit` s."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    sizes = sorted({round(c, 6) for _, c in cuts}, reverse=True)
    demand = [sum(1 for _, c in cuts if round(c, 6) == s) for s in sizes]
    sold = sorted(set(lengths))
    K, T, m = len(sizes), len(sold), slots
    n = m * K + m * T
    if n > MAX_VARIABLES:
        return None
    z = lambda j, k: j * K + k  # noqa: E731  (column of z[j,k])
    y = lambda j, t: m * K + j * T + t  # noqa: E731
    cost = np.zeros(n)
    upper = np.zeros(n)
    for j in range(m):
        for k in range(K):
            upper[z(j, k)] = min(demand[k], int((max(sold) + kerf + _EPS) // (sizes[k] + kerf)))
        for t in range(T):
            cost[y(j, t)] = sold[t] + TIE_BREAK
            upper[y(j, t)] = 1
    rows, lo, hi = [], [], []

    def row(coefs: dict[int, float], low: float, high: float) -> None:
        r = np.zeros(n)
        for col, v in coefs.items():
            r[col] = v
        rows.append(r)
        lo.append(low)
        hi.append(high)

    for k in range(K):
        row({z(j, k): 1.0 for j in range(m)}, demand[k], demand[k])
    for j in range(m):
        coefs = {z(j, k): sizes[k] + kerf for k in range(K)}
        coefs.update({y(j, t): -(sold[t] + kerf) for t in range(T)})
        row(coefs, -np.inf, _EPS)
        row({y(j, t): 1.0 for t in range(T)}, 0, 1)
        if j + 1 < m:
            row({**{y(j, t): 1.0 for t in range(T)}, **{y(j + 1, t): -1.0 for t in range(T)}},
                0, np.inf)
    result = milp(cost, integrality=np.ones(n), bounds=Bounds(np.zeros(n), upper),
                  constraints=LinearConstraint(np.array(rows), lo, hi),
                  options={"time_limit": time_limit})
    if result.status != 0 or result.x is None:  # 1: time limit reached without proof
        return None
    x = np.round(result.x).astype(int)
    # Bars longest first (then by their pieces, longest first); labels handed out in that order,
    # so the first pieces of each length go to the first bars, as in the first-fit plan.
    slots = []
    for j in range(m):
        counts = [int(x[z(j, k)]) for k in range(K)]
        if any(x[y(j, t)] == 1 for t in range(T)) and any(counts):
            sizes_in = [(str(k), sizes[k]) for k in range(K) for _ in range(counts[k])]
            slots.append((_shortest(sold, sizes_in, kerf), counts))
    slots.sort(key=lambda b: (-b[0], [-sizes[k] for k in range(K) for _ in range(b[1][k])]))
    queues = {s: [c for c in sorted(cuts, key=lambda c: -c[1]) if round(c[1], 6) == s] for s in sizes}
    bars: list[PlannedBar] = []
    for length, counts in slots:
        bars.append((length, [queues[sizes[k]].pop(0) for k in range(K) for _ in range(counts[k])]))
    if any(queues.values()):  # the solver's answer does not cut every piece: do not trust it
        return None
    return bars


def cut_plan(
    cuts: Sequence[Piece], lengths: Sequence[float], kerf: float, what: str = "stock",
    *, time_limit: float = TIME_LIMIT,
) -> CutPlan:
    """The cut plan of `cuts` (label, mm) from bars sold in `lengths` (mm) with a saw `kerf` (mm):
    exact when it can be proven within `time_limit` s, else first-fit decreasing."""
    started = time.perf_counter()
    greedy = first_fit_decreasing(cuts, lengths, kerf, what)  # also refuses too-long pieces
    exact = exact_plan(cuts, lengths, kerf, len(greedy), time_limit) if cuts else None
    seconds = time.perf_counter() - started
    if exact is None:
        return CutPlan(tuple(greedy), PlanMethod.FIRST_FIT_DECREASING, seconds)
    return CutPlan(tuple(exact), PlanMethod.EXACT, seconds)
