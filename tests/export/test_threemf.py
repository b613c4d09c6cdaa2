"""3MF of printed parts (issue 18): units, names, one plate, a closed mesh; PrusaSlicer's reading
is in test_shop_programs.py."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter

import pytest

from workbench import catalog
from workbench.context import Context
from workbench.errors import ExportError
from workbench.evaluate import evaluate
from workbench.export import Format, Options, export
from workbench.export.job import Job
from workbench.export.threemf import PLATE_GAP, Mesh, plate, plates, weld

NS = {"m": "http://schemas.microsoft.com/3dmanufacturing/core/2015/02"}


def _model(path):  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == ["3D/3dmodel.model", "[Content_Types].xml", "_rels/.rels"]
        assert "/3D/3dmodel.model" in z.read("_rels/.rels").decode()
        return ET.fromstring(z.read("3D/3dmodel.model"))


def test_bracket_3mf_is_a_closed_named_mesh_in_millimetres(tmp_path) -> None:
    ev = evaluate(catalog.get("bracket")(), Context())
    (part,) = ev.geometry.parts
    (path,) = export(ev, [Format.THREEMF], tmp_path, "bracket")
    model = _model(path)
    assert model.get("unit") == "millimeter"
    (obj,) = model.iterfind("m:resources/m:object", NS)
    assert obj.get("name") == "bracket" and obj.get("type") == "model"
    points = [tuple(float(v.get(k)) for k in "xyz") for v in obj.iterfind(".//m:vertex", NS)]
    tris = [tuple(int(t.get(k)) for k in ("v1", "v2", "v3")) for t in obj.iterfind(".//m:triangle", NS)]
    # closed and consistently oriented: every directed edge appears once, its reverse once
    edges = Counter((a, b) for t in tris for a, b in ((t[0], t[1]), (t[1], t[2]), (t[2], t[0])))
    assert set(edges.values()) == {1} and all((b, a) in edges for a, b in edges)
    volume = sum(
        (p[0] * (q[1] * r[2] - q[2] * r[1]) - p[1] * (q[0] * r[2] - q[2] * r[0])
         + p[2] * (q[0] * r[1] - q[1] * r[0])) / 6
        for p, q, r in ((points[a], points[b], points[c]) for a, b, c in tris))
    assert volume == pytest.approx(part.volume, rel=1e-3)
    assert min(p[2] for p in points) == 0 and min(p[0] for p in points) == 0
    assert [(i.get("objectid"), i.get("partnumber")) for i in model.iterfind("m:build/m:item", NS)] == [
        ("1", "bracket")]
    assert {m.get("name"): m.text for m in model.iterfind("m:metadata", NS)}["LicenseTerms"] == (
        "CERN-OHL-S-2.0")
    (again,) = export(ev, [Format.THREEMF], tmp_path / "again", "bracket")
    assert again.read_bytes() == path.read_bytes()  # no timestamps


def test_every_copy_is_on_one_plate_without_overlap() -> None:
    mesh = Mesh("clip", (), (), (50.0, 30.0, 10.0))
    placed = plate([mesh], [12], (250.0, 210.0))
    assert [p.copy for p in placed] == list(range(1, 13))
    for a in placed:
        assert a.x >= 0 and a.y >= 0 and a.x + 50 <= 250 and a.y + 30 <= 210
        for b in placed:
            if a is not b:  # apart by at least the gap along x or along y
                assert (abs(a.x - b.x) >= 50 + PLATE_GAP - 1e-9 or abs(a.y - b.y) >= 30 + PLATE_GAP - 1e-9)


def test_parts_that_do_not_fit_one_bed_go_on_several_plates(tmp_path) -> None:
    import xml.etree.ElementTree as ET
    import zipfile

    ev = evaluate(catalog.get("bracket")(), Context())
    many = dataclasses.replace(ev.geometry, parts=(dataclasses.replace(ev.geometry.parts[0], quantity=3),))
    paths = export(Job(many, ev.resolved), [Format.THREEMF], tmp_path, "b", Options())
    # one bracket's footprint leaves no room for a second on the 250 x 210 mm bed
    assert [p.name for p in paths] == ["b-plate-1.3mf", "b-plate-2.3mf", "b-plate-3.3mf"]
    ns = {"m": "http://schemas.microsoft.com/3dmanufacturing/core/2015/02"}
    for k, path in enumerate(paths, 1):
        model = ET.fromstring(zipfile.ZipFile(path).read("3D/3dmodel.model"))
        assert model.find("m:metadata[@name='Title']", ns).text == f"b plate {k} of 3"
        assert len(model.findall("m:build/m:item", ns)) == 1
        assert [o.get("name") for o in model.iterfind("m:resources/m:object", ns)] == ["bracket"]


def test_plates_pack_every_copy_once_and_few_beds() -> None:
    mesh = Mesh("clip", (), (), (50.0, 30.0, 10.0))
    packed = plates([mesh], [30], (250.0, 210.0))
    # 4 across (4 x 56 = 224 <= 256) and 6 deep (6 x 36 = 216 <= 216): 24 a plate, so 2 plates
    assert [len(p) for p in packed] == [24, 6]
    assert sorted(c.copy for p in packed for c in p) == list(range(1, 31))
    with pytest.raises(ExportError) as err:
        plate([mesh], [30], (250.0, 210.0))
    assert str(err.value) == (
        "the printed parts (clip; 30 pieces) do not fit one 250 × 210 mm bed together with 6 mm "
        "between them; export STL to print them in batches")


def test_weld_joins_repeated_points_and_drops_collapsed_triangles() -> None:
    points = [(0, 0, 0), (1, 0, 0), (0, 1, 0), (1.00000001, 0, 0), (0, 1, 0), (1, 1, 0), (1, 0, 0)]
    vertices, faces = weld(points, [(0, 1, 2), (3, 5, 4), (1, 3, 6)])
    # sorted vertices; each triangle from its lowest vertex, orientation kept; the last collapsed
    assert vertices == [(0, 0, 0), (0, 1, 0), (1, 0, 0), (1, 1, 0)]
    assert faces == [(0, 2, 1), (1, 2, 3)]


def test_copies_are_items_named_like_the_cut_list(tmp_path) -> None:
    ev = evaluate(catalog.get("pipe-adapter")(), Context())
    part = dataclasses.replace(ev.geometry.parts[0], quantity=3)
    job = Job(dataclasses.replace(ev.geometry, parts=(part,)), ev.resolved)
    (path,) = export(job, [Format.THREEMF], tmp_path, "a", Options())
    items = _model(path).findall("m:build/m:item", NS)
    assert [(i.get("objectid"), i.get("partnumber")) for i in items] == [
        ("1", f"{part.name} 1/3"), ("1", f"{part.name} 2/3"), ("1", f"{part.name} 3/3")]


def test_lib3mf_reads_the_plate_back(tmp_path) -> None:
    """The 3MF Consortium's own library (lib3mf) reads the file without a warning: millimetres,
    the named object, a manifold oriented mesh, one item per copy where it was placed."""
    lib3mf = pytest.importorskip("lib3mf")  # the test extra installs it
    ev = evaluate(catalog.get("pipe-adapter")(), Context())
    part = dataclasses.replace(ev.geometry.parts[0], quantity=2)
    job = Job(dataclasses.replace(ev.geometry, parts=(part,)), ev.resolved)
    (path,) = export(job, [Format.THREEMF], tmp_path, "a", Options())
    wrapper = lib3mf.get_wrapper()
    model = wrapper.CreateModel()
    reader = model.QueryReader("3mf")
    reader.ReadFromFile(str(path))
    assert reader.GetWarningCount() == 0
    assert model.GetUnit() == lib3mf.ModelUnit.MilliMeter
    objects = model.GetMeshObjects()
    found = []
    while objects.MoveNext():
        obj = objects.GetCurrentMeshObject()
        found.append((obj.GetName(), obj.IsManifoldAndOriented()))
    assert found == [(part.name, True)]
    items, placed = model.GetBuildItems(), []
    while items.MoveNext():
        item = items.GetCurrent()
        placed.append((item.GetPartNumber(), tuple(round(v, 3) for v in item.GetObjectTransform().Fields[3])))
    assert [p[0] for p in placed] == [f"{part.name} 1/2", f"{part.name} 2/2"]
    # side by side on the bed with the 6 mm gap: the second copy one footprint + gap further along
    # (the mesh's footprint: a round part's facets lie within the 0.01 mm deflection on each side)
    (first, second) = (p[1] for p in placed)
    assert first == (0, 0, 0)
    assert max(second) == pytest.approx(max(part.size[:2]) + PLATE_GAP, abs=0.025)
