"""Fixtures for the context tests: a private copy of `materials/`, or a minimal data folder."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

from workbench.context import ENV_VAR, MATERIALS_DIR

MINIMAL_MATERIALS = """\
[sources]
tds = "Prusa Polymers, Prusament PLA Technical Data Sheet (2021-10)"

[pla]
name = "PLA"
kind = "plastic"
processes = ["print"]
density = { value = "1.24 g/cm^3", source = "tds" }
"""


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's `materials/` folder, made the folder in use."""
    folder = tmp_path / "materials"
    shutil.copytree(MATERIALS_DIR, folder)
    monkeypatch.setenv(ENV_VAR, str(folder))
    return folder


@pytest.fixture
def minimal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write a small data folder (materials.toml plus extra files) and make it the folder in use."""

    def make(materials: str = MINIMAL_MATERIALS, **files: str) -> Path:
        folder = tmp_path / "materials"
        folder.mkdir(exist_ok=True)
        (folder / "materials.toml").write_text(materials, encoding="utf-8")
        for name, text in files.items():
            path = folder / name.replace("__", "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(ENV_VAR, str(folder))
        return folder

    return make
