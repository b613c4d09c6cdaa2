"""SPDX license ids: the project's defaults and validation (via the `license-expression` package)."""

from __future__ import annotations

from functools import lru_cache

CODE_LICENSE = "Apache-2.0"
"""The workbench's own code: permissive and the same as CadQuery's."""
DESIGN_LICENSE = "CERN-OHL-S-2.0"
"""Default for designs and their exports; a design may declare its own SPDX id."""


@lru_cache(maxsize=1)
def _licensing():  # type: ignore[no-untyped-def]
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def is_spdx(expression: str) -> bool:
    """True if `expression` is a valid SPDX license id or expression (``MIT OR Apache-2.0``)."""
    if not expression or not expression.strip():
        return False
    result = _licensing().validate(expression)
    return not result.errors and not result.invalid_symbols
