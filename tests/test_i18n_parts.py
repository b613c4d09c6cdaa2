"""What people call a part (a design's ``part_names``), in their language: every part the shipped
designs build has one, templates read run-time names back, the report, the bundle README and the
full 3D view's tree show it, and the part's `name` stays the identifier of its files."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench
from workbench import catalog, i18n
from workbench.context import Context
from workbench.design import Design, Part, Process
from workbench.evaluate import evaluate
from workbench.i18n import part_name, using_locale

ROOT = Path(workbench.__file__).resolve().parent.parent
DESIGNS = sorted(p.parent.name for p in (ROOT / "designs").glob("*/design.py"))
VARIANTS = sorted(f"{p.parent.parent.name}/{p.stem}"
                  for p in (ROOT / "designs").glob("*/variants/*.toml"))
# values that build parts the defaults do not: the bracket cut from plywood, with its gusset
OTHER_BUILDS = {"bracket": {"make": "plywood"}}


def _built(name: str) -> tuple[type[Design], list[str]]:
    from workbench.variants import find_variant

    if "/" in name:
        v = find_variant(name)
        design, ctx = v.design(), v.context()
    else:
        design, ctx = catalog.get(name)(), Context()
    names = [p.name for p in evaluate(design, ctx, lenient=True).geometry.parts]
    if name in OTHER_BUILDS:
        other = catalog.get(name)(**OTHER_BUILDS[name])
        names += [p.name for p in evaluate(other, ctx, lenient=True).geometry.parts]
    return type(design), names


@pytest.mark.parametrize("name", [*DESIGNS, *VARIANTS])
def test_every_part_a_shipped_design_builds_has_a_name_in_every_language(name: str) -> None:
    """Every part (at the defaults, in each variant, and the bracket's plywood build) fits an
    entry of its design's ``part_names``; every catalog translates every entry (checked with the
    rest of the catalog in tests/test_i18n_designs.py), so Swahili and Hindi never show it in
    English."""
    cls, names = _built(name)
    assert names
    for part in names:
        assert i18n.part_name_entry(cls, part), f"{name}: part {part!r} is not in {cls.__name__}.part_names"
        english = part_name(cls, part, "en")
        for lang in ("es", "fr", "pt", "sw", "hi"):
            said = part_name(cls, part, lang)
            assert said and "{" not in said, (name, part, lang, said)
            if lang in ("sw", "hi"):
                assert said != english, (name, part, lang)


@pytest.mark.parametrize("name", DESIGNS)
def test_the_part_names_are_well_formed(name: str) -> None:
    cls = catalog.get(name)
    assert cls.part_names and cls.metadata_problems() == []


def test_a_run_time_name_is_read_back_through_its_template() -> None:
    shelf, bed = catalog.get("plywood-shelf"), catalog.get("raised-bed")
    assert part_name(shelf, "shelf-3", "en") == "shelf 3"
    assert part_name(shelf, "shelf-3", "es") == "repisa 3"
    assert part_name(shelf, "side-left", "es") == "lateral izquierdo"
    # the exact key wins over a template it would also fit ("post-back-left" is not "mid")
    assert part_name(bed, "post-back-left", "es") == "poste de esquina trasero izquierdo"
    assert part_name(bed, "post-back-mid-2", "sw") == "nguzo ya kati ya nyuma 2"
    assert part_name(bed, "board-left-1", "hi") == "बाएँ सिरे का तख़्ता 1"
    # a language without a catalog, and a part the design does not name, stay readable
    assert part_name(shelf, "shelf-2", "de") == "shelf 2"
    assert part_name(shelf, "brace", "es") == "brace"
    with using_locale("fr"):  # the current language is the default
        assert part_name(shelf(), "shelf-1") == "tablette 1"


def test_a_part_name_must_keep_the_fields_of_its_key() -> None:
    class Broken(Design):
        id, title, summary, authors = "broken", "Broken", "A test design.", ("a test",)
        part_names = {"shelf-{n}": "shelf", "side": "", "leg-{k}": "leg {k}"}

        def build(self, p, ctx):  # pragma: no cover - never built
            return [Part("side", None, "r", Process.CUT)]

    problems = Broken.metadata_problems()
    assert problems == [
        "part_names['shelf-{n}'] = 'shelf': it must be a non-empty name using the same {fields} "
        "as the key (n)",
        "part_names['side'] = '': it must be a non-empty name using the same {fields} as the key "
        "(none)",
    ]


def test_the_report_names_the_parts_and_how_they_are_made_in_spanish() -> None:
    from workbench.report import markdown_report

    ev = evaluate(catalog.get("plywood-shelf")(), Context())
    with using_locale("es"):
        text = markdown_report(ev, "metric")
    assert "| lateral izquierdo | 1 | cortada de plancha |" in text
    assert "| repisa 1 | 1 | cortada de plancha |" in text
    assert text.startswith("# Informe de verificación: Estante de triplay encastrado")
    english = markdown_report(ev, "metric")
    assert "| left side | 1 | cut from sheet |" in english and "lateral" not in english


def test_the_bundle_readme_speaks_spanish_and_files_keep_their_names(tmp_path: Path) -> None:
    from workbench.bundle import make_bundle

    design = catalog.get("plywood-shelf")()
    with using_locale("es"):
        b = make_bundle(design, Context(), tmp_path / "out", name="estante-lima",
                        author="a test", why="probar los nombres", repo="https://example.org/x")
    readme = (b.folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Estante de triplay encastrado (estante-lima)\n")
    assert "| lateral izquierdo | 1 | cortada de plancha |" in readme
    assert "- **repisa 2**: " in readme
    assert i18n.design_gettext(design, design.summary, "es") in readme
    # the files table says what each file is in Spanish too
    assert "| `README.md` | este archivo |" in readme
    assert "| `okh.toml` | manifiesto Open Know-How (OKH-LOSH v1.0) |" in readme
    assert "planchas para cortar, DXF" in readme
    # the manifest, shared with the commons, keeps the identifiers and the English
    manifest = (b.folder / "okh.toml").read_text(encoding="utf-8")
    assert 'name = "side-left"' in manifest and "lateral" not in manifest
