"""3MF of the printed parts: every printed part of a job (each copy) on one build plate, named,
in millimetres.

A 3MF file is an OPC zip of XML (3MF Consortium, "3MF Core Specification" 1.4.0,
https://github.com/3MFConsortium/spec_core:
``[Content_Types].xml``, ``_rels/.rels`` and the model part ``3D/3dmodel.model``), written here with
`zipfile` and `xml.sax.saxutils`: the core specification's mesh subset is three small XML parts, and
writing them ourselves keeps the bytes reproducible (fixed zip times, a canonical vertex and triangle
order), which commons bundles rely on; the consortium's lib3mf (a 5 MB native library) gives each
object a fresh random UUID on every write, and is not needed at run time. The tests read every
plate back with lib3mf and with PrusaSlicer. Each part is one mesh object named after the part (tessellated with the export
`Tolerance`); each copy is one build item, its ``partnumber`` naming the copy as the cut list does.

Parts stand on the bed as the design built them (like the STL export). Their footprints are packed
onto the bed with `PLATE_GAP` between them (rectpack, as the sheet nesting); parts that do not fit
one bed together are refused with the bed size, so a plate never hangs over the edge.
"""

from __future__ import annotations

import dataclasses

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence
from xml.sax.saxutils import escape, quoteattr

from workbench.design import Process
from workbench.errors import ExportError
from workbench.export import Options
from workbench.export._atomic import before_write
from workbench.export.mesh import bed_check

if TYPE_CHECKING:
    from workbench.export.job import Job
    from workbench.geometry import MeasuredPart

PLATE_GAP = 6.0
"""mm between parts on the plate: PrusaSlicer's arrange distance for FFF printers
(`ArrangeSettings::distance = 6.f`, src/slic3r/GUI/GLCanvas3D.hpp)."""

WELD_MM = 1e-4
"""Points of neighbouring faces closer than this (mm) are one vertex: far below any printer's
resolution, far above OCCT's rounding of a shared edge's points."""

CORE_NS = "http://schemas.microsoft.com/3dmanufacturing/core/2015/02"
_MODEL_PATH = "3D/3dmodel.model"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>'
    "</Types>\n"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Target="/{_MODEL_PATH}" Id="rel0" '
    'Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>'
    "</Relationships>\n"
)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: the same parts give the same file


@dataclass(frozen=True)
class Mesh:
    """One part's triangles, its footprint starting at x = y = 0 and standing on z = 0 (mm)."""

    name: str
    vertices: tuple[tuple[float, float, float], ...]
    triangles: tuple[tuple[int, int, int], ...]
    size: tuple[float, float, float]


@dataclass(frozen=True)
class Placement:
    """One build item: a copy of mesh `index` moved by (x, y) on the bed (mm)."""

    index: int
    x: float
    y: float
    copy: int = 1
    """Which copy of the part (1-based)."""


def part_mesh(part: "MeasuredPart", options: Options) -> Mesh:
    """The part's solid as triangles, moved so its lowest point is z = 0 and its footprint starts
    at x = y = 0 (as the STL export writes it)."""
    from OCP.BRepTools import BRepTools

    solid = part.solid.copy()
    BRepTools.Clean_s(solid.wrapped)  # the export's tolerance decides the facets, not an old mesh
    points, triangles = solid.tessellate(options.tolerance.linear_mm, options.tolerance.angular_rad)
    if not triangles:
        raise ExportError(f"part '{part.name}' has no surface to mesh for 3MF")
    # Moved by the mesh's own extent: a bounding box depends on whether a mesh existed before.
    low = [min(getattr(p, a) for p in points) for a in "xyz"]
    vertices, faces = weld([(p.x - low[0], p.y - low[1], p.z - low[2]) for p in points], triangles)
    size = tuple(max(v[i] for v in vertices) for i in range(3))
    return Mesh(part.name, tuple(vertices), tuple(faces), size)  # type: ignore[arg-type]


def weld(points: Sequence[tuple[float, float, float]], triangles: Sequence[Sequence[int]],
         grid: float = WELD_MM) -> tuple[list[tuple[float, float, float]], list[tuple[int, int, int]]]:
    """One vertex per position (within `grid` mm) and no collapsed triangle: OCCT meshes each
    face on its own, so faces repeat the points of their shared edges; 3MF needs a closed mesh
    whose triangles share vertices (the core specification's mesh rules)."""
    index: dict[tuple[int, int, int], int] = {}
    vertices: list[tuple[float, float, float]] = []
    remap = []
    for x, y, z in points:
        key = (round(x / grid), round(y / grid), round(z / grid))
        if key not in index:
            index[key] = len(vertices)
            vertices.append(tuple(k * grid for k in key))  # type: ignore[arg-type]
        remap.append(index[key])
    # A canonical order (CadQuery lists faces in no fixed order): vertices sorted, each triangle
    # starting at its lowest vertex (same orientation), triangles sorted: the same part, the
    # same file.
    order = sorted(range(len(vertices)), key=lambda i: vertices[i])  # on the grid: no -0.0 noise
    rank = {old: new for new, old in enumerate(order)}
    faces = set()
    for tri in triangles:
        a, b, c = (rank[remap[i]] for i in tri)
        if a != b and b != c and a != c:
            k = (a, b, c).index(min(a, b, c))
            faces.add(((a, b, c) * 2)[k:k + 3])
    return [vertices[i] for i in order], sorted(faces)  # type: ignore[return-value]


def plate(meshes: Sequence[Mesh], copies: Sequence[int], bed: tuple[float, float] | None,
          gap: float = PLATE_GAP) -> list[Placement]:
    """Every copy of every mesh placed on one bed of `bed` (x, y mm) with `gap` between parts, or
    in one row when there is no bed; ExportError when they do not all fit."""
    placed = plates(meshes, copies, bed, gap)
    if len(placed) > 1:
        wanted = sum(copies)
        names = ", ".join(dict.fromkeys(m.name for m in meshes))
        raise ExportError(
            f"the printed parts ({names}; {wanted} pieces) do not fit one {bed[0]:g} × {bed[1]:g} mm "  # type: ignore[index]
            f"bed together with {gap:g} mm between them; export STL to print them in batches"
        )
    return placed[0]


def plates(meshes: Sequence[Mesh], copies: Sequence[int], bed: tuple[float, float] | None,
           gap: float = PLATE_GAP) -> list[list[Placement]]:
    """Every copy of every mesh on as few beds of `bed` (x, y mm) as the packer needs, `gap`
    between parts: one list of placements per plate (one plate in a row when there is no bed).
    A part larger than the bed is for `bed_check` to refuse before this is asked."""
    if bed is None:
        out, x = [], 0.0
        for i, n in enumerate(copies):
            for k in range(1, n + 1):
                out.append(Placement(i, x, 0.0, k))
                x += meshes[i].size[0] + gap
        return [out]
    import rectpack

    scale = 100  # rectpack packs integers: hundredths of a millimetre
    wanted = sum(copies)
    packer = rectpack.newPacker(rotation=False, pack_algo=rectpack.MaxRectsBssf)
    packer.add_bin(round((bed[0] + gap) * scale), round((bed[1] + gap) * scale), count=wanted)
    for i, n in enumerate(copies):
        w, d = (round((s + gap) * scale) for s in meshes[i].size[:2])
        for k in range(1, n + 1):
            packer.add_rect(w, d, rid=(i, k))
    packer.pack()
    by_bin: dict[int, list[Placement]] = {}
    for b, x, y, _, _, rid in packer.rect_list():
        by_bin.setdefault(b, []).append(Placement(rid[0], x / scale, y / scale, rid[1]))
    if sum(len(v) for v in by_bin.values()) != wanted:
        names = ", ".join(dict.fromkeys(m.name for m in meshes))
        raise ExportError(f"the printed parts ({names}) cannot be packed onto "
                          f"{bed[0]:g} × {bed[1]:g} mm beds with {gap:g} mm between them")
    # plates in the order of their first part; each plate's items in part order
    out = [sorted(v, key=lambda p: (p.index, p.copy)) for v in by_bin.values()]
    return sorted(out, key=lambda v: (v[0].index, v[0].copy))


def _num(v: float) -> str:
    text = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def model_xml(meshes: Sequence[Mesh], placements: Sequence[Placement], title: str,
              metadata: Sequence[tuple[str, str]] = ()) -> str:
    """The 3MF model part: units in millimetres, one named object per mesh, one item per copy."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<model unit="millimeter" xml:lang="en-US" xmlns="{CORE_NS}">\n',
           f'<metadata name="Title">{escape(title)}</metadata>\n']
    out += [f"<metadata name={quoteattr(k)}>{escape(v)}</metadata>\n" for k, v in metadata]
    out.append("<resources>\n")
    for i, m in enumerate(meshes, start=1):
        out.append(f'<object id="{i}" type="model" name={quoteattr(m.name)}><mesh><vertices>\n')
        out += [f'<vertex x="{_num(x)}" y="{_num(y)}" z="{_num(z)}"/>\n' for x, y, z in m.vertices]
        out.append("</vertices><triangles>\n")
        out += [f'<triangle v1="{a}" v2="{b}" v3="{c}"/>\n' for a, b, c in m.triangles]
        out.append("</triangles></mesh></object>\n")
    out.append("</resources>\n<build>\n")
    counts = {i: sum(1 for q in placements if q.index == i) for i in {p.index for p in placements}}
    for p in placements:
        # the item's partnumber (core specification) names each copy as the cut list does: "clip 2/4"
        label = meshes[p.index].name + (f" {p.copy}/{counts[p.index]}" if counts[p.index] > 1 else "")
        out.append(f'<item objectid="{p.index + 1}" partnumber={quoteattr(label)} '
                   f'transform="1 0 0 0 1 0 0 0 1 {_num(p.x)} {_num(p.y)} 0"/>\n')
    out.append("</build>\n</model>\n")
    return "".join(out)


def write_3mf(path: Path, model: str) -> None:
    """The OPC package: content types, the root relationship and the model, fixed times."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           (_MODEL_PATH, model)):
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))


def export_3mf(job: "Job", stem: str, out: Path, options: Options) -> list[Path]:
    """``STEM.3mf``: every printed part of the job, each copy, on one plate of the workshop
    printer's bed; when they do not fit one bed, ``STEM-plate-1.3mf`` … one file per plate."""
    printed = job.geometry.by_process(Process.PRINT)
    if not printed:
        raise ExportError("3MF holds printed parts, and this design has none")
    for part in printed:
        check = bed_check(job, part)
        if check is not None and not check.passed:  # type: ignore[attr-defined]
            raise ExportError(f"part '{part.name}': {check.message}")  # type: ignore[attr-defined]
    meshes = [part_mesh(p, options) for p in printed]
    shop = job.context.workshop_profile
    bed = None if shop.bed is None else tuple(float(q.to("mm").magnitude) for q in shop.bed[:2])
    packed = plates(meshes, [p.quantity for p in printed], bed)  # type: ignore[arg-type]
    d = job.resolved.design if job.resolved is not None else None
    meta = [("Application", "cosmo-local workbench")]
    if d is not None:
        meta += [("Designer", ", ".join(d.authors)), ("LicenseTerms", d.license)]
    if len(packed) == 1:
        named = [(f"{stem}.3mf", stem, packed[0])]
    else:  # one file per plate: print them one after the other
        named = [(f"{stem}-plate-{k}.3mf", f"{stem} plate {k} of {len(packed)}", placements)
                 for k, placements in enumerate(packed, 1)]
    paths = []
    for name, title, placements in named:
        path = out / name
        before_write(path)
        used = sorted({p.index for p in placements})
        keep = {old: new for new, old in enumerate(used)}
        write_3mf(path, model_xml([meshes[i] for i in used],
                                  [dataclasses.replace(p, index=keep[p.index]) for p in placements],
                                  title, meta))
        paths.append(path)
    return paths
