"""The `workbench` command, by command group: `designs` (list, show, check, new, validate),
`outputs` (build, cutlist), `commons` (variant, lineage, bundle, openscad) and `batch` (sweep, fit).
`list` and `show` import neither CadQuery nor pint.

Every user error prints one line (``workbench: error: …``) and exits with status 2, without a
traceback and without leaving a partial file.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from workbench.cli import batch, commons, designs, outputs
from workbench.cli._common import EXIT_USER_ERROR, _Parser
from workbench.errors import WorkbenchError

GROUPS = (designs, outputs, commons, batch)
"""Command-group modules, each with `add_commands(subparsers)`, in the order `--help` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The `workbench` argument parser with every group's commands."""
    parser = _Parser(prog="workbench", description="Adapt, check and export open parametric designs.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for group in GROUPS:
        group.add_commands(sub)
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


__all__ = ["EXIT_USER_ERROR", "build_parser", "main"]
