"""The quick-start notebook as a Voila app, in headless Chromium, offline.

Voila's page template links Font Awesome's CSS from a CDN (icons only; the panel uses none). This
test blocks that request with `page.route` and fails on any other request that leaves loopback.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from .pages import (
    FONT_AWESOME_CDN,
    build_count,
    canvas_rgb,
    checks_text,
    coloured_pixels,
    field,
    served_page,
    set_text,
    wait_built,
    wait_panel,
)
from .servers import REPO, TOKEN, start_voila

NOTEBOOK = REPO / "notebooks" / "quickstart.ipynb"
PAGE: dict[str, Any] = {}


@pytest.fixture(scope="module")
def voila(browser: Any, watchdog: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("voila")
    server = start_voila(NOTEBOOK, tmp)
    watchdog.servers.append(server)
    with served_page(browser, server, PAGE, (1500, 1100), t0=time.monotonic()) as page:
        page.goto(f"{server.url}/?token={TOKEN}", timeout=120_000)
        wait_panel(page)
        yield page


def test_voila_renders_the_panel_and_the_3d_view(voila: Any) -> None:
    page = voila
    assert "Up to date." in page.locator(".wb-status").inner_text()
    assert "arm bending" in checks_text(page)
    deadline = time.monotonic() + 30
    while coloured_pixels(canvas_rgb(page)) < 2000 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert coloured_pixels(canvas_rgb(page)) > 2000, "the 3D view is blank"


def test_voila_takes_unit_text_and_refuses_bad_values(voila: Any) -> None:
    page = voila
    before, n = checks_text(page), build_count(page)
    set_text(page, "width", "3/4 in")
    wait_built(page, n)
    assert field(page, "width", "text").input_value() == "19.05 mm"
    assert checks_text(page) != before
    set_text(page, "arm", "5 kg")
    message = field(page, "arm", "message")
    message.locator(".wb-error").wait_for()
    assert message.inner_text() == (
        'arm: "5 kg" is a mass, expected a length (e.g. 18 mm, 3/4 in, 1\' 6")'
    )


def test_voila_exports(voila: Any, artifacts: Path) -> None:
    page = voila
    page.locator(".wb-export button.widget-button", has_text="STEP").click()
    link = page.locator(".wb-export a", has_text="bracket.step")
    link.wait_for()
    written = PAGE["server"].root / "out" / "bracket" / "bracket.step"
    assert written.is_file() and written.stat().st_size > 1000
    href = link.get_attribute("href")
    assert href == "out/bracket/bracket.step"  # relative to the page, served by Voila
    response = page.request.get(f"{PAGE['server'].url}/{href}")
    assert response.ok and response.body() == written.read_bytes()
    page.locator(".wb-panel").screenshot(path=str(artifacts / "voila-panel.png"))


def test_voila_made_no_request_but_the_blocked_icon_font(voila: Any, artifacts: Path) -> None:
    net = PAGE["net"]
    assert net.requests
    assert net.unexpected(allowed=FONT_AWESOME_CDN) == []
    took = time.monotonic() - PAGE["t0"]
    (artifacts / "voila-timing.txt").write_text(
        f"Voila browser tests: {took:.1f} s; blocked: {sorted(set(net.external))}\n"
    )
