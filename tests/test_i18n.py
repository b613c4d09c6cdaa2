"""The workbench's catalogs (workbench/locale): complete, compiled, current, and English when a
translation is missing; the command line in the language of --lang or of the environment."""

from __future__ import annotations

import gettext
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import workbench
from workbench import i18n
from workbench.errors import UnitError

ROOT = Path(workbench.__file__).resolve().parent.parent
SHIPPED = ("es", "fr", "pt", "sw", "hi")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _po(lang: str) -> Catalog:
    with open(i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "workbench.po", "rb") as f:
        return read_po(f, locale=lang)


def _source_messages() -> set[str]:
    """The message ids of the `_()` calls in the package, extracted as `make translations` does."""
    method_map = [("workbench/**.py", "python")]
    found = extract_from_dir(str(ROOT), method_map=method_map)
    return {msg if isinstance(msg, str) else msg[0] for _f, _l, msg, _c, _x in found}


def test_the_shipped_languages_are_the_catalogs_on_disk() -> None:
    on_disk = {p.parent.parent.name for p in i18n.LOCALE_DIR.glob("*/LC_MESSAGES/workbench.po")}
    assert on_disk == set(SHIPPED) == set(i18n.LANGUAGES) - {"en"}


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_of_the_code_has_a_translation(lang: str) -> None:
    """A message added to the code without `make translations` and a translator fails here."""
    source = _source_messages()
    assert len(source) >= 80  # the panel's words and the CLI's help lines of this slice
    po = {m.id: m for m in _po(lang) if m.id}
    missing = sorted(source - po.keys())
    untranslated = sorted(i for i in source & po.keys() if not po[i].string or po[i].fuzzy)
    assert not missing, f"{lang}: not in the .po (run make translations): {missing}"
    assert not untranslated, f"{lang}: no translation: {untranslated}"
    broken = sorted(i for i in source if set(PLACEHOLDER.findall(i)) !=
                    set(PLACEHOLDER.findall(po[i].string)))
    assert not broken, f"{lang}: placeholders differ from the English: {broken}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_command_help_renders_in_the_language(lang: str, capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    """argparse formats help with %: a stray % in a translation would crash `--help`."""
    from workbench.cli import build_parser

    with i18n.using_locale(lang):
        parser = build_parser()
        parser.format_help()
        subs = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore
        for name, sub in subs.items():
            text = sub.format_help()
            assert "usage:" in text, name


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_compiled_catalog_matches_its_po(lang: str) -> None:
    """The .mo files are committed (an editable install needs no build step): they must hold
    exactly the .po's translations, or `make translations` was not run after an edit."""
    mo_path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "workbench.mo"
    with open(mo_path, "rb") as f:
        shipped = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    expected = {m.id: m.string for m in _po(lang) if m.id and m.string and not m.fuzzy}
    assert {k: v for k, v in shipped.items() if k} == expected


def test_words_follow_the_locale_and_its_region() -> None:
    with i18n.using_locale("es"):
        assert i18n._("Up to date.") == "Actualizado."
    with i18n.using_locale("sw_KE"):  # Kenya's Swahili: the "sw" catalog, Kenyan numbers
        assert i18n._("Workshop") == "Karakana"
    with i18n.using_locale("pt_BR"):
        assert i18n._("Stock catalog") == "Catálogo de estoque"
    assert i18n._("Up to date.") == "Up to date."  # the default stays English


def test_units_and_words_share_one_setting() -> None:
    from workbench.units import Q_, fmt, get_locale, using_locale

    with using_locale("fr"):
        assert i18n.get_locale() == get_locale() == "fr"
        assert i18n._("Climate") == "Climat"
        assert fmt(Q_(18.5, "mm")) == "18,5 mm"


def test_a_missing_translation_is_english_never_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An untranslated entry (empty msgstr), an unknown message and a language without a
    catalog all give the English message id."""
    cat = Catalog(locale="es", domain="workbench")
    cat.add("Up to date.", "Al día.")
    cat.add("Building…", "")  # in the .po, not yet translated
    (tmp_path / "es" / "LC_MESSAGES").mkdir(parents=True)
    with open(tmp_path / "es" / "LC_MESSAGES" / "workbench.mo", "wb") as f:
        write_mo(f, cat)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._catalog.cache_clear()
    try:
        with i18n.using_locale("es"):
            assert i18n._("Up to date.") == "Al día."
            assert i18n._("Building…") == "Building…"
            assert i18n._("A sentence no catalog has.") == "A sentence no catalog has."
        with i18n.using_locale("de"):  # a known locale the workbench has no catalog for
            assert i18n._("Up to date.") == "Up to date."
    finally:
        i18n._catalog.cache_clear()


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "sw_KE.UTF-8"}, "sw_KE"),
    ({"LANG": "es_PE.UTF-8", "LC_MESSAGES": "fr_SN.UTF-8"}, "fr_SN"),
    ({"LANG": "es_PE.UTF-8", "LC_MESSAGES": "fr_SN", "LC_ALL": "hi_IN.UTF-8"}, "hi_IN"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "xx_YY.UTF-8"}, "en"),
    ({}, "en"),
])
def test_locale_from_environment(env: dict[str, str], expected: str) -> None:
    assert i18n.locale_from_environment(env) == expected


def test_an_unknown_locale_is_refused_naming_the_allowed() -> None:
    with pytest.raises(UnitError, match=r'locale: "xx" is not a known locale \(e\.g\. en, es'):
        i18n.set_locale("xx")


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    full.update(env, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                          text=True, env=full, timeout=120)


def test_cli_help_in_the_language_of_lang_option() -> None:
    out = _cli("--lang", "es", "--help")
    assert out.returncode == 0, out.stderr
    assert "Adapta, verifica y exporta diseños paramétricos abiertos." in out.stdout
    assert re.search(r"^\s+list\s+lista los diseños$", out.stdout, re.M)
    assert "list the designs" not in out.stdout


def test_cli_help_in_the_language_of_the_environment() -> None:
    out = _cli("--help", LANG="sw_KE.UTF-8")
    assert out.returncode == 0, out.stderr
    assert re.search(r"^\s+list\s+orodha ya michoro \(designs\)$", out.stdout, re.M)
    sub = _cli("check", "--help", LC_ALL="hi_IN.UTF-8", LANG="en_US.UTF-8")
    assert re.search(r"--climate NAME\s+जलवायु प्रोफ़ाइल", sub.stdout)


def test_cli_lang_option_wins_over_the_environment_and_default_is_english() -> None:
    out = _cli("--lang", "fr", "--help", LANG="es_ES.UTF-8")
    assert re.search(r"^\s+list\s+liste les modèles$", out.stdout, re.M)
    assert re.search(r"^\s+list\s+list the designs$", _cli("--help").stdout, re.M)


def test_cli_unknown_lang_is_one_error_line() -> None:
    out = _cli("--lang", "xx", "list")
    assert out.returncode == 2
    assert out.stderr == ('workbench: error: locale: "xx" is not a known locale '
                          "(e.g. en, es, fr, pt_BR, sw, hi)\n")


def test_cli_main_leaves_the_session_locale_alone() -> None:
    """In-process runs (tests, notebooks calling main) do not change the session's language."""
    from workbench.cli import main

    with pytest.raises(SystemExit):
        main(["--lang", "es", "--help"])
    assert i18n.get_locale() == "en"
