"""Materials from `materials/materials.toml`: typed, sourced properties as pint quantities."""

from __future__ import annotations

from workbench.caches import register

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping, Optional

import pint

from workbench.context._data import (
    ABOVE_ABSOLUTE_ZERO, NON_NEGATIVE, POSITIVE, Doc, Entry, Range, check_id, entries, load_doc,
    materials_dir, unknown,
)
from workbench.design import Process
from workbench.errors import DataError


class MaterialKind(str, Enum):
    """What family a material belongs to."""

    TIMBER = "timber"
    SHEET = "sheet"
    METAL = "metal"
    PLASTIC = "plastic"
    BAMBOO = "bamboo"


MaterialProcess = Process
"""How a material can be made into parts (or bought as a finished item, a pipe or a rope): the one
`workbench.design.Process` enum, kept under this name for code that imports it."""
_MAKE = [p.value for p in Process]


class MaterialFamily(str, Enum):
    """Materials that can stand in for one another when a design moves to another place.

    An adaptation may replace a material that is not sold (or not suited) in a place by one of
    the same family that is; it never crosses families (plywood is not swapped for MDF, nor PLA
    for recycled HDPE sheet). Checks then run on the replacement's own sourced values.
    """

    PLYWOOD = "plywood"
    """Veneer plywood and blockboard (cross-laminated veneer or strip-core panels)."""
    FIBREBOARD = "fibreboard"
    """MDF and other fibre or particle boards."""
    SAWN_SOFTWOOD = "sawn-softwood"
    """Sawn softwood: strength-graded (EN 338 C classes) or dimension lumber."""
    SAWN_HARDWOOD = "sawn-hardwood"
    """Sawn hardwood (EN 338 D classes, tropical hardwoods)."""
    BAMBOO = "bamboo"
    """Round bamboo culms."""
    STRUCTURAL_STEEL = "structural-steel"
    """Carbon steel for structural sections and hollow sections (S235, YST 310, A500 …)."""
    ALUMINIUM = "aluminium"
    """Wrought aluminium alloys."""
    RIGID_PLASTIC = "rigid-plastic"
    """Plastic sheet and board cut to shape (HDPE, PP, PVC sheet)."""
    FILAMENT = "filament"
    """Printer filament (PLA, PETG, ABS, ASA, PA …)."""



# property → (unit it is stored in, what it is, an example for messages)
PROPERTIES: dict[str, tuple[str, str, str]] = {
    "density": ("kg/m**3", "a density", "1240 kg/m^3"),
    "density_k": ("kg/m**3", "a density", "350 kg/m^3"),
    "E": ("MPa", "a modulus", "11000 MPa"),
    "flexural_modulus": ("MPa", "a modulus", "3100 MPa"),
    "bending_strength": ("MPa", "a stress", "24 MPa"),
    "yield_strength": ("MPa", "a stress", "235 MPa"),
    "tensile_strength": ("MPa", "a stress", "360 MPa"),
    "interlayer_strength": ("MPa", "a stress", "17 MPa"),
    "creep_modulus": ("MPa", "a modulus", "300 MPa"),
    "alpha": ("1/K", "a thermal expansion coefficient", "12 µm/m/K"),
    "tg": ("degC", "a temperature", "60 degC"),
    "hdt": ("degC", "a temperature", "55 degC"),
    "shrink_tangential": ("1/percent", "a dimensional-change coefficient", "0.00338 / percent"),
    "shrink_radial": ("1/percent", "a dimensional-change coefficient", "0.00256 / percent"),
    "k_def_sc1": ("", "a number", "0.6"),
    "k_def_sc2": ("", "a number", "0.8"),
    "k_def_sc3": ("", "a number", "2.0"),
    "carbon": ("kgCO2e/kg", "an embodied carbon per kg", "0.263 kgCO2e/kg"),
}
# What each property may be (in its unit above): physical facts, not design limits. Densities,
# moduli, strengths and movement coefficients are positive; a creep factor or an embodied carbon
# (A1-A3, biogenic carbon excluded) may be 0; a temperature is above absolute zero.
RANGES: dict[str, Range] = {
    **{k: POSITIVE for k in (
        "density", "density_k", "E", "flexural_modulus", "bending_strength", "yield_strength",
        "tensile_strength", "alpha", "shrink_tangential", "shrink_radial", "interlayer_strength",
        "creep_modulus",
    )},
    **{k: NON_NEGATIVE for k in ("k_def_sc1", "k_def_sc2", "k_def_sc3", "carbon")},
    "tg": ABOVE_ABSOLUTE_ZERO,
    "hdt": ABOVE_ABSOLUTE_ZERO,
}
# (lower, higher): the first may not exceed the second (a 5 % value is not above the mean; the
# yield stress is not above the tensile strength)
ORDERED = (("density_k", "density"), ("yield_strength", "tensile_strength"),
           ("creep_modulus", "E"))
TEXT_FIELDS = ("name", "kind", "family", "processes", "description")


@dataclass(frozen=True)
class Material:
    """A material with its sourced properties; absent properties are None, never guessed.

    For timber `E` is E_0,mean and `bending_strength` is f_m,k (EN 338); `hdt` is the heat
    deflection temperature at 0.45 MPa (ISO 75); `shrink_*` are Wood Handbook dimensional-change
    coefficients per percent moisture content (multiply by a change in MC given in percent);
    `k_def_sc1..3` are EN 1995-1-1 creep factors for service classes 1..3; `price` is per kg or
    per m³ in the currency of its source. `sources` maps each property to its full citation.
    `family` says which materials may replace it in an adaptation (`materials_in_family`); it is
    None only in a user file that does not give one.
    """

    id: str
    name: str
    kind: MaterialKind
    processes: tuple[Process, ...]
    description: str = ""
    family: Optional[MaterialFamily] = None
    density: Optional[pint.Quantity] = None
    density_k: Optional[pint.Quantity] = None
    E: Optional[pint.Quantity] = None
    flexural_modulus: Optional[pint.Quantity] = None
    bending_strength: Optional[pint.Quantity] = None
    yield_strength: Optional[pint.Quantity] = None
    tensile_strength: Optional[pint.Quantity] = None
    interlayer_strength: Optional[pint.Quantity] = None
    """Tensile strength across the layers of a print (a maker's interlayer adhesion test)."""
    creep_modulus: Optional[pint.Quantity] = None
    """Apparent (creep) modulus of a plastic under a sustained load for years at room temperature
    (from its creep or isochronous curves), for the pseudo-elastic creep checks."""
    alpha: Optional[pint.Quantity] = None
    tg: Optional[pint.Quantity] = None
    hdt: Optional[pint.Quantity] = None
    shrink_tangential: Optional[pint.Quantity] = None
    shrink_radial: Optional[pint.Quantity] = None
    k_def_sc1: Optional[pint.Quantity] = None
    k_def_sc2: Optional[pint.Quantity] = None
    k_def_sc3: Optional[pint.Quantity] = None
    price: Optional[pint.Quantity] = None
    carbon: Optional[pint.Quantity] = None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    def k_def(self, service_class: int) -> Optional[float]:
        """EN 1995-1-1 Table 3.2 deformation factor for service class 1, 2 or 3 (None if unknown)."""
        if service_class not in (1, 2, 3):
            raise ValueError(f"service class {service_class!r} is not 1, 2 or 3")
        q = getattr(self, f"k_def_sc{service_class}")
        return None if q is None else float(q.magnitude)

    def suits(self, process: Any) -> bool:
        """Whether the material can be made by `process` (an enum or its text value)."""
        value = str(getattr(process, "value", process))
        return value in {p.value for p in self.processes}


def materials() -> dict[str, Material]:
    """Every material by id, from the data folder (read on first use, cached by file mtime)."""
    doc = load_doc(materials_dir() / "materials.toml")
    return dict(_materials_of(doc))


def material(material_id: str) -> Material:
    """The material `material_id`; `UnknownNameError` listing the known ids otherwise."""
    found = materials()
    if material_id not in found:
        raise unknown("material", material_id, found)
    return found[material_id]


def materials_in_family(family: "MaterialFamily | str") -> list[Material]:
    """Every material of `family` (an enum or its text, e.g. "plywood"), sorted by id.

    ``[m.id for m in materials_in_family("plywood")]`` → ``["plywood-birch", "plywood-softwood"]``.
    To keep only what a place sells, see `StockCatalog.substitutes`.
    """
    try:
        wanted = MaterialFamily(getattr(family, "value", family))
    except ValueError:
        raise unknown("material family", str(family), [f.value for f in MaterialFamily]) from None
    return sorted((m for m in materials().values() if m.family is wanted), key=lambda m: m.id)


def materials_digest() -> str:
    return load_doc(materials_dir() / "materials.toml").digest


_PARSED: dict[str, tuple[tuple[str, Material], ...]] = {}
register("materials", _PARSED.clear)


def _materials_of(doc: Doc) -> tuple[tuple[str, Material], ...]:
    if doc.digest not in _PARSED:
        _PARSED.clear()  # one materials file is in use at a time
        _PARSED[doc.digest] = tuple((i, _material(doc, i, t)) for i, t in entries(doc).items())
    return _PARSED[doc.digest]


def _material(doc: Doc, ident: str, table: Any) -> Material:
    check_id(doc, ident, ident)
    e = Entry(doc, ident, table, (*TEXT_FIELDS, "price", *PROPERTIES))
    kind_text = e.option("kind", table.get("kind"), "kind", [k.value for k in MaterialKind])
    family_text = table.get("family")
    if family_text is not None:
        e.option("family", family_text, "family", [f.value for f in MaterialFamily])
    processes = e.texts("processes")
    if not processes:
        raise DataError(f"{doc.shown}: {ident} has no processes (print, cut, frame or buy)")
    for p in processes:
        e.option("processes", p, "process", _MAKE)
    props = {
        key: e.quantity(key, unit, what, example, allowed=RANGES[key])
        for key, (unit, what, example) in PROPERTIES.items()
    }
    for low, high in ORDERED:
        lo, hi = props[low], props[high]
        if lo is not None and hi is not None and lo > hi:
            raise e.fail(low, f"{lo.magnitude:g} {lo.units:~P} is above {high} {hi.magnitude:g} {hi.units:~P}")
    return Material(
        id=ident,
        name=e.text("name", required=True) or ident,
        kind=MaterialKind(kind_text),
        family=None if family_text is None else MaterialFamily(family_text),
        processes=tuple(Process(p) for p in processes),
        description=e.text("description") or "",
        price=e.price("price"),
        sources=dict(e.cited),
        **props,
    )
