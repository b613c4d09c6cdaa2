"""Adapt a design made in one place to another: local materials, local stock, the local climate.

`adapt(design_or_variant, target)` proposes the adapted design, each change explained, with the
checks before and after and a verdict. The rules, applied in this order (every step runs the one
flow of `workbench.evaluate`; nothing changes that need not):

1. **Materials.** A role's material that the place does not sell (no catalog item the role's
   stock parameters take lists it: a square tube, not an angle of the same steel), or that does
   not suit the role's process, is replaced by a local material
   of the same family that suits the process (plywood by plywood, PLA by another filament); the one
   whose checks pass with the most margin, else the one nearest in density and stiffness. If no
   material of the family is local, any local material that suits the process is taken the same way.
   A catalog that lists no item of the role's kinds cannot tell: the material stays.
2. **Stock.** A stock-bound value the place does not sell is replaced by the sold item its
   parameter's rule picks (`workbench.stockparams.Replace`: nearest by default, ties to the larger;
   next larger; next smaller). Geometry that follows from it (slots, holes, joints) follows through
   the build. A value that is a requirement (``replace=None``, the pipe an adapter must join) stays.
3. **Least change.** When a check still fails, the design's free parameters, the sold alternatives
   of its stock choices and the same-family local materials are searched for the passing variant
   with the least change from step 2's result. The change is a normalised distance: for a number,
   |new − old| / (max − min) of its hard bounds; for a stock choice, the number of catalog steps
   from the step-2 item over the number of items offered; a material change counts 1. Candidates
   are tried in order of that distance (then by name), so the first that passes is the least
   change. When no candidate of one or two changes passes, a **descent** over the declared free
   parameters and the same-family materials follows (`_descend`): it takes, one at a time, the
   move to a bound of its range (or the material) that most reduces the failing checks' excess
   over utilisation 1, until every check passes; then it walks each moved parameter back towards
   its value, a step grid bisection, as far as every check still passes. At most
   `DESCENT_EVALUATIONS` evaluations, so the result does not depend on the machine's speed.
   ``objective="mass"|"cost"|"carbon"`` instead takes the passing candidate with the least
   mass, cost or embodied carbon among those tried.

Values and roles the user pins (`keep`) never change. The same input gives the same proposal.
The verdict is ``adapted`` (every check passes), ``adapted-but-unverified`` (nothing fails, but
checks could not run for want of data: each is named with the data it lacks) or ``cannot`` (the
checks that still fail, and what was tried).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from enum import Enum
from html import escape
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from workbench.design import Design, Process
from workbench.errors import WorkbenchError
from workbench.params import _Numeric
from workbench.i18n import N_, fill_words
from workbench.stockparams import Replace, StockBound, stock_choice

if TYPE_CHECKING:
    from pathlib import Path

    from workbench.checks.result import CheckResult
    from workbench.context import Context, Material
    from workbench.evaluate import Evaluation
    from workbench.variants import Variant

MAX_CANDIDATES = 400
"""Least-change candidates evaluated at most (each is one evaluation)."""
TIME_BUDGET_S = 2.5
"""Seconds the least-change search may take: a person waits for it after a click."""
GRID = 12
"""Values tried on each side of a free parameter's value (at its step, else its range / 24)."""
DESCENT_EVALUATIONS = 48
"""Evaluations the descent (after the one- and two-change candidates found nothing) may take."""


class Verdict(str, Enum):
    """What an adaptation achieved."""

    ADAPTED = "adapted"
    UNVERIFIED = "adapted-but-unverified"
    CANNOT = "cannot"


class Objective(str, Enum):
    """What the search for a passing variant minimises."""

    LEAST_CHANGE = "least-change"
    MASS = "mass"
    COST = "cost"
    CARBON = "carbon"


OBJECTIVE_WORDS = {"least-change": N_("least-change"), "mass": N_("mass"), "cost": N_("cost"),
                   "carbon": N_("carbon")}
"""Each objective as a word in a reason ("the least mass"), translated where shown."""
RULE_WORDS = {"nearest": N_("nearest"), "next-larger": N_("next-larger"),
              "next-smaller": N_("next-smaller")}
"""Each replacement rule (`Replace`) as a word in a reason ("nearest sold: …")."""


@dataclass(frozen=True)
class Change:
    """One change of the proposal: `what` (a parameter or ``material.ROLE``), from, to, why."""

    what: str
    from_: str
    to: str
    why: str
    """In English: variant files and JSON keep it (`said` gives it in the reader's language)."""
    why_words: tuple[str, tuple[tuple[str, Any], ...], tuple[str, ...]] | None = field(
        default=None, compare=False)
    """`why` as (template, fields, catalog domains), for `said`."""

    def as_dict(self) -> dict[str, str]:
        return {"what": self.what, "from": self.from_, "to": self.to, "why": self.why}

    def said(self, locale: str | None = None) -> str:
        """`why` in `locale` (default: the current one): its template and words translated."""
        if self.why_words is None:
            return self.why
        template, fields, domains = self.why_words
        return fill_words(template, dict(fields), locale, domains)

    def label(self, design: Design, locale: str | None = None) -> str:
        """`what` as the form names it: the role's or the parameter's label, in `locale`."""
        from workbench.i18n import design_gettext

        cls = type(design)
        role = self.what.removeprefix("material.")
        if self.what.startswith("material.") and role in cls.roles:
            return design_gettext(design, cls.roles[role].label, locale)
        p = cls.params().get(self.what)
        return design_gettext(design, p.label, locale) if p is not None else self.what


def _change(what: str, from_: str, to: str, template: str, domains: tuple[str, ...] = (),
            **fields: Any) -> Change:
    """A change whose reason is the marked `template` filled with `fields` (English in `why`)."""
    return Change(what, from_, to, fill_words(template, fields, "en", domains),
                  (template, tuple(fields.items()), domains))


@dataclass(frozen=True)
class Adaptation:
    """A proposal: the adapted design in the target context, its changes, checks and verdict."""

    source: Design
    source_context: "Context"
    design: Design
    context: "Context"
    changes: tuple[Change, ...]
    before: tuple["CheckResult", ...]
    after: tuple["CheckResult", ...]
    verdict: Verdict
    evaluated: int
    notes: tuple[str, ...] = ()
    parent: "Variant | None" = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        """Whether there is a proposal to accept (adapted, or adapted but unverified)."""
        return self.verdict is not Verdict.CANNOT

    def values(self) -> dict[str, str]:
        """The adapted design's values as text (every parameter)."""
        params = self.design.params()
        return {n: params[n].to_text(v) for n, v in self.design.values.items()}

    def as_dict(self) -> dict[str, Any]:
        """What ``workbench adapt --json`` prints."""
        return {
            "verdict": self.verdict.value,
            "changes": [c.as_dict() for c in self.changes],
            "checks": [_check_dict(c) for c in self.after],
            "values": self.values(),
            "materials": dict(self.context.roles),
            "context": {"stock": self.context.stock, "climate": self.context.climate,
                        "workshop": self.context.workshop},
            "notes": list(self.notes),
            "evaluated": self.evaluated,
        }

    def summary(self) -> str:
        """One line: verdict, number of changes and failing or unverified checks."""
        from workbench.checks.result import status_word
        from workbench.i18n import _

        failing = [c.label() for c in self.after if _failed(c)]
        unverified = [c.label() for c in self.after if _cannot_run(c)]
        text = _("{design} for {stock} stock, {climate} climate: {verdict}, {count} change(s)"
                 ).format(design=self.design.id, stock=self.context.stock,
                          climate=self.context.climate, verdict=status_word(self.verdict),
                          count=len(self.changes))
        if failing:
            text += _("; still failing: {names}").format(names=", ".join(failing))
        if unverified:
            text += _("; not verified: {names}").format(names=", ".join(unverified))
        return text

    def report(self) -> str:
        """The change table and the check summary, as the CLI prints them."""
        from workbench.i18n import _

        lines = [self.summary()]
        if self.changes:
            lines.append(_("changes:"))
            for c in self.changes:
                lines.append(f"  {c.what}: {c.from_} -> {c.to}  ({c.said()})")
        else:
            lines.append(_("changes: none needed"))
        lines.append(_("checks (before -> after):"))
        before = {c.name: c for c in self.before}
        for c in self.after:
            b = before.get(c.name)
            was = f"{_status(b)} {utilisation_text(b)}" if b is not None else "-"
            lines.append(f"  {c.label()}: {was} -> {_status(c)} {utilisation_text(c)}")
            if _cannot_run(c) or _failed(c):
                lines.append(f"      {c.render()}")
        lines += [_("note: {text}").format(text=n) for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Adaptation {self.summary()}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape(c.what)}</td><td>{escape(c.from_)}</td><td>{escape(c.to)}</td>"
            f"<td>{escape(c.said())}</td></tr>" for c in self.changes
        ) or '<tr><td colspan="4">no change needed</td></tr>'
        before = {c.name: c for c in self.before}
        checks = "".join(
            f"<tr><td>{escape(c.label())}</td><td>{escape(_status(before.get(c.name)))}</td>"
            f"<td>{escape(_status(c))} {escape(utilisation_text(c))}</td></tr>" for c in self.after
        )
        return (
            f"<div><b>{escape(self.summary())}</b><table><tr><th>what</th><th>from</th><th>to</th>"
            f"<th>why</th></tr>{rows}</table><table><tr><th>check</th><th>before</th>"
            f"<th>after</th></tr>{checks}</table></div>"
        )

    def save(self, name: str, *, why: str, author: str, folder: "Path | None" = None,
             overwrite: bool = False) -> "Path":
        """Write the proposal as a variant file (child of the source variant, if any)."""
        from workbench.variants import save_variant

        if not self.ok:
            raise WorkbenchError(f"nothing to save: {self.summary()}")
        return save_variant(self.design, self.context, name=name, why=why, author=author,
                            parent=self.parent, folder=folder, overwrite=overwrite)


# -- check classification ---------------------------------------------------------------------------
def _status(c: "CheckResult | None") -> str:
    if c is None:
        return "-"
    from workbench.checks.result import status_word
    from workbench.i18n import _

    if _cannot_run(c):
        return _("cannot run (needs {lacks})").format(lacks=c.lacking())
    return status_word(c.status)


def utilisation_text(c: "CheckResult | None") -> str:
    """A check's utilisation to two decimals in the current locale ("0,59"); "" when none."""
    from workbench.i18n import two_decimals

    if c is None or c.utilisation is None or math.isnan(c.utilisation):
        return ""
    return two_decimals(c.utilisation)


def _check_dict(c: "CheckResult") -> dict[str, Any]:
    """A check as ``adapt --json`` prints it: the keys and statuses of ``check --json``."""
    u = c.utilisation
    return {"name": c.name, "status": str(c.status.value),
            "utilisation": None if u is None or math.isnan(u) else round(u, 4),
            "message": c.message, "load_bearing": c.load_bearing, "ran": c.ran, "lacks": c.lacks}


def _failed(c: "CheckResult") -> bool:
    return str(c.status.value) == "fail"


def _cannot_run(c: "CheckResult") -> bool:
    """A check that could not run for want of data (`CheckResult.missing`)."""
    return not c.ran


def _worst(checks: Sequence["CheckResult"]) -> float:
    values = [c.utilisation for c in checks
              if c.utilisation is not None and not math.isnan(c.utilisation)]
    return max(values, default=0.0)


# -- materials ----------------------------------------------------------------------------------------
_PROCESS_KINDS = {Process.PRINT: ("filament",), Process.CUT: ("sheet",),
                  Process.FRAME: ("section", "tube")}


FAMILY_WORDS = {"plywood": N_("plywood"), "fibreboard": N_("fibreboard"),
                "sawn-softwood": N_("sawn-softwood"), "sawn-hardwood": N_("sawn-hardwood"),
                "bamboo": N_("bamboo"), "structural-steel": N_("structural-steel"),
                "aluminium": N_("aluminium"), "rigid-plastic": N_("rigid-plastic"),
                "filament": N_("filament")}
"""Each material family (`workbench.context.materials.MaterialFamily`) as a word in a reason."""


def family(m: "Material") -> str:
    """A material's family (``plywood``, ``filament`` …): its data's `family`, else its kind."""
    fam = getattr(m, "family", None)
    return str(getattr(fam, "value", fam)) if fam else m.kind.value


def _role_kinds(cls: type[Design], role: str) -> tuple[str, ...]:
    """The stock kinds a role's parts are made from, by its process (for roles without stock
    parameters; a role with them is asked through the stock protocol, `sold_for_role`)."""
    return _PROCESS_KINDS.get(cls.roles[role].process, ())


def sold_here(material_id: str, kinds: Iterable[str], ctx: "Context") -> bool | None:
    """Whether the place's catalog sells `material_id` as any of `kinds` (stock kinds such as
    ``"tube"``, of any shape); None when it lists no item of those kinds at all (it cannot tell)."""
    catalog = ctx.stock_catalog
    if not any(catalog.of_kind(k) for k in kinds):
        return None
    return any(catalog.of_kind(k, material_id) for k in kinds)


def sold_for_role(cls: type[Design], role: str, material_id: str, ctx: "Context") -> bool | None:
    """Whether the place sells `material_id` in a form the role's stock parameters take (a square
    tube, not an angle of the same steel); None when it sells nothing those parameters offer. A
    role without stock parameters falls back to `sold_here` over its process's kinds."""
    params = [p for p in cls.params().values() if isinstance(p, StockBound) and p.role == role]
    if not params:
        return sold_here(material_id, _role_kinds(cls, role), ctx)
    if not any(p.offered(ctx, None) for p in params):
        return None
    return any(p.offered(ctx, material_id) for p in params)


def _closeness(a: "Material", b: "Material") -> float:
    """How far two materials are apart in density and stiffness (log ratios; unknown counts 1)."""
    out = 0.0
    for attr in ("density", "E"):
        x, y = getattr(a, attr, None), getattr(b, attr, None)
        if x is None or y is None:
            out += 1.0
        else:
            out += abs(math.log(float(y.to(x.units).magnitude) / float(x.magnitude)))
    return out


def local_materials(cls: type[Design], role: str, ctx: "Context", current: "Material"
                    ) -> tuple[list["Material"], list["Material"]]:
    """Local materials that suit the role's process: (same family as `current`, every other)."""
    from workbench.context import materials

    process = cls.roles[role].process
    same, other = [], []
    for m in materials().values():
        if m.id == current.id or process not in m.processes:
            continue
        if sold_for_role(cls, role, m.id, ctx) is False:
            continue
        (same if family(m) == family(current) else other).append(m)
    key = lambda m: (_closeness(current, m), m.id)  # noqa: E731
    return sorted(same, key=key), sorted(other, key=key)


# -- the proposal -----------------------------------------------------------------------------------
@dataclass
class _Search:
    cls: type[Design]
    keep: frozenset[str]
    evaluated: int = 0
    started: float = field(default_factory=time.perf_counter)

    def evaluate(self, design: Design, ctx: "Context") -> "Evaluation":
        from workbench.evaluate import evaluate

        self.evaluated += 1
        return evaluate(design, ctx, build=self.cls.checks_need_geometry, lenient=True)

    def try_(self, values: Mapping[str, Any], ctx: "Context"
             ) -> "tuple[Design, Evaluation] | None":
        try:
            design = self.cls(**values)
            return design, self.evaluate(design, ctx)
        except WorkbenchError:
            return None

    def out_of_time(self) -> bool:
        return time.perf_counter() - self.started > TIME_BUDGET_S


def _text(design: Design, name: str, value: Any) -> str:
    return design.params()[name].to_text(value)


def _passes(checks: Sequence["CheckResult"]) -> bool:
    return not any(_failed(c) for c in checks)


def adapt(
    source: "Design | str | Variant",
    target: "Context",
    *,
    source_context: "Context | None" = None,
    objective: Objective | str = Objective.LEAST_CHANGE,
    keep: Iterable[str] = (),
) -> Adaptation:
    """Propose `source` (a design, a design id or a variant) adapted to the place `target`.

    `target` names the stock catalog, climate and workshop; a material it names for a role is
    taken as pinned. `source_context` is where the source was made (a variant's own context when
    None). `keep` pins parameters (``width``) and roles (``material.panel``). See the module doc.
    """
    from workbench import catalog
    from workbench.context import Context, material
    from workbench.variants import Variant

    goal = Objective(objective) if isinstance(objective, str) else objective
    parent: Variant | None = None
    if isinstance(source, Variant):
        parent = source
        design = source.design()
        source_context = source_context or source.context()
    elif isinstance(source, str):
        design = catalog.get(source)()
    else:
        design = source
    source_context = (source_context or Context()).validate()
    target = target.validate()
    cls = type(design)
    params = cls.params()
    keep = frozenset(keep)
    for k in keep:
        name = k.removeprefix("material.")
        if (k.startswith("material.") and name not in cls.roles) or (
                not k.startswith("material.") and k not in params):
            raise WorkbenchError(
                f"--keep {k}: not a parameter or material role of {cls.id}; known: "
                f"{', '.join([*params, *(f'material.{r}' for r in cls.roles)])}")
    search = _Search(cls, keep)
    changes: list[Change] = []
    notes: list[str] = []

    # 0. the design as it is, in the target place, with the source's materials
    pinned_roles = {r for r in cls.roles if f"material.{r}" in keep or r in target.materials}
    roles = {r: target.roles.get(r) if r in target.materials else
             source_context.roles.get(r, spec.default) for r, spec in cls.roles.items()}
    ctx = target.evolve(materials=roles)
    before = search.evaluate(design, ctx).checks
    used = _roles_built(design, ctx)

    # 1. materials
    for role in cls.roles:
        current = material(roles[role])
        if role in pinned_roles or role not in used:
            continue  # pinned, or no part of this form of the design is made of it
        suits = cls.roles[role].process in current.processes
        sold = sold_for_role(cls, role, current.id, ctx)
        if suits and sold is not False:
            continue
        same, other = local_materials(cls, role, ctx, current)
        pick = _pick_material(search, design, ctx, role, same) or _pick_material(
            search, design, ctx, role, other)
        process = cls.roles[role].process.value
        said = {"material": current.name, "process": process, "catalog": ctx.stock_catalog.name}
        if pick is None:
            notes.append(f"material.{role}: " + fill_words(
                N_("{material} does not suit {process}, and no local material suits {process}")
                if not suits else N_("{material} is not sold in {catalog} stock, and no local "
                                     "material suits {process}"), said))
            continue
        said.update(family=FAMILY_WORDS.get(family(pick), family(pick)), pick=pick.name)
        if pick in same:
            why = (N_("{material} does not suit {process}; local {family} (same family): {pick}")
                   if not suits else N_("{material} is not sold in {catalog} stock; local "
                                        "{family} (same family): {pick}"))
        else:
            why = (N_("{material} does not suit {process}; local {family} (no local material "
                      "of its family; suits the process): {pick}") if not suits else
                   N_("{material} is not sold in {catalog} stock; local {family} (no local "
                      "material of its family; suits the process): {pick}"))
        changes.append(_change(f"material.{role}", current.id, pick.id, why, **said))
        roles[role] = pick.id
        ctx = ctx.evolve(materials=roles)

    # 2. stock the place does not sell
    values = dict(design.values)
    adapted = design
    for name, p in params.items():
        if not isinstance(p, StockBound) or name in keep or p.replace is None:
            continue
        if not p.is_visible(adapted):  # type: ignore[attr-defined]
            continue
        mat = material(roles[p.role]) if p.role is not None else None
        value = values[name]
        if p.sold_item(value, ctx, mat) is not None:
            continue
        item = p.replacement(value, ctx, mat)
        if item is None:
            notes.append(p.not_sold(value, ctx, mat))
            continue
        new = p.value_of(item)
        rule = p.replace
        _unused, said = p.not_sold_words(value, ctx, mat)
        said = {k: v for k, v in said.items() if k in ("value", "size", "material", "catalog")}
        said["catalog"] = ctx.stock_catalog.name
        changes.append(_change(
            name, _text(design, name, value), _text(design, name, new),
            N_("{value} is not sold in {catalog} stock; {rule} sold: {item}"),
            rule=RULE_WORDS[rule.value], item=item.label, **said))
        values[name] = new
        try:
            adapted = cls(**values)
        except WorkbenchError as exc:
            notes.append(fill_words(N_("{name}: the replacement breaks a rule: {error}"),
                                    {"name": name, "error": str(exc)}))
            values[name] = value
            changes.pop()
    ev = search.evaluate(adapted, ctx)

    # 3. least change that passes (or the objective)
    if not _passes(ev.checks) or goal is not Objective.LEAST_CHANGE:
        found = _least_change(search, adapted, ctx, roles, pinned_roles, goal, ev)
        if found is not None:
            new_design, new_ctx, new_ev = found
            template, domains, said = _why_search(ev, goal)
            for name, p in params.items():
                old_v, new_v = adapted.values[name], new_design.values[name]
                if p.canonical(old_v) != p.canonical(new_v):
                    changes = [c for c in changes if c.what != name] + [_change(
                        name, _text(design, name, design.values[name]),
                        _text(design, name, new_v), template, domains, **said)]
            for role in cls.roles:
                if new_ctx.roles[role] != ctx.roles[role]:
                    changes = [c for c in changes if c.what != f"material.{role}"] + [_change(
                        f"material.{role}", roles.get(role, ""), new_ctx.roles[role],
                        template, domains, **said)]
            adapted, ctx, ev = new_design, new_ctx, new_ev
    after = ev.checks
    if not _passes(after):
        verdict = Verdict.CANNOT
        notes.append(fill_words(
            N_("tried {count} variants: local materials of each role's family, the sold stock, "
               "and free parameters {free}"),
            {"count": str(search.evaluated),
             "free": ", ".join(cls.free_parameters) or N_("(none declared)")}))
    elif any(_cannot_run(c) for c in after):
        verdict = Verdict.UNVERIFIED
    else:
        verdict = Verdict.ADAPTED
    # changes in declaration order: materials first, then parameters
    order = [f"material.{r}" for r in cls.roles] + list(params)
    changes.sort(key=lambda c: order.index(c.what) if c.what in order else len(order))
    return Adaptation(design, source_context, adapted, ctx, tuple(changes), tuple(before),
                      tuple(after), verdict, search.evaluated, tuple(notes), parent)


def _roles_built(design: Design, ctx: "Context") -> set[str]:
    """The roles the design's parts are made of in its current form (one build, cached)."""
    from workbench.evaluate import evaluate

    try:
        geo = evaluate(design, ctx, lenient=True).geometry
    except WorkbenchError:
        return set(type(design).roles)
    return {p.role for p in geo.parts} if geo is not None else set(type(design).roles)


def _why_search(ev: "Evaluation", goal: Objective) -> tuple[Any, ...]:
    """The reason of a change the search made, as `_change`'s template, domains and fields."""
    failing = [c for c in ev.checks if _failed(c)]
    goal_word = OBJECTIVE_WORDS[goal.value]
    if failing:
        worst = max(failing, key=lambda c: c.utilisation if not math.isnan(c.utilisation) else 0)
        domains = worst.domains  # the check's name in its design's catalog
        util = float(worst.utilisation)
        if goal is Objective.LEAST_CHANGE:
            return (N_("{check} failed at utilisation {utilisation}; the least change that "
                       "passes every check"), domains, {"check": worst.name, "utilisation": util})
        return (N_("{check} failed at utilisation {utilisation}; the least change that passes "
                   "every check with the least {goal}"), domains,
                {"check": worst.name, "utilisation": util, "goal": goal_word})
    return N_("least {goal} of the variants that pass every check"), (), {"goal": goal_word}


def _pick_material(search: _Search, design: Design, ctx: "Context", role: str,
                   options: list["Material"]) -> "Material | None":
    """The first option whose checks pass (in closeness order), else the closest one."""
    if not options:
        return None
    for m in options:
        ev = search.evaluate(design, ctx.evolve(materials={**ctx.roles, role: m.id}))
        # stock not sold yet is step 2's to replace: judge the material by the other checks
        if _passes([c for c in ev.checks if not c.name.startswith("sold locally")]):
            return m
        if search.out_of_time():
            break
    return options[0]


def _numeric_moves(design: Design, name: str) -> list[tuple[float, Any]]:
    """(normalised distance, value) of values of free parameter `name` around its value."""
    p = design.params()[name]
    assert isinstance(p, _Numeric) and p.min is not None and p.max is not None
    span = p.max - p.min
    if span <= 0:
        return []
    x = float(design.values[name].m_as(p.unit))
    step = p.step or span / (2 * GRID)
    out = []
    for k in range(1, GRID + 1):
        for sign in (1, -1):
            v = round(x + sign * k * step, 9)
            if p.step:
                v = round(round(v / p.step) * p.step, 9)
            if p.min - 1e-9 <= v <= p.max + 1e-9 and abs(v - x) > 1e-12:
                out.append((abs(v - x) / span, f"{v!r} {p.unit}"))
    return out


def _stock_moves(design: Design, name: str, ctx: "Context") -> list[tuple[float, Any]]:
    """(distance, value) of the other sold items of stock choice `name`."""
    from workbench.context import material

    p = design.params()[name]
    assert isinstance(p, StockBound)
    mat = material(ctx.roles[p.role]) if p.role is not None else None
    items = p.offered(ctx, mat)
    here = p.sold_item(design.values[name], ctx, mat)
    if here is None or not items:
        return []
    i0 = next(i for i, it in enumerate(items) if it.id == here.id)
    return [(abs(i - i0) / len(items), p.value_of(it)) for i, it in enumerate(items) if i != i0]


def _least_change(search: _Search, design: Design, ctx: "Context", roles: dict[str, str],
                  pinned_roles: set[str], goal: Objective, ev0: "Evaluation"
                  ) -> "tuple[Design, Context, Evaluation] | None":
    """The candidate nearest `design` that passes (or the best by `goal`), None when none does."""
    from workbench.context import material

    cls = type(design)
    moves: list[tuple[str, list[tuple[float, Any]]]] = []
    for name in cls.free_parameters:
        if name not in search.keep:
            moves.append((name, _numeric_moves(design, name)))
    for name, p in cls.params().items():
        if stock_choice(p) and name not in search.keep and p.is_visible(design):  # type: ignore[attr-defined]
            moves.append((name, _stock_moves(design, name, ctx)))
    used = _roles_built(design, ctx)
    for role in cls.roles:
        if role in pinned_roles or role not in used:
            continue
        same, _ = local_materials(cls, role, ctx, material(roles[role]))
        moves.append((f"material.{role}", [(1.0, m.id) for m in same]))
    moves = [(n, m) for n, m in moves if m]
    if goal is Objective.LEAST_CHANGE:
        moves = [(n, m) for n, m in moves if _matters(search, design, ctx, ev0, n, m)]
    if not moves:
        return None
    # candidates changing one or two things, nearest first (then by name for determinism)
    candidates: list[tuple[float, tuple[tuple[str, Any], ...]]] = []
    for (n, opts) in moves:
        candidates += [(d, ((n, v),)) for d, v in opts]
    for (n1, o1), (n2, o2) in itertools.combinations(moves, 2):
        candidates += [(d1 + d2, ((n1, v1), (n2, v2))) for (d1, v1), (d2, v2)
                       in itertools.product(o1[:GRID], o2[:GRID])]
    candidates.sort(key=lambda c: (round(c[0], 9), repr(c[1])))
    best: tuple[float, float, Design, "Context", "Evaluation"] | None = None
    for count, (dist, change) in enumerate(candidates):
        if count >= MAX_CANDIDATES or search.out_of_time():
            break
        if best is not None and goal is Objective.LEAST_CHANGE:
            break
        values, new_ctx = _apply(design, ctx, change)
        got = search.try_(values, new_ctx)
        if got is None or not _passes(got[1].checks):
            continue
        amount = _amount(got[1], goal)
        if goal is not Objective.LEAST_CHANGE and amount is None:
            continue
        score = (dist if goal is Objective.LEAST_CHANGE else amount, dist)
        if best is None or score < (best[0], best[1]):
            best = (score[0], score[1], got[0], new_ctx, got[1])
    if best is None and goal is Objective.LEAST_CHANGE:
        return _descend(search, design, ctx, ev0, [n for n, _ in moves])
    if goal is not Objective.LEAST_CHANGE and _passes(ev0.checks):
        a0 = _amount(ev0, goal)
        if a0 is not None and (best is None or a0 <= best[0]):
            return None  # the step-2 design is already the best found
    return None if best is None else (best[2], best[3], best[4])


def _excess(checks: Sequence["CheckResult"]) -> float:
    """How far the failing checks are from passing: the sum of (utilisation − 1) over them, a
    failing check without a finite utilisation counting 1."""
    out = 0.0
    for c in checks:
        if _failed(c):
            u = c.utilisation
            out += u - 1.0 if u is not None and math.isfinite(u) and u > 1.0 else 1.0
    return out


def _step_values(design: Design, name: str, to: float) -> list[Any]:
    """Values of numeric parameter `name` from its value towards `to`, at its step (else 1/24 of its
    range), nearest first, ending at `to`."""
    p = design.params()[name]
    assert isinstance(p, _Numeric) and p.min is not None and p.max is not None
    x = _as_float(design, name)
    step = p.step or (p.max - p.min) / (2 * GRID)
    n = max(1, math.ceil(abs(to - x) / step - 1e-9))
    sign = 1.0 if to > x else -1.0
    out = []
    for k in range(1, n + 1):
        v = to if k == n else round(x + sign * k * step, 9)
        out.append(_numeric_value(p, v))
    return out


def _numeric_value(p: Any, v: float) -> Any:
    return f"{v!r} {p.unit}" if getattr(p, "unit", None) else (int(v) if float(v).is_integer() else v)


def _descend(search: _Search, design: Design, ctx: "Context", ev0: "Evaluation",
             names: Sequence[str]) -> "tuple[Design, Context, Evaluation] | None":
    """Greedy moves of the free parameters (to a bound) and materials (to a same-family one) that
    most reduce `_excess`, until every check passes; then each moved parameter bisected back
    towards its value while every check passes. None when no passing variant is reached."""
    from workbench.context import material

    cls = type(design)
    budget = [DESCENT_EVALUATIONS]

    def run(values: Mapping[str, Any], c: "Context") -> "tuple[Design, Evaluation] | None":
        if budget[0] <= 0:
            return None
        budget[0] -= 1
        return search.try_(values, c)

    free = [n for n in names if n in cls.free_parameters]
    roles = [n.removeprefix("material.") for n in names if n.startswith("material.")]
    cur, cur_ctx, cur_ev = design, ctx, ev0
    moved: list[str] = []
    while not _passes(cur_ev.checks):
        best: tuple[float, str, Design, "Context", "Evaluation"] | None = None
        for name in free:
            if name in moved:
                continue
            p = cls.params()[name]
            for bound in (p.min, p.max):
                got = run({**cur.values, name: _numeric_value(p, bound)}, cur_ctx)
                if got is not None and (best is None or _excess(got[1].checks) < best[0]):
                    best = (_excess(got[1].checks), name, got[0], cur_ctx, got[1])
        for role in roles:
            if f"material.{role}" in moved:
                continue
            same, _ = local_materials(cls, role, cur_ctx, material(cur_ctx.roles[role]))
            for m in same:
                c = cur_ctx.evolve(materials={**cur_ctx.roles, role: m.id})
                got = run(cur.values, c)
                if got is not None and (best is None or _excess(got[1].checks) < best[0]):
                    best = (_excess(got[1].checks), f"material.{role}", got[0], c, got[1])
        if best is None or best[0] >= _excess(cur_ev.checks):
            return None
        moved.append(best[1])
        cur, cur_ctx, cur_ev = best[2], best[3], best[4]
    # walk each moved parameter back towards its value: the nearest value that still passes
    for name in moved:
        if name.startswith("material."):
            continue
        options = [cur.values[name], *_step_values(cur, name, _as_float(design, name))]
        lo, hi, found = 0, len(options), {}  # options[lo] passes; options[hi:] fail or untried
        while hi - lo > 1:
            mid = (lo + hi) // 2
            got = run({**cur.values, name: options[mid]}, cur_ctx)
            if got is not None and _passes(got[1].checks):
                lo, found[mid] = mid, got
            else:
                hi = mid
        if lo > 0:
            cur, cur_ev = found[lo]
    return cur, cur_ctx, cur_ev


def _as_float(design: Design, name: str) -> float:
    p = design.params()[name]
    v = design.values[name]
    return float(v.m_as(p.unit)) if hasattr(v, "m_as") else float(v)


def _apply(design: Design, ctx: "Context", change: Sequence[tuple[str, Any]]
           ) -> tuple[dict[str, Any], "Context"]:
    values = dict(design.values)
    roles = dict(ctx.roles)
    for n, v in change:
        if n.startswith("material."):
            roles[n.removeprefix("material.")] = v
        else:
            values[n] = v
    return values, ctx.evolve(materials=roles)


def _matters(search: _Search, design: Design, ctx: "Context", ev0: "Evaluation", name: str,
             options: list[tuple[float, Any]]) -> bool:
    """Whether changing `name` can move a failing check at all: its farthest options (and every
    material) are tried; a change that leaves every failing check's utilisation as it was is
    dropped from the search (the bracket's width cannot cool PLA in a hot shed)."""
    failing = {c.name: c.utilisation for c in ev0.checks if _failed(c)}
    if not failing:
        return True
    probes = options if name.startswith("material.") else sorted(options, key=lambda o: -o[0])[:2]
    if not name.startswith("material."):  # the farthest on each side of the value
        probes = [max(options, key=lambda o: (o[0], repr(o[1])))]
        probes += [o for o in options if o[1] != probes[0][1]][-1:]
    for _, v in probes:
        values, new_ctx = _apply(design, ctx, [(name, v)])
        got = search.try_(values, new_ctx)
        if got is None:
            continue
        now = {c.name: c.utilisation for c in got[1].checks}
        if any(n not in now or not _same(now[n], u) for n, u in failing.items()):
            return True
    return False


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _amount(ev: "Evaluation", goal: Objective) -> float | None:
    if goal is Objective.LEAST_CHANGE:
        return 0.0
    if ev.geometry is None:
        from workbench.evaluate import evaluate

        ev = evaluate(ev.design, ev.resolved.context, lenient=True)
    q = {Objective.MASS: ev.mass, Objective.COST: ev.cost, Objective.CARBON: ev.carbon}[goal]
    return None if q is None else float(q.magnitude)


__all__ = ["Adaptation", "Change", "Objective", "Verdict", "adapt", "family", "local_materials",
           "sold_here"]
