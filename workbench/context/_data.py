"""Reading the TOML files under `materials/`: where they are, caching, and checked values.

Every number in these files is a string with its unit (``"11000 MPa"``) and a source: either an
inline table ``{ value = "11000 MPa", source = "en338" }`` or a plain string that takes the
``source`` of the entry it belongs to. A source is a key of the file's ``[sources]`` table, whose
value is the full citation. Any problem is one `DataError` line naming the file and the key.
"""

from __future__ import annotations

from workbench.caches import register

import difflib
import hashlib
import math
import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import pint

from workbench.errors import DataError, UnitError, UnknownNameError
from workbench.i18n import N_, _
from workbench.units import Q_, parse_quantity, ureg

def _shipped_materials() -> Path:
    from workbench import paths

    found = paths.shipped(paths.MATERIALS)
    # No shipped data at all (a broken install): name where it was looked for in the error.
    return found if found is not None else Path(__file__).resolve().parents[1] / paths.PACKAGE_DATA / paths.MATERIALS


MATERIALS_DIR = _shipped_materials()
"""The shipped data: package data in a wheel install, the checkout's `materials/` in a checkout."""

ENV_VAR = "WORKBENCH_MATERIALS"
ID_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")


def materials_dir() -> Path:
    """The data folder in use, the first of:

    1. ``$WORKBENCH_MATERIALS``;
    2. ``./materials`` of the folder the command runs in, when it holds a ``materials.toml``
       (a workshop's own data, laid out like the shipped folder);
    3. the shipped data, `MATERIALS_DIR`.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    local = Path(os.getcwd()) / "materials"
    if (local / "materials.toml").is_file():
        return local.resolve()
    return MATERIALS_DIR


@dataclass(frozen=True)
class Doc:
    """One parsed data file: its table, its `[sources]` and a digest of its bytes."""

    path: Path
    shown: str
    data: Mapping[str, Any]
    sources: Mapping[str, str]
    digest: str


def shown_path(path: Path) -> str:
    """How a file is named in messages: ``materials/stock/eu-metric.toml`` inside the data folder."""
    base = materials_dir()
    try:
        return f"{base.name}/{path.resolve().relative_to(base).as_posix()}"
    except ValueError:
        return str(path)


def load_doc(path: Path, shown: Optional[str] = None) -> Doc:
    """The parsed file at `path`, cached by path, modification time and size."""
    shown = shown or shown_path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataError(_("{file}: file not found").format(file=shown)) from None
    except OSError as e:
        raise DataError(f"{shown}: cannot be read: {e.strerror or e}") from None
    if path.is_dir():
        raise DataError(_("{file}: is a folder, expected a TOML file").format(file=shown))
    return _parse(str(path), shown, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=256)
def _parse(path: str, shown: str, mtime_ns: int, size: int) -> Doc:
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise DataError(f"{shown}: cannot be read: {e.strerror or e}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise DataError(_("{file}: not UTF-8 text (byte {byte})").format(
            file=shown, byte=e.start)) from None
    except tomllib.TOMLDecodeError as e:
        raise DataError(_("{file}: TOML syntax error: {error}").format(
            file=shown, error=e)) from None
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        raise DataError(f"{shown}: sources: expected a table of citations")
    for key, text in sources.items():
        if not isinstance(text, str) or not text.strip():
            raise DataError(f"{shown}: sources.{key}: expected the full citation as text")
    return Doc(Path(path), shown, data, dict(sources), hashlib.sha256(raw).hexdigest())


@dataclass(frozen=True)
class Range:
    """The values a data field may take, as magnitudes in the field's unit.

    `low` / `high` are None when unbounded; `low_open` / `high_open` exclude the bound itself
    (a density must be *above* 0, a snow load *at least* 0). Every value must also be finite.
    """

    low: Optional[float] = None
    high: Optional[float] = None
    low_open: bool = True
    high_open: bool = False

    def problem(self, magnitude: float, unit: str) -> Optional[str]:
        """Why `magnitude` (in `unit`) is not allowed, or None when it is."""
        if not math.isfinite(magnitude):
            return "is not a finite number"
        u = f" {unit}" if unit else ""
        if self.low is not None and (magnitude <= self.low if self.low_open else magnitude < self.low):
            return f"must be {'above' if self.low_open else 'at least'} {self.low:g}{u}"
        if self.high is not None and (magnitude >= self.high if self.high_open else magnitude > self.high):
            return f"must be {'below' if self.high_open else 'at most'} {self.high:g}{u}"
        return None


FINITE = Range()
POSITIVE = Range(low=0.0)
NON_NEGATIVE = Range(low=0.0, low_open=False)
ABOVE_ABSOLUTE_ZERO = Range(low=-273.15)
"""For temperatures in degC."""


def unknown(what: str, name: str, known: Iterable[str]) -> UnknownNameError:
    """``unknown material 'plaa'; known: abs, asa, …`` (with a close match when there is one)."""
    names = sorted(known)
    msg = _("unknown {what} '{name}'; known: {known}").format(
        what=_(_WHAT.get(what, what)), name=name, known=", ".join(names) or _("none"))
    close = difflib.get_close_matches(name, names, n=1)
    return UnknownNameError(msg + (_("; did you mean '{name}'?").format(name=close[0])
                                   if close else ""))


_WHAT = {"climate": N_("climate"), "workshop": N_("workshop"), "material": N_("material"),
         "material family": N_("material family"), "pipe standard": N_("pipe standard"),
         "stock catalog": N_("stock catalog")}
"""The kinds of names `unknown` is called with, marked for translation."""


class Entry:
    """One table of a data file (a material, a stock item, a climate…) with checked accessors."""

    def __init__(self, doc: Doc, where: str, table: Any, allowed: Iterable[str]) -> None:
        if not isinstance(table, dict):
            raise DataError(f"{doc.shown}: {where}: expected a table")
        self.doc, self.where, self.table = doc, where, table
        allowed = set(allowed) | {"source"}
        for key in table:
            if key not in allowed:
                raise DataError(
                    f"{doc.shown}: {where}.{key}: unknown key (known: {', '.join(sorted(allowed))})"
                )
        self.default_source = table.get("source")
        if self.default_source is not None:
            self.citation(self.default_source, "source")
        self.cited: dict[str, str] = {}

    def fail(self, key: str, why: str) -> DataError:
        return DataError(f"{self.doc.shown}: {self.where}.{key}: {why}")

    def citation(self, source: Any, key: str) -> str:
        if not isinstance(source, str) or source not in self.doc.sources:
            known = ", ".join(sorted(self.doc.sources)) or "none"
            raise self.fail(key, f'source "{source}" is not in [sources] (known: {known})')
        return self.doc.sources[source]

    def text(self, key: str, required: bool = False) -> Optional[str]:
        """A plain text field (no source needed): names, labels."""
        value = self.table.get(key)
        if value is None:
            if required:
                raise DataError(f"{self.doc.shown}: {self.where} has no {key}")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected text")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of names")
        return tuple(value)

    def _split(self, key: str, raw: Any, extra: Iterable[str] = ()) -> tuple[Any, str]:
        """(value, citation) from an inline table or a plain value with the entry's source."""
        source = self.default_source
        if isinstance(raw, dict):
            allowed = {"value", "source", *extra}
            for k in raw:
                if k not in allowed:
                    raise self.fail(key, f"unknown key '{k}' (known: {', '.join(sorted(allowed))})")
            if "value" not in raw:
                raise self.fail(key, "inline table has no value")
            source = raw.get("source", source)
            raw = raw["value"]
        if source is None:
            raise DataError(f"{self.doc.shown}: {self.where}.{key} has no source")
        return raw, self.citation(source, key)

    def sourced_text(self, key: str) -> Optional[str]:
        """A text value that states a fact (a Köppen code), so it carries a source too."""
        raw = self.table.get(key)
        if raw is None:
            return None
        value, cite = self._split(key, raw)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected text")
        self.cited[key] = cite
        return value

    def quantity(
        self, key: str, unit: str, what: str, example: str, raw: Any = None, extra: Iterable[str] = (),
        allowed: Range = FINITE,
    ) -> Optional[pint.Quantity]:
        """The quantity at `key` with the dimension of `unit`, finite and within `allowed` (in
        `unit`); None when absent."""
        raw = self.table.get(key) if raw is None else raw
        if raw is None:
            return None
        value, cite = self._split(key, raw, extra)
        q = to_quantity(value, unit)
        if q is None:
            shown = f'"{value}"' if isinstance(value, str) else repr(value)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                raise self.fail(key, f"{shown} has no unit (e.g. {example})")
            raise self.fail(key, f"{shown} is not {what} (e.g. {example})")
        self.check_range(key, value, q, unit, allowed)
        self.cited[key] = cite
        return q

    def check_range(self, key: str, value: Any, q: pint.Quantity, unit: str, allowed: Range) -> None:
        """`DataError` naming file and key when `q` (read from `value`) is outside `allowed`."""
        shown_unit = f"{ureg.Unit(unit):~P}" if unit else ""
        why = allowed.problem(float(q.to(unit).magnitude) if unit else float(q.magnitude), shown_unit)
        if why is not None:
            shown = f'"{value}"' if isinstance(value, str) else repr(value)
            raise self.fail(key, f"{shown} {why}")

    def price(self, key: str) -> Optional[pint.Quantity]:
        """A price per kg or per m³ in one of the registry's currencies (EUR, USD, INR, KES, PEN)."""
        raw = self.table.get(key)
        if raw is None:
            return None
        value, cite = self._split(key, raw)
        try:
            q = Q_(value) if isinstance(value, str) else None
        except Exception:
            q = None
        dims = dict(q.dimensionality) if isinstance(q, pint.Quantity) else {}
        money = [d for d in dims if d.startswith("[currency_")]
        rest = {d: p for d, p in dims.items() if d not in money}
        if len(money) != 1 or dims[money[0]] != 1 or rest not in ({"[mass]": -1}, {"[length]": -3}):
            shown = f'"{value}"' if isinstance(value, str) else repr(value)
            raise self.fail(key, f"{shown} is not a price per kg or per m³ (e.g. 25 EUR/kg)")
        self.check_range(key, value, q, "", POSITIVE)
        self.cited[key] = cite
        return q

    def length(self, key: str, raw: Any = None, allowed: Range = POSITIVE) -> Optional[pint.Quantity]:
        """A length, above 0 mm unless `allowed` says otherwise."""
        return self.quantity(key, "mm", "a length", "18 mm, 3/4 in", raw, allowed=allowed)

    def option(self, key: str, raw: Any, what: str, choices: Iterable[str]) -> str:
        choices = sorted(choices)
        if raw is None:
            raise DataError(f"{self.doc.shown}: {self.where} has no {key}")
        if raw not in choices:
            raise self.fail(key, f'"{raw}" is not one of: {", ".join(choices)}')
        return str(raw)


def to_quantity(value: Any, unit: str) -> Optional[pint.Quantity]:
    """`value` (text with unit, or a pint quantity) as a quantity of `unit`'s dimension, else None.

    Text goes through `parse_quantity` (fractions, ``1 1/4 in``); text it cannot read (``1/K``
    style units) is tried with pint's own parser. Bare numbers are accepted for dimensionless units.
    """
    expected = ureg.Unit(unit)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Q_(float(value), expected) if expected.dimensionless else None
    if isinstance(value, pint.Quantity):
        q = value
    elif isinstance(value, str):
        try:
            q = parse_quantity(value, unit, locale="en")  # data files write decimals with "."
        except UnitError:
            try:
                q = Q_(value)
            except Exception:
                return None
    else:
        return None
    if not isinstance(q, pint.Quantity) or q.dimensionality != expected.dimensionality:
        return None
    return q.to(expected)


def check_id(doc: Doc, where: str, ident: str) -> str:
    if not ID_RE.match(ident):
        raise DataError(f"{doc.shown}: {where}: id '{ident}' is not kebab-case (e.g. plywood-birch)")
    return ident


def entries(doc: Doc) -> dict[str, Any]:
    """The top-level tables of a file other than `[sources]`."""
    return {k: v for k, v in doc.data.items() if k != "sources"}

register("data files", _parse.cache_clear)
