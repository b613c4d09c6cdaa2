"""Shared fixtures."""

from __future__ import annotations

import pytest

from workbench import catalog, geometry


@pytest.fixture
def fresh_cache():
    """An empty geometry cache for tests that count builds."""
    geometry.cache.clear()
    yield geometry.cache
    geometry.cache.clear()


@pytest.fixture
def designs_dir(tmp_path, monkeypatch):
    """A temporary designs folder the catalog reads instead of the checkout's."""
    folder = tmp_path / "designs"
    folder.mkdir()
    monkeypatch.setenv("WORKBENCH_DESIGNS", str(folder))
    catalog.refresh()
    yield folder
    catalog.refresh()
