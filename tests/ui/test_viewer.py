"""The 3D viewer adapter: tessellated parts reach the widget; stale marking; nothing remote."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import numpy as np
import pytest

import workbench as wb
from workbench.ui.viewer import Viewer, tessellate


def _names(node: dict) -> list[str]:
    out = []
    for part in node.get("parts", []):
        out += _names(part) if "parts" in part else [part["name"]]
    return out


def test_tessellated_parts_are_placed_and_named():
    ev = wb.evaluate(wb.design("bracket", make="plywood"), wb.Context())
    msg = tessellate(ev.geometry.parts)
    assert _names(msg["shapes"]) == ["wall-plate", "arm-plate", "gusset"]
    assert len(msg["instances"]) == 3
    verts = msg["instances"][0]["vertices"]
    assert verts["codec"] == "b64" and verts["dtype"] == "float32"
    xyz = np.frombuffer(base64.b64decode(verts["buffer"]), dtype=np.float32).reshape(-1, 3)
    assert len(xyz) > 8
    bb = msg["shapes"]["bb"]  # the assembly's box, in mm, parts at their places
    assert bb["xmax"] - bb["xmin"] == pytest.approx(150, abs=0.5)
    json.dumps(msg)  # plain JSON: nothing but text and numbers goes to the browser


def test_viewer_shows_parts_and_marks_stale(panel):
    v = panel.viewer
    assert v.available and v.shown == ["bracket"]
    assert _names(v._cad.widget.shapes["shapes"]) == ["bracket"]
    v.mark_stale(True)
    assert "Stale" in v.banner.value and "wb-stale" in v._view._dom_classes
    v.mark_stale(False)
    assert v.banner.value == ""


def test_viewer_widget_is_served_by_an_installed_labextension():
    """cad-viewer-widget's JavaScript is in the environment's labextensions: no CDN needed."""
    import cad_viewer_widget

    ext = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "cad-viewer-widget"
    assert (ext / "package.json").is_file()
    meta = json.loads((ext / "package.json").read_text())
    assert meta["version"] == cad_viewer_widget.__version__
    assert any((ext / "static").glob("remoteEntry.*.js"))


def test_viewer_without_the_widget_package_degrades_to_a_note(monkeypatch):
    monkeypatch.setitem(sys.modules, "cad_viewer_widget", None)
    v = Viewer()
    assert not v.available and "cad-viewer-widget" in v._view.value
    v.show([])
    v.mark_stale(True)
