"""The one result type every engineering check returns."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum

import pint


class Status(str, Enum):
    """Outcome of a check, worst last."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"

    @property
    def rank(self) -> int:
        return ("pass", "warn", "fail").index(self.value)


WARN_AT = 0.9
"""Default utilisation above which a passing check is shown as a warning."""


@dataclass(frozen=True)
class CheckResult:
    """A check's verdict: demand (`value`) against capacity (`limit`), both pint quantities.

    `utilisation` is demand / capacity (1.0 = exactly at the limit). `message` is one sentence a
    fabricator understands; `reference` names the formula's source (standard, handbook, table).
    """

    name: str
    status: Status
    utilisation: float
    value: pint.Quantity | None
    limit: pint.Quantity | None
    message: str
    reference: str

    @classmethod
    def missing(cls, name: str, what: str) -> "CheckResult":
        """A check that cannot run because data is missing: shown as a warning, never a pass."""
        return cls(
            name, Status.WARN, math.nan, None, None,
            f"This check cannot run: the data has no {what}; add it (with its source) to materials/.",
            "materials/README.md",
        )

    def with_reference(self, reference: str) -> "CheckResult":
        """The same result citing `reference`."""
        return replace(self, reference=reference)

    @classmethod
    def compare(
        cls,
        name: str,
        value: pint.Quantity,
        limit: pint.Quantity,
        *,
        message: str,
        reference: str,
        warn_at: float = WARN_AT,
    ) -> "CheckResult":
        """Demand `value` must not exceed capacity `limit`; status from their ratio."""
        utilisation = float((value / limit).to("dimensionless").magnitude)
        if utilisation > 1.0:
            status = Status.FAIL
        elif utilisation > warn_at:
            status = Status.WARN
        else:
            status = Status.PASS
        return cls(name, status, utilisation, value, limit, message, reference)

    @property
    def passed(self) -> bool:
        return self.status is not Status.FAIL

    def __repr__(self) -> str:
        from workbench.report import check_line  # a view: imported when shown, not before

        return check_line(self)

    def _repr_html_(self) -> str:
        """Jupyter's rich display: a one-row checks table with the message and reference."""
        from workbench.report import check_html

        return check_html(self)
