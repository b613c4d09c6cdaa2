"""Many evaluations at once: `sweep` (every combination) and `fit` (the best that passes)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.i18n import _
from workbench.cli._common import (
    EnumChoices, _context, _context_args, _design, _design_args, _json_arg, note, print_json,
)
from workbench.errors import WorkbenchError


def _run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", default="pool", choices=EnumChoices("workbench.sweep.runner:ExecutorKind"),
                   help=_("warm worker pool (default), this process, or Dask"))
    p.add_argument("--workers", type=int, metavar="N",
                   help=_("worker processes (default: the cores)"))
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help=_("a running Dask scheduler (with --executor dask)"))
    p.add_argument("--no-progress", action="store_true",
                   help=_("no progress bar (it is drawn only when stderr is a terminal)"))


def cmd_sweep(args: argparse.Namespace) -> int:
    """Every combination of the --vary axes; a failing combination is a row, not an error."""
    from workbench.sweep import executor_for, sweep

    if args.workers is not None and args.workers < 1:
        raise WorkbenchError(_("--workers {n}: give at least 1").format(n=args.workers))
    if not args.vary:
        raise WorkbenchError(_("give at least one --vary NAME=VALUES (e.g. {example})").format(
            example="arm=100mm..300mm:5"))
    metrics = [m.strip() for m in args.outputs.split(",") if m.strip() and m.strip() != "checks"]
    design, ctx = _design(args), _context(args)
    out = Path(args.out) if args.out else None
    if out is not None:
        from workbench.sweep import TableFormat

        TableFormat.of(out)  # a wrong suffix fails before the sweep runs
        if args.json:
            raise WorkbenchError(_("--json prints the table on stdout; --out writes it to a "
                                   "file: give one of them"))
    with executor_for(args.executor, workers=args.workers, scheduler=args.scheduler) as ex:
        table = sweep(design, args.vary, ctx, metrics=metrics, executor=ex,
                      progress=_progress(args))
    if out is not None:
        print(table.write(out))
    elif args.json:
        print_json({"design": table.design, "columns": table.columns,
                    "counts": {s: table.count(s) for s in ("pass", "warn", "fail", "error")},
                    "rows": table.records()})
    else:
        print(table.csv_text(), end="")
    note(_summary(table))
    return 0


def _summary(table: Any) -> str:
    """`SweepTable.summary` in the user's language: ``200 variants of bracket: 150 pass, …``."""
    return _("{count} variants of {design}: {passed} pass, {warned} warn, {failed} fail, "
             "{errors} error").format(
        count=len(table), design=table.design, passed=table.count("pass"),
        warned=table.count("warn"), failed=table.count("fail"), errors=table.count("error"))


def _progress(args: argparse.Namespace) -> bool | None:
    """No bar with --no-progress; else None: a bar only when stderr is a terminal (tqdm)."""
    return False if args.no_progress else None


def cmd_fit(args: argparse.Namespace) -> int:
    """Exit 0 with a winner, 1 when no variant passes, 2 on a user error."""
    from workbench.fit import fit
    from workbench.sweep import executor_for

    if args.workers is not None and args.workers < 1:
        raise WorkbenchError(_("--workers {n}: give at least 1").format(n=args.workers))
    if args.save_variant:
        from workbench.variants import check_slug

        check_slug(args.save_variant)  # before the search, not after it
    free = [f.strip() for f in args.free.split(",") if f.strip()] if args.free is not None else None
    design, ctx = _design(args), _context(args)
    with executor_for(args.executor, workers=args.workers, scheduler=args.scheduler) as ex:
        result = fit(design, ctx, args.objective, vary=args.vary or (), free=free, executor=ex,
                     runners_up=args.runners_up, require_verified=args.require_verified,
                     progress=_progress(args))
    print(result.report(limit=args.show_rejected))
    if result.winner is None:
        return 1
    if args.save_variant:
        print(result.save(args.save_variant, author=args.author, why=args.why,
                          overwrite=args.overwrite))
    return 0



def add_commands(sub: Any) -> None:
    """Add this group's commands to the `workbench` subparsers `sub`."""
    p = sub.add_parser("sweep",
                       help=_("evaluate every combination of varied values, materials, stock"))
    _design_args(p, set_help=_("a fixed value, any unit"))
    p.add_argument("--vary", action="append", metavar="NAME=VALUES",
                   help="arm=100mm..300mm:5, make=printed,plywood, sheet=*, material.plate=*, "
                        "stock=eu-metric,us-customary, climate=*")
    p.add_argument("--outputs", default="mass,cost,carbon",
                   help=_("besides the checks: mass, cost, carbon, volume, hash ('checks' alone "
                          "builds no geometry where the design's checks need none)"))
    p.add_argument("--out", help=_("results file: .csv or .parquet (default: CSV to stdout)"))
    _json_arg(p, _("print the table as JSON on stdout instead of CSV"))
    _run_args(p)
    _context_args(p)
    p.set_defaults(func=cmd_sweep)

    p = sub.add_parser("fit", help=_("the best variant that passes every check with local stock"))
    _design_args(p, set_help=_("a fixed value, not searched"))
    p.add_argument("--objective", default="mass", choices=EnumChoices("workbench.fit:Objective"))
    p.add_argument("--vary", action="append", metavar="NAME=VALUES",
                   help=_("more discrete choices to search, e.g. make=*"))
    p.add_argument("--free", metavar="A,B",
                   help=_("numeric parameters to optimise (default: the design's free_parameters)"))
    p.add_argument("--runners-up", type=int, default=3, metavar="N")
    p.add_argument("--show-rejected", type=int, default=12, metavar="N",
                   help=_("rejected variants listed with their reasons"))
    p.add_argument("--require-verified", action="store_true",
                   help=_("reject variants with a check that cannot run for missing data"))
    p.add_argument("--save-variant", metavar="SLUG", help=_("save the winner as this variant"))
    p.add_argument("--why", help=_("the variant's why (default: what the fit found)"))
    p.add_argument("--author", default="anonymous workshop", help=_("person, workshop or group"))
    p.add_argument("--overwrite", action="store_true", help=_("replace an existing variant file"))
    _run_args(p)
    _context_args(p)
    p.set_defaults(func=cmd_fit)
