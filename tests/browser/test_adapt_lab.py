"""Adapt to a place in JupyterLab, in headless Chromium, offline: open `plywood-shelf`, choose
India stock, see the banner, Adapt, Accept, Save as variant, Share; the variant file and the
bundle zip are on disk and no request left loopback.

The kernel runs in the test's temporary folder, which holds a copy of the shelf's design folder in
``./designs`` (found before the shipped design, `workbench.catalog`): the variant is saved beside
that copy (`workbench.variants.variants_dir`), never into the repository's ``designs/``.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest

from .pages import build_count, run_lab_notebook, served_page, wait_built
from .servers import REPO, TOKEN, start_lab, write_notebook

PAGE: dict[str, Any] = {}
"""The page of this module (read by conftest to screenshot a failure)."""

CELLS = [
    "import workbench as wb\n"
    "from workbench.ui import Workbench\n"
    "import os\n"
    "os.getcwd()",
    'panel = Workbench("plywood-shelf", out_dir="out/plywood-shelf")\npanel',
]
NAME = "india-softwood-browser"
SHIPPED_VARIANTS = REPO / "designs" / "plywood-shelf" / "variants"


def _notebook(folder: Path) -> Path:
    """A two-cell notebook that opens the shelf's panel (the server serves a copy of it)."""
    return write_notebook(folder, "adapt-shelf.ipynb", CELLS)


@pytest.fixture(scope="module")
def lab(browser: Any, watchdog: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("adapt-lab")
    notebook = _notebook(tmp / "src")
    server = start_lab(notebook, tmp)
    watchdog.servers.append(server)
    # the kernel's ./designs: a copy of the shelf, so its variants are written here
    shutil.copytree(REPO / "designs" / "plywood-shelf", server.root / "designs" / "plywood-shelf",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with served_page(browser, server, PAGE, (1700, 2300)) as page:
        run_lab_notebook(page, server, notebook.name, TOKEN)
        yield page


def _stock_select(page: Any) -> Any:
    return page.locator(".wb-context select").filter(
        has=page.locator("option", has_text="EU metric")).first


def test_india_stock_shows_the_banner(lab: Any) -> None:
    page = lab
    assert page.locator(".wb-banner").count() == 0  # the shelf fits EU metric stock as drawn
    select = _stock_select(page)
    india = next(o for o in select.locator("option").all_inner_texts() if o.startswith("India"))
    n = build_count(page)
    select.select_option(label=india)
    wait_built(page, n)
    banner = page.locator(".wb-banner")
    banner.wait_for()
    text = banner.inner_text()
    assert "does not fit india stock" in text
    assert "sold locally: Plywood thickness" in text
    assert "birch plywood is not sold in india stock" in text
    assert page.locator("button.wb-adapt").is_visible()


def test_adapt_then_accept_sets_the_local_plywood(lab: Any) -> None:
    page = lab
    page.locator("button.wb-adapt").click()
    proposal = page.locator(".wb-proposal")
    proposal.wait_for(timeout=60_000)
    assert proposal.get_attribute("data-verdict") == "adapted-but-unverified"
    text = proposal.inner_text()
    # the change is named by the role's label, as the form names it
    assert "Plywood panels\tplywood-birch → plywood-softwood" in text
    assert "Birch plywood is not sold in India stock; local plywood (same family)" in text
    n = build_count(page)
    page.locator("button.wb-accept").click()
    wait_built(page, n)
    page.locator(".wb-proposal").wait_for(state="detached")
    page.locator(".wb-banner").wait_for(state="detached")  # the form fits India now
    roles = page.locator(".wb-context select").first
    shown = roles.evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")
    assert shown.startswith("Softwood plywood")  # ipywidgets shows spaces as no-break spaces


def test_save_as_variant_writes_it_beside_the_design(lab: Any) -> None:
    page = lab
    commons = page.locator(".wb-commons")
    commons.locator("input[placeholder^='variant name']").fill(NAME)
    commons.locator("input[placeholder^='why']").fill("India stock: local softwood plywood")
    commons.locator("input[placeholder^='person']").fill("browser test")
    commons.locator("button.wb-save-variant").click()
    commons.locator(".wb-note", has_text=f"Saved variant {NAME}").wait_for()
    path = PAGE["server"].root / "designs" / "plywood-shelf" / "variants" / f"{NAME}.toml"
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert 'why = "India stock: local softwood plywood"' in text
    assert 'author = "browser test"' in text
    assert 'stock = "india"' in text and 'panel = "plywood-softwood"' in text
    assert not (SHIPPED_VARIANTS / f"{NAME}.toml").exists()  # nothing written into the repository


def test_share_writes_the_bundle_zip(lab: Any) -> None:
    page = lab
    commons = page.locator(".wb-commons")
    commons.locator("input[placeholder^='repository']").fill("https://example.org/designs")
    commons.locator("button.wb-share").click()
    commons.locator(".wb-note", has_text="Bundle written:").wait_for(timeout=120_000)
    bundle = PAGE["server"].root / "out" / "plywood-shelf" / f"{NAME}-bundle.zip"
    deadline = time.monotonic() + 10
    while not bundle.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert bundle.is_file()
    with zipfile.ZipFile(bundle) as z:
        names = z.namelist()
    assert any(n.endswith(f"{NAME}.toml") for n in names), names
    assert commons.locator("a", has_text=f"{NAME}-bundle.zip").count() >= 1


def test_no_request_left_loopback(lab: Any) -> None:
    net = PAGE["net"]
    assert net.requests, "the recorder saw nothing"
    assert net.unexpected() == []
