"""The command line's own lines in the reader's language: `variant show`, `lineage`, `build`,
`validate`'s report, `sweep`'s summary, the stock parameters' "allowed" text of `show` and the data
a check lacks. Files shared with the commons (variant files) stay English whatever the language."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import workbench
from workbench.checks.result import CheckResult
from workbench.i18n import N_, using_locale
from workbench.stockparams import KIND_NOUNS, SHAPE_WORDS
from workbench.validate import Report

ROOT = Path(workbench.__file__).resolve().parent.parent


def _cli(*args: str, designs: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "", "LANG": "C"}
    if designs is not None:
        env["WORKBENCH_DESIGNS"] = str(designs)
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT)


SHOW_ALLOWED = {
    "es": [
        "  sheet          stock-thickness por defecto 18 mm       permitido cualquier tablero que "
        "venda el catálogo de existencias para el material 'panel'",
        "  tube           stock-tube      por defecto 50 x 50 x 3 mm  permitido cualquier tubo "
        "cuadrado que figure en un catálogo de existencias, por id, etiqueta o medida "
        "(shs-50x50x3-0, 50 x 50 x 3 mm, 2 x 2 x 1/8 in)",
    ],
    "sw": [
        "  sheet          stock-thickness kawaida 18 mm       inaruhusiwa ubao (sheet) inayouzwa "
        "kwenye orodha ya bidhaa za dukani (stock) kwa malighafi ya 'panel'",
        "  tube           stock-tube      kawaida 50 x 50 x 3 mm  inaruhusiwa bomba la chuma "
        "[tube] ya mraba iliyo kwenye orodha ya bidhaa za dukani (stock), kwa kitambulisho, "
        "jina au kipimo (shs-50x50x3-0, 50 x 50 x 3 mm, 2 x 2 x 1/8 in)",
    ],
}


@pytest.mark.parametrize("lang", sorted(SHOW_ALLOWED))
def test_show_says_what_a_stock_parameter_allows_in_the_language(lang: str) -> None:
    shelf, bench = (_cli("--lang", lang, "show", d) for d in ("plywood-shelf", "steel-workbench"))
    assert (shelf.returncode, bench.returncode) == (0, 0), shelf.stderr + bench.stderr
    assert SHOW_ALLOWED[lang][0] in shelf.stdout.splitlines()
    assert SHOW_ALLOWED[lang][1] in bench.stdout.splitlines()


def test_show_in_english_is_unchanged() -> None:
    out = _cli("show", "pipe-adapter").stdout.splitlines()
    assert ("  pump_pipe      stock-pipe      default 32 mm       allowed the outside diameter "
            "(nominal or actual) of a pipe in a stock catalog, e.g. 32 mm or 1 in") in out


def test_every_kind_of_stock_and_shape_has_a_marked_noun() -> None:
    """`KIND_NOUNS` lives beside the parameters (`show` imports no pint); it must not drift
    from the kinds of `workbench.context.stock.KINDS` nor from `Shape`."""
    from workbench.context.stock import KINDS, Shape

    assert set(KIND_NOUNS) == {k.value for k in KINDS}
    assert set(SHAPE_WORDS) == {s.value for s in Shape}
    with using_locale("es"):
        from workbench.i18n import gettext

        assert [gettext(KIND_NOUNS[k]) for k in ("sheet", "pipe", "rope")] == [
            "tablero", "tubería", "cuerda"]


VARIANT_SHOW = {
    "es": [
        "lima-15mm-tall: variante de plywood-shelf por Cosmo-local workbench contributors "
        "(Lima fab lab example), 2026-11-22",
        "  por qué: A taller unit for the fab lab's library corner: 1.8 m with six shelves, "
        "same 15 mm sheet",
        "  linaje: plywood-shelf@1.0.0 -> lima-15mm -> lima-15mm-tall",
        "  contexto: existencias eu-metric, clima lima, taller generic-makerspace, "
        "materiales panel=plywood-birch",
        "  huella de la geometría: ninguna registrada",
    ],
    "sw": [
        "lima-15mm-tall: toleo la plywood-shelf na Cosmo-local workbench contributors "
        "(Lima fab lab example), 2026-11-22",
        "  sababu: A taller unit for the fab lab's library corner: 1.8 m with six shelves, "
        "same 15 mm sheet",
        "  ukoo [lineage]: plywood-shelf@1.0.0 -> lima-15mm -> lima-15mm-tall",
        "  mazingira: bidhaa za dukani (stock) eu-metric, hali ya hewa lima, karakana "
        "generic-makerspace, malighafi panel=plywood-birch",
        "  alama ya umbo [geometry hash]: hakuna iliyorekodiwa",
    ],
}
NO_VARIANTS = {"es": "aún no hay variantes: workbench variant save ...",
               "sw": "bado hakuna matoleo: workbench variant save ..."}


@pytest.mark.parametrize("lang", sorted(VARIANT_SHOW))
def test_variant_show_and_lineage_in_the_language(lang: str) -> None:
    shown = _cli("--lang", lang, "variant", "show", "plywood-shelf/lima-15mm-tall")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert [lines[0], lines[1], lines[2], lines[-2], lines[-1]] == VARIANT_SHOW[lang]
    # the values stay as the variant file writes them: names are data
    assert lines[3:7] == ["  sheet = 15 mm", "  width = 750 mm", "  height = 1800 mm",
                          "  shelves = 6"]
    empty = _cli("--lang", lang, "lineage", "bracket")
    assert (empty.returncode, empty.stdout, empty.stderr) == (
        0, "bracket@1.0.0  Wall shelf bracket\n", NO_VARIANTS[lang] + "\n")


def test_a_variant_saved_in_spanish_is_written_in_english_and_shown_in_spanish(tmp_path) -> None:
    """The variant file is shared with the commons: its header stays English; the console
    speaks the reader's language."""
    designs = tmp_path / "designs"
    shutil.copytree(ROOT / "designs" / "bracket", designs / "bracket",
                    ignore=shutil.ignore_patterns("variants", "__pycache__"))
    saved = _cli("--lang", "es", "variant", "save", "bracket", "--set", "make=plywood",
                 "--name", "lima-ply", "--why", "Triplay local de 18 mm", "--author", "Lima",
                 designs=designs)
    assert saved.returncode == 0, saved.stderr
    path = designs / "bracket" / "variants" / "lima-ply.toml"
    assert saved.stdout == f"{path}\n"
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    assert head == [
        "# Variant of Wall shelf bracket (bracket). Only what differs from its parent is stored.",
        "# Rebuild: workbench build --variant bracket/lima-ply",
    ]
    shown = _cli("--lang", "sw", "variant", "show", "bracket/lima-ply", designs=designs)
    assert shown.returncode == 0, shown.stderr
    assert "  sababu: Triplay local de 18 mm" in shown.stdout.splitlines()
    assert shown.stdout.splitlines()[-1].startswith("  alama ya umbo [geometry hash]: ")


@pytest.mark.parametrize("lang", ["es", "sw"])
def test_build_prints_only_the_paths_in_any_language(lang: str, tmp_path) -> None:
    """`build`'s stdout is data (one written path a line): the same in every language."""
    out = tmp_path / "out"
    run = _cli("--lang", lang, "build", "bracket", "--set", "make=plywood", "--format", "dxf",
               "--out", str(out))
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == f"{out / 'bracket-plywood-birch-18mm-sheet-1.dxf'}\n"


def test_validate_report_in_spanish_and_swahili() -> None:
    report = Report(design="bracket", built=12, sampled=8, refused=["r"], checks=5,
                    exports=["dxf", "stl"], variants=2, failures=["arm: too short"])
    with using_locale("es"):
        es = report.lines()
    with using_locale("sw"):
        sw = report.lines()
    assert es == [
        "bracket: FALLÓ (1 problema(s))",
        "  se construyeron 12 juegos de valores (por defecto, extremos, 8 muestras al azar); "
        "1 rechazados con palabras por las reglas del diseño",
        "  5 verificaciones devueltas con los valores por defecto; exportaciones releídas: "
        "dxf, stl; variantes reproducidas: 2",
        "  - arm: too short",
    ]
    assert sw[0] == "bracket: IMESHINDWA (matatizo 1)"
    assert sw[2] == ("  ukaguzi 5 umerudishwa kwa thamani za kawaida; faili zilizosomwa tena: "
                     "dxf, stl; matoleo yaliyorudiwa: 2")
    assert report.lines()[0] == "bracket: FAILED (1 problem(s))"


def test_sweep_summary_in_the_language() -> None:
    from workbench.cli.batch import _summary

    class Table:  # the three things `_summary` reads of a `SweepTable`
        design = "bracket"

        def __len__(self) -> int:
            return 10

        def count(self, status: str) -> int:
            return {"pass": 6, "warn": 2, "fail": 1, "error": 1}[status]

    assert _summary(Table()) == "10 variants of bracket: 6 pass, 2 warn, 1 fail, 1 error"
    with using_locale("es"):
        assert _summary(Table()) == (
            "10 variantes de bracket: 6 pasan, 2 con aviso, 1 fallan, 1 con error")


def test_the_data_a_check_lacks_is_a_template_with_the_material_as_a_value() -> None:
    res = CheckResult.missing("hoop stress", N_("design stress for {standard}"),
                              standard="ISO 4427")
    assert res.lacks == "design stress for ISO 4427"
    assert res.message == ("This check cannot run: the data has no design stress for ISO 4427; "
                           "add it (with its source) to materials/.")
    assert res.render(locale="es") == (
        "Esta verificación no puede ejecutarse: los datos no tienen tensión de diseño de "
        "ISO 4427; añádalo (con su fuente) a materials/.")
    assert "mkazo wa usanifu (design stress) wa ISO 4427" in res.render(locale="sw")


@pytest.mark.parametrize("lang, expected", [
    ("es", "workbench: error: workbench check: argumento --units: opción no válida: 'furlong' "
           "(elija entre 'metric', 'imperial')"),
    ("sw", "workbench: error: workbench check: hoja --units: chaguo si sahihi: 'furlong' "
           "(chagua kati ya 'metric', 'imperial')"),
])
def test_argparse_speaks_the_language_in_errors_and_help(lang: str, expected: str) -> None:
    """argparse's own words (a bad choice, the help's headings) come from the workbench's
    catalog while the command line is parsed; argparse is left as it was for other users."""
    import argparse

    done = _cli("--lang", lang, "check", "bracket", "--units", "furlong")
    assert done.returncode == 2 and done.stderr.strip() == expected
    helped = _cli("--lang", lang, "check", "--help")
    assert helped.returncode == 0
    heading = {"es": "opciones:", "sw": "machaguo:"}[lang]
    assert helped.stdout.startswith({"es": "uso: ", "sw": "matumizi: "}[lang])
    assert f"\n{heading}\n" in helped.stdout and "show this help" not in helped.stdout
    from workbench.cli import main

    before = argparse._  # type: ignore[attr-defined]
    with using_locale("es"):
        assert main(["--lang", "es", "list"]) == 0
    assert argparse._ is before  # type: ignore[attr-defined]
