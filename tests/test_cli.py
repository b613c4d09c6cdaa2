"""The command line: success paths, and every user error is one line on stderr, exit 2, no file."""

import json
import subprocess
import sys
import textwrap

import pytest

from workbench.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list(capsys) -> None:
    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    assert any(line.startswith("bracket ") and "Wall shelf bracket" in line for line in out.splitlines())


def test_list_and_show_do_not_import_cadquery_or_pint() -> None:
    code = textwrap.dedent(
        """
        import sys, io, contextlib
        from workbench.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["list"]); main(["show", "bracket"])
        print("cadquery" in sys.modules, "pint" in sys.modules, "OCP" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False False"


def test_show(capsys) -> None:
    code, out, _ = run(capsys, "show", "bracket")
    assert code == 0
    assert "bracket 1.0.0: Wall shelf bracket" in out
    assert "arm            length          default 150 mm      allowed 60 to 400 mm" in out
    assert "holes          count           default 2           allowed 0 to 4" in out
    assert "How far the shelf reaches out from the wall" in out


def test_build_writes_files(capsys, tmp_path) -> None:
    code, out, err = run(
        capsys, "build", "bracket", "--set", "arm=8 in", "--set", "make=plywood",
        "--format", "stl,step,dxf", "--out", str(tmp_path),
    )
    assert code == 0, err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        ["bracket.step", "bracket-plywood-birch-18mm-sheet-1.dxf"]
        + [f"bracket-{n}.stl" for n in ("wall-plate", "arm-plate", "gusset")]
    )
    assert sorted(out.split()) == sorted(str(tmp_path / n) for n in names)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["show", "shelf"], "unknown design 'shelf'; known: "),
        (["build", "bracket", "--set", "colour=red"], "bracket: unknown parameter 'colour'; known: make, arm,"),
        (["build", "bracket", "--set", "arm=5 kg"], 'arm: "5 kg" is a mass, expected a length'),
        (["build", "bracket", "--set", "arm=900 mm"], "arm: 900 mm is out of range; allowed 60 to 400 mm"),
        (["build", "bracket", "--set", "arm"], "--set 'arm' is not NAME=VALUE"),
        (["build", "bracket", "--format", "obj"], "unknown format 'obj'; allowed: stl, 3mf, step, dxf"),
        (["build", "bracket", "--format", "stl,dxf"], "bracket has no flat (cut) parts"),
        (["build", "bracket", "--set", "width=15mm", "--set", "hole_diameter=10mm"],
         "bracket: hole diameter 10.0 mm must be at most half the width"),
        (["build", "bracket", "--material", "printed=unobtainium"], "unknown material 'unobtainium'"),
        (["frobnicate"], "workbench: argument command: invalid choice: 'frobnicate'"),
        (["check", "bracket", "--stock", "mars"],
         "unknown stock catalog 'mars'; known: brazil, east-africa, eu-metric, india, indonesia, mexico, nigeria, peru, philippines, south-africa, us-customary"),
        (["build", "bracket", "--climate", "venus"], "unknown climate 'venus'; known: "),
    ],
)
def test_user_errors_are_one_line_exit_2_no_file(capsys, tmp_path, argv, message) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, *argv, *(["--out", str(out_dir)] if argv[0] == "build" else []))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("workbench: error: ")
    assert message in err
    assert "Traceback" not in err
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_failed_build_is_one_line(capsys, tmp_path, designs_dir) -> None:
    (designs_dir / "broken").mkdir()
    (designs_dir / "broken" / "design.py").write_text(textwrap.dedent(
        '''
        from workbench.design import Design
        from workbench.params import Length

        class Broken(Design):
            id = "broken"
            title = "Broken"
            summary = "Fails to build."
            authors = ("tests",)
            size = Length("Size", 10, min=1, max=20)

            def build(self, p, ctx):
                raise ValueError("BRep_API: command not done")
        '''
    ))
    out_dir = tmp_path / "out"
    code, _, err = run(capsys, "build", "broken", "--set", "size=12 mm", "--out", str(out_dir))
    assert code == 2
    assert err == "workbench: error: broken (size=12 mm): build failed: BRep_API: command not done\n"
    assert not out_dir.exists() or list(out_dir.iterdir()) == []
