"""Checks of written files, named by the format registrations (`export.formats`).

`*_intact` is the quick check `export()` runs on every file before it replaces anything: a file cut
off by a full disk or a failed writer is caught by its size or its end marker. `*_read_back` is
the full check `workbench validate` runs: the file is read back and compared with what was built.
Neither needs trimesh: a binary STL is read with numpy.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from workbench.export.formats import Expect

STL_HEADER = 84
"""A binary STL: an 80-byte header, a little-endian uint32 triangle count, then 50 bytes a
triangle (normal, three vertices as 12 float32, a uint16 attribute)."""
STL_TRIANGLE = 50
STL_VOLUME_REL_TOL = 5e-3
"""An STL is a mesh of the solid: its volume is within 0.5 % of the solid's at either preset."""
STEP_VOLUME_REL_TOL = 1e-6
STEP_END = b"END-ISO-10303-21;"
"""The last statement of every STEP file (ISO 10303-21, clause 5)."""


def _tail(path: Path, n: int = 256) -> bytes:
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - n))
        return fh.read()


def stl_intact(path: Path) -> str | None:
    """A binary STL whose size matches its triangle count, with at least one triangle."""
    size = path.stat().st_size
    if size < STL_HEADER:
        return f"binary STL cut short ({size} bytes, not even a header)"
    with open(path, "rb") as fh:
        fh.seek(80)
        count = int.from_bytes(fh.read(4), "little")
    expected = STL_HEADER + STL_TRIANGLE * count
    if count == 0:
        return "binary STL holds no triangle"
    if size != expected:
        return f"binary STL cut short ({size} bytes where {count} triangles take {expected})"
    return None


def stl_triangles(path: Path) -> np.ndarray:
    """The triangles of a binary STL as an (n, 3, 3) float64 array of vertex coordinates (mm)."""
    record = np.dtype([("normal", "<f4", 3), ("v", "<f4", (3, 3)), ("attr", "<u2")])
    data = np.fromfile(path, dtype=record, offset=STL_HEADER)
    return data["v"].astype(np.float64)


def mesh_volume(tri: np.ndarray) -> float:
    """Enclosed volume of a closed, outward-wound triangle mesh (divergence theorem), mm³."""
    return float(np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6.0)


def is_watertight(tri: np.ndarray) -> bool:
    """Every edge is shared by exactly two triangles, wound in opposite directions.

    Vertices are the same where their float32 coordinates are equal: the STL writer emits one
    coordinate per shared vertex of the triangulation.
    """
    flat = tri.reshape(-1, 3)
    _, ids = np.unique(flat, axis=0, return_inverse=True)
    ids = ids.reshape(-1, 3)
    edges = np.concatenate([ids[:, [0, 1]], ids[:, [1, 2]], ids[:, [2, 0]]])
    if np.any(edges[:, 0] == edges[:, 1]):
        return False
    directed = np.unique(edges, axis=0, return_counts=True)
    if np.any(directed[1] != 1):
        return False  # the same directed edge twice: inconsistent winding or a third triangle
    fwd = {tuple(e) for e in directed[0]}
    return all((b, a) in fwd for a, b in fwd)


def stl_read_back(path: Path, expect: Expect) -> list[str]:
    """Intact, watertight, and its volume within 0.5 % of its part's (when the part is known)."""
    why = stl_intact(path)
    if why is not None:
        return [f"{path.name}: {why}"]
    tri = stl_triangles(path)
    if not is_watertight(tri):
        return [f"{path.name}: STL is not watertight"]
    part = path.stem.removeprefix(f"{expect.stem}-")
    want = expect.volumes.get(part)
    got = mesh_volume(tri)
    if want is not None and abs(got - want) > STL_VOLUME_REL_TOL * want:
        return [f"{path.name}: STL volume {got:.6g} != solid {want:.6g} mm³"]
    return []


def step_intact(path: Path) -> str | None:
    """A STEP file that starts with its header and ends with ``END-ISO-10303-21;``."""
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head.startswith(b"ISO-10303-21;"):
        return "not a STEP file (no ISO-10303-21 header)"
    if not _tail(path).rstrip().endswith(STEP_END):
        return "STEP file cut short (no END-ISO-10303-21;)"
    return None


def step_read_back(path: Path, expect: Expect) -> list[str]:
    """Intact and re-imports with the volume of one instance of each part line."""
    why = step_intact(path)
    if why is not None:
        return [f"{path.name}: {why}"]
    from workbench.kernel import cq

    shape = cq.importers.importStep(str(path)).val()
    one_each = sum(expect.volumes.values())  # one instance per part line; quantities in the cut list
    if one_each and abs(shape.Volume() - one_each) > STEP_VOLUME_REL_TOL * one_each:
        return [f"{path.name}: STEP volume {shape.Volume():.6g} != {one_each:.6g} mm³"]
    return []


def dxf_intact(path: Path) -> str | None:
    """A DXF whose last group is ``0 / EOF``."""
    lines = _tail(path, 64).decode("latin-1").split()
    if lines[-2:] != ["0", "EOF"]:
        return "DXF file cut short (no EOF)"
    return None


def dxf_read_back(path: Path, expect: Expect) -> list[str]:
    """Intact, and ezdxf's audit finds no error."""
    why = dxf_intact(path)
    if why is not None:
        return [f"{path.name}: {why}"]
    import ezdxf

    errors = ezdxf.readfile(path).audit().errors
    return [f"{path.name}: ezdxf audit found {len(errors)} error(s)"] if errors else []


def svg_intact(path: Path) -> str | None:
    """An SVG document that ends with its closing ``</svg>`` tag."""
    if not _tail(path).rstrip().endswith(b"</svg>"):
        return "SVG file cut short (no </svg>)"
    return None


def threemf_intact(path: Path) -> str | None:
    """A 3MF: a whole zip archive holding its 3D model part."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            if z.testzip() is not None:
                return "3MF archive damaged"
            if "3D/3dmodel.model" not in z.namelist():
                return "3MF without its 3D/3dmodel.model"
    except (zipfile.BadZipFile, OSError) as exc:
        return f"3MF is not a whole zip archive ({exc})"
    return None


def pdf_intact(path: Path) -> str | None:
    """A PDF whose end holds ``%%EOF``."""
    if not Path(path).read_bytes()[:5] == b"%PDF-":
        return "not a PDF (no %PDF- header)"
    if b"%%EOF" not in _tail(path, 1024):
        return "PDF file cut short (no %%EOF)"
    return None


def text_intact(path: Path) -> str | None:
    """A non-empty UTF-8 text file ending with a newline."""
    data = path.read_bytes()
    if not data:
        return "empty file"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text"
    if not data.endswith(b"\n"):
        return "text file cut short (no final newline)"
    return None
