"""Fixtures for the headless widget tests: panels that build in the test's own thread."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

pytest.importorskip("ipywidgets")

from workbench.design import Design, Part, Process, Role  # noqa: E402
from workbench.params import Choice, Flag, Length  # noqa: E402


class Probe(Design):
    """A block whose build fails above 60 mm (a stand-in for design code that breaks)."""

    id = "probe"
    title = "Probe block"
    summary = "A block for the UI tests."
    authors = ("tests",)
    roles = {"printed": Role("Printed block", "pla", Process.PRINT)}
    size = Length("Size", 20, min=5, max=100, soft=(10, 50), step=1, help="Edge of the block.")
    shape = Choice("Shape", "box", options={"box": "Box", "slab": "Slab"}, help="Box or slab.")
    hollow = Flag("Hollow", False, help="Shell the block (shown only to test rules).")
    wall = Length("Wall", 2, min=1, max=5, group="Shell", visible_if=lambda d: d.hollow,
                  help="Shell wall.")

    def build(self, p: Any, ctx: Any) -> list[Part]:
        from workbench.kernel import cq

        if p.size > 60:
            raise ValueError("the block is too big for this test")
        h = p.size if p.shape == "box" else p.size / 4
        return [Part("block", cq.Workplane("XY").box(p.size, p.size, h, centered=False),
                     "printed", Process.PRINT)]


@pytest.fixture(autouse=True)
def english_session(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each panel test starts as a fresh kernel whose environment names no language (a panel
    without `lang` follows LANG), and leaves the session English."""
    from workbench import i18n

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "QUERY_STRING", "SERVER_SOFTWARE"):
        monkeypatch.delenv(var, raising=False)
    i18n.set_locale("en", i18n.LocaleSource.DEFAULT)
    yield
    i18n.set_locale("en", i18n.LocaleSource.DEFAULT)


def pytest_configure(config: pytest.Config) -> None:
    # cad-viewer-widget's own deprecation noise (pyparsing, traitlets), not ours
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:cad_viewer_widget.*")
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:traitlets.*")


@pytest.fixture
def panel(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The bracket's panel, building synchronously, exporting under a temporary working folder."""
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    return Workbench("bracket", background=False)


@pytest.fixture
def probe_panel(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    return Workbench(Probe(), background=False)
