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


@pytest.fixture
def panel(tmp_path, monkeypatch):
    """The bracket's panel with the full viewer (cad-viewer-widget), which these tests are about;
    the panel's default is the light view (tests/ui/test_light_viewer.py)."""
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    return Workbench("bracket", background=False, viewer="full")


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


def _record(viewer: Viewer) -> list[dict]:
    """The custom messages the view is sent (a new scene goes through the widget's state)."""
    sent: list[dict] = []
    viewer._cad.widget.send = lambda content=None, buffers=None: sent.append(content)
    return sent


def test_a_size_change_updates_only_the_changed_part_in_place(panel):
    panel.form.fields["make"].input.value = "plywood"
    v = panel.viewer
    assert v.sent == ["/Group/wall plate", "/Group/arm plate", "/Group/gusset"]
    scenes, messages = v.scenes, _record(v)
    panel.form.fields["arm"].text.value = "200 mm"
    assert panel.error is None
    assert v.sent == ["/Group/arm plate"] and v.scenes == scenes  # no new scene: camera kept
    assert [m["method"] for m in messages] == [["viewer", "updatePart"], ["viewer", "updateBounds"]]
    path, part, options = messages[0]["args"]
    assert path == "/Group/arm plate" and part["name"] == "arm plate" and options == {
        "skipBounds": True}
    xyz = np.array(part["shape"]["vertices"]).reshape(-1, 3)
    assert len(xyz) * 3 == len(part["shape"]["normals"])
    assert max(part["shape"]["triangles"]) < len(xyz)
    sheet = panel.evaluation.resolved.sheet.to("mm").magnitude
    extent = xyz.max(axis=0) - xyz.min(axis=0)  # the plate in its own frame, mm
    assert extent.max() == pytest.approx(200 - sheet, abs=0.01)  # the arm beyond the wall plate
    json.dumps(messages)  # plain JSON numbers and text


def test_a_moved_part_is_replaced_at_its_new_place(panel):
    panel.form.fields["make"].input.value = "plywood"
    v = panel.viewer
    messages = _record(v)
    panel.form.fields["height"].text.value = "200 mm"  # the arm plate moves up
    assert panel.error is None and "/Group/arm plate" in v.sent
    calls = [(m["method"][1], (m["args"] or [None])[0]) for m in messages]
    assert ("removePart", "/Group/arm plate") in calls and ("addPart", "/Group") in calls
    added = next(m["args"][1] for m in messages if m["method"][1] == "addPart")
    assert added["name"] == "arm plate" and added["loc"][0][2] == pytest.approx(200 - 18, abs=1)


def test_an_unchanged_geometry_sends_nothing_and_new_parts_send_a_new_scene(panel):
    v = panel.viewer
    messages = _record(v)
    panel.form.fields["load"].text.value = "300 N"  # the build never reads the load
    assert panel.error is None and v.sent == [] and messages == []
    scenes = v.scenes
    panel.form.fields["make"].input.value = "plywood"  # three plates instead of one bracket
    assert v.scenes == scenes + 1 and messages == []  # a new scene, through the widget state
    # the tree says what people call the parts (the design's part_names)
    assert _names(v._cad.widget.shapes["shapes"]) == ["wall plate", "arm plate", "gusset"]


def test_the_part_tree_follows_the_language_switch(panel):
    """The full view's tree names the parts in the reader's language: the bracket's catalog
    (designs/bracket/locale/es) says "placa del brazo" for the arm plate."""
    panel.form.fields["make"].input.value = "plywood"
    v = panel.viewer
    scenes = v.scenes
    panel.context_form.language.value = "es"
    try:
        assert _names(v._cad.widget.shapes["shapes"]) == ["placa de pared", "placa del brazo",
                                                          "cartela"]
        assert v.scenes == scenes + 1  # the renamed tree is sent as a new scene, camera kept
    finally:
        panel.context_form.language.value = "en"
    assert _names(v._cad.widget.shapes["shapes"]) == ["wall plate", "arm plate", "gusset"]
