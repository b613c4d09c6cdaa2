"""Helpers to drive the workbench panel in a page: network guard, fields, canvas pixels."""

from __future__ import annotations

import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np

LOCAL = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/|^(data|blob|about):")
FONT_AWESOME_CDN = re.compile(r"^https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@")
"""What Voila's page template links (icons only); the Voila test blocks it."""


@dataclass
class Network:
    """Every request a page made, and the ones that tried to leave loopback (all aborted)."""

    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def unexpected(self, allowed: re.Pattern[str] | None = None) -> list[str]:
        return [u for u in self.external if not (allowed and allowed.match(u))]


def guard(page: Any) -> Network:
    """Record requests; abort any that is not loopback, data: or blob: (so none hangs on DNS)."""
    net = Network()

    def on_route(route: Any) -> None:
        url = route.request.url
        if LOCAL.match(url):
            route.continue_()
        else:
            net.external.append(url)
            route.abort("blockedbyclient")

    page.on("request", lambda r: net.requests.append(r.url))
    page.route("**/*", on_route)
    return net


KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""
"""True once the open notebook's kernel is connected and idle (cells run before are dropped)."""


def translated_ids(lang: str) -> set[str]:
    """The English message ids the workbench's `lang` catalog translates to other words."""
    from babel.messages.pofile import read_po

    from workbench.i18n import LOCALE_DIR

    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "workbench.po", "rb") as f:
        catalog = read_po(f, locale=lang)
    return {m.id for m in catalog if m.id and m.string and m.string != m.id}


def field(page: Any, name: str, part: str) -> Any:
    """A locator inside parameter `name`'s row: part is 'text', 'handle', 'message' or 'select'."""
    css = {
        "text": "input[type=text]",
        "handle": ".noUi-handle",
        "message": ".wb-field-message",
        "select": "select",
    }[part]
    return page.locator(f".wb-field-{name} {css}").first


def set_text(page: Any, name: str, text: str) -> None:
    box = field(page, name, "text")
    box.fill(text)
    box.press("Enter")


def status(page: Any) -> str:
    return page.locator(".wb-status").inner_text()


def wait_panel(page: Any, timeout_ms: int = 120_000) -> None:
    """Until the panel has finished its first build. In JupyterLab, a notebook cell that raised
    instead fails the test at once with its error."""
    state = page.wait_for_function(
        """() => {
          if (document.querySelector('.wb-panel .wb-status [data-build]')) return 'ok';
          const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
          for (const cell of (w && w.content && w.content.widgets) || []) {
            const outs = cell.model.outputs;
            for (let i = 0; outs && i < outs.length; i++) {
              const o = outs.get(i).toJSON();
              if (o.output_type === 'error') return `${o.ename}: ${o.evalue}`;
            }
          }
          return false;
        }""",
        timeout=timeout_ms,
    ).json_value()
    if state != "ok":
        import pytest

        pytest.fail(f"a notebook cell failed: {state}")


def build_count(page: Any) -> int:
    """How many builds the panel has finished (its status line's `data-build`)."""
    return int(page.locator(".wb-status [data-build]").get_attribute("data-build"))


def wait_built(page: Any, after: int, timeout_ms: int = 60_000) -> str:
    """Until a build later than number `after` has finished; returns the status line."""
    page.wait_for_function(
        """(after) => { const s = document.querySelector('.wb-status [data-build]');
                        return s && Number(s.dataset.build) > after
                               && !s.classList.contains('wb-status-busy'); }""",
        arg=after, timeout=timeout_ms,
    )
    return status(page)


def checks_text(page: Any) -> str:
    return page.locator(".wb-checks").inner_text()


def canvas_rgb(page: Any, selector: str = ".wb-viewer canvas") -> np.ndarray:
    """The 3D canvas as an (h, w, 3) array, read back through a screenshot of its element."""
    from PIL import Image

    png = page.locator(selector).first.screenshot()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def coloured_pixels(rgb: np.ndarray) -> int:
    """Pixels with real colour (the shaded parts), not the white/grey background and lines."""
    spread = rgb.max(axis=2).astype(int) - rgb.min(axis=2).astype(int)
    return int((spread > 60).sum())


@contextmanager
def served_page(browser: Any, server: Any, state: dict[str, Any], viewport: tuple[int, int],
                init_script: str | None = None, **extra: Any) -> Iterator[Any]:
    """A new page for `server`, its requests guarded (`guard`), recorded in the test module's
    `state` (read by conftest to screenshot a failure); the page closed and the server stopped
    after, whatever happened."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.set_default_timeout(60_000)
    if init_script:
        page.add_init_script(init_script)
    state.update(page=page, net=guard(page), server=server, **extra)
    try:
        yield page
    finally:
        page.close()
        server.stop()
        state.clear()


def run_lab_notebook(page: Any, server: Any, name: str, token: str, fold_left: bool = False) -> None:
    """Open notebook `name` in JupyterLab, run all its cells and wait for the panel's first
    build; `fold_left` folds the file browser away (room for the form and view side by side)."""
    page.goto(f"{server.url}/lab/tree/{name}?token={token}&reset")
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    if fold_left:
        page.evaluate("""() => { const app = window.jupyterapp;
            if (!app.shell.leftCollapsed) app.commands.execute('application:toggle-left-area'); }""")
    # not awaited: the command's promise can outlive the test
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    wait_panel(page)
    page.locator(".wb-panel").scroll_into_view_if_needed()
