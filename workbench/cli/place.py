"""Commands about a place: `adapt` (a design or variant made elsewhere, adapted to local stock,
materials and climate) and `gaps` (which checks cannot run where, and the data each needs)."""

from __future__ import annotations

import argparse
from typing import Any

from workbench.i18n import _
from workbench.cli._common import (
    EnumChoices, _context_args, _design, _design_args, _json_arg, _pairs, _variant, print_json,
)
from workbench.errors import WorkbenchError


def cmd_adapt(args: argparse.Namespace) -> int:
    """Exit 0 with a proposal (adapted, or adapted but unverified), 1 when none, 2 on a user error."""
    from workbench.adapt import Objective, adapt
    from workbench.context import Context

    if args.save_variant:
        from workbench.variants import check_slug

        check_slug(args.save_variant)  # before the search, not after it
        if not args.why:
            raise WorkbenchError(_("--save-variant needs --why: say what the adaptation is for"))
    variant = _variant(args)
    keep = [k.strip() for k in (args.keep or "").split(",") if k.strip()]
    if variant is not None and args.set:
        raise WorkbenchError(_("--set cannot be given with --variant here; save the variant "
                               "first"))
    source: Any = variant if variant is not None else _design(args)
    target = Context(
        materials=_pairs(args.material, "--material"),
        **{k: getattr(args, k) for k in ("stock", "climate", "workshop") if getattr(args, k)},
    )
    result = adapt(source, target, objective=Objective(args.objective), keep=keep)
    path = None
    if result.ok and args.save_variant:
        path = result.save(args.save_variant, why=args.why, author=args.author,
                           overwrite=args.overwrite)
    if args.json:
        print_json({**result.as_dict(), "variant_file": None if path is None else str(path)})
    else:
        print(result.report())
        if path is not None:
            print(path)
    return 0 if result.ok else 1


def cmd_gaps(args: argparse.Namespace) -> int:
    """Checks that cannot run (and refused evaluations) per design and place, with the data needed."""
    from workbench import gaps

    rows, count = gaps.find_gaps(
        designs=[args.design] if args.design else None,
        stocks=[args.stock] if args.stock else None,
        climates=[args.climate] if args.climate else None,
    )
    if args.json:
        print_json(gaps.to_dict(rows, count))
    else:
        print(gaps.table(rows, count))
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("adapt",
                       help=_("adapt a design or variant to local stock, materials and climate"))
    _design_args(p, variant_help=_("start from a variant (made for its own place)"))
    p.add_argument("--objective", default="least-change",
                   choices=EnumChoices("workbench.adapt:Objective"))
    p.add_argument("--keep", metavar="A,B", help=_("parameters or material.ROLE never changed"))
    _json_arg(p, _("print the proposal as JSON instead of a table"))
    p.add_argument("--save-variant", metavar="SLUG", help=_("save the proposal as this variant"))
    p.add_argument("--why", help=_("the variant's why (required with --save-variant)"))
    p.add_argument("--author", default="anonymous workshop", help=_("person, workshop or group"))
    p.add_argument("--overwrite", action="store_true", help=_("replace an existing variant file"))
    _context_args(p)
    p.set_defaults(func=cmd_adapt)

    p = sub.add_parser("gaps",
                       help=_("checks that cannot run for lack of data, per design and place"))
    p.add_argument("design", nargs="?", help=_("one design (default: every design)"))
    p.add_argument("--stock", metavar="CATALOG", help=_("one stock catalog (default: every one)"))
    p.add_argument("--climate", metavar="NAME", help=_("one climate (default: every one)"))
    _json_arg(p)
    p.set_defaults(func=cmd_gaps)
