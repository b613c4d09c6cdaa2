"""The bundle's README.md: what it is, how it was adapted and for which conditions, how to make it,
the files, how to rebuild it, and the license."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from workbench.design import Process
from workbench.i18n import _, data_gettext, design_gettext, part_name
from workbench.units import fmt

if TYPE_CHECKING:
    from workbench.bundle import _Facts
    from workbench.geometry import MeasuredPart


def _files(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names) if names else _("(no file)")


def _split(p: "MeasuredPart", facts: "_Facts") -> tuple[list[str], list[str]]:
    """The part's files in the format its process needs, and its other files."""
    from workbench.bundle import required_format

    need = required_format(p.process)
    files = facts.part_files.get(p.name, [])
    main = [r for r in files if facts.file_formats.get(r) is need]
    return main, [r for r in files if r not in main]


def _also(others: list[str]) -> str:
    return " " + _("(see also {files})").format(files=_files(others)) if others else ""


def _print_step(p: "MeasuredPart", facts: "_Facts") -> str:
    main, others = _split(p, facts)
    face = p.facts.bed_face
    if face:
        text = _("print {files} as it lies in the file (the {face} goes down), in {material}")
    else:
        text = _("print {files} as it lies in the file, in {material}")
    return text.format(files=_files(main), face=face, material=facts.material_of(p)) + _also(others)


def _cut_step(p: "MeasuredPart", facts: "_Facts") -> str:
    main, others = _split(p, facts)
    return (_("cut it from {thickness} mm {material}, nested on the sheet in {files} "
              "(millimetres)").format(thickness=f"{p.size[2]:.2f}", material=facts.material_of(p),
                                      files=_files(main)) + _also(others))


def _frame_step(p: "MeasuredPart", facts: "_Facts") -> str:
    length = p.facts.cut_length
    cut = (_("cut {length} mm").format(length=f"{length:.0f}") if length is not None
           else _("cut to length"))
    return _("{cut} of {stock} in {material}").format(
        cut=cut, stock=p.facts.stock or _("stock"), material=facts.material_of(p))


def _buy_step(p: "MeasuredPart", facts: "_Facts") -> str:
    return _("buy it ({material})").format(material=facts.material_of(p))


_STEPS: dict[Process, Callable[["MeasuredPart", "_Facts"], str]] = {
    Process.PRINT: _print_step, Process.CUT: _cut_step, Process.FRAME: _frame_step,
    Process.BUY: _buy_step,
}


def _adaptation(facts: "_Facts") -> list[str]:
    ev, design = facts.ev, facts.ev.design
    lines = [_("Lineage: {chain} (oldest first).").format(chain=" → ".join(facts.lineage["chain"])),
             ""]
    for v in facts.chain:
        lines.append(f"- `{v.slug}` by {v.author}, {v.date.isoformat()}: {v.why}")
    lines.append("")
    params = design.params()
    changed = design.overrides()
    if changed:
        lines.append(_("Changed from the design's defaults:"))
        lines.append("")
        for name, value in changed.items():
            p = params[name]
            used = p.to_text(ev.resolved.values[name])
            actual = "" if used == p.to_text(value) else " " + _(
                "(actual {value} as the stock sells it)").format(value=used)
            lines.append(f"- {p.label} (`{name}`): {p.to_text(value)}{actual}; "
                         + _("default {value}").format(value=p.to_text(p.default_value())))
    else:
        lines.append(_("All values are the design's defaults."))
    return lines


def _conditions(facts: "_Facts") -> list[str]:
    ev = facts.ev
    ctx = ev.resolved.context
    stock, clim, shop = ctx.stock_catalog, ctx.climate_profile, ctx.workshop_profile
    used = {p.role for p in ev.geometry.parts} if ev.geometry is not None else set()
    from workbench.report import _verdict

    lines = ["- " + _("stock catalog: {name} (`{id}`, {region})").format(
                 name=data_gettext(stock.name), id=stock.id, region=data_gettext(stock.region)),
             "- " + _("climate: {name} (`{id}`)").format(name=data_gettext(clim.name),
                                                          id=clim.id)]
    if clim.t_max is not None:
        lines[-1] += ", " + _("design maximum air temperature {t_max}").format(
            t_max=fmt(clim.t_max, facts.units))
    lines.append("- " + _("workshop: {name} (`{id}`)").format(name=data_gettext(shop.name),
                                                               id=shop.id))
    for role, m in ev.resolved.materials.items():
        if role in used:
            lines.append("- " + _("material for `{role}`: {name} (`{id}`)").format(
                role=role, name=data_gettext(m.name), id=m.id))
    counts = {s: sum(1 for c in ev.checks if c.status.value == s) for s in ("pass", "warn", "fail")}
    lines += ["", _("Engineering checks in these conditions: **{verdict}** ({passed} pass, "
                    "{warned} warn, {failed} fail). Every check with its numbers, explanation and "
                    "reference: [report.md](report.md) or [report.html](report.html).").format(
        verdict=_verdict(ev.status), passed=counts["pass"], warned=counts["warn"],
        failed=counts["fail"])]
    if ev.unverified_note:
        lines += ["", f"**{ev.unverified_note}**"]
    return lines


def _parts_table(facts: "_Facts") -> list[str]:
    ev = facts.ev
    assert ev.geometry is not None
    masses = {s.name: s.mass for s in ev.parts}
    header = (_("part"), _("qty"), _("made by"), _("material"), _("size (mm)"), _("mass"))
    rows = ["| " + " | ".join(header) + " |", "| --- | --- | --- | --- | --- | --- |"]
    for p in ev.geometry.parts:
        mass = masses.get(p.name)
        rows.append(f"| {part_name(ev.design, p.name)} | {p.quantity} | {p.process.word} | "
                    f"{facts.material_of(p)} | "
                    f"{' × '.join(f'{x:.1f}' for x in p.size)} | "
                    f"{fmt(mass, facts.units) if mass is not None else _('unknown')} |")
    return rows


def readme_text(facts: "_Facts") -> str:
    """README.md of the bundle."""
    ev, design = facts.ev, facts.ev.design
    assert ev.geometry is not None
    lines: list[str] = [
        f"# {design_gettext(design, design.title)} ({facts.slug})",
        "",
        f"![preview]({facts.image})",
        "",
        design_gettext(design, design.summary),
        "",
        _("This folder is a commons bundle of the design `{id}` {version}, adapted as variant "
          "`{slug}`. Everything needed to make it is here; none of it needs the workbench "
          "software: fabrication files, a check report, the variant file, the design's source, "
          "an Open Know-How manifest (`okh.toml`) and the license.").format(
            id=design.id, version=design.version, slug=facts.slug),
        "",
        "## " + _("How it was adapted"),
        "",
        *_adaptation(facts),
        "",
        "## " + _("For which conditions"),
        "",
        *_conditions(facts),
        "",
        "## " + _("Parts"),
        "",
        *_parts_table(facts),
        "",
        _("Total mass: {mass}.").format(
            mass=fmt(ev.mass, facts.units) if ev.mass is not None else _("unknown")),
        "",
        "## " + _("Make it"),
        "",
    ]
    for p in ev.geometry.parts:
        qty = f"{p.quantity} × " if p.quantity != 1 else ""
        lines.append(f"- {qty}**{part_name(design, p.name)}**: {_STEPS[p.process](p, facts)}.")
    notes = dict(facts.file_notes)
    for rel in facts.assembly_files:
        lines.append(f"- `{rel}`: {notes.get(rel, _('for the whole assembly'))}.")
    lines += ["", "## " + _("Files"), "", f"| {_('file')} | {_('what')} |", "| --- | --- |"]
    for name, what in facts.file_notes:
        lines.append(f"| `{name}` | {what} |")
    if facts.skipped:
        lines += [""] + [_("Not written: {format} ({why}).").format(format=fmt_name, why=why)
                         for fmt_name, why in facts.skipped]
    lines += ["", "## " + _("Rebuild it"), "",
              _("With the cosmo-local workbench and this design at version {version}, in this "
                "folder:").format(version=design.version), "", "```",
              f"workbench variant show {facts.variant_file} --verify   # rebuilds, compares the geometry hash",
              f"workbench bundle --variant {facts.variant_file} --repo {facts.repo} --out ../{facts.slug}-rebuilt",
              "```", "", _("Geometry hash (SHA-256 of every part's vertices, volume and area): "
                            "`{hash}`. `SHA256SUMS` lists a checksum of every file here "
                            "(`sha256sum -c SHA256SUMS`).").format(hash=facts.geometry_hash)]
    lines += _openscad_section(facts)
    lines += ["", "## " + _("License"), ""]
    lic = facts.license
    names = "; ".join(f"{i.id} ({i.name})" if i.name else i.id for i in lic.licenses)
    text_note = (_("The full text is in `{file}`.") if lic.full_text else
                 _("`{file}` names the license and where to read it: its full text was not "
                   "available offline when this bundle was written.")).format(file=lic.main)
    lines += [_("{title} by {authors}; this variant by {variant_authors}. License: {licenses}, "
                "for the design and every file exported from it.").format(
        title=design_gettext(design, design.title), authors=", ".join(design.authors),
        variant_authors=", ".join(dict.fromkeys(v.author for v in facts.chain)), licenses=names)
        + f" {text_note}"]
    if facts.notes:
        lines += ["", "## " + _("Notes"), ""] + [f"- {n}" for n in facts.notes]
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
