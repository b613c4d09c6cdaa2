"""Flat cut parts as 2-D contours, and the paths a laser or router follows to cut them.

A cut part lies with its sheet face on z = 0 (see `workbench.design.Part`); that face's wires are
the part outline and its holes. For a cutter the outline becomes, in this order:

1. drill holes: round holes no wider than a router's tool are drilled, not routed (DRILL layer);
2. relief (router only): a circle of the tool radius at every inside corner the round tool cannot
   reach, so a mating part of the actual stock thickness seats fully (`Relief`);
3. kerf compensation: the face is offset by half the cutter width, so outside contours grow and
   holes and slots shrink by that much (OCCT's `BRepOffsetAPI_MakeOffset`, arcs at convex corners).

Contours keep lines and arcs exactly, as vertices with DXF bulges (bulge = tan(θ/4) of the arc's
included angle θ, positive counter-clockwise; Autodesk, DXF Reference, LWPOLYLINE group code 42).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import numpy as np

from workbench.errors import ExportError
from workbench.export import Compensation, Relief

if TYPE_CHECKING:
    from workbench.checks.cutting import CutSetup
    from workbench.geometry import MeasuredPart

Point = tuple[float, float]
Vertex = tuple[float, float, float]
"""(x, y, bulge of the segment to the next vertex)."""

SAMPLE_MM = 0.5
"""Chord length when arcs are sampled for measuring and label placement (never written out)."""
STRAIGHT_DEG = 1.0
"""A corner that turns less than this (degrees) is smooth and needs no relief."""
PLANE_TOL_MM = 1e-6


@dataclass(frozen=True)
class Contour:
    """A closed contour: `vertices` with bulges, or a full `circle` (cx, cy, r). Millimetres."""

    vertices: tuple[Vertex, ...] = ()
    circle: tuple[float, float, float] | None = None

    def segments(self) -> Iterator[tuple[Point, Point, float]]:
        """(start, end, bulge) of each segment, the closing one included."""
        n = len(self.vertices)
        for i, (x, y, b) in enumerate(self.vertices):
            nx, ny, _ = self.vertices[(i + 1) % n]
            yield (x, y), (nx, ny), b

    def moved(self, angle: float, dx: float, dy: float) -> "Contour":
        """Turned by `angle` degrees about the origin (counter-clockwise), then shifted."""
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        if self.circle is not None:
            x, y, r = self.circle
            return Contour(circle=(c * x - s * y + dx, s * x + c * y + dy, r))
        return Contour(tuple((c * x - s * y + dx, s * x + c * y + dy, b)
                             for x, y, b in self.vertices))

    def sample(self, step: float = SAMPLE_MM) -> list[Point]:
        """Points along the contour (arcs as chords of about `step`), not repeating the first."""
        if self.circle is not None:
            x, y, r = self.circle
            n = max(16, math.ceil(2 * math.pi * r / step))
            return [(x + r * math.cos(2 * math.pi * k / n), y + r * math.sin(2 * math.pi * k / n))
                    for k in range(n)]
        out: list[Point] = []
        for p0, p1, b in self.segments():
            out.append(p0)
            if b:
                out += _arc_points(p0, p1, b, step)
        return out

    def bbox(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax), exact for arcs to within the sampling chord's sagitta."""
        if self.circle is not None:
            x, y, r = self.circle
            return (x - r, y - r, x + r, y + r)
        pts = np.array(self.sample(0.05))
        return (float(pts[:, 0].min()), float(pts[:, 1].min()),
                float(pts[:, 0].max()), float(pts[:, 1].max()))

    def area(self) -> float:
        """Enclosed area in mm², exact for lines and arcs."""
        if self.circle is not None:
            return math.pi * self.circle[2] ** 2
        total = 0.0
        for (x0, y0), (x1, y1), b in self.segments():
            total += (x0 * y1 - x1 * y0) / 2
            if b:
                theta = 4 * math.atan(abs(b))
                r = math.dist((x0, y0), (x1, y1)) / (2 * math.sin(theta / 2))
                total += math.copysign(r * r * (theta - math.sin(theta)) / 2, b)
        return abs(total)

    def length(self) -> float:
        """Perimeter in mm."""
        if self.circle is not None:
            return 2 * math.pi * self.circle[2]
        total = 0.0
        for p0, p1, b in self.segments():
            chord = math.dist(p0, p1)
            if b:
                theta = 4 * math.atan(abs(b))
                total += chord * theta / (2 * math.sin(theta / 2))
            else:
                total += chord
        return total


@dataclass(frozen=True)
class Drill:
    """A round hole to drill: centre (mm) and diameter (mm)."""

    x: float
    y: float
    diameter: float

    def moved(self, angle: float, dx: float, dy: float) -> "Drill":
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        return Drill(c * self.x - s * self.y + dx, s * self.x + c * self.y + dy, self.diameter)


@dataclass(frozen=True)
class Profile:
    """A cut part on the sheet: its outline and holes as designed, and the paths that cut it.

    `outside` / `inside` are the cut paths (compensated and relieved as asked), `drills` the holes
    to drill, `reliefs` how many relief circles were added, `label_at` where the engraved label goes
    (see `label_spot`; its runs stay in the part's own axes). Millimetres.
    """

    outline: Contour
    holes: tuple[Contour, ...]
    area: float
    outside: tuple[Contour, ...]
    inside: tuple[Contour, ...]
    drills: tuple[Drill, ...]
    reliefs: int
    label_at: tuple[float, float, float, float, float]

    def moved(self, angle: float, dx: float, dy: float) -> "Profile":
        """The profile turned by `angle` degrees about the origin, then shifted."""
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        lx, ly, *rest = self.label_at
        return replace(
            self,
            outline=self.outline.moved(angle, dx, dy),
            holes=tuple(h.moved(angle, dx, dy) for h in self.holes),
            outside=tuple(h.moved(angle, dx, dy) for h in self.outside),
            inside=tuple(h.moved(angle, dx, dy) for h in self.inside),
            drills=tuple(d.moved(angle, dx, dy) for d in self.drills),
            label_at=(c * lx - s * ly + dx, s * lx + c * ly + dy, *rest),  # type: ignore[arg-type]
        )


# -- arcs -----------------------------------------------------------------------------------------
def arc_center(p0: Point, p1: Point, bulge: float) -> tuple[Point, float]:
    """Centre and radius of the arc from `p0` to `p1` with `bulge`."""
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    k = (1 - bulge * bulge) / (4 * bulge)
    cx, cy = (p0[0] + p1[0]) / 2 - dy * k, (p0[1] + p1[1]) / 2 + dx * k
    return (cx, cy), math.hypot(p0[0] - cx, p0[1] - cy)


def _arc_points(p0: Point, p1: Point, bulge: float, step: float) -> list[Point]:
    """Points strictly between `p0` and `p1` on the arc."""
    (cx, cy), r = arc_center(p0, p1, bulge)
    theta = 4 * math.atan(bulge)
    n = max(2, math.ceil(abs(theta) * r / step))
    a0 = math.atan2(p0[1] - cy, p0[0] - cx)
    return [(cx + r * math.cos(a0 + theta * k / n), cy + r * math.sin(a0 + theta * k / n))
            for k in range(1, n)]


def _tangents(p0: Point, p1: Point, bulge: float) -> tuple[Point, Point]:
    """Unit directions of travel at the start and at the end of a segment."""
    chord = math.atan2(p1[1] - p0[1], p1[0] - p0[0])
    half = 2 * math.atan(bulge)  # θ/2
    return ((math.cos(chord - half), math.sin(chord - half)),
            (math.cos(chord + half), math.sin(chord + half)))


# -- reading OCCT wires ---------------------------------------------------------------------------
def contour_of(wire: Any) -> Contour:
    """The `Contour` of a closed planar CadQuery/OCCT wire lying in the XY plane."""
    from OCP.BRepAdaptor import BRepAdaptor_Curve
    from OCP.BRepTools import BRepTools_WireExplorer
    from OCP.GeomAbs import GeomAbs_Circle, GeomAbs_Line
    from OCP.TopAbs import TopAbs_REVERSED

    edges = []
    explorer = BRepTools_WireExplorer(wire.wrapped)
    while explorer.More():
        edges.append(explorer.Current())
        explorer.Next()
    raw: list[Segment] = []
    for edge in edges:
        curve = BRepAdaptor_Curve(edge)
        u0, u1 = curve.FirstParameter(), curve.LastParameter()
        forward = edge.Orientation() != TopAbs_REVERSED
        start, end = (u0, u1) if forward else (u1, u0)
        p0 = curve.Value(start)
        kind = curve.GetType()
        if kind == GeomAbs_Circle:
            circ = curve.Circle()
            ccw = (circ.Axis().Direction().Z() > 0) == forward
            sweep = (u1 - u0) * (1 if ccw else -1)
            c = circ.Location()
            if len(edges) == 1 and abs(abs(sweep) - 2 * math.pi) < 1e-9:
                return Contour(circle=(c.X(), c.Y(), circ.Radius()))
            raw.append((p0.X(), p0.Y(), sweep, (c.X(), c.Y(), circ.Radius())))
        elif kind == GeomAbs_Line:
            raw.append((p0.X(), p0.Y(), 0.0, None))
        else:  # splines, ellipses: chords no longer than SAMPLE_MM
            n = max(8, math.ceil(_edge_length(edge) / SAMPLE_MM))
            for k in range(n):
                p = curve.Value(start + (end - start) * k / n)
                raw.append((p.X(), p.Y(), 0.0, None))
    merged = _merge(raw)
    return Contour(tuple(_drop_repeats([(x, y, math.tan(sweep / 4)) for x, y, sweep, _ in merged])))


Segment = tuple[float, float, float, "tuple[float, float, float] | None"]
"""(x, y, sweep in radians (0 for a line), arc centre and radius or None) of a segment's start."""


def _merge(raw: list[Segment]) -> list[Segment]:
    """Join consecutive pieces of one circle (OCCT splits arcs at seams and boolean cuts) and
    consecutive collinear lines, so every contour has as few segments as its shape needs."""
    out = list(raw)
    changed = True
    while changed and len(out) > 2:
        changed = False
        n = len(out)
        for i in range(n):
            a, b, c = out[i - 1], out[i], out[(i + 1) % n]
            if _joinable(a, b, c):
                out[i - 1] = (a[0], a[1], a[2] + b[2], a[3])
                del out[i]
                changed = True
                break
    return out


def _joinable(a: Segment, b: Segment, c: Segment) -> bool:
    """Whether segment a (a → b) and segment b (b → c) are one arc or one line."""
    if a[3] is not None and b[3] is not None:
        return (math.dist(a[3][:2], b[3][:2]) < 1e-7 and abs(a[3][2] - b[3][2]) < 1e-7
                and a[2] * b[2] > 0 and abs(a[2] + b[2]) < 2 * math.pi - 1e-6)
    if a[3] is None and b[3] is None:
        ux, uy, vx, vy = b[0] - a[0], b[1] - a[1], c[0] - b[0], c[1] - b[1]
        lu, lv = math.hypot(ux, uy), math.hypot(vx, vy)
        return (lu > 0 and lv > 0 and abs(ux * vy - uy * vx) < 1e-9 * lu * lv
                and ux * vx + uy * vy > 0)
    return False


def _edge_length(edge: Any) -> float:
    from OCP.BRepGProp import BRepGProp
    from OCP.GProp import GProp_GProps

    props = GProp_GProps()
    BRepGProp.LinearProperties_s(edge, props)
    return props.Mass()


def _drop_repeats(vertices: list[Vertex]) -> list[Vertex]:
    """Vertices without zero-length segments (OCCT leaves none, sampling might)."""
    out: list[Vertex] = []
    for v in vertices:
        if out and math.dist(out[-1][:2], v[:2]) < 1e-9:
            out[-1] = (out[-1][0], out[-1][1], v[2])
            continue
        out.append(v)
    while len(out) > 1 and math.dist(out[0][:2], out[-1][:2]) < 1e-9:
        out.pop()
    return out


def sheet_face(part: "MeasuredPart") -> Any:
    """The face of a cut part that lies on z = 0; refuses parts a 2-D cutter cannot make."""
    solid = part.solid
    thickness = part.size[2]
    bottom = []
    for face in solid.Faces():
        normal = face.normalAt()
        if face.geomType() == "PLANE" and abs(abs(normal.z) - 1) < 1e-6:
            z = face.Center().z
            if abs(z) < PLANE_TOL_MM and normal.z < 0:
                bottom.append(face)
            elif abs(z - thickness) > 1e-4 and abs(z) > PLANE_TOL_MM:
                raise ExportError(
                    f"part '{part.name}' has a face at z = {z:.3g} mm: pockets are not cut from "
                    "DXF; make it a through cut or a separate part"
                )
        elif abs(normal.z) > 1e-6:
            raise ExportError(
                f"part '{part.name}' has a sloped or curved face: a sheet part needs walls square "
                "to the sheet"
            )
    if len(bottom) != 1:
        raise ExportError(f"part '{part.name}' is not a flat sheet part lying on z = 0")
    return bottom[0]


# -- the cut paths ---------------------------------------------------------------------------------
def profile(
    part: "MeasuredPart",
    setup: "CutSetup",
    compensation: Compensation = Compensation.KERF,
    relief: Relief = Relief.DOGBONE,
) -> Profile:
    """The outline of cut part `part` and the paths `setup`'s cutter follows (see module doc)."""
    from workbench.checks.cutting import Cutter
    from workbench.kernel import cq

    face = sheet_face(part)
    outline = contour_of(face.outerWire())
    holes = [(w, contour_of(w)) for w in face.innerWires()]
    router = setup.cutter is Cutter.ROUTER
    drills = [
        Drill(c.circle[0], c.circle[1], 2 * c.circle[2])
        for _, c in holes
        if router and c.circle is not None and 2 * c.circle[2] <= setup.width_mm + 1e-9
    ]
    kept = [w for w, c in holes if not (router and c.circle is not None
                                         and 2 * c.circle[2] <= setup.width_mm + 1e-9)]
    work = cq.Face.makeFromWires(face.outerWire(), kept)
    design_contours = [outline] + [c for _, c in holes]
    circles: list[tuple[float, float]] = []
    if router and relief is not Relief.NONE:
        region = [outline] + [contour_of(w) for w in kept]
        radius = setup.width_mm / 2
        for contour in region:
            circles += _relief_centres(contour, design_contours, radius, relief)
        if circles:
            cutters = [
                cq.Face.makeFromWires(
                    cq.Wire.makeCircle(radius, cq.Vector(x, y, 0), cq.Vector(0, 0, 1)))
                for x, y in circles
            ]
            faces = work.cut(*cutters).Faces()
            if len(faces) != 1:
                raise ExportError(
                    f"part '{part.name}': relief cuts split it into {len(faces)} pieces")
            work = faces[0]
    offset = setup.offset_mm if compensation is Compensation.KERF else 0.0
    outer, inner = _offset(work, offset, part.name)
    return Profile(
        outline=outline,
        holes=tuple(c for _, c in holes),
        area=float(face.Area()),
        outside=(outer,),
        inside=tuple(inner),
        drills=tuple(drills),
        reliefs=len(circles),
        label_at=label_spot(design_contours),
    )


def _relief_centres(
    contour: Contour, region: Sequence[Contour], radius: float, relief: Relief
) -> list[Point]:
    """Centres of relief circles at the inside corners of `contour` (corners whose small sector
    is empty, so a round tool cannot reach them)."""
    if contour.circle is not None:
        return []
    segs = list(contour.segments())
    polys = [np.array(c.sample()) for c in region]
    out = []
    for i, (p0, p1, b) in enumerate(segs):
        q0, q1, qb = segs[i - 1]
        a = _tangents(q0, q1, qb)[1]  # arriving at p0
        d = _tangents(p0, p1, b)[0]  # leaving p0
        cos_turn = a[0] * d[0] + a[1] * d[1]
        if cos_turn > math.cos(math.radians(STRAIGHT_DEG)) or cos_turn < -0.9999:
            continue  # straight on (or a hairpin, which no relief fixes)
        u = (d[0] - a[0], d[1] - a[1])
        norm = math.hypot(*u)
        u = (u[0] / norm, u[1] / norm)
        probe = (p0[0] + 0.01 * u[0], p0[1] + 0.01 * u[1])
        if _inside(probe, polys):
            continue  # the small sector is material: an outside corner
        if relief is Relief.TBONE:
            longer = (q0, q1) if math.dist(q0, q1) >= math.dist(p0, p1) else (p0, p1)
            tx, ty = longer[1][0] - longer[0][0], longer[1][1] - longer[0][1]
            n = (-ty, tx) if (-ty * u[0] + tx * u[1]) > 0 else (ty, -tx)
            length = math.hypot(*n)
            u = (n[0] / length, n[1] / length)
        out.append((p0[0] + radius * u[0], p0[1] + radius * u[1]))
    return out


def _inside(point: Point, polys: Sequence[np.ndarray]) -> bool:
    """Even-odd test of `point` against the outline and holes (sampled polygons)."""
    return bool(inside_many(np.array([point], dtype=float), polys)[0])


def inside_many(points: np.ndarray, polys: Sequence[np.ndarray]) -> np.ndarray:
    """Even-odd test of each of `points` (N × 2) against closed polygons: a boolean array."""
    inside = np.zeros(len(points), dtype=bool)
    x, y = points[:, 0:1], points[:, 1:2]
    for poly in polys:
        xs, ys = poly[:, 0], poly[:, 1]
        xs2, ys2 = np.roll(xs, -1), np.roll(ys, -1)
        crosses = (ys > y) != (ys2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            xint = xs + (y - ys) * (xs2 - xs) / (ys2 - ys)
        inside ^= (np.count_nonzero(crosses & (x < xint), axis=1) % 2).astype(bool)
    return inside


def _offset(face: Any, distance: float, name: str) -> tuple[Contour, list[Contour]]:
    """Outer and inner contours of `face` grown by `distance` mm (holes shrink by it)."""
    from OCP.BRepOffsetAPI import BRepOffsetAPI_MakeOffset
    from OCP.GeomAbs import GeomAbs_Arc

    from workbench.kernel import cq

    if distance <= 0:
        return contour_of(face.outerWire()), [contour_of(w) for w in face.innerWires()]
    maker = BRepOffsetAPI_MakeOffset(face.wrapped, GeomAbs_Arc)
    maker.Perform(distance)
    if not maker.IsDone():
        raise ExportError(f"part '{name}': kerf offset of {distance:g} mm failed")
    wires = cq.Shape.cast(maker.Shape()).Wires()
    if not wires:
        raise ExportError(f"part '{name}': kerf offset of {distance:g} mm left no contour")
    contours = sorted((contour_of(w) for w in wires), key=lambda c: -c.area())
    return contours[0], contours[1:]


# -- measuring ------------------------------------------------------------------------------------
def slot_width(
    contours: Iterable[Contour], mouth: Point, angle: float, depth: float, near: float
) -> float:
    """The width of a slot as drawn: the distance between the straight walls of `contours` that run
    parallel to the slot within `near` mm of its axis over the middle of its depth.

    The slot's mouth centre is `mouth`; it runs `depth` mm into the part at `angle` degrees. Raises
    `ValueError` when a wall is missing on either side.
    """
    ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    vx, vy = -uy, ux
    offsets = []
    for contour in contours:
        for (x0, y0), (x1, y1), bulge in contour.segments():
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx, dy)
            if bulge or length == 0 or abs(dx * uy - dy * ux) > 1e-9 * length:
                continue
            s0 = (x0 - mouth[0]) * ux + (y0 - mouth[1]) * uy
            s1 = (x1 - mouth[0]) * ux + (y1 - mouth[1]) * uy
            if min(s0, s1) > 0.25 * depth or max(s0, s1) < 0.75 * depth:
                continue
            offset = (x0 - mouth[0]) * vx + (y0 - mouth[1]) * vy
            if abs(offset) <= near:
                offsets.append(offset)
    left, right = [o for o in offsets if o < 0], [o for o in offsets if o > 0]
    if not left or not right:
        raise ValueError(f"no slot walls found at ({mouth[0]:.1f}, {mouth[1]:.1f})")
    return min(right) - max(left)


# -- labels ----------------------------------------------------------------------------------------
def label_spot(
    contours: Iterable[Contour], grid: int = 48
) -> tuple[float, float, float, float, float]:
    """Where to engrave a label: (x, y, clearance, run_x, run_y) in the part's frame (mm).

    (x, y) is the grid point inside the material farthest from every edge (nearest the middle
    among equals), `clearance` that distance, `run_x` / `run_y` the free length from it to the
    nearest edge along ±x and ±y (the text is centred there, so half its width must fit).
    """
    region = list(contours)
    polys = [np.array(c.sample(2.0)) for c in region]
    xmin, ymin, xmax, ymax = region[0].bbox()
    xs = np.linspace(xmin, xmax, grid + 2)[1:-1]
    ys = np.linspace(ymin, ymax, grid + 2)[1:-1]
    segs = np.concatenate([np.stack([p, np.roll(p, -1, axis=0)], axis=1) for p in polys])
    a, b = segs[:, 0, :], segs[:, 1, :]
    ab = b - a
    denom = np.maximum((ab**2).sum(axis=1), 1e-12)
    mid = ((xmin + xmax) / 2, (ymin + ymax) / 2)
    size = max(xmax - xmin, ymax - ymin, 1e-9)
    pts = np.array([(x, y) for x in xs for y in ys], dtype=float)
    pts = pts[inside_many(pts, polys)]
    if len(pts) == 0:
        return (mid[0], mid[1], 0.0, 0.0, 0.0)
    px, py = pts[:, 0:1], pts[:, 1:2]
    t = np.clip(((px - a[:, 0]) * ab[:, 0] + (py - a[:, 1]) * ab[:, 1]) / denom, 0, 1)
    dist = np.hypot(a[:, 0] + t * ab[:, 0] - px, a[:, 1] + t * ab[:, 1] - py).min(axis=1)
    # among equally clear points (a rectangle's whole centre line) prefer the middle
    score = dist - 1e-3 * dist * np.hypot(pts[:, 0] - mid[0], pts[:, 1] - mid[1]) / size
    k = int(np.argmax(score))
    best = (float(pts[k, 0]), float(pts[k, 1]), float(dist[k]))
    x, y, clearance = best
    return (x, y, clearance, _run((x, y), (1.0, 0.0), a, ab), _run((x, y), (0.0, 1.0), a, ab))


def _run(p: Point, d: Point, a: np.ndarray, ab: np.ndarray) -> float:
    """Free length from `p` to the nearest segment along +`d` and −`d` (the smaller of the two)."""
    cross = d[0] * ab[:, 1] - d[1] * ab[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        wx, wy = a[:, 0] - p[0], a[:, 1] - p[1]
        t = (wx * ab[:, 1] - wy * ab[:, 0]) / cross
        u = (wx * d[1] - wy * d[0]) / cross
    hit = (np.abs(cross) > 1e-12) & (u >= 0) & (u <= 1)
    ahead, behind = t[hit & (t > 0)], -t[hit & (t < 0)]
    return float(min(ahead.min(initial=math.inf), behind.min(initial=math.inf)))
