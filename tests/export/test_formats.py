"""The export registry and the STL/STEP exporters, read back: STL binary, watertight, standing on
the bed with the part's volume; STEP re-imports with the same volume and part names; a failing
batch writes nothing; errors are one line."""

import math

import pytest
import trimesh

from workbench import catalog
from workbench.context import Context
from workbench.errors import ExportError, UnknownNameError
from workbench.evaluate import evaluate
from workbench.export import Format, Options, Tolerance, export, offered

Bracket = catalog.get("bracket")


@pytest.fixture(scope="module")
def printed():
    return evaluate(Bracket(), Context())


@pytest.fixture(scope="module")
def plywood():
    return evaluate(Bracket(make="plywood", sheet="15 mm"), Context())


def test_stl_is_binary_watertight_on_the_bed_with_the_volume(printed, tmp_path) -> None:
    (path,) = export(printed, [Format.STL], tmp_path, "b")
    assert path.name == "b-bracket.stl"
    assert not path.read_bytes()[:5].lower().startswith(b"solid")  # binary, not ASCII
    mesh = trimesh.load_mesh(path)
    assert mesh.is_watertight and mesh.is_winding_consistent
    part = printed.geometry.part("bracket")
    # A fine mesh of round holes loses under 0.1 % of the volume.
    assert mesh.volume == pytest.approx(part.volume, rel=1e-3)
    assert mesh.extents == pytest.approx(part.size, abs=1e-3)
    assert mesh.bounds[0] == pytest.approx((0, 0, 0), abs=1e-6)  # stands on z = 0 from the origin


def test_stl_presets_differ_in_facets(printed, tmp_path) -> None:
    (draft,) = export(printed, ["stl"], tmp_path / "d", "b", Options(Tolerance.DRAFT))
    (fine,) = export(printed, ["stl"], tmp_path / "f", "b", Options(Tolerance.FINE))
    assert len(trimesh.load_mesh(fine).faces) > len(trimesh.load_mesh(draft).faces)
    assert (Tolerance.DRAFT.linear_mm, Tolerance.FINE.linear_mm) == (0.1, 0.01)


def test_stl_refuses_a_part_larger_than_the_printer(tmp_path) -> None:
    ev = evaluate(Bracket(arm="300 mm", height="300 mm"), Context(workshop="prusa-mk4"))
    with pytest.raises(ExportError) as err:
        export(ev, ["stl"], tmp_path, "b")
    assert str(err.value) == (
        "part 'bracket': On the 250 × 210 × 220 mm printer, the 300 × 300 × 40 mm part does not "
        "fit in any orientation."
    )
    assert list(tmp_path.iterdir()) == []


def test_stl_without_printed_parts_holds_every_part_as_modelled(plywood, tmp_path) -> None:
    paths = export(plywood, ["stl"], tmp_path, "b")
    assert [p.name for p in paths] == ["b-wall-plate.stl", "b-arm-plate.stl", "b-gusset.stl"]
    assert trimesh.load_mesh(paths[0]).extents == pytest.approx((40, 150, 15), abs=1e-3)


def test_step_reimports_with_same_volume_and_part_names(plywood, tmp_path) -> None:
    import cadquery as cq

    (path,) = export(plywood, [Format.STEP], tmp_path, "b")
    shape = cq.importers.importStep(str(path)).val()
    assert shape.Volume() == pytest.approx(plywood.geometry.volume, rel=1e-6)
    text = path.read_text(errors="ignore")
    for name in ("wall-plate", "arm-plate", "gusset"):
        assert f"'{name}'" in text
    assert "SI_UNIT(.MILLI.,.METRE.)" in text.replace(" ", "")


def test_bare_geometry_exports_in_the_default_context(plywood, tmp_path) -> None:
    # the UI and older code pass geometry alone: nesting then uses the default workshop
    paths = export(plywood.geometry, ["dxf"], tmp_path, "b")
    assert [p.name for p in paths] == ["b-plate-15mm-sheet-1.dxf"]


def test_failed_batch_leaves_no_file(printed, tmp_path) -> None:
    with pytest.raises(ExportError,
                       match=r"^bracket has no flat \(cut\) parts; DXF is written for parts"):
        export(printed, ["stl", "step", "dxf"], tmp_path, "b")
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_one_line() -> None:
    with pytest.raises(UnknownNameError) as err:
        Format.parse("obj")
    assert str(err.value) == "unknown format 'obj'; allowed: stl, 3mf, step, dxf, svg, csv, md, pdf"


def test_offered_formats_follow_the_parts(printed, plywood) -> None:
    assert offered(printed.geometry) == [Format.STL, Format.THREEMF, Format.STEP, Format.CSV,
                                         Format.MD]
    assert offered(plywood.geometry) == [Format.STEP, Format.DXF, Format.SVG, Format.CSV, Format.MD,
                                         Format.PDF]
    assert offered(None) == []
    assert all(f.label for f in Format)


def test_existing_file_is_replaced_whole(printed, tmp_path) -> None:
    target = tmp_path / "b.step"
    target.write_text("old")
    export(printed, ["step"], tmp_path, "b")
    assert target.read_text(errors="ignore").startswith("ISO-10303-21")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.step"]
    assert math.isfinite(printed.geometry.volume)
