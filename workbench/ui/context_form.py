"""The local context: material per role, stock catalog, climate, workshop, and the unit system."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Callable

import ipywidgets as widgets

from workbench.units import InchFraction, UnitSystem, get_inch_fraction, set_inch_fraction

if TYPE_CHECKING:
    from workbench.context import Context
    from workbench.design import Design

LABEL_WIDTH = "11em"


def _row(label: str, widget: widgets.Widget, help: str = "") -> widgets.HBox:
    head = widgets.HTML(escape(label), tooltip=help or None)
    head.layout.min_width = LABEL_WIDTH
    head.add_class("wb-label")
    widget.tooltip = help or None
    return widgets.HBox([head, widget])


def _options(load: Callable[[], dict[str, Any]], current: str) -> tuple[list[tuple[str, str]], str]:
    """(label, id) pairs of a data listing; a broken data file shows as a note, not a crash."""
    from workbench.errors import WorkbenchError

    try:
        return [(getattr(v, "name", k), k) for k, v in load().items()], ""
    except WorkbenchError as exc:
        return [(current, current)], str(exc)


class ContextForm:
    """Dropdowns for the local context; `on_change(ctx, system)` after every change."""

    def __init__(
        self,
        design_cls: type["Design"],
        ctx: "Context",
        system: UnitSystem,
        on_change: Callable[["Context", UnitSystem], None],
    ) -> None:
        from workbench.context import climates, materials, stock_catalogs, workshops

        self.context = ctx
        self.system = UnitSystem(system)
        self._on_change = on_change
        notes: list[str] = []
        chosen = ctx.roles
        self.roles: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        for role, spec in design_cls.roles.items():
            current = chosen.get(role, spec.default)

            def suiting(process: Any = spec.process) -> dict[str, Any]:
                return {k: m for k, m in materials().items() if m.suits(process)}

            options, note = _options(suiting, current)
            notes += [note] if note else []
            dd = widgets.Dropdown(options=options, value=current)
            self.roles[role] = dd
            rows.append(_row(spec.label, dd, spec.help or f"Material for the '{role}' parts"))
        lists = (
            ("stock", "Stock catalog", stock_catalogs, ctx.stock, "What your local merchants sell"),
            ("climate", "Climate", climates, ctx.climate, "Where the part will be used"),
            ("workshop", "Workshop", workshops, ctx.workshop, "The machines you have"),
        )
        self.lists: dict[str, widgets.Dropdown] = {}
        for key, label, load, current, help in lists:
            options, note = _options(load, current)
            notes += [note] if note else []
            dd = widgets.Dropdown(options=options, value=current)
            self.lists[key] = dd
            rows.append(_row(label, dd, help))
        self.units = widgets.ToggleButtons(
            options=[("Metric", UnitSystem.METRIC.value), ("Imperial", UnitSystem.IMPERIAL.value)],
            value=self.system.value, style={"button_width": "6em"},
        )
        rows.append(_row("Units", self.units, "How values are shown; you may type any unit"))
        self.inch_fraction = widgets.ToggleButtons(
            options=[(f"1/{f.value}″", f.value) for f in InchFraction],
            value=get_inch_fraction().value, style={"button_width": "4em"},
        )
        self._fraction_row = _row(
            "Inch fractions", self.inch_fraction,
            "Imperial lengths to the nearest 1/16, 1/32 or 1/64 in, as on a tape",
        )
        self._fraction_row.layout.display = None if self.system is UnitSystem.IMPERIAL else "none"
        rows.append(self._fraction_row)
        for w in [*self.roles.values(), *self.lists.values(), self.units, self.inch_fraction]:
            w.observe(self._changed, "value")
        title = widgets.HTML("Local context")
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

    def _changed(self, change: dict[str, Any]) -> None:
        if getattr(self, "_quiet", False):
            return
        self.context = self._read()
        self.system = UnitSystem(self.units.value)
        set_inch_fraction(self.inch_fraction.value)
        self._fraction_row.layout.display = None if self.system is UnitSystem.IMPERIAL else "none"
        self._on_change(self.context, self.system)
