"""`workbench new NAME`: a design folder that already passes `workbench validate`.

The scaffold is a real, small design (a shelf board cut from local sheet stock) showing each piece a
contributor needs: parameters with units and bounds, a material role, a stock-bound thickness, a
cross-field rule, checks, and the analytic volume the generic test compares with.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.export._atomic import write_text
from workbench.variants import SLUG

_DESIGN = '''"""{title}: a shelf board cut from local sheet stock. Replace it with your design."""

from __future__ import annotations

from typing import Any, Iterator

from workbench.design import Design, Expect, Part, Process, Role
from workbench.i18n import N_
from workbench.kernel import cq
from workbench.params import Force, Length, StockThickness

GAMMA_Q = 1.5
"""EN 1990:2002 Table A1.2(B): partial factor on a variable (imposed) action."""


class {cls}(Design):
    id = "{id}"
    title = "{title}"
    summary = "A shelf board on two supports, cut from the sheet your region sells."
    version = "0.1.0"
    license = "CERN-OHL-S-2.0"
    authors = ("{author}",)
    roles = {{"board": Role("Shelf board", "plywood-birch", Process.CUT, "Sheet for the board")}}
    # what people call each part (reports, the bundle README, the 3D view's tree; translated in
    # locale/); the part's name in build() stays the identifier of its files
    part_names = {{"board": "shelf board"}}

    span = Length("Span", 600, min=200, max=1200, soft=(300, 1000), step=10, group="Size",
                  help="Clear distance between the two supports.")
    depth = Length("Depth", 250, min=100, max=500, step=5, group="Size",
                   help="Front-to-back depth of the board.")
    sheet = StockThickness("Sheet thickness", 18, min=3, max=40, role="board", group="Size",
                           help="Nominal thickness; the stock catalog gives the actual one.")
    load = Force("Load", 200, min=0, max=2000, step=10, group="Load",
                 help="Total load spread along the shelf (20 kg of books is about 200 N).")

    def rules(self, v: Any) -> Iterator[str]:
        if v.depth > v.span:
            yield f"depth {{v.depth:~P}} must not exceed the span {{v.span:~P}}"

    def build(self, p: Any, ctx: Any) -> list[Part]:
        board = cq.Workplane("XY").rect(p.span, p.depth, centered=False).extrude(p.sheet)
        return [Part("board", board, "board", Process.CUT, 1, (0, 0, 0, 0, 0, 0))]

    def checks(self, r: Any, ctx: Any, geometry: Any) -> list[Any]:
        from workbench.checks import timber
        from workbench.checks.beams import (
            DeflectionLimit, Loading, Support, bending_stress_check, deflection_check,
        )
        from workbench.checks.result import CheckResult
        from workbench.checks.sections import rectangle

        mat = r.materials["board"]
        section = rectangle(r.depth, r.sheet)
        case = dict(support=Support.SIMPLY_SUPPORTED, loading=Loading.UNIFORM)
        out = []
        if mat.bending_strength is None:
            # N_ marks words for the design's catalog (locale/): the name and the template of
            # what is missing are translated, the material's name is filled in
            out.append(CheckResult.missing(N_("board bending"),
                                           N_("bending strength for {{material}}"),
                                           material=mat.name))
        else:
            # a shelf's load is storage: long-term (EN 1995-1-1 Table 2.2), indoors: service class 1
            f_d = timber.design_strength(mat.bending_strength, timber.TimberProduct.PLYWOOD,
                                         service_class=1, duration=timber.LoadDuration.LONG_TERM)
            out.append(bending_stress_check(r.span, GAMMA_Q * r.load, section, f_d,
                                            name=N_("board bending"), **case))
        if mat.E is None:
            out.append(CheckResult.missing(N_("board sag"), N_("modulus for {{material}}"),
                                           material=mat.name, load_bearing=False))
        else:
            out.append(deflection_check(r.span, r.load, mat.E, section, name=N_("board sag"),
                                        limit=DeflectionLimit.SHELF, **case))
        return out

    def expected(self, p: Any) -> dict[str, Expect]:
        return {{"board": Expect((p.span, p.depth, p.sheet), p.span * p.depth * p.sheet)}}
'''

_README = '''# {title}

What it is for, in one paragraph: who uses it, where, and why it is worth adapting.

## Parameters

| name | what | default | range |
| --- | --- | --- | --- |
| `span` | clear distance between supports | 600 mm | 200–1200 mm |
| `depth` | front-to-back depth | 250 mm | 100–500 mm |
| `sheet` | sheet thickness (stock-bound) | 18 mm | what the catalog sells |
| `load` | total load spread along it | 200 N | 0–2000 N |

## Adapting it

Say which local conditions change it (stock thickness, material, climate) and what to watch.

## Who made it, and license

Made by {author}. License: CERN-OHL-S-2.0 (the design and the files exported from it).
'''


def _class_name(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("-")) or "NewDesign"


def scaffold(name: str, root: Path, *, title: str | None = None, author: str = "Your name") -> Path:
    """Create `root/NAME/` with design.py, README.md, variants/ and locale/ (the design's
    translation catalogs, untranslated); refuse to overwrite."""
    if not SLUG.match(name) or not name[0].isalpha():
        raise WorkbenchError(
            f"design name {name!r} is not allowed; use lower-case letters, digits and dashes, "
            "starting with a letter (e.g. pump-bracket)"
        )
    folder = root / name
    if folder.exists():
        raise WorkbenchError(f"{folder} already exists; choose another name")
    title = title or name.replace("-", " ").capitalize()
    fields = {"id": name, "cls": _class_name(name), "title": title, "author": author}
    write_text(folder / "design.py", _DESIGN.format(**fields))
    write_text(folder / "README.md", _README.format(**fields))
    (folder / "variants").mkdir()
    write_text(folder / "variants" / ".gitkeep", "")
    _start_translations(folder, name)
    return folder


def _start_translations(folder: Path, name: str) -> None:
    """The new design's catalogs (`workbench.design_words`): ``locale/design.pot`` with the
    scaffold's words, an untranslated ``design.po`` per workbench language, and a README."""
    from workbench.catalog import load_design_file
    from workbench.design_words import LOCALE, README, start_translations
    from workbench.i18n import LANGUAGES

    classes = load_design_file(folder / "design.py")
    start_translations(classes[0], folder / "design.py", [l for l in LANGUAGES if l != "en"])
    write_text(folder / LOCALE / "README.md", README.format(id=name))
