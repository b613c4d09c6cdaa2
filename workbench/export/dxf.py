"""DXF of nested sheets: one file per sheet, each of one material and thickness, in millimetres.

Layers, one per operation as CAM programs (VCarve, Fusion, LightBurn, Estlcam) assign toolpaths by
layer; names and ACI colours are this workbench's convention:

| layer         | colour      | holds                                                            |
| SHEET         | 8 grey      | the blank's outline, for stock set-up: never cut                 |
| CUT_OUTSIDE   | 1 red       | outside contours (slots that open on an edge belong here)         |
| CUT_INSIDE    | 5 blue      | holes and closed cut-outs, cut before the outside contour         |
| DRILL         | 3 green     | holes to drill: circles of the drill diameter                     |
| ENGRAVE       | 6 magenta   | part labels (item number, name, copy), to engrave or mark        |

Every cut contour is one closed LWPOLYLINE (lines and arcs as bulges) or a CIRCLE: closed by
construction, no duplicate or zero-length entity. The file is DXF R2000 (AC1015), which common CAM
programs read, with $INSUNITS = 4 (mm) and $MEASUREMENT = 1 (metric); custom header properties say
what was cut, on which machine, and how the paths were compensated: XDATA of the SHEET outline
under the application name ``COSMO_WORKBENCH`` (`notes`), as R2000 has no custom header properties.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.export import Compensation, Options
from workbench.export._atomic import before_write
from workbench.export.flat import Contour

if TYPE_CHECKING:
    from workbench.export.job import Job
    from workbench.export.nesting import Placement, Sheet, SheetGroup

DXF_VERSION = "R2000"
APPID = "COSMO_WORKBENCH"
TEXT_MAX_MM = 12.0
TEXT_MIN_MM = 2.0
CHAR_WIDTH = 0.7
"""Width of a character over the text height, generous for CAM single-line fonts."""


class Layer(str, Enum):
    """The layers of a sheet DXF (see the module docstring)."""

    SHEET = "SHEET"
    CUT_OUTSIDE = "CUT_OUTSIDE"
    CUT_INSIDE = "CUT_INSIDE"
    DRILL = "DRILL"
    ENGRAVE = "ENGRAVE"

    @property
    def color(self) -> int:
        """AutoCAD Color Index."""
        return {"SHEET": 8, "CUT_OUTSIDE": 1, "CUT_INSIDE": 5, "DRILL": 3, "ENGRAVE": 6}[self.value]

    @property
    def description(self) -> str:
        return {
            "SHEET": "blank outline for stock set-up - do not cut",
            "CUT_OUTSIDE": "outside contours",
            "CUT_INSIDE": "inside contours (holes, cut-outs): cut first",
            "DRILL": "drill holes (circle = drill diameter)",
            "ENGRAVE": "part labels",
        }[self.value]


CUT_LAYERS = (Layer.SHEET, Layer.CUT_OUTSIDE, Layer.CUT_INSIDE, Layer.DRILL)
"""Layers whose entities are closed contours."""


def _add_contour(msp: Any, contour: Contour, layer: Layer) -> None:
    attribs = {"layer": layer.value}
    if contour.circle is not None:
        x, y, r = contour.circle
        msp.add_circle((x, y), r, dxfattribs=attribs)
    else:
        msp.add_lwpolyline(list(contour.vertices), format="xyb", close=True, dxfattribs=attribs)


def _add_label(msp: Any, placement: "Placement") -> None:
    """The piece's label at its clearest point, along the part's longer free run, as large as fits
    (up to `TEXT_MAX_MM`; a character is taken as `CHAR_WIDTH` × the height)."""
    from ezdxf.enums import TextEntityAlignment

    label = placement.piece.label
    x, y, clearance, run_x, run_y = placement.profile.label_at
    run, turn = (run_x, 0.0) if run_x >= run_y else (run_y, 90.0)
    height = min(TEXT_MAX_MM, 1.6 * clearance, 1.8 * run / (CHAR_WIDTH * len(label)))
    rotation = (placement.angle + turn) % 360
    if 90 < rotation <= 270:  # keep it readable from the sheet's lower or right edge
        rotation = (rotation + 180) % 360
    text = msp.add_text(label, height=max(TEXT_MIN_MM, height), rotation=rotation,
                        dxfattribs={"layer": Layer.ENGRAVE.value})
    text.set_placement((x, y), align=TextEntityAlignment.MIDDLE_CENTER)


def sheet_document(job: "Job", group: "SheetGroup", sheet: "Sheet", options: Options) -> Any:
    """The ezdxf document of one nested sheet."""
    import ezdxf
    from ezdxf import units

    setup = job.nesting(options).setup
    doc = ezdxf.new(DXF_VERSION, setup=False)
    doc.units = units.MM
    doc.header["$MEASUREMENT"] = 1
    w, h = sheet.size
    doc.header["$EXTMIN"], doc.header["$EXTMAX"] = (0, 0, 0), (w, h, 0)  # viewers zoom to it
    doc.header["$LIMMIN"], doc.header["$LIMMAX"] = (0, 0), (w, h)
    for layer in Layer:
        doc.layers.add(layer.value, color=layer.color).description = layer.description
    custom = {
        "WB_DESIGN": job.name,
        "WB_MATERIAL": group.material,
        "WB_THICKNESS_MM": f"{group.thickness:g}",
        "WB_SHEET": f"{sheet.number} of {len(group.sheets)}, {w:g} x {h:g} mm",
        "WB_YIELD": (f"{100 * sheet.yield_:.1f} % of this sheet; {100 * group.yield_:.1f} % of the "
                     f"{group.sheets_to_buy} sheet(s) of {group.sheet_size[0]:g} x "
                     f"{group.sheet_size[1]:g} mm to buy"),
        "WB_CUTTER": setup.describe(),
        "WB_COMPENSATION": (
            f"kerf: paths offset {setup.offset_mm:g} mm outside the material; cut on the line"
            if options.compensation is Compensation.KERF
            else "none: the CAM program offsets the outlines"
        ),
        "WB_FIT_CLEARANCE_MM": f"{setup.clearance_mm:g}",
    }
    msp = doc.modelspace()
    _add_contour(msp, Contour(((0, 0, 0), (w, 0, 0), (w, h, 0), (0, h, 0))), Layer.SHEET)
    doc.appids.new(APPID)
    msp.query(f"LWPOLYLINE[layer=='{Layer.SHEET.value}']").first.set_xdata(
        APPID, [(1000, f"{tag}={value}"[:255]) for tag, value in custom.items()])
    for placement in sheet.placements:
        prof = placement.profile
        for contour in prof.inside:
            _add_contour(msp, contour, Layer.CUT_INSIDE)
        for contour in prof.outside:
            _add_contour(msp, contour, Layer.CUT_OUTSIDE)
        for drill in prof.drills:
            msp.add_circle((drill.x, drill.y), drill.diameter / 2,
                           dxfattribs={"layer": Layer.DRILL.value})
        if options.labels:
            _add_label(msp, placement)
    return doc


def notes(doc: Any) -> dict[str, str]:
    """The workbench's notes in a sheet DXF (WB_MATERIAL, WB_CUTTER, WB_COMPENSATION…)."""
    sheet = doc.modelspace().query(f"LWPOLYLINE[layer=='{Layer.SHEET.value}']").first
    if sheet is None or not sheet.has_xdata(APPID):
        return {}
    return dict(str(value).partition("=")[::2] for _, value in sheet.get_xdata(APPID))


def documents(job: "Job", options: Options) -> list[tuple[str, Any]]:
    """(file-name part, document) of every sheet, e.g. ``("plywood-birch-18mm-sheet-1", doc)``."""
    key = ("dxf-documents", options)
    if key not in job._cache:
        out = []
        for group in job.nesting(options).groups:
            for sheet in group.sheets:
                out.append((f"{group.slug}-sheet-{sheet.number}",
                            sheet_document(job, group, sheet, options)))
        job._cache[key] = out
    return job._cache[key]


def export_dxf(job: "Job", stem: str, out: Path, options: Options) -> list[Path]:
    """One DXF per nested sheet (each of one material and thickness)."""
    paths = []
    for name, doc in documents(job, options):
        path = out / f"{stem}-{name}.dxf"
        before_write(path)
        doc.saveas(path)
        paths.append(path)
    return paths
