"""Real-browser fixtures: Debian's Chromium driven by Playwright, offline, under a time budget.

Skipped, with the reason, only when Chromium is not installed (`make chromium` installs it); a
missing `playwright` package is an install error and fails.
"""

from __future__ import annotations

import os
import signal
import threading
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

from .servers import REPO

CHROMIUM = os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium")
MARKER = f"--workbench-browser-test={uuid.uuid4().hex}"
"""An inert switch on our Chromium's command line, so the watchdog finds exactly its processes."""
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # WebGL without a GPU: Chromium's software rasteriser (the 3D view needs WebGL)
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader", MARKER,
]
BUDGET_S = float(os.environ.get("WORKBENCH_BROWSER_BUDGET", "300"))
"""Past this many seconds the watchdog ends the servers and Chromium: waits fail, nothing hangs."""
ARTIFACTS = REPO / "test-artifacts"


class Watchdog:
    """Stops what the browser tests started once their time budget is spent."""

    def __init__(self, budget: float) -> None:
        self.servers: list[Any] = []
        self.fired = False
        self._timer = threading.Timer(budget, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        for server in self.servers:
            server.stop()
        for pid in _pids_with(MARKER):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def cancel(self) -> None:
        self._timer.cancel()


def _pids_with(marker: str) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    out.append(int(entry.name))
            except OSError:
                continue
    return out


@pytest.fixture(scope="session")
def watchdog() -> Iterator[Watchdog]:
    dog = Watchdog(BUDGET_S)
    yield dog
    dog.cancel()


@pytest.fixture(scope="session")
def browser(watchdog: Watchdog) -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install it with `make chromium` "
            "(apt-get install chromium) to run the browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        page = getattr(item.module, "PAGE", {}).get("page")
        if page is not None:
            try:
                page.screenshot(path=str(ARTIFACTS / f"failed-{item.name}.png"), full_page=True)
            except Exception:
                pass
