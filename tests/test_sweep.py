"""Sweeps: axes read with units and one-line errors, rows equal to evaluating each combination
directly, checks-only sweeps that build nothing, CSV/Parquet/plot, a failing or crashing combination
as a row, the warm pool and a Dask LocalCluster giving identical tables, and flat memory over 500
variants (the caches have a size limit)."""

from __future__ import annotations

import importlib
import math
import os
import textwrap
from pathlib import Path

import pytest

import workbench as wb
from workbench import geometry
from workbench.context import Context
from workbench.errors import BoundsError, UnknownNameError, WorkbenchError
from workbench.sweep import Metric, SerialExecutor, SweepTable, sweep
from workbench.sweep.axes import axes_from, combinations, parse_axis
from workbench.sweep.runner import DIED

HOT = Context(climate="hot-arid")


def _bracket():
    return wb.catalog.get("bracket")


# -- axes -------------------------------------------------------------------------------------------
def test_range_is_evenly_spaced_with_both_ends_in_any_unit() -> None:
    a = parse_axis(_bracket(), "arm=4in..8in:3")
    assert a.coords == pytest.approx((101.6, 152.4, 203.2))
    assert a.labels == ("101.6 mm", "152.4 mm", "203.2 mm")
    assert parse_axis(_bracket(), "holes=0..4").inputs == (0, 1, 2, 3, 4)
    assert parse_axis(_bracket(), "holes=4..0:3").inputs == (4, 2, 0)
    assert parse_axis(_bracket(), "make=*").inputs == ("printed", "plywood")
    assert parse_axis(_bracket(), "gusset=true,false").inputs == (True, False)
    mats = parse_axis(_bracket(), "material.printed=*").inputs
    assert {"pla", "petg", "asa"} <= set(mats) and "plywood-birch" not in mats


@pytest.mark.parametrize("text, error, match", [
    ("foo=1,2", UnknownNameError, r"^bracket: cannot vary 'foo'; known: make, arm, .*material.plate, stock, climate, workshop$"),
    ("arm=10mm..300mm:3", BoundsError, r"^arm: 10 mm is out of range; allowed 60 to 400 mm$"),
    ("arm=100mm..300mm", WorkbenchError, r"^arm: give how many values, e\.g\. 100mm\.\.300mm:5$"),
    ("holes=0..3:3", WorkbenchError, r"^holes: 0\.\.3:3 does not give whole numbers; try 0\.\.3$"),
    ("material.printed=plywood-birch", BoundsError, r"^material.printed: material 'plywood-birch' is not made by print; allowed: "),
    ("material.shelf=pla", UnknownNameError, r"^bracket: unknown material role 'shelf'; roles: printed, plate$"),
    ("climate=mars", UnknownNameError, r"^unknown climate 'mars'; known: "),
    ("arm", WorkbenchError, r"^--vary 'arm' is not NAME=VALUES"),
    ("make=printed,,plywood", WorkbenchError, r"has an empty item"),
])
def test_axis_errors_are_one_line(text: str, error: type, match: str) -> None:
    with pytest.raises(error, match=match) as info:
        parse_axis(_bracket(), text)
    assert "\n" not in str(info.value)


def test_an_axis_given_twice_is_refused() -> None:
    with pytest.raises(WorkbenchError, match="^'arm' is varied twice"):
        axes_from(_bracket(), ["arm=100mm,200mm", "arm=300mm"])


def test_every_sheet_follows_each_combinations_material_and_stock() -> None:
    cls = _bracket()
    axes = axes_from(cls, {"sheet": "*", "stock": ["eu-metric", "us-customary"], "make": "plywood"})
    combos = combinations(cls, {}, Context(), axes)
    for stock in ("eu-metric", "us-customary"):
        sold = Context(stock=stock).stock_catalog.sheets("plywood-birch")
        mine = [c for c in combos if c.context.stock == stock]
        assert [c.labels["sheet"] for c in mine] == [i.label for i in sold]


# -- running ----------------------------------------------------------------------------------------
def test_rows_equal_evaluating_each_combination_directly() -> None:
    table = sweep("bracket", ["arm=100mm..200mm:3", "material.printed=pla,petg", "holes=0,2"], HOT,
                  executor="serial", progress=False)
    assert len(table) == 12 and table.columns[:3] == ["arm", "material.printed", "holes"]
    for res in table:
        c = res.combination
        try:
            ev = wb.evaluate(wb.design("bracket", **c.values), c.context)
        except WorkbenchError as exc:
            assert res.status == "error" and res.row.error == str(exc)
            continue
        assert res.status == ev.status
        assert res.row.mass_kg == pytest.approx(ev.mass.to("kg").magnitude, rel=1e-12)
        assert [(x.name, x.status) for x in res.row.checks] == [
            (x.name, x.status.value) for x in ev.checks]
    # arm 100 mm with 2 holes breaks a rule: a row with the rule's sentence, the rest still ran
    broken = [r for r in table if r.status == "error"]
    assert [r.combination.labels["arm"] for r in broken] == ["100 mm", "100 mm"]
    assert broken[0].row.error.startswith("bracket: 2 holes of 5.0 mm need 25 mm of free arm")
    pla = [r for r in table if r.combination.labels["material.printed"] == "pla" and r.status != "error"]
    assert len(pla) == 5 and all(
        [c.name for c in r.row.failed_checks][-1:] == ["heat softening"] for r in pla)  # 49.8 °C > 45
    assert table.count("error") == 2 and len(table) - table.count("error") == 10


def test_checks_only_sweep_builds_no_geometry(fresh_cache) -> None:
    table = sweep("bracket", ["arm=100mm..300mm:5", "exposure=*"], HOT, metrics=(),
                  executor=SerialExecutor(), progress=False)
    assert geometry.cache.misses == 0 and len(geometry.cache) == 0
    assert not any(r.row.built for r in table)
    assert "mass kg" not in table.columns and "util: heat softening" in table.columns
    full = wb.evaluate(wb.design("bracket", arm="300 mm", exposure="sun-dark"), HOT)
    last = table[-1].row
    assert last.status == full.status and last.checks[0].utilisation == full.checks[0].utilisation


def test_csv_columns_and_atomic_write(tmp_path: Path) -> None:
    table = sweep("bracket", {"arm": "150mm,250mm"}, HOT, metrics=["mass", "volume"],
                  executor="serial", progress=False)
    path = table.write(tmp_path / "out" / "r.csv")
    lines = path.read_text().splitlines()
    assert lines[0].startswith("arm,status,worst check,worst utilisation,mass kg,volume mm3,util: arm bending")
    assert lines[1].startswith("150 mm,fail,heat softening,1.10666667,")
    assert [p.name for p in path.parent.iterdir()] == ["r.csv"]  # no temporary file left
    with pytest.raises(WorkbenchError, match=r"^cannot write a table to 'r.xlsx'; allowed suffixes: .csv, .parquet$"):
        table.write(tmp_path / "r.xlsx")


def test_parquet_without_pyarrow_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    import sys

    table = sweep("bracket", {"arm": "150mm"}, HOT, executor="serial", progress=False)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(WorkbenchError, match=r"^writing Parquet needs pyarrow \(pip install pyarrow\)"):
        table.write(tmp_path / "r.parquet")
    assert not (tmp_path / "r.parquet").exists()


def test_plot_utilisation_against_one_parameter() -> None:
    import matplotlib

    matplotlib.use("Agg")
    table = sweep("bracket", ["arm=150mm..350mm:5", "material.printed=pla,petg"], HOT,
                  metrics=(), executor="serial", progress=False)
    ax = table.plot("arm deflection", "arm")
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    pla = lines["material.printed=pla"]
    assert list(pla.get_xdata()) == [150.0, 200.0, 250.0, 300.0, 350.0]
    utils = [r.row.checks[1].utilisation for r in table
             if r.combination.labels["material.printed"] == "pla"]
    assert list(pla.get_ydata()) == pytest.approx(utils)
    assert list(lines["fails above"].get_ydata()) == [1.0, 1.0]
    assert ax.get_xlabel() == "arm (mm)"
    with pytest.raises(WorkbenchError, match="^'width' is not varied; varied: arm, material.printed$"):
        table.plot("arm deflection", "width")


CRASHY = '''
import os
from workbench.design import Design, Part, Process, Role
from workbench.kernel import cq
from workbench.params import Length


class Crashy(Design):
    id = "crashy"
    title = "A block that kills its process at 13 mm"
    summary = "For testing that a dying worker is one row, not a dead sweep."
    version = "1.0.0"
    authors = ("tests",)
    roles = {"printed": Role("Block", "pla", Process.PRINT)}
    width = Length("Width", 10, min=5, max=30)

    def build(self, p, ctx):
        if abs(p.width - 13) < 1e-9:
            os._exit(3)  # like a segfault in the CAD kernel
        if abs(p.width - 17) < 1e-9:
            raise ValueError("no 17 mm blocks")
        return [Part("block", cq.Workplane("XY").box(p.width, 10, 10), "printed", Process.PRINT)]
'''


def test_a_dying_worker_is_one_row_and_the_sweep_goes_on(designs_dir: Path) -> None:
    from workbench.pool import WarmPool

    (designs_dir / "crashy").mkdir()
    (designs_dir / "crashy" / "design.py").write_text(textwrap.dedent(CRASHY))
    wb.catalog.refresh()
    pool = WarmPool(2)
    try:
        table = sweep("crashy", ["width=10mm..20mm:11"], Context(), executor=pool, progress=False)
    finally:
        pool.shutdown()
    rows = {r.combination.labels["width"]: r.row for r in table}
    assert rows["13 mm"].status == "error" and rows["13 mm"].error == DIED
    assert rows["17 mm"].error == "crashy (width=17 mm): build failed: no 17 mm blocks"
    assert {w for w, r in rows.items() if r.status == "error"} == {"13 mm", "17 mm"}
    assert rows["20 mm"].mass_kg == pytest.approx(20 * 10 * 10 * 1e-6 * 1.24 * 1e-3 * 1e3, rel=1e-9)


def test_200_variants_identical_on_the_warm_pool_and_a_dask_local_cluster(capfd) -> None:
    pytest.importorskip("distributed")
    psutil = pytest.importorskip("psutil")
    from workbench.pool import warm_pool
    from workbench.sweep import close_dask, dask_client, executor_for

    vary = ["arm=100mm..300mm:10", "width=20mm..60mm:10", "gusset=true,false"]
    metrics = ["mass", "cost", "carbon", "volume", "hash"]
    pooled = sweep("bracket", vary, HOT, metrics=metrics, executor=warm_pool(2), progress=True)
    bar = capfd.readouterr().err
    assert "sweep bracket: 100%" in bar and "200/200" in bar
    try:
        with executor_for("dask", workers=2) as ex:
            dasked = sweep("bracket", vary, HOT, metrics=metrics, executor=ex, progress=False)
        info = dask_client(None, 2).scheduler_info()
        assert len(info["workers"]) == 2
        assert all(a.startswith("tcp://127.0.0.1:") for a in info["workers"])
        assert info["address"].startswith("tcp://127.0.0.1:")
        me = psutil.Process()
        listening = [c.laddr.ip for p in [me, *me.children(recursive=True)]
                     for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
        assert listening and set(listening) == {"127.0.0.1"}  # scheduler, HTTP, workers
    finally:
        close_dask()
    # arm 100 mm has no room for the default 2 holes beside a gusset: 20 rows refused in words
    assert len(pooled) == 200 and pooled.count("error") == 20
    assert all(r.row.error.startswith("bracket: 2 holes") for r in pooled.where("error"))
    assert pooled.csv_text() == dasked.csv_text()
    assert len({r.row.geometry_hash for r in pooled if r.row.built}) == 180


def _rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads RSS from /proc")
def test_memory_stays_flat_over_500_variants(fresh_cache) -> None:
    """500 distinct geometries through the in-process caches: they stay within their size limits
    and resident memory after the first 150 variants grows by less than 60 MB (unbounded caching
    of 350 more brackets would hold several hundred MB)."""
    vary = ["arm=100mm..340mm:25", "width=20mm..58mm:20"]
    base = wb.design("bracket", holes=0, gusset=False)
    sweep(base, ["arm=100mm..340mm:25", "width=60mm..74mm:6"], HOT, metrics=["mass"],
          executor="serial", progress=False)  # 150 variants: the caches fill up
    before = _rss_mb()
    table = sweep(base, vary, HOT, metrics=["mass"], executor="serial", progress=False)
    after = _rss_mb()
    assert len(table) == 500 and table.count("error") == 0
    assert len(geometry.cache) <= geometry.CACHE_SIZE
    evaluate_mod = importlib.import_module("workbench.evaluate")
    assert len(evaluate_mod.memo) <= evaluate_mod.EVAL_CACHE_SIZE
    assert after - before < 60, f"RSS grew {after - before:.0f} MB over 500 variants"
    assert not math.isnan(before)


def test_sweep_table_is_a_value() -> None:
    table = sweep("bracket", {"arm": "150mm"}, HOT, executor="serial", progress=False)
    assert isinstance(table, SweepTable) and table.metrics == (Metric.MASS, Metric.COST, Metric.CARBON)
    assert repr(table) == "<SweepTable 1 variants of bracket: 0 pass, 0 warn, 1 fail, 0 error>"
    assert "<table>" in table._repr_html_()


def test_a_change_the_build_does_not_read_reuses_the_geometry(fresh_cache) -> None:
    """The interactive loop: the load and the exposure are read by the checks only, a printed
    bracket never reads its plywood thickness; the geometry key holds only what the build read."""
    first = wb.evaluate(wb.design("bracket", arm="181 mm"), Context())
    loaded = wb.evaluate(wb.design("bracket", arm="181 mm", load="450 N", exposure="sun-dark",
                                   sheet="12 mm"), Context())
    assert loaded.geometry is first.geometry
    assert (geometry.cache.misses, geometry.cache.hits) == (1, 1)
    assert loaded.checks[0].value != first.checks[0].value  # the checks did run again
    wb.evaluate(wb.design("bracket", arm="182 mm"), Context())  # the arm is read: a new build
    assert geometry.cache.misses == 2
    again = wb.evaluate(wb.design("bracket", arm="181 mm"), Context())  # a revisit: from memory
    assert again.geometry is first.geometry and again.checks == first.checks
    assert geometry.cache.misses == 2
