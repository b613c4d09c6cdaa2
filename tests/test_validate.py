"""`workbench new` and `workbench validate` (one implementation with the generic design test), and
hypothesis sampling of every design's parameter space: no unhandled exception, ever."""

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import catalog
from workbench.cli import main
from workbench.context import Context
from workbench.errors import WorkbenchError
from workbench.evaluate import evaluate
from workbench.params import Choice, Count, Flag, StockThickness, _Numeric
from workbench.validate import _corner_values, validate_design


def test_new_scaffold_passes_validation(designs_dir, capsys) -> None:
    assert main(["new", "pump-shelf", "--author", "Lima fablab"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == str(designs_dir / "pump-shelf")
    assert sorted(p.name for p in (designs_dir / "pump-shelf").iterdir()) == [
        "README.md", "design.py", "locale", "variants"]
    assert main(["validate", "pump-shelf", "--samples", "4"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "pump-shelf: ok"
    assert "exports read back: step, dxf, svg, csv, md" in out[2]
    assert main(["new", "pump-shelf"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "Pump Shelf"]) == 2
    assert "design name 'Pump Shelf' is not allowed" in capsys.readouterr().err


BROKEN = '''
from workbench.design import Design, Part, Process, Role
from workbench.kernel import cq
from workbench.params import Length

class Wobbly(Design):
    id = "wobbly"
    title = "Wobbly"
    summary = "Breaks at its widest."
    authors = ("tests",)
    license = "{license}"
    roles = {{"body": Role("Body", "pla", Process.PRINT)}}
    width = Length("Width", 20, min=10, max=50)

    def build(self, p, ctx):
        if p.width > 40:
            raise ValueError("BRep_API: command not done")
        return [Part("body", cq.Workplane().box(p.width, 10, 10), "body", Process.PRINT)]
'''


def test_validate_reports_failed_builds_and_bad_metadata(designs_dir, capsys) -> None:
    (designs_dir / "wobbly").mkdir()
    (designs_dir / "wobbly" / "design.py").write_text(BROKEN.format(license="Nonsense-1.0"))
    assert main(["validate", "wobbly", "--samples", "0"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("wobbly: FAILED (2 problem(s))")
    assert "  - metadata: license 'Nonsense-1.0' is not an SPDX id" in out
    assert ("  - corner {'width': 50}: wobbly (width=50 mm): build failed: "
            "BRep_API: command not done") in out


def test_validate_unknown_design_is_a_user_error(capsys) -> None:
    assert main(["validate", "nope"]) == 2
    assert "unknown design 'nope'; known: " in capsys.readouterr().err


def test_validate_rebuilds_variants_to_their_hash(designs_dir, capsys) -> None:
    main(["new", "shelf-board"])
    capsys.readouterr()
    assert main(["variant", "save", "shelf-board", "--set", "span=800mm", "--why", "longer wall",
                 "--name", "long", "--author", "tests"]) == 0
    path = designs_dir / "shelf-board" / "variants" / "long.toml"
    text = path.read_text()
    path.write_text(text.replace('span = "800 mm"', 'span = "810 mm"'))
    assert main(["validate", "shelf-board", "--samples", "0"]) == 1
    assert "variant long: geometry hash differs from the file" in capsys.readouterr().out


def _strategy(cls, ctx):
    fields = {}
    for name, p in cls.params().items():
        if isinstance(p, StockThickness):
            fields[name] = st.sampled_from(_corner_values(p, cls, ctx))
        elif isinstance(p, _Numeric):
            lo, hi = (p.min, p.max) if p.min is not None and p.max is not None else p.slider_range
            fields[name] = st.floats(min_value=lo, max_value=hi, allow_nan=False)
        elif isinstance(p, Count):
            fields[name] = st.integers(min_value=p.min, max_value=p.max)
        elif isinstance(p, Flag):
            fields[name] = st.booleans()
        elif isinstance(p, Choice):
            fields[name] = st.sampled_from(list(p.options))
    return st.fixed_dictionaries(fields)


@pytest.mark.parametrize("design_id", sorted(catalog.entries()))
def test_hypothesis_finds_no_unhandled_exception(design_id) -> None:
    cls, ctx = catalog.get(design_id), Context()

    @settings(max_examples=12, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(_strategy(cls, ctx))
    def run(values):
        try:
            evaluate(cls(**values), ctx)
        except WorkbenchError as exc:  # refused or failed in words, naming the parameters
            assert "\n" not in str(exc) and str(exc)

    run()


def test_generic_test_and_command_share_one_implementation() -> None:
    report = validate_design(catalog.get("bracket"), Context(), n_samples=3)
    # 7 checks: arm creep and wall fixing joined the bracket's five (issue 13)
    assert report.ok and report.sampled <= 3 and report.checks == 7
    assert textwrap.dedent(report.lines()[0]) == "bracket: ok"


def test_a_design_that_names_its_parts_must_name_every_one(monkeypatch) -> None:
    """`part_names` (what people call a part, workbench.i18n.part_name) covers every built
    part once a design declares it: the shelf without its "shelf-{n}" entry is reported."""
    from workbench.validate import check_build

    cls = catalog.get("plywood-shelf")
    assert check_build(cls(), Context()) == []
    monkeypatch.setattr(cls, "part_names", {k: v for k, v in cls.part_names.items()
                                            if k != "shelf-{n}"})
    problems = check_build(cls(), Context())
    assert problems == [f"{cls()!r}: parts not named in part_names (shown by their identifier): "
                        "shelf-1, shelf-2, shelf-3, shelf-4"]
