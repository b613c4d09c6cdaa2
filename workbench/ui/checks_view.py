"""The checks panel: every check's status, utilisation, value against limit, explanation and
reference, plus the mass, cost and carbon summary. Renders what `Evaluation` holds; judges nothing.
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING, Any, Sequence

import ipywidgets as widgets

from workbench.i18n import _
from workbench.ui import words
from workbench.ui.style import STATUS_COLOURS
from workbench.units import UnitSystem, fmt, get_inch_fraction

if TYPE_CHECKING:
    from workbench.checks.result import CheckResult
    from workbench.evaluate import Evaluation


def _e(text: Any) -> str:
    return escape(str(text), quote=False)


def _quantity(q: Any, system: UnitSystem, fraction: int | None = None) -> str:
    """A quantity in `system`'s units (imperial lengths to 1/`fraction` in); '—' when unknown."""
    if q is None:
        return "—"
    try:
        if math.isnan(float(q.magnitude)):
            return "—"
        return fmt(q, system, fraction=fraction)
    except Exception:  # a quantity fmt cannot place (odd unit): show it as pint does
        return f"{q:~P}"


def _value_limit(check: "CheckResult", system: UnitSystem) -> str:
    """"value / limit", both in fractions of an inch or both in decimals (never mixed)."""
    shown = [_quantity(q, system, get_inch_fraction()) for q in (check.value, check.limit)]
    if any(text.endswith(" in") for text in shown):
        shown = [_quantity(q, system) for q in (check.value, check.limit)]
    return " / ".join(shown)


def _words(check: "CheckResult", system: UnitSystem) -> str:
    """The check's explanation in the unit system of its value column."""
    render = getattr(check, "render", None)
    return render(system) if render is not None else check.message


def _status(check: "CheckResult") -> str:
    return str(getattr(check.status, "value", check.status))


def _badge(status: str) -> str:
    """A status or verdict as its badge word in the current language ("PASS", "PASA"…)."""
    from workbench.checks.result import status_word

    return status_word(status).upper()


def _label(check: "CheckResult") -> str:
    """The check's name as shown (translated); `check.name` stays the key."""
    label = getattr(check, "label", None)
    return label() if label is not None else check.name


def check_row(check: "CheckResult", system: UnitSystem) -> str:
    """One table row: badge, name, utilisation bar, value / limit, message and reference."""
    status = _status(check)
    colour = STATUS_COLOURS.get(status, "#666")
    u = float(check.utilisation)
    width = 0.0 if math.isnan(u) else max(0.0, min(u, 1.0)) * 100
    shown_u = "—" if math.isnan(u) else f"{u * 100:.0f} %"
    return (
        f'<tr class="wb-check wb-check-{status}">'
        f'<td><span class="wb-badge" style="background:{colour}">{_e(_badge(status))}</span></td>'
        f'<td class="wb-nowrap">{_e(_label(check))}</td>'
        f'<td class="wb-nowrap"><span class="wb-bar" title="utilisation {shown_u}">'
        f'<div class="wb-bar-fill" style="width:{width:.0f}%;background:{colour}"></div></span>'
        f" {shown_u}</td>"
        f"<td>{_e(_value_limit(check, system))}</td>"
        f'<td>{_e(_words(check, system))}<div class="wb-ref">{_e(check.reference)}</div></td>'
        "</tr>"
    )


def render_checks(checks: Sequence["CheckResult"], system: UnitSystem) -> str:
    """The checks table (or a line saying the design declares none)."""
    if not checks:
        return ('<p class="wb-note">' + _e(_("This design runs no checks in this context."))
                + "</p>")
    heads = (_("status"), _("check"), _("utilisation"), _("value / limit"), _("why"))
    head = "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in heads) + "</tr>"
    rows = "".join(check_row(c, system) for c in checks)
    return f"<table>{head}{rows}</table>"


COVERAGE_ANCHOR = "what-the-checks-cover"
"""The anchor of the "What the checks cover" section every design's README carries."""


def coverage_link(design: Any) -> str:
    """A link to the design README's "What the checks cover" table (what a PASS covers and what
    it does not), relative to the working directory (a notebook's folder); "" when the design has
    no README beside its module."""
    import os
    import sys
    from pathlib import Path

    module = sys.modules.get(type(design).__module__)
    source = getattr(module, "__file__", None)
    if not source:
        return ""
    readme = Path(source).with_name("README.md")
    if not readme.is_file():
        return ""
    try:
        href = os.path.relpath(readme, os.getcwd()).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        href = readme.as_uri()
    return (f'<a class="wb-coverage" href="{escape(href)}#{COVERAGE_ANCHOR}" target="_blank">'
            + _e(_("what the checks cover")) + "</a>")


def render_summary(ev: "Evaluation", system: UnitSystem) -> str:
    """Overall status, mass, cost and embodied carbon of the parts."""
    colour = STATUS_COLOURS.get(ev.status, "#666")
    overall, mass, cost, carbon = _e(_("overall")), _e(_("mass")), _e(_("cost")), _e(_("carbon"))
    return (
        '<div class="wb-summary">'
        f'<span>{overall} <span class="wb-badge" style="background:{colour}">'
        f"{_e(_badge(ev.status))}</span></span>"
        f"<span>{mass} <b>{_e(_quantity(ev.mass, system))}</b></span>"
        f"<span>{cost} <b>{_e(_quantity(ev.cost, system))}</b></span>"
        f"<span>{carbon} <b>{_e(_quantity(ev.carbon, system))}</b></span>"
        f"<span>{coverage_link(ev.design)}</span>"
        + (f'<div class="wb-unverified">{_e(ev.unverified_note)}</div>'
           if ev.unverified_note else "")
        + "</div>"
    )


class ChecksView:
    """Shows an evaluation's checks and summary; can mark them as stale."""

    def __init__(self) -> None:
        self.banner = widgets.HTML("")
        self.summary = widgets.HTML("")
        self.table = widgets.HTML("")
        body = widgets.VBox([self.summary, self.table])
        self._body = body
        title = words.put(widgets.HTML(), "value", lambda: _("Checks"))
        title.add_class("wb-group-title")
        self.widget = widgets.VBox([title, self.banner, body])
        self.widget.add_class("wb-checks")
        self.stale = False

    def show(self, ev: "Evaluation | None", system: UnitSystem) -> None:
        """Render `ev` in `system`'s units (nothing yet when None)."""
        if ev is None:
            self.summary.value = ""
            self.table.value = '<p class="wb-note">' + escape(_("Not built yet.")) + "</p>"
            return
        self.summary.value = render_summary(ev, system)
        self.table.value = render_checks(ev.checks, system)

    def mark_stale(self, stale: bool) -> None:
        """Grey the results out with a banner: they belong to the last design that built."""
        self.stale = stale
        self.banner.value = (
            '<div class="wb-stale-banner">' + escape(_(
                "Stale: these results are for the last design that built, not for the values in "
                "the form.")) + "</div>"
            if stale else ""
        )
        if stale:
            self._body.add_class("wb-stale")
        else:
            self._body.remove_class("wb-stale")
