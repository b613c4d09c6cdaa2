"""Every fabrication file, read by the programs a workshop uses, for every design at its defaults
and in every variant it ships:

- STL: admesh reports no disconnected or degenerate facet and no backwards edge, one part, the
  part's volume; PrusaSlicer slices it to G-code on the workshop printer's bed;
- 3MF: in millimetres, one named object per printed part; PrusaSlicer reads one manifold object
  per copy, on the bed, with the part's volume, and slices the plate as placed (`--dont-arrange`);
- STEP: FreeCAD imports it as a valid shape of one solid per part with the assembly's volume;
- DXF: ezdxf's audit finds no error, FreeCAD's DXF importer reads every contour (same count and
  length as written) and its edges join into closed wires only, and every slot's width in the file
  is the actual thickness − cutter width + fit clearance;
- nesting: no part closer to another than the spacing or to the blank's edge than the margin.

The programs are Debian packages (`make system-deps`); without them these tests skip, except under
CI, where they fail. One freecadcmd process checks every STEP and DXF file.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

import ezdxf
import pytest

from workbench import catalog
from workbench.design import Process
from workbench.errors import WorkbenchError
from workbench.evaluate import Evaluation, evaluate
from workbench.export import Options, export, offered
from workbench.export.dxf import Layer
from workbench.export.flat import Contour
from workbench.export.job import Job
from workbench.export.nesting import problems

OPTIONS = Options()


def _need(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        message = f"{binary} is not installed (make system-deps installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _cases() -> list:
    out = []
    for design_id in sorted(catalog.entries()):
        out.append(pytest.param(design_id, None, id=design_id))
        try:
            from workbench.variants import variants

            slugs = [v.slug for v in variants(design_id)]
        except WorkbenchError as exc:  # a broken variant file fails its test, not the collection
            slugs = [f"!{exc}"]
        out += [pytest.param(design_id, slug, id=f"{design_id}-{slug[:40]}") for slug in slugs]
    return out


CASES = _cases()


@dataclass
class Written:
    evaluation: Evaluation
    job: Job
    files: list[Path]

    def of(self, suffix: str) -> list[Path]:
        return [p for p in self.files if p.suffix == suffix]


_WRITTEN: dict[tuple[str, str | None], Written] = {}


@pytest.fixture(scope="session")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("shop")


def _written(root: Path, design_id: str, slug: str | None) -> Written:
    key = (design_id, slug)
    if key not in _WRITTEN:
        if slug is not None and slug.startswith("!"):
            pytest.fail(slug[1:])
        if slug is None:
            design, ctx = catalog.get(design_id)(), None
        else:
            from workbench.variants import find_variant

            variant = find_variant(f"{design_id}/{slug}")
            design, ctx = variant.design(), variant.context()
        ev = evaluate(design, ctx)
        job = Job.of(ev)
        folder = root / f"{design_id}-{slug or 'defaults'}"
        files = export(job, offered(ev.geometry), folder, design_id, OPTIONS)
        _WRITTEN[key] = Written(ev, job, files)
    return _WRITTEN[key]


# -- FreeCAD, once for every STEP and DXF file ----------------------------------------------------
FREECAD_SCRIPT = textwrap.dedent(
    """
    import json
    import FreeCAD
    import Import
    import Part

    job = json.load(open(JOB))
    out = {}
    for path in job["step"]:
        try:
            shape = Part.Shape()
            shape.read(path)
            out[path] = {"valid": shape.isValid(), "volume": shape.Volume,
                         "solids": len(shape.Solids)}
        except Exception as exc:
            out[path] = {"error": repr(exc)}
    for path in job["dxf"]:
        try:
            doc = FreeCAD.newDocument()
            Import.readDXF(path, doc.Name)
            edges = [e for o in doc.Objects if hasattr(o, "Shape") for e in o.Shape.Edges]
            groups = Part.sortEdges(edges)
            out[path] = {"edges": len(edges), "length": sum(e.Length for e in edges),
                         "wires": len(groups),
                         "closed": all(Part.Wire(g).isClosed() for g in groups)}
            FreeCAD.closeDocument(doc.Name)
        except Exception as exc:
            out[path] = {"error": repr(exc)}
    json.dump(out, open(RESULT, "w"))
    """
)


@pytest.fixture(scope="session")
def freecad(root) -> dict[str, dict]:
    """What FreeCAD reports of every STEP and DXF file of every case (one freecadcmd run)."""
    binary = _need("freecadcmd")
    written = [_written(root, d, s) for d, s in (c.values for c in CASES)
               if not (s or "").startswith("!")]
    job = {"step": [str(p) for w in written for p in w.of(".step")],
           "dxf": [str(p) for w in written for p in w.of(".dxf")]}
    (root / "job.json").write_text(json.dumps(job))
    script = root / "check.py"
    script.write_text(f"JOB = {str(root / 'job.json')!r}\nRESULT = {str(root / 'result.json')!r}\n"
                      + FREECAD_SCRIPT)
    run = subprocess.run([binary, "-c", f"exec(open({str(script)!r}).read())"],
                         capture_output=True, text=True, timeout=600)
    result = root / "result.json"
    assert result.exists(), (f"freecadcmd failed ({run.returncode}): "
                             f"{run.stdout[-2000:]}{run.stderr[-2000:]}")
    return json.loads(result.read_text())


# -- STL ------------------------------------------------------------------------------------------
def _admesh(binary: str, path: Path) -> dict[str, float]:
    text = subprocess.run([binary, str(path)], capture_output=True, text=True, timeout=120).stdout
    fields = {
        "disconnected": r"Total disconnected facets\s*:\s*(\d+)",
        "degenerate": r"Degenerate facets\s*:\s*(\d+)",
        "backwards": r"Backwards edges\s*:\s*(\d+)",
        "parts": r"Number of parts\s*:\s*(\d+)",
        "volume": r"Volume\s*:\s*([\d.]+)",
    }
    out = {}
    for key, pattern in fields.items():
        match = re.search(pattern, text)
        assert match, f"admesh said nothing about {key} for {path.name}:\n{text}"
        out[key] = float(match.group(1))
    return out


@pytest.mark.parametrize("design_id, slug", CASES)
def test_stl_is_clean_for_admesh(root, design_id, slug) -> None:
    w = _written(root, design_id, slug)
    stls = w.of(".stl")
    if not stls:
        pytest.skip("no printed parts")
    binary = _need("admesh")
    for part, path in zip(w.evaluation.geometry.by_process(Process.PRINT), stls):
        report = _admesh(binary, path)
        assert (report["disconnected"], report["degenerate"], report["backwards"]) == (0, 0, 0)
        assert report["parts"] == 1
        assert report["volume"] == pytest.approx(part.volume, rel=2e-3)


@pytest.mark.parametrize("design_id, slug", CASES)
def test_stl_slices_to_gcode_on_the_workshop_printer(root, design_id, slug, tmp_path) -> None:
    w = _written(root, design_id, slug)
    stls = w.of(".stl")
    if not stls:
        pytest.skip("no printed parts")
    binary = _need("prusa-slicer")
    bed = w.job.context.workshop_profile.bed
    x, y, z = (float(v.to("mm").magnitude) for v in bed) if bed else (200.0, 200.0, 200.0)
    for path in stls:
        gcode = tmp_path / (path.stem + ".gcode")
        run = subprocess.run(
            [binary, "--export-gcode", "--bed-shape", f"0x0,{x:g}x0,{x:g}x{y:g},0x{y:g}",
             "--max-print-height", f"{z:g}", "--center", f"{x / 2:g},{y / 2:g}",
             "--output", str(gcode), str(path)],
            capture_output=True, text=True, timeout=300,
        )
        assert run.returncode == 0, f"{path.name}: {run.stdout[-1500:]}{run.stderr[-1500:]}"
        text = gcode.read_text(errors="ignore")
        assert text.count("\nG1 ") > 100 and ";LAYER_CHANGE" in text


# -- 3MF ------------------------------------------------------------------------------------------
def _info(binary: str, path: Path) -> list[dict[str, float | str]]:
    """PrusaSlicer's `--info` of a file: one dict per object it read."""
    text = subprocess.run([binary, "--info", str(path)], capture_output=True, text=True,
                          timeout=300).stdout
    objects: list[dict[str, float | str]] = []
    for line in text.splitlines():
        if line.startswith(f"[{path.name}]"):
            objects.append({})
        elif objects and " = " in line:
            key, value = (t.strip() for t in line.split(" = ", 1))
            objects[-1][key] = value if key == "manifold" else float(value)
    return objects


@pytest.mark.parametrize("design_id, slug", CASES)
def test_3mf_plate_reads_back_in_prusaslicer_and_slices(root, design_id, slug, tmp_path) -> None:
    import xml.etree.ElementTree as ET
    import zipfile

    w = _written(root, design_id, slug)
    printed = w.evaluation.geometry.by_process(Process.PRINT)
    if not printed:
        pytest.skip("no printed parts")
    paths = w.of(".3mf")  # one plate, or one file per plate when the parts need several beds
    assert paths
    ns = {"m": "http://schemas.microsoft.com/3dmanufacturing/core/2015/02"}
    names, items, objects = [], 0, []
    binary = _need("prusa-slicer")
    bed = w.job.context.workshop_profile.bed
    x, y, z = (float(v.to("mm").magnitude) for v in bed)
    for path in paths:
        model = ET.fromstring(zipfile.ZipFile(path).read("3D/3dmodel.model"))
        assert model.get("unit") == "millimeter"
        names += [o.get("name") for o in model.iterfind("m:resources/m:object", ns)]
        items += len(model.findall("m:build/m:item", ns))
        objects += _info(binary, path)
        gcode = tmp_path / f"{path.stem}.gcode"
        run = subprocess.run(
            [binary, "--export-gcode", "--bed-shape", f"0x0,{x:g}x0,{x:g}x{y:g},0x{y:g}",
             "--max-print-height", f"{z:g}", "--dont-arrange", "--output", str(gcode), str(path)],
            capture_output=True, text=True, timeout=600,
        )
        assert run.returncode == 0, f"{path.name}: {run.stdout[-1500:]}{run.stderr[-1500:]}"
        text = gcode.read_text(errors="ignore")
        assert text.count("\nG1 ") > 100 and ";LAYER_CHANGE" in text
    assert sorted(set(names)) == sorted({p.name for p in printed})
    copies = sum(p.quantity for p in printed)
    assert items == copies and len(objects) == copies
    volumes = [p.volume for p in printed for _ in range(p.quantity)]
    for info in objects:
        assert info["manifold"] == "yes" and info["number_of_parts"] == 1
        assert info["min_x"] >= -1e-3 and info["min_y"] >= -1e-3 and info["min_z"] == 0
        assert info["max_x"] <= x + 1e-3 and info["max_y"] <= y + 1e-3 and info["max_z"] <= z
    assert sorted(i["volume"] for i in objects) == pytest.approx(sorted(volumes), rel=2e-3)


# -- STEP -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("design_id, slug", CASES)
def test_step_imports_in_freecad_with_the_volume(root, freecad, design_id, slug) -> None:
    w = _written(root, design_id, slug)
    (path,) = w.of(".step")
    report = freecad[str(path)]
    assert "error" not in report, report
    geo = w.evaluation.geometry
    assert report["valid"] and report["solids"] == len(geo.parts)
    assert report["volume"] == pytest.approx(sum(p.volume for p in geo.parts), rel=1e-6)


# -- DXF ------------------------------------------------------------------------------------------
def _written_length(doc) -> tuple[int, float]:
    """Entities and total length of every contour in a DXF, as ezdxf reads them."""
    count, total = 0, 0.0
    for e in doc.modelspace():
        if e.dxftype() == "LWPOLYLINE":
            count += len(e)
            total += Contour(tuple(e.get_points("xyb"))).length()
        elif e.dxftype() == "CIRCLE":
            count += 1
            total += 2 * math.pi * e.dxf.radius
    return count, total


@pytest.mark.parametrize("design_id, slug", CASES)
def test_dxf_audits_clean_and_freecad_reads_closed_contours(root, freecad, design_id, slug) -> None:
    w = _written(root, design_id, slug)
    dxfs = w.of(".dxf")
    if not dxfs:
        pytest.skip("no cut parts")
    for path in dxfs:
        doc = ezdxf.readfile(path)
        auditor = doc.audit()
        assert not auditor.has_errors, [str(e) for e in auditor.errors]
        assert doc.header["$INSUNITS"] == 4
        for e in doc.modelspace():
            if e.dxf.layer != Layer.ENGRAVE.value:
                assert e.dxftype() == "CIRCLE" or (e.dxftype() == "LWPOLYLINE" and e.closed)
        report = freecad[str(path)]
        assert "error" not in report, report
        segments, length = _written_length(doc)
        # FreeCAD makes one edge per polyline segment or circle; the lengths agree
        assert report["edges"] == segments
        assert report["length"] == pytest.approx(length, rel=1e-6)
        assert report["closed"], f"{path.name}: FreeCAD finds an open contour"


@pytest.mark.parametrize("design_id, slug", CASES)
def test_dxf_slots_show_the_kerf_compensation(root, design_id, slug) -> None:
    w = _written(root, design_id, slug)
    dxfs = w.of(".dxf")
    if not dxfs:
        pytest.skip("no cut parts")
    nesting = w.job.nesting(OPTIONS)
    setup = nesting.setup
    files = iter(dxfs)
    measured = 0
    for group in nesting.groups:
        for sheet in group.sheets:
            doc = ezdxf.readfile(next(files))
            query = f"LWPOLYLINE[layer=='{Layer.CUT_OUTSIDE.value}']"
            contours = [Contour(tuple(e.get_points("xyb"))) for e in doc.modelspace().query(query)]
            for p in sheet.placements:
                for width, (_, _, _, designed) in zip(p.slot_widths(contours), p.slots()):
                    assert width == pytest.approx(designed - setup.width_mm, abs=1e-6)
                    measured += 1
    slots = [s for p in w.evaluation.geometry.by_process(Process.CUT)
             for s in p.meta.get("slots", []) if "x" in s]
    if not slots:
        pytest.skip("no slots named with their position")
    assert measured == sum(len(p.meta.get("slots", [])) * p.quantity
                           for p in w.evaluation.geometry.by_process(Process.CUT))
    if design_id == "plywood-shelf":  # the slots follow the thickest sheet sold and the fit
        r = w.evaluation.resolved
        item = r.stock["sheet"]
        t_max = item.dims.get("thickness_max", item.actual)
        t = max(float(t_max.to("mm").magnitude), float(r.sheet.to("mm").magnitude))
        assert all(s["width"] == pytest.approx(t + setup.clearance_mm) for s in slots)


@pytest.mark.parametrize("design_id, slug", CASES)
def test_nesting_keeps_spacing_and_margins(root, design_id, slug) -> None:
    w = _written(root, design_id, slug)
    if not w.evaluation.geometry.by_process(Process.CUT):
        pytest.skip("no cut parts")
    nesting = w.job.nesting(OPTIONS)
    assert nesting.sheets == len(w.of(".dxf")) == len(w.of(".svg"))
    for group in nesting.groups:
        assert problems(group) == []
        assert 0 < group.yield_ <= 1 and group.sheets_to_buy >= 1
