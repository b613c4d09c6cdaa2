"""A design's own words in the panel (its catalog, designs/NAME/locale): the form's labels, help
tooltips and group titles, the material roles and the title, in the chosen language; values
and parameter names stay as declared."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from babel.messages.pofile import read_po

from workbench import catalog, i18n
from workbench.ui.form import DesignForm

from tests.ui.test_i18n_panel import shown_texts


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_locale("en")


def _design_words_left(texts: list[str], design_id: str, lang: str) -> list[str]:
    """Shown texts that are, whole, an English word of the design's catalog translated there.
    Check names are left out: the checks view looks them up with the check words (branch
    i18n-checks), not here."""
    folder = i18n.design_folder(design_id)
    assert folder is not None
    with open(folder / "locale" / lang / "LC_MESSAGES" / "design.po", "rb") as f:
        po = read_po(f, locale=lang)
    translated = {m.id for m in po if m.id and m.string and m.string != m.id
                  and "check name" not in m.auto_comments}
    return sorted({t for t in texts if t in translated})


def test_form_labels_help_and_groups_in_swahili() -> None:
    design = catalog.get("plywood-shelf")()
    with i18n.using_locale("sw"):
        form = DesignForm(design, lambda d: None)
    width = form.fields["width"]
    assert width.label.value == "Upana"
    assert width.label.tooltip == "Upana wote: urefu wa rafu, pamoja na sehemu zinazotokeza."
    assert width.inputs[0].tooltip == width.label.tooltip  # the slider says it too
    assert form.fields["sheet"].label.value == "Unene wa plywood"
    assert form.fields["push"].label.value == "Msukumo wa pembeni"
    titles = [title.value for title, _members in form._groups]
    assert titles == ["Bidhaa dukani (stock)", "Vipimo", "Viungo", "Umbo", "Mzigo"]
    assert "width" in form.fields and form.design.values["shelves"] == 4  # names stay


def test_choice_labels_translate_and_values_stay() -> None:
    with i18n.using_locale("es"):
        form = DesignForm(catalog.get("bracket")(), lambda d: None)
    make = form.fields["make"].input
    assert list(make.options) == [("Impresa en 3D, una pieza", "printed"),
                                  ("Cortada de triplay", "plywood")]
    assert make.value == "printed"


def test_the_language_switch_relabels_options_and_keeps_the_choice(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    panel = Workbench("bracket", background=False, lang="fr")
    make = panel.form.fields["make"].input
    make.value = "plywood"  # the user's choice: a rebuild as plywood plates
    builds = panel.builds
    assert panel.form.design["make"] == "plywood" and builds >= 2
    panel.context_form.language.value = "pt"
    assert list(make.options) == [("Impressa em 3D, uma peça", "printed"),
                                  ("Cortada de compensado", "plywood")]
    assert make.value == "plywood" and panel.form.design["make"] == "plywood"
    assert panel.builds == builds  # new words, the same design: nothing rebuilt


def test_panel_in_swahili_then_english(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    panel = Workbench("bracket", background=False, lang="sw")
    texts = shown_texts(panel.widget)
    for word in ("Kishikio cha rafu ukutani (bracket)", "Urefu wa mkono", "Vipimo",
                 "Kishikio kilichochapishwa (3D)", "Mabamba ya plywood",
                 "Filamenti ya kishikio cha kipande kimoja"):
        assert word in texts, word
    assert _design_words_left(texts, "bracket", "sw") == []
    panel.context_form.language.value = "en"  # the switch relabels the design's words too
    texts = shown_texts(panel.widget)
    assert "Wall shelf bracket" in texts and "Arm length" in texts and "Printed bracket" in texts
    panel.context_form.language.value = "hi"
    assert _design_words_left(shown_texts(panel.widget), "bracket", "hi") == []
