"""Sharing with the commons: `variant save|show|diff`, `lineage`, `bundle`, `openscad`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.i18n import _
from workbench.cli._common import (
    EnumChoices,
    _Parser, _context, _context_args, _design, _design_args, _variant, note,
)
from workbench.errors import WorkbenchError


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
    print(_("{slug}: variant of {design} by {author}, {date}").format(
        slug=v.slug, design=v.design_id, author=v.author, date=v.date.isoformat()))
    print("  " + _("why: {why}").format(why=v.why))
    print("  " + _("lineage: {chain}").format(chain=chain))
    design, ctx = v.design(), v.context()
    params = design.params()
    for name, value in v.merged_values().items():
        print(f"  {name} = {params[name].to_text(params[name].coerce(value))}")
    print("  " + _("context: stock {stock}, climate {climate}, workshop {workshop}, "
                   "materials {materials}").format(
        stock=ctx.stock, climate=ctx.climate, workshop=ctx.workshop,
        materials=", ".join(f"{r}={m}" for r, m in ctx.roles.items()) or _("defaults")))
    if args.verify:
        ev = evaluate(design, ctx)
        assert ev.geometry is not None
        now = geometry_hash(ev.geometry)
        same = now == v.geometry_hash
        state = (_("matches the file") if same else
                 _("DIFFERS from the file: {recorded}").format(recorded=v.geometry_hash))
        print("  " + _("geometry hash: {hash} ({state})").format(hash=now, state=state))
        return 0 if same else 1
    print("  " + _("geometry hash: {hash}").format(hash=v.geometry_hash or _("none recorded")))
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
        raise WorkbenchError(_("'{a}' and '{b}' are variants of different designs").format(
            a=args.a, b=args.b))
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
        note(_("no variants yet: workbench variant save ..."))
    return 0


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
    print(_("variant {variant}; geometry hash {hash}").format(
        variant=b.variant, hash=b.geometry_hash))
    for fmt, reason in b.skipped:
        note(_("not written: {format}: {reason}").format(format=fmt, reason=reason))
    for text in b.notes:
        note(_("note: {text}").format(text=text))
    return 0


def cmd_openscad_export(args: argparse.Namespace) -> int:
    from workbench.interop.openscad import export_set, write_set

    design = _design(args)
    scad_set = export_set(design, args.name)
    path = write_set(Path(args.out), scad_set, overwrite=args.overwrite)
    print(_("{path}: parameter set '{name}' with {count} values").format(
        path=path, name=scad_set.name, count=len(scad_set.values)))
    for item in (*scad_set.conflicts, *scad_set.unmapped):
        note(item.line())
    if scad_set.conflicts:
        note(_("warning: OpenSCAD will not make this {design} from the set: {names} left out")
             .format(design=design.id, names=", ".join(c.name for c in scad_set.conflicts)))
    return 0


def cmd_openscad_import(args: argparse.Namespace) -> int:
    from workbench import catalog
    from workbench.interop.openscad import from_set, pick_set, read_sets
    from workbench.variants import overrides_against, save_variant

    parent = _variant(args)
    if parent is not None and parent.design_id != args.design:
        raise WorkbenchError(_("--variant {slug} is of design '{design}', not '{wanted}'").format(
            slug=parent.slug, design=parent.design_id, wanted=args.design))
    base = parent.design() if parent is not None else catalog.get(args.design)()
    set_name, values = pick_set(args.file, read_sets(args.file), args.set_name)
    design, unmapped = from_set(base, values, where=f"{args.file}: set '{set_name}'")
    for item in unmapped:
        note(item.line())
    if not args.save_variant:
        changed = overrides_against(design, base)
        for name, text in changed.items():
            print(f"{name} = {text}")
        if not changed:
            note(_("set '{name}' changes nothing from {parent}").format(
                name=set_name, parent=parent.slug if parent else _("the defaults")))
        return 0
    path = save_variant(design, _context(args), name=args.save_variant, why=args.why or "",
                        author=args.author, parent=parent, overwrite=args.overwrite)
    print(path)
    return 0



def add_commands(sub: Any) -> None:
    """Add this group's commands to the `workbench` subparsers `sub`."""
    p = sub.add_parser("variant", help=_("save, show and compare variants"))
    vsub = p.add_subparsers(dest="variant_command", required=True, parser_class=_Parser)
    v = vsub.add_parser("save", help=_("save the adapted design as a variant file"))
    v.add_argument("design")
    v.add_argument("--set", action="append", metavar="NAME=VALUE")
    v.add_argument("--name", required=True, help=_("variant slug, e.g. lima-plywood-15"))
    v.add_argument("--why", required=True, help=_("the local condition it adapts to"))
    v.add_argument("--author", default="anonymous workshop", help=_("person, workshop or group"))
    v.add_argument("--parent", metavar="DESIGN/SLUG", help=_("chain on another variant"))
    v.add_argument("--overwrite", action="store_true", help=_("replace an existing variant file"))
    _context_args(v)
    v.set_defaults(func=cmd_variant_save)
    v = vsub.add_parser("show", help=_("a variant's lineage, values and context"))
    v.add_argument("variant", metavar="FILE|DESIGN/SLUG")
    v.add_argument("--verify", action="store_true", help=_("rebuild and compare the geometry hash"))
    v.set_defaults(func=cmd_variant_show)
    v = vsub.add_parser("diff", help=_("parameters and check results side by side"))
    v.add_argument("a", metavar="A", help=_("DESIGN (its defaults), DESIGN/SLUG or FILE"))
    v.add_argument("b", metavar="B")
    v.set_defaults(func=cmd_variant_diff)

    p = sub.add_parser("lineage", help=_("the tree of a design's variants with their whys"))
    p.add_argument("design")
    p.set_defaults(func=cmd_lineage)

    p = sub.add_parser("bundle",
                       help=_("write a commons bundle (folder and zip) to share a variant"))
    _design_args(p, variant_help=_("the variant to bundle"),
                 set_help=_("a value on top (any unit)"))
    p.add_argument("--out", required=True,
                   help=_("the bundle's folder; OUT.zip is written beside it"))
    p.add_argument("--name", help=_("variant slug when the adaptation is not a saved variant file"))
    p.add_argument("--why",
                   help=_("the local condition the adaptation is for (when not a saved variant)"))
    p.add_argument("--author", default="anonymous workshop", help=_("person, workshop or group"))
    p.add_argument("--repo", metavar="URL",
                   help=_("web address where the bundle is shared (OKH repo)"))
    p.add_argument("--overwrite", action="store_true", help=_("replace an existing bundle, whole"))
    p.add_argument("--units", default="metric", choices=EnumChoices("workbench.units:UnitSystem"),
                   help=_("report units"))
    p.add_argument("--tolerance", default="fine", choices=EnumChoices("workbench.export:Tolerance"),
                   help=_("STL mesh preset"))
    _context_args(p)
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("openscad", help=_("OpenSCAD Customizer parameter sets: export and import"))
    osub = p.add_subparsers(dest="openscad_command", required=True, parser_class=_Parser)
    o = osub.add_parser("export", help=_("write a design's values as an OpenSCAD parameter set"))
    _design_args(o, set_help=_("a value on top (any unit)"))
    o.add_argument("--name", required=True, help=_("the parameter set's name (openscad -P NAME)"))
    o.add_argument("--out", required=True, metavar="FILE.json",
                   help=_("parameter file (sets kept)"))
    o.add_argument("--overwrite", action="store_true", help=_("replace a set of the same name"))
    o.set_defaults(func=cmd_openscad_export)
    o = osub.add_parser("import", help=_("read an OpenSCAD parameter set (as a variant)"))
    o.add_argument("design")
    o.add_argument("file", metavar="FILE.json")
    o.add_argument("--set-name", metavar="NAME",
                   help=_("which set (needed when the file has several)"))
    o.add_argument("--variant", metavar="DESIGN/SLUG", help=_("parent variant the set applies to"))
    o.add_argument("--save-variant", metavar="SLUG", help=_("save the result as this variant"))
    o.add_argument("--why", help=_("the local condition it adapts to (with --save-variant)"))
    o.add_argument("--author", default="anonymous workshop", help=_("person, workshop or group"))
    o.add_argument("--overwrite", action="store_true", help=_("replace an existing variant file"))
    _context_args(o)
    o.set_defaults(func=cmd_openscad_import)
