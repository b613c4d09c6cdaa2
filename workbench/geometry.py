"""The build boundary: the only place that runs a design's CadQuery code.

Each part is validated (one valid, non-empty solid), measured (bounding box, volume, in mm) and the
result cached by the hash of design id, version, resolved values and context.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock
from typing import Any

from workbench.design import Part, Process
from workbench.errors import BuildError, WorkbenchError
from workbench.resolve import Resolved

CACHE_SIZE = 64
"""Geometries kept in memory; the least recently used is dropped past this."""


@dataclass(frozen=True)
class MeasuredPart:
    """A validated part: its solid in its own frame, size of its bounding box and volume (mm, mm³)."""

    name: str
    role: str
    process: Process
    quantity: int
    solid: Any
    size: tuple[float, float, float]
    volume: float
    location: tuple[float, float, float, float, float, float]
    meta: dict[str, Any] = field(default_factory=dict)

    def placed(self) -> Any:
        """The solid moved to its place in the assembly."""
        return self.solid.moved(_location(self.location))


@dataclass(frozen=True)
class Geometry:
    """The built parts of one resolved design."""

    key: str
    parts: tuple[MeasuredPart, ...]

    def part(self, name: str) -> MeasuredPart:
        for p in self.parts:
            if p.name == name:
                return p
        raise KeyError(name)

    @property
    def volume(self) -> float:
        """Total volume in mm³, counting quantities."""
        return sum(p.volume * p.quantity for p in self.parts)

    def by_process(self, process: Process) -> tuple[MeasuredPart, ...]:
        return tuple(p for p in self.parts if p.process is process)

    def assembly(self, name: str = "assembly") -> Any:
        """A CadQuery Assembly of every part at its place, named after the parts."""
        from workbench.kernel import cq

        asm = cq.Assembly(name=name)
        for p in self.parts:
            asm.add(p.solid, name=p.name, loc=_location(p.location))
        return asm


def _location(loc: tuple[float, float, float, float, float, float]) -> Any:
    from workbench.kernel import cq

    x, y, z, rx, ry, rz = loc
    out = cq.Location(cq.Vector(x, y, z))
    for axis, angle in (((0, 0, 1), rz), ((0, 1, 0), ry), ((1, 0, 0), rx)):
        if angle:
            out = out * cq.Location(cq.Vector(0, 0, 0), cq.Vector(*axis), angle)
    return out


def _to_solid(part: Part, where: str) -> Any:
    from workbench.kernel import cq

    shape = part.shape
    if isinstance(shape, cq.Workplane):
        objs = [o for o in shape.vals() if isinstance(o, cq.Shape)]
        if not objs:
            raise BuildError(f"{where}: part '{part.name}' is empty")
        shape = objs[0] if len(objs) == 1 else cq.Compound.makeCompound(objs)
    if not isinstance(shape, cq.Shape):
        raise BuildError(f"{where}: part '{part.name}' is a {type(shape).__name__}, not a shape")
    solids = shape.Solids()
    if len(solids) != 1:
        raise BuildError(f"{where}: part '{part.name}' is {len(solids)} solids, expected one")
    solid = solids[0]
    if not solid.isValid():
        raise BuildError(f"{where}: part '{part.name}' is not a valid solid")
    if solid.Volume() <= 1e-9:
        raise BuildError(f"{where}: part '{part.name}' has no volume")
    return solid


def _measure(part: Part, solid: Any) -> MeasuredPart:
    bb = solid.BoundingBox()
    size = (round(bb.xlen, 6), round(bb.ylen, 6), round(bb.zlen, 6))
    return MeasuredPart(
        part.name, part.role, Process(part.process), int(part.quantity), solid, size,
        float(solid.Volume()), tuple(float(v) for v in part.location), dict(part.meta),  # type: ignore[arg-type]
    )


class _Cache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[str, Geometry] = OrderedDict()
        self._lock = Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Geometry | None:
        with self._lock:
            geo = self._data.get(key)
            if geo is not None:
                self._data.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return geo

    def put(self, geo: Geometry) -> None:
        with self._lock:
            self._data[geo.key] = geo
            self._data.move_to_end(geo.key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)


cache = _Cache(CACHE_SIZE)


def geometry_hash(geo: Geometry) -> str:
    """A hash of the geometry itself, stable across runs, processes and machines.

    Per part (by name): role, process, quantity, placement, volume, surface area and every vertex,
    rounded to 1 µm (lengths) and 9 significant digits (volume, area) so float noise cannot change it.
    """
    import hashlib

    h = hashlib.sha256()
    for p in sorted(geo.parts, key=lambda p: p.name):
        verts = sorted(
            tuple(round(c, 3) + 0.0 for c in v.toTuple()) for v in p.solid.Vertices()
        )
        h.update(
            json.dumps(
                [p.name, p.role, p.process.value, p.quantity, [round(x, 3) + 0.0 for x in p.location],
                 f"{p.volume:.9g}", f"{p.solid.Area():.9g}", verts],
                separators=(",", ":"),
            ).encode()
        )
    return h.hexdigest()


def _where(r: Resolved) -> str:
    design = r.design
    changed = ", ".join(
        f"{n}={design.params()[n].to_text(v)}" for n, v in design.overrides().items()
    )
    return f"{design.id} ({changed or 'defaults'})"


def build(r: Resolved, *, use_cache: bool = True) -> Geometry:
    """Build, validate and measure the parts of a resolved design (cached)."""
    key = r.key()
    if use_cache:
        hit = cache.get(key)
        if hit is not None:
            return hit
    where = _where(r)
    try:
        parts = r.design.build(r.kernel(), r.context)
    except WorkbenchError:
        raise
    except Exception as exc:  # design code failed: one line naming the parameters
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BuildError(f"{where}: build failed: {msg}") from exc
    if not parts:
        raise BuildError(f"{where}: build returned no parts")
    names = [p.name for p in parts]
    if len(set(names)) != len(names):
        raise BuildError(f"{where}: part names repeat: {', '.join(names)}")
    measured = tuple(_measure(p, _to_solid(p, where)) for p in parts)
    geo = Geometry(key, measured)
    if use_cache:
        cache.put(geo)
    return geo
