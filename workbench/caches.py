"""Every in-memory cache of the workbench, registered where it is defined, cleared by one call.

Caches hold parsed data files, stock lookups, discovered designs, built geometry and remembered
evaluations. Each is keyed so that an edited data file or design is seen again; `clear_all` is for
what keys cannot see (a design folder added, a test that swaps the data folder) and for tests.
`workbench.catalog.refresh` calls it.
"""

from __future__ import annotations

from typing import Callable

_CLEARERS: dict[str, Callable[[], object]] = {}


def register(name: str, clear: Callable[[], object]) -> None:
    """Register a cache by a unique `name` with the function that empties it."""
    _CLEARERS[name] = clear


def names() -> list[str]:
    """The registered caches' names (loaded modules only)."""
    return sorted(_CLEARERS)


def clear_all() -> None:
    """Empty every registered cache."""
    for clear in list(_CLEARERS.values()):
        clear()


__all__ = ["clear_all", "names", "register"]
