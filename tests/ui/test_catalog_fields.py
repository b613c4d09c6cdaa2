"""Parameters bound to local stock other than sheets (tubes, sections, pipes) get a dropdown of what
the catalog sells, from the parameter's own `stock_options`; unknown kinds get a text box, never a crash."""

from typing import Any

import pytest

from workbench.design import Design, Part, Process
from workbench.params import Param


def _steel(tmp_path, monkeypatch):
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    return Workbench("steel-workbench", background=False)


def test_tube_dropdown_follows_the_catalog_and_sets_the_design(tmp_path, monkeypatch) -> None:
    from workbench.ui.form import StockField

    panel = _steel(tmp_path, monkeypatch)
    tube = panel.form.fields["tube"]
    assert isinstance(tube, StockField)
    eu = [v for _, v in tube.input.options]
    assert "shs-40x40x3-0" in eu and tube.input.value == panel.design.params()["tube"].to_text(panel.design.tube)
    tube.input.value = "shs-40x40x3-0"
    assert panel.design.tube.id == "shs-40x40x3-0"
    panel.context_form.stock.value = "us-customary"
    # US square HSS is sold as ASTM A500 Grade C, not as the default S235: nothing to offer for it
    assert list(tube.input.options) == []
    assert tube.note.startswith("US customary stock sells no Mild steel S235 ")
    panel.context_form.roles["frame"].value = "steel-a500c"
    us = [v for _, v in tube.input.options]
    # one stock protocol for every kind: the unsold value stays shown, marked, with the same note
    assert all(v.startswith("hss-") for v in us[:-1]) and us[-1] == "__current__"
    assert tube.note == ("SHS 40 x 40 x 3.0 (cold-formed) is not sold in US customary stock; "
                         "pick one it sells")
    tube.input.value = us[0]
    assert panel.design.tube.id == us[0] and tube.note is None


def test_pipe_dropdown_lists_local_pipes(tmp_path, monkeypatch) -> None:
    from workbench.ui import Workbench

    monkeypatch.chdir(tmp_path)
    panel = Workbench("pipe-adapter", background=False)
    field = panel.form.fields["line_pipe"]
    panel.context_form.stock.value = "us-customary"
    labels = [label for label, _ in field.input.options]
    assert any("1.315" in x or "33.4" in x for x in labels)


class Odd(Param):
    kind = "odd"

    def coerce(self, raw: Any) -> str:
        return str(raw).strip().lower()

    def default_value(self) -> str:
        return self.default


class OddDesign(Design):
    id = "odd"
    title = "Odd"
    summary = "A parameter kind the form does not know."
    authors = ("tests",)
    tag = Odd("Tag", "abc")

    def build(self, p: Any, ctx: Any) -> list[Part]:
        from workbench.kernel import cq

        return [Part("block", cq.Workplane().box(10, 10, 10), "printed", Process.PRINT)]


def test_unknown_kinds_get_a_text_box(tmp_path, monkeypatch) -> None:
    from workbench.ui import Workbench
    from workbench.ui.form import TextField

    monkeypatch.chdir(tmp_path)
    panel = Workbench(OddDesign(), background=False)
    field = panel.form.fields["tag"]
    assert isinstance(field, TextField) and field.input.value == "abc"
    field.input.value = "  XYZ "
    assert panel.design.tag == "xyz"
