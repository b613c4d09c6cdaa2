"""The names of the data files (materials/) in the user's language: the data's own catalog
(materials/locale, domain "materials") holds every name of every shipped file, translated in every
language and compiled; `data_gettext` looks there, then in the workbench's catalog, then keeps the
name as written; the panel's context dropdowns, the report and the bundle README use it. Stock
item labels are not names to translate (they stay as the shop writes them)."""

from __future__ import annotations

import gettext
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from workbench import i18n, paths
from workbench.data_words import DOMAIN, LOCALE, data_words, main, template

DATA = paths.shipped(paths.MATERIALS)
assert DATA is not None
SHIPPED_LANGS = ("es", "fr", "pt", "sw", "hi")


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_locale("en", i18n.LocaleSource.DEFAULT)


def _toml(path: Path) -> dict[str, Any]:
    with open(path, "rb") as f:
        return tomllib.load(f)


def _names_in_files(folder: Path) -> set[str]:
    """Every name the data files give, read here independently of `data_words`."""
    names: set[str] = set()
    for file in ("materials.toml", "workshops.toml"):
        names |= {t["name"] for k, t in _toml(folder / file).items()
                  if k != "sources" and isinstance(t, dict)}
    for path in (folder / "stock").glob("*.toml"):
        top = _toml(path)
        names |= {top["name"], top["region"]}
    names |= {_toml(p)["name"] for p in (folder / "climate").glob("*.toml")}
    return names


def _pot_ids(folder: Path) -> list[str]:
    with open(folder / LOCALE / f"{DOMAIN}.pot", "rb") as f:
        return [m.id for m in read_po(f) if m.id]


def _po(lang: str) -> Catalog:
    with open(DATA / LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as f:
        return read_po(f, locale=lang)


def test_every_name_of_every_data_file_is_in_the_template() -> None:
    """Fails when a data name is added or renamed without `make translations`."""
    pot = _pot_ids(DATA)
    assert set(pot) == _names_in_files(DATA), "run make translations (make data-translations)"
    assert pot == list(data_words(DATA)), "materials.pot is not what the files give today"
    assert len(pot) == 64  # 26 materials, 11 catalogs + their 10 regions (India twice), 12
    # climates, 5 workshops: the count the catalogs were written for
    assert pot[:3] == ["Structural softwood C24 (EN 338)", "Structural softwood C16 (EN 338)",
                       "Birch plywood"]  # file order


def test_stock_item_labels_are_not_translated() -> None:
    labels = {item["label"] for path in (DATA / "stock").glob("*.toml")
              for kind in _toml(path).values() if isinstance(kind, dict)
              for item in kind.values() if isinstance(item, dict) and "label" in item}
    assert labels, "the stock files have labels"
    assert "Triplay 18 mm" in labels or "Compensado 18 mm" in labels
    assert not labels & set(_pot_ids(DATA))


def test_a_renamed_material_is_drift(tmp_path: Path) -> None:
    """The test above fails when a name changes: the template made from the changed files differs
    from the committed one (and `main` writes the new one)."""
    (tmp_path / "stock").mkdir()
    (tmp_path / "climate").mkdir()
    (tmp_path / "materials.toml").write_text(
        '[sources]\nx = "a source"\n\n[ply]\nname = "Shop plywood"\n')
    (tmp_path / "climate" / "here.toml").write_text('name = "Here"\n')
    (tmp_path / "stock" / "town.toml").write_text('name = "Town"\nregion = "Land"\n'
                                                   '[sheet.a]\nlabel = "Ply 18"\n')
    assert main([str(tmp_path)]) == 0
    assert _pot_ids(tmp_path) == ["Shop plywood", "Town", "Land", "Here"]
    assert [m.auto_comments for m in template(tmp_path) if m.id][:2] == [
        ["material ply: name (materials.toml)"], ["stock catalog town: name (stock/town.toml)"]]
    (tmp_path / "materials.toml").write_text('[ply]\nname = "Shop plywood, 18 mm"\n')
    assert list(data_words(tmp_path))[0] == "Shop plywood, 18 mm"
    assert main([str(tmp_path / "climate")]) == 2  # not a data folder


@pytest.mark.parametrize("lang", SHIPPED_LANGS)
def test_every_name_is_translated(lang: str) -> None:
    po = [m for m in _po(lang) if m.id]
    assert [m.id for m in po] == _pot_ids(DATA)
    untranslated = [m.id for m in po if not m.string or not m.string.strip() or m.fuzzy]
    assert not untranslated, f"{lang}: no translation: {untranslated}"
    # standard designations are kept as written
    for m in po:
        for mark in ("EN 338", "S235", "PETG", "ASTM A36", "IS 4923", "Cupressus lusitanica"):
            if mark in m.id:
                assert mark in m.string, (lang, m.id, m.string)


@pytest.mark.parametrize("lang", SHIPPED_LANGS)
def test_the_compiled_catalog_matches_its_po(lang: str) -> None:
    """The .mo files are committed: a .po edited without `make translations` fails here."""
    with open(DATA / LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as f:
        shipped = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    expected = {m.id: m.string for m in _po(lang) if m.id and m.string and not m.fuzzy}
    assert {k: v for k, v in shipped.items() if k} == expected


def test_the_lookup_data_catalog_then_workbench_then_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WORKBENCH_MATERIALS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert i18n.data_gettext("Birch plywood", "es") == "Contrachapado de abedul (triplay)"
    assert i18n.data_gettext("Peru (Lima)", "es_PE") == "Perú (Lima)"  # region → "es"
    assert i18n.data_gettext("Birch plywood", "sw_KE") == "Plywood ya birch"
    assert i18n.data_gettext("Birch plywood", "en") == "Birch plywood"
    assert i18n.data_gettext("Birch plywood", "de") == "Birch plywood"  # no such catalog
    assert i18n.data_gettext("Climate", "es") == "Clima"  # the workbench's catalog
    assert i18n.data_gettext("Lupuna shop plywood", "es") == "Lupuna shop plywood"
    assert i18n.data_gettext("", "es") == ""
    with i18n.using_locale("fr"):
        assert i18n.data_gettext("Peru") == "Pérou"
    assert i18n.data_gettext("Peru") == "Peru"  # the default is English


def test_a_working_folder_may_bring_its_own_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """./materials with its own locale/: its catalog first, then the shipped one."""
    monkeypatch.delenv("WORKBENCH_MATERIALS", raising=False)
    own = tmp_path / "materials"
    (own / LOCALE / "es" / "LC_MESSAGES").mkdir(parents=True)
    (own / "materials.toml").write_text('[ply]\nname = "Shop plywood"\n')
    cat = Catalog(locale="es", domain=DOMAIN)
    cat.add("Shop plywood", "Triplay del taller")
    cat.add("Peru", "Perú (nuestro)")
    with open(own / LOCALE / "es" / "LC_MESSAGES" / f"{DOMAIN}.mo", "wb") as f:
        write_mo(f, cat)
    monkeypatch.chdir(tmp_path)
    assert i18n.data_gettext("Shop plywood", "es") == "Triplay del taller"
    assert i18n.data_gettext("Peru", "es") == "Perú (nuestro)"
    assert i18n.data_gettext("Birch plywood", "es") == "Contrachapado de abedul (triplay)"
    monkeypatch.chdir(own)  # elsewhere the folder's names are not known
    assert i18n.data_gettext("Shop plywood", "es") == "Shop plywood"


@pytest.fixture(scope="module")
def evaluation() -> Any:
    from workbench import catalog
    from workbench.context import Context
    from workbench.evaluate import evaluate

    cls = catalog.get("plywood-shelf")
    return evaluate(cls(), Context(stock="peru", climate="lima",
                                   materials={r: "plywood-birch" for r in cls.roles}),
                    lenient=True)


def test_the_report_in_spanish_names_the_data_in_spanish(evaluation: Any) -> None:
    from workbench.report import html_report, markdown_report

    with i18n.using_locale("es"):
        md = markdown_report(evaluation)
        page = html_report(evaluation)
    assert "Contrachapado de abedul (triplay) (`plywood-birch`)" in md
    assert "catálogo de stock: Perú (Lima) (`peru`), Perú" in md
    assert "clima: Árido templado - Lima, Perú (`lima`)" in md
    assert "Birch plywood" not in md and "Arid mild" not in md
    assert "Contrachapado de abedul (triplay)" in page
    english = markdown_report(evaluation)
    assert "Birch plywood (`plywood-birch`)" in english and "Peru (Lima) (`peru`), Peru" in english


def test_the_bundle_readme_in_swahili_names_the_data_in_swahili(evaluation: Any) -> None:
    from workbench.bundle.readme import _conditions
    from workbench.units import UnitSystem

    facts = SimpleNamespace(ev=evaluation, units=UnitSystem.METRIC)
    with i18n.using_locale("sw"):
        text = "\n".join(_conditions(facts))  # type: ignore[arg-type]
    assert "Peru (Lima) (`peru`, Peru)" in text  # the same words in Swahili
    assert "Kame tulivu - Lima, Peru [arid mild] (`lima`)" in text
    assert "Plywood ya birch (`plywood-birch`)" in text
    assert "Birch plywood" not in text


def test_the_manifest_keeps_the_english_names(tmp_path: Path) -> None:
    """Variant files and the bundle's manifest are shared with the commons: a bundle written
    in Spanish has the Spanish names in its README, the English ones in its manifest."""
    from workbench import catalog
    from workbench.bundle import make_bundle
    from workbench.context import Context

    with i18n.using_locale("es"):
        b = make_bundle(catalog.get("plywood-shelf")(), Context(), tmp_path / "b", name="es",
                        author="a test", why="nombres", repo="https://example.org/x")
    manifest = (b.folder / "okh.toml").read_text(encoding="utf-8")
    readme = (b.folder / "README.md").read_text(encoding="utf-8")
    assert "Birch plywood (plywood-birch)" in manifest and "abedul" not in manifest
    assert "Contrachapado de abedul (triplay)" in readme


@pytest.fixture
def spanish_panel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The bracket's panel in Spanish, in an empty folder, with no locale from the shell."""
    pytest.importorskip("ipywidgets")
    from workbench.ui import Workbench

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "WORKBENCH_MATERIALS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    return Workbench("bracket", background=False, lang="es")


def test_the_panel_context_dropdowns_follow_the_language(spanish_panel: Any) -> None:
    panel = spanish_panel
    cf = panel.context_form

    def labels(dd: Any) -> dict[str, str]:
        return {value: label for label, value in dd.options}

    assert labels(cf.roles["plate"])["plywood-birch"] == "Contrachapado de abedul (triplay)"
    assert labels(cf.lists["stock"])["peru"] == "Perú (Lima)"
    assert labels(cf.lists["stock"])["eu-metric"] == "Métrico (UE)"
    assert labels(cf.lists["climate"])["lima"] == "Árido templado - Lima, Perú"
    assert labels(cf.lists["workshop"])["prusa-mk4"] == "Original Prusa MK4"
    assert cf.lists["stock"].label == "Métrico (UE)"
    cf.lists["climate"].value = "lima"
    cf.roles["plate"].value = "plywood-softwood"
    builds = panel.builds
    cf.language.value = "sw"  # the switch: new labels, the same choices, nothing rebuilt
    assert cf.lists["climate"].value == "lima"
    assert cf.lists["climate"].label == "Kame tulivu - Lima, Peru [arid mild]"
    assert cf.roles["plate"].value == "plywood-softwood"
    assert cf.roles["plate"].label == "Plywood ya mbao laini [softwood]"
    assert cf.lists["stock"].value == "eu-metric" and panel.context.climate == "lima"
    assert panel.builds == builds
    cf.language.value = "en"
    assert cf.lists["climate"].label == "Arid mild - Lima, Peru"
    assert labels(cf.roles["plate"])["plywood-birch"] == "Birch plywood"


def test_the_panel_stock_note_names_material_and_catalog_in_the_language(
        spanish_panel: Any) -> None:
    panel = spanish_panel
    panel.form.fields["make"].input.value = "plywood"
    panel.context_form.stock.value = "peru"  # Peru's catalog sells pipes, no birch plywood
    sheet = panel.form.fields["sheet"]
    assert sheet.input.options == ()
    # the catalog, the stock noun and the material, each in Spanish
    assert sheet.note == "el stock Perú (Lima) no vende tablero de Contrachapado de abedul (triplay)"
    panel.context_form.language.value = "en"
    assert sheet.note == "Peru (Lima) stock sells no Birch plywood sheet"
    panel.context_form.language.value = "es"
    panel.context_form.roles["plate"].value = "plywood-softwood"
    panel.context_form.stock.value = "east-africa"  # softwood plywood, but no 18 mm sheet
    assert sheet.note == ("18 mm contrachapado de conífera (triplay) no se vende en el stock "
                          "África Oriental (Kenia); elija uno que se venda")


def test_the_extractor_imports_neither_pint_nor_cadquery_and_the_cache_is_registered() -> None:
    import os
    import subprocess
    import sys

    code = ("import sys, workbench.data_words, workbench.i18n; "
            "print(sorted(m for m in ('pint', 'cadquery') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(Path(i18n.__file__).parents[1])})
    assert out.stdout.strip() == "[]"
    from workbench import caches

    assert "data catalogs" in caches.names()
    assert i18n.data_gettext("Peru", "es") == "Perú"
    caches.clear_all()  # an edited .mo is read again; the lookup still answers
    assert i18n.data_gettext("Peru", "es") == "Perú"
