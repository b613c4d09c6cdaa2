"""Exports are read back: STL watertight with the part's volume, STEP re-imports with the same volume
and part names, DXF passes ezdxf's audit with millimetre units; a failing batch writes nothing."""

import math

import ezdxf
import pytest
import trimesh

from workbench import catalog
from workbench.context import Context
from workbench.errors import ExportError, UnknownNameError
from workbench.evaluate import evaluate
from workbench.export import Format, Options, Tolerance, export
from workbench.export.formats import LAYER_INSIDE, LAYER_OUTSIDE

Bracket = catalog.get("bracket")


@pytest.fixture(scope="module")
def printed():
    return evaluate(Bracket(), Context()).geometry


@pytest.fixture(scope="module")
def plywood():
    return evaluate(Bracket(make="plywood", sheet="15 mm"), Context()).geometry


def test_stl_is_binary_watertight_and_has_the_volume(printed, tmp_path) -> None:
    (path,) = export(printed, [Format.STL], tmp_path, "b")
    assert path.name == "b-bracket.stl"
    assert not path.read_bytes()[:5].lower().startswith(b"solid")  # binary, not ASCII
    mesh = trimesh.load_mesh(path)
    assert mesh.is_watertight and mesh.is_winding_consistent
    part = printed.part("bracket")
    # A fine mesh of round holes loses under 0.1 % of the volume.
    assert mesh.volume == pytest.approx(part.volume, rel=1e-3)
    assert mesh.extents == pytest.approx(part.size, abs=1e-3)


def test_stl_presets_differ_in_facets(printed, tmp_path) -> None:
    (draft,) = export(printed, ["stl"], tmp_path / "d", "b", Options(Tolerance.DRAFT))
    (fine,) = export(printed, ["stl"], tmp_path / "f", "b", Options(Tolerance.FINE))
    assert len(trimesh.load_mesh(fine).faces) > len(trimesh.load_mesh(draft).faces)


def test_step_reimports_with_same_volume_and_part_names(plywood, tmp_path) -> None:
    import cadquery as cq

    (path,) = export(plywood, [Format.STEP], tmp_path, "b")
    shape = cq.importers.importStep(str(path)).val()
    assert shape.Volume() == pytest.approx(plywood.volume, rel=1e-6)
    text = path.read_text(errors="ignore")
    for name in ("wall-plate", "arm-plate", "gusset"):
        assert f"'{name}'" in text
    assert "SI_UNIT(.MILLI.,.METRE.)" in text.replace(" ", "")


def test_dxf_audits_clean_in_millimetres_with_layers(plywood, tmp_path) -> None:
    paths = export(plywood, [Format.DXF], tmp_path, "b")
    assert [p.name for p in paths] == ["b-wall-plate.dxf", "b-arm-plate.dxf", "b-gusset.dxf"]
    doc = ezdxf.readfile(paths[0])
    assert len(doc.audit().errors) == 0
    assert doc.header["$INSUNITS"] == 4  # millimetres
    msp = doc.modelspace()
    outside = [e for e in msp if e.dxf.layer == LAYER_OUTSIDE]
    holes = [e for e in msp if e.dxf.layer == LAYER_INSIDE]
    assert len(outside) == 4 and all(e.dxftype() == "LINE" for e in outside)
    assert [e.dxftype() for e in holes] == ["CIRCLE", "CIRCLE"]
    assert all(e.dxf.radius == pytest.approx(2.5) for e in holes)
    xs = [v for e in outside for v in (e.dxf.start.x, e.dxf.end.x)]
    ys = [v for e in outside for v in (e.dxf.start.y, e.dxf.end.y)]
    assert (min(xs), max(xs), min(ys), max(ys)) == pytest.approx((0, 40, 0, 150))


def test_gusset_dxf_is_a_closed_triangle(plywood, tmp_path) -> None:
    (path,) = [p for p in export(plywood, ["dxf"], tmp_path, "b") if "gusset" in p.name]
    lines = list(ezdxf.readfile(path).modelspace())
    assert len(lines) == 3
    ends = [(round(e.dxf.start.x, 6), round(e.dxf.start.y, 6)) for e in lines]
    starts = [(round(e.dxf.end.x, 6), round(e.dxf.end.y, 6)) for e in lines]
    assert sorted(ends) == sorted(starts)  # every end is another line's start: closed
    g = 0.8 * (150 - 15)
    assert sorted(ends) == sorted([(0, 0), (0, g), (g, 0)])


def test_failed_batch_leaves_no_file(printed, tmp_path) -> None:
    with pytest.raises(ExportError, match=r"^b has no flat \(cut\) parts; DXF is written for parts cut from sheet$"):
        export(printed, ["stl", "step", "dxf"], tmp_path, "b")
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_one_line() -> None:
    with pytest.raises(UnknownNameError) as err:
        Format.parse("obj")
    assert str(err.value) == "unknown format 'obj'; allowed: stl, step, dxf"


def test_existing_file_is_replaced_whole(printed, tmp_path) -> None:
    target = tmp_path / "b.step"
    target.write_text("old")
    export(printed, ["step"], tmp_path, "b")
    assert target.read_text(errors="ignore").startswith("ISO-10303-21")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.step"]
    assert math.isfinite(printed.volume)
