"""The local context: material per role, stock catalog, climate, workshop, and the unit system."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Callable

import ipywidgets as widgets

from workbench.i18n import LANGUAGES, _, get_locale, language_name
from workbench.i18n import data_gettext, design_gettext
from workbench.ui import words
from workbench.units import InchFraction, UnitSystem, get_inch_fraction, set_inch_fraction

if TYPE_CHECKING:
    from workbench.context import Context
    from workbench.design import Design

LABEL_WIDTH = "11em"


def _row(label: str | Callable[[], str], widget: widgets.Widget,
         help: str | Callable[[], str] = "") -> widgets.HBox:
    """A labelled row; a callable label or help is translated again when the language changes."""
    head = widgets.HTML()
    text = label if callable(label) else (lambda: label)
    tip = help if callable(help) else (lambda: help)
    words.put(head, "value", lambda: escape(text()))
    words.put(head, "tooltip", lambda: tip() or None)
    words.put(widget, "tooltip", lambda: tip() or None)
    head.layout.min_width = LABEL_WIDTH
    head.add_class("wb-label")
    return widgets.HBox([head, widget])


def _unit_options() -> list[tuple[str, str]]:
    return [(_("Metric"), UnitSystem.METRIC.value), (_("Imperial"), UnitSystem.IMPERIAL.value)]


def _language_options() -> list[tuple[str, str]]:
    """Each language in its own name; the current locale ("pt_BR", "sw_KE") stands for its
    language's entry, so the regional number format is kept."""
    return [(language_name(code), code) for code in LANGUAGES]


def language_code(locale: str) -> str:
    """The language entry of `locale` in the switch ("sw_KE" → "sw"; unknown → "en")."""
    code = locale.split("_")[0]
    return code if code in LANGUAGES else "en"


def _options(load: Callable[[], dict[str, Any]], current: str) -> tuple[list[tuple[str, str]], str]:
    """(name, id) pairs of a data listing, the names as the data files write them (English; shown
    through `_labelled`); a broken data file shows as a note, not a crash."""
    from workbench.errors import WorkbenchError

    try:
        return [(getattr(v, "name", k), k) for k, v in load().items()], ""
    except WorkbenchError as exc:
        return [(current, current)], str(exc)


def _labelled(options: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The data names in the current language (`workbench.i18n.data_gettext`), ids unchanged."""
    return [(data_gettext(name), key) for name, key in options]


class ContextForm:
    """Dropdowns for the local context; `on_change(ctx, system)` after every change."""

    def __init__(
        self,
        design_cls: type["Design"],
        ctx: "Context",
        system: UnitSystem,
        on_change: Callable[["Context", UnitSystem], None],
        on_language: Callable[[str], None] | None = None,
    ) -> None:
        from workbench.context import climates, materials, stock_catalogs, workshops

        self.context = ctx
        self.system = UnitSystem(system)
        self._on_change = on_change
        self._on_language = on_language
        notes: list[str] = []
        # each data dropdown's (name as written, id) pairs: relabelled when the language changes
        self._names: dict[widgets.Dropdown, list[tuple[str, str]]] = {}
        chosen = ctx.roles
        self.roles: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        for role, spec in design_cls.roles.items():
            current = chosen.get(role, spec.default)

            def suiting(process: Any = spec.process) -> dict[str, Any]:
                return {k: m for k, m in materials().items() if m.suits(process)}

            options, note = _options(suiting, current)
            notes += [note] if note else []
            dd = widgets.Dropdown(options=_labelled(options), value=current)
            self._names[dd] = options
            self.roles[role] = dd
            rows.append(_row(  # the design's own words, in its catalog (workbench.i18n)
                lambda spec=spec: design_gettext(design_cls, spec.label), dd,
                (lambda spec=spec: design_gettext(design_cls, spec.help)) if spec.help else (
                    lambda role=role: _("Material for the '{role}' parts").format(role=role))))
        lists = (
            ("stock", lambda: _("Stock catalog"), stock_catalogs, ctx.stock,
             lambda: _("What your local merchants sell")),
            ("climate", lambda: _("Climate"), climates, ctx.climate,
             lambda: _("Where the part will be used")),
            ("workshop", lambda: _("Workshop"), workshops, ctx.workshop,
             lambda: _("The machines you have")),
        )
        self.lists: dict[str, widgets.Dropdown] = {}
        for key, label, load, current, help in lists:
            options, note = _options(load, current)
            notes += [note] if note else []
            dd = widgets.Dropdown(options=_labelled(options), value=current)
            self._names[dd] = options
            self.lists[key] = dd
            rows.append(_row(label, dd, help))
        self.units = widgets.ToggleButtons(
            options=_unit_options(), value=self.system.value, style={"button_width": "6em"},
        )
        rows.append(_row(lambda: _("Units"), self.units,
                         lambda: _("How values are shown; you may type any unit")))
        self.language = widgets.Dropdown(options=_language_options(),
                                         value=language_code(get_locale()),
                                         layout=widgets.Layout(width="12em"))
        rows.append(_row(lambda: _("Language"), self.language,
                         lambda: _("The panel's words and how numbers are written")))
        self.inch_fraction = widgets.ToggleButtons(
            options=[(f"1/{f.value}″", f.value) for f in InchFraction],
            value=get_inch_fraction().value, style={"button_width": "4em"},
        )
        self._fraction_row = _row(
            lambda: _("Inch fractions"), self.inch_fraction,
            lambda: _("Imperial lengths to the nearest 1/16, 1/32 or 1/64 in, as on a tape"),
        )
        self._fraction_row.layout.display = None if self.system is UnitSystem.IMPERIAL else "none"
        rows.append(self._fraction_row)
        for w in [*self.roles.values(), *self.lists.values(), self.units, self.inch_fraction]:
            w.observe(self._changed, "value")
        self.language.observe(self._language_changed, "value")
        title = words.put(widgets.HTML(), "value", lambda: _("Local context"))
        title.add_class("wb-group-title")
        self.notes = widgets.HTML(
            "".join(f'<div class="wb-error">{escape(n, quote=False)}</div>' for n in notes)
        )
        self.widget = widgets.VBox([title, *rows, self.notes])
        self.widget.add_class("wb-context")
        self.context = self._read()

    @property
    def stock(self) -> widgets.Dropdown:
        return self.lists["stock"]

    def _read(self) -> "Context":
        """The context the dropdowns show (every role's material named)."""
        from workbench.context import Context

        return Context(
            materials={role: dd.value for role, dd in self.roles.items()},
            stock=self.lists["stock"].value,
            climate=self.lists["climate"].value,
            workshop=self.lists["workshop"].value,
        )

    def set_materials(self, roles: dict[str, str]) -> None:
        """Choose materials for several roles at once: one change, one rebuild."""
        self._quiet = True
        try:
            for role, mat in roles.items():
                if role in self.roles and self.roles[role].value != mat:
                    self.roles[role].value = mat
        finally:
            self._quiet = False
        self._changed({})

    def follow_locale(self) -> None:
        """The session's language was chosen elsewhere (the front end): the switch shows it and
        every word and number follows, without making it the user's own choice."""
        code = language_code(get_locale())
        if self.language.value != code:
            self.language.value = code  # `_language_changed` relabels; the locale is kept
        else:  # same language, perhaps another region ("es" → "es_ES"): numbers follow
            self._language_changed({"new": code})

    def _language_changed(self, change: dict[str, Any]) -> None:
        """Words and numbers in the chosen language; the values and results stay."""
        from workbench.i18n import set_locale

        code = change["new"]
        if language_code(get_locale()) != code:  # "sw_KE" already speaks "sw": keep the region
            set_locale(code)
        self._quiet = True
        try:
            value = self.units.value
            self.units.options = _unit_options()
            self.units.value = value
            for dd, names in self._names.items():  # the data names: same ids, same choice
                value = dd.value
                dd.options = _labelled(names)
                dd.value = value
        finally:
            self._quiet = False
        words.relabel()
        if self._on_language is not None:
            self._on_language(get_locale())

    def _changed(self, change: dict[str, Any]) -> None:
        if getattr(self, "_quiet", False):
            return
        self.context = self._read()
        self.system = UnitSystem(self.units.value)
        set_inch_fraction(self.inch_fraction.value)
        self._fraction_row.layout.display = None if self.system is UnitSystem.IMPERIAL else "none"
        self._on_change(self.context, self.system)
