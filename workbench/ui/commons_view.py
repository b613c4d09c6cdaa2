"""The panel's adaptation and commons round trip: a banner when the design does not fit the place,
with Adapt (the proposal as a table, Accept or Dismiss); Start from a variant (nearest place first);
Save as variant; Share (the commons bundle, as `workbench bundle` writes it).

Widgets only: the panel (`workbench.ui.panel`) calls the core (`adapt`, `variants`, `bundle`).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import ipywidgets as widgets

from workbench.i18n import _
from workbench.ui import words

if TYPE_CHECKING:
    from workbench.adapt import Adaptation
    from workbench.context import Context
    from workbench.evaluate import Evaluation
    from workbench.variants import Variant


def _button(text: Callable[[], str], cls: str,
            tooltip: Callable[[], str] | None = None) -> widgets.Button:
    """A button whose words (callables calling `_`) follow the panel's language."""
    b = widgets.Button(layout=widgets.Layout(width="auto"))
    words.put(b, "description", text)
    words.put(b, "tooltip", tooltip or text)
    b.add_class(cls)
    return b


def misfits(ev: "Evaluation | None", system: Any = "metric") -> list[str]:
    """What does not fit the place: the failing checks, named and said in the current language
    and `system`'s units."""
    if ev is None:
        return []
    return [f"{c.label()}: {c.render(system)}" for c in ev.checks
            if str(c.status.value) == "fail"]


class AdaptView:
    """Banner with Adapt; the proposal with Accept and Dismiss."""

    def __init__(self, on_adapt: Callable[[], None], on_accept: Callable[[], None],
                 on_dismiss: Callable[[], None]) -> None:
        self.banner = widgets.HTML("")
        self.adapt_button = _button(lambda: _("Adapt"), "wb-adapt",
                                    lambda: _("Propose the least change that fits this place"))
        self.adapt_button.on_click(lambda _b: on_adapt())
        self.proposal = widgets.HTML("")
        self.accept_button = _button(lambda: _("Accept"), "wb-accept",
                                     lambda: _("Set the form to the proposal"))
        self.accept_button.on_click(lambda _b: on_accept())
        self.dismiss_button = _button(lambda: _("Dismiss"), "wb-dismiss",
                                      lambda: _("Keep the form as it is"))
        self.dismiss_button.on_click(lambda _b: on_dismiss())
        self.decide = widgets.HBox([self.accept_button, self.dismiss_button])
        self.top = widgets.VBox([self.banner, self.adapt_button])
        self.widget = widgets.VBox([self.top, self.proposal, self.decide])
        self.widget.add_class("wb-adapt-view")
        self.show_problems([])
        self.show_proposal(None)

    def show_problems(self, problems: list[str], place: str = "") -> None:
        """The banner: hidden when everything fits."""
        if not problems:
            self.top.layout.display = "none"
            self.banner.value = ""
            return
        items = "".join(f"<li>{escape(p, quote=False)}</li>" for p in problems[:6])
        more = ("<li>" + escape(_("… and {count} more").format(count=len(problems) - 6))
                + "</li>" if len(problems) > 6 else "")
        head = escape(_("This design does not fit {place} as it is:").format(place=place))
        tail = escape(_("Adapt proposes the least change that does."))
        self.banner.value = (f'<div class="wb-banner"><b>{head}</b><ul>{items}{more}</ul>'
                             f"{tail}</div>")
        self.top.layout.display = None

    def show_proposal(self, proposal: "Adaptation | None", error: str | None = None) -> None:
        if error:
            self.proposal.value = f'<div class="wb-error">{escape(error, quote=False)}</div>'
            self.decide.layout.display = "none"
            return
        if proposal is None:
            self.proposal.value = ""
            self.decide.layout.display = "none"
            return
        self.proposal.value = proposal_html(proposal)
        self.decide.layout.display = None if proposal.ok else "none"


def _util(c: Any) -> str:
    from workbench.adapt import utilisation_text
    from workbench.checks.result import status_word

    if c is None:
        return "—"
    return f"{status_word(c.status)} {utilisation_text(c)}".strip()


def proposal_html(a: "Adaptation") -> str:
    """The proposal as a table: each change (from → to, why), then each check before → after,
    in the current language (the parameter's label, the reason, the check's name and status)."""
    from workbench.checks.result import status_word

    rows = "".join(
        f"<tr><td>{escape(c.label(a.design))}</td><td>{escape(c.from_)} → {escape(c.to)}</td>"
        f"<td>{escape(c.said())}</td></tr>" for c in a.changes
    ) or '<tr><td colspan="3">' + escape(_("No change needed.")) + "</td></tr>"
    before = {c.name: c for c in a.before}
    checks = "".join(
        f"<tr><td>{escape(c.label())}</td><td>{escape(_util(before.get(c.name)))} → "
        f"{escape(_util(c))}</td></tr>" for c in a.after
    )
    notes = "".join(f"<li>{escape(n, quote=False)}</li>" for n in a.notes)
    head = escape(_("Proposal: {verdict}").format(verdict=status_word(a.verdict)))
    what, change, why = escape(_("what")), escape(_("from → to")), escape(_("why"))
    check, before_after = escape(_("check")), escape(_("before → after"))
    return (
        f'<div class="wb-proposal" data-verdict="{escape(a.verdict.value)}">'
        f"<b>{head}</b>"
        f'<table class="wb-changes"><tr><th>{what}</th><th>{change}</th><th>{why}</th></tr>{rows}'
        f'</table><table class="wb-check-changes"><tr><th>{check}</th><th>{before_after}</th></tr>'
        f"{checks}</table>" + (f"<ul>{notes}</ul>" if notes else "") + "</div>"
    )


def place_distance(v: "Variant", ctx: "Context") -> tuple[int, float, str]:
    """How far the place a variant was made for is from `ctx`: the same stock catalog first, then
    the nearest climate by design temperatures and humidity (unknown counts far), then its name."""
    from workbench.context import climate

    vctx = v.context()
    here, there = climate(ctx.climate), climate(vctx.climate)
    gap = 0.0
    for attr, scale in (("t_max", 10.0), ("t_min", 10.0), ("rh_max", 20.0)):
        a, b = getattr(here, attr), getattr(there, attr)
        if a is None or b is None:
            gap += 3.0
        else:
            gap += abs(float(a.to_base_units().magnitude) - float(b.to_base_units().magnitude)) / scale
    return (0 if vctx.stock == ctx.stock else 1, round(gap, 6), v.slug)


class CommonsView:
    """Start from a variant; Save as variant; Share as a bundle."""

    NONE = "__design__"

    def __init__(
        self,
        on_start: Callable[[str], None],
        on_save: Callable[[str, str, str, bool], None],
        on_share: Callable[[str], None],
    ) -> None:
        self.start = widgets.Dropdown(options=[(_("the design as published"), self.NONE)],
                                      value=self.NONE, layout=widgets.Layout(width="30em"))
        self.start.observe(lambda ch: None if self._syncing else on_start(ch["new"]), "value")
        self._syncing = False
        self.name = words.put(widgets.Text(layout=widgets.Layout(width="18em")), "placeholder",
                              lambda: _("variant name, e.g. lima-15mm"))
        self.why = words.put(widgets.Text(layout=widgets.Layout(width="30em")), "placeholder",
                             lambda: _("why: what it is adapted for"))
        self.author = words.put(widgets.Text(layout=widgets.Layout(width="18em")), "placeholder",
                                lambda: _("person, workshop or group"))
        self.overwrite = words.put(widgets.Checkbox(value=False, indent=False), "description",
                                   lambda: _("replace an existing file"))
        self.save_button = _button(lambda: _("Save as variant"), "wb-save-variant")
        self.save_button.on_click(lambda _b: on_save(self.name.value, self.why.value,
                                                     self.author.value, self.overwrite.value))
        self.repo = words.put(widgets.Text(layout=widgets.Layout(width="30em")), "placeholder",
                              lambda: _("repository address, e.g. https://example.org/designs"))
        self.share_button = _button(lambda: _("Share"), "wb-share",
                                    lambda: _("Write the commons bundle (folder and zip)"))
        self.share_button.on_click(lambda _b: on_share(self.repo.value))
        self.message = widgets.HTML("")
        title = words.put(widgets.HTML(), "value", lambda: _("Back to the commons"))
        title.add_class("wb-group-title")

        def label(make: Callable[[], str]) -> widgets.HTML:
            return words.put(widgets.HTML(layout=widgets.Layout(width="6em")), "value",
                             lambda: escape(make()))

        self.widget = widgets.VBox([
            title,
            widgets.HBox([label(lambda: _("Start from")), self.start]),
            widgets.HBox([label(lambda: _("Name")), self.name,
                          label(lambda: _("Author")), self.author]),
            widgets.HBox([label(lambda: _("Why")), self.why, self.overwrite]),
            widgets.HBox([self.save_button]),
            widgets.HBox([label(lambda: _("Repository")), self.repo, self.share_button]),
            self.message,
        ])
        self.widget.add_class("wb-commons")

    def list_variants(self, variants: "list[Variant]", ctx: "Context", current: str | None) -> None:
        """The variants, nearest place first, each with its place and why."""
        ordered = sorted(variants, key=lambda v: place_distance(v, ctx))
        options = [(_("the design as published"), self.NONE)]
        for v in ordered:
            vctx = v.context()
            why = v.why if len(v.why) <= 60 else v.why[:57] + "…"
            options.append((f"{v.slug} — {vctx.stock}, {vctx.climate}: {why}", v.slug))
        self._syncing = True
        try:
            self.start.options = options
            self.start.value = current if current in {o[1] for o in options} else self.NONE
        finally:
            self._syncing = False

    def say(self, html: str) -> None:
        self.message.value = html

    def error(self, text: str) -> None:
        self.message.value = f'<div class="wb-error">{escape(text, quote=False)}</div>'

    def links(self, text: str, paths: list[Path]) -> None:
        from workbench.ui.export_view import link_html

        self.message.value = f'<div class="wb-note">{escape(text, quote=False)}</div>' + link_html(paths)
