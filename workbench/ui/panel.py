"""The workbench panel: form, local context, 3D view, checks and export in one widget.

Every change goes to `Design.evolve` (refusals stay next to their field) and then to one rebuild
through `workbench.evaluate`. Rebuilds run one at a time in a worker thread; changes made while one
runs are merged into the next, so a slider dragged over many steps does not queue a build per step.
While a slider moves, its checks, bars and summary follow at once from a checks-only evaluation
(`evaluate(..., build=False)`, a few milliseconds); the geometry is built when the slider rests.
A failed build shows its one-line message under the form and keeps the last good view and checks,
marked stale.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import ipywidgets as widgets

from workbench.errors import WorkbenchError
from workbench.evaluate import evaluate
from workbench.export import Format, export, offered
from workbench.i18n import (
    LocaleSource,
    _,
    design_gettext,
    front_end_locale,
    get_locale,
    locale_from_environment,
    offer_locale,
    part_name,
    set_locale,
    voila_query_locale,
)
from workbench.ui.checks_view import ChecksView
from workbench.ui.commons_view import AdaptView, CommonsView, misfits
from workbench.ui.context_form import ContextForm
from workbench.ui.export_view import ExportView
from workbench.ui.form import DesignForm
from workbench.ui import words
from workbench.ui.style import CSS
from workbench.ui.viewer import Viewer, ViewerKind
from workbench.units import UnitSystem

if TYPE_CHECKING:
    from workbench.adapt import Adaptation
    from workbench.bundle import Bundle
    from workbench.context import Context
    from workbench.variants import Variant
    from workbench.design import Design
    from workbench.evaluate import Evaluation


SETTLE_S = 0.15
"""A slider that has not moved for this long has been released (or rests): its geometry is built.
Long enough to span the gaps between a dragged slider's messages, short enough to feel immediate."""


@dataclass(frozen=True)
class _Request:
    design: "Design"
    context: "Context"


@dataclass(frozen=True)
class _Outcome:
    evaluation: "Evaluation | None"
    error: str | None


def _run(req: _Request) -> _Outcome:
    """Evaluate one request; any failure becomes its one-line message."""
    from workbench.errors import WorkbenchError

    try:
        return _Outcome(evaluate(req.design, req.context, lenient=True), None)
    except WorkbenchError as exc:
        return _Outcome(None, str(exc))
    except Exception as exc:  # a bug, not a user error: still one line, and the panel lives on
        return _Outcome(None, _one_line(exc))


def _one_line(exc: BaseException) -> str:
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {first}".rstrip(": ")


class _Builder:
    """Runs the latest request, one at a time; requests made meanwhile replace each other."""

    def __init__(
        self,
        apply: Callable[[_Request, _Outcome], None],
        background: bool,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self._apply = apply
        self._report = report
        self.failures: list[BaseException] = []
        """Exceptions raised while showing a result (each also reported to the panel)."""
        self.background = background
        self._lock = threading.Lock()
        self._pending: _Request | None = None
        self._running = False
        self._idle = threading.Event()
        self._idle.set()
        self.runs = 0

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def request(self, req: _Request) -> None:
        if not self.background:
            self.runs += 1
            self._apply(req, _run(req))
            return
        with self._lock:
            self._pending = req
            self._idle.clear()
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._loop, name="workbench-build", daemon=True).start()

    def _loop(self) -> None:
        while True:
            with self._lock:
                req, self._pending = self._pending, None
                if req is None:
                    self._running = False
                    self._idle.set()
                    return
            self.runs += 1
            outcome = _run(req)
            with self._lock:
                superseded = self._pending is not None
            if not superseded:  # a newer request is waiting: show that one instead
                try:
                    self._apply(req, outcome)
                except Exception as exc:  # shown, and the panel is never left busy forever
                    self.failures.append(exc)
                    if self._report is not None:
                        self._report(_("showing the result failed: {error}").format(
                            error=_one_line(exc)))

    def wait(self, timeout: float | None = None) -> bool:
        return self._idle.wait(timeout)


class Workbench:
    """The panel of one design: `Workbench(design)` or `workbench.open("bracket")`; display it.

    `ctx` is the starting local context, `system` the unit system shown, `out_dir` the export
    folder (default ``out/<design id>``, relative to the notebook). With ``background=False``
    rebuilds run in the calling thread (for scripts and tests). `lang` ("es", "fr", "pt_BR",
    "sw_KE", "hi"…) sets the session's locale for the panel's words and numbers
    (`workbench.i18n.set_locale`); the language switch beside the unit switch changes it later.
    Without `lang` the language is, strongest first (`workbench.i18n.LocaleSource`): one chosen
    before in the session, Voila's ``?lang=`` query, JupyterLab's language setting (reported by
    the panel's front end once it shows, `workbench.ui.front_end`), LC_ALL/LC_MESSAGES/LANG,
    English.
    `viewer` picks the 3D view: "light" (the default: the workbench's own three.js view, cheap
    to redraw) or "full" (cad-viewer-widget, with the part tree and the measuring and clipping
    tools); `ViewerKind`. bench/RESULTS.md has the measurements behind the default.
    """

    def __init__(
        self,
        design: "Design | str",
        ctx: "Context | None" = None,
        *,
        system: UnitSystem | str = UnitSystem.METRIC,
        out_dir: str | Path | None = None,
        background: bool = True,
        lang: str | None = None,
        viewer: ViewerKind | str = ViewerKind.LIGHT,
    ) -> None:
        if lang is not None:  # one setting for words and numbers (workbench.i18n)
            set_locale(lang)
        else:
            query = voila_query_locale()
            if query is not None:
                offer_locale(query, LocaleSource.VOILA_QUERY)
            else:
                offer_locale(locale_from_environment(), LocaleSource.ENVIRONMENT)
        if isinstance(design, str):
            from workbench import catalog

            design = catalog.get(design)()
        if ctx is None:
            from workbench.context import Context

            ctx = Context()
        self.system = UnitSystem(system)
        self.context = ctx
        self.evaluation: "Evaluation | None" = None
        """The last evaluation that succeeded (what the view and checks show)."""
        self.error: str | None = None
        """The one-line message of the last build, None when it succeeded."""
        self._built: _Request | None = None
        self.builds = 0
        """How many builds finished (failed ones too); shown as `data-build` on the status line."""
        self._live: "Evaluation | None" = None
        """The checks-only evaluation of the form's design while a slider moves."""
        self._settle: threading.Timer | None = None

        self.form = DesignForm(design, self._design_changed)
        self.context_form = ContextForm(type(design), ctx, self.system, self._context_changed,
                                        on_language=self._language_changed)
        self.context = self.context_form.context  # the same context, every role named
        self.viewer = Viewer(kind=viewer)
        self.checks = ChecksView()
        folder = str(out_dir) if out_dir is not None else f"out/{design.id}"
        self.exports = ExportView(folder, self._export)
        self.status = widgets.HTML("")
        self.status.add_class("wb-status")
        self._builder = _Builder(self._apply, background=False, report=self._report_failure)

        title = words.put(widgets.HTML(), "value", lambda: (
            f"<h3>{escape(design_gettext(design, design.title) or design.id)}</h3>"
            f'<div class="wb-note">{escape(design_gettext(design, design.summary))} '
            + escape(_("(design {id} {version}, {license})").format(
                id=design.id, version=design.version, license=design.license)) + "</div>"
        ))
        left = widgets.VBox([self.form.widget, self.context_form.widget, self.status],
                            layout=widgets.Layout(min_width="30em", max_width="40em"))
        right = widgets.VBox([self.viewer.widget])
        top = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap"))
        self.adapt_view = AdaptView(self.adapt, self.accept, self.dismiss)
        self.commons = CommonsView(self.start_from, self.save_variant, self.share)
        self.proposal: "Adaptation | None" = None
        """The adaptation last proposed (None once accepted or dismissed)."""
        self.parent: "Variant | None" = None
        """The variant the form started from (the parent of a saved variant), None for the design."""
        self.saved: Path | None = None
        self.bundle: "Bundle | None" = None
        from workbench.ui.front_end import LanguageProbe

        self.language_probe = LanguageProbe(self._front_end_language)
        """Reports JupyterLab's language from the browser (invisible)."""
        self.widget = widgets.VBox(
            [widgets.HTML(CSS), title, self.adapt_view.widget, top, self.checks.widget,
             self.exports.widget, self.commons.widget, self.language_probe]
        )
        self.widget.add_class("wb-panel")

        self.form.refresh(self.context, self.system)
        self._list_variants()
        self._rebuild()  # the first build in the caller, so the panel opens complete
        self._builder.background = background

    # -- display ----------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"Workbench({self.design!r}, stock={self.context.stock!r})"

    # -- state ------------------------------------------------------------------------------------
    @property
    def design(self) -> "Design":
        """The current design: the form's values, every one accepted by `Design.evolve`."""
        return self.form.design

    @property
    def stale(self) -> bool:
        """Whether what is shown belongs to an earlier design or context than the form's."""
        return self._built != _Request(self.design, self.context)

    @property
    def busy(self) -> bool:
        """A rebuild runs, or waits for a moved slider to rest."""
        settle = self._settle
        return self._builder.busy or (settle is not None and settle.is_alive())

    def wait(self, timeout: float | None = 120) -> bool:
        """Wait until no rebuild runs or waits for a slider; False on timeout."""
        end = None if timeout is None else time.monotonic() + timeout

        def left() -> float | None:
            return None if end is None else max(0.0, end - time.monotonic())

        while True:
            settle = self._settle
            if settle is not None:
                settle.join(left())
            if not self._builder.wait(left()):
                return False
            if not self.busy:  # a slider moved again meanwhile: wait for that build too
                return True
            if end is not None and time.monotonic() >= end:
                return False

    # -- changes ----------------------------------------------------------------------------------
    def _design_changed(self, design: "Design") -> None:
        if self.form.live:
            self._follow_slider()
        else:
            self._rebuild()

    def _follow_slider(self) -> None:
        """A slider moved (and may still move): checks, bars and summary follow now from a
        checks-only evaluation; the geometry is built once the slider has rested `SETTLE_S`."""
        design = self.design
        if not type(design).checks_need_geometry:
            try:
                live = evaluate(design, self.context, build=False, lenient=True)
            except Exception:  # the build that follows shows what is wrong
                live = None
            if live is not None:
                # mass, cost and carbon need the parts: unknown ("—") until the geometry is built
                self._live = replace(live, parts=())
                self.checks.show(self._live, self.system)
                self.checks.mark_stale(False)
        self._set_status("busy", _("Building… (checks follow the slider; the 3D view when it "
                                   "rests)"))
        if not self._builder.background:
            self._rebuild()
            return
        if self._settle is not None:
            self._settle.cancel()
        self._settle = threading.Timer(SETTLE_S, self._rebuild)
        self._settle.daemon = True
        self._settle.start()

    def _context_changed(self, ctx: "Context", system: UnitSystem) -> None:
        rebuild = ctx != self.context
        self.context, self.system = ctx, system
        self.form.refresh(ctx, system)
        if rebuild:
            self._rebuild()
        else:  # only the unit system changed: show the same results in other units
            self.checks.show(self.evaluation, self.system)

    def _language_changed(self, locale: str) -> None:
        """The language switch moved: every word and number of the panel again in `locale`."""
        self.form.refresh(self.context, self.system)
        self._list_variants()
        if self.proposal is not None:
            self.adapt_view.show_proposal(self.proposal)
        geo = self.evaluation.geometry if self.evaluation is not None else None
        if self.viewer.kind is ViewerKind.FULL and geo is not None:
            self.viewer.show(geo.parts, self._part_name)  # the part tree in the new language
        self._render()

    def _part_name(self, name: str) -> str:
        """What people call the part `name` of the shown design, in the current language."""
        return part_name(self.design, name)

    def _front_end_language(self, tag: str) -> None:
        """The front end reported its language ("es-ES"): follow it unless `lang=`, the switch or
        Voila's query chose one (a language the workbench does not speak changes nothing)."""
        code = front_end_locale(tag)
        before = get_locale()
        if code is not None and offer_locale(code, LocaleSource.FRONT_END) \
                and get_locale() != before:
            self.context_form.follow_locale()

    def _rebuild(self) -> None:
        if self._settle is not None:
            self._settle.cancel()
        # the export buttons stay as they are while a build runs (an export waits for it, see
        # `_export`): flipping every button off and on again per change cost the page a layout
        self._set_status("busy", _("Building…"))
        self._builder.request(_Request(self.design, self.context))

    def _apply(self, req: _Request, outcome: _Outcome) -> None:
        """Show a finished build (called in the builder's thread)."""
        self.builds += 1
        if outcome.evaluation is not None:
            self.evaluation, self.error, self._built = outcome.evaluation, None, req
            self._live = None
            geo = outcome.evaluation.geometry
            try:
                self.viewer.show(geo.parts if geo is not None else [], self._part_name)
            except Exception as exc:  # the view failing must not hide the checks
                self.error = _("3D view: {error}").format(error=f"{type(exc).__name__}: {exc}")
        else:
            self.error = outcome.error
        self._render()

    # -- adaptation and the commons ---------------------------------------------------------------
    def adapt(self) -> "Adaptation | None":
        """Propose the design adapted to the current place (shown with Accept and Dismiss)."""
        from workbench.adapt import adapt
        from workbench.context import Context

        ctx = self.context
        target = Context(stock=ctx.stock, climate=ctx.climate, workshop=ctx.workshop)
        try:
            self.proposal = adapt(self.design, target, source_context=ctx)
        except WorkbenchError as exc:
            self.proposal = None
            self.adapt_view.show_proposal(None, str(exc))
            return None
        self.adapt_view.show_proposal(self.proposal)
        return self.proposal

    def accept(self) -> None:
        """Set the form and the materials to the proposal, then rebuild."""
        a = self.proposal
        if a is None or not a.ok:
            return
        self.proposal = None
        self.adapt_view.show_proposal(None)
        self.form.design = a.design
        self.form.refresh(self.context, self.system)
        self.context_form.set_materials(dict(a.context.roles))  # rebuilds once
        if self.context == self.context_form.context and self.stale:
            self._rebuild()

    def dismiss(self) -> None:
        self.proposal = None
        self.adapt_view.show_proposal(None)

    def _list_variants(self) -> None:
        from workbench.variants import variants

        try:
            found = variants(self.design.id)
        except WorkbenchError as exc:
            found = []
            self.commons.error(str(exc))
        self.commons.list_variants(found, self.context,
                                   self.parent.slug if self.parent is not None else None)

    def start_from(self, slug: str) -> None:
        """Load a variant's values and materials (the place stays the current one)."""
        from workbench.variants import variants_dir, load_variant

        if slug == self.commons.NONE:
            self.parent = None
            self.form.design = type(self.design)()
            self.form.refresh(self.context, self.system)
            self._rebuild()
            return
        try:
            v = load_variant(variants_dir(self.design.id) / f"{slug}.toml", expect_design=self.design.id)
            design = v.design()
            roles = dict(v.context().roles)
        except WorkbenchError as exc:
            self.commons.error(str(exc))
            return
        self.parent = v
        self.form.design = design
        self.form.refresh(self.context, self.system)
        self.context_form.set_materials(roles)
        if self.stale:
            self._rebuild()
        self.commons.say(f'<div class="wb-note">{escape(v.slug)}: {escape(v.why)}</div>')

    def save_variant(self, name: str, why: str, author: str, overwrite: bool = False) -> Path | None:
        """Write the form as a variant file (lineage and geometry hash); the error beside the button."""
        from workbench.variants import save_variant

        try:
            path = save_variant(self.design, self.context, name=name.strip(), why=why,
                                author=author, parent=self.parent, overwrite=overwrite)
        except (WorkbenchError, OSError) as exc:
            self.commons.error(str(exc))
            return None
        self.saved = path
        self._list_variants()
        self.commons.links(_("Saved variant {name}").format(name=name.strip()), [path])
        return path

    def share(self, repo: str) -> "Bundle | None":
        """Write the commons bundle (folder and zip) of the saved variant, or of the form."""
        from workbench.bundle import make_bundle
        from workbench.variants import load_variant

        folder = Path(self.exports.folder.value or f"out/{self.design.id}")
        try:
            if self.saved is not None:
                v = load_variant(self.saved, expect_design=self.design.id)
                b = make_bundle(v.design(), v.context(), folder / f"{v.slug}-bundle", variant=v,
                                repo=repo or None, units=self.system, overwrite=True)
            else:
                name = self.commons.name.value.strip() or f"{self.design.id}-local"
                why = self.commons.why.value.strip() or "Shared from the workbench panel"
                b = make_bundle(self.design, self.context, folder / f"{name}-bundle",
                                variant=self.parent, name=None if self.parent else name, why=why,
                                author=self.commons.author.value or None, repo=repo or None,
                                units=self.system, overwrite=True)
        except (WorkbenchError, OSError) as exc:
            self.commons.error(str(exc))
            return None
        self.bundle = b
        self.commons.links(_("Bundle written:"), [b.folder, b.zip])
        return b

    def _report_failure(self, text: str) -> None:
        """A failure while showing a result: on the status line, never dropped."""
        self.error = text
        try:
            self._set_status("fail", text)
        except Exception:  # the status widget itself is gone (kernel shutting down)
            pass

    def _render(self) -> None:
        """Checks, status and export state for the current evaluation, error and unit system."""
        stale = self.stale
        ev = self.evaluation
        problems = misfits(ev, self.system) if ev is not None and not stale else []
        place = _("{stock} stock in a {climate} climate").format(stock=self.context.stock,
                                                                 climate=self.context.climate)
        self.adapt_view.show_problems(problems, place)
        # a slider still moving: its live checks are newer than the last build's
        live = stale and not self.error and self._live is not None \
            and self._live.design == self.design
        self.checks.show(self._live if live else self.evaluation, self.system)
        self.checks.mark_stale(stale and not live and self.evaluation is not None)
        self.viewer.mark_stale(stale and self.evaluation is not None)
        geo = self.evaluation.geometry if self.evaluation is not None else None
        if self.error:
            self._set_status("fail", self.error)
            why = _("Fix the error above first: the files would not match the form.")
        elif stale:  # built while a slider moved on: its own build follows when it rests
            self._set_status("busy", _("Building…"))
            why = ""
        else:
            self._set_status("ok", _("Up to date."))
            why = ""
        # stale but not failed: a build for the form's values runs or follows; an export waits
        self.exports.update(offered(geo), ready=not self.error and geo is not None, why=why)

    def _set_status(self, kind: str, text: str) -> None:
        self.status.value = (
            f'<div class="wb-status-{kind}" data-build="{self.builds}">'
            f"{escape(text, quote=False)}</div>"
        )

    def _export(self, fmt: Format, folder: Path) -> list[Path]:
        """Write `fmt` for the form's values: a build still running is waited for first."""
        self.wait()
        ev = self.evaluation
        if ev is None or ev.geometry is None or self.stale:
            from workbench.errors import ExportError

            raise ExportError("nothing up to date to export")
        return export(ev, [fmt], folder, ev.design.id)  # the evaluation: nesting needs its context
