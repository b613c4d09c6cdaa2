"""The command line's fabrication outputs: `build` writes every format that applies, `cutlist`
prints what to buy, cutting options reach the DXF, and errors stay one line."""

import ezdxf

from workbench.cli import main
from workbench.export.dxf import notes


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_every_format_that_applies(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "build", "--variant", "plywood-shelf/lima-15mm", "--out",
                         str(tmp_path))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "plywood-shelf-buy.csv", "plywood-shelf-cutlist.csv", "plywood-shelf-cutlist.md",
        "plywood-shelf-plywood-birch-15mm-sheet-1.dxf",
        "plywood-shelf-plywood-birch-15mm-sheet-1.svg", "plywood-shelf.pdf", "plywood-shelf.step"]
    assert len(out.splitlines()) == 7


def test_cutting_options_reach_the_dxf(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "build", "plywood-shelf", "--format", "dxf", "--compensation",
                       "none", "--relief", "tbone", "--out", str(tmp_path))
    assert code == 0, err
    (path,) = tmp_path.iterdir()
    assert notes(ezdxf.readfile(path))["WB_COMPENSATION"] == (
        "none: the CAM program offsets the outlines")


def test_cutlist_says_how_many_sheets_to_buy(capsys) -> None:
    code, out, err = run(capsys, "cutlist", "plywood-shelf", "--variant", "plywood-shelf/us-23-32")
    assert code == 0, err
    assert out.startswith("# Cut list: plywood-shelf\n")
    assert "| Birch plywood | 23/32 in plywood (sold as 3/4 in) (3/4 in (19.05 mm) / 23/32 in " \
           "(18.26 mm)) | 2438.4 × 1219.2 | **1** |" in out


def test_cutting_errors_are_one_line(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "build", "plywood-shelf", "--cutter", "laser", "--format", "dxf",
                         "--out", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == "workbench: error: workshop generic-makerspace has no laser; its cutter: router\n"
    code, _, err = run(capsys, "build", "plywood-shelf", "--workshop", "prusa-mk4", "--format",
                       "step,dxf", "--out", str(tmp_path))
    assert code == 2
    assert err == ("workbench: error: workshop prusa-mk4 has no sheet cutter; choose a workshop "
                   "with a laser or a CNC router\n")
    assert list(tmp_path.iterdir()) == []  # the STEP written first is not left behind
