"""`make bench`: medians of the workbench's hot paths, and ratios against bare CadQuery.

Run as ``python bench/run.py [--repeat N] [--out bench/RESULTS.md]``. Prints a Markdown table and
writes it (atomically) with the machine it came from.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def median_s(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bare_cadquery_bracket(A: float, H: float, W: float, t: float, holes: int, d: float) -> Any:
    """The printed bracket at the same values, written directly in CadQuery (the baseline).

    Includes what any careful script does after a build: take the solid and check it is valid.
    """
    import cadquery as cq

    g = 0.6 * (min(A, H) - t)
    pts = [(0, 0), (t, 0), (t, H - t - g), (t + g, H - t), (A, H - t), (A, H), (0, H)]
    body = cq.Workplane("XY").polyline(pts).close().extrude(W)
    r = d / 2
    for i in range(holes):
        y = (H - t - g) * (i + 0.5) / holes
        body = body.cut(cq.Workplane("YZ").center(y, W / 2).circle(r).extrude(t))
    for i in range(holes):
        x = t + g + (A - t - g) * (i + 0.5) / holes
        body = body.cut(cq.Workplane("XZ", origin=(0, H, 0)).center(x, W / 2).circle(r).extrude(t))
    solid = body.val()
    assert solid.isValid()
    return solid


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    args = ap.parse_args()
    n = args.repeat

    rows: list[tuple[str, float, str]] = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    list_s = median_s(
        lambda: subprocess.run([sys.executable, "-m", "workbench", "list"], env=env,
                               capture_output=True, check=True),
        max(5, n // 3),
    )
    rows.append(("`workbench list` wall time (process start to exit)", list_s, "≤ 0.5 s"))

    from workbench import catalog, geometry
    from workbench.context import Context
    from workbench.evaluate import evaluate
    from workbench.export import export

    import cadquery  # noqa: F401  (import cost is not part of a build)

    Bracket = catalog.get("bracket")
    ctx = Context()
    t0 = time.perf_counter()
    evaluate(Bracket(arm="151 mm"), ctx)
    rows.append(("bracket evaluate, first build in process (cold)", time.perf_counter() - t0, ""))

    arms = iter(range(160, 160 + 10 * n))

    def uncached() -> None:
        evaluate(Bracket(arm=f"{next(arms)} mm"), ctx)

    warm = median_s(uncached, n)
    rows.append(("bracket evaluate, new values (warm, builds)", warm, ""))

    bare = median_s(lambda: bare_cadquery_bracket(150, 150, 40, 6, 2, 5), n)
    rows.append(("bare CadQuery build of the same bracket", bare, ""))
    rows.append(("ratio workbench build / bare CadQuery", warm / bare, "≤ 1.15x"))

    d = Bracket()
    evaluate(d, ctx)
    cached = median_s(lambda: evaluate(d, ctx), n * 4)
    rows.append(("cached repeat (same values)", cached, "≤ 10 ms"))

    geo = evaluate(d, ctx).geometry
    ply = evaluate(Bracket(make="plywood"), ctx).geometry
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, g in (("stl", geo), ("step", geo), ("dxf", ply)):
            s = median_s(lambda: export(g, [fmt], Path(tmp), "b"), n)
            rows.append((f"{fmt.upper()} export ({'printed' if g is geo else 'plywood'} bracket)", s, ""))
    geometry.cache.clear()

    lines = [
        "# Benchmark results",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}. Medians of {n} runs unless noted; measured in one run of `make bench`.",
        "",
        "| measurement | median | target |",
        "| --- | --- | --- |",
    ]
    for name, value, target in rows:
        shown = f"{value:.2f}x" if name.startswith("ratio") else (
            f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s")
        lines.append(f"| {name} | {shown} | {target} |")
    text = "\n".join(lines) + "\n"
    print(text)
    out = Path(args.out)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".results-")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
