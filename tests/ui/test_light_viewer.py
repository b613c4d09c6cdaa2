"""The light 3D view (workbench/ui/light.py): its binary part messages, the in-place updates the
adapter sends, and the committed JavaScript bundle matching its sources (no npm needed)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

import workbench as wb
from workbench.errors import WorkbenchError
from workbench.ui import Workbench
from workbench.ui.light import BUNDLE, encode
from workbench.ui.viewer import Viewer, ViewerKind, _mesh

pytest.importorskip("anywidget")

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_bundle_is_built_from_the_committed_sources():
    """`make viewer-js` writes the hash of js/package-lock.json + js/src/viewer.js on line 1."""
    first = BUNDLE.read_text(encoding="utf-8").split("\n", 1)[0]
    m = re.search(r"sources sha256 ([0-9a-f]{64}) \(package-lock\.json \+ src/viewer\.js\)", first)
    assert m, first
    h = hashlib.sha256()
    for name in ("package-lock.json", "src/viewer.js"):
        h.update((ROOT / "js" / name).read_bytes())
    assert m.group(1) == h.hexdigest(), "js/ changed: run `make viewer-js` and commit the bundle"


def test_the_lock_file_pins_three_and_esbuild():
    import json

    lock = json.loads((ROOT / "js" / "package-lock.json").read_text())
    pkgs = lock["packages"]
    assert pkgs["node_modules/three"]["version"] == "0.181.0"
    assert pkgs["node_modules/esbuild"]["version"] == "0.25.12"
    assert pkgs["node_modules/three"]["integrity"].startswith("sha512-")


def test_the_bundle_fetches_nothing():
    text = BUNDLE.read_text(encoding="utf-8")
    assert "OrbitControls" in text or "orbit" in text.lower()
    assert not re.search(r"""import\s*[^;]*from\s*["']https?:""", text)
    assert "cdn." not in text


def test_a_part_is_encoded_as_float32_and_uint32_buffers_in_the_assembly_frame():
    ev = wb.evaluate(wb.design("bracket", make="plywood"), wb.Context())
    meshed, shapes = _mesh(ev.geometry.parts)
    content, buffers = encode(meshed, shapes, ["/Group/gusset"])
    assert content["type"] == "parts" and content["remove"] == []
    (part,) = content["parts"]
    assert part["name"] == "gusset" and part["color"] == "#d9b98c"
    n = len(meshed[2]["vertices"]) // 3  # 18 vertices: a triangular prism, three per corner
    assert part["count"] == n == 18
    assert len(buffers) == 4
    vi, vt = part["vertices"]
    assert vt == "float32" and len(buffers[vi]) == n * 3 * 4  # bytes
    ti, tt = part["triangles"]
    tri = np.frombuffer(buffers[ti], dtype="<u4")
    assert tt == "uint32" and len(tri) == 24 and tri.max() < n  # 8 triangles
    xyz = np.frombuffer(buffers[vi], dtype="<f4").reshape(-1, 3)
    normals = np.frombuffer(buffers[part["normals"][0]], dtype="<f4").reshape(-1, 3)
    assert np.allclose(np.linalg.norm(normals, axis=1), 1, atol=1e-5)  # turned, not moved
    # placed: the same box ocp-tessellate computes for the gusset at its location
    local = np.asarray(meshed[2]["vertices"]).reshape(-1, 3)
    assert np.ptp(xyz, axis=0).max() == pytest.approx(np.ptp(local, axis=0).max(), abs=1e-3)
    assert xyz.min(axis=0)[2] >= -1e-3  # above the floor, not about the part's own origin


def test_the_parts_fill_the_assemblys_box():
    ev = wb.evaluate(wb.design("bracket", make="plywood"), wb.Context())
    meshed, shapes = _mesh(ev.geometry.parts)
    content, buffers = encode(meshed, shapes, ["/Group/wall-plate", "/Group/arm-plate",
                                               "/Group/gusset"])
    xyz = np.concatenate([np.frombuffer(buffers[p["vertices"][0]], dtype="<f4").reshape(-1, 3)
                          for p in content["parts"]])
    bb = shapes["bb"]
    assert xyz.min(axis=0) == pytest.approx([bb["xmin"], bb["ymin"], bb["zmin"]], abs=0.01)
    assert xyz.max(axis=0) == pytest.approx([bb["xmax"], bb["ymax"], bb["zmax"]], abs=0.01)


def _record(viewer: Viewer) -> list[tuple[dict, list]]:
    sent: list[tuple[dict, list]] = []
    viewer._light.send = lambda content=None, buffers=None: sent.append((content, buffers))
    return sent


def test_the_light_panel_sends_only_changed_parts_and_keeps_its_view():
    panel = Workbench("bracket", background=False, viewer="light")
    v = panel.viewer
    assert v.kind is ViewerKind.LIGHT and v.available and v._cad is None
    messages = _record(v)
    panel.form.fields["make"].input.value = "plywood"
    assert [p["id"] for p in messages[-1][0]["parts"]] == ["/Group/wall-plate",
                                                            "/Group/arm-plate", "/Group/gusset"]
    assert messages[-1][0]["remove"] == ["/Group/bracket"]
    messages.clear()
    panel.form.fields["arm"].text.value = "200 mm"
    assert panel.error is None and v.sent == ["/Group/arm-plate"]
    (content, buffers), = messages
    (part,) = content["parts"]
    xyz = np.frombuffer(buffers[part["vertices"][0]], dtype="<f4").reshape(-1, 3)
    sheet = panel.evaluation.resolved.sheet.to("mm").magnitude
    assert np.ptp(xyz, axis=0).max() == pytest.approx(200 - sheet, abs=0.01)
    messages.clear()
    panel.form.fields["load"].text.value = "300 N"  # the build never reads the load
    assert v.sent == [] and messages == []
    # a view that renders (again) asks for everything and gets the three parts
    v._light._on_front(v._light, {"type": "ready"}, [])
    assert [p["name"] for p in messages[-1][0]["parts"]] == ["wall-plate", "arm-plate", "gusset"]


def test_an_unknown_viewer_is_refused_with_the_choices():
    with pytest.raises(WorkbenchError, match=r"viewer 'fancy' is not known; use one of full, light"):
        Viewer(kind="fancy")
