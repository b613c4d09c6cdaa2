"""The light 3D view (`wb.open("bracket", viewer="light")`) in JupyterLab, headless Chromium,
offline: it draws with WebGL, redraws a changed arm in place, and keeps a rotated camera."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pytest

from .pages import (
    build_count, canvas_rgb, coloured_pixels, run_lab_notebook, served_page, set_text, wait_built,
)
from .servers import TOKEN, start_lab, write_notebook

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


CELLS = ["import workbench as wb", 'wb.open("bracket", viewer="light")']
VIEW = ".wb-viewer .wb-light-view"
CAMERA = f"() => document.querySelector('{VIEW}').wbCamera()"
CANVAS = f"{VIEW} canvas"


@pytest.fixture(scope="module")
def lab(browser: Any, watchdog: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("light")
    source = write_notebook(tmp / "src", "light.ipynb", CELLS)
    server = start_lab(source, tmp)
    watchdog.servers.append(server)
    with served_page(browser, server, PAGE, (1700, 1400), init_script=COUNT_DRAWS) as page:
        run_lab_notebook(page, server, source.name, TOKEN, fold_left=True)
        yield page


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
