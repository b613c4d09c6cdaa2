"""The browser section's words and the figures it is compared with: what `bench/browser.py`
measures, what was found (written into bench/RESULTS.md after the table), and the medians of the
code before issue 15."""

from __future__ import annotations

INTRO = """The quick-start panel (`wb.open("bracket")`, its default light 3D view) in JupyterLab 4
and Voila, driven by Playwright in headless Debian Chromium (software WebGL: SwiftShader),
everything on loopback, while other work shares the machine's 2 cores. Times are measured in the
page: from the Enter key (or the pointer release) until the status line says "Up to date." *and* the
3D view has made its WebGL draw calls (counted by wrapping the WebGL draw functions before any page
script runs; three frames are allowed after the status). "Kernel side" sets the same text value in
the kernel and waits for the rebuild: evaluate, tessellate, send. Typed loops change the arm length
(n new values, each builds); drags move the arm slider's handle 100 px, one pointer move per 16 ms
plus the time Chromium takes to process it. Medians; spread is the interquartile range (min–max
under 4 samples)."""

FINDINGS = """Where the time went (DevTools CPU profile of 4 typed changes, before): each change made
cad-viewer-widget flip its `initialize` trait, which throws away the three-cad-viewer scene and
renders a new one. `clearOrAddShapes → addShapes → render` cost about 105 ms of JavaScript per
change, half of it compiling and linking WebGL shader programs again (`getUniforms`,
`getProgramInfoLog`: a new scene has new materials), and the main thread spent most of the rest in
native work outside JavaScript ("(program)": 4.2 s of 6.3 s sampled): WebGL calls into SwiftShader
and the layout of the rebuilt tree and toolbar. The kernel's share was ~100–160 ms.

The fix keeps cad-viewer-widget and uses its own incremental path: three-cad-viewer's
`updatePart`, called through the widget's `execute` message, writes a part's new vertices,
normals, triangles and edges into its existing BufferGeometry (a part whose vertex count changed is
swapped by the viewer itself; a part that moved is removed and added). The kernel fingerprints each
tessellated part and sends only the parts whose mesh or place changed, as JSON lists (the widget's
custom messages carry no binary buffers); unchanged parts send nothing; the camera, tree and shader
programs stay. A new set of parts (printed ↔ plywood) is still a new scene. After the fix the
browser's own work per change is ~10–15 ms of JavaScript; what is left of the loop is the kernel
(evaluate + tessellate + messages, the "kernel side" row) and the page's layout.

Slider: the slider now reports while it moves; each value gets a checks-only evaluation (the checks
table, bars and overall status follow; mass, cost and carbon show "—" until the parts are built) and
one geometry build once the slider has rested 0.15 s, so no queue of builds forms. The drag rates
are bounded by how fast Chromium processes the pointer moves on this loaded software-rendered
machine: every refreshed table and value box is laid out and painted again. While a drag is slow
(values more than 0.15 s apart) the geometry is built between values: throttled, never queued.

First display (target missed): it is the same path as before, a new cad-viewer-widget scene.
Measured apart on warm kernels (each 3 runs, 2026-12-01): the kernel's `wb.open` takes ~0.27 s;
the panel without its 3D view is drawn in 0.6–0.9 s; with the viewer 1.5–2.0 s; with the viewer's
toolbar and tree off (`tools=False`) 1.4–1.7 s. In the profile most of the viewer's ~1 s is native
main-thread work (its DOM, WebGL setup and shader compilation in SwiftShader), not Python. Closing
the gap needs a lighter viewer at first display: the issue's option 2 (a small three.js anywidget,
one material, no toolbar) or the viewer created without tools; either trades the part tree and
the clipping/measuring tools, so it is left for a decision. Cold includes starting the kernel and
importing CadQuery (~3 s on this machine, see the kernel-side table).

Run-to-run spread (same machine, other sessions' load varies): the typed loop in JupyterLab after
the fix measured 159 ms (10 changes, view off 131 ms; the before code had measured 784 ms, view
off 104 ms, minutes earlier), then 181, 226 and 238 ms (15 changes each) as the load rose; its
kernel side moved between 103 and 199 ms over the same runs. The view's own share is what the fix removed
(~600–1300 ms → tens of ms); what remains above 200 ms on a loaded run is the kernel's build.

Follow-up on the two missed targets (2026-12-01, 03:28–04:15 UTC). Other sessions kept the
machine's load average at 4–7 on its 2 cores, against ~1–3 when this table was last measured
before these changes (JupyterLab typed 238 ms, kernel side 103 ms, first display 1653 ms; Voila
typed 143 ms). The table above is this branch at load 3.8–4.2; the alternating runs below compare
old and new code at the same load. Reproduced first: at load 2.7 the typed loop was 223 ms (view
off 143 ms, kernel side 146 ms); at load 6–7 it was 364–398 ms.

Where the time goes, from DevTools traces of the renderer's main thread (`bench/browser.py
--profile` prints both the CPU profile and the trace summary):
- Typed change: the "(program)" time of the CPU profile is native work. The largest single item is
  `GLES2::ReadPixels` inside the compositor commit: ~75–80 ms per change, once per change. It is
  not a script call (wrapping `readPixels` counted 0 calls): with `--disable-gpu` Chromium
  composites in software and reads the WebGL canvas back, which waits for SwiftShader to finish
  drawing the frame (780×460, WebGL2 with 4× MSAA, which three-cad-viewer hard-codes:
  `antialias: true`; 2 clears and 11 draw calls per frame, one frame per change). The rest per
  change: paint ~55 ms, layerize ~25 ms, forced style/layout ~25 ms (JupyterLab and widget code
  reading geometry), script ~70 ms, spread over ~10 frames.
- Kernel side per change (cProfile, bracket): CadQuery build ~85 ms of which ~30 ms were six
  sequential boolean cuts (one per hole), tessellation ~35 ms, the rest of evaluate ~16 ms, the
  view's message ~16 ms (a numpy-scalar walk over the whole mesh again).
- Messages per change: 26 from the kernel, 16 of them the eight export buttons switched off at the
  start of the build and on again at its end (each a re-render and layout in the page).
- First display (warm): in a trace of one `wb.open` cell, 977 ms of the main thread waited in two
  `GLES2::ReadPixels` (the viewer's first frames: 6 shader programs compiled and linked, 12
  shaders, and the first raster, all in SwiftShader), 107 ms more in `GetProgramiv`; layout, paint
  and layerize of the new output ~600 ms; opening the widget models ~160 ms (473 models, 178 of
  them Layout). In the kernel `wb.open` spends ~40 % creating those widgets, the rest building.

Changed, each measured:
- The bracket cuts each set of holes in one boolean (all holes, then the gusset bores, which touch
  their holes) instead of one per hole: same solid (volume, area and vertices equal:
  `geometry_hash` equal before and after for 47 printed and plywood variants), build ~40 % faster
  (249 → 154 ms per build at load ~6; the bare-CadQuery baseline of `make bench` cuts the same way).
- The export buttons stay enabled while a build runs; an export clicked meanwhile waits for the
  build and writes the form's values (tests/ui/test_panel.py), so a change sends 16 messages fewer.
- The view's message walks only the part's tree node for numpy scalars, not the mesh lists again.
- `PipeOD.item` (the pipe adapter's and rope pump's rebuild path) remembers its matches by value and
  the stock catalogs' digests (`pipe matches` in workbench/caches.py): ~4.3 → ~1.4 ms a call, what
  is left being the check that no catalog file changed.

| measurement (JupyterLab, bracket) | previous code (d7be3f0) | this branch | how |
| --- | --- | --- | --- |
| typed value → checks and 3D view drawn | 385 ms | 344 ms | one page, old/new switched in the kernel per change, alternately, 12 each, load 4–6 |
| kernel side of the same change, no page | 189 ms | 168 ms | one process, old/new alternately, 20 each, load 4–5 |
| typed value → checks and 3D view drawn | 337 ms (280–421) | 321 ms (289–386) | three full runs each, alternating old/new, 36 changes each, load 2.4–6.7 |
| typed value → checks, 3D view update off | 214 ms (183–271) | 188 ms (166–234) | same runs |
| kernel side (evaluate, tessellate, send) | 212 ms (170–262) | 210 ms (148–272) | same runs |
| first display, `wb.open` cell → panel drawn (warm) | 2544 ms (2463–3012) | 2452 ms (2304–2733) | same runs, 15 each |
| first display, first cell of a new kernel (cold) | 8609 ms (7127–9590) | 7184 ms (6519–8494) | same runs, 6 each |

The paired rows resolve what the full runs cannot: between whole runs the load moved the medians
by more than the change (the third pair, at load 2.4–4.4, read 278 vs 286 ms typed), and the
kernel-side row of the full runs (a background build thread, timed from the kernel) spreads ~100 ms
wide, so the ~20 ms the build saves does not show in it.

Tried and not kept: the viewer without its toolbar and tree (`tools=False`) links 3 shader programs
instead of 6 but drew no sooner (median 1906 vs 1894 ms, 4 each, load ~9); leaving the commons
section out of the displayed panel drew no sooner either (3046 vs 2659 ms, 4 each): neither is the
cost, so neither trade is made, and the sections stay as they are.

Both targets are still missed on this machine, and why: at the load these runs met, the kernel side
alone (~170–210 ms) is at the typed target, and the view's one frame costs a further ~80–160 ms of
SwiftShader drawing that the page waits for in the software compositor. What would close them: (1)
measure on an idle machine (at load 2.7 the loop was already 223 ms before these changes, ~40 ms
above target, about what the paired A/B removed); (2) a GPU, or Chromium's GPU compositing, where the
canvas is not read back; (3) a view whose frame is cheaper in software: without MSAA and with one
material (three-cad-viewer creates its renderer with `antialias: true` and no option to change it,
so this means the issue's option 2, a small three.js anywidget, or a patched viewer); (4) for the
first display the same, since ~1 s of it is the viewer's first frames in SwiftShader (at low load
the panel without its view was drawn in 0.6–0.9 s, the kernel's `wb.open` ~0.27 s of it).

The light viewer (the issue's option 2; the panel's default since, `viewer="full"` keeps
cad-viewer-widget): workbench/ui/light.py, an anywidget whose front end is three.js 0.181.0 bundled
by esbuild 0.25.12 from js/ (lock file pinned, bundle committed with its sources' hash). No
antialiasing, one material kind (MeshLambertMaterial, flat shading), edges as LineSegments,
OrbitControls, a frame drawn only on a change or a camera move; the kernel sends only the changed
parts as float32/uint32 buffers, which are written into the existing BufferGeometry; the camera is
fitted once. Compared with the full viewer in alternating whole runs (`python bench/browser.py
--no-voila --only typed,first --changes 10 --viewer light|full`, light first in each pair),
2026-12-01 04:25–04:36 UTC, 1-minute load average 3.2–5.7 over all eight runs:

| measurement (JupyterLab, bracket) | full viewer | light viewer | how |
| --- | --- | --- | --- |
| typed value → checks and 3D view drawn, per pair | 247, 230, 237, 272 ms | 203, 202, 188, 190 ms | 10 changes per run |
| the same, pooled | 239 ms (206–277) | 196 ms (180–222) | 40 changes each; target ≤ 200 ms |
| typed value → checks, 3D view update off | 152 ms (136–190) | 156 ms (136–174) | same runs, 40 each |
| kernel side (evaluate, tessellate, send) | 138 ms (122–155) | 137 ms (119–157) | same runs, 40 each |
| first display (warm), per pair | 2021, 2084, 1846, 1947 ms | 1376, 1310, 1494, 1110 ms | 5 cells per run |
| first display (warm), pooled | 2009 ms (1850–2115) | 1337 ms (1207–1487) | 20 each; target ≤ 1.5 s |
| first display, first cell of a new kernel (cold) | 4810 ms (4637–5109) | 4089 ms (3940–4166) | 8 each |

The light viewer is faster in every pair. Its typed loop is ~40 ms above the view-off loop (the
full one's ~90 ms): what is left is the kernel's build and tessellation and the page's layout of
the status and checks, not the view; its first display saves ~0.7 s of the full viewer's first
frames. At this load its typed median sits at the target (196 ms pooled; two runs of four read
202–203 ms), so on a busier machine it will read above it; the first display meets its target
with ~160 ms to spare."""


BEFORE_COMMIT = "fc284c6"
"""The code before issue 15 (cad-viewer-widget rebuilding its scene on every change, sliders
sending only on release), measured with this script: `git archive fc284c6 | tar -x -C DIR`,
this file copied into DIR/bench, `python DIR/bench/browser.py --changes 12`."""

BEFORE: dict[str, str] = {  # measured 2026-12-01 01:12–01:23 UTC, this machine
    'JupyterLab: typed value → checks and 3D view drawn': '1494 ms (1206–1608)',
    "JupyterLab: typed value → status 'Up to date.'": '1482 ms (1185–1592)',
    'JupyterLab: typed value → checks, 3D view update off': '121 ms (116–197)',
    'JupyterLab: kernel side of the same change (evaluate, tessellate, send)': '198 ms (105–351)',
    'JupyterLab: slider drag, slider values sent': '7.9 /s (6–8)',
    'JupyterLab: slider drag, checks refreshes': '0.0 /s (0–0)',
    'JupyterLab: slider drag, value box updates': '0.0 /s (0–0)',
    'JupyterLab: slider drag, slider value → checks refreshed': '—',
    'JupyterLab: slider released → 3D view drawn': '1302 ms (1049–1770)',
    'JupyterLab: slider drag, geometry builds per drag': '1.0 builds (1–1)',
    'JupyterLab: first display, `wb.open` cell → panel drawn (warm kernel)': '2696 ms (2368–3655)',
    'JupyterLab: first display, first cell of a new kernel (cold)': '10141 ms (9679–10603)',
    'Voila: typed value → checks and 3D view drawn': '884 ms (808–1146)',
    "Voila: typed value → status 'Up to date.'": '875 ms (796–1136)',
    'Voila: slider drag, slider values sent': '8.4 /s (8–8)',
    'Voila: slider drag, checks refreshes': '0.0 /s (0–0)',
    'Voila: slider drag, value box updates': '0.0 /s (0–0)',
    'Voila: slider drag, slider value → checks refreshed': '—',
    'Voila: slider released → 3D view drawn': '965 ms (929–1438)',
    'Voila: slider drag, geometry builds per drag': '1.0 builds (1–1)',
}
"""Medians (and spread) measured on `BEFORE_COMMIT`, by measurement name."""
