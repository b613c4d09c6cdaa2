"""The quick-start notebook in JupyterLab, in headless Chromium, offline: run all cells, then use
the panel as a fabricator would. The tests share one page and run in file order."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pytest

from .pages import (
    build_count,
    canvas_rgb,
    checks_text,
    coloured_pixels,
    field,
    set_text,
    wait_built,
    run_lab_notebook,
    served_page,
)
from .servers import REPO, TOKEN, start_lab

NOTEBOOK = REPO / "notebooks" / "quickstart.ipynb"
PAGE: dict[str, Any] = {}
"""The shared page (read by conftest to screenshot a failure)."""



@pytest.fixture(scope="module")
def lab(browser: Any, watchdog: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("lab")
    server = start_lab(NOTEBOOK, tmp)
    watchdog.servers.append(server)
    # tall enough for the whole panel in one screenshot (resizing later re-lays the 3D view out)
    with served_page(browser, server, PAGE, (1700, 2300), t0=time.monotonic()) as page:
        run_lab_notebook(page, server, NOTEBOOK.name, TOKEN, fold_left=True)
        yield page


def test_panel_opens_with_checks_and_a_rendered_3d_view(lab: Any, artifacts: Path) -> None:
    page = lab
    assert "Up to date." in page.locator(".wb-status").inner_text()
    text = checks_text(page)
    assert "arm bending" in text and "PASS" in text
    titles = page.locator(".wb-field-arm [title]").evaluate_all("els => els.map(e => e.title)")
    assert any(t.startswith("How far the shelf reaches out") for t in titles)  # help on hover
    canvas = page.locator(".wb-viewer canvas").first
    canvas.wait_for()
    box = canvas.bounding_box()
    assert box["width"] >= 700 and box["height"] >= 400
    deadline = time.monotonic() + 30
    while coloured_pixels(canvas_rgb(page)) < 2000 and time.monotonic() < deadline:
        time.sleep(0.5)  # three.js draws on the next animation frames
    rgb = canvas_rgb(page)
    assert coloured_pixels(rgb) > 2000, "the 3D view is blank"
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 50  # shaded faces, not a flat fill
    PAGE["first_view"] = rgb


def test_unit_text_3_4_in_updates_form_checks_and_view(lab: Any) -> None:
    page = lab
    before_checks, n = checks_text(page), build_count(page)
    set_text(page, "width", "3/4 in")
    assert "Up to date." in wait_built(page, n)
    assert field(page, "width", "text").input_value() == "19.05 mm"
    assert checks_text(page) != before_checks
    deadline = time.monotonic() + 20
    while np.array_equal(canvas_rgb(page), PAGE["first_view"]) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not np.array_equal(canvas_rgb(page), PAGE["first_view"]), "the view did not redraw"


CAMERA = """() => { const light = document.querySelector('.wb-viewer .wb-light-view');
  if (light) { const c = light.wbCamera();
               return {zoom: c.zoom, position: c.position, target: c.target}; }
  const v = window.currentCadViewer.viewer;
  return {zoom: v.getCameraZoom(), position: v.getCameraPosition(),
          quaternion: v.getCameraQuaternion()}; }"""
"""The camera of the panel's 3D view: the light view (the default) or cad-viewer-widget's."""


def test_view_redraws_in_place_and_keeps_the_users_camera(lab: Any) -> None:
    page = lab
    canvas = page.locator(".wb-viewer canvas").first
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before_zoom = page.evaluate(CAMERA)
    page.mouse.wheel(0, -300)  # the user zooms in
    page.wait_for_function(f"() => ({CAMERA})().zoom != {before_zoom['zoom']}")
    time.sleep(0.5)
    camera = page.evaluate(CAMERA)
    page.evaluate("() => { document.querySelector('.wb-viewer canvas').__wbMark = 1; }")
    shown = canvas_rgb(page)
    n = build_count(page)
    set_text(page, "arm", "190 mm")
    assert "Up to date." in wait_built(page, n)
    deadline = time.monotonic() + 20
    while np.array_equal(canvas_rgb(page), shown) and time.monotonic() < deadline:
        time.sleep(0.2)
    after = canvas_rgb(page)
    assert not np.array_equal(after, shown), "the view did not redraw the longer arm"
    assert coloured_pixels(after) > 2000
    assert page.evaluate(CAMERA) == camera  # zoom, place and rotation as the user left them
    # the same canvas: the geometry was updated in place, not a new scene
    assert page.evaluate("() => document.querySelector('.wb-viewer canvas').__wbMark === 1")
    n = build_count(page)
    set_text(page, "arm", "150 mm")
    wait_built(page, n)


def test_slider_moved_with_the_keyboard(lab: Any) -> None:
    page = lab
    n = build_count(page)
    handle = field(page, "arm", "handle")
    assert handle.get_attribute("aria-valuenow").startswith("150")
    handle.focus()
    page.keyboard.press("ArrowRight")
    wait_built(page, n)
    assert field(page, "arm", "text").input_value() == "155 mm"
    assert handle.get_attribute("aria-valuenow").startswith("155")


def test_checks_and_value_box_follow_a_dragged_slider_before_release(lab: Any) -> None:
    page = lab
    table = page.locator(".wb-checks table")
    before_checks, before_text = table.inner_text(), field(page, "arm", "text").input_value()
    handle = field(page, "arm", "handle")
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(30):
        page.mouse.move(x + i + 1, y)
    # still held: the checks and the value box already show the slider's value
    page.wait_for_function(
        """([checks, text]) => document.querySelector('.wb-checks table').innerText !== checks
             && document.querySelector('.wb-field-arm input[type=text]').value !== text""",
        arg=[before_checks, before_text],
    )
    now = handle.get_attribute("aria-valuenow")
    page.mouse.up()
    built = """(v) => parseFloat(document.querySelector('.wb-field-arm input[type=text]').value)
                      === parseFloat(v)
                    && document.querySelector('.wb-status .wb-status-ok') !== null"""
    page.wait_for_function(built, arg=now)
    time.sleep(0.5)  # past the panel's settle time: no build of the slider's value is pending
    page.wait_for_function(built, arg=now)
    assert "Up to date." in page.locator(".wb-status").inner_text()
    n = build_count(page)
    set_text(page, "arm", "155 mm")  # where the next test expects it
    wait_built(page, n)


def test_bad_value_is_refused_next_to_the_field(lab: Any) -> None:
    page = lab
    before = checks_text(page)
    handle = field(page, "arm", "handle")
    slider_before = handle.get_attribute("aria-valuenow")
    set_text(page, "arm", "900 mm")
    message = field(page, "arm", "message")
    message.locator(".wb-error").wait_for()
    assert message.inner_text() == "arm: 900 mm is out of range; allowed 60 to 400 mm"
    assert handle.get_attribute("aria-valuenow") == slider_before  # not clamped to 400
    assert checks_text(page) == before
    set_text(page, "arm", "garbage")
    page.wait_for_function(
        "() => document.querySelector('.wb-field-arm .wb-error').innerText.includes('garbage')"
    )
    assert message.inner_text().startswith('arm: "garbage" is not a length')
    n = build_count(page)
    set_text(page, "arm", "150 mm")  # a good value clears the refusal
    wait_built(page, n)
    assert message.inner_text() == ""


def test_export_writes_the_file_and_links_it(lab: Any) -> None:
    page = lab
    server = PAGE["server"]
    page.locator(".wb-export button.widget-button", has_text="STL").click()
    link = page.locator(".wb-export a", has_text="bracket-bracket.stl")
    link.wait_for()
    written = server.root / "out" / "bracket" / "bracket-bracket.stl"
    assert written.is_file() and written.stat().st_size > 1000
    href = link.get_attribute("href")
    assert "/files/out/bracket/bracket-bracket.stl" in href  # resolved by JupyterLab
    response = page.request.get(href if href.startswith("http") else server.url + href)
    assert response.ok and response.body() == written.read_bytes()


def test_switching_to_plywood_and_us_stock(lab: Any, artifacts: Path) -> None:
    page = lab
    n = build_count(page)
    field(page, "make", "select").select_option(label="Cut from plywood")
    wait_built(page, n)
    n = build_count(page)
    page.locator(".wb-context select").nth(2).select_option(label="US customary")
    wait_built(page, n)
    options = [o.replace("\xa0", " ")  # ipywidgets shows option spaces as no-break spaces
               for o in field(page, "sheet", "select").locator("option").all_inner_texts()]
    assert "23/32 in plywood (sold as 3/4 in) — actual 18.26 mm" in options
    assert page.locator(".wb-export button.widget-button", has_text="DXF").is_visible()
    page.locator(".wb-context .widget-toggle-button", has_text="Imperial").click()
    page.wait_for_function(
        "() => document.querySelector('.wb-field-arm input[type=text]').value === '5 7/8″'"
    )
    panel = page.locator(".wb-panel")
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(artifacts / "lab-panel.png"))


def test_no_request_left_loopback(lab: Any, artifacts: Path) -> None:
    net = PAGE["net"]
    assert net.requests, "the recorder saw nothing"
    assert net.unexpected() == []
    took = time.monotonic() - PAGE["t0"]
    (artifacts / "lab-timing.txt").write_text(f"JupyterLab browser tests: {took:.1f} s\n")
    # the README's picture: refreshed on demand (or when missing), not on every run
    docs = REPO / "docs" / "panel.png"
    if os.environ.get("WORKBENCH_UPDATE_DOCS") == "1" or not docs.exists():
        docs.parent.mkdir(exist_ok=True)
        shutil.copy(artifacts / "lab-panel.png", docs)
