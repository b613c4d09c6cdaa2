"""Shared fixtures."""

from __future__ import annotations

import pytest

from workbench import catalog, geometry


@pytest.fixture
def fresh_cache():
    """Every cache emptied (`workbench.caches.clear_all`); yields the geometry cache for tests
    that count builds."""
    from workbench.caches import clear_all

    clear_all()
    yield geometry.cache
    clear_all()


@pytest.fixture
def designs_dir(tmp_path, monkeypatch):
    """A temporary designs folder the catalog reads instead of the checkout's."""
    folder = tmp_path / "designs"
    folder.mkdir()
    monkeypatch.setenv("WORKBENCH_DESIGNS", str(folder))
    catalog.refresh()
    yield folder
    catalog.refresh()
