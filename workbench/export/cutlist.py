"""The cut list and bill of materials: every part with its material, stock item and size, and what
to buy: sheets (from the nesting), bars of frame stock (cut plans with offcuts), filament.

Frame parts (``Process.FRAME`` with ``meta["stock"]`` and ``meta["cut_length"]``) are planned onto
the stock lengths the catalog sells by `workbench.export.cutplan`: exactly (integer programming)
when that is proven within a second, else first-fit decreasing; each cut takes the saw kerf
`Options.saw_kerf`, and each bar is bought in the shortest sold length that holds its cuts.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from workbench.design import Process
from workbench.errors import WorkbenchError
from workbench.export import Format, Options, register
from workbench.export._atomic import write_text
from workbench.export.cutplan import CutPlan, PlanMethod, cut_plan, first_fit_decreasing  # noqa: F401

if TYPE_CHECKING:
    from workbench.context import StockItem
    from workbench.export.job import Job
    from workbench.export.nesting import Nesting
    from workbench.geometry import MeasuredPart


@dataclass(frozen=True)
class Line:
    """One line of the cut list: a part and all its copies. Sizes in mm, mass in kg (all copies)."""

    item: int
    part: str
    quantity: int
    material: str
    process: str
    stock: str
    nominal: str
    actual: str
    length: float
    width: float
    thickness: float
    cut_length: float | None
    mass: float | None


@dataclass(frozen=True)
class Bar:
    """One stock bar to buy and the pieces cut from it (label, length mm)."""

    stock: "StockItem"
    length: float
    cuts: tuple[tuple[str, float], ...]
    kerf: float
    method: PlanMethod = PlanMethod.FIRST_FIT_DECREASING
    """How the cut plan this bar belongs to was made."""

    @property
    def offcut(self) -> float:
        """What is left after every cut and its kerf (mm)."""
        return max(0.0, self.length - sum(c for _, c in self.cuts) - len(self.cuts) * self.kerf)


@dataclass(frozen=True)
class CutList:
    """Everything the fabricator needs to buy and cut."""

    design: str
    lines: tuple[Line, ...]
    nesting: "Nesting | None"
    bars: tuple[Bar, ...]
    filament: tuple[tuple[str, float], ...]
    """(material, kg) of printed parts, solid volume × density (infill makes it less)."""
    lengths: tuple[tuple["StockItem", float], ...] = field(default=())
    """(stock item, total mm with kerfs) of frame stock whose catalog entry lists no lengths."""
    notes: tuple[str, ...] = field(default=())
    context: str = ""


def _show(q: Any) -> str:
    """A stock size as sold: "18 mm", or for a size that is a whole number of 1/64 in but not of
    millimetres, the inch fraction with millimetres: "23/32 in (18.26 mm)"."""
    if q is None:
        return ""
    mm = float(q.to("mm").magnitude)
    sixty_fourths = mm / 25.4 * 64
    if abs(sixty_fourths - round(sixty_fourths)) < 1e-6 and abs(mm - round(mm)) > 1e-6:
        inches = Fraction(round(sixty_fourths), 64)
        whole, part = divmod(inches, 1)
        text = " ".join(t for t in (str(whole) if whole else "", str(part) if part else "") if t)
        return f"{text} in ({mm:.4g} mm)"
    return f"{mm:.4g} mm"


def _dims(part: "MeasuredPart") -> tuple[float, float, float]:
    """Length, width, thickness: along the face grain first for a cut part that names it."""
    x, y, z = part.size
    if part.process is Process.CUT:
        grain = part.meta.get("grain")
        if grain == "x":
            return (x, y, z)
        if grain == "y":
            return (y, x, z)
        return (max(x, y), min(x, y), z)
    if part.process is Process.FRAME:
        a, b, c = sorted(part.size, reverse=True)
        return (float(part.meta.get("cut_length", a)), b, c)
    return (x, y, z)


def cut_list(job: "Job", options: Options = Options()) -> CutList:
    """The cut list of `job` (nesting the cut parts when there are any)."""
    lines = []
    notes: list[str] = []
    frame_cuts: dict[str, list[tuple[str, float]]] = {}
    frame_items: dict[str, "StockItem"] = {}
    filament: dict[str, float] = {}
    for n, part in enumerate(job.geometry.parts, start=1):
        mat = job.material(part)
        item = job.stock_item(part)
        length, width, thickness = _dims(part)
        mass = None
        if mat is not None and mat.density is not None:
            mass = part.volume * part.quantity * 1e-9 * float(mat.density.to("kg/m**3").magnitude)
        cut_length = part.meta.get("cut_length")
        elsewhere = job.stock_elsewhere(part)
        if elsewhere is not None and item is not None:
            notes.append(f"{part.name}: {item.label} is not in the {job.context.stock} stock "
                         f"catalog; its sizes are from {elsewhere}")
        lines.append(Line(
            n, part.name, part.quantity, mat.name if mat is not None else part.role,
            part.process.value, item.label if item is not None else "",
            _show(item.nominal if item is not None and item.nominal is not None else
                  (item.actual if item is not None else None)),
            _show(item.actual if item is not None else None),
            round(length, 2), round(width, 2), round(thickness, 2),
            float(cut_length) if cut_length is not None else None,
            round(mass, 3) if mass is not None else None,
        ))
        if part.process is Process.FRAME:
            if item is None or cut_length is None:
                notes.append(f"frame part '{part.name}' names no stock item or cut length")
                continue
            frame_items[item.id] = item
            frame_cuts.setdefault(item.id, []).extend(
                (f"{n} {part.name}" + (f" {k}/{part.quantity}" if part.quantity > 1 else ""),
                 float(cut_length)) for k in range(1, part.quantity + 1))
        if part.process is Process.PRINT and mass is not None and mat is not None:
            filament[mat.name] = filament.get(mat.name, 0.0) + mass
    bars: list[Bar] = []
    loose: list[tuple["StockItem", float]] = []
    for ident, cuts in frame_cuts.items():
        item = frame_items[ident]
        if not item.lengths:
            loose.append((item, sum(c for _, c in cuts) + options.saw_kerf * len(cuts)))
            notes.append(f"{item.label}: the catalog lists no stock lengths, so no cut plan; ask "
                         "the supplier for their lengths")
            continue
        lengths = [float(q.to("mm").magnitude) for q in item.lengths]
        plan = cut_plan(cuts, lengths, options.saw_kerf, item.label)
        for length, pieces in plan.bars:
            bars.append(Bar(item, length, tuple(pieces), options.saw_kerf, plan.method))
    nesting = None
    if job.geometry.by_process(Process.CUT):
        try:
            nesting = job.nesting(options)
        except WorkbenchError as exc:
            notes.append(f"sheets not nested: {exc}")
    ctx = job.context
    return CutList(job.name, tuple(lines), nesting, tuple(bars), tuple(sorted(filament.items())),
                   tuple(loose), tuple(notes), f"stock {ctx.stock}, workshop {ctx.workshop}")


# -- CSV ------------------------------------------------------------------------------------------
PART_COLUMNS = ("item", "part", "quantity", "material", "process", "stock", "nominal", "actual",
                "length_mm", "width_mm", "thickness_mm", "cut_length_mm", "mass_kg")
BUY_COLUMNS = ("kind", "material", "stock", "nominal", "actual", "size_mm", "quantity",
               "yield_percent", "cuts_mm", "offcut_mm", "note")


def _num(v: float | None) -> str:
    return "" if v is None else f"{v:g}"


def parts_csv(cl: CutList) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(PART_COLUMNS)
    for ln in cl.lines:
        w.writerow([ln.item, ln.part, ln.quantity, ln.material, ln.process, ln.stock, ln.nominal,
                    ln.actual, _num(ln.length), _num(ln.width), _num(ln.thickness),
                    _num(ln.cut_length), _num(ln.mass)])
    return buf.getvalue()


def buy_csv(cl: CutList) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(BUY_COLUMNS)
    for g in cl.nesting.groups if cl.nesting else ():
        item = g.stock
        w.writerow(["sheet", g.material_name, item.label if item else "",
                    _show(item.nominal or item.actual) if item else "",
                    _show(item.actual) if item else f"{g.thickness:g} mm",
                    f"{g.sheet_size[0]:g} x {g.sheet_size[1]:g}", g.sheets_to_buy,
                    f"{100 * g.yield_:.1f}", "", "", g.note or _blank_note(g)])
    for bar in cl.bars:
        w.writerow(["bar", ", ".join(bar.stock.materials), bar.stock.label,
                    _show(bar.stock.nominal or bar.stock.actual), _show(bar.stock.actual),
                    f"{bar.length:g}", 1, "", " + ".join(f"{c:g}" for _, c in bar.cuts),
                    f"{bar.offcut:.0f}", f"saw kerf {bar.kerf:g} mm; cut plan: {bar.method.value}"])
    for item, total in cl.lengths:
        w.writerow(["length", ", ".join(item.materials), item.label,
                    _show(item.nominal or item.actual), _show(item.actual), "",
                    f"{total / 1000:.2f} m", "", "", "", "no stock lengths in the catalog"])
    for material, kg in cl.filament:
        w.writerow(["filament", material, "", "", "", "", f"{kg:.3f} kg", "", "", "",
                    "solid volume x density; infill uses less"])
    return buf.getvalue()


def _blank_note(g: Any) -> str:
    if g.blanks_per_sheet > 1 or g.blank != g.sheet_size:
        n = len(g.sheets)
        return (f"{n} blank{'s' if n != 1 else ''} of {g.blank[0]:g} x {g.blank[1]:g} mm for the "
                f"cutter's bed, {g.blanks_per_sheet} per sheet")
    return ""


# -- Markdown -------------------------------------------------------------------------------------
def _row(cells: Sequence[Any]) -> str:
    return "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"


def markdown(cl: CutList) -> str:
    """The cut list as Markdown: parts, what to buy, frame cut plans, cutting settings."""
    out = [f"# Cut list: {cl.design}", "", f"Local context: {cl.context}.", "", "## Parts", ""]
    out.append(_row(["item", "part", "qty", "material", "process", "stock (nominal / actual)",
                     "L × W × T mm", "mass kg"]))
    out.append(_row(["---"] * 8))
    for ln in cl.lines:
        stock = f"{ln.stock} ({ln.nominal} / {ln.actual})" if ln.stock else "—"
        size = f"{ln.length:g} × {ln.width:g} × {ln.thickness:g}"
        if ln.cut_length is not None:
            size = f"cut {ln.cut_length:g} ({size})"
        out.append(_row([ln.item, ln.part, ln.quantity, ln.material, ln.process, stock, size,
                         _num(ln.mass) or "—"]))
    out += ["", "## To buy", ""]
    bought = False
    if cl.nesting is not None:
        out.append(_row(["material", "stock (nominal / actual)", "sheet mm", "sheets to buy",
                         "yield", "each sheet"]))
        out.append(_row(["---"] * 6))
        for g in cl.nesting.groups:
            stock = (f"{g.stock.label} ({_show(g.stock.nominal or g.stock.actual)} / "
                     f"{_show(g.stock.actual)})" if g.stock else f"{g.thickness:g} mm")
            each = ", ".join(f"{100 * s.yield_:.0f} %" for s in g.sheets)
            out.append(_row([g.material_name, stock, f"{g.sheet_size[0]:g} × {g.sheet_size[1]:g}",
                             f"**{g.sheets_to_buy}**", f"{100 * g.yield_:.1f} %", each]))
        for g in cl.nesting.groups:
            if g.note:
                out.append(f"\n{g.material_name} {g.thickness:g} mm: {g.note}.")
            if g.blanks_per_sheet > 1 or g.blank != g.sheet_size:
                out.append(f"\n{g.material_name} {g.thickness:g} mm: {_blank_note(g)}.")
            last = g.sheets[-1]
            w, h = last.extent(g.margin)
            if w * h < 0.5 * last.size[0] * last.size[1]:
                out.append(f"\n{g.material_name} {g.thickness:g} mm: the last "
                           f"{'blank' if g.blank != g.sheet_size else 'sheet'}'s parts fit in "
                           f"{w:.0f} × {h:.0f} mm: an offcut that size will do.")
        bought = True
    if cl.bars:
        if out[-1]:
            out.append("")
        counts: dict[tuple[str, float], int] = {}
        for bar in cl.bars:
            counts[(bar.stock.label, bar.length)] = counts.get((bar.stock.label, bar.length), 0) + 1
        out.append(_row(["stock", "length mm", "bars to buy"]))
        out.append(_row(["---"] * 3))
        for (label, length), n in counts.items():
            out.append(_row([label, f"{length:g}", f"**{n}**"]))
        methods = ", ".join(dict.fromkeys(bar.method.value for bar in cl.bars))
        out += ["", f"### Cut plan: {methods}", ""]
        out.append(_row(["bar", "stock", "length mm", "cuts mm", "offcut mm"]))
        out.append(_row(["---"] * 5))
        for k, bar in enumerate(cl.bars, start=1):
            cuts = ", ".join(f"{c:g} ({label})" for label, c in bar.cuts)
            out.append(_row([k, bar.stock.label, f"{bar.length:g}", cuts, f"{bar.offcut:.0f}"]))
        out.append(f"\nEach cut takes a {cl.bars[0].kerf:g} mm saw kerf.")
        bought = True
    if cl.lengths:
        if out[-1]:
            out.append("")
        out.append(_row(["stock", "length in all", "note"]))
        out.append(_row(["---"] * 3))
        for item, total in cl.lengths:
            out.append(_row([item.label, f"**{total / 1000:.2f} m**",
                             "cuts and a saw kerf each; the catalog lists no stock lengths"]))
        bought = True
    if cl.filament:
        out.append("")
    for material, kg in cl.filament:
        out.append(f"- Filament: {material}, {kg:.3f} kg at most (solid volume; infill uses less).")
        bought = True
    if not bought:
        out.append("Nothing to buy by sheet or length.")
    if cl.nesting is not None:
        s = cl.nesting.setup
        out += ["", "## Cutting", "",
                f"- Cutter: {s.describe()}; slots carry the workshop's fit clearance "
                f"{s.clearance_mm:g} mm.",
                f"- Parts nested {cl.nesting.groups[0].spacing:g} mm apart, "
                f"{cl.nesting.groups[0].margin:g} mm from the edges."
                if cl.nesting.groups else ""]
    if cl.notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in cl.notes]
    return "\n".join(out).rstrip() + "\n"


@register(Format.CSV)
def export_csv(job: "Job", stem: str, out: Path, options: Options) -> list[Path]:
    """``STEM-cutlist.csv`` (parts) and ``STEM-buy.csv`` (sheets, bars, filament to buy)."""
    cl = cut_list(job, options)
    return [write_text(out / f"{stem}-cutlist.csv", parts_csv(cl)),
            write_text(out / f"{stem}-buy.csv", buy_csv(cl))]


@register(Format.MD)
def export_md(job: "Job", stem: str, out: Path, options: Options) -> list[Path]:
    """``STEM-cutlist.md``: the cut list and what to buy, in Markdown."""
    return [write_text(out / f"{stem}-cutlist.md", markdown(cut_list(job, options)))]


def sheets_to_buy(nesting: "Nesting") -> int:
    """Sheets to buy across every material and thickness."""
    return sum(g.sheets_to_buy for g in nesting.groups)


__all__ = ["Bar", "CutList", "Line", "cut_list", "cut_plan", "markdown", "sheets_to_buy"]
