"""Every written file gets the permissions the umask gives a plain ``open()`` (issue 18: cut lists
and SVGs were 0600, from ``mkstemp``, while DXF and STEP were 0644)."""

from __future__ import annotations

import os
import stat

import pytest

from workbench import catalog
from workbench.context import Context
from workbench.evaluate import evaluate
from workbench.export import export


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_exported_files_follow_the_umask(tmp_path, umask: int, mode: int) -> None:
    ev = evaluate(catalog.get("plywood-shelf")(sheet="15 mm"), Context())
    old = os.umask(umask)
    try:
        paths = export(ev, ["csv", "md", "svg", "dxf"], tmp_path, "shelf")
    finally:
        os.umask(old)
    assert {p.suffix for p in paths} == {".csv", ".md", ".svg", ".dxf"}
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in paths} == {
        p.name: oct(mode) for p in paths}


def test_a_bundle_folder_and_zip_follow_the_umask(tmp_path) -> None:
    from workbench.bundle._fs import staged

    old = os.umask(0o022)
    try:
        with staged(tmp_path / "b", tmp_path / "b.zip", overwrite=False) as stage:
            (stage / "README.md").write_text("x")
    finally:
        os.umask(old)
    assert oct(stat.S_IMODE((tmp_path / "b").stat().st_mode)) == oct(0o755)  # was 0700 (mkdtemp)
    assert oct(stat.S_IMODE((tmp_path / "b.zip").stat().st_mode)) == oct(0o644)  # was 0600
