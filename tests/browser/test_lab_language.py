"""JupyterLab set to Spanish shows the panel in Spanish, in headless Chromium, offline.

The test's settings folder holds what JupyterLab's Settings → Language menu writes, the locale
``es_ES`` of ``@jupyterlab/translation-extension:plugin`` (offered there because the Spanish
language pack, `jupyterlab-language-pack-es-ES`, is installed: the test extras). The notebook
opens the panel without `lang`: the panel's front-end probe reads the page's ``<html lang>`` and
the kernel follows it (`workbench.ui.front_end`).
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from .pages import run_lab_notebook, served_page, translated_ids
from .servers import TOKEN, start_lab, write_notebook

PAGE: dict[str, Any] = {}
"""The page of this module (read by conftest to screenshot a failure)."""

SPANISH = {"@jupyterlab/translation-extension:plugin": {"locale": "es_ES"}}
CELLS = ['import workbench as wb\nwb.open("bracket")']
PANEL_TEXT = "() => document.querySelector('.wb-panel').innerText"


@pytest.fixture(scope="module")
def lab_es(browser: Any, watchdog: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("lab-es")
    notebook = write_notebook(tmp / "src", "panel-es.ipynb", CELLS)
    server = start_lab(notebook, tmp, settings=SPANISH)
    watchdog.servers.append(server)
    with served_page(browser, server, PAGE, (1700, 2300)) as page:
        run_lab_notebook(page, server, notebook.name, TOKEN)
        yield page


def test_jupyterlab_itself_speaks_spanish(lab_es: Any) -> None:
    page = lab_es
    assert page.evaluate("() => document.documentElement.lang") == "es-ES"
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert "Archivo" in menus and "File" not in menus  # the language pack's words


def test_the_panel_follows_jupyterlabs_spanish(lab_es: Any) -> None:
    page = lab_es
    # the probe reports once the cell has run; the panel's words follow without a rebuild
    page.wait_for_function(
        "() => (document.querySelector('.wb-panel .wb-status') || {}).innerText === 'Actualizado.'",
        timeout=30_000,
    )
    lines = [t.strip() for t in page.evaluate(PANEL_TEXT).splitlines() if t.strip()]
    for word in ("Contexto local", "Idioma", "Unidades", "Taller", "Clima", "Verificaciones",
                 "Exportar", "Carpeta"):
        assert word in lines, word
    for english in ("Up to date.", "Local context", "Language", "Units", "Workshop", "Checks"):
        assert english not in lines, english
    # no whole line of the panel is an English word the Spanish catalog translates
    assert sorted(set(lines) & translated_ids("es")) == []
    # the language switch shows Spanish
    assert page.locator(".wb-context select").filter(
        has=page.locator("option", has_text="Español")).first.input_value() == "Español"


def test_no_request_left_loopback(lab_es: Any) -> None:
    assert PAGE["net"].unexpected() == [], PAGE["net"].external
