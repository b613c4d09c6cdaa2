"""Nesting cut parts onto the sheets a region sells, cut down to the bed of the workshop's cutter.

Parts are nested as rotated bounding boxes: each outline is first turned to its smallest-area
bounding rectangle (or square to its face grain, ``Part.meta["grain"]``), then the rectangles are
packed with `rectpack` (MaxRects, Skyline and Guillotine heuristics after Jukka Jylänki, "A Thousand
Ways to Pack the Bin", 2010; PyPI `rectpack`, Apache-2.0). It was chosen because it is pure Python,
small, stable and packs many bins offline; true-shape nesting (no-fit polygons) has no well-kept
Python library, and the slot-jointed panels this workbench cuts are nearly rectangular anyway.

Sheet x runs along the sheet's length, the first of the catalog's sizes: the face grain of plywood
(the catalog's sizes are given as length × width). Each size the catalog sells is tried and the one
that needs the least sheet area to buy wins. A sheet larger than the cutter's bed is first sawn into
bed-size blanks (saw kerf `Options.saw_kerf` between them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from workbench.checks.cutting import blank_for
from workbench.design import Process
from workbench.errors import ExportError
from workbench.export.flat import Contour, Profile, profile, slot_width

if TYPE_CHECKING:
    from workbench.checks.cutting import CutSetup
    from workbench.context import StockItem
    from workbench.export import Options
    from workbench.export.job import Job, Piece

GRID_MM = 0.1
"""Packing grid: rectangle sizes are rounded up to this (rectpack works best on integers)."""


@dataclass(frozen=True)
class Placement:
    """A piece on a sheet: turned by `angle` degrees about its frame's origin, then shifted."""

    piece: "Piece"
    angle: float
    dx: float
    dy: float
    profile: Profile

    def to_sheet(self, x: float, y: float) -> tuple[float, float]:
        """A point of the part's own frame in sheet coordinates (mm)."""
        c, s = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        return (c * x - s * y + self.dx, s * x + c * y + self.dy)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Bounding box of the part's outline on the sheet (xmin, ymin, xmax, ymax)."""
        return self.profile.outline.bbox()

    def slots(self) -> list[tuple[tuple[float, float], float, float, float]]:
        """(mouth, angle°, depth, design width) on the sheet of each slot the part names with its
        position (``Part.meta["slots"]`` entries with ``x``, ``y``, ``angle``)."""
        out = []
        for slot in self.piece.part.facts.slots:
            if slot.x is not None and slot.y is not None and slot.angle is not None:
                out.append((self.to_sheet(slot.x, slot.y), (slot.angle + self.angle) % 360,
                            float(slot.depth), float(slot.width)))
        return out

    def slot_widths(self, contours: "Sequence[Contour] | None" = None) -> list[float]:
        """Each slot's width as cut: measured on `contours` (default: this piece's cut paths)."""
        paths = self.profile.outside if contours is None else contours
        return [slot_width(paths, mouth, angle, depth, width)
                for mouth, angle, depth, width in self.slots()]


@dataclass(frozen=True)
class Sheet:
    """One blank (a sheet, or the bed-size piece sawn from one) with its placements."""

    number: int
    size: tuple[float, float]
    placements: tuple[Placement, ...]

    @property
    def parts_area(self) -> float:
        return sum(p.profile.area for p in self.placements)

    @property
    def yield_(self) -> float:
        """Area of the parts over the blank's area (0–1)."""
        return self.parts_area / (self.size[0] * self.size[1])

    def extent(self, margin: float) -> tuple[float, float]:
        """The smallest offcut (from the blank's corner, margin included) that holds these parts."""
        return (min(self.size[0], max(p.box[2] for p in self.placements) + margin),
                min(self.size[1], max(p.box[3] for p in self.placements) + margin))


@dataclass(frozen=True)
class SheetGroup:
    """The pieces of one material and thickness, nested on blanks of one sheet size."""

    material: str
    material_name: str
    thickness: float
    stock: "StockItem | None"
    sheet_size: tuple[float, float]
    """The sheet bought (length, width), mm."""
    blank: tuple[float, float]
    blanks_per_sheet: int
    sheets: tuple[Sheet, ...]
    spacing: float
    margin: float
    note: str = ""

    @property
    def sheets_to_buy(self) -> int:
        return math.ceil(len(self.sheets) / self.blanks_per_sheet)

    @property
    def parts_area(self) -> float:
        return sum(s.parts_area for s in self.sheets)

    @property
    def yield_(self) -> float:
        """Area of the parts over the area of the sheets bought (0–1)."""
        return self.parts_area / (self.sheets_to_buy * self.sheet_size[0] * self.sheet_size[1])

    @property
    def slug(self) -> str:
        """File-name part: material and thickness, e.g. ``plywood-birch-18mm``."""
        return f"{self.material}-{self.thickness:.4g}mm"


@dataclass(frozen=True)
class Nesting:
    """Every sheet group of a job, with the cutter that cuts them."""

    setup: "CutSetup"
    groups: tuple[SheetGroup, ...]

    @property
    def sheets(self) -> int:
        return sum(len(g.sheets) for g in self.groups)


# -- orientation ---------------------------------------------------------------------------------
def _hull(points: np.ndarray) -> np.ndarray:
    """Convex hull (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(map(tuple, np.round(points, 9))))
    if len(pts) < 3:
        return np.array(pts)

    def half(seq: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and (
                (out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])
            ) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(pts[::-1])
    return np.array(lower[:-1] + upper[:-1])


def best_angle(outline: Contour, grain: str | None) -> float:
    """Turn (degrees) that puts the outline's length along sheet x: square to the grain when the
    part names one (``"x"``: its x along the grain, ``"y"``: its y), else the smallest-area box."""
    if grain == "x":
        return 0.0
    if grain == "y":
        return 90.0
    hull = _hull(np.array(outline.sample(1.0)))
    candidates = {0.0}
    for (x0, y0), (x1, y1) in zip(hull, np.roll(hull, -1, axis=0)):
        candidates.add(round(-math.degrees(math.atan2(y1 - y0, x1 - x0)) % 90.0, 9))
    best, best_area = 0.0, math.inf
    for angle in sorted(candidates):
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        xs = c * hull[:, 0] - s * hull[:, 1]
        ys = s * hull[:, 0] + c * hull[:, 1]
        area = float((xs.max() - xs.min()) * (ys.max() - ys.min()))
        if area < best_area * (1 - 1e-9):
            best, best_area = angle, area
    c, s = math.cos(math.radians(best)), math.sin(math.radians(best))
    xs = c * hull[:, 0] - s * hull[:, 1]
    ys = s * hull[:, 0] + c * hull[:, 1]
    if ys.max() - ys.min() > xs.max() - xs.min() + 1e-9:
        best += 90.0
    return best


# -- packing -------------------------------------------------------------------------------------
def _pack(
    boxes: Sequence[tuple[float, float]], usable: tuple[float, float], spacing: float, rotate: bool
) -> list[list[tuple[int, float, float, bool]]] | None:
    """Pack boxes (w, h) on as few usable areas as possible: per sheet, (index, x, y, turned)."""
    import rectpack

    def grid(v: float) -> int:
        return math.ceil(round(v / GRID_MM, 6))

    width = math.floor(round((usable[0] + spacing) / GRID_MM, 6))
    height = math.floor(round((usable[1] + spacing) / GRID_MM, 6))
    rects = [(grid(w + spacing), grid(h + spacing)) for w, h in boxes]
    if any(not ((w <= width and h <= height) or (rotate and h <= width and w <= height))
           for w, h in rects):
        return None
    best: list[list[tuple[int, float, float, bool]]] | None = None
    score: tuple[float, ...] = (math.inf,)
    algorithms = (rectpack.MaxRectsBssf, rectpack.MaxRectsBaf, rectpack.MaxRectsBl,
                  rectpack.SkylineMwf, rectpack.GuillotineBssfSas)
    for algo in algorithms:
        for order in (rectpack.SORT_AREA, rectpack.SORT_LSIDE, rectpack.SORT_SSIDE):
            packer = rectpack.newPacker(mode=rectpack.PackingMode.Offline,
                                        bin_algo=rectpack.PackingBin.BFF, pack_algo=algo,
                                        sort_algo=order, rotation=rotate)
            for i, (w, h) in enumerate(rects):
                packer.add_rect(w, h, rid=i)
            packer.add_bin(width, height, count=len(rects))
            packer.pack()
            sheets: list[list[tuple[int, float, float, bool]]] = []
            for abin in packer:
                sheet = []
                for r in abin:
                    w0, _ = rects[r.rid]
                    sheet.append((r.rid, r.x * GRID_MM, r.y * GRID_MM, r.width != w0))
                sheets.append(sheet)
            if sum(len(s) for s in sheets) != len(rects):
                continue
            # fewest sheets, then the last sheet's used length smallest (the longest offcut)
            last = max((r.x + r.width for r in list(packer)[-1]), default=0)
            candidate = (len(sheets), last)
            if candidate < score:
                best, score = sheets, candidate
    return best


def _sizes(item: "StockItem | None", setup: "CutSetup") -> tuple[list[tuple[float, float]], str]:
    if item is not None and item.sizes:
        sizes = [(float(a.to("mm").magnitude), float(b.to("mm").magnitude)) for a, b in item.sizes]
        return sizes, ""
    what = f"{item.label} lists no sheet size" if item is not None else "no stock item is known"
    return [setup.bed_mm], f"{what}: nested on the {setup.cutter.value} bed"


def _group(
    pieces: list["Piece"], profiles: list[Profile], item: "StockItem | None", material: str,
    material_name: str, thickness: float, setup: "CutSetup", options: "Options",
) -> SheetGroup:
    spacing = options.spacing if options.spacing is not None else setup.spacing_mm
    margin = options.margin if options.margin is not None else setup.margin_mm
    grains = [p.part.facts.grain if options.grain else None for p in pieces]
    angles = [best_angle(pr.outline, g) for pr, g in zip(profiles, grains)]
    turned = [pr.moved(a, 0, 0) for pr, a in zip(profiles, angles)]
    boxes = []
    for pr in turned:
        x0, y0, x1, y1 = pr.outline.bbox()
        boxes.append((x1 - x0, y1 - y0))
    rotate = not any(grains)
    sizes, note = _sizes(item, setup)
    best: tuple[Any, ...] | None = None
    for size in sizes:
        blank, per_sheet = blank_for(size, setup.bed_mm, options.saw_kerf)
        usable = (blank[0] - 2 * margin, blank[1] - 2 * margin)
        if usable[0] <= 0 or usable[1] <= 0:
            continue
        packed = _pack(boxes, usable, spacing, rotate)
        if packed is None:
            continue
        buy = math.ceil(len(packed) / per_sheet)
        key = (buy * size[0] * size[1], len(packed))
        if best is None or key < best[0]:
            best = (key, size, blank, per_sheet, packed)
    if best is None:
        i = max(range(len(boxes)), key=lambda k: boxes[k][0] * boxes[k][1])
        w, h = boxes[i]
        largest = max((blank_for(s, setup.bed_mm, options.saw_kerf)[0] for s in sizes),
                      key=lambda b: b[0] * b[1])
        raise ExportError(
            f"part '{pieces[i].part.name}' ({w:.0f} × {h:.0f} mm) does not fit the "
            f"{largest[0]:.0f} × {largest[1]:.0f} mm sheet on the {setup.describe()} with "
            f"{margin:g} mm kept clear at the edges"
            + (" and its face grain along the sheet" if grains[i] else "")
        )
    _, size, blank, per_sheet, packed = best
    sheets = []
    for n, layout in enumerate(packed, start=1):
        placements = []
        for index, x, y, rot in sorted(layout):
            angle = angles[index] + (90.0 if rot else 0.0)
            moved = profiles[index].moved(angle, 0, 0)
            x0, y0, _, _ = moved.outline.bbox()
            dx, dy = margin + x - x0, margin + y - y0
            placements.append(Placement(pieces[index], angle % 360, dx, dy, moved.moved(0, dx, dy)))
        sheets.append(Sheet(n, blank, tuple(placements)))
    return SheetGroup(material, material_name, thickness, item, size, blank, per_sheet,
                      tuple(sheets), spacing, margin, note)


def nest(job: "Job", options: "Options") -> Nesting:
    """Nest every cut piece of `job`, one `SheetGroup` per material and thickness."""
    pieces = job.pieces(Process.CUT)
    if not pieces:
        raise ExportError(
            f"{job.name} has no flat (cut) parts; DXF is written for parts cut from sheet"
        )
    setup = job.cut_setup(options)
    profiles: dict[str, Profile] = {}
    groups: dict[tuple[str, float], list["Piece"]] = {}
    for piece in pieces:
        part = piece.part
        if part.name not in profiles:
            profiles[part.name] = profile(part, setup, options.compensation, options.relief)
        key = (job.material_id(part), round(part.size[2], 3))
        groups.setdefault(key, []).append(piece)
    out = []
    for (material, thickness), members in groups.items():
        part = members[0].part
        mat = job.material(part)
        out.append(_group(
            members, [profiles[p.part.name] for p in members], job.stock_item(part), material,
            mat.name if mat is not None else material, thickness, setup, options,
        ))
    return Nesting(setup, tuple(out))


# -- verification ---------------------------------------------------------------------------------
def problems(group: SheetGroup) -> list[str]:
    """What is wrong with a group's layout: parts outside the margin, overlapping or too close.

    Distances are measured between the parts' outlines (sampled to 0.5 mm chords) and against the
    blank's edges; empty when the layout is sound.
    """
    out = []
    for sheet in group.sheets:
        w, h = sheet.size
        polys = []
        for p in sheet.placements:
            x0, y0, x1, y1 = p.box
            if x0 < group.margin - 1e-6 or y0 < group.margin - 1e-6 or \
                    x1 > w - group.margin + 1e-6 or y1 > h - group.margin + 1e-6:
                out.append(f"sheet {sheet.number}: '{p.piece.label}' crosses the "
                           f"{group.margin:g} mm margin")
            polys.append((p, np.array(p.profile.outline.sample())))
        for i, (pa, a) in enumerate(polys):
            for pb, b in polys[i + 1:]:
                gap = _gap(pa.box, pb.box)
                if gap >= group.spacing - 1e-6:
                    continue
                d = _poly_distance(a, b)
                if d < group.spacing - 1e-6:
                    out.append(f"sheet {sheet.number}: '{pa.piece.label}' and '{pb.piece.label}' "
                               f"are {d:.2f} mm apart (need {group.spacing:g} mm)")
    return out


def _gap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    dx = max(b[0] - a[2], a[0] - b[2], 0.0)
    dy = max(b[1] - a[3], a[1] - b[3], 0.0)
    return math.hypot(dx, dy)


def _poly_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Least distance between two closed polylines (0 when they cross or one holds the other)."""
    from workbench.export.flat import _inside

    if _inside(tuple(a[0]), [b]) or _inside(tuple(b[0]), [a]):
        return 0.0

    def one_way(p: np.ndarray, q: np.ndarray) -> float:
        s0, s1 = q, np.roll(q, -1, axis=0)
        d = s1 - s0
        denom = np.maximum((d**2).sum(axis=1), 1e-12)
        best = math.inf
        for x, y in p:
            t = np.clip(((x - s0[:, 0]) * d[:, 0] + (y - s0[:, 1]) * d[:, 1]) / denom, 0, 1)
            best = min(best, float(np.min(np.hypot(s0[:, 0] + t * d[:, 0] - x,
                                                    s0[:, 1] + t * d[:, 1] - y))))
        return best

    return min(one_way(a, b), one_way(b, a))
