"""Fabrication outputs: one exporter per format behind a registry keyed by `Format`.

Every export of a batch is written into a staging folder and moved into place only when all succeed,
so a failure leaves no partial file behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from workbench.errors import ExportError, UnknownNameError
from workbench.export._atomic import staging_dir

if TYPE_CHECKING:
    from workbench.geometry import Geometry


class Format(str, Enum):
    """Output formats."""

    STL = "stl"
    STEP = "step"
    DXF = "dxf"

    @classmethod
    def parse(cls, text: str) -> "Format":
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise UnknownNameError(
                f"unknown format '{text}'; allowed: {', '.join(f.value for f in cls)}"
            ) from None


class Tolerance(str, Enum):
    """Mesh tolerance presets for STL: linear deflection in mm and angular deflection in radians."""

    DRAFT = "draft"
    FINE = "fine"

    @property
    def linear_mm(self) -> float:
        return {"draft": 0.1, "fine": 0.01}[self.value]

    @property
    def angular_rad(self) -> float:
        return {"draft": 0.5, "fine": 0.1}[self.value]


@dataclass(frozen=True)
class Options:
    """Export settings shared by the exporters."""

    tolerance: Tolerance = Tolerance.FINE


Exporter = Callable[["Geometry", str, Path, Options], list[Path]]
"""Writes files named after `stem` into a folder and returns their paths."""

EXPORTERS: dict[Format, Exporter] = {}


def register(fmt: Format) -> Callable[[Exporter], Exporter]:
    """Decorator adding an exporter for `fmt` to the registry."""

    def deco(fn: Exporter) -> Exporter:
        EXPORTERS[fmt] = fn
        return fn

    return deco


def export(
    geo: "Geometry",
    formats: Iterable[Format | str],
    out_dir: Path,
    stem: str,
    options: Options = Options(),
) -> list[Path]:
    """Write `geo` in each format into `out_dir`; all files appear, or none does."""
    from workbench.export import formats as _formats  # noqa: F401  (registers the exporters)

    fmts = [f if isinstance(f, Format) else Format.parse(f) for f in formats]
    written: list[str] = []
    with staging_dir(Path(out_dir)) as stage:
        for fmt in fmts:
            if fmt not in EXPORTERS:
                raise ExportError(f"no exporter for {fmt.value}")
            written += [p.name for p in EXPORTERS[fmt](geo, stem, stage, options)]
    return [Path(out_dir) / name for name in written]
