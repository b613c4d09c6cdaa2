"""The 3D view, behind one small interface: `Viewer.widget`, `show(parts)`, `mark_stale(stale)`.

Two back ends (`ViewerKind`): "full" is cad-viewer-widget (part tree, measuring tools); "light" is
the workbench's own anywidget (workbench/ui/light.py), a plain three.js view that is cheap to
redraw. The full one uses cad-viewer-widget (three.js bundled in its JupyterLab extension, so nothing is fetched at
run time) fed by ocp-tessellate. Without them the view is a note saying what to install; the rest
of the panel works the same.
"""

from __future__ import annotations

from workbench.i18n import _
import hashlib
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

import ipywidgets as widgets
import numpy as np

if TYPE_CHECKING:
    from workbench.geometry import MeasuredPart

class ViewerKind(str, Enum):
    """Which 3D view the panel shows."""

    FULL = "full"    # cad-viewer-widget: part tree, measuring and clipping tools
    LIGHT = "light"  # workbench/ui/light.py: parts, edges, orbit/zoom/pan only; fast redraws


COLOURS = {"print": "#e8a33d", "cut": "#d9b98c", "frame": "#a0785a", "buy": "#9e9e9e"}
"""Part colour by process (printed parts orange, sheet parts plywood-like)."""

WIDTH, HEIGHT = 780, 460
"""Canvas size in pixels; 780 is the smallest cad-viewer-widget accepts."""

# What `cad_viewer_widget.show` would pass for a first show (add_shapes has no defaults for them).
_RENDER = dict(
    normal_len=0, default_edgecolor="#707070", default_opacity=0.5, ambient_intensity=1.0,
    direct_intensity=1.1, metalness=0.3, roughness=0.65, orbit_control=False, up="Z",
    ortho=True, axes=False, axes0=False, grid=[False, False, False], center_grid=False,
    ticks=10, explode=False, transparent=False, black_edges=False, collapse="R",
    zoom_speed=0.5, pan_speed=0.5, rotate_speed=1.0, grid_font_size=12,
    studio_environment="studio", studio_env_intensity=1.0, studio_env_rotation=0.0,
    studio_background="environment", studio_tone_mapping="neutral", studio_exposure=1.0,
    studio_shadow_intensity=0.5, studio_shadow_softness=0.2, studio_ao_intensity=0.5,
    studio_texture_mapping="parametric", studio_4k_env_maps=False,
    clip_normal_0=[-1, 0, 0], clip_normal_1=[0, -1, 0], clip_normal_2=[0, 0, -1],
)


def _mesh(parts: Sequence["MeasuredPart"], label: Callable[[str], str] | None = None,
          ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The parts at their places, tessellated: (instances as numpy arrays, the shapes tree).
    The tree names each part `label(name)` (what people call it), else its name."""
    from ocp_tessellate.convert import tessellate_group, to_ocpgroup

    solids = [p.placed() for p in parts]
    group, instances = to_ocpgroup(
        *solids,
        names=[label(p.name) if label is not None else p.name for p in parts],
        colors=[COLOURS.get(str(getattr(p.process, "value", p.process)), "#b0b0b0") for p in parts],
    )
    meshed, shapes, _ = tessellate_group(group, instances, {})
    return meshed, shapes


def tessellate(parts: Sequence["MeasuredPart"]) -> dict[str, Any]:
    """The parts at their places as cad-viewer-widget's shapes message (base64 buffers)."""
    from ocp_tessellate.utils import numpy_to_buffer_json

    meshed, shapes = _mesh(parts)
    return numpy_to_buffer_json({"instances": meshed, "shapes": shapes})


def _leaves(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The leaf parts of a shapes tree (each has an `id` path and a `shape` reference)."""
    for part in node.get("parts", []):
        if "parts" in part:
            yield from _leaves(part)
        else:
            yield part


def _digest(instance: dict[str, Any]) -> str:
    """A fingerprint of one tessellated part: equal meshes give equal digests."""
    h = hashlib.blake2b(digest_size=16)
    for key in sorted(instance):
        value = instance[key]
        if isinstance(value, np.ndarray):
            h.update(key.encode())
            h.update(np.ascontiguousarray(value).tobytes())
    return h.hexdigest()


def _plain(instance: dict[str, Any]) -> dict[str, Any]:
    """A part's mesh as JSON lists (what three-cad-viewer's `updatePart` reads); coordinates in
    millimetres rounded to 0.1 µm, far below the tessellation's own tolerance."""
    out: dict[str, Any] = {}
    for key, value in instance.items():
        if isinstance(value, np.ndarray):
            arr = value.reshape(-1)
            out[key] = (np.round(arr.astype(np.float64), 4).tolist()
                        if arr.dtype.kind == "f" else arr.astype(np.int64).tolist())
        else:
            out[key] = _jsonable(value)
    return out


def _jsonable(value: Any) -> Any:
    """Numpy scalars inside a shapes-tree node as plain numbers, for a JSON message."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


class Viewer:
    """The 3D view of a design's parts; `show` replaces them, `mark_stale` greys them out."""

    def __init__(self, width: int = WIDTH, height: int = HEIGHT,
                 kind: ViewerKind | str = ViewerKind.FULL) -> None:
        try:
            self.kind = ViewerKind(kind)
        except ValueError:
            from workbench.errors import WorkbenchError

            raise WorkbenchError(f"viewer {kind!r} is not known; use one of "
                                 + ", ".join(k.value for k in ViewerKind)) from None
        self.banner = widgets.HTML("")
        self._light: Any = None
        self._last: tuple[list[dict[str, Any]], dict[str, Any]] | None = None
        """The last tessellation shown (meshes, shapes tree), for a light view that renders."""
        self.stale = False
        self.shown: list[str] = []
        """Names of the parts on screen."""
        self._cad: Any = None
        self._digests: dict[str, tuple[str, str]] = {}
        """Per shown part id: its mesh's fingerprint and its placement."""
        self.sent: list[str] = []
        """Ids of the parts whose meshes the last `show` sent (unchanged parts are not sent)."""
        self.scenes = 0
        """How many times a whole new scene was sent (the first show, a new set of parts)."""
        self.updates = 0
        """How many times changed parts were updated in place."""
        if self.kind is ViewerKind.LIGHT:
            view = self._light_view(width, height)
        else:
            view = self._full_view(width, height)
        self._view = view
        self.widget = widgets.VBox([self.banner, view])
        self.widget.add_class("wb-viewer")

    def _light_view(self, width: int, height: int) -> widgets.Widget:
        """The light view; without anywidget or ocp-tessellate, the full one (or its note)."""
        from workbench.ui import light

        try:
            import ocp_tessellate  # noqa: F401
        except ImportError:
            return self._full_view(width, height)
        if light.anywidget is None:
            self.kind = ViewerKind.FULL
            return self._full_view(width, height)
        self._light = light.LightView(self._everything, width=width, height=height)
        return self._light

    def _everything(self) -> tuple[dict[str, Any], list[bytes]] | None:
        """Every shown part as one light-view message (what a newly rendered view asks for)."""
        if self._last is None:
            return None
        from workbench.ui.light import encode

        meshed, shapes = self._last
        return encode(meshed, shapes, list(self._digests))

    def _full_view(self, width: int, height: int) -> widgets.Widget:
        try:
            from cad_viewer_widget import CadViewer

            self._cad = CadViewer(
                cad_width=max(width, 780), height=height, tree_width=240, glass=True,
                tools=True, pinning=False, theme="light",
            )
            view: widgets.Widget = self._cad.widget
        except ImportError:
            view = widgets.HTML(
                '<p class="wb-note">' + _("3D view needs cad-viewer-widget and ocp-tessellate "
                                          "(pip install cad-viewer-widget ocp-tessellate).")
                + "</p>"
            )
        return view

    @property
    def available(self) -> bool:
        return self._cad is not None or self._light is not None

    def show(self, parts: Sequence["MeasuredPart"],
             label: Callable[[str], str] | None = None) -> None:
        """Show `parts` at their places in the assembly (replacing what was shown); the full
        view's part tree names each part `label(name)` (the light view shows no names).

        The same parts again (a size changed): only the parts whose mesh changed are sent, and
        the view updates their geometry in place (three-cad-viewer's `updatePart`), keeping its
        camera, tree and WebGL programs. A new set of parts (printed to plywood) is a new scene,
        from the default view.
        """
        if self._light is not None:
            self._show_light(parts)
            return
        names = [p.name for p in parts]
        same = names == self.shown and bool(self._cad and self._cad.widget.shapes)
        self.shown = names
        if self._cad is None or not parts:
            self.sent = []
            return
        meshed, shapes = _mesh(parts, label)  # renamed parts (a new language): a new tree
        digests = {leaf["id"]: (_digest(meshed[leaf["shape"]["ref"]]), repr(_jsonable(leaf["loc"])))
                   for leaf in _leaves(shapes)}
        if same and digests.keys() == self._digests.keys():
            self._update(meshed, shapes, digests)
        else:
            from ocp_tessellate.utils import numpy_to_buffer_json

            self._cad.add_shapes(numpy_to_buffer_json({"instances": meshed, "shapes": shapes}),
                                 **_RENDER, reset_camera="keep" if same else "reset")
            self.sent = list(digests)
            self.scenes += 1
        self._digests = digests

    def _show_light(self, parts: Sequence["MeasuredPart"]) -> None:
        """The light view: send the parts whose mesh or place changed (their buffers are written
        into the shown geometry, the camera stays) and remove the parts that went away."""
        from workbench.ui.light import encode

        names = [p.name for p in parts]
        new_set = names != self.shown
        self.shown = names
        if not parts:
            if self._digests:
                self._light.send_parts({"type": "parts", "parts": [],
                                        "remove": list(self._digests)}, [])
            self._digests, self._last, self.sent = {}, None, []
            return
        meshed, shapes = _mesh(parts)
        digests = {leaf["id"]: (_digest(meshed[leaf["shape"]["ref"]]), repr(_jsonable(leaf["loc"])))
                   for leaf in _leaves(shapes)}
        changed = [pid for pid, d in digests.items() if self._digests.get(pid) != d]
        gone = [pid for pid in self._digests if pid not in digests]
        self.sent = changed
        self._last = (meshed, shapes)
        if changed or gone:
            self._light.send_parts(*encode(meshed, shapes, changed, remove=gone))
            if new_set:
                self.scenes += 1
            else:
                self.updates += 1
        self._digests = digests

    def _update(self, meshed: list[dict[str, Any]], shapes: dict[str, Any],
                digests: dict[str, tuple[str, str]]) -> None:
        """Send the changed parts' meshes to the shown view, to update in place."""
        changed = [leaf for leaf in _leaves(shapes)
                   if digests[leaf["id"]] != self._digests[leaf["id"]]]
        self.sent = [leaf["id"] for leaf in changed]
        if not changed:
            return
        skip = {"skipBounds": True}  # the bounds once, after the last part
        for leaf in changed:
            pid = leaf["id"]
            # the tree node's few numpy scalars made plain; the mesh is plain lists already
            data = {**_jsonable({k: v for k, v in leaf.items() if k != "shape"}),
                    "shape": _plain(meshed[leaf["shape"]["ref"]])}
            if digests[pid][1] == self._digests[pid][1]:
                # the mesh in place; a mesh whose vertex counts changed the viewer itself replaces
                self._cad.execute("viewer.updatePart", [pid, data, skip])
            else:  # moved: updatePart keeps a part's place, so the part is replaced
                self._cad.execute("viewer.removePart", [pid, skip])
                self._cad.execute("viewer.addPart", [pid.rsplit("/", 1)[0], data, skip])
        self._cad.execute("viewer.updateBounds")
        self.updates += 1

    def mark_stale(self, stale: bool) -> None:
        """Grey the view out with a banner: it shows the last design that built."""
        self.stale = stale
        self.banner.value = (
            '<div class="wb-stale-banner">'
            + _("Stale: the 3D view shows the last design that built.") + "</div>"
            if stale else ""
        )
        if stale:
            self._view.add_class("wb-stale")
        else:
            self._view.remove_class("wb-stale")
