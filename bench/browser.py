"""The browser section of `make bench`: the panel's loop as a person sees it, in JupyterLab (and
Voila) in headless Debian Chromium on loopback, measured from the page.

- typed value → checks updated and the new geometry drawn: Enter in the arm's text box until the
  status line says "Up to date." *and* the 3D view has issued its WebGL draw calls for it (draw calls
  are counted by wrapping the WebGL contexts' draw functions before any page script runs);
- the same with the panel's 3D view update switched off (the viewer's `show` replaced in the kernel);
- the kernel-side time of the same change (text value set in the kernel, until the rebuild ends);
- slider drag: how often the checks refresh while the handle moves;
- first display: a `wb.open(...)` cell until its panel is drawn, warm and cold.

Run alone with ``python bench/browser.py [--changes N] [--profile] [--only typed,drag,first]
[--no-voila] [--viewer full|light]``; `bench/run.py` calls `run()`. ``--viewer`` opens the
panels with that 3D view (`wb.open(..., viewer=...)`; without it, the panel's default).
``--profile`` prints a DevTools CPU profile and a
trace summary of the renderer's main thread for typed changes and for one warm first display.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.browser_notes import BEFORE, BEFORE_COMMIT, FINDINGS, INTRO  # noqa: E402,F401
from tests.browser.conftest import ARGS, CHROMIUM  # noqa: E402
from tests.browser.pages import wait_panel  # noqa: E402
from tests.browser.servers import TOKEN, start_lab, start_voila  # noqa: E402

QUICKSTART = ROOT / "notebooks" / "quickstart.ipynb"

INSTRUMENT = """(() => {
  window.__draws = 0; window.__lastDraw = 0; window.__t0 = 0;
  for (const C of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!C) continue;
    for (const f of ['drawElements', 'drawArrays', 'drawElementsInstanced',
                     'drawArraysInstanced', 'drawRangeElements']) {
      const orig = C.prototype[f];
      if (!orig) continue;
      C.prototype[f] = function (...a) {
        window.__draws++; window.__lastDraw = performance.now(); return orig.apply(this, a);
      };
    }
  }
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') window.__t0 = performance.now();
  }, true);
  document.addEventListener('pointerup', () => { window.__tUp = performance.now(); }, true);
})();"""
"""Runs before any page script: counts WebGL draw calls, stamps the moment Enter is pressed."""

WAIT_BUILT = """async ([after, key]) => {
  const start = window[key];
  const s = () => document.querySelector('.wb-panel .wb-status [data-build]');
  const ok = () => { const e = s(); return e && Number(e.dataset.build) > after
                                       && !e.classList.contains('wb-status-busy'); };
  let tStatus = ok() ? performance.now() : null;
  if (tStatus === null) {
    tStatus = await new Promise((resolve, reject) => {
      const obs = new MutationObserver(() => {
        if (ok()) { obs.disconnect(); resolve(performance.now()); }
      });
      obs.observe(document.querySelector('.wb-panel .wb-status'),
                  {subtree: true, childList: true, attributes: true, characterData: true});
      setTimeout(() => { obs.disconnect(); reject(new Error('no build after ' + after)); }, 60000);
    });
  }
  // the view draws on the animation frames after its message: give it three frames
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
  const drawn = Math.max(tStatus, window.__lastDraw);
  return {status: tStatus - start, drawn: drawn - start, text: s().innerText,
          drewAfterStart: window.__lastDraw > start};
}"""

KERNEL_EXEC = """async (code) => {
  const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const f = k.requestExecute({code, store_history: false});
  let out = '';
  f.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === 'stream') out += msg.content.text;
    if (t === 'error') out += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
  };
  await f.done;
  return out;
}"""

PANEL = ("import gc as _gc\nfrom workbench.ui.panel import Workbench as _W\n"
         "_p = [o for o in _gc.get_objects() if isinstance(o, _W) and o.design.id == 'bracket'"
         " and o._builder.background][-1]\n")
"""The shown bracket panel (the quick-start also makes a plywood-shelf panel it does not show)."""

KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""


@dataclass
class Result:
    """One measurement: its samples in milliseconds (or a rate), and how it was taken."""

    name: str
    samples: list[float] = field(default_factory=list)
    unit: str = "ms"
    target: str = ""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def spread(self) -> str:
        """Interquartile range (or min–max under 4 samples)."""
        s = sorted(self.samples)
        if not s:
            return ""
        if len(s) < 4:
            return f"{s[0]:.0f}–{s[-1]:.0f}"
        q = statistics.quantiles(s, n=4)
        return f"{q[0]:.0f}–{q[2]:.0f}"


def kernel(page: Any, code: str) -> str:
    out = page.evaluate(KERNEL_EXEC, code)
    if "ERROR" in out:
        raise RuntimeError(out)
    return out


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


def _new_page(b: Any, width: int = 1700, height: int = 2000) -> Any:
    page = b.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(120_000)
    page.add_init_script(INSTRUMENT)
    return page


def open_lab_notebook(b: Any, server: Any, name: str, run_all: bool = True) -> Any:
    page = _new_page(b)
    page.goto(f"{server.url}/lab/tree/{name}?token={TOKEN}&reset")
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    page.evaluate("""() => { const app = window.jupyterapp;
        if (!app.shell.leftCollapsed) app.commands.execute('application:toggle-left-area'); }""")
    if run_all:
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        wait_panel(page)
        page.locator(".wb-panel").first.scroll_into_view_if_needed()
        wait_drawn(page)
    return page


def wait_drawn(page: Any, timeout_s: float = 60) -> None:
    """Until the 3D view has drawn at least once."""
    page.wait_for_function("() => window.__draws > 0", timeout=timeout_s * 1000)


def build_count(page: Any) -> int:
    return int(page.locator(".wb-panel .wb-status [data-build]").first.get_attribute("data-build"))


def typed_loop(page: Any, values: list[str], param: str = "arm") -> tuple[list[float], list[float]]:
    """Type each value + Enter; (ms to "Up to date.", ms to drawn) per change."""
    box = page.locator(f".wb-field-{param} input[type=text]").first
    status, drawn = [], []
    for v in values:
        n = build_count(page)
        box.fill(v)
        box.press("Enter")
        r = page.evaluate(WAIT_BUILT, [n, "__t0"])
        if "Up to date" not in r["text"]:
            raise RuntimeError(f"{param}={v}: {r['text']}")
        status.append(r["status"])
        drawn.append(r["drawn"])
        time.sleep(0.2)  # a person reads the result before the next change
    return status, drawn


def kernel_loop(page: Any, values: list[str], param: str = "arm") -> list[float]:
    """The same change made in the kernel: text value set, until the rebuild has finished (ms)."""
    code = PANEL + f"""
import time as _t, json as _j
_ts = []
for _v in {values!r}:
    _t0 = _t.perf_counter()
    _p.form.fields[{param!r}].text.value = _v
    _p.wait()
    _ts.append((_t.perf_counter() - _t0) * 1000)
    _t.sleep(0.2)
print(_j.dumps(_ts))
"""
    return json.loads(kernel(page, code).strip().splitlines()[-1])


def view_updates(page: Any, on: bool) -> None:
    """Switch the panel's 3D view update off (its `show` does nothing) or back on."""
    kernel(page, PANEL + ("_p.viewer.__dict__.pop('show', None)" if on
                          else "_p.viewer.show = lambda parts: None"))


def profile(page: Any, values: list[str], top: int = 25) -> str:
    """A CPU profile of the typed loop over `values`: self and inclusive time by function."""
    return profiled(page, lambda: typed_loop(page, values), f"{len(values)} changes", top)


def profiled(page: Any, act: Any, what: str, top: int = 25) -> str:
    """A DevTools CPU profile of the page while `act()` runs: self and inclusive time by
    function and self time by script file."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 250})
    cdp.send("Profiler.start")
    act()
    prof = cdp.send("Profiler.stop")["profile"]
    nodes = {n["id"]: n for n in prof["nodes"]}
    parent = {c: n["id"] for n in prof["nodes"] for c in n.get("children", [])}
    self_ms: dict[str, float] = {}
    incl_ms: dict[str, float] = {}
    by_file: dict[str, float] = {}

    def label(n: dict[str, Any]) -> str:
        f = n["callFrame"]
        url = f["url"].rsplit("/", 1)[-1].split("?")[0]
        return f"{f['functionName'] or '(anonymous)'} [{url}:{f['lineNumber'] + 1}]"

    for sid, dt in zip(prof["samples"], prof["timeDeltas"]):
        ms = dt / 1000
        n = nodes[sid]
        self_ms[label(n)] = self_ms.get(label(n), 0) + ms
        url = n["callFrame"]["url"].rsplit("/", 1)[-1].split("?")[0] or n["callFrame"]["functionName"]
        by_file[url] = by_file.get(url, 0) + ms
        seen = set()
        cur: int | None = sid
        while cur is not None:
            lab = label(nodes[cur])
            if lab not in seen:
                incl_ms[lab] = incl_ms.get(lab, 0) + ms
                seen.add(lab)
            cur = parent.get(cur)
    total = sum(dt for dt in prof["timeDeltas"]) / 1000
    lines = [f"profile of {what}, {total:.0f} ms sampled"]
    lines.append("self time by script file:")
    lines += [f"  {v:8.1f} ms  {k}" for k, v in sorted(by_file.items(), key=lambda kv: -kv[1])[:12]]
    lines.append("self time by function:")
    lines += [f"  {v:8.1f} ms  {k}" for k, v in sorted(self_ms.items(), key=lambda kv: -kv[1])[:top]]
    lines.append("inclusive time by function:")
    lines += [f"  {v:8.1f} ms  {k}" for k, v in sorted(incl_ms.items(), key=lambda kv: -kv[1])[:top]]
    return "\n".join(lines)


def traced(page: Any, act: Any, top: int = 30) -> str:
    """A DevTools trace of the page while `act()` runs: the renderer main thread's time by event
    (layout, paint, compositing, and `GLES2::ReadPixels`: the software compositor reading the
    WebGL canvas back, which waits for SwiftShader to finish drawing the frame)."""
    import collections

    cdp = page.context.new_cdp_session(page)
    events: list[dict[str, Any]] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda p: events.extend(p["value"]))
    cdp.on("Tracing.tracingComplete", lambda p: done.append(True))
    cdp.send("Tracing.start", {"traceConfig": {"includedCategories": [
        "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink",
        "gpu"]}, "transferMode": "ReportEvents"})
    act()
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(100)
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    total: collections.Counter[str] = collections.Counter()
    count: collections.Counter[str] = collections.Counter()
    for e in events:
        if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X" and "dur" in e:
            total[e["name"]] += e["dur"] / 1000
            count[e["name"]] += 1
    return "\n".join(["main-thread time by trace event (nested events overlap):"]
                     + [f"  {ms:8.1f} ms {count[k]:6d}x  {k}" for k, ms in total.most_common(top)])


RECORD_DRAG = """(param) => {
  const d = window.__drag = {values: [], checks: [], texts: [], stop: false};
  const row = document.querySelector('.wb-field-' + param);
  const h = row.querySelector('.noUi-handle');
  new MutationObserver(() => d.values.push(performance.now()))
    .observe(h, {attributes: true, attributeFilter: ['aria-valuenow']});
  // the checks table's widget: its content is replaced once per refresh
  const table = document.querySelector('.wb-panel .wb-checks table').parentElement;
  new MutationObserver(() => d.checks.push(performance.now())).observe(table, {childList: true});
  const box = row.querySelector('input[type=text]');
  let shown = box.value;
  const poll = () => {
    if (box.value !== shown) { shown = box.value; d.texts.push(performance.now()); }
    if (!d.stop) requestAnimationFrame(poll);
  };
  poll();
}"""


WAIT_RELEASED = """async (param) => {
  const start = window.__tUp;
  const row = document.querySelector('.wb-field-' + param);
  const h = row.querySelector('.noUi-handle');
  const box = row.querySelector('input[type=text]');
  // built for the slider's last value: the kernel has shown that value in the box, then the
  // status says up to date (it says so only when the build matches the form)
  const done = () => {
    const st = document.querySelector('.wb-panel .wb-status [data-build]');
    return parseFloat(box.value) === parseFloat(h.getAttribute('aria-valuenow'))
           && st && st.classList.contains('wb-status-ok');
  };
  const deadline = performance.now() + 60000;
  let t = null;
  while (t === null) {
    while (!done()) {
      if (performance.now() > deadline) throw new Error('slider value not built in 60 s');
      await new Promise((r) => setTimeout(r, 2));
    }
    t = performance.now();
    // still so three frames later (not caught between the box's and the status's messages)
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    if (!done()) t = null;
  }
  return {drawn: Math.max(t, window.__lastDraw) - start,
          text: document.querySelector('.wb-panel .wb-status').innerText};
}"""


def slider_drag(page: Any, param: str = "arm", px: int = 120, step_s: float = 0.016) -> dict[str, Any]:
    """Drag `param`'s slider handle `px` pixels at one pointer move per `step_s`; returns the
    slider value changes, checks refreshes and value-box updates per second during the drag, the
    median lag from a slider value to the next checks refresh, and release → geometry drawn."""
    handle = page.locator(f".wb-field-{param} .noUi-handle").first
    page.evaluate(RECORD_DRAG, param)
    n = build_count(page)
    for _ in range(3):  # the page may still scroll after the last edit: grab the handle itself
        handle.scroll_into_view_if_needed()
        time.sleep(0.2)
        box = handle.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        if "noUi-active" in (handle.get_attribute("class") or ""):
            break
        page.mouse.up()
    else:
        raise RuntimeError(f"could not grab the {param} slider's handle")
    t0 = page.evaluate("performance.now()")
    for i in range(px):
        page.mouse.move(x + i + 1, y)
        time.sleep(step_s)
    t1 = page.evaluate("performance.now()")
    page.mouse.up()
    release = page.evaluate(WAIT_RELEASED, param)
    time.sleep(0.3)
    d = page.evaluate("() => { window.__drag.stop = true; return window.__drag; }")
    span = (t1 - t0) / 1000

    def rate(ts: list[float]) -> float:
        return sum(1 for t in ts if t0 <= t <= t1) / span

    lags = []
    for tv in (t for t in d["values"] if t0 <= t <= t1):
        after = [tc for tc in d["checks"] if tv <= tc <= t1]  # refreshed while still dragging
        if after:
            lags.append(after[0] - tv)
    builds = build_count(page) - n
    return {"values_per_s": rate(d["values"]), "checks_per_s": rate(d["checks"]),
            "texts_per_s": rate(d["texts"]), "lag_ms": statistics.median(lags) if lags else
            float("nan"), "release_drawn_ms": release["drawn"], "builds": builds,
            "drag_s": span, "status": release["text"]}


FIRST = [
    "import workbench as wb\nwb.open(\"bracket\")",
    *[f"wb.open(\"bracket\", arm=\"{161 + i} mm\")" for i in range(8)],
]
"""The first-display notebook: a new kernel's first cell, then warm `wb.open` cells."""

RUN_CELL = """(i) => {
  const nb = window.jupyterapp.shell.currentWidget;
  nb.content.activeCellIndex = i;
  document.querySelectorAll('.wb-panel').forEach((p) => { p.__wbOld = true; });
  window.__draws0 = window.__draws;
  window.__tCell = performance.now();
  window.jupyterapp.commands.execute('notebook:run-cell');
}"""

WAIT_SHOWN = """async () => {
  const ready = () => {
    const p = [...document.querySelectorAll('.wb-panel')].find((e) => !e.__wbOld);
    return !!(p && p.querySelector('.wb-status [data-build]') && p.querySelector('.wb-viewer canvas'))
           && window.__draws > window.__draws0;
  };
  const deadline = performance.now() + 180000;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error('no panel drawn in 180 s');
    await new Promise((r) => requestAnimationFrame(r));
  }
  const t = performance.now();
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
  return Math.max(t, window.__lastDraw) - window.__tCell;
}"""


def first_display(b: Any, server: Any, warm: int = 5, cold: int = 2,
                  do_profile: bool = False,
                  viewer: str | None = None) -> tuple[list[float], list[float]]:
    """ms from running a `wb.open` cell to its panel drawn: (cold: first cell of a new kernel,
    warm: later cells of that kernel, each with new values so it builds); with `do_profile`, a
    CPU profile of one more warm cell is printed."""
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": with_viewer(src, viewer)} for src in FIRST],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    (server.root / "first.ipynb").write_text(json.dumps(nb))
    page = open_lab_notebook(b, server, "first.ipynb", run_all=False)
    colds, warms = [], []
    try:
        for c in range(cold):
            if c:
                page.evaluate("""async () => { const s = window.jupyterapp.shell.currentWidget
                                 .sessionContext.session; await s.kernel.restart(); }""")
                page.wait_for_function(KERNEL_IDLE, timeout=120_000)
                time.sleep(1)
            page.evaluate(RUN_CELL, 0)
            colds.append(page.evaluate(WAIT_SHOWN))
            time.sleep(0.5)
        for i in range(1, min(warm, len(FIRST) - 1) + 1):
            page.evaluate(RUN_CELL, i)
            warms.append(page.evaluate(WAIT_SHOWN))
            time.sleep(0.5)
        if do_profile and warm + 1 < len(FIRST):
            def one() -> None:
                page.evaluate(RUN_CELL, warm + 1)
                print("profiled first display:", round(page.evaluate(WAIT_SHOWN)), "ms")
            print(profiled(page, one, "one warm first display", top=40))
            if warm + 2 < len(FIRST):
                print(traced(page, lambda: (page.evaluate(RUN_CELL, warm + 2),
                                            page.evaluate(WAIT_SHOWN))))
    finally:
        page.close()
    return colds, warms


def with_viewer(source: str, viewer: str | None) -> str:
    """Notebook code with its `wb.open("<id>"…)` calls given ``viewer=...`` (None: unchanged)."""
    import re

    if viewer is None:
        return source
    return re.sub(r'wb\.open\(("[^"]+")', rf'wb.open(\1, viewer="{viewer}"', source)


def viewer_notebook(tmp: Path, viewer: str | None) -> Path:
    """The quick-start notebook, its panel opened with `viewer` (a copy under `tmp`)."""
    if viewer is None:
        return QUICKSTART
    nb = json.loads(QUICKSTART.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            cell["source"] = with_viewer(src, viewer)
    out = tmp / "nb" / QUICKSTART.name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return out


def _arms(start: float, n: int) -> list[str]:
    return [f"{start + i:g} mm" for i in range(n)]


def typed_rows(page: Any, n: int, where: str, base: float) -> list[Result]:
    """The typed loop with the view on, off, and in the kernel."""
    page.locator(".wb-field-arm input[type=text]").first.scroll_into_view_if_needed()
    typed_loop(page, _arms(base - 2, 2))  # warm-up: the first rebuilds after the page opened
    status, drawn = typed_loop(page, _arms(base, n))
    rows = [Result(f"{where}: typed value → checks and 3D view drawn", drawn, target="≤ 200 ms"),
            Result(f"{where}: typed value → status 'Up to date.'", status)]
    if where == "JupyterLab":
        view_updates(page, on=False)
        _, off = typed_loop(page, _arms(base + 30, n))
        view_updates(page, on=True)
        rows.append(Result(f"{where}: typed value → checks, 3D view update off", off))
        rows.append(Result(f"{where}: kernel side of the same change (evaluate, tessellate, send)",
                           kernel_loop(page, _arms(base + 60, n))))
    return rows


def drag_rows(page: Any, where: str, repeat: int = 3) -> list[Result]:
    """Slider drags: checks refreshes per second and lag while moving; release → drawn."""
    runs = []
    for i in range(repeat):
        box = page.locator(".wb-field-arm input[type=text]").first
        if box.input_value() != "150 mm":  # each drag starts from the default arm
            typed_loop(page, ["150 mm"])
        runs.append(slider_drag(page, px=100))
        time.sleep(0.3)
    for r in runs:
        print(where, "drag:", {k: (round(v, 1) if isinstance(v, float) else v) for k, v in r.items()})
    return [
        Result(f"{where}: slider drag, slider values sent", [r["values_per_s"] for r in runs], "/s"),
        Result(f"{where}: slider drag, checks refreshes", [r["checks_per_s"] for r in runs], "/s",
               note="each slider value gets its checks"),
        Result(f"{where}: slider drag, value box updates", [r["texts_per_s"] for r in runs], "/s"),
        Result(f"{where}: slider drag, slider value → checks refreshed",
               [r["lag_ms"] for r in runs]),
        Result(f"{where}: slider released → 3D view drawn", [r["release_drawn_ms"] for r in runs]),
        Result(f"{where}: slider drag, geometry builds per drag", [float(r["builds"]) for r in runs],
               "builds"),
    ]


PARTS = frozenset({"typed", "drag", "first"})
"""The measurement groups `run` can take (all by default)."""


class _Rows(list):
    """Results, each printed as it is measured (a run cut short still says what it saw)."""

    def __iadd__(self, more: Any) -> "_Rows":  # type: ignore[override]
        for r in more:
            print(f"{r.name}: median {_shown(r)} ({r.spread}) {[round(x, 1) for x in r.samples]}",
                  flush=True)
        return super().__iadd__(more)


def run(n: int = 12, voila: bool = True, do_profile: bool = False,
        parts: frozenset[str] = PARTS, viewer: str | None = None) -> list[Result]:
    """All browser measurements (lab typed loop, view off, kernel side; Voila typed loop);
    `parts` picks among "typed", "drag" and "first" (first display) to re-measure one alone;
    `viewer` ("full", "light") opens the panels with that 3D view, None with the default."""
    rows: list[Result] = _Rows()
    with tempfile.TemporaryDirectory(prefix="wb-bench-") as tmp, browser() as b:
        notebook = viewer_notebook(Path(tmp), viewer)
        server = start_lab(notebook, Path(tmp) / "lab")
        try:
            page = open_lab_notebook(b, server, QUICKSTART.name)
            if "typed" in parts:
                rows += typed_rows(page, n, "JupyterLab", 200)
            if do_profile:
                print(profile(page, _arms(280, 4)))
                print(traced(page, lambda: typed_loop(page, _arms(290, 4))))
            if "drag" in parts:
                rows += drag_rows(page, "JupyterLab")
            page.close()
            if "first" in parts:
                colds, warms = first_display(b, server, do_profile=do_profile, viewer=viewer)
                rows += [Result("JupyterLab: first display, `wb.open` cell → panel drawn (warm "
                                "kernel)", warms, target="≤ 1.5 s"),
                         Result("JupyterLab: first display, first cell of a new kernel (cold)",
                                colds)]
        finally:
            server.stop()
        if voila:
            server = start_voila(notebook, Path(tmp) / "voila")
            try:
                page = _new_page(b, 1500, 1400)
                t0 = time.perf_counter()
                page.goto(f"{server.url}/?token={TOKEN}", timeout=180_000)
                wait_panel(page, 180_000)
                wait_drawn(page)
                rows += [Result("Voila: page opened → panel drawn (new kernel runs the notebook)",
                                [(time.perf_counter() - t0) * 1000])]
                page.locator(".wb-panel").first.scroll_into_view_if_needed()
                if "typed" in parts:
                    rows += typed_rows(page, n, "Voila", 200)
                if "drag" in parts:
                    rows += drag_rows(page, "Voila")
                page.close()
            finally:
                server.stop()
    return rows


def _shown(r: Result) -> str:
    if r.samples and all(s != s for s in r.samples):  # all NaN: nothing to measure
        return "—"
    return f"{r.median:.0f} {r.unit}" if r.unit == "ms" else f"{r.median:.1f} {r.unit}"


def _met(r: Result) -> str:
    import re

    m = re.match(r"([≤≥])\s*([\d.]+)\s*(ms|s)", r.target)
    if not m or not r.samples:
        return ""
    limit = float(m[2]) * (1000 if m[3] == "s" else 1)
    return "yes" if (r.median <= limit if m[1] == "≤" else r.median >= limit) else "no"


def table(rows: list[Result]) -> str:
    out = [f"| measurement | before ({BEFORE_COMMIT}) | median | spread (IQR) | n | target | met |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        out.append(f"| {r.name} | {BEFORE.get(r.name, '')} | {_shown(r)} | {r.spread} | "
                   f"{len(r.samples)} | {r.target} | {_met(r)} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=12)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--no-voila", action="store_true")
    ap.add_argument("--only", default=",".join(sorted(PARTS)),
                    help="comma-separated groups to measure: typed, drag, first")
    ap.add_argument("--viewer", choices=["full", "light"], default=None,
                    help="the panels' 3D view (default: the panel's default)")
    args = ap.parse_args()
    rows = run(args.changes, voila=not args.no_voila, do_profile=args.profile,
               parts=frozenset(args.only.split(",")), viewer=args.viewer)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
