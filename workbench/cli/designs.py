"""Commands about the designs themselves: `list`, `show`, `check`, `new`, `validate`."""

from __future__ import annotations

import argparse
from typing import Any

from workbench.i18n import _
from workbench.i18n import design_gettext
from workbench.cli._common import (
    EnumChoices, _context, _context_args, _design, _design_args, _json_arg, note, print_json,
)


def cmd_list(args: argparse.Namespace) -> int:
    """The designs, one a line (or ``--json``); designs that fail to load are named on stderr."""
    from workbench import catalog

    entries = catalog.entries()
    problems = catalog.problems()
    for problem in problems:
        note(_("broken: {problem}").format(problem=problem))
    if not entries:
        note(_("no designs found"))
    if args.json:
        print_json({
            "designs": [{"id": design_id, "version": e.cls.version, "title": e.cls.title,
                         "summary": e.cls.summary} for design_id, e in entries.items()],
            "problems": [str(p) for p in problems],
        })
        return 0
    width = max((len(i) for i in entries), default=0)
    for design_id, entry in entries.items():
        cls = entry.cls
        print(f"{design_id:<{width}}  {cls.version:<7} {design_gettext(cls, cls.title)}")
    return 0


def _param_dict(p: Any, cls: Any = None) -> dict[str, Any]:
    """One parameter as ``show --json`` prints it; bounds in the parameter's own unit. The
    machine fields (name, group, kind, unit, option values) stay as declared; `label` and
    `help` are in the chosen language when `cls` (the design) is given."""
    options = getattr(p, "options", None)
    word = (lambda text: design_gettext(cls, text)) if cls is not None else (lambda text: text)
    return {
        "name": p.name, "label": word(p.label), "group": p.group, "kind": p.kind,
        "unit": getattr(p, "unit", None) or None,
        "default": p.describe_default(), "allowed": p.describe_allowed() or None,
        "min": getattr(p, "min", None), "max": getattr(p, "max", None),
        "options": list(options) if options is not None else None,
        "help": word(p.help),
    }


def cmd_show(args: argparse.Namespace) -> int:
    from workbench import catalog

    cls = catalog.get(args.design)

    def word(text: str) -> str:  # the design's words in the chosen language (its catalog)
        return design_gettext(cls, text)

    if args.json:
        print_json({
            "id": cls.id, "version": cls.version, "title": word(cls.title),
            "summary": word(cls.summary),
            "license": cls.license, "authors": list(cls.authors), "parent": cls.parent or None,
            "roles": {role: {"label": word(spec.label), "process": spec.process.value,
                             "default": spec.default, "help": word(spec.help)}
                      for role, spec in cls.roles.items()},
            "parameters": [_param_dict(p, cls) for params in cls.groups().values()
                           for p in params],
        })
        return 0
    print(f"{cls.id} {cls.version}: {word(cls.title)}")
    print(f"  {word(cls.summary)}")
    print("  " + _("license {license}; authors {authors}").format(
        license=cls.license, authors=", ".join(cls.authors)))
    if cls.parent:
        print("  " + _("derived from {parent}").format(parent=cls.parent))
    if cls.roles:
        print(_("material roles:"))
        default_word = _("default")
        for role, spec in cls.roles.items():
            said = word(spec.label) + (f" — {word(spec.help)}" if spec.help else "")
            print(f"  {role:<12} {spec.process.value:<6} {default_word} {spec.default}  {said}")
    default_word, allowed_word = _("default"), _("allowed")
    for group, params in cls.groups().items():
        print(f"{word(group)}:")
        for p in params:
            allowed = p.describe_allowed()
            print(f"  {p.name:<14} {p.kind:<15} {default_word} {p.describe_default():<10}"
                  f"{'  ' + allowed_word + ' ' + allowed if allowed else ''}")
            print(f"  {'':<14} {word(p.label)}{' — ' + word(p.help) if p.help else ''}")
    return 0


EXIT_CHECK_FAILED = 1
"""`check --strict`: a check fails, or a load-bearing check cannot run (verdict 'unverified')."""


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 whatever the verdict (the table says it), unless --strict: then 1 when the verdict
    is 'fail' or 'unverified'; 2 for a user error."""
    from workbench.evaluate import evaluate
    from workbench.report import check_table, evaluation_dict
    from workbench.suggest import alternatives, used_roles

    design, ctx = _design(args), _context(args)
    ev = evaluate(design, ctx, lenient=True)  # what the place does not sell is a failing check
    options = {}
    if ev.status == "fail":
        options = {role: alternatives(design, ctx, role) for role in used_roles(ev)}
    if args.json:
        data = evaluation_dict(ev)
        data["alternatives"] = {
            role: [{"material": a.material, "status": a.status} for a in alts]
            for role, alts in options.items()
        }
        print_json(data)
    else:
        from workbench.checks.result import status_word
        from workbench.units import set_inch_fraction

        set_inch_fraction(args.inch_fraction)
        print(check_table(ev, system=args.units))
        for role, alts in options.items():
            shown = ", ".join(a.material + (f" ({status_word(a.status)})"
                                            if a.status != "pass" else "") for a in alts)
            print(_("materials for role '{role}' with which no check fails here: {materials}")
                  .format(role=role, materials=shown or _("none")))
    if args.strict and ev.status in ("fail", "unverified"):
        note(_("workbench: check --strict: verdict {verdict}").format(verdict=ev.status))
        return EXIT_CHECK_FAILED
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from workbench import catalog
    from workbench.scaffold import scaffold

    folder = scaffold(args.name, catalog.designs_dir(), title=args.title, author=args.author)
    catalog.refresh()
    print(folder)
    note(_("next: edit {file}, then run: {command}").format(
        file=folder / "design.py", command=f"workbench validate {args.name}"))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 when every design passes, 1 when any fails (or fails to load), 2 on a user error.

    The reports are the data (stdout); designs that fail to load are also named on stderr.
    """
    from dataclasses import asdict

    from workbench import catalog
    from workbench.validate import validate_design

    ids = args.designs or list(catalog.entries())
    classes = [catalog.get(i) for i in ids]  # unknown ids fail before any work
    ctx = _context(args)
    problems = [str(p) for p in catalog.problems()]
    for problem in problems:
        note(_("broken: {problem}").format(problem=problem))
    reports = []
    for cls in classes:
        report = validate_design(cls, ctx, n_samples=args.samples, seed=args.seed, exports=True,
                                 with_variants=True)
        reports.append(report)
        if not args.json:
            print("\n".join(report.lines()), flush=True)
    ok = not problems and all(r.ok for r in reports)
    if args.json:
        print_json({"ok": ok, "problems": problems,
                    "designs": [{**asdict(r), "ok": r.ok} for r in reports]})
    return 0 if ok else 1


def add_commands(sub: Any) -> None:
    """Add this group's commands to the `workbench` subparsers `sub`."""
    p = sub.add_parser("list", help=_("list the designs"))
    _json_arg(p, _("print JSON instead of lines"))
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show",
                       help=_("a design's parameters with units, defaults, bounds and help"))
    p.add_argument("design")
    _json_arg(p, _("print JSON instead of text"))
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("check", help=_("run the engineering checks of a design in a local context"))
    _design_args(p)
    _json_arg(p)
    p.add_argument("--strict", action="store_true",
                   help=_("exit 1 when a check fails or a load-bearing check cannot run (for CI)"))
    p.add_argument("--units", default="metric", choices=EnumChoices("workbench.units:UnitSystem"))
    p.add_argument("--inch-fraction", type=int, default=16, choices=(16, 32, 64),
                   help=_("imperial lengths to the nearest 1/N inch (default 16)"))
    _context_args(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help=_("scaffold a new design folder that passes validation"))
    p.add_argument("name", help=_("design id, e.g. pump-bracket"))
    p.add_argument("--title", help=_("human title (default: from the name)"))
    p.add_argument("--author", default="Your name", help=_("who makes it"))
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("validate", help=_("what the test suite checks of designs, with a report"))
    p.add_argument("designs", nargs="*", metavar="DESIGN", help=_("default: every design"))
    p.add_argument("--samples", type=int, default=20, help=_("random value sets (default 20)"))
    p.add_argument("--seed", type=int, default=0)
    _json_arg(p, _("print JSON instead of the reports"))
    p.set_defaults(func=cmd_validate, design=None, set=None)
    _context_args(p)
