"""The bundle's OKH-LOSH manifest, `okh.toml` (OKH-LOSH v1.0, OPEN-NEXT/OKH-LOSH; validated in the
tests against its JSON Schema).

Keys beyond the schema's own (the schema allows them): `material` and `thickness-mm` per part and
`printing-process` are OKH-LOSH specification fields; `[lineage]` is this project's link to the
parent (the ontology's closest term, okh:forkOf, wants a web address a local variant lacks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.design import Process

if TYPE_CHECKING:
    from workbench.bundle import _Facts

OKHV = "OKH-LOSHv1.0"
"""The `okhv` value the schema requires."""
LANGUAGE = "en"
"""BCP 47 tag of the bundle's documentation (README, report)."""

# How a part is made → its Technology-specific Documentation Criteria (DIN SPEC 3105-1 TsDC ids):
# 3DP 3D printing, LAS laser cutting, CNC CNC machining, MEC mechanical (frames cut to length).
_TSDC_CUT_LASER, _TSDC_CUT_CNC = "LAS", "CNC"
_TSDC = {Process.PRINT: "3DP", Process.FRAME: "MEC"}


def _tsdc(process: Process, facts: "_Facts") -> str | None:
    if process is Process.CUT:
        shop = facts.ev.resolved.context.workshop_profile
        return _TSDC_CUT_LASER if shop.cnc_tool_diameter is None and shop.laser_kerf else _TSDC_CUT_CNC
    return _TSDC.get(process)


def _cube(size: tuple[float, float, float]) -> dict[str, str]:
    dims = ",".join(f"{x:.1f}".rstrip("0").rstrip(".") for x in size)
    return {"openSCAD": f"cube(size = [{dims}])", "unit": "mm"}


def _mass(q: Any) -> dict[str, Any] | None:
    if q is None:
        return None
    grams = float(q.to("g").magnitude)
    return {"value": round(grams, 1), "unit": "g"} if grams < 1000 else {
        "value": round(grams / 1000, 3), "unit": "kg"}


def manifest(facts: "_Facts") -> dict[str, Any]:
    """The manifest as a TOML-ready dict, every path relative to the bundle folder."""
    ev, design = facts.ev, facts.ev.design
    geo = ev.geometry
    assert geo is not None
    summaries = {s.name: s for s in ev.parts}
    materials = ev.resolved.materials
    parts: list[dict[str, Any]] = []
    tsdcs: list[str] = []
    for p in geo.parts:
        entry: dict[str, Any] = {"name": p.name}
        tsdc = _tsdc(p.process, facts)
        if tsdc:
            entry["tsdc"] = tsdc
            tsdcs.append(tsdc)
        entry["source"] = facts.design_source
        entry["export"] = facts.part_files.get(p.name, []) + facts.assembly_files
        mat = materials[p.role]
        entry["material"] = f"{mat.name} ({mat.id})"
        if p.quantity != 1:
            entry["quantity"] = p.quantity
        if p.process is Process.CUT:
            entry["thickness-mm"] = round(p.size[2], 3)
        entry["outer-dimensions"] = _cube(p.size)
        mass = _mass(summaries[p.name].mass) if p.name in summaries else None
        if mass:
            entry["mass"] = mass
        parts.append(entry)
    if len(geo.parts) > 1:
        tsdcs.append("ASM")
    bb = geo.assembly().toCompound().BoundingBox()
    doc: dict[str, Any] = {
        "okhv": OKHV,
        "name": facts.title,
        "repo": facts.repo,
        "version": facts.version,
        "license": design.license,
        "licensor": facts.licensors,
        "readme": "README.md",
        "image": facts.image,
        "documentation-language": LANGUAGE,
        "function": facts.function,
    }
    if tsdcs:
        doc["tsdc"] = sorted(set(tsdcs))
        if "3DP" in tsdcs and ev.resolved.context.workshop_profile.nozzle is not None:
            doc["printing-process"] = "FDM"  # a nozzle means filament extrusion
    if facts.bom:
        doc["bom"] = facts.bom
    doc["manufacturing-instructions"] = "README.md"
    doc["source"] = facts.sources
    doc["export"] = facts.exports
    doc["auxiliary"] = facts.auxiliary
    doc["outer-dimensions"] = _cube((bb.xlen, bb.ylen, bb.zlen))
    mass = _mass(ev.mass)
    if mass:
        doc["mass"] = mass
    doc["lineage"] = facts.lineage
    doc["part"] = parts
    return doc


def manifest_text(facts: "_Facts") -> str:
    """`okh.toml`: a comment naming what wrote it, then the manifest."""
    import tomli_w

    return (
        "# Open Know-How manifest (OKH-LOSH v1.0) of this commons bundle.\n"
        "# Written by the cosmo-local workbench; paths are relative to this file.\n"
        + tomli_w.dumps(manifest(facts))
    )
