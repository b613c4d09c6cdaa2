"""Which language the panel speaks when `lang` is not given (issue 17, "Choosing the language"):
explicit `lang=` > Voila's ``?lang=`` > JupyterLab's language setting (reported by the panel's
front-end probe) > LC_ALL/LC_MESSAGES/LANG > English. The browser half of the probe is tested in
tests/browser/test_lab_language.py; here the probe's `lang` is set as its front end sets it."""

from __future__ import annotations

from typing import Any

import pytest

from workbench import i18n
from workbench.errors import UnitError
from workbench.units import Q_, fmt

from .test_i18n_panel import english_left, shown_texts

VOILA = {"SERVER_SOFTWARE": "voila/0.5.13"}


def _panel(tmp_path: Any, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> Any:
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    return Workbench("bracket", background=False, **kw)


def test_front_end_report_turns_the_open_panel_spanish(tmp_path: Any, monkeypatch: Any) -> None:
    panel = _panel(tmp_path, monkeypatch)
    assert "Up to date." in shown_texts(panel.widget)
    builds = panel.builds
    panel.language_probe.lang = "es-ES"  # what JupyterLab set to "es_ES" puts in <html lang>
    texts = shown_texts(panel.widget)
    assert "Actualizado." in texts and "Contexto local" in texts and "Idioma" in texts
    assert english_left(texts, "es") == []
    assert i18n.get_locale() == "es_ES" and panel.context_form.language.value == "es"
    assert i18n.locale_source() is i18n.LocaleSource.FRONT_END
    assert fmt(Q_(2.5, "mm")) == "2,5 mm"
    assert panel.builds == builds  # words change, nothing is rebuilt


def test_front_end_does_not_override_lang(tmp_path: Any, monkeypatch: Any) -> None:
    panel = _panel(tmp_path, monkeypatch, lang="sw")
    panel.language_probe.lang = "es-ES"
    assert i18n.get_locale() == "sw" and panel.context_form.language.value == "sw"
    assert "Imesasishwa." in shown_texts(panel.widget)


def test_front_end_does_not_override_the_switch(tmp_path: Any, monkeypatch: Any) -> None:
    panel = _panel(tmp_path, monkeypatch)
    panel.context_form.language.value = "fr"
    panel.language_probe.lang = "es-ES"
    assert i18n.get_locale() == "fr" and panel.context_form.language.value == "fr"


def test_front_end_wins_over_lang_env(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("LANG", "sw_KE.UTF-8")
    panel = _panel(tmp_path, monkeypatch)
    assert i18n.get_locale() == "sw_KE" and "Imesasishwa." in shown_texts(panel.widget)
    panel.language_probe.lang = "en"  # JupyterLab in English
    assert i18n.get_locale() == "en" and "Up to date." in shown_texts(panel.widget)
    assert panel.context_form.language.value == "en"


def test_front_end_language_the_workbench_does_not_speak_changes_nothing(
    tmp_path: Any, monkeypatch: Any
) -> None:
    panel = _panel(tmp_path, monkeypatch)
    panel.language_probe.lang = "de-DE"
    assert i18n.get_locale() == "en" and i18n.locale_source() is i18n.LocaleSource.ENVIRONMENT
    assert "Up to date." in shown_texts(panel.widget)


def test_lang_env_when_nothing_else_chose(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("LANG", "es_PE.UTF-8")
    panel = _panel(tmp_path, monkeypatch)
    assert i18n.get_locale() == "es_PE" and panel.context_form.language.value == "es"
    assert "Verificaciones" in shown_texts(panel.widget)


def test_voila_query_chooses_and_beats_env_and_front_end(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    for k, v in {**VOILA, "QUERY_STRING": "token=abc&lang=sw"}.items():
        monkeypatch.setenv(k, v)
    panel = _panel(tmp_path, monkeypatch)
    assert i18n.get_locale() == "sw" and i18n.locale_source() is i18n.LocaleSource.VOILA_QUERY
    panel.language_probe.lang = "es-ES"
    assert i18n.get_locale() == "sw"
    assert english_left(shown_texts(panel.widget), "sw") == []


def test_lang_beats_voila_query(tmp_path: Any, monkeypatch: Any) -> None:
    for k, v in {**VOILA, "QUERY_STRING": "lang=sw"}.items():
        monkeypatch.setenv(k, v)
    _panel(tmp_path, monkeypatch, lang="fr")
    assert i18n.get_locale() == "fr"


def test_voila_query_parsing() -> None:
    assert i18n.voila_query_locale({**VOILA, "QUERY_STRING": "lang=pt-BR"}) == "pt_BR"
    assert i18n.voila_query_locale({**VOILA, "QUERY_STRING": "token=t"}) is None
    # outside Voila a QUERY_STRING (a CGI parent, say) is not the page's address
    assert i18n.voila_query_locale({"QUERY_STRING": "lang=sw"}) is None
    with pytest.raises(UnitError) as err:
        i18n.voila_query_locale({**VOILA, "QUERY_STRING": "lang=xx"})
    assert str(err.value) == (
        'page address "?lang=xx": not a known language (e.g. en, es, fr, pt, sw, hi, pt_BR, sw_KE)'
    )


def test_front_end_tags() -> None:
    assert i18n.front_end_locale("es-ES") == "es_ES"
    assert i18n.front_end_locale("sw") == "sw"
    assert i18n.front_end_locale("pt-BR") == "pt_BR"
    assert i18n.front_end_locale("de-DE") is None
    assert i18n.front_end_locale("") is None


def test_offer_never_replaces_a_stronger_choice() -> None:
    i18n.set_locale("fr")
    assert i18n.offer_locale("es", i18n.LocaleSource.FRONT_END) is False
    assert i18n.get_locale() == "fr" and i18n.locale_source() is i18n.LocaleSource.EXPLICIT
    i18n.set_locale("en", i18n.LocaleSource.ENVIRONMENT)
    assert i18n.offer_locale("es", i18n.LocaleSource.FRONT_END) is True
    assert i18n.get_locale() == "es"
