"""The one family of user-facing errors.

Every error a user can cause (bad unit, value out of range, unknown design, broken data file, failed
build) is a `WorkbenchError` whose `str()` is one line naming what was wrong and what is allowed.
The CLI prints that line and exits 2; the notebook shows it next to the form.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """A user error with a one-line message."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class UnitError(WorkbenchError, ValueError):
    """Text that is not a quantity of the expected dimension."""


class BoundsError(WorkbenchError, ValueError):
    """A value outside a parameter's hard bounds, or not among its choices."""


class RuleError(WorkbenchError, ValueError):
    """A cross-field rule of a design is violated."""


class UnknownNameError(WorkbenchError, KeyError):
    """An unknown design, parameter, material, catalog or profile name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class DataError(WorkbenchError):
    """A data file in `materials/` (or a variant file) that is malformed."""


class BuildError(WorkbenchError):
    """A design whose geometry could not be built or is not a valid solid."""


class ExportError(WorkbenchError):
    """A part that cannot be written in the asked format."""
