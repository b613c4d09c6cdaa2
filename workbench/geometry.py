"""The build boundary: the only place that runs a design's CadQuery code.

Each part is validated (one valid, non-empty solid), measured (bounding box, volume, in mm) and the
result cached by the hash of design id, version, and the resolved values and context facets the
build actually read (recorded while it runs), in a cache of bounded size.
"""

from __future__ import annotations

from workbench.caches import register

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock
from typing import Any
from weakref import WeakKeyDictionary

from workbench.design import Part, PartFacts, Process
from workbench.errors import BuildError, WorkbenchError
from workbench.resolve import Resolved

CACHE_SIZE = 64
"""Geometries kept in memory; the least recently used is dropped past this (`cache.resize`)."""

MAX_READ_SETS = 16
"""Distinct read sets remembered per design class (a design has one per build branch)."""


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
    """The facts that are set, as plain values (`PartFacts.as_dict`)."""
    facts: PartFacts = field(default_factory=PartFacts)
    """The part's typed facts (stock, cut_length, bed_face, grain, slots, label)."""

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
        part.facts,
    )


class _Cache:
    """Geometries by key, least recently used dropped past `size`, plus what each build read.

    A design's `build` reads some of its values (a printed bracket never reads the plywood
    thickness, no bracket reads the load) and some facets of the context (usually the workshop
    only). `read_sets` remembers, per design class, the sets of names its builds have read; a
    lookup tries each, so a change to a value no build reads is a hit, never a rebuild.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[str, Geometry] = OrderedDict()
        self._reads: "WeakKeyDictionary[type, list[_Reads]]" = WeakKeyDictionary()
        self._lock = Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str, *, count_miss: bool = True) -> Geometry | None:
        """The geometry cached under `key`, or None (counted as a miss unless `count_miss` is
        False, for a caller that will build on a miss and count it then)."""
        with self._lock:
            geo = self._data.get(key)
            if geo is not None:
                self._data.move_to_end(key)
                self.hits += 1
            elif count_miss:
                self.misses += 1
            return geo

    def lookup(self, r: Resolved, kernel: dict[str, Any]) -> Geometry | None:
        """The cached geometry of `r` under any read set its class is known for, else None."""
        with self._lock:
            read_sets = list(self._reads.get(type(r.design), ()))
        for reads in read_sets:
            key = _key(r, reads, kernel)
            if key is None:
                continue
            with self._lock:
                geo = self._data.get(key)
                if geo is not None:
                    self._data.move_to_end(key)
                    self.hits += 1
                    return geo
        with self._lock:
            self.misses += 1
        return None

    def put(self, geo: Geometry, cls: type | None = None, reads: "_Reads | None" = None) -> None:
        with self._lock:
            if cls is not None and reads is not None:
                known = self._reads.setdefault(cls, [])
                if reads in known:
                    known.remove(reads)
                known.insert(0, reads)  # most recent first: the likeliest next hit
                del known[MAX_READ_SETS:]
            self._data[geo.key] = geo
            self._data.move_to_end(geo.key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def resize(self, size: int) -> None:
        """Keep at most `size` geometries (dropping the least recently used now)."""
        if size < 1:
            raise ValueError(f"cache size {size} must be at least 1")
        with self._lock:
            self.size = size
            while len(self._data) > size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._reads = WeakKeyDictionary()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)


cache = _Cache(CACHE_SIZE)
register("geometry", cache.clear)


# -- what a build reads ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Reads:
    """The value names and context facets one build read."""

    values: tuple[str, ...]
    context: tuple[str, ...]


_FACETS = {
    "materials": "materials", "roles": "materials", "material_for": "materials",
    "stock": "stock", "stock_catalog": "stock",
    "climate": "climate", "climate_profile": "climate",
    "workshop": "workshop", "workshop_profile": "workshop",
}
_ALL_FACETS = ("climate", "materials", "stock", "workshop")


class _ValueReader:
    """The kernel values a build sees (attribute access), recording which it reads."""

    __slots__ = ("_v", "_read")

    def __init__(self, values: dict[str, Any]) -> None:
        object.__setattr__(self, "_v", values)
        object.__setattr__(self, "_read", set())

    def __getattr__(self, name: str) -> Any:
        values = object.__getattribute__(self, "_v")
        try:
            value = values[name]
        except KeyError:
            raise AttributeError(name) from None
        object.__getattribute__(self, "_read").add(name)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("build values are read-only")

    @property
    def __dict__(self) -> dict[str, Any]:  # type: ignore[override]  # vars(p) reads every value
        self._read.update(self._v)
        return dict(self._v)

    def __repr__(self) -> str:
        return f"namespace({', '.join(f'{k}={v!r}' for k, v in self._v.items())})"


class _ContextReader:
    """The context a build sees, recording which facets (workshop, stock…) it reads."""

    __slots__ = ("_ctx", "_read")

    def __init__(self, ctx: Any) -> None:
        object.__setattr__(self, "_ctx", ctx)
        object.__setattr__(self, "_read", set())

    def __getattr__(self, name: str) -> Any:
        ctx = object.__getattribute__(self, "_ctx")
        read = object.__getattribute__(self, "_read")
        facet = _FACETS.get(name)
        read.update((facet,) if facet else _ALL_FACETS)  # key(), evolve()…: assume it reads all
        return getattr(ctx, name)


def _facet_key(ctx: Any, facet: str) -> str:
    """A facet's names and the digest of the data file it comes from."""
    from workbench.context import materials_dir
    from workbench.context._data import load_doc

    if facet == "workshop":
        return f"{ctx.workshop}:{load_doc(materials_dir() / 'workshops.toml').digest}"
    if facet == "stock":
        return f"{ctx.stock}:{ctx.stock_catalog.digest}"
    if facet == "climate":
        return f"{ctx.climate}:{ctx.climate_profile.digest}"
    roles = ",".join(f"{r}={m}" for r, m in ctx.materials)
    return f"{roles}:{load_doc(materials_dir() / 'materials.toml').digest}"


def _canonical(value: Any) -> Any:
    """Kernel values as JSON: floats to 9 significant digits so float noise cannot split keys."""
    if isinstance(value, float):
        return float(f"{value:.9g}")
    return value


def _key(r: Resolved, reads: _Reads, kernel: dict[str, Any]) -> str | None:
    """The cache key of `r` under `reads`; None when `r` lacks a value the read set names."""
    if any(n not in kernel for n in reads.values):
        return None
    blob = json.dumps(
        {
            "design": r.design.id,
            "version": r.design.version,
            "values": {n: _canonical(kernel[n]) for n in reads.values},
            "context": {f: _facet_key(r.context, f) for f in reads.context},
        },
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def geometry_hash(geo: Geometry) -> str:
    """A hash of the geometry itself, stable across runs, processes and machines.

    Per part (by name): role, process, quantity, placement, volume, surface area and every vertex,
    rounded to 1 µm (lengths) and 9 significant digits (volume, area) so float noise cannot change it.
    """
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
    """Build, validate and measure the parts of a resolved design (cached).

    The cache key holds only what the build read (values and context facets), so changing a
    value the geometry does not depend on (a load, a material) reuses the cached geometry.
    """
    kernel = r.kernel_values()
    if use_cache:
        hit = cache.lookup(r, kernel)
        if hit is not None:
            return hit
    where = _where(r)
    values, context = _ValueReader(kernel), _ContextReader(r.context)
    try:
        parts = r.design.build(values, context)
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
    reads = _Reads(tuple(sorted(values._read)), tuple(sorted(context._read)))
    key = _key(r, reads, kernel)
    assert key is not None
    geo = Geometry(key, measured)
    if use_cache:
        cache.put(geo, type(r.design), reads)
    return geo
