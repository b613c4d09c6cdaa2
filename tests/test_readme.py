"""What the README shows is executed: its Python block and the commands of its "Command line"
section, in a scratch copy of the designs so nothing in the checkout changes."""

import re
import shlex
import shutil
from pathlib import Path

import pytest

from workbench import catalog
from workbench.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _blocks(text: str, lang: str = "") -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def _commands(text: str) -> list[str]:
    joined = "\n".join(_blocks(text)).replace("\\\n", " ")
    return [line.split("  #")[0].strip() for line in joined.splitlines() if line.startswith("workbench ")]


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "designs", tmp_path / "designs",
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("WORKBENCH_DESIGNS", str(tmp_path / "designs"))
    monkeypatch.chdir(tmp_path)
    catalog.refresh()
    yield tmp_path
    catalog.refresh()


def test_the_command_line_section_runs_as_shown(scratch, capsys) -> None:
    commands = _commands(_section("Command line"))
    assert len(commands) >= 10
    for command in commands:
        argv = shlex.split(command)[1:]
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 0, f"{command}: {err}"
    assert (scratch / "designs" / "bracket" / "variants" / "lima-ply-15.toml").exists()
    assert (scratch / "designs" / "pump-shelf" / "design.py").exists()
    assert any(p.suffix == ".dxf" for p in (scratch / "out").iterdir())


def test_the_python_block_runs(scratch) -> None:
    (code,) = _blocks(_section("In Python"), "python")
    exec(compile(code, "README.md", "exec"), {})
    assert sorted(p.name for p in (scratch / "out").iterdir()) == ["bracket-8in-bracket.stl", "bracket-8in.step"]
