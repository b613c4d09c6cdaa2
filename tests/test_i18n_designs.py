"""Each shipped design's own catalog (designs/NAME/locale, domain "design"): complete in every
language, compiled, equal to the words the design declares today; the lookup design catalog →
workbench catalog → English; `show` in Spanish; `workbench new` starts a catalog."""

from __future__ import annotations

import gettext
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import workbench
from workbench import catalog, i18n
from workbench.design_words import (DOMAIN, check_messages, check_names, declared_words,
                                    design_words)

ROOT = Path(workbench.__file__).resolve().parent.parent
SHIPPED_LANGS = ("es", "fr", "pt", "sw", "hi")
DESIGNS = sorted(p.parent.name for p in (ROOT / "designs").glob("*/design.py"))
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _cls_and_source(name: str) -> tuple[type, Path]:
    folder = ROOT / "designs" / name
    entry = next(e for e in catalog.entries().values()
                 if e.folder is not None and e.folder.resolve() == folder.resolve())
    return entry.cls, folder / "design.py"


def _po(name: str, lang: str) -> Catalog:
    path = ROOT / "designs" / name / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with open(path, "rb") as f:
        return read_po(f, locale=lang)


def _drift(cls: type, source: Path, ids: set[str]) -> tuple[list[str], list[str]]:
    """(declared words the catalog lacks, catalog words the design no longer declares)."""
    words = set(design_words(cls, source))  # type: ignore[arg-type]
    return sorted(words - ids), sorted(ids - words)


def test_the_seven_shipped_designs_have_a_catalog_per_language() -> None:
    assert DESIGNS == ["bracket", "hdpe-planter", "pipe-adapter", "plywood-shelf", "raised-bed",
                       "rope-pump", "steel-workbench"]
    for name in DESIGNS:
        on_disk = {p.parent.parent.name for p in
                   (ROOT / "designs" / name / "locale").glob("*/LC_MESSAGES/design.po")}
        assert on_disk == set(SHIPPED_LANGS) == set(i18n.LANGUAGES) - {"en"}, name
        assert (ROOT / "designs" / name / "locale" / "design.pot").is_file()


@pytest.mark.parametrize("name", DESIGNS)
@pytest.mark.parametrize("lang", SHIPPED_LANGS)
def test_every_word_of_every_design_is_translated(name: str, lang: str) -> None:
    po = [m for m in _po(name, lang) if m.id]
    assert len(po) >= 30, name  # title, summary, labels, help, roles, check names
    untranslated = [m.id for m in po if not m.string or m.fuzzy]
    assert not untranslated, f"{name} {lang}: no translation: {untranslated}"
    broken = [m.id for m in po
              if set(PLACEHOLDER.findall(m.id)) != set(PLACEHOLDER.findall(m.string))]
    assert not broken, f"{name} {lang}: placeholders differ from the English: {broken}"
    if lang == "hi":  # Hindi in Devanagari: every sentence carries Devanagari letters
        latin_only = [m.string for m in po if not re.search(r"[\u0900-\u097F]", m.string)]
        assert not latin_only, latin_only


@pytest.mark.parametrize("name", DESIGNS)
@pytest.mark.parametrize("lang", SHIPPED_LANGS)
def test_the_compiled_catalog_is_current_with_its_po(name: str, lang: str) -> None:
    """The .mo files are committed: they hold exactly the .po's translations (a .po edited
    without `make translations` leaves an older .mo, and fails here)."""
    mo_path = ROOT / "designs" / name / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with open(mo_path, "rb") as f:
        shipped = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    expected = {m.id: m.string for m in _po(name, lang) if m.id and m.string and not m.fuzzy}
    assert {k: v for k, v in shipped.items() if k} == expected


@pytest.mark.parametrize("name", DESIGNS)
def test_the_catalog_holds_exactly_the_words_the_design_declares(name: str) -> None:
    cls, source = _cls_and_source(name)
    with open(source.parent / "locale" / "design.pot", "rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    assert _drift(cls, source, pot) == ([], []), "run make translations"
    for lang in SHIPPED_LANGS:
        assert _drift(cls, source, {m.id for m in _po(name, lang) if m.id}) == ([], []), lang


def test_a_changed_help_text_is_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above fails when a parameter's help changes and the catalog does not."""
    cls, source = _cls_and_source("plywood-shelf")
    ids = {m.id for m in _po("plywood-shelf", "es") if m.id}
    assert _drift(cls, source, ids) == ([], [])
    old = cls.params()["depth"].help
    monkeypatch.setattr(cls.params()["depth"], "help", "Front to back, in mm.")
    assert _drift(cls, source, ids) == (["Front to back, in mm."], [old])


def test_the_words_are_walked_from_the_declaration() -> None:
    cls, source = _cls_and_source("bracket")
    words = declared_words(cls)
    assert list(words)[:4] == [cls.title, cls.summary, "Made by", cls.params()["make"].help]
    assert words["3D printed, one piece"] == "parameter make: option printed"
    assert words["Plywood plates"] == "material role plate: label"
    assert words["Wall fixing"] == "parameter group (wall)"
    # check names: literals, and f-strings as templates named after their expression
    # (and marked words kept as data: a remedy, what tips over, the pieces fitted to a sheet)
    assert list(check_names(ROOT / "designs" / "plywood-shelf" / "design.py")) == [
        "tip-over", "Strap it to the wall through the anchor holes.",
        "Switch on the wall-anchor holes and strap it to the wall.", "The empty unit",
        "shelf deflection", "shelf bending", "side", "shelf", "{name} fits the sheet",
        "slot fits the thickest sheet"]
    assert "{side} bending" in check_names(ROOT / "designs" / "raised-bed" / "design.py")


def test_counts_per_design() -> None:
    """The number of words each shipped design has in its catalog (the report's figures)."""
    counts = {name: len([m for m in _po(name, "es") if m.id]) for name in DESIGNS}
    assert counts == {"bracket": 68, "hdpe-planter": 42, "pipe-adapter": 41,
                      "plywood-shelf": 53, "raised-bed": 56, "rope-pump": 75,
                      "steel-workbench": 64}


def test_a_design_word_comes_from_its_catalog_then_the_workbench_then_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert i18n.design_gettext("plywood-shelf", "Width", "es") == "Ancho"
    assert i18n.design_gettext("plywood-shelf", "Width", "sw_KE") == "Upana"  # region → "sw"
    assert i18n.design_gettext("plywood-shelf", "Width", "de") == "Width"  # no such catalog
    assert i18n.design_gettext("plywood-shelf", "Width") == "Width"  # the default: English
    # a design without a catalog: the workbench's word, else the English itself
    folder = tmp_path / "box"
    (folder / "locale" / "es" / "LC_MESSAGES").mkdir(parents=True)
    cat = Catalog(locale="es", domain=DOMAIN)
    cat.add("Box", "Caja")
    cat.add("Lid", "")  # in the .po, not yet translated
    with open(folder / "locale" / "es" / "LC_MESSAGES" / "design.mo", "wb") as f:
        write_mo(f, cat)
    with i18n.using_locale("es"):
        assert i18n.design_gettext(folder, "Box") == "Caja"
        assert i18n.design_gettext(folder, "Lid") == "Lid"
        assert i18n.design_gettext(folder, "Climate") == "Clima"  # the workbench's catalog
        assert i18n.design_gettext(tmp_path / "nothing", "Climate") == "Clima"
        assert i18n.design_gettext(folder, "A word no catalog has.") == "A word no catalog has."
        assert i18n.design_gettext(folder, "") == ""
    # given as a class or an instance, a design finds the catalog beside its design.py
    cls = catalog.get("rope-pump")
    assert i18n.design_folder(cls) == i18n.design_folder(cls()) == ROOT / "designs" / "rope-pump"
    assert i18n.design_catalog(cls, "fr").gettext("Rope") == "Corde"
    assert i18n.design_folder("no-such-design") is None


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    full.update(env, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    full.pop("WORKBENCH_DESIGNS", None)
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                          text=True, env=full, timeout=120, cwd=ROOT)


def test_show_in_spanish_gives_the_designs_words_and_keeps_the_machine_fields() -> None:
    out = _cli("--lang", "es", "show", "plywood-shelf")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "plywood-shelf 1.0.0: Estante de triplay encastrado"
    assert "Ancho — Ancho total: el largo de las repisas, voladizos incluidos." in out.stdout
    assert "Tamaño:" in lines
    assert re.search(r"^  width\s+length\s+por defecto 800 mm\s+permitido 300 a 2000 mm$",
                     out.stdout, re.M)  # the parameter's name and kind stay as declared
    assert "Slot-together plywood shelf" not in out.stdout


def test_show_json_in_french_translates_words_not_names() -> None:
    out = _cli("--lang", "fr", "show", "bracket", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["title"] == "Équerre d'étagère murale"
    params = {p["name"]: p for p in data["parameters"]}
    assert params["make"]["label"] == "Fabrication"
    assert params["make"]["options"] == ["printed", "plywood"]  # values stay English
    assert params["make"]["group"] == "Make"
    assert data["roles"]["plate"]["label"] == "Plaques de contreplaqué"


def test_list_in_the_environment_language() -> None:
    out = _cli("list", LANG="sw_KE.UTF-8")
    assert re.search(r"^rope-pump\s+1\.0\.0\s+Pampu ya kamba$", out.stdout, re.M)


def test_new_design_starts_its_catalog(designs_dir: Path) -> None:
    from workbench.design_words import design_words as words_of
    from workbench.scaffold import scaffold

    folder = scaffold("pump-shelf", designs_dir, title="Pump shelf")
    catalog.refresh()
    cls = catalog.get("pump-shelf")
    with open(folder / "locale" / "design.pot", "rb") as f:
        pot = [m.id for m in read_po(f) if m.id]
    assert pot == list(words_of(cls, folder / "design.py"))
    assert pot[:3] == ["Pump shelf",
                       "A shelf board on two supports, cut from the sheet your region sells.",
                       "Span"]
    assert {"board bending", "board sag", "Shelf board"} <= set(pot)
    for lang in SHIPPED_LANGS:
        with open(folder / "locale" / lang / "LC_MESSAGES" / "design.po", "rb") as f:
            po = read_po(f, locale=lang)
        assert str(po.locale) == lang and not po.fuzzy
        assert [m.id for m in po if m.id] == pot and all(not m.string for m in po if m.id)
    readme = (folder / "locale" / "README.md").read_text(encoding="utf-8")
    assert "python -m workbench.design_words designs/pump-shelf" in readme
    # untranslated: the new design's words show in English, never empty
    assert i18n.design_gettext(cls, "Span", "es") == "Span"


def test_a_check_name_made_at_run_time_is_found_through_its_template() -> None:
    """For the check words' lookup (checks named in a design file are looked up in its catalog
    first): a literal name directly, a name made from an f-string through its template."""
    assert i18n.design_name_gettext("plywood-shelf", "shelf bending", "es") == (
        "flexión de la repisa")
    # the run-time value is a word of the design too when it is marked (N_("side"))
    assert i18n.design_name_gettext("plywood-shelf", "side fits the sheet", "fr") == (
        "le montant tient dans le panneau")
    assert i18n.design_name_gettext("raised-bed", "post bending", "pt") == "flexão (post)"
    # a literal wins over a template it also matches
    assert i18n.design_name_gettext("steel-workbench", "top rail bending (crossbar loads)",
                                    "es") == "flexión del larguero superior (cargas de los travesaños)"
    assert i18n.design_name_gettext("steel-workbench", "top rail deflection (point load)",
                                    "sw") == "kulegea kwa reli ya juu (deflection) (point load)"
    assert i18n.design_name_gettext("raised-bed", "no such check", "es") == "no such check"
    assert i18n.design_name_gettext("raised-bed", "post bending", "en") == "post bending"


def test_the_check_sentences_templates_are_walked_from_the_design_file() -> None:
    """`_words` templates, `_around` prefixes, marked fragments, cannot_run messages and what a
    `missing` check lacks are the design's words too, apart from its check names."""
    shelf = check_messages(ROOT / "designs" / "plywood-shelf" / "design.py")
    assert list(shelf) == [
        "density for {material} (its weight holds it up)", "modulus for {material}",
        "bending strength for {material}",
        "maximum thickness (thickness_max) for the sheet in the stock catalog",
        "maximum thickness (thickness_max) for {stock} in the stock catalog",
        "; the thinnest ({thinnest}) leaves {play} of play",
        "The slots are {slot} wide (cut for a {sheet} sheet + {fit} fit); the catalog's thickest "
        "sheet is {thickest}{loose}. Measure the sheet you bought: a snug fit may need a smaller "
        "fit clearance."]
    assert set(shelf).isdisjoint(check_names(ROOT / "designs" / "plywood-shelf" / "design.py"))
    bench = check_messages(ROOT / "designs" / "steel-workbench" / "design.py")
    assert "Leg {where}: {check}" in bench and all(v == "check message" for v in bench.values())
    assert ("No sideways push is set, so the rail-to-leg welds are checked for the vertical load "
            "only.") in bench
    bed = check_messages(ROOT / "designs" / "raised-bed" / "design.py")
    assert "In {climate}: {check} (the gap between courses)" in bed


# Sentences made by shared workbench checks (workbench/checks) that carry no template yet (their
# words belong to the workbench's own catalog, workbench/locale): none left.
_SHARED_UNTEMPLATED: set[tuple[str, str]] = set()


def _evaluated(name: str) -> list:
    from workbench.context import Context
    from workbench.evaluate import evaluate
    from workbench.variants import find_variant

    if "/" in name:
        v = find_variant(name)
        return list(evaluate(v.design(), v.context()).checks)
    cls, _ = _cls_and_source(name)
    return list(evaluate(cls(), Context()).checks)


def _fields(text: str) -> list[str]:
    import string

    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)


@pytest.mark.parametrize("lang", ("es", "sw"))
@pytest.mark.parametrize("name", [*DESIGNS, "rope-pump/lima-peru"])
def test_every_check_sentence_of_a_design_speaks_the_language(name: str, lang: str) -> None:
    """At the defaults (and the Lima rope pump): each check's sentence rendered in Spanish and in
    Swahili differs from the English, each translated template (and fragment) names exactly the
    English placeholders, and numbers carry the locale's decimal mark (Spanish a comma, Swahili
    a point)."""
    checks = _evaluated(name)
    design = name.partition("/")[0]
    assert checks
    rendered = []
    for c in checks:
        text = c.render("metric", lang)
        words = [q for _, q in c.quantities if isinstance(q, str) and "{" not in q]
        numbers = text
        for word in sorted(words, key=len, reverse=True):  # names from the data ("40 x 3.0 mm")
            numbers = numbers.replace(word, "")
        rendered.append(numbers)
        assert "{" not in text and "}" not in text, (c.name, text)
        if (design, c.name) in _SHARED_UNTEMPLATED:
            assert not c.template
            continue
        assert text != c.message, f"{c.name}: still English: {text}"
        templates = [c.template] + [q for _, q in c.quantities if isinstance(q, str) and "{" in q]
        for template in filter(None, templates):
            if not PLACEHOLDER.sub("", template).strip():
                continue  # a fragment with no words (" {advice}"): nothing to translate
            translated = i18n.translate(template, (*c.domains, i18n.DOMAIN), lang)
            assert translated != template, f"{c.name}: no {lang} for {template!r}"
            assert _fields(translated) == _fields(template), (c.name, translated)
    joined = "\n".join(rendered)
    unit = r"\s?(?:mm|m|N|kN|MPa|kPa|°C|kg|l/min|W|N·m)\b"
    if lang == "es":
        assert not re.search(r"\d\.\d+" + unit, joined), re.findall(r"\d\.\d+" + unit, joined)
        assert re.search(r"\d,\d+" + unit, joined)
    else:
        assert not re.search(r"\d,\d+" + unit, joined), re.findall(r"\d,\d+" + unit, joined)
        assert re.search(r"\d\.\d+" + unit, joined)


def test_a_prefixed_check_keeps_the_shared_sentence_translated() -> None:
    """The leg's "Leg {where}: {check}" around the workbench's buckling sentence: both parts
    come out in Spanish; the English message is as before."""
    leg = next(c for c in _evaluated("steel-workbench") if c.name == "leg buckling")
    assert leg.message.startswith("Leg between the rails: The fixed-fixed sway column carries ")
    es = leg.render("metric", "es")
    assert es.startswith("Pata, entre los largueros: La columna ")
    assert "The " not in es and "carries" not in es
