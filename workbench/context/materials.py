"""Materials from `materials/materials.toml`: typed, sourced properties as pint quantities."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping, Optional

import pint

from workbench.context._data import Doc, Entry, check_id, entries, load_doc, materials_dir, unknown
from workbench.errors import DataError


class MaterialKind(str, Enum):
    """What family a material belongs to."""

    TIMBER = "timber"
    SHEET = "sheet"
    METAL = "metal"
    PLASTIC = "plastic"
    BAMBOO = "bamboo"


class MaterialProcess(str, Enum):
    """How a material can be made into parts (values match `workbench.design.Process`)."""

    PRINT = "print"
    CUT = "cut"
    FRAME = "frame"
    BUY = "buy"
    """Bought as a finished item (a pipe, a rope): the material of parts no workshop makes."""


# property → (unit it is stored in, what it is, an example for messages)
PROPERTIES: dict[str, tuple[str, str, str]] = {
    "density": ("kg/m**3", "a density", "1240 kg/m^3"),
    "density_k": ("kg/m**3", "a density", "350 kg/m^3"),
    "E": ("MPa", "a modulus", "11000 MPa"),
    "flexural_modulus": ("MPa", "a modulus", "3100 MPa"),
    "bending_strength": ("MPa", "a stress", "24 MPa"),
    "yield_strength": ("MPa", "a stress", "235 MPa"),
    "tensile_strength": ("MPa", "a stress", "360 MPa"),
    "alpha": ("1/K", "a thermal expansion coefficient", "12 µm/m/K"),
    "tg": ("degC", "a temperature", "60 degC"),
    "hdt": ("degC", "a temperature", "55 degC"),
    "shrink_tangential": ("", "a dimensional-change coefficient", "0.00338 / percent"),
    "shrink_radial": ("", "a dimensional-change coefficient", "0.00256 / percent"),
    "k_def_sc1": ("", "a number", "0.6"),
    "k_def_sc2": ("", "a number", "0.8"),
    "k_def_sc3": ("", "a number", "2.0"),
    "carbon": ("kgCO2e/kg", "an embodied carbon per kg", "0.263 kgCO2e/kg"),
}
TEXT_FIELDS = ("name", "kind", "processes", "description")


@dataclass(frozen=True)
class Material:
    """A material with its sourced properties; absent properties are None, never guessed.

    For timber `E` is E_0,mean and `bending_strength` is f_m,k (EN 338); `hdt` is the heat
    deflection temperature at 0.45 MPa (ISO 75); `shrink_*` are Wood Handbook dimensional-change
    coefficients per percent moisture content (multiply by a change in MC given in percent);
    `k_def_sc1..3` are EN 1995-1-1 creep factors for service classes 1..3; `price` is per kg or
    per m³ in the currency of its source. `sources` maps each property to its full citation.
    """

    id: str
    name: str
    kind: MaterialKind
    processes: tuple[MaterialProcess, ...]
    description: str = ""
    density: Optional[pint.Quantity] = None
    density_k: Optional[pint.Quantity] = None
    E: Optional[pint.Quantity] = None
    flexural_modulus: Optional[pint.Quantity] = None
    bending_strength: Optional[pint.Quantity] = None
    yield_strength: Optional[pint.Quantity] = None
    tensile_strength: Optional[pint.Quantity] = None
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


def materials_digest() -> str:
    return load_doc(materials_dir() / "materials.toml").digest


_PARSED: dict[str, tuple[tuple[str, Material], ...]] = {}


def _materials_of(doc: Doc) -> tuple[tuple[str, Material], ...]:
    if doc.digest not in _PARSED:
        _PARSED.clear()  # one materials file is in use at a time
        _PARSED[doc.digest] = tuple((i, _material(doc, i, t)) for i, t in entries(doc).items())
    return _PARSED[doc.digest]


def _material(doc: Doc, ident: str, table: Any) -> Material:
    check_id(doc, ident, ident)
    e = Entry(doc, ident, table, (*TEXT_FIELDS, "price", *PROPERTIES))
    kind_text = e.option("kind", table.get("kind"), "kind", [k.value for k in MaterialKind])
    processes = e.texts("processes")
    if not processes:
        raise DataError(f"{doc.shown}: {ident} has no processes (print, cut, frame or buy)")
    for p in processes:
        e.option("processes", p, "process", [m.value for m in MaterialProcess])
    props = {
        key: e.quantity(key, unit, what, example) for key, (unit, what, example) in PROPERTIES.items()
    }
    return Material(
        id=ident,
        name=e.text("name", required=True) or ident,
        kind=MaterialKind(kind_text),
        processes=tuple(MaterialProcess(p) for p in processes),
        description=e.text("description") or "",
        price=e.price("price"),
        sources=dict(e.cited),
        **props,
    )
