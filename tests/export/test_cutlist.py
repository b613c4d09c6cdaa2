"""Cut list and bill of materials: first-fit-decreasing cut plans by hand, a frame design's bars
and offcuts, the shelf's sheets to buy, and the CSV and Markdown files."""

import csv
import io
import textwrap

import pytest

from workbench import catalog
from workbench.context import Context
from workbench.errors import ExportError
from workbench.evaluate import evaluate
from workbench.export import Options, export
from workbench.export.cutlist import BUY_COLUMNS, PART_COLUMNS, cut_list, markdown
from workbench.export.cutplan import PlanMethod, first_fit_decreasing
from workbench.export.job import Job

FRAME_DESIGN = '''
from workbench.design import Design, Part, Process, Role
from workbench.kernel import cq
from workbench.params import Length


class Trestle(Design):
    id = "trestle"
    title = "Test trestle"
    summary = "Four legs and two rails of regularised 47 x 100."
    authors = ("tests",)
    roles = {"timber": Role("Timber", "c24", Process.FRAME)}
    leg = Length("Leg", 900, min=300, max=2000)
    rail = Length("Rail", 2000, min=300, max=6000)

    def build(self, p, ctx):
        parts = []
        for name, length, qty in (("leg", p.leg, 4), ("rail", p.rail, 2)):
            body = cq.Workplane("XY").box(95, 45, length, centered=False)
            parts.append(Part(name, body, "timber", Process.FRAME, qty,
                              meta={"stock": "c24-47x100", "cut_length": length}))
        return parts
'''


def test_first_fit_decreasing_by_hand() -> None:
    # on 6000: 2500 + 2500 (5003 with a 3 mm kerf); each 1200 opens or fills bar 2; the 500 goes
    # back to bar 1 (5506). Bar 2 (3606) needs 6000 since 3000 is too short.
    plan = first_fit_decreasing(
        [("a", 2500), ("b", 1200), ("c", 2500), ("d", 1200), ("e", 500), ("f", 1200)], [3000, 6000], 3)
    assert plan == [(6000, [("a", 2500), ("c", 2500), ("e", 500)]),
                    (6000, [("b", 1200), ("d", 1200), ("f", 1200)])]
    # a bar holding only short pieces is bought in the shortest length that holds them
    plan = first_fit_decreasing([("x", 1000), ("y", 900)], [3000, 6000], 3)
    assert plan == [(3000, [("x", 1000), ("y", 900)])]


def test_a_piece_longer_than_any_stock_length_is_refused() -> None:
    with pytest.raises(ExportError) as err:
        first_fit_decreasing([("rail", 6500)], [3000, 6000], 3, "47 x 100 (4 x 2) regularised")
    assert str(err.value) == (
        "piece 'rail' (6500 mm) is longer than the longest 47 x 100 (4 x 2) regularised sold "
        "(6000 mm); join two lengths or choose other stock"
    )


@pytest.fixture
def trestle(designs_dir):
    (designs_dir / "trestle").mkdir()
    (designs_dir / "trestle" / "design.py").write_text(textwrap.dedent(FRAME_DESIGN))
    return catalog.get("trestle")


def test_frame_parts_are_planned_on_stock_lengths(trestle) -> None:
    cl = cut_list(Job.of(evaluate(trestle(), Context())))
    # Exact plan (first-fit decreasing would buy 5.4 m + 3.0 m = 8.4 m): a 4.8 m bar holds a rail
    # and three legs (4700 mm + 3 kerfs of 3.2 = 4709.6), a 3.0 m bar the other rail and leg
    # (2903.2): 7.8 m bought; no plan fits 7.6 m of pieces in less (2.4 m + 5.4 m = 7.8 m too).
    assert [(b.length, [c for _, c in b.cuts]) for b in cl.bars] == [
        (4800, [2000, 900, 900, 900]), (3000, [2000, 900])]
    assert {b.method for b in cl.bars} == {PlanMethod.EXACT}
    assert [round(b.offcut, 1) for b in cl.bars] == [87.2, 93.6]
    assert [c[0] for c in cl.bars[0].cuts] == ["2 rail 1/2", "1 leg 1/4", "1 leg 2/4", "1 leg 3/4"]
    legs, rails = cl.lines
    assert (legs.quantity, legs.cut_length, legs.stock) == (4, 900, "47 x 100 (4 x 2) regularised")
    assert (legs.nominal, legs.actual) == ("47 mm", "45 mm")
    text = markdown(cl)
    assert "| 47 x 100 (4 x 2) regularised | 4800 | **1** |" in text
    assert "| 47 x 100 (4 x 2) regularised | 3000 | **1** |" in text
    assert "### Cut plan: exact (integer programming)" in text
    assert ("| 1 | 47 x 100 (4 x 2) regularised | 4800 | 2000 (2 rail 1/2), 900 (1 leg 1/4), "
            "900 (1 leg 2/4), 900 (1 leg 3/4) | 87 |") in text


def test_shelf_cut_list_says_how_many_sheets_to_buy(tmp_path) -> None:
    ev = evaluate(catalog.get("plywood-shelf")(sheet="15 mm"), Context())
    paths = export(ev, ["csv", "md"], tmp_path, "shelf")
    assert [p.name for p in paths] == ["shelf-cutlist.csv", "shelf-buy.csv", "shelf-cutlist.md"]
    parts = list(csv.DictReader(io.StringIO(paths[0].read_text())))
    assert tuple(parts[0]) == PART_COLUMNS and len(parts) == 6
    side = parts[0]
    assert (side["part"], side["quantity"], side["stock"], side["nominal"], side["actual"]) == (
        "side-left", "1", "15 mm birch plywood", "15 mm", "15 mm")
    assert (side["length_mm"], side["width_mm"], side["thickness_mm"]) == ("1200", "300", "15")
    buy = list(csv.DictReader(io.StringIO(paths[1].read_text())))
    assert tuple(buy[0]) == BUY_COLUMNS
    assert [(b["kind"], b["size_mm"], b["quantity"]) for b in buy] == [
        ("sheet", "2440 x 1220", "1")]
    text = paths[2].read_text()
    assert "| Birch plywood | 15 mm birch plywood (15 mm / 15 mm) | 2440 × 1220 | **1** |" in text
    assert "- Cutter: router (6 mm tool) of workshop generic-makerspace" in text


def test_us_stock_shows_nominal_and_actual() -> None:
    from workbench.variants import find_variant

    v = find_variant("plywood-shelf/us-23-32")
    cl = cut_list(Job.of(evaluate(v.design(), v.context())), Options())
    assert cl.lines[0].nominal == "3/4 in (19.05 mm)"
    assert cl.lines[0].actual == "23/32 in (18.26 mm)"
    (g,) = cl.nesting.groups
    assert g.sheets_to_buy == 1 and g.sheet_size == pytest.approx((2438.4, 1219.2))


def test_printed_parts_list_filament() -> None:
    cl = cut_list(Job.of(evaluate(catalog.get("bracket")(), Context())))
    ((material, kg),) = cl.filament
    assert material.startswith("PLA") and kg == pytest.approx(cl.lines[0].mass, abs=5e-4)
    assert cl.nesting is None and cl.bars == ()
