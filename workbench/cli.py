"""The `workbench` command. `list` and `show` import neither CadQuery nor pint.

Every user error prints one line (``workbench: error: …``) and exits with status 2, without a
traceback and without leaving a partial file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from workbench.errors import WorkbenchError

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, status 2, like every other user error
        raise WorkbenchError(f"{self.prog}: {message}")


def _pairs(items: Sequence[str] | None, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise WorkbenchError(f"{what} '{item}' is not NAME=VALUE")
        out[name.strip()] = value.strip()
    return out


def _context_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--material", action="append", metavar="ROLE=ID", help="material per role")
    p.add_argument("--stock", metavar="CATALOG", help="stock catalog (e.g. eu-metric, us-customary)")
    p.add_argument("--climate", metavar="NAME", help="climate profile")
    p.add_argument("--workshop", metavar="NAME", help="workshop profile")


def _design(args: argparse.Namespace) -> Any:
    from workbench import catalog

    cls = catalog.get(args.design)
    return cls(**_pairs(args.set, "--set"))


def _context(args: argparse.Namespace) -> Any:
    from workbench.context import Context

    changes: dict[str, Any] = {}
    if args.material:
        changes["materials"] = _pairs(args.material, "--material")
    for name in ("stock", "climate", "workshop"):
        if getattr(args, name, None):
            changes[name] = getattr(args, name)
    return Context(**changes)


# -- commands ---------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    from workbench import catalog

    entries = catalog.entries()
    width = max((len(i) for i in entries), default=0)
    for design_id, entry in entries.items():
        cls = entry.cls
        print(f"{design_id:<{width}}  {cls.version:<7} {cls.title}")
    for problem in catalog.problems():
        print(f"broken: {problem}", file=sys.stderr)
    if not entries:
        print("no designs found", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from workbench import catalog

    cls = catalog.get(args.design)
    print(f"{cls.id} {cls.version}: {cls.title}")
    print(f"  {cls.summary}")
    print(f"  license {cls.license}; authors {', '.join(cls.authors)}")
    if cls.parent:
        print(f"  derived from {cls.parent}")
    if cls.roles:
        print("material roles:")
        for role, spec in cls.roles.items():
            print(f"  {role:<12} {spec.process.value:<6} default {spec.default}  {spec.help}")
    for group, params in cls.groups().items():
        print(f"{group}:")
        for p in params:
            allowed = p.describe_allowed()
            print(f"  {p.name:<14} {p.kind:<15} default {p.describe_default():<10}"
                  f"{'  allowed ' + allowed if allowed else ''}")
            if p.help:
                print(f"  {'':<14} {p.help}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from workbench.evaluate import evaluate
    from workbench.export import Format, Options, Tolerance, export

    formats = [Format.parse(f) for f in args.format.split(",") if f.strip()]
    design = _design(args)
    ev = evaluate(design, _context(args))
    assert ev.geometry is not None
    paths = export(ev.geometry, formats, Path(args.out), args.name or design.id,
                   Options(tolerance=Tolerance(args.tolerance)))
    for path in paths:
        print(path)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 whatever the verdict (the table says it); 2 only for a user error."""
    from workbench.evaluate import evaluate
    from workbench.report import check_table, evaluation_dict
    from workbench.suggest import alternatives, used_roles

    design, ctx = _design(args), _context(args)
    ev = evaluate(design, ctx)
    options = {}
    if ev.status == "fail":
        options = {role: alternatives(design, ctx, role) for role in used_roles(ev)}
    if args.json:
        data = evaluation_dict(ev)
        data["alternatives"] = {
            role: [{"material": a.material, "status": a.status} for a in alts]
            for role, alts in options.items()
        }
        print(json.dumps(data, indent=2))
        return 0
    print(check_table(ev, system=args.units))
    for role, alts in options.items():
        shown = ", ".join(a.material + (" (warn)" if a.status == "warn" else "") for a in alts)
        print(f"materials for role '{role}' with which no check fails here: {shown or 'none'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="workbench", description="Adapt, check and export open parametric designs.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("list", help="list the designs")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="a design's parameters with units, defaults, bounds and help")
    p.add_argument("design")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("build", help="build a design and export fabrication files")
    p.add_argument("design")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help="a parameter value, any unit")
    p.add_argument("--format", default="stl,step", help="comma-separated: stl, step, dxf")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.add_argument("--name", help="file name stem (default: the design id)")
    p.add_argument("--tolerance", default="fine", choices=["draft", "fine"], help="STL mesh preset")
    _context_args(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("check", help="run the engineering checks of a design in a local context")
    p.add_argument("design")
    p.add_argument("--set", action="append", metavar="NAME=VALUE")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--units", default="metric", choices=["metric", "imperial"])
    _context_args(p)
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except WorkbenchError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
