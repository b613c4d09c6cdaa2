"""The export formats, each registered once: label, the processes it serves, writer and checks.

Everything the rest of the workbench knows about a format comes from its `FormatSpec`:

- ``export()`` calls the writer, then the spec's `intact` check on every file before anything
  replaces a file in the output folder (a STEP without its end marker, a short STL, a DXF without
  ``EOF`` is refused with one line);
- ``offered()`` lists, in registration order, the formats a geometry has parts for;
- the commons bundle asks `required` (a bundle is refused without it) and `processes` (which part
  a file serves); ``workbench validate`` calls `read_back` (volumes, audit) on every file.

To add a format: add a `Format` member and one `register_format(...)` call below. The writer and
the checks are named as ``"module:function"`` so that importing the registry imports no CAD
library; a callable works too (for a format registered by another package at run time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Union

from workbench.i18n import N_
from workbench.design import Process
from workbench.errors import UnknownNameError

if TYPE_CHECKING:
    from workbench.export import Options
    from workbench.export.job import Job
    from workbench.geometry import Geometry


class Format(str, Enum):
    """Output formats (each registered below)."""

    STL = "stl"
    THREEMF = "3mf"
    STEP = "step"
    DXF = "dxf"
    SVG = "svg"
    CSV = "csv"
    MD = "md"
    PDF = "pdf"

    @classmethod
    def parse(cls, text: str) -> "Format":
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise UnknownNameError(
                f"unknown format '{text}'; allowed: {', '.join(f.value for f in cls)}"
            ) from None

    @property
    def spec(self) -> "FormatSpec":
        """The format's registration."""
        return spec(self)

    @property
    def label(self) -> str:
        """What the format holds, for menus and help."""
        return spec(self).label


Writer = Callable[["Job", str, Path, "Options"], list[Path]]
"""Writes files named after `stem` into a folder and returns their paths."""
Intact = Callable[[Path], Union[str, None]]
"""A quick structural check of one written file: None when whole, else why not (one line)."""
ReadBack = Callable[[Path, "Expect"], list[str]]
"""A full read-back of one file against what was built: failure lines (empty when it matches)."""


@dataclass(frozen=True)
class Expect:
    """What a read-back compares a file with: each part's volume (mm³) and the file stem."""

    stem: str
    volumes: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class FormatSpec:
    """One export format's registration.

    `processes`: the part processes whose parts the files serve (empty: the whole job, offered for
    any geometry). `required`: a bundle is refused when a part of one of `processes` exists (or,
    with no processes, always) and this format cannot be written. `writer`, `intact` and
    `read_back` are callables or ``"module:function"`` names imported on first use.
    """

    format: Format
    label: str
    processes: frozenset[Process]
    writer: Writer | str
    intact: Intact | str
    read_back: ReadBack | str | None = None
    required: bool = False

    def applies_to(self, geometry: "Geometry") -> bool:
        """True when `geometry` has something for this format."""
        return not self.processes or any(geometry.by_process(p) for p in self.processes)

    def write(self, job: "Job", stem: str, out: Path, options: "Options") -> list[Path]:
        return _resolve(self.writer)(job, stem, out, options)

    def check_intact(self, path: Path) -> str | None:
        return _resolve(self.intact)(path)

    def check_read_back(self, path: Path, expect: Expect) -> list[str]:
        """Full read-back when the format has one, else the intact check."""
        if self.read_back is None:
            why = self.check_intact(path)
            return [] if why is None else [f"{path.name}: {why}"]
        return _resolve(self.read_back)(path, expect)


_REGISTRY: dict[Format, FormatSpec] = {}


def register_format(
    fmt: Format,
    *,
    label: str,
    writer: Writer | str,
    intact: Intact | str,
    processes: Iterable[Process] = (),
    read_back: ReadBack | str | None = None,
    required: bool = False,
) -> FormatSpec:
    """Register (or replace) the format `fmt`; registration order is the order `offered` lists."""
    entry = FormatSpec(fmt, label, frozenset(processes), writer, intact, read_back, required)
    _REGISTRY[fmt] = entry
    return entry


def spec(fmt: Format | str) -> FormatSpec:
    """The registration of `fmt` (a `Format` or its name)."""
    f = fmt if isinstance(fmt, Format) else Format.parse(fmt)
    try:
        return _REGISTRY[f]
    except KeyError:
        raise UnknownNameError(f"format '{f.value}' has no exporter registered") from None


def registered() -> list[FormatSpec]:
    """Every registration, in registration order."""
    return list(_REGISTRY.values())


def offered(geometry: "Geometry | None") -> list[Format]:
    """The formats `geometry` has something for (STL needs printed parts, DXF/SVG cut parts)."""
    if geometry is None:
        return []
    return [s.format for s in _REGISTRY.values() if s.applies_to(geometry)]


def for_file(path: Path) -> FormatSpec | None:
    """The registration whose files end like `path` (by suffix), if any."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return next((s for s in _REGISTRY.values() if s.format.value == suffix), None)


def _resolve(ref: Callable | str) -> Callable:  # type: ignore[type-arg]
    if callable(ref):
        return ref
    module, _, name = ref.partition(":")
    return getattr(import_module(module), name)


# -- the built-in formats ------------------------------------------------------------------------
_V = "workbench.export.verify"

register_format(Format.STL, label=N_("printed parts, binary STL"), processes=[Process.PRINT],
                writer="workbench.export.mesh:export_stl", intact=f"{_V}:stl_intact",
                read_back=f"{_V}:stl_read_back", required=True)
register_format(Format.THREEMF, label=N_("printed parts on the bed, 3MF (a file per plate)"),
                processes=[Process.PRINT],
                writer="workbench.export.threemf:export_3mf", intact=f"{_V}:threemf_intact")
register_format(Format.STEP, label=N_("the assembly, STEP"),
                writer="workbench.export.mesh:export_step", intact=f"{_V}:step_intact",
                read_back=f"{_V}:step_read_back", required=True)
register_format(Format.DXF, label=N_("sheets to cut, DXF"), processes=[Process.CUT],
                writer="workbench.export.dxf:export_dxf", intact=f"{_V}:dxf_intact",
                read_back=f"{_V}:dxf_read_back", required=True)
register_format(Format.SVG, label=N_("sheet previews, SVG"), processes=[Process.CUT],
                writer="workbench.export.svg:export_svg", intact=f"{_V}:svg_intact")
register_format(Format.CSV, label=N_("cut list and what to buy, CSV"),
                writer="workbench.export.cutlist:export_csv", intact=f"{_V}:text_intact")
register_format(Format.MD, label=N_("cut list and what to buy, Markdown"),
                writer="workbench.export.cutlist:export_md", intact=f"{_V}:text_intact")
register_format(Format.PDF, label=N_("sheets at true scale and the cut list, PDF"),
                processes=[Process.CUT, Process.FRAME],
                writer="workbench.export.pdf:export_pdf", intact=f"{_V}:pdf_intact")

__all__ = ["Expect", "Format", "FormatSpec", "Intact", "ReadBack", "Writer", "for_file",
           "offered", "register_format", "registered", "spec"]
