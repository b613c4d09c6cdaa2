"""The light 3D view: an anywidget whose front end (three.js, bundled into `static/viewer.js` from
`js/` at build time) draws the parts with one flat-lit material, edges as line segments, no
antialiasing and no animation loop, and updates changed parts' geometry in place.

Why it exists: cad-viewer-widget draws with 4x antialiasing and six shader programs; with
software WebGL (headless Chromium's SwiftShader) each change costs the compositor 70–80 ms to read
the canvas back, and the first display about a second (bench/browser_notes.py, issue 15).

Parts travel as custom messages with binary buffers: `encode` lays each part's world-placed
vertices, normals and edge end points out as float32 and its triangle indices as uint32 (all
little-endian, what typed arrays in the browser read), and names the buffer of each array.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np

BUNDLE = Path(__file__).parent / "static" / "viewer.js"
"""The built front end (`make viewer-js` writes it; its first line hashes its sources)."""

try:
    import anywidget
    import traitlets
except ImportError:  # the panel then falls back to the full viewer's note
    anywidget = None  # type: ignore[assignment]


def _rotate(q: Sequence[float], v: np.ndarray) -> np.ndarray:
    """Vectors `v` (n, 3) turned by the unit quaternion `q` = (x, y, z, w) (OCCT's gp_Quaternion
    order, what ocp-tessellate's `loc_to_tq` returns): v' = v + 2w(u×v) + 2u×(u×v)."""
    u = np.asarray(q[:3], dtype=np.float64)
    w = float(q[3])
    c = np.cross(u, v)
    return v + 2.0 * w * c + 2.0 * np.cross(u, c)


def _place(points: np.ndarray, locs: list[Any]) -> np.ndarray:
    """Points (flat x, y, z…) in the part's frame moved through the nested locations, innermost
    last in `locs`: each location is (translation mm, quaternion)."""
    v = np.asarray(points, dtype=np.float64).reshape(-1, 3)
    for loc in reversed(locs):
        if loc is None:
            continue
        t, q = loc
        v = _rotate(q, v) + np.asarray(t, dtype=np.float64)
    return v


def placed_leaves(node: dict[str, Any], locs: tuple[Any, ...] = ()) -> Iterator[tuple[dict, list]]:
    """The leaf parts of a shapes tree with the locations from the root down to them."""
    here = (*locs, node.get("loc"))
    for part in node.get("parts", []):
        if "parts" in part:
            yield from placed_leaves(part, here)
        else:
            yield part, [*here, part.get("loc")]


def encode(meshed: list[dict[str, Any]], shapes: dict[str, Any], ids: Sequence[str],
           remove: Sequence[str] = ()) -> tuple[dict[str, Any], list[bytes]]:
    """The custom message that brings parts `ids` to the light view, and its buffers.

    Each part: `id`, `name`, `color`, `count` (vertices), and for `vertices`, `normals`,
    `triangles`, `edges` a pair [index into the buffers, dtype]. Coordinates in millimetres in
    the assembly's frame; normals turned, not moved. `remove` lists part ids to take away.
    """
    wanted = set(ids)
    parts: list[dict[str, Any]] = []
    buffers: list[bytes] = []

    def add(array: np.ndarray, dtype: str) -> list[Any]:
        buffers.append(np.ascontiguousarray(array, dtype="<" + {"float32": "f4",
                                                                "uint32": "u4"}[dtype]).tobytes())
        return [len(buffers) - 1, dtype]

    for leaf, locs in placed_leaves(shapes):
        if leaf["id"] not in wanted:
            continue
        mesh = meshed[leaf["shape"]["ref"]]
        vertices = _place(mesh["vertices"], locs)
        rotations = [None if loc is None else ((0.0, 0.0, 0.0), loc[1]) for loc in locs]
        normals = _place(mesh["normals"], rotations)
        edges = _place(mesh["edges"], locs) if len(mesh["edges"]) else np.zeros((0, 3))
        parts.append({
            "id": leaf["id"], "name": leaf["name"], "color": leaf.get("color", "#b0b0b0"),
            "count": len(vertices),
            "vertices": add(vertices.reshape(-1), "float32"),
            "normals": add(normals.reshape(-1), "float32"),
            "triangles": add(np.asarray(mesh["triangles"]).reshape(-1), "uint32"),
            "edges": add(edges.reshape(-1), "float32"),
        })
    return {"type": "parts", "parts": parts, "remove": list(remove)}, buffers


if anywidget is not None:

    class LightView(anywidget.AnyWidget):  # type: ignore[misc, valid-type]
        """The widget; `send_parts` sends a message from `encode`. When a front end renders
        (first display, or the cell shown again) it asks for every part, which `everything`
        answers."""

        _esm = BUNDLE
        width = traitlets.Int(780).tag(sync=True)
        height = traitlets.Int(460).tag(sync=True)

        def __init__(self, everything: Any, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._everything = everything
            self.messages = 0
            """How many parts messages were sent."""
            self.on_msg(self._on_front)

        def _on_front(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
            if content.get("type") == "ready":
                msg = self._everything()
                if msg is not None:
                    self.send_parts(*msg)

        def send_parts(self, content: dict[str, Any], buffers: list[bytes]) -> None:
            self.messages += 1
            self.send(content, buffers=buffers)
