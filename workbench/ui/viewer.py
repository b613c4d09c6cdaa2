"""The 3D view, behind one small interface: `Viewer.widget`, `show(parts)`, `mark_stale(stale)`.

It uses cad-viewer-widget (three.js bundled in its JupyterLab extension, so nothing is fetched at
run time) fed by ocp-tessellate. Without them the view is a note saying what to install; the rest
of the panel works the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import ipywidgets as widgets

if TYPE_CHECKING:
    from workbench.geometry import MeasuredPart

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


def tessellate(parts: Sequence["MeasuredPart"]) -> dict[str, Any]:
    """The parts at their places as cad-viewer-widget's shapes message (base64 buffers)."""
    from ocp_tessellate.convert import tessellate_group, to_ocpgroup
    from ocp_tessellate.utils import numpy_to_buffer_json

    solids = [p.placed() for p in parts]
    group, instances = to_ocpgroup(
        *solids,
        names=[p.name for p in parts],
        colors=[COLOURS.get(str(getattr(p.process, "value", p.process)), "#b0b0b0") for p in parts],
    )
    meshed, shapes, _ = tessellate_group(group, instances, {})
    return numpy_to_buffer_json({"instances": meshed, "shapes": shapes})


class Viewer:
    """The 3D view of a design's parts; `show` replaces them, `mark_stale` greys them out."""

    def __init__(self, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.banner = widgets.HTML("")
        self.stale = False
        self.shown: list[str] = []
        """Names of the parts on screen."""
        self._cad: Any = None
        try:
            from cad_viewer_widget import CadViewer

            self._cad = CadViewer(
                cad_width=max(width, 780), height=height, tree_width=240, glass=True,
                tools=True, pinning=False, theme="light",
            )
            view: widgets.Widget = self._cad.widget
        except ImportError:
            view = widgets.HTML(
                '<p class="wb-note">3D view needs cad-viewer-widget and ocp-tessellate '
                "(pip install cad-viewer-widget ocp-tessellate).</p>"
            )
        self._view = view
        self.widget = widgets.VBox([self.banner, view])
        self.widget.add_class("wb-viewer")

    @property
    def available(self) -> bool:
        return self._cad is not None

    def show(self, parts: Sequence["MeasuredPart"]) -> None:
        """Show `parts` at their places in the assembly (replacing what was shown)."""
        names = [p.name for p in parts]
        # keep the user's camera while the same parts change size; a new set of parts (printed
        # to plywood) starts from the default view, which also rebuilds the viewer's part tree
        same = names == self.shown and bool(self._cad and self._cad.widget.shapes)
        self.shown = names
        if self._cad is None or not parts:
            return
        self._cad.add_shapes(tessellate(parts), **_RENDER, reset_camera="keep" if same else "reset")

    def mark_stale(self, stale: bool) -> None:
        """Grey the view out with a banner: it shows the last design that built."""
        self.stale = stale
        self.banner.value = (
            '<div class="wb-stale-banner">'
            "Stale: the 3D view shows the last design that built.</div>"
            if stale else ""
        )
        if stale:
            self._view.add_class("wb-stale")
        else:
            self._view.remove_class("wb-stale")
