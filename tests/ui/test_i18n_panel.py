"""The panel in another language: `Workbench(..., lang=)` and the language switch beside the
unit switch show no English word of the catalog where the catalog has a translation."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any, Iterator

import ipywidgets as widgets
import pytest
from babel.messages.pofile import read_po

from workbench import i18n
from workbench.units import Q_, fmt


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_locale("en")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.parts.append(data.strip())


def shown_texts(w: Any) -> list[str]:
    """Every text a widget tree shows: descriptions, tooltips, placeholders, option labels,
    string values and the text nodes of HTML values (an Output's HTML too)."""
    out: list[str] = []
    for attr in ("description", "tooltip", "placeholder"):
        v = getattr(w, attr, None)
        if isinstance(v, str) and v:
            out.append(v)
    if isinstance(w, (widgets.HTML, widgets.HTMLMath)):
        p = _Text()
        p.feed(w.value)
        out += p.parts
    elif isinstance(getattr(w, "value", None), str) and w.value:
        out.append(w.value)
    for label in getattr(w, "_options_labels", ()):
        out.append(label)
    for child in getattr(w, "children", ()):
        out += shown_texts(child)
    return out


def english_left(texts: list[str], lang: str) -> list[str]:
    """The texts that are, whole, an English message id whose translation differs from it."""
    with open(i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "workbench.po", "rb") as f:
        catalog = read_po(f, locale=lang)
    translated = {m.id for m in catalog if m.id and m.string and m.string != m.id}
    return sorted({t for t in texts if t in translated})


def test_the_default_panel_is_english(panel: Any) -> None:
    texts = shown_texts(panel.widget)
    assert "Up to date." in texts and "Local context" in texts and "Checks" in texts
    assert panel.context_form.language.value == "en"


def test_panel_opened_in_spanish_shows_no_english_catalog_word(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    panel = Workbench("bracket", background=False, lang="es")
    texts = shown_texts(panel.widget)
    # the words are Spanish...
    for word in ("Actualizado.", "Contexto local", "Verificaciones", "Exportar", "Carpeta",
                 "Taller", "Clima", "Unidades", "Idioma", "De vuelta al procomún",
                 "Guardar como variante", "Compartir", "el diseño tal como se publicó"):
        assert word in texts, word
    assert panel.context_form.language.value == "es"
    # ...and none of the catalog's English ones is left
    assert english_left(texts, "es") == []
    # one setting for words and numbers: Spanish decimal comma
    assert i18n.get_locale() == "es" and fmt(Q_(2.5, "mm")) == "2,5 mm"


@pytest.mark.parametrize("lang", ["fr", "pt", "sw", "hi"])
def test_the_language_switch_relabels_the_panel(panel: Any, lang: str) -> None:
    builds = panel.builds
    assert english_left(shown_texts(panel.widget), lang) != []  # English before the switch
    panel.context_form.language.value = lang
    texts = shown_texts(panel.widget)
    assert english_left(texts, lang) == []
    assert i18n.get_locale() == lang
    assert i18n._("Up to date.") in texts
    assert panel.builds == builds  # words change, nothing is rebuilt
    assert panel.context_form.units.value == "metric"  # the unit switch kept its choice
    panel.context_form.language.value = "en"
    assert "Up to date." in shown_texts(panel.widget)


def test_wb_open_takes_lang(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench as wb

    monkeypatch.chdir(tmp_path)
    panel = wb.open("bracket", lang="sw_KE")
    panel.wait()
    assert i18n.get_locale() == "sw_KE"
    assert panel.context_form.language.value == "sw"
    texts = shown_texts(panel.widget)
    assert "Karakana" in texts and english_left(texts, "sw") == []
