"""A Voila app opened at ``/?lang=sw`` shows the panel in Swahili, in headless Chromium, offline.

Voila hands the page's query string to the notebook's kernel (``QUERY_STRING``,
`workbench.i18n.voila_query_locale`); the notebook opens the panel without `lang`. Voila's
page template links Font Awesome's CSS from a CDN (icons only): blocked, as in test_voila.py.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from .pages import FONT_AWESOME_CDN, served_page, translated_ids, wait_panel
from .servers import TOKEN, start_voila, write_notebook

PAGE: dict[str, Any] = {}
"""The page of this module (read by conftest to screenshot a failure)."""

CELLS = ['import workbench as wb\nwb.open("bracket")']


@pytest.fixture(scope="module")
def voila_sw(browser: Any, watchdog: Any,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("voila-sw")
    notebook = write_notebook(tmp / "src", "panel-sw.ipynb", CELLS)
    server = start_voila(notebook, tmp)
    watchdog.servers.append(server)
    with served_page(browser, server, PAGE, (1500, 1100)) as page:
        page.goto(f"{server.url}/?token={TOKEN}&lang=sw", timeout=120_000)
        wait_panel(page)
        yield page


def test_voila_query_lang_sw_shows_the_swahili_panel(voila_sw: Any) -> None:
    page = voila_sw
    assert page.locator(".wb-panel .wb-status").inner_text() == "Imesasishwa."
    lines = [t.strip() for t in page.locator(".wb-panel").inner_text().splitlines() if t.strip()]
    for word in ("Mazingira ya mahali", "Lugha", "Vipimo", "Karakana", "Hali ya hewa", "Ukaguzi"):
        assert word in lines, word
    for english in ("Up to date.", "Local context", "Language", "Units", "Workshop", "Checks"):
        assert english not in lines, english
    assert sorted(set(lines) & translated_ids("sw")) == []
    assert page.locator(".wb-context select").filter(
        has=page.locator("option", has_text="Kiswahili")).first.input_value() == "Kiswahili"


def test_voila_language_made_no_request_but_the_blocked_icon_font(voila_sw: Any) -> None:
    assert PAGE["net"].unexpected(allowed=FONT_AWESOME_CDN) == []
