"""The `workbench` command, by command group: `designs` (list, show, check, new, validate),
`place` (adapt, gaps), `outputs` (build, cutlist), `commons` (variant, lineage, bundle, openscad) and
`batch` (sweep, fit).
`list` and `show` import neither CadQuery nor pint.

Every user error prints one line (``workbench: error: …``) and exits with status 2, without a
traceback and without leaving a partial file.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from workbench.cli import batch, commons, designs, outputs, place
from workbench.cli._common import EXIT_USER_ERROR, _Parser
from workbench.errors import WorkbenchError
from workbench.i18n import N_, _, gettext, locale_from_environment, using_locale
from workbench.export._atomic import forget_written, os_error_line, written

EXIT_INTERRUPTED = 130
"""128 + SIGINT, as a shell reports a program stopped by Ctrl-C."""
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, as a shell reports a program whose reader went away."""

ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("expected one argument"), N_("expected at least one argument"),
    N_("expected at most one argument"), N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"), N_("not allowed with argument %s"),
)
"""The words argparse itself prints (help headings, parse errors), in the workbench's catalog:
`main` has argparse look them up there while the command line is parsed (`_argparse_speaks`)."""


@contextmanager
def _argparse_speaks() -> Iterator[None]:
    """argparse's words in the current language while the parser is built and used (argparse
    calls its module's ``_`` then; it is put back after, for other users of argparse)."""
    saved = argparse._  # type: ignore[attr-defined]
    argparse._ = gettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = saved  # type: ignore[attr-defined]


GROUPS = (designs, place, outputs, commons, batch)
"""Command-group modules, each with `add_commands(subparsers)`, in the order `--help` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The `workbench` argument parser with every group's commands."""
    from workbench import __version__

    parser = _Parser(prog="workbench",
                     description=_("Adapt, check and export open parametric designs."))
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--lang", metavar="LOCALE",
                        help=_("language and number format, e.g. es, fr, pt_BR, sw_KE, hi "
                               "(default: LC_ALL, LC_MESSAGES or LANG)"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for group in GROUPS:
        group.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    A user error or an error of the operating system (a folder that cannot be written, a full
    disk) is one line and status 2; Ctrl-C is one line and 130; a closed pipe (``| head -1``)
    ends the command quietly with 141, as a Unix tool killed by SIGPIPE.
    """
    forget_written()
    try:
        with using_locale(_chosen_locale(sys.argv[1:] if argv is None else argv)), \
                _argparse_speaks():
            return _run(argv)
    except WorkbenchError as exc:  # an unknown --lang
        return _fail(str(exc), EXIT_USER_ERROR)


def _chosen_locale(argv: Sequence[str]) -> str:
    """``--lang`` when given (before the command), else the POSIX environment's locale."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(list(argv))
    return known.lang or locale_from_environment()


def _run(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] = args.func
        code = func(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except WorkbenchError as exc:
        return _fail(str(exc), EXIT_USER_ERROR)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        return _fail(os_error_line(exc), EXIT_USER_ERROR)
    except KeyboardInterrupt:
        return _fail(_interrupted(), EXIT_INTERRUPTED)


def _interrupted() -> str:
    """What Ctrl-C leaves: nothing, or the files already in place (every write is atomic)."""
    done = written()
    if not done:
        return "interrupted; nothing written"
    shown = ", ".join(str(p) for p in done[:3])
    return f"interrupted; written before it: {shown}" + (
        f" and {len(done) - 3} more" if len(done) > 3 else "")


def _fail(message: str, code: int) -> int:
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        _silence_stdout()
    print(f"workbench: error: {message}" if code != EXIT_INTERRUPTED else f"workbench: {message}",
          file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


__all__ = ["EXIT_BROKEN_PIPE", "EXIT_INTERRUPTED", "EXIT_USER_ERROR", "build_parser", "main"]
