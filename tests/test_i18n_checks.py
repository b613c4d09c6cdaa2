"""Checks, errors, the report and the command line in the reader's language: check sentences are
templates looked up in the catalogs and filled with numbers in the reader's units and decimal
mark; names stay English in JSON; a design's own catalog is asked first (`i18n.translate`)."""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import workbench
from workbench import i18n
from workbench.checks import beams, sections
from workbench.checks.result import CheckResult, Status, status_word, unverified_note
from workbench.context import Context
from workbench.units import Q_

ROOT = Path(workbench.__file__).resolve().parent.parent
SHIPPED = ("es", "fr", "pt", "sw", "hi")


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    """Every replacement field with its format spec and conversion, in a sorted list."""
    return sorted((f, spec or "", conv) for _, f, spec, conv in string.Formatter().parse(text)
                  if f is not None)


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_translation_has_exactly_the_english_placeholders(lang: str) -> None:
    """A translated template must name the same fields, each as often, with the same format
    spec: else `render` or `.format` would raise or drop a number."""
    with open(i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "workbench.po", "rb") as f:
        cat = read_po(f, locale=lang)
    broken = [m.id for m in cat if m.id and m.string and _fields(m.id) != _fields(m.string)]
    assert not broken, f"{lang}: {broken}"
    assert sum(1 for m in cat if m.id and "{" in m.id) >= 100  # the check and report templates


def _beam() -> CheckResult:
    # σ = M/W: M = P·L/4 = 1000 N × 1000 mm / 4 = 250 000 N·mm; W = b·h²/6 = 100 × 20² / 6 =
    # 6666.7 mm³ → σ = 37.5 MPa (Roark's Formulas, 8th ed., Table 8.1 case 1e).
    return beams.bending_stress_check(Q_(1000, "mm"), Q_(1000, "N"),
                                      sections.rectangle(Q_(100, "mm"), Q_(20, "mm")),
                                      Q_(50, "MPa"))


def test_english_render_is_the_message_itself() -> None:
    c = _beam()
    assert c.message == ("The simply supported beam is stressed to 37.5 MPa under 1 kN at "
                         "mid-span; the material allows 50 MPa.")
    assert c.render("metric", "en") == c.message
    assert c.label("en") == "bending stress"


EXPECTED_METRIC = {
    "es": "La viga simplemente apoyada trabaja a 37,5 MPa bajo 1000 N en el centro del vano; "
          "el material admite 50 MPa.",
    "fr": "La poutre sur deux appuis est sollicitée à 37,5 MPa sous 1000 N à mi-portée ; "
          "le matériau admet 50 MPa.",
    "pt": "A viga biapoiada é solicitada a 37,5 MPa sob 1000 N no meio do vão; o material "
          "admite 50 MPa.",
    "sw": "Boriti iliyoegemezwa ncha mbili (simply supported) inabeba mkazo wa 37.5 MPa chini "
          "ya 1000 N katikati ya urefu; malighafi inaruhusu 50 MPa.",
    "hi": "सरल आधारित (simply supported) बीम में बीच में 1000 N के नीचे 37.5 MPa का प्रतिबल आता "
          "है; सामग्री 50 MPa तक सह सकती है।",
}
LABELS = {"es": "tensión de flexión", "fr": "contrainte de flexion", "pt": "tensão de flexão",
          "sw": "mkazo wa kupinda", "hi": "बंकन प्रतिबल"}


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_check_renders_in_each_language_with_no_english_left(lang: str) -> None:
    """Metric: the translated template with the locale's decimal mark (Swahili and Hindi write a
    point). Imperial: 37.5 MPa = 5439 psi, 50 MPa = 7252 psi (× 145.04 psi/MPa), 1000 N =
    224.8 lbf (÷ 4.448 N/lbf), in the same sentence."""
    c = _beam()
    metric = c.render("metric", lang)
    assert metric == EXPECTED_METRIC[lang]
    imperial = c.render("imperial", lang)
    comma = lang in ("es", "fr", "pt")
    for number in ("5439 psi", "224.8 lbf", "7252 psi"):
        assert (number.replace(".", ",") if comma else number) in imperial
    assert "MPa" not in imperial
    english = ("beam is stressed", "the material allows", "under", "mid-span")
    assert not [w for w in english if w in metric + imperial]
    assert c.label(lang) == LABELS[lang]
    with i18n.using_locale(lang):  # the current language is the default
        assert c.render("metric") == metric and c.label() == LABELS[lang]


def test_words_filled_into_a_template_are_translated_too() -> None:
    """A cantilever's point load: support word and load fragment come from the catalog."""
    c = beams.bending_stress_check(Q_(500, "mm"), Q_(100, "N"),
                                   sections.rectangle(Q_(50, "mm"), Q_(10, "mm")), Q_(20, "MPa"),
                                   support="cantilever")
    # M = P·L = 50 000 N·mm; W = 50 × 10² / 6 = 833.3 mm³ → σ = 60 MPa (> 20 MPa: fails).
    assert c.status is Status.FAIL
    assert c.render("metric", "es") == ("La viga en voladizo trabaja a 60 MPa bajo 100 N en la "
                                        "punta; el material admite 20 MPa.")
    assert c.render("metric", "fr").startswith("La poutre en porte-à-faux est sollicitée à 60 MPa "
                                               "sous 100 N à l'extrémité ;")


def test_a_check_that_cannot_run_speaks_the_language() -> None:
    c = CheckResult.missing("tip-over", "a density for Birch plywood")
    assert c.render("metric", "en") == c.message == (
        "This check cannot run: the data has no density for Birch plywood; add it (with its "
        "source) to materials/.")
    assert c.render("metric", "es") == (
        "Esta verificación no puede ejecutarse: los datos no tienen density for Birch plywood; "
        "añádalo (con su fuente) a materials/.")
    assert c.label("sw") == "kuanguka"
    with i18n.using_locale("fr"):
        assert unverified_note([c]) == (
            "Non vérifié : des vérifications porteuses n'ont pas pu être faites : basculement "
            "(il manque density for Birch plywood).")
    assert unverified_note([c]) == ("Not verified: load-bearing checks could not run: tip-over "
                                    "(needs density for Birch plywood).")


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("pass", "warn", "fail", "unverified")),
    ("es", ("pasa", "aviso", "falla", "sin verificar")),
    ("hi", ("पास", "चेतावनी", "फ़ेल", "असत्यापित")),
])
def test_status_words(lang: str, words: tuple[str, ...]) -> None:
    assert tuple(status_word(s, lang) for s in ("pass", "warn", Status.FAIL, "unverified")) == words


def test_a_design_catalog_is_asked_first_then_the_workbench(tmp_path: Path) -> None:
    """`translate(message, domains)`: the first catalog that has the message wins; a domain
    nobody registered is skipped; English when none has it."""
    cat = Catalog(locale="es", domain="design")
    cat.add("tip-over", "vuelco de la repisa")
    cat.add("shelf deflection", "flecha del estante")
    (tmp_path / "es" / "LC_MESSAGES").mkdir(parents=True)
    with open(tmp_path / "es" / "LC_MESSAGES" / "design.mo", "wb") as f:
        write_mo(f, cat)
    own = i18n.design_domain("test-shelf")
    i18n.register_catalog(own, tmp_path, "design")
    try:
        both = (own, i18n.DOMAIN)
        assert i18n.translate("tip-over", both, "es") == "vuelco de la repisa"
        assert i18n.translate("tip-over", (i18n.DOMAIN,), "es") == "vuelco"
        assert i18n.translate("bending stress", both, "es") == "tensión de flexión"
        assert i18n.translate("no catalog has this", both, "es") == "no catalog has this"
        assert i18n.translate("tip-over", ("design:unregistered", i18n.DOMAIN), "es") == "vuelco"
        assert i18n.translate("tip-over", both, "en") == "tip-over"
        c = CheckResult.missing("shelf deflection", "a modulus").in_domains(own)
        assert c.label("es") == "flecha del estante" and c.name == "shelf deflection"
        assert c.label("fr") == "shelf deflection"  # no French design catalog, none in workbench
    finally:
        i18n._CATALOGS.pop(own, None)
        i18n._domain_catalog.cache_clear()


def test_evaluation_stamps_design_checks_with_the_design_catalog() -> None:
    ev = workbench.evaluate(workbench.design("plywood-shelf"), build=False)
    own = i18n.design_domain("plywood-shelf")
    assert ev.checks and all(c.domains == (own,) for c in ev.checks)


def test_the_report_in_spanish() -> None:
    from workbench.report import html_report, markdown_report

    ev = workbench.evaluate(workbench.design("bracket"))
    with i18n.using_locale("es"):
        text = markdown_report(ev, "metric")
        page = html_report(ev, "metric")
    assert text.startswith("# Informe de verificación: ")
    assert "Veredicto: " in text and "## Contexto usado" in text and "## Verificaciones" in text
    assert "| estado | verificación | utilización | valor | límite |" in text
    assert "qué significa: La viga en voladizo trabaja a 6,656 MPa bajo 100 N en la punta" in text
    for english in ("what it means", "Check report", "Verdict:", "stressed to", "reference:"):
        assert english not in text
    assert '<html lang="es">' in page and '<td class="pass">pasa</td>' in page
    assert "6.66 MPa" in markdown_report(ev, "metric")  # the default stays English


# -- the command line, in a subprocess as a user runs it -----------------------------------------

def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    full.update(env, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                          text=True, env=full, timeout=300)


CHECK_WORDS = {  # the table head, the bracket's arm bending sentence and the verdict line
    "es": ("estado  verificación", "La viga en voladizo trabaja a 6,656 MPa", "veredicto: "),
    "fr": ("état", "La poutre en porte-à-faux est sollicitée à 6,656 MPa", "verdict : "),
    "pt": ("estado", "A viga em balanço é solicitada a 6,656 MPa", "veredito: "),
    "sw": ("hali", "Boriti ya kuning'inia (cantilever) inabeba mkazo wa 6.656 MPa", "uamuzi: "),
    "hi": ("स्थिति", "कैंटिलीवर बीम में सिरे पर 100 N के नीचे 6.656 MPa का प्रतिबल आता है", "निर्णय: "),
}


@pytest.mark.parametrize("lang", SHIPPED)
def test_cli_check_in_each_language(lang: str) -> None:
    out = _cli("--lang", lang, "check", "bracket")
    assert out.returncode == 0, out.stderr
    head, sentence, verdict = CHECK_WORDS[lang]
    assert head in out.stdout and sentence in out.stdout and verdict in out.stdout
    assert "stressed to" not in out.stdout and "verdict: " not in out.stdout.replace(verdict, "")


def test_cli_check_follows_lang_and_json_keeps_english_keys() -> None:
    out = _cli("check", "bracket", LANG="es_ES.UTF-8")
    assert "La viga en voladizo trabaja a 6,656 MPa" in out.stdout, out.stderr
    data = json.loads(_cli("--lang", "es", "check", "bracket", "--json").stdout)
    names = [c["name"] for c in data["checks"]]
    assert "arm bending" in names and data["status"] in ("pass", "warn", "fail", "unverified")
    bending = next(c for c in data["checks"] if c["name"] == "arm bending")
    assert bending["message"].startswith("The cantilever beam is stressed to")


ERRORS = {
    "es": "workbench: error: diseño desconocido 'no-such'; conocidos: ",
    "fr": "workbench: error: modèle inconnu 'no-such' ; connus : ",
    "pt": "workbench: error: projeto desconhecido 'no-such'; conhecidos: ",
    "sw": "workbench: error: mchoro (design) usiojulikana 'no-such'; inayojulikana: ",
    "hi": "workbench: error: अज्ञात डिज़ाइन 'no-such'; ज्ञात: ",
}


@pytest.mark.parametrize("lang", SHIPPED)
def test_cli_error_in_each_language(lang: str) -> None:
    out = _cli("--lang", lang, "show", "no-such")
    assert out.returncode == 2
    assert out.stderr.startswith(ERRORS[lang]) and "bracket" in out.stderr
    assert out.stderr.count("\n") == 1


def test_cli_errors_follow_the_environment() -> None:
    out = _cli("check", "bracket", "--set", "arm=5 kg", LANG="es_ES.UTF-8")
    assert out.returncode == 2
    assert re.search(r"arm: \"5 kg\" es una masa, se esperaba una longitud \(p\. ej\. 18 mm",
                     out.stderr), out.stderr
    bad = _cli("check", "bracket", "--set", "arm=99999 mm", LANG="fr_SN.UTF-8")
    assert bad.stderr == ("workbench: error: arm : 99999 mm est hors limites ; autorisé de 60 "
                          "à 400 mm\n")
    unknown = _cli("--lang", "pt", "check", "bracket", "--set", "arm_length=1 mm")
    assert unknown.stderr.startswith(
        "workbench: error: bracket: parâmetro desconhecido 'arm_length'; conhecidos: make, arm,")


def test_a_prefix_around_a_shared_check_keeps_both_parts() -> None:
    """`_around`: the English message is the prefix around the check's own; the check's template
    rides along as the fragment ``check`` (translated from the workbench catalog); a name the
    check already uses, or a template without ``{check}``, is refused."""
    from workbench.checks._common import _amount, _around

    c = _beam()
    wrapped = _around(c, "Shelf {n}, {gap} gap: {check}", n=2, gap=_amount(1.5, "mm"))
    assert wrapped.message == "Shelf 2, 1.5 mm gap: " + c.message
    assert dict(wrapped.quantities)["check"] == c.template
    assert wrapped.render("metric", "es") == "Shelf 2, 1,5 mm gap: " + EXPECTED_METRIC["es"]
    with pytest.raises(KeyError, match="stress"):
        _around(c, "{stress}: {check}", stress="x")
    with pytest.raises(KeyError, match="check"):
        _around(c, "Shelf {n}", n=2)
    assert f"{_amount(63.04, 'MPa', 1):~P}" == "63.0 MPa" and f"{_amount(18.0, 'kN/m**3'):~P}" == (
        "18 kN/m³")


def test_durability_and_stock_sentences_follow_the_language() -> None:
    from workbench.checks.durability import ground_contact_warning, uv_warning

    uv = uv_warning("PLA")
    assert uv.render("metric", "es") == (
        "Al sol, la luz ultravioleta vuelve quebradizo el PLA en meses o años si no está "
        "estabilizado contra UV: imprímelo en un filamento estable a UV (ASA), píntalo o ponlo a "
        "la sombra.")
    assert uv.render("metric", "en") == uv.message
    ground = ground_contact_warning("The posts")
    # the default material word is translated too
    assert ground.render("metric", "sw").startswith(
        "The posts: daraja la matumizi 4 (use class, EN 335). Bila kutibiwa, mbao yenye")
    assert ground.message.startswith("The posts: use class 4 (EN 335). Untreated timber")


def test_what_a_place_does_not_sell_is_said_in_the_language() -> None:
    """The failing "sold locally" check of a design opened where its sheet is not sold (the
    shelf in Peru): its name follows the parameter's label in the design's catalog, its
    sentence the workbench's template with the plural noun translated; the English and the
    key stay as they were. The strict error (a refused resolve) speaks the language too."""
    from workbench.errors import BoundsError

    ev = workbench.evaluate(workbench.design("plywood-shelf"), Context(stock="peru"),
                            lenient=True)
    sold = next(c for c in ev.checks if c.name == "sold locally: sheet")
    assert sold.message.startswith("18 mm birch plywood is not sold in peru stock; it sells no "
                                   "birch plywood sheets, only: Triplay 4 mm (4' x 8') (triplay)")
    assert sold.label("en") == "sold locally: Plywood thickness"
    assert sold.label("es") == "se vende aquí: Espesor del triplay"
    es = sold.render("metric", "es")
    assert " de 18 mm no se vende en el stock peru; no vende tableros de " in es
    assert ", solo: Triplay 4 mm (4' x 8') (triplay)" in es
    sw = sold.render("metric", "sw")
    assert " ya 18 mm haiuzwi kwenye bidhaa za dukani za peru; hakuna mbao (sheets) za " in sw
    with i18n.using_locale("es"), pytest.raises(BoundsError) as err:
        workbench.evaluate(workbench.design("plywood-shelf"), Context(stock="peru"))
    assert str(err.value).startswith("sheet: ") and "no se vende en el stock peru" in str(err.value)


def test_an_adaptation_is_proposed_in_the_language() -> None:
    """The shelf adapted to Peru, in Spanish: the verdict word, the reason of each change (its
    template and words: "contrachapado", "misma familia"), the checks' names and status, the
    utilisation with a decimal comma and what a check lacks; the panel's proposal names the
    change by the role's label. `why` itself stays English (variant files keep it)."""
    from workbench.adapt import adapt
    from workbench.ui.commons_view import proposal_html

    a = adapt(workbench.design("plywood-shelf"), Context(stock="peru"))
    change = a.changes[0]
    assert change.why.startswith("Birch plywood is not sold in Peru (Lima) stock; local plywood "
                                 "(same family): Triplay")
    with i18n.using_locale("es"):
        text = a.report()
        html = proposal_html(a)
        said = change.said()
    assert text.startswith("plywood-shelf para stock peru, clima temperate-oceanic: adaptado, "
                           "sin verificar, 1 cambio(s)")
    # the data's names too (materials/locale): the material, the catalog, the pick
    assert said == ("Contrachapado de abedul (triplay) no se vende en el stock Perú (Lima); "
                    "contrachapado local (misma familia): Triplay (contrachapado peruano de madera "
                    "tropical: lupuna, copaiba)")
    assert "  flecha de la repisa: pasa 0,59 -> no puede ejecutarse (necesita módulo de " \
           "elasticidad de Triplay" in text
    assert "Proposal" not in html and "adaptado, sin verificar" in html
    assert "<td>Planchas de triplay</td>" in html and "<td>flecha de la repisa</td>" in html
    assert "pasa 0,59 →" in html
    assert "adapted-but-unverified" in a.report()  # English stays English
