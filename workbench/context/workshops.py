"""Workshop profiles from `materials/workshops.toml`: the machines a maker has and their limits."""

from __future__ import annotations

from workbench.caches import register

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

import pint

from workbench.context._data import (
    FINITE, NON_NEGATIVE, POSITIVE, Doc, Entry, check_id, entries, load_doc, materials_dir, unknown,
)
from workbench.errors import DataError

LENGTHS = ("laser_kerf", "cnc_tool_diameter", "nozzle", "fit_clearance")
BEDS = {"laser_bed": 2, "cnc_bed": 2, "bed": 3}
# a kerf may be 0 (a profile that ignores it); a tool, a nozzle and a bed are above 0; a fit
# clearance below 0 is an interference (press) fit, so it is only required to be finite
RANGES = {"laser_kerf": NON_NEGATIVE, "cnc_tool_diameter": POSITIVE, "nozzle": POSITIVE,
          "fit_clearance": FINITE}


@dataclass(frozen=True)
class Workshop:
    """What a workshop can make: laser (kerf, bed), CNC router (tool, bed), printer (nozzle, bed).

    A machine the workshop lacks has its values None. `bed` is the printer's (x, y, z) build
    volume; `laser_bed` / `cnc_bed` the (x, y) sheet area each cutter takes. `fit_clearance` is the
    gap added to slots so a tab of the actual sheet thickness slides in.
    """

    id: str
    name: str
    laser_kerf: Optional[pint.Quantity] = None
    laser_bed: Optional[tuple[pint.Quantity, pint.Quantity]] = None
    cnc_tool_diameter: Optional[pint.Quantity] = None
    cnc_bed: Optional[tuple[pint.Quantity, pint.Quantity]] = None
    nozzle: Optional[pint.Quantity] = None
    bed: Optional[tuple[pint.Quantity, pint.Quantity, pint.Quantity]] = None
    fit_clearance: Optional[pint.Quantity] = None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def kerf(self) -> Optional[pint.Quantity]:
        """Width of material a cut removes: laser kerf, else the CNC tool diameter."""
        return self.laser_kerf if self.laser_kerf is not None else self.cnc_tool_diameter

    @property
    def sheet(self) -> Optional[tuple[pint.Quantity, pint.Quantity]]:
        """Largest sheet (x, y) the workshop can cut: the CNC bed, else the laser bed."""
        return self.cnc_bed if self.cnc_bed is not None else self.laser_bed

    @property
    def can_print(self) -> bool:
        return self.nozzle is not None and self.bed is not None

    @property
    def can_cut(self) -> bool:
        return self.sheet is not None and self.kerf is not None


def workshops() -> dict[str, Workshop]:
    """Every workshop profile by id."""
    doc = load_doc(materials_dir() / "workshops.toml")
    if doc.digest not in _CACHE:
        _CACHE.clear()
        _CACHE[doc.digest] = {i: _workshop(doc, i, t) for i, t in entries(doc).items()}
    return dict(_CACHE[doc.digest])


_CACHE: dict[str, dict[str, Workshop]] = {}
register("workshops", _CACHE.clear)


def workshop(workshop_id: str) -> Workshop:
    """The profile `workshop_id` (e.g. "prusa-mk4"); `UnknownNameError` listing the known ones."""
    found = workshops()
    if workshop_id not in found:
        raise unknown("workshop", workshop_id, found)
    return found[workshop_id]


def _workshop(doc: Doc, ident: str, table: Any) -> Workshop:
    check_id(doc, ident, ident)
    e = Entry(doc, ident, table, ("name", *LENGTHS, *BEDS))
    lengths = {k: e.length(k, allowed=RANGES[k]) for k in LENGTHS}
    beds: dict[str, Any] = {}
    for key, n in BEDS.items():
        raw = table.get(key)
        if raw is None:
            beds[key] = None
            continue
        if not isinstance(raw, list) or len(raw) != n:
            axes = '["250 mm", "210 mm", "220 mm"]' if n == 3 else '["600 mm", "400 mm"]'
            raise e.fail(key, f"expected {n} lengths, e.g. {axes}")
        beds[key] = tuple(e.length(f"{key}[{i}]", v) for i, v in enumerate(raw))
    if (lengths["nozzle"] is None) != (beds["bed"] is None):
        raise DataError(f"{doc.shown}: {ident}: a printer needs both nozzle and bed")
    return Workshop(
        id=ident, name=e.text("name", required=True) or ident, sources=dict(e.cited), **lengths, **beds
    )
