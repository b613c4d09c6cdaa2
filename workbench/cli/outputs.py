"""Fabrication outputs: `build` (files of every format that applies) and `cutlist`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.i18n import _
from workbench.cli._common import EnumChoices, _context, _context_args, _design, _design_args


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
    paths = export(ev, formats, Path(args.out), design.id if args.name is None else args.name, _export_options(args))
    for path in paths:
        print(path)
    return 0


def _export_options(args: argparse.Namespace) -> Any:
    from workbench.export import Compensation, Options, Relief, Tolerance

    return Options(tolerance=Tolerance(args.tolerance), cutter=args.cutter,
                   compensation=Compensation(args.compensation), relief=Relief(args.relief))


def _cut_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cutter", choices=EnumChoices("workbench.checks.cutting:Cutter"),
                   help=_("machine for sheet parts (default: the workshop's router, "
                          "else its laser)"))
    p.add_argument("--compensation", default="kerf", choices=EnumChoices("workbench.export:Compensation"),
                   help=_("kerf: DXF paths offset by half the cutter width; "
                          "none: outlines for CAM"))
    p.add_argument("--relief", default="dogbone", choices=EnumChoices("workbench.export:Relief"),
                   help=_("router relief at inside corners"))


def cmd_cutlist(args: argparse.Namespace) -> int:
    """Print the cut list and what to buy (Markdown); nothing is written."""
    from workbench.evaluate import evaluate
    from workbench.export.cutlist import cut_list, markdown
    from workbench.export.job import Job

    ev = evaluate(_design(args), _context(args))
    print(markdown(cut_list(Job.of(ev), _export_options(args))), end="")
    return 0



def add_commands(sub: Any) -> None:
    """Add this group's commands to the `workbench` subparsers `sub`."""
    p = sub.add_parser("build", help=_("build a design and export fabrication files"))
    from workbench.export import registered  # light: the registry names its writers lazily

    _design_args(p)
    p.add_argument("--format", default="auto",
                   help=_("comma-separated: {formats}; auto: all that apply").format(
                       formats=", ".join(s.format.value for s in registered())))
    p.add_argument("--out", default="out", help=_("output folder (default: out)"))
    p.add_argument("--name", help=_("file name stem (default: the design id)"))
    p.add_argument("--tolerance", default="fine", choices=EnumChoices("workbench.export:Tolerance"),
                   help=_("STL mesh preset"))
    _cut_args(p)
    _context_args(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("cutlist", help=_("the cut list, sheets and bars to buy (Markdown)"))
    _design_args(p)
    p.add_argument("--tolerance", default="fine", choices=EnumChoices("workbench.export:Tolerance"),
                   help=argparse.SUPPRESS)
    _cut_args(p)
    _context_args(p)
    p.set_defaults(func=cmd_cutlist)
