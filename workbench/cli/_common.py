"""What every command group shares: the one-line-error parser, DESIGN/--variant/--set and the
context flags, and turning them into a design and a context."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any, Sequence

from workbench.i18n import _
from workbench.errors import WorkbenchError

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, status 2, like every other user error
        raise WorkbenchError(f"{self.prog}: {message}")

    def add_argument(self, *args: Any, **kwargs: Any) -> Any:
        # argparse lists choices when it formats a metavar: name one, so that an enum's module
        # (and pint) is imported only when the option is used
        if isinstance(kwargs.get("choices"), EnumChoices) and "metavar" not in kwargs:
            kwargs["metavar"] = kwargs["choices"].where.partition(":")[2].upper()
        return super().add_argument(*args, **kwargs)


def _pairs(items: Sequence[str] | None, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise WorkbenchError(_("{what} '{item}' is not NAME=VALUE").format(
                what=what, item=item))
        out[name.strip()] = value.strip()
    return out


def _design_args(
    p: argparse.ArgumentParser,
    variant_help: str | None = None,
    set_help: str | None = None,
) -> None:
    """DESIGN (optional when --variant names it), --variant and repeated --set."""
    p.add_argument("design", nargs="?")
    p.add_argument("--variant", metavar="FILE|DESIGN/SLUG",
                   help=variant_help or _("start from a variant file"))
    p.add_argument("--set", action="append", metavar="NAME=VALUE",
                   help=set_help or _("a parameter value, any unit"))


def _context_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--material", action="append", metavar="ROLE=ID", help=_("material per role"))
    p.add_argument("--stock", metavar="CATALOG",
                   help=_("stock catalog (e.g. eu-metric, us-customary)"))
    p.add_argument("--climate", metavar="NAME", help=_("climate profile"))
    p.add_argument("--workshop", metavar="NAME", help=_("workshop profile"))


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
        raise WorkbenchError(_("name a design (workbench list shows them) or give --variant FILE"))
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



class EnumChoices:
    """The values of an enum as argparse `choices`, imported only when asked (``list`` and
    ``show`` import neither CadQuery nor pint): ``EnumChoices("workbench.units:UnitSystem")``."""

    def __init__(self, where: str) -> None:
        self.where = where

    def _values(self) -> list[str]:
        import importlib

        module, _, name = self.where.partition(":")
        return [str(m.value) for m in getattr(importlib.import_module(module), name)]

    def __contains__(self, item: object) -> bool:
        return item in self._values()

    def __iter__(self) -> Any:
        return iter(self._values())

    def __len__(self) -> int:
        return len(self._values())


# -- output conventions ---------------------------------------------------------------------------
# Data (tables, JSON, written paths) goes to stdout, messages (notes, hints, warnings, summaries,
# progress) to stderr, so that `workbench ... --json | jq` and `> file` get the data alone.


def _finite(data: Any) -> Any:
    """`data` with every NaN or infinity replaced by None (JSON has no NaN: `jq` refuses it)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(v) for v in data]
    return data


def print_json(data: Any) -> None:
    """Print `data` to stdout as strict JSON (indented; NaN becomes null)."""
    print(json.dumps(_finite(data), indent=2, allow_nan=False))


def note(text: str) -> None:
    """A message for the person at the terminal: to stderr, never mixed into the data."""
    print(text, file=sys.stderr)


def _json_arg(p: argparse.ArgumentParser, what: str | None = None) -> None:
    p.add_argument("--json", action="store_true", help=what or _("print JSON instead of a table"))
