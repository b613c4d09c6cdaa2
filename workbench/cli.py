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


def _design_args(
    p: argparse.ArgumentParser,
    variant_help: str = "start from a variant file",
    set_help: str = "a parameter value, any unit",
) -> None:
    """DESIGN (optional when --variant names it), --variant and repeated --set."""
    p.add_argument("design", nargs="?")
    p.add_argument("--variant", metavar="FILE|DESIGN/SLUG", help=variant_help)
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help=set_help)


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
    from workbench.export import Format, export, offered

    design = _design(args)
    ev = evaluate(design, _context(args))
    assert ev.geometry is not None
    if args.format.strip().lower() == "auto":
        formats = offered(ev.geometry)
    else:
        formats = [Format.parse(f) for f in args.format.split(",") if f.strip()]
    paths = export(ev, formats, Path(args.out), args.name or design.id, _export_options(args))
    for path in paths:
        print(path)
    return 0


def _export_options(args: argparse.Namespace) -> Any:
    from workbench.export import Compensation, Options, Relief, Tolerance

    return Options(tolerance=Tolerance(args.tolerance), cutter=args.cutter,
                   compensation=Compensation(args.compensation), relief=Relief(args.relief))


def _cut_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cutter", choices=["router", "laser"],
                   help="machine for sheet parts (default: the workshop's router, else its laser)")
    p.add_argument("--compensation", default="kerf", choices=["kerf", "none"],
                   help="kerf: DXF paths offset by half the cutter width; none: outlines for CAM")
    p.add_argument("--relief", default="dogbone", choices=["dogbone", "tbone", "none"],
                   help="router relief at inside corners")


def cmd_cutlist(args: argparse.Namespace) -> int:
    """Print the cut list and what to buy (Markdown); nothing is written."""
    from workbench.evaluate import evaluate
    from workbench.export.cutlist import cut_list, markdown
    from workbench.export.job import Job

    ev = evaluate(_design(args), _context(args))
    print(markdown(cut_list(Job.of(ev), _export_options(args))), end="")
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


def cmd_bundle(args: argparse.Namespace) -> int:
    from workbench.bundle import make_bundle
    from workbench.context import Context
    from workbench.export import Options, Tolerance

    variant = _variant(args)
    design, ctx = _design(args), _context(args)
    why = args.why
    if variant is None and not why and not design.overrides() and ctx == Context():
        why = "The design as published: its default values in the default context"
    name = args.name or (None if variant is not None else f"{design.id}-local")
    b = make_bundle(design, ctx, Path(args.out), variant=variant, name=name, why=why,
                    author=args.author, repo=args.repo, overwrite=args.overwrite, units=args.units,
                    options=Options(tolerance=Tolerance(args.tolerance)))
    print(b.folder)
    print(b.zip)
    print(f"variant {b.variant}; geometry hash {b.geometry_hash}")
    for fmt, reason in b.skipped:
        print(f"not written: {fmt}: {reason}")
    for note in b.notes:
        print(f"note: {note}")
    return 0


def cmd_openscad_export(args: argparse.Namespace) -> int:
    from workbench.interop.openscad import export_set, write_set

    design = _design(args)
    scad_set = export_set(design, args.name)
    path = write_set(Path(args.out), scad_set, overwrite=args.overwrite)
    print(f"{path}: parameter set '{scad_set.name}' with {len(scad_set.values)} values")
    for item in (*scad_set.conflicts, *scad_set.unmapped):
        print(item.line())
    if scad_set.conflicts:
        print(f"warning: OpenSCAD will not make this {design.id} from the set: "
              f"{', '.join(c.name for c in scad_set.conflicts)} left out")
    return 0


def cmd_openscad_import(args: argparse.Namespace) -> int:
    from workbench import catalog
    from workbench.interop.openscad import from_set, pick_set, read_sets
    from workbench.variants import overrides_against, save_variant

    parent = _variant(args)
    if parent is not None and parent.design_id != args.design:
        raise WorkbenchError(f"--variant {parent.slug} is of design '{parent.design_id}', not "
                             f"'{args.design}'")
    base = parent.design() if parent is not None else catalog.get(args.design)()
    set_name, values = pick_set(args.file, read_sets(args.file), args.set_name)
    design, unmapped = from_set(base, values, where=f"{args.file}: set '{set_name}'")
    for item in unmapped:
        print(item.line())
    if not args.save_variant:
        changed = overrides_against(design, base)
        for name, text in changed.items():
            print(f"{name} = {text}")
        if not changed:
            print(f"set '{set_name}' changes nothing from {parent.slug if parent else 'the defaults'}")
        return 0
    path = save_variant(design, _context(args), name=args.save_variant, why=args.why or "",
                        author=args.author, parent=parent, overwrite=args.overwrite)
    print(path)
    return 0


def _run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", default="pool", choices=["pool", "serial", "dask"],
                   help="warm worker pool (default), this process, or Dask")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: the cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (with --executor dask)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def cmd_sweep(args: argparse.Namespace) -> int:
    """Every combination of the --vary axes; a failing combination is a row, not an error."""
    from workbench.sweep import executor_for, sweep

    if args.workers is not None and args.workers < 1:
        raise WorkbenchError(f"--workers {args.workers}: give at least 1")
    if not args.vary:
        raise WorkbenchError("give at least one --vary NAME=VALUES (e.g. arm=100mm..300mm:5)")
    metrics = [m.strip() for m in args.outputs.split(",") if m.strip() and m.strip() != "checks"]
    design, ctx = _design(args), _context(args)
    out = Path(args.out) if args.out else None
    if out is not None:
        from workbench.sweep import TableFormat

        TableFormat.of(out)  # a wrong suffix fails before the sweep runs
    with executor_for(args.executor, workers=args.workers, scheduler=args.scheduler) as ex:
        table = sweep(design, args.vary, ctx, metrics=metrics, executor=ex,
                      progress=not args.no_progress)
    if out is None:
        print(table.csv_text(), end="")
    else:
        print(table.write(out))
    print(table.summary(), file=sys.stderr if out is None else sys.stdout)
    return 0


def cmd_fit(args: argparse.Namespace) -> int:
    """Exit 0 with a winner, 1 when no variant passes, 2 on a user error."""
    from workbench.fit import fit
    from workbench.sweep import executor_for

    if args.workers is not None and args.workers < 1:
        raise WorkbenchError(f"--workers {args.workers}: give at least 1")
    if args.save_variant:
        from workbench.variants import check_slug

        check_slug(args.save_variant)  # before the search, not after it
    free = [f.strip() for f in args.free.split(",") if f.strip()] if args.free is not None else None
    design, ctx = _design(args), _context(args)
    with executor_for(args.executor, workers=args.workers, scheduler=args.scheduler) as ex:
        result = fit(design, ctx, args.objective, vary=args.vary or (), free=free, executor=ex,
                     runners_up=args.runners_up, require_verified=args.require_verified,
                     progress=not args.no_progress)
    print(result.report(limit=args.show_rejected))
    if result.winner is None:
        return 1
    if args.save_variant:
        print(result.save(args.save_variant, author=args.author, why=args.why,
                          overwrite=args.overwrite))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from workbench import __version__

    parser = _Parser(prog="workbench", description="Adapt, check and export open parametric designs.")
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("list", help="list the designs")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="a design's parameters with units, defaults, bounds and help")
    p.add_argument("design")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("build", help="build a design and export fabrication files")
    _design_args(p)
    p.add_argument("--format", default="auto",
                   help="comma-separated: stl, 3mf, step, dxf, svg, csv, md, pdf; auto: all that apply")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.add_argument("--name", help="file name stem (default: the design id)")
    p.add_argument("--tolerance", default="fine", choices=["draft", "fine"], help="STL mesh preset")
    _cut_args(p)
    _context_args(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("cutlist", help="the cut list, sheets and bars to buy (Markdown)")
    _design_args(p)
    p.add_argument("--tolerance", default="fine", choices=["draft", "fine"], help=argparse.SUPPRESS)
    _cut_args(p)
    _context_args(p)
    p.set_defaults(func=cmd_cutlist)

    p = sub.add_parser("check", help="run the engineering checks of a design in a local context")
    _design_args(p)
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

    p = sub.add_parser("bundle", help="write a commons bundle (folder and zip) to share a variant")
    _design_args(p, variant_help="the variant to bundle", set_help="a value on top (any unit)")
    p.add_argument("--out", required=True, help="the bundle's folder; OUT.zip is written beside it")
    p.add_argument("--name", help="variant slug when the adaptation is not a saved variant file")
    p.add_argument("--why", help="the local condition the adaptation is for (when not a saved variant)")
    p.add_argument("--author", default="anonymous workshop", help="person, workshop or group")
    p.add_argument("--repo", metavar="URL", help="web address where the bundle is shared (OKH repo)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing bundle, whole")
    p.add_argument("--units", default="metric", choices=["metric", "imperial"], help="report units")
    p.add_argument("--tolerance", default="fine", choices=["draft", "fine"], help="STL mesh preset")
    _context_args(p)
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("openscad", help="OpenSCAD Customizer parameter sets: export and import")
    osub = p.add_subparsers(dest="openscad_command", required=True, parser_class=_Parser)
    o = osub.add_parser("export", help="write a design's values as an OpenSCAD parameter set")
    _design_args(o, set_help="a value on top (any unit)")
    o.add_argument("--name", required=True, help="the parameter set's name (openscad -P NAME)")
    o.add_argument("--out", required=True, metavar="FILE.json", help="parameter file (sets kept)")
    o.add_argument("--overwrite", action="store_true", help="replace a set of the same name")
    o.set_defaults(func=cmd_openscad_export)
    o = osub.add_parser("import", help="read an OpenSCAD parameter set (as a variant)")
    o.add_argument("design")
    o.add_argument("file", metavar="FILE.json")
    o.add_argument("--set-name", metavar="NAME", help="which set (needed when the file has several)")
    o.add_argument("--variant", metavar="DESIGN/SLUG", help="parent variant the set applies to")
    o.add_argument("--save-variant", metavar="SLUG", help="save the result as this variant")
    o.add_argument("--why", help="the local condition it adapts to (with --save-variant)")
    o.add_argument("--author", default="anonymous workshop", help="person, workshop or group")
    o.add_argument("--overwrite", action="store_true", help="replace an existing variant file")
    _context_args(o)
    o.set_defaults(func=cmd_openscad_import)

    p = sub.add_parser("sweep", help="evaluate every combination of varied values, materials, stock")
    _design_args(p, set_help="a fixed value, any unit")
    p.add_argument("--vary", action="append", metavar="NAME=VALUES",
                   help="arm=100mm..300mm:5, make=printed,plywood, sheet=*, material.plate=*, "
                        "stock=eu-metric,us-customary, climate=*")
    p.add_argument("--outputs", default="mass,cost,carbon",
                   help="besides the checks: mass, cost, carbon, volume, hash ('checks' alone "
                        "builds no geometry where the design's checks need none)")
    p.add_argument("--out", help="results file: .csv or .parquet (default: CSV to stdout)")
    _run_args(p)
    _context_args(p)
    p.set_defaults(func=cmd_sweep)

    p = sub.add_parser("fit", help="the best variant that passes every check with local stock")
    _design_args(p, set_help="a fixed value, not searched")
    p.add_argument("--objective", default="mass", choices=["mass", "cost", "carbon"])
    p.add_argument("--vary", action="append", metavar="NAME=VALUES",
                   help="more discrete choices to search, e.g. make=*")
    p.add_argument("--free", metavar="A,B",
                   help="numeric parameters to optimise (default: the design's free_parameters)")
    p.add_argument("--runners-up", type=int, default=3, metavar="N")
    p.add_argument("--show-rejected", type=int, default=12, metavar="N",
                   help="rejected variants listed with their reasons")
    p.add_argument("--require-verified", action="store_true",
                   help="reject variants with a check that cannot run for missing data")
    p.add_argument("--save-variant", metavar="SLUG", help="save the winner as this variant")
    p.add_argument("--why", help="the variant's why (default: what the fit found)")
    p.add_argument("--author", default="anonymous workshop", help="person, workshop or group")
    p.add_argument("--overwrite", action="store_true", help="replace an existing variant file")
    _run_args(p)
    _context_args(p)
    p.set_defaults(func=cmd_fit)
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
