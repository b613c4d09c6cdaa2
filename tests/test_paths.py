"""Where designs, variants and data are found and written (issue 18, and the `workbench new` bug of
issue 11): the folder the command runs in first, then what ships with the workbench; nothing is
written inside the installed package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench import catalog, paths
from workbench.cli import main
from workbench.context import materials_dir
from workbench.context._data import MATERIALS_DIR

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """An empty working folder outside the checkout, with no WORKBENCH_* variables."""
    monkeypatch.delenv("WORKBENCH_DESIGNS", raising=False)
    monkeypatch.delenv("WORKBENCH_MATERIALS", raising=False)
    monkeypatch.chdir(tmp_path)
    catalog.refresh()
    yield tmp_path
    catalog.refresh()


def test_shipped_folders_in_a_checkout_are_its_own() -> None:
    assert paths.shipped(paths.DESIGNS) == ROOT / "designs"
    assert paths.shipped(paths.MATERIALS) == ROOT / "materials" == MATERIALS_DIR
    assert paths.writable(ROOT / "designs")
    assert not paths.writable(Path(paths.__file__).parent / "anything")


def test_new_writes_into_the_working_folder_and_says_where(elsewhere, capsys) -> None:
    assert main(["new", "pump-shelf"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == str(elsewhere / "designs" / "pump-shelf")
    assert (elsewhere / "designs" / "pump-shelf" / "design.py").is_file()
    assert not (ROOT / "designs" / "pump-shelf").exists()
    assert catalog.entry("pump-shelf").folder == elsewhere / "designs" / "pump-shelf"
    assert "bracket" in catalog.entries()  # the shipped designs are still found


def test_a_design_folder_in_the_working_folder_hides_the_shipped_one(elsewhere) -> None:
    mine = elsewhere / "designs" / "bracket"
    shutil.copytree(ROOT / "designs" / "bracket", mine, ignore=shutil.ignore_patterns("__pycache__"))
    catalog.refresh()
    assert catalog.entry("bracket").folder == mine


def test_variants_of_an_installed_design_go_to_the_working_folder(elsewhere, monkeypatch, capsys) -> None:
    # As if the shipped designs were inside site-packages: never written to.
    shipped = ROOT / "designs"
    monkeypatch.setattr(paths, "writable", lambda folder: shipped not in [folder, *folder.parents])
    assert main(["variant", "save", "plywood-shelf", "--parent", "plywood-shelf/lima-15mm-tall",
                 "--name", "mine", "--why", "five shelves", "--set", "shelves=5"]) == 0
    saved = Path(capsys.readouterr().out.strip())
    assert saved == elsewhere / "designs" / "plywood-shelf" / "variants" / "mine.toml"
    assert main(["variant", "show", "plywood-shelf/mine"]) == 0
    assert ("  lineage: plywood-shelf@1.0.0 -> lima-15mm -> lima-15mm-tall -> mine"
            in capsys.readouterr().out.splitlines())
    # a shipped slug cannot be saved over unseen
    assert main(["variant", "save", "plywood-shelf", "--name", "lima-15mm", "--why", "x"]) == 2
    assert "variant 'lima-15mm' already exists at " in capsys.readouterr().err
    from workbench.variants import variants

    assert "mine" in [v.slug for v in variants("plywood-shelf")]


def test_data_in_the_working_folder_comes_before_the_shipped_data(elsewhere, monkeypatch) -> None:
    assert materials_dir() == MATERIALS_DIR
    (elsewhere / "materials").mkdir()  # without a materials.toml it is not a data folder
    assert materials_dir() == MATERIALS_DIR
    shutil.copy(MATERIALS_DIR / "materials.toml", elsewhere / "materials" / "materials.toml")
    assert materials_dir() == elsewhere / "materials"
    monkeypatch.setenv("WORKBENCH_MATERIALS", str(MATERIALS_DIR))
    assert materials_dir() == MATERIALS_DIR
