"""The format registry and the checks of written files: a cut-off file is refused before it
replaces anything, and the read-back works without trimesh."""

import pytest

import workbench as wb
from workbench.design import Process
from workbench.errors import ExportError
from workbench.export import Expect, Format, export, offered, register_format, registered, spec
from workbench.export import verify


@pytest.fixture(scope="module")
def bracket():
    return wb.evaluate(wb.design("bracket"))


def test_each_format_is_registered_once_with_label_processes_writer_and_checks() -> None:
    specs = registered()
    assert [s.format for s in specs] == list(Format)
    assert {s.format: s.processes for s in specs} == {
        Format.STL: {Process.PRINT}, Format.STEP: frozenset(), Format.DXF: {Process.CUT},
        Format.SVG: {Process.CUT}, Format.CSV: frozenset(), Format.MD: frozenset(),
        Format.THREEMF: {Process.PRINT}, Format.PDF: {Process.CUT, Process.FRAME}}
    assert {s.format for s in specs if s.required} == {Format.STL, Format.STEP, Format.DXF}
    assert spec("step").label == Format.STEP.label == "the assembly, STEP"


def test_3mf_and_pdf_intact_checks_refuse_cut_files(bracket, tmp_path) -> None:
    (path,) = export(bracket, ["3mf"], tmp_path, "b")
    assert verify.threemf_intact(path) is None
    cut = tmp_path / "cut.3mf"
    cut.write_bytes(path.read_bytes()[:-40])
    assert verify.threemf_intact(cut).startswith("3MF is not a whole zip archive")
    shelf = wb.evaluate(wb.design("plywood-shelf"))
    (pdf,) = export(shelf, ["pdf"], tmp_path, "s")
    assert verify.pdf_intact(pdf) is None
    short = tmp_path / "short.pdf"
    short.write_bytes(pdf.read_bytes()[:-200])
    assert verify.pdf_intact(short) == "PDF file cut short (no %%EOF)"


def test_stl_read_back_with_numpy_matches_the_solid(bracket, tmp_path) -> None:
    (path,) = export(bracket, ["stl"], tmp_path, "b")
    tri = verify.stl_triangles(path)
    assert verify.is_watertight(tri)
    part = bracket.geometry.parts[0]
    assert verify.mesh_volume(tri) == pytest.approx(part.volume, rel=verify.STL_VOLUME_REL_TOL)
    assert verify.stl_read_back(path, Expect("b", {part.name: part.volume})) == []
    trimesh = pytest.importorskip("trimesh")  # the test extra: the two readings agree
    mesh = trimesh.load_mesh(path)
    assert mesh.is_watertight and verify.mesh_volume(tri) == pytest.approx(mesh.volume, rel=1e-9)
    open_mesh = tri[1:]  # one triangle less: a hole
    assert not verify.is_watertight(open_mesh)


def test_cut_off_files_are_named_with_what_they_lack(bracket, tmp_path) -> None:
    stl, step = export(bracket, ["stl", "step"], tmp_path, "b")
    data = stl.read_bytes()
    stl.write_bytes(data[:-10])
    assert verify.stl_intact(stl) == (
        f"binary STL cut short ({len(data) - 10} bytes where {(len(data) - 84) // 50} triangles "
        f"take {len(data)})")
    step.write_bytes(step.read_bytes()[:5000])
    assert verify.step_intact(step) == "STEP file cut short (no END-ISO-10303-21;)"
    dxf = tmp_path / "x.dxf"
    dxf.write_text("0\nSECTION\n2\nHEADER\n")
    assert verify.dxf_intact(dxf) == "DXF file cut short (no EOF)"
    svg = tmp_path / "x.svg"
    svg.write_text("<svg><g>")
    assert verify.svg_intact(svg) == "SVG file cut short (no </svg>)"
    md = tmp_path / "x.md"
    md.write_text("")
    assert verify.text_intact(md) == "empty file"


def test_a_writer_that_fails_silently_replaces_nothing(bracket, tmp_path) -> None:
    good = export(bracket, ["step", "md"], tmp_path, "b")
    before = {p.name: p.read_bytes() for p in good}
    original = spec(Format.STEP)

    def truncated_step(job, stem, out, options):  # what OCCT does on a full disk
        path = out / f"{stem}.step"
        path.write_bytes(b"ISO-10303-21;\nHEADER;\n")
        return [path]

    register_format(Format.STEP, label=original.label, writer=truncated_step,
                    intact=original.intact, read_back=original.read_back, required=True)
    try:
        with pytest.raises(ExportError, match=r"^STEP export wrote a broken file b.step: STEP file "
                                              r"cut short \(no END-ISO-10303-21;\)$"):
            export(bracket, ["md", "step"], tmp_path, "b")
    finally:
        register_format(original.format, label=original.label, writer=original.writer,
                        intact=original.intact, read_back=original.read_back,
                        required=original.required)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert [s.format for s in registered()] == list(Format)  # re-registering keeps the order


def test_offered_follows_the_registrations(bracket) -> None:
    assert offered(bracket.geometry) == [Format.STL, Format.THREEMF, Format.STEP, Format.CSV, Format.MD]
