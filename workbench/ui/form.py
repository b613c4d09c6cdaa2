"""Parameter → widget mapping: one field per declared parameter, grouped as the design declares.

Each field turns what the user did into a *raw* value and hands it to `submit(name, raw)`, which
returns the one-line refusal (or None). Nothing is validated here: `Param.coerce` and
`Design.evolve` decide. Sliders never clamp a value: they are only moved by the form, with their
range widened to hold the value, and a refused text never reaches them. Sliders report their value
while they are dragged; the form marks such changes `live` so the panel can follow them with a
checks-only evaluation and build the geometry once the slider rests.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from html import escape
from typing import TYPE_CHECKING, Any, Callable, Iterator

import ipywidgets as widgets

from workbench.errors import WorkbenchError
from workbench.i18n import _, data_gettext, design_gettext
from workbench.params import Choice, Count, Flag, Param, _Numeric
from workbench.stockparams import StockBound, StockThickness
from workbench.units import UnitSystem, fmt, get_inch_fraction
from workbench.ui import words

if TYPE_CHECKING:
    import pint

    from workbench.context import Context, StockItem
    from workbench.design import Design

Submit = Callable[[str, Any], "str | None"]
"""Called with a parameter name and a raw value; returns the refusal message or None."""

LABEL_WIDTH = "11em"


def design_word(design: Any, text: str) -> str:
    """A word `design` (its class) declares, in the current language: its catalog, then the
    workbench's, then the English (`workbench.i18n.design_gettext`); as declared without a class."""
    if not text or design is None:
        return text
    return design_gettext(design, text)


def _error_html(message: str | None, css: str = "wb-error") -> str:
    return f'<span class="{css}">{escape(message, quote=False)}</span>' if message else ""


class Field:
    """One parameter's row: label, input widget(s) and the line for its refusal or note."""

    def __init__(self, param: Param, submit: Submit, design: Any = None) -> None:
        self.param = param
        self.design_cls = design
        """The design class whose catalog holds the label and help (None: shown as declared)."""
        self.name = param.name
        self._submit_raw = submit
        self._syncing = False
        self.live = False
        """True while a value from a slider that may still be moving is submitted."""
        self.error: str | None = None
        """The refusal of the user's last input for this field, None once a value is accepted."""
        self.note: str | None = None
        """Information about the shown value (e.g. not sold in this catalog), set by `sync`."""
        self.message = widgets.HTML("")
        self.message.add_class("wb-field-message")
        # relabelled when the language changes (`words.relabel`); the callables hold the class
        # and the parameter, not the field, so a dropped panel's widgets are not kept alive
        self.label = widgets.HTML("")
        words.put(self.label, "value", lambda: escape(design_word(design, param.label)))
        words.put(self.label, "tooltip", lambda: design_word(design, param.help) or None)
        self.label.layout.min_width = LABEL_WIDTH
        self.label.add_class("wb-label")
        self.inputs: list[widgets.DOMWidget] = self._make_inputs()
        for w in self.inputs:
            words.put(w, "tooltip", lambda: design_word(design, param.help) or None)
        self.box = widgets.VBox([widgets.HBox([self.label, *self.inputs]), self.message])
        self.box.add_class(f"wb-field-{self.name}")

    def word(self, text: str) -> str:
        """A word the design declares, in the current language (`design_word`)."""
        return design_word(self.design_cls, text)

    # -- for subclasses --------------------------------------------------------------------------
    def _make_inputs(self) -> list[widgets.DOMWidget]:
        raise NotImplementedError

    def _show(self, value: Any, design: "Design", ctx: "Context", system: UnitSystem) -> None:
        raise NotImplementedError

    # -- shared ----------------------------------------------------------------------------------
    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Set widget values without treating the change as user input."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def _submit(self, raw: Any) -> None:
        if self._syncing:
            return
        self.error = self._submit_raw(self.name, raw)
        self._render_message()

    def _submit_live(self, raw: Any) -> None:
        """A value from a slider that may still be moving (see `DesignForm.live`)."""
        self.live = True
        try:
            self._submit(raw)
        finally:
            self.live = False

    def _render_message(self) -> None:
        if self.error:
            self.message.value = _error_html(self.error)
        else:
            self.message.value = _error_html(self.note, "wb-note")

    def sync(self, design: "Design", ctx: "Context", system: UnitSystem) -> None:
        """Show `design`'s value (kept as typed while a refusal stands) and apply the rules."""
        visible = self.param.is_visible(design)
        self.box.layout.display = None if visible else "none"
        enabled = self.param.is_enabled(design)
        for w in self.inputs:
            w.disabled = not enabled
        with self._quiet():
            self._show(design[self.name], design, ctx, system)
        self._render_message()

    def clear_error(self) -> None:
        self.error = None
        self._render_message()


class NumericField(Field):
    """A quantity: a slider over the soft range plus a text box that takes any unit."""

    param: _Numeric

    def _make_inputs(self) -> list[widgets.DOMWidget]:
        p = self.param
        lo, hi = p.slider_range
        self._step = float(p.step) if p.step else (hi - lo) / 100.0
        self._current = float(p.default)
        self.slider = widgets.FloatSlider(
            min=lo, max=hi, step=self._step, value=float(p.default),
            readout=False, continuous_update=True, layout=widgets.Layout(width="13em"),
        )
        self.text = widgets.Text(
            value="", continuous_update=False, placeholder=f"e.g. {p.describe_default()}",
            layout=widgets.Layout(width="9em"),
        )
        self.slider.observe(self._on_slider, "value")
        self.text.observe(self._on_text, "value")
        return [self.slider, self.text]

    def _on_text(self, change: dict[str, Any]) -> None:
        self._submit(change["new"])

    def _on_slider(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        # A move of less than half a step is the browser snapping a value typed between two
        # steps (19.05 mm on a 1 mm grid) back to the grid, not the user: keep the typed value.
        if abs(change["new"] - self._current) < self._step / 2 - 1e-9:
            return
        self._submit_live(change["new"])

    def _show(
        self, value: "pint.Quantity", design: "Design", ctx: "Context", system: UnitSystem
    ) -> None:
        self._current = float(value.to(self.param.unit).magnitude)
        self._place_slider(self._current)
        if self.error is None:
            self.text.value = fmt(value, system, fraction=get_inch_fraction())

    def _place_slider(self, v: float) -> None:
        """Move the slider to `v`, widening its range to the step grid around `v` if needed."""
        lo, hi = self.param.slider_range
        if v < lo:
            lo -= math.ceil((lo - v) / self._step - 1e-9) * self._step
        if v > hi:
            hi += math.ceil((v - hi) / self._step - 1e-9) * self._step
        s = self.slider
        # widen first, then move, then narrow: no intermediate range can clamp the value
        s.max = max(s.max, hi, v)
        s.min = min(s.min, lo, v)
        s.value = v
        s.min, s.max = lo, hi


class CountField(Field):
    """A whole number: an integer slider over its bounds (they are hard, so nothing clamps)."""

    param: Count

    def _make_inputs(self) -> list[widgets.DOMWidget]:
        p = self.param
        if p.min is not None and p.max is not None:
            self.input = widgets.IntSlider(
                min=p.min, max=p.max, value=p.default, continuous_update=True,
                layout=widgets.Layout(width="13em"),
            )
            self.input.observe(lambda c: self._submit_live(c["new"]), "value")
        else:
            self.input = widgets.IntText(value=p.default, layout=widgets.Layout(width="9em"))
            self.input.observe(lambda c: self._submit(c["new"]), "value")
        return [self.input]

    def _show(self, value: int, design: "Design", ctx: "Context", system: UnitSystem) -> None:
        self.input.value = int(value)


class ChoiceField(Field):
    """One of labelled options, as a dropdown."""

    param: Choice

    def _make_inputs(self) -> list[widgets.DOMWidget]:
        self.input = widgets.Dropdown(options=[], value=None)
        # the option labels in the current language, again at every language switch; the
        # values stay the declared ones (the callable holds no field: see `Field.__init__`)
        design, declared = self.design_cls, dict(self.param.options)
        words.put(self, "option_labels", lambda: [
            (design_word(design, str(label)), value) for value, label in declared.items()])
        self.input.observe(lambda c: self._submit(c["new"]), "value")
        return [self.input]

    @property
    def option_labels(self) -> list[tuple[str, str]]:
        """The dropdown's (label, value) pairs."""
        return list(self.input.options)

    @option_labels.setter
    def option_labels(self, options: list[tuple[str, str]]) -> None:
        """New labels for the same values: the chosen value stays, and is not submitted."""
        chosen = self.input.value
        with self._quiet():  # a Dropdown jumps to its first option when its options change
            self.input.options = options
            self.input.value = chosen if chosen is not None else self.param.default

    def _show(self, value: str, design: "Design", ctx: "Context", system: UnitSystem) -> None:
        self.input.value = value


class FlagField(Field):
    """A yes/no option, as a checkbox."""

    param: Flag

    def _make_inputs(self) -> list[widgets.DOMWidget]:
        self.input = widgets.Checkbox(value=bool(self.param.default), indent=False, description="")
        self.input.observe(lambda c: self._submit(c["new"]), "value")
        return [self.input]

    def _show(self, value: bool, design: "Design", ctx: "Context", system: UnitSystem) -> None:
        self.input.value = bool(value)


class StockField(Field):
    """A stock-bound parameter (sheet, section, tube, pipe, rope …): a dropdown of what the place
    sells for the role's material, through the stock protocol (`workbench.stockparams`). A value
    the place does not sell stays shown, marked, with a note naming it."""

    param: StockBound  # type: ignore[assignment]
    _CURRENT = "__current__"

    def _make_inputs(self) -> list[widgets.DOMWidget]:
        self.values: dict[str, Any] = {}
        self.input = widgets.Dropdown(options=[], value=None, layout=widgets.Layout(width="22em"))
        self.input.observe(self._on_pick, "value")
        return [self.input]

    def _on_pick(self, change: dict[str, Any]) -> None:
        new = change["new"]
        if new is not None and new != self._CURRENT and not self._syncing and new in self.values:
            self._submit(self.values[new])

    def _show(self, value: Any, design: "Design", ctx: "Context", system: UnitSystem) -> None:
        from workbench.resolve import materials_for

        p = self.param
        try:
            material = materials_for(design, ctx)[p.role] if p.role else None
        except WorkbenchError as exc:  # the build line says it too; here only why the list is empty
            self.values, self.input.options, self.note = {}, [], str(exc)
            return
        items = p.offered(ctx, material)
        self.values = {i.id: p.value_of(i) for i in items}
        options = [(option_label(i, system, p), i.id) for i in items]
        chosen = p.sold_item(value, ctx, material)
        if chosen is not None:
            self.note = None
            current: str | None = chosen.id
        elif not items:
            what = (_("{material} {noun}").format(material=data_gettext(material.name),
                                                  noun=p.what_words())
                    if material is not None else p.what_words())
            self.note = _("{catalog} stock sells no {what}").format(
                catalog=data_gettext(ctx.stock_catalog.name), what=what)
            current = None
        else:
            shown = p.describe_value(value, _named(material))
            catalog = data_gettext(ctx.stock_catalog.name)
            options.append((_("{value} (not in {catalog} stock)").format(
                value=shown, catalog=catalog), self._CURRENT))
            self.note = _("{value} is not sold in {catalog} stock; pick one it sells").format(
                value=shown, catalog=catalog)
            current = self._CURRENT
        self.input.options = options
        self.input.value = current


def _named(material: Any) -> Any:
    """`material` with its name in the current language (`data_gettext`), for the words of the
    panel ("18 mm contrachapado de abedul (triplay)"); None stays None."""
    if material is None:
        return None
    from dataclasses import replace

    return replace(material, name=data_gettext(material.name))


def option_label(item: "StockItem", system: UnitSystem, param: "StockBound | None" = None) -> str:
    """How the dropdown names an item, sizes in the user's units: `23/32 in plywood (sold as
    3/4 in) — actual …` for a sheet (the default), the parameter's own wording otherwise."""
    p = param if param is not None else _SHEET
    return p.option_label(item, lambda q: fmt(q, system))


_SHEET = StockThickness("sheet", 18)


class TextField(Field):
    """Any other parameter kind: a text box read by the parameter's own `coerce`."""

    def _make_inputs(self) -> list[widgets.DOMWidget]:
        self.input = widgets.Text(continuous_update=False, layout=widgets.Layout(width="22em"))
        self.input.observe(lambda ch: None if self._syncing else self._submit(ch["new"]), "value")
        return [self.input]

    def _show(self, value: Any, design: "Design", ctx: "Context", system: UnitSystem) -> None:
        self.input.value = self.param.to_text(value)


def make_field(param: Param, submit: Submit, design: Any = None) -> Field:
    """The field for a parameter kind; a kind the form does not know gets a text box. `design`
    (the design class) gives the catalog its label and help are translated in."""
    if isinstance(param, StockBound):
        return StockField(param, submit, design)
    if isinstance(param, _Numeric):
        return NumericField(param, submit, design)
    if isinstance(param, Count):
        return CountField(param, submit, design)
    if isinstance(param, Choice):
        return ChoiceField(param, submit, design)
    if isinstance(param, Flag):
        return FlagField(param, submit, design)
    return TextField(param, submit, design)


class DesignForm:
    """The form of a design: its parameters in their groups; holds the current valid design.

    A change is applied with `Design.evolve`; a refusal stays next to the field and the design is
    unchanged. `on_change(design)` is called after every accepted change; during the call `live`
    says whether it came from a slider that may still be moving.
    """

    def __init__(self, design: "Design", on_change: Callable[["Design"], None]) -> None:
        self.design = design
        self._on_change = on_change
        self.live = False
        """True during `on_change` when the change came from a slider that may still be moving."""
        self._ctx: "Context | None" = None
        self._system = UnitSystem.METRIC
        self.fields: dict[str, Field] = {}
        self._groups: list[tuple[widgets.HTML, list[Field]]] = []
        children: list[widgets.Widget] = []
        cls = type(design)
        for group, params in cls.groups().items():
            title = words.put(widgets.HTML(), "value",
                              lambda group=group: escape(design_gettext(cls, group)))
            title.add_class("wb-group-title")
            children.append(title)
            members = []
            for p in params:
                field = make_field(p, self._submit, cls)
                self.fields[p.name] = field
                members.append(field)
                children.append(field.box)
            self._groups.append((title, members))
        self.widget = widgets.VBox(children)
        self.widget.add_class("wb-form")

    def _submit(self, name: str, raw: Any) -> str | None:
        from workbench.errors import WorkbenchError

        try:
            value = self.design.params()[name].coerce(raw)
            new = self.design.evolve(**{name: value})
        except WorkbenchError as exc:
            return str(exc)
        if new == self.design:  # same value in other words ("0.15 m"): show it the usual way
            field = self.fields[name]
            field.error = None
            field.sync(self.design, self._ctx or _default_context(), self._system)
            return None
        self.design = new
        self.refresh(skip=name)
        self.live = self.fields[name].live
        try:
            self._on_change(new)
        finally:
            self.live = False
        return None

    def refresh(
        self, ctx: "Context | None" = None, system: UnitSystem | None = None, skip: str = ""
    ) -> None:
        """Show the current design in every field for `ctx` and `system` (kept when None)."""
        self._ctx = ctx or self._ctx or _default_context()
        self._system = system or self._system
        for name, field in self.fields.items():
            if name == skip:
                field.error = None
            field.sync(self.design, self._ctx, self._system)
        for title, members in self._groups:  # a group whose fields are all hidden goes too
            shown = any(f.box.layout.display != "none" for f in members)
            title.layout.display = None if shown else "none"


def _default_context() -> "Context":
    from workbench.context import Context

    return Context()
