"""The light 3D view (`wb.open("bracket", viewer="light")`) in JupyterLab, headless Chromium,
offline: it draws with WebGL, redraws a changed arm in place, and keeps a rotated camera."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pytest

from .pages import build_count, canvas_rgb, coloured_pixels, guard, set_text, wait_built, wait_panel
from .servers import TOKEN, start_lab

PAGE: dict[str, Any] = {}
"""The shared page (read by conftest to screenshot a failure)."""

COUNT_DRAWS = """(() => {
  window.__draws = 0;
  for (const C of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!C) continue;
    for (const f of ['drawElements', 'drawArrays']) {
      const orig = C.prototype[f];
      C.prototype[f] = function (...a) { window.__draws++; return orig.apply(this, a); };
    }
  }
})();"""
"""Runs before any page script: counts the WebGL draw calls (as bench/browser.py does)."""

KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""

CELLS = ["import workbench as wb", 'wb.open("bracket", viewer="light")']
VIEW = ".wb-viewer .wb-light-view"
CAMERA = f"() => document.querySelector('{VIEW}').wbCamera()"
CANVAS = f"{VIEW} canvas"


@pytest.fixture(scope="module")
def lab(browser: Any, watchdog: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("light")
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": src} for src in CELLS],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    source = tmp / "src" / "light.ipynb"
    source.parent.mkdir()
    source.write_text(json.dumps(nb), encoding="utf-8")
    server = start_lab(source, tmp)
    watchdog.servers.append(server)
    page = browser.new_page(viewport={"width": 1700, "height": 1400})
    page.set_default_timeout(60_000)
    page.add_init_script(COUNT_DRAWS)
    net = guard(page)
    PAGE.update(page=page, net=net)
    try:
        page.goto(f"{server.url}/lab/tree/light.ipynb?token={TOKEN}&reset")
        page.wait_for_function(KERNEL_IDLE, timeout=90_000)
        page.evaluate("""() => { const app = window.jupyterapp;
            if (!app.shell.leftCollapsed) app.commands.execute('application:toggle-left-area'); }""")
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        wait_panel(page)
        page.locator(".wb-panel").scroll_into_view_if_needed()
        yield page
    finally:
        page.close()
        server.stop()
        PAGE.clear()


def _drawn(page: Any, selector: str = CANVAS) -> np.ndarray:
    deadline = time.monotonic() + 30
    while coloured_pixels(canvas_rgb(page, selector)) < 2000 and time.monotonic() < deadline:
        time.sleep(0.3)
    return canvas_rgb(page, selector)


def test_the_light_view_draws_the_bracket_with_webgl(lab: Any, artifacts: Path) -> None:
    page = lab
    page.locator(CANVAS).wait_for()
    box = page.locator(CANVAS).bounding_box()
    assert box["width"] == 780 and box["height"] == 460
    page.wait_for_function("() => window.__draws > 0")
    rgb = _drawn(page)
    assert coloured_pixels(rgb) > 2000, "the light view is blank"
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 5  # lit faces and edges, not one fill
    assert page.locator(".wb-viewer .cadviewer, .wb-viewer .tcv_cad_viewer").count() == 0
    page.locator(CANVAS).screenshot(path=str(artifacts / "light-view.png"))


def test_a_longer_arm_redraws_in_place_and_keeps_the_rotated_camera(lab: Any) -> None:
    page = lab
    view = page.locator(VIEW)
    page.evaluate(f"() => document.querySelector('{VIEW}').wbRotate(0.6)")  # the user turns it
    page.wait_for_function(f"() => document.querySelector('{VIEW}').dataset.frames > 1")
    time.sleep(0.3)
    camera = page.evaluate(CAMERA)
    page.evaluate(f"() => {{ document.querySelector('{CANVAS}').__wbMark = 1; }}")
    shown, updates = canvas_rgb(page, CANVAS), int(view.get_attribute("data-updates"))
    draws, n = page.evaluate("() => window.__draws"), build_count(page)
    set_text(page, "arm", "220 mm")
    assert "Up to date." in wait_built(page, n)
    page.wait_for_function(f"(u) => document.querySelector('{VIEW}').dataset.updates > u",
                           arg=updates)
    page.wait_for_function("(d) => window.__draws > d", arg=draws)
    deadline = time.monotonic() + 20
    while np.array_equal(canvas_rgb(page, CANVAS), shown) and time.monotonic() < deadline:
        time.sleep(0.2)
    after = canvas_rgb(page, CANVAS)
    assert not np.array_equal(after, shown), "the view did not redraw the longer arm"
    assert coloured_pixels(after) > coloured_pixels(shown)  # a longer arm covers more pixels
    assert page.evaluate(CAMERA) == camera  # rotation, zoom and target as the user left them
    assert page.evaluate(f"() => document.querySelector('{CANVAS}').__wbMark === 1")


def test_no_request_left_loopback(lab: Any) -> None:
    net = PAGE["net"]
    assert net.requests and net.unexpected() == []
