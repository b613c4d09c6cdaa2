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
    """The design from DESIGN (or --variant), with --set values applied on top."""
    from workbench import catalog

    variant = _variant(args)
    changes = _pairs(getattr(args, "set", None), "--set")
    if variant is not None:
        if args.design not in (None, variant.design_id):
            raise WorkbenchError(
                f"--variant {variant.slug} is of design '{variant.design_id}', not '{args.design}'"
            )
        return variant.design().evolve(**changes) if changes else variant.design()
    if args.design is None:
        raise WorkbenchError("name a design (workbench list shows them) or give --variant FILE")
    return catalog.get(args.design)(**changes)


def _variant(args: argparse.Namespace) -> Any:
    ref = getattr(args, "variant", None)
    if not ref:
        return None
    from workbench.variants import find_variant

    return find_variant(ref)


def _context(args: argparse.Namespace) -> Any:
    """The context of --variant (if any) with --material/--stock/--climate/--workshop on top."""
    from workbench.context import Context

    variant = _variant(args)
    ctx = variant.context() if variant is not None else Context()
    changes: dict[str, Any] = {}
    if args.material:
        changes["materials"] = {**ctx.roles, **_pairs(args.material, "--material")}
    for name in ("stock", "climate", "workshop"):
        if getattr(args, name, None):
            changes[name] = getattr(args, name)
    return ctx.evolve(**changes) if changes else ctx


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


def cmd_variant_save(args: argparse.Namespace) -> int:
    from workbench.variants import find_variant, save_variant

    parent = find_variant(args.parent) if args.parent else None
    # Values and context start from the parent variant; --set and context flags go on top.
    base = argparse.Namespace(**{**vars(args), "variant": args.parent})
    design, ctx = _design(base), _context(base)
    path = save_variant(
        design, ctx, name=args.name, why=args.why, author=args.author, parent=parent,
        overwrite=args.overwrite,
    )
    print(path)
    return 0


def cmd_variant_show(args: argparse.Namespace) -> int:
    from workbench.evaluate import evaluate
    from workbench.geometry import geometry_hash
    from workbench.variants import find_variant

    v = find_variant(args.variant)
    chain = " -> ".join([v.chain()[0].parent] + [x.slug for x in v.chain()])
    print(f"{v.slug}: variant of {v.design_id} by {v.author}, {v.date.isoformat()}")
    print(f"  why: {v.why}")
    print(f"  lineage: {chain}")
    design, ctx = v.design(), v.context()
    params = design.params()
    for name, value in v.merged_values().items():
        print(f"  {name} = {params[name].to_text(params[name].coerce(value))}")
    print(f"  context: stock {ctx.stock}, climate {ctx.climate}, workshop {ctx.workshop}, "
          f"materials {', '.join(f'{r}={m}' for r, m in ctx.roles.items()) or 'defaults'}")
    if args.verify:
        ev = evaluate(design, ctx)
        assert ev.geometry is not None
        now = geometry_hash(ev.geometry)
        same = now == v.geometry_hash
        print(f"  geometry hash: {now} ({'matches the file' if same else 'DIFFERS from the file: ' + str(v.geometry_hash)})")
        return 0 if same else 1
    print(f"  geometry hash: {v.geometry_hash or 'none recorded'}")
    return 0


def _side(ref: str) -> tuple[str, Any, Any]:
    from workbench import catalog
    from workbench.context import Context
    from workbench.variants import find_variant

    if "/" in ref or ref.endswith(".toml"):
        v = find_variant(ref)
        return v.slug, v.design(), v.context()
    return ref, catalog.get(ref)(), Context()


def cmd_variant_diff(args: argparse.Namespace) -> int:
    from workbench.evaluate import evaluate

    (na, da, ca), (nb, db, cb) = _side(args.a), _side(args.b)
    if da.id != db.id:
        raise WorkbenchError(f"'{args.a}' and '{args.b}' are variants of different designs")
    ea, eb = evaluate(da, ca), evaluate(db, cb)
    rows = [("", na, nb)]
    params = da.params()
    for n, p in params.items():
        ta, tb = p.to_text(ea.resolved.values[n]), p.to_text(eb.resolved.values[n])
        rows.append((n, ta, tb if tb != ta else "="))
    for k in ("stock", "climate", "workshop"):
        rows.append((k, getattr(ca, k), getattr(cb, k) if getattr(cb, k) != getattr(ca, k) else "="))
    for role in ea.resolved.materials:
        ma, mb = ea.resolved.materials[role].id, eb.resolved.materials[role].id
        rows.append((f"material.{role}", ma, mb if mb != ma else "="))
    checks_b = {c.name: c for c in eb.checks}
    names = [c.name for c in ea.checks] + [c.name for c in eb.checks if c.name not in
                                           {x.name for x in ea.checks}]
    checks_a = {c.name: c for c in ea.checks}
    for name in names:
        def cell(c: Any) -> str:
            return "-" if c is None else f"{c.status.value} {c.utilisation:.2f}"
        rows.append((f"check: {name}", cell(checks_a.get(name)), cell(checks_b.get(name))))
    rows.append(("verdict", ea.status, eb.status))
    widths = [max(len(str(r[i])) for r in rows) for i in range(3)]
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    return 0


def cmd_lineage(args: argparse.Namespace) -> int:
    from workbench import catalog
    from workbench.variants import lineage

    cls = catalog.get(args.design)
    print(f"{cls.id}@{cls.version}  {cls.title}")
    found = False
    for depth, v in lineage(cls.id):
        found = True
        print(f"{'  ' * (depth + 1)}└ {v.slug}  ({v.author}, {v.date.isoformat()}): {v.why}")
    if not found:
        print("  (no variants yet: workbench variant save ...)")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from workbench import catalog
    from workbench.scaffold import scaffold

    folder = scaffold(args.name, catalog.designs_dir(), title=args.title, author=args.author)
    catalog.refresh()
    print(folder)
    print(f"next: edit {folder / 'design.py'}, then run: workbench validate {args.name}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 when every design passes, 1 when any fails, 2 on a user error."""
    from workbench import catalog
    from workbench.validate import validate_design

    ids = args.designs or list(catalog.entries())
    classes = [catalog.get(i) for i in ids]  # unknown ids fail before any work
    ctx = _context(args)
    ok = True
    for problem in catalog.problems():
        print(f"broken: {problem}")
        ok = False
    for cls in classes:
        report = validate_design(cls, ctx, n_samples=args.samples, seed=args.seed, exports=True,
                                 with_variants=True)
        print("\n".join(report.lines()))
        ok = ok and report.ok
    return 0 if ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="workbench", description="Adapt, check and export open parametric designs.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("list", help="list the designs")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="a design's parameters with units, defaults, bounds and help")
    p.add_argument("design")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("build", help="build a design and export fabrication files")
    p.add_argument("design", nargs="?")
    p.add_argument("--variant", metavar="FILE|DESIGN/SLUG", help="start from a variant file")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help="a parameter value, any unit")
    p.add_argument("--format", default="stl,step", help="comma-separated: stl, step, dxf")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.add_argument("--name", help="file name stem (default: the design id)")
    p.add_argument("--tolerance", default="fine", choices=["draft", "fine"], help="STL mesh preset")
    _context_args(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("check", help="run the engineering checks of a design in a local context")
    p.add_argument("design", nargs="?")
    p.add_argument("--variant", metavar="FILE|DESIGN/SLUG", help="start from a variant file")
    p.add_argument("--set", action="append", metavar="NAME=VALUE")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--units", default="metric", choices=["metric", "imperial"])
    _context_args(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("variant", help="save, show and compare variants")
    vsub = p.add_subparsers(dest="variant_command", required=True, parser_class=_Parser)
    v = vsub.add_parser("save", help="save the adapted design as a variant file")
    v.add_argument("design")
    v.add_argument("--set", action="append", metavar="NAME=VALUE")
    v.add_argument("--name", required=True, help="variant slug, e.g. lima-plywood-15")
    v.add_argument("--why", required=True, help="the local condition it adapts to")
    v.add_argument("--author", default="anonymous workshop", help="person, workshop or group")
    v.add_argument("--parent", metavar="DESIGN/SLUG", help="chain on another variant")
    v.add_argument("--overwrite", action="store_true", help="replace an existing variant file")
    _context_args(v)
    v.set_defaults(func=cmd_variant_save)
    v = vsub.add_parser("show", help="a variant's lineage, values and context")
    v.add_argument("variant", metavar="FILE|DESIGN/SLUG")
    v.add_argument("--verify", action="store_true", help="rebuild and compare the geometry hash")
    v.set_defaults(func=cmd_variant_show)
    v = vsub.add_parser("diff", help="parameters and check results side by side")
    v.add_argument("a", metavar="A", help="DESIGN (its defaults), DESIGN/SLUG or FILE")
    v.add_argument("b", metavar="B")
    v.set_defaults(func=cmd_variant_diff)

    p = sub.add_parser("new", help="scaffold a new design folder that passes validation")
    p.add_argument("name", help="design id, e.g. pump-bracket")
    p.add_argument("--title", help="human title (default: from the name)")
    p.add_argument("--author", default="Your name", help="who makes it")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("validate", help="what the test suite checks of designs, with a report")
    p.add_argument("designs", nargs="*", metavar="DESIGN", help="default: every design")
    p.add_argument("--samples", type=int, default=20, help="random value sets (default 20)")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_validate, design=None, set=None)
    _context_args(p)

    p = sub.add_parser("lineage", help="the tree of a design's variants with their whys")
    p.add_argument("design")
    p.set_defaults(func=cmd_lineage)
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
