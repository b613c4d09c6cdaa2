"""The bundle's README.md: what it is, how it was adapted and for which conditions, how to make it,
the files, how to rebuild it, and the license."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from workbench.design import Process
from workbench.units import fmt

if TYPE_CHECKING:
    from workbench.bundle import _Facts
    from workbench.geometry import MeasuredPart


def _files(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names) if names else "(no file)"


def _split(p: "MeasuredPart", facts: "_Facts") -> tuple[list[str], list[str]]:
    """The part's files in the format its process needs, and its other files."""
    from workbench.bundle import required_format

    need = required_format(p.process)
    files = facts.part_files.get(p.name, [])
    main = [r for r in files if facts.file_formats.get(r) is need]
    return main, [r for r in files if r not in main]


def _also(others: list[str]) -> str:
    return f" (see also {_files(others)})" if others else ""


def _print_step(p: "MeasuredPart", facts: "_Facts") -> str:
    main, others = _split(p, facts)
    face = p.facts.bed_face
    lies = f" (the {face} goes down)" if face else ""
    return (f"print {_files(main)} as it lies in the file{lies}, in {facts.material_of(p)}"
            + _also(others))


def _cut_step(p: "MeasuredPart", facts: "_Facts") -> str:
    main, others = _split(p, facts)
    return (f"cut it from {p.size[2]:.2f} mm {facts.material_of(p)}, nested on the sheet in "
            f"{_files(main)} (millimetres)" + _also(others))


def _frame_step(p: "MeasuredPart", facts: "_Facts") -> str:
    length = p.facts.cut_length
    cut = f"cut {length:.0f} mm" if length is not None else "cut to length"
    return f"{cut} of {p.facts.stock or 'stock'} in {facts.material_of(p)}"


def _buy_step(p: "MeasuredPart", facts: "_Facts") -> str:
    return f"buy it ({facts.material_of(p)})"


_STEPS: dict[Process, Callable[["MeasuredPart", "_Facts"], str]] = {
    Process.PRINT: _print_step, Process.CUT: _cut_step, Process.FRAME: _frame_step,
    Process.BUY: _buy_step,
}


def _adaptation(facts: "_Facts") -> list[str]:
    ev, design = facts.ev, facts.ev.design
    lines = [f"Lineage: {' → '.join(facts.lineage['chain'])} (oldest first).", ""]
    for v in facts.chain:
        lines.append(f"- `{v.slug}` by {v.author}, {v.date.isoformat()}: {v.why}")
    lines.append("")
    params = design.params()
    changed = design.overrides()
    if changed:
        lines.append("Changed from the design's defaults:")
        lines.append("")
        for name, value in changed.items():
            p = params[name]
            used = p.to_text(ev.resolved.values[name])
            actual = "" if used == p.to_text(value) else f" (actual {used} as the stock sells it)"
            lines.append(f"- {p.label} (`{name}`): {p.to_text(value)}{actual}; default "
                         f"{p.to_text(p.default_value())}")
    else:
        lines.append("All values are the design's defaults.")
    return lines


def _conditions(facts: "_Facts") -> list[str]:
    ev = facts.ev
    ctx = ev.resolved.context
    stock, clim, shop = ctx.stock_catalog, ctx.climate_profile, ctx.workshop_profile
    used = {p.role for p in ev.geometry.parts} if ev.geometry is not None else set()
    lines = [f"- stock catalog: {stock.name} (`{stock.id}`, {stock.region})",
             f"- climate: {clim.name} (`{clim.id}`)"]
    if clim.t_max is not None:
        lines[-1] += f", design maximum air temperature {fmt(clim.t_max, facts.units)}"
    lines.append(f"- workshop: {shop.name} (`{shop.id}`)")
    for role, m in ev.resolved.materials.items():
        if role in used:
            lines.append(f"- material for `{role}`: {m.name} (`{m.id}`)")
    counts = {s: sum(1 for c in ev.checks if c.status.value == s) for s in ("pass", "warn", "fail")}
    lines += ["", f"Engineering checks in these conditions: **{ev.status.upper()}** "
              f"({counts['pass']} pass, {counts['warn']} warn, {counts['fail']} fail). Every check with "
              "its numbers, explanation and reference: [report.md](report.md) or "
              "[report.html](report.html)."]
    if ev.unverified_note:
        lines += ["", f"**{ev.unverified_note}**"]
    return lines


def _parts_table(facts: "_Facts") -> list[str]:
    ev = facts.ev
    assert ev.geometry is not None
    masses = {s.name: s.mass for s in ev.parts}
    rows = ["| part | qty | made by | material | size (mm) | mass |", "| --- | --- | --- | --- | --- | --- |"]
    for p in ev.geometry.parts:
        mass = masses.get(p.name)
        rows.append(f"| {p.name} | {p.quantity} | {p.process.value} | {facts.material_of(p)} | "
                    f"{' × '.join(f'{x:.1f}' for x in p.size)} | "
                    f"{fmt(mass, facts.units) if mass is not None else 'unknown'} |")
    return rows


def readme_text(facts: "_Facts") -> str:
    """README.md of the bundle."""
    ev, design = facts.ev, facts.ev.design
    assert ev.geometry is not None
    lines: list[str] = [
        f"# {facts.title}",
        "",
        f"![preview]({facts.image})",
        "",
        f"{design.summary}",
        "",
        f"This folder is a commons bundle of the design `{design.id}` {design.version}, adapted as "
        f"variant `{facts.slug}`. Everything needed to make it is here; none of it needs the "
        "workbench software: fabrication files, a check report, the variant file, the design's "
        "source, an Open Know-How manifest (`okh.toml`) and the license.",
        "",
        "## How it was adapted",
        "",
        *_adaptation(facts),
        "",
        "## For which conditions",
        "",
        *_conditions(facts),
        "",
        "## Parts",
        "",
        *_parts_table(facts),
        "",
        f"Total mass: {fmt(ev.mass, facts.units) if ev.mass is not None else 'unknown'}.",
        "",
        "## Make it",
        "",
    ]
    for p in ev.geometry.parts:
        qty = f"{p.quantity} × " if p.quantity != 1 else ""
        lines.append(f"- {qty}**{p.name}**: {_STEPS[p.process](p, facts)}.")
    notes = dict(facts.file_notes)
    for rel in facts.assembly_files:
        lines.append(f"- `{rel}`: {notes.get(rel, 'for the whole assembly')}.")
    lines += ["", "## Files", "", "| file | what |", "| --- | --- |"]
    for name, what in facts.file_notes:
        lines.append(f"| `{name}` | {what} |")
    if facts.skipped:
        lines += [""] + [f"Not written: {fmt_name} ({why})." for fmt_name, why in facts.skipped]
    lines += ["", "## Rebuild it", "", "With the cosmo-local workbench and this design at version "
              f"{design.version}, in this folder:", "", "```",
              f"workbench variant show {facts.variant_file} --verify   # rebuilds, compares the geometry hash",
              f"workbench bundle --variant {facts.variant_file} --repo {facts.repo} --out ../{facts.slug}-rebuilt",
              "```", "", f"Geometry hash (SHA-256 of every part's vertices, volume and area): "
              f"`{facts.geometry_hash}`. `SHA256SUMS` lists a checksum of every file here "
              "(`sha256sum -c SHA256SUMS`)."]
    lines += _openscad_section(facts)
    lines += ["", "## License", ""]
    lic = facts.license
    names = "; ".join(f"{i.id} ({i.name})" if i.name else i.id for i in lic.licenses)
    text_note = (f"The full text is in `{lic.main}`." if lic.full_text else
                 f"`{lic.main}` names the license and where to read it: its full text was not "
                 "available offline when this bundle was written.")
    lines += [f"{design.title} by {', '.join(design.authors)}; this variant by "
              f"{', '.join(dict.fromkeys(v.author for v in facts.chain))}. License: {names}, "
              f"for the design and every file exported from it. {text_note}"]
    if facts.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in facts.notes]
    return "\n".join(lines) + "\n"


def _openscad_section(facts: "_Facts") -> list[str]:
    s: Any = facts.scad
    if s is None or facts.scad_file is None:
        return []
    out = ["", "## OpenSCAD", ""]
    if facts.scad_params is not None:
        out += [f"`{facts.scad_file}` models the design in OpenSCAD; `{facts.scad_params}` holds this "
                f"variant as the Customizer parameter set `{s.name}`:", "", "```",
                f"openscad -p {facts.scad_params} -P {s.name} -o {facts.slug}.stl {facts.scad_file}",
                "```"]
    else:
        out.append(f"`{facts.scad_file}` models the design in OpenSCAD, but not this variant: "
                   + "; ".join(f"{u.name}: {u.reason}" for u in s.conflicts) + ".")
    if s.unmapped:
        out += ["", "Not carried into OpenSCAD: " + "; ".join(f"`{u.name}` ({u.reason})" for u in
                                                             s.unmapped) + "."]
    return out
