"""`workbench.gaps` and `workbench gaps`: which checks cannot run where, and the data they need.

The matrix test evaluates every shipped design at its defaults in every shipped stock × climate
and pins, per place, how many evaluations are refused and how many checks cannot run, so a data
regression (or a data gap closed) shows. When a gap is closed with a sourced value, lower the
number here in the same commit.
"""

from __future__ import annotations

import json
import math

import pytest

from workbench import catalog, gaps
from workbench.checks.result import CheckResult, Status
from workbench.cli import main
from workbench.context.climate import climate_ids
from workbench.context.stock import stock_catalog_ids
from workbench.errors import UnknownNameError

# (stock, climate) → (evaluations refused, checks that cannot run), over every shipped design.
EXPECTED = {
    "brazil": {"cold-continental": (2, 7), "highland": (2, 7), "hot-arid": (2, 7), "humid-tropical": (2, 7), "jakarta": (2, 7), "johannesburg": (2, 7), "lagos": (2, 10), "lima": (2, 7), "manila": (2, 7), "mexico-city": (2, 7), "sao-paulo": (2, 7), "temperate-oceanic": (2, 7)},
    "east-africa": {"cold-continental": (2, 5), "highland": (2, 5), "hot-arid": (2, 5), "humid-tropical": (2, 5), "jakarta": (2, 5), "johannesburg": (2, 5), "lagos": (2, 8), "lima": (2, 5), "manila": (2, 5), "mexico-city": (2, 5), "sao-paulo": (2, 5), "temperate-oceanic": (2, 5)},
    "eu-metric": {"cold-continental": (0, 5), "highland": (0, 5), "hot-arid": (0, 5), "humid-tropical": (0, 5), "jakarta": (0, 5), "johannesburg": (0, 5), "lagos": (0, 8), "lima": (0, 5), "manila": (0, 5), "mexico-city": (0, 5), "sao-paulo": (0, 5), "temperate-oceanic": (0, 5)},
    "india": {"cold-continental": (2, 6), "highland": (2, 6), "hot-arid": (2, 6), "humid-tropical": (2, 6), "jakarta": (2, 6), "johannesburg": (2, 6), "lagos": (2, 9), "lima": (2, 6), "manila": (2, 6), "mexico-city": (2, 6), "sao-paulo": (2, 6), "temperate-oceanic": (2, 6)},
    "indonesia": {"cold-continental": (2, 5), "highland": (2, 5), "hot-arid": (2, 5), "humid-tropical": (2, 5), "jakarta": (2, 5), "johannesburg": (2, 5), "lagos": (2, 8), "lima": (2, 5), "manila": (2, 5), "mexico-city": (2, 5), "sao-paulo": (2, 5), "temperate-oceanic": (2, 5)},
    "mexico": {"cold-continental": (2, 7), "highland": (2, 7), "hot-arid": (2, 7), "humid-tropical": (2, 7), "jakarta": (2, 7), "johannesburg": (2, 7), "lagos": (2, 10), "lima": (2, 7), "manila": (2, 7), "mexico-city": (2, 7), "sao-paulo": (2, 7), "temperate-oceanic": (2, 7)},
    "nigeria": {"cold-continental": (2, 7), "highland": (2, 7), "hot-arid": (2, 7), "humid-tropical": (2, 7), "jakarta": (2, 7), "johannesburg": (2, 7), "lagos": (2, 10), "lima": (2, 7), "manila": (2, 7), "mexico-city": (2, 7), "sao-paulo": (2, 7), "temperate-oceanic": (2, 7)},
    "peru": {"cold-continental": (3, 6), "highland": (3, 6), "hot-arid": (3, 6), "humid-tropical": (3, 6), "jakarta": (3, 6), "johannesburg": (3, 6), "lagos": (3, 8), "lima": (3, 6), "manila": (3, 6), "mexico-city": (3, 6), "sao-paulo": (3, 6), "temperate-oceanic": (3, 6)},
    "philippines": {"cold-continental": (2, 7), "highland": (2, 7), "hot-arid": (2, 7), "humid-tropical": (2, 7), "jakarta": (2, 7), "johannesburg": (2, 7), "lagos": (2, 10), "lima": (2, 7), "manila": (2, 7), "mexico-city": (2, 7), "sao-paulo": (2, 7), "temperate-oceanic": (2, 7)},
    "south-africa": {"cold-continental": (2, 5), "highland": (2, 5), "hot-arid": (2, 5), "humid-tropical": (2, 5), "jakarta": (2, 5), "johannesburg": (2, 5), "lagos": (2, 8), "lima": (2, 5), "manila": (2, 5), "mexico-city": (2, 5), "sao-paulo": (2, 5), "temperate-oceanic": (2, 5)},
    "us-customary": {"cold-continental": (0, 4), "highland": (0, 4), "hot-arid": (0, 4), "humid-tropical": (0, 4), "jakarta": (0, 4), "johannesburg": (0, 4), "lagos": (0, 7), "lima": (0, 4), "manila": (0, 4), "mexico-city": (0, 4), "sao-paulo": (0, 4), "temperate-oceanic": (0, 4)},
}


@pytest.fixture(scope="module")
def matrix() -> tuple[list[gaps.Gap], int]:
    return gaps.find_gaps()


def test_the_matrix_covers_every_shipped_place() -> None:
    assert sorted(EXPECTED) == stock_catalog_ids()
    for stock, row in EXPECTED.items():
        assert sorted(row) == climate_ids(), stock


def test_refused_and_cannot_run_per_place(matrix) -> None:
    rows, count = matrix
    assert count == len(catalog.entries()) * len(stock_catalog_ids()) * len(climate_ids())
    found = gaps.per_place(rows)
    got = {s: {c: found.get((s, c), (0, 0)) for c in climate_ids()} for s in stock_catalog_ids()}
    assert got == EXPECTED


def test_every_gap_names_the_data_it_needs(matrix) -> None:
    rows, _ = matrix
    for g in rows:
        assert g.needs and "cannot run" not in g.needs, g
        if g.refused:  # the resolver's one-line reason, naming the place
            assert g.stock in g.needs or "stock" in g.needs, g


def test_needs_of_reads_missing_results_only() -> None:
    missing = CheckResult.missing("heat softening", "heat-deflection temperature for Recycled HDPE sheet")
    assert gaps.needs_of(missing) == "heat-deflection temperature for Recycled HDPE sheet"
    ran = CheckResult(
        "arm bending", Status.WARN, math.nan, None, None, "Not sold here; nearest: 2x4.", "ref"
    )
    assert gaps.needs_of(ran) is None


def test_one_design_one_place() -> None:
    rows, count = gaps.find_gaps(["hdpe-planter"], ["eu-metric"], ["hot-arid"])
    assert count == 1
    assert sorted((g.check, g.needs) for g in rows) == [
        ("floor creep", "long-term (creep) modulus for Recycled HDPE sheet"),
        ("heat softening", "heat-deflection temperature for Recycled HDPE sheet (hdt, or its glass transition tg)"),
    ]
    assert gaps.summarise(rows, count) == gaps.Summary(1, 0, 2, 2)


def test_unknown_names_are_refused_before_evaluating() -> None:
    with pytest.raises(UnknownNameError, match="^unknown stock catalog 'mars'; known: "):
        gaps.find_gaps(stocks=["mars"])


def test_cli_table_and_json(capsys) -> None:
    assert main(["gaps", "hdpe-planter", "--stock", "eu-metric", "--climate", "hot-arid"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1 evaluations: 0 refused, 2 checks cannot run, 2 distinct needs"
    assert out[1].split() == ["design", "check", "places", "needs"]
    assert out[2].split()[:4] == ["hdpe-planter", "floor", "creep", "1"]
    assert out[3].strip() == "in eu-metric/hot-arid"
    assert main(["gaps", "hdpe-planter", "--stock", "eu-metric", "--climate", "hot-arid", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("evaluations", "refused", "cannot_run", "distinct_needs")} == {
        "evaluations": 1, "refused": 0, "cannot_run": 2, "distinct_needs": 2,
    }
    assert data["rows"][0] == {
        "design": "hdpe-planter", "stock": "eu-metric", "climate": "hot-arid", "check": "floor creep",
        "needs": "long-term (creep) modulus for Recycled HDPE sheet", "refused": False,
    }


def test_cli_unknown_climate_is_one_line(capsys) -> None:
    assert main(["gaps", "--climate", "mars"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench: error: unknown climate 'mars'; known: ") and err.count("\n") == 1


# Every need the matrix finds → the words of its entry in materials/README.md's "What is not here
# yet", which names the source that would close it (issue 14: every check runs in every shipped
# place, except the gaps listed there). A new need fails below until it is listed.
LISTED = {
    "heat-deflection temperature for Recycled HDPE sheet (hdt, or its glass transition tg)":
        "Recycled HDPE sheet: heat deflection temperature and a long-term (creep) modulus",
    "long-term (creep) modulus for Recycled HDPE sheet":
        "Recycled HDPE sheet: heat deflection temperature and a long-term (creep) modulus",
    "long-term (creep) modulus for PLA (Prusament PLA)":
        "PLA (Prusament PLA): a long-term (creep) modulus",
    "tangential shrinkage coefficient (shrink_tangential) for Structural softwood C24 (EN 338)":
        "Shrinkage of the strength classes C24 and C16",
    "maximum temperature for climate lagos (t_max, the design maximum air temperature)":
        "Lagos: design extremes `t_min` / `t_max`",
    "minimum design temperature for climate lagos": "Lagos: design extremes `t_min` / `t_max`",
    "water pipes with walls in EU metric stock": "EU metric PVC-U pipe walls",
    "square tube sizes in Brazil (Sao Paulo) stock": "metalon tubes (Tuper",
    "square tube sizes in East Africa (Kenya) stock": "steel hollow sections (the steel workbench's",
    "square tube sizes in Indonesia (Jakarta) stock": "besi hollow (only blog tables",
    "square tube sizes in Mexico (Mexico City) stock": "PTR tubes (a Ternium, IMSA or PYTCO",
    "square tube sizes in Nigeria (Lagos) stock": "length, Verion Tech 2024), steel hollow sections",
    "square tube sizes in Philippines (Manila) stock": "steel tubes (a Philippine tube mill's size list)",
    "square tube sizes in South Africa (Johannesburg) stock":
        "steel hollow sections (Steel Pipes PE stocks grade 355",
    "timber section sizes in Brazil (Sao Paulo) stock": "sawn sections (caibro, viga, sarrafo",
    "timber section sizes in India stock": "India timber sections (the raised bed's",
    "timber section sizes in Mexico (Mexico City) stock": "sawn pine polines and barrotes",
    "timber section sizes in Nigeria (Lagos) stock": "sawn hardwood sections (priced per piece",
    "timber section sizes in Peru (Lima) stock": "Peru: sawn timber sections",
    "timber section sizes in Philippines (Manila) stock": "and sheet sizes, lumber sections",
}


def test_every_check_that_cannot_run_anywhere_is_a_listed_gap(matrix) -> None:
    from pathlib import Path

    readme = Path(__file__).resolve().parents[1] / "materials" / "README.md"
    wanted = " ".join(readme.read_text(encoding="utf-8").split("## What is not here yet", 1)[1].split())
    rows, _ = matrix
    needs = {g.needs for g in rows if not g.refused}
    assert sorted(needs - set(LISTED)) == [], "list these in materials/README.md and in LISTED"
    for need in needs:
        assert " ".join(LISTED[need].split()) in wanted, need
    # a closed gap leaves LISTED too, so the list stays the contributors' true to-do list
    assert sorted(set(LISTED) - needs) == []
