"""The commons bundle: one folder (and a zip of it) that someone else can use without this
software, to make, check and share an adaptation of a design.

Layout (every path relative to the folder)::

    README.md            what it is, how it was adapted, for which conditions, how to make it
    okh.toml             Open Know-How manifest (OKH-LOSH v1.0) with parts, exports and lineage
    report.md/.html      every check with status, numbers, explanation and reference; the context
    preview.svg/.png     the assembly (the PNG where VTK renders off screen)
    files/               fabrication files: every format of the export registry that applies
    variants/SLUG.toml   the variant file (and its parent variants): the adaptation as data
    source/DESIGN/       the design's own source (design.py, README.md, DESIGN.scad + .json set)
    LICENSE.txt          the license text (LICENSE.md naming it when no text is available offline)
    SHA256SUMS           a checksum of every other file

The folder is built beside the target and swapped in by renames: an existing bundle is replaced
whole (with `overwrite`) or not at all.
"""

from __future__ import annotations

import datetime as _dt
import errno
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.bundle._fs import files_of, inside, sha256sums, staged
from workbench.design import Design, Process
from workbench.errors import ExportError, WorkbenchError
from workbench.i18n import _, part_name
from workbench.export import Format, Options, export, offered, registered, spec
from workbench.export._atomic import WriteError, before_write
from workbench.units import UnitSystem

if TYPE_CHECKING:
    from workbench.bundle.license import LicenseFiles
    from workbench.context import Context
    from workbench.evaluate import Evaluation
    from workbench.geometry import MeasuredPart
    from workbench.interop.openscad import ScadSet
    from workbench.variants import Variant

__all__ = ["Bundle", "make_bundle"]

BOM_FORMAT = Format.CSV
"""The format whose cut list (``*cutlist*``, else its first file) is the manifest's `bom`."""
SOURCE_SUFFIXES = (".py", ".md", ".scad")
"""Files of the design folder copied into `source/` (top level only, no symlinks)."""
DEFAULT_AUTHOR = "anonymous workshop"
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s]*$")


@dataclass(frozen=True)
class Bundle:
    """A written bundle: its folder and zip, files (relative), geometry hash, what was skipped."""

    folder: Path
    zip: Path
    files: tuple[str, ...]
    geometry_hash: str
    variant: str
    skipped: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class _Facts:
    """What the README and the manifest say, gathered once while the bundle is written."""

    ev: "Evaluation"
    slug: str
    chain: tuple["Variant", ...]
    variant_file: str
    repo: str
    units: UnitSystem
    geometry_hash: str
    license: "LicenseFiles"
    image: str = "preview.svg"
    design_source: str = ""
    sources: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)
    part_files: dict[str, list[str]] = field(default_factory=dict)
    file_formats: dict[str, Format] = field(default_factory=dict)
    assembly_files: list[str] = field(default_factory=list)
    auxiliary: list[str] = field(default_factory=list)
    bom: str | None = None
    file_notes: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    scad: "ScadSet | None" = None
    scad_file: str | None = None
    scad_params: str | None = None

    @property
    def title(self) -> str:
        return f"{self.ev.design.title} ({self.slug})"

    @property
    def version(self) -> str:
        """The design's version with the variant as semver build metadata: ``1.0.0+lima-ply-15``."""
        return f"{self.ev.design.version}+{self.slug}"

    @property
    def licensors(self) -> list[str]:
        return list(dict.fromkeys([*self.ev.design.authors, *(v.author for v in self.chain)]))

    @property
    def lineage(self) -> dict[str, Any]:
        top, root = self.chain[-1], self.chain[0]
        design = self.ev.design
        parent_link = (f"variants/{top.parent_variant}.toml" if top.parent_variant
                       else self.design_source)
        return {"parent": top.parent, "parent-link": parent_link,
                "chain": [root.parent] + [v.slug for v in self.chain],
                "design": f"{design.id}@{design.version}", "variant": self.variant_file,
                "geometry-hash": self.geometry_hash}

    @property
    def function(self) -> str:
        ctx = self.ev.resolved.context
        whys = "; ".join(v.why.rstrip(".") for v in self.chain)
        used = {p.role for p in self.ev.geometry.parts} if self.ev.geometry is not None else set()
        mats = ", ".join(m.name for r, m in self.ev.resolved.materials.items() if r in used)
        return (f"{self.ev.design.summary} Adapted as '{self.slug}': {whys}. Made for: stock "
                f"{ctx.stock_catalog.name}, climate {ctx.climate_profile.name}, workshop "
                f"{ctx.workshop_profile.name}; material {mats}.")

    def material_of(self, part: "MeasuredPart") -> str:
        return self.ev.resolved.materials[part.role].name


def _package_url() -> str | None:
    """The repository address the installed workbench declares (Project-URL), if any."""
    try:
        urls = metadata.metadata("cosmo-workbench").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    found = dict(u.split(", ", 1) for u in urls if ", " in u)
    return next((found[k] for k in ("Repository", "Source", "Homepage") if k in found), None)


def resolve_repo(repo: str | None, design: Design) -> str:
    """The manifest's `repo`: given, else the design's `repo` attribute, else the package's URL."""
    url = repo or getattr(type(design), "repo", None) or _package_url()
    if not url:
        raise WorkbenchError(
            "the OKH manifest needs the web address of the repository where this variant is shared: "
            "pass --repo https://... (your fork, or your workshop's repository)"
        )
    if not _URL.match(url):
        raise WorkbenchError(f"repository '{url}' is not a web address; allowed: http(s)://host/path")
    return url


def _variant_texts(design: Design, ctx: "Context", variant: "Variant | None", name: str | None,
                   why: str | None, author: str | None, date: _dt.date | None
                   ) -> tuple[str, dict[str, str]]:
    """The slug of the bundle's variant and the text of every variant file it needs (parents too)."""
    from workbench.variants import check_slug, render_variant

    chain = variant.chain() if variant is not None else []
    texts = {v.slug: Path(v.path).read_text(encoding="utf-8") for v in chain if v.path is not None}
    if variant is not None and variant.design() == design and variant.context() == ctx:
        return variant.slug, texts
    if not name:
        raise WorkbenchError("name this adaptation (--name SLUG): it is saved in the bundle as a "
                             "variant file")
    check_slug(name)
    if name in texts:
        raise WorkbenchError(f"variant name '{name}' is already in the lineage; choose another")
    if not why or not why.strip():
        raise WorkbenchError("say why (--why): which local condition this adaptation is for")
    texts[name] = render_variant(design, ctx, name=name, why=why, author=author or DEFAULT_AUTHOR,
                                 parent=variant, date=date)
    return name, texts


def _write(stage: Path, rel: str, data: str | bytes) -> str:
    path = inside(stage, rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    before_write(path)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))
    return rel


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


def required_format(process: Process) -> Format | None:
    """The fabrication file the parts of `process` need (the first registered format marked
    required for it): a bundle is refused when it cannot be written."""
    return next((s.format for s in registered() if s.required and process in s.processes), None)


def _exports(f: _Facts, stage: Path, stem: str, options: Options) -> None:
    geo = f.ev.geometry
    assert geo is not None
    offered_specs = [spec(fmt) for fmt in offered(geo)]
    required = {s.format for s in offered_specs if s.required}
    prefixes = {p.name: f"{stem}-{_safe(p.name)}." for p in geo.parts}
    for s in offered_specs:
        fmt = s.format
        try:
            paths = export(f.ev, [fmt], stage / "files", stem, options)
        except ExportError as exc:
            if fmt in required:
                raise
            f.skipped.append((fmt.value, str(exc)))
            continue
        what = _(s.label)
        for path in sorted(paths, key=lambda p: p.name):
            rel = f"files/{path.name}"
            inside(stage, rel)
            f.exports.append(rel)
            f.file_formats[rel] = fmt
            owner = next((n for n, pre in prefixes.items() if path.name.startswith(pre)), None)
            owners = [owner] if owner else [p.name for p in geo.parts if p.process in s.processes]
            for name in owners:
                f.part_files.setdefault(name, []).append(rel)
            if not owners:
                f.assembly_files.append(rel)
            f.file_notes.append((rel, what + (f": {part_name(f.ev.design, owner)}" if owner
                                              else "")))
        if fmt is BOM_FORMAT and paths and f.bom is None:
            names = sorted(p.name for p in paths)
            f.bom = "files/" + next((n for n in names if "cutlist" in n), names[0])


def _sources(f: _Facts, stage: Path) -> None:
    from workbench import catalog
    from workbench.interop.openscad import sets_json, to_set
    from workbench.interop.scad import read_scad

    design = f.ev.design
    folder = catalog.entry(design.id).folder
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.is_symlink()
                   and p.suffix in SOURCE_SUFFIXES and not p.name.startswith(".")) if folder else []
    for p in files:
        rel = _write(stage, f"source/{design.id}/{p.name}", p.read_bytes())
        f.sources.append(rel)
        f.file_notes.append((rel, _("the design's own {kind} file").format(
            kind=p.suffix[1:].upper())))
        if p.name == "design.py" or (not f.design_source and p.suffix == ".py"):
            f.design_source = rel
    scad = folder / f"{design.id}.scad" if folder else None
    if scad is not None and scad.is_file():
        f.scad_file = f"source/{design.id}/{scad.name}"
        f.scad = to_set(design, f.slug, read_scad(scad), scad.name)
        if f.scad.faithful:
            f.scad_params = _write(stage, f"source/{design.id}/{design.id}.json",
                                   sets_json({f.scad.name: f.scad.values}))
            f.sources.append(f.scad_params)
            f.file_notes.append((f.scad_params, _("OpenSCAD Customizer parameter set "
                                                  "'{name}'").format(name=f.slug)))


def _previews(f: _Facts, stage: Path) -> None:
    from workbench.bundle.preview import svg_text, write_png

    geo = f.ev.geometry
    assert geo is not None
    f.file_notes.append((_write(stage, "preview.svg", svg_text(geo)),
                         _("line drawing of the assembly")))
    why_not = write_png(geo, inside(stage, "preview.png"))
    if why_not is None:
        f.image = "preview.png"
        f.file_notes.append(("preview.png", _("shaded picture of the assembly")))
    else:
        f.notes.append(f"No PNG preview: {why_not}; preview.svg shows the assembly.")


def _fill(stage: Path, ev: "Evaluation", slug: str, texts: dict[str, str], repo: str,
          units: UnitSystem, ghash: str, options: Options) -> tuple[_Facts, tuple[str, ...]]:
    """Write every file of the bundle into the empty folder `stage`."""
    from workbench.bundle.license import license_files
    from workbench.bundle.manifest import manifest_text
    from workbench.bundle.readme import readme_text
    from workbench.report import html_report, markdown_report
    from workbench.variants import load_variant

    design = ev.design
    for s, text in texts.items():
        _write(stage, f"variants/{s}.toml", text)
    top = load_variant(inside(stage, f"variants/{slug}.toml"), expect_design=design.id)
    chain = tuple(top.chain())
    f = _Facts(ev, slug, chain, f"variants/{slug}.toml", repo, units, ghash,
               license_files(design.license))
    for v in chain:
        what = _("the variant file: only what differs from its parent") if v is chain[-1] else (
            _("a parent variant"))
        f.file_notes.append((f"variants/{v.slug}.toml", what))
    if top.geometry_hash and top.geometry_hash != ghash:
        f.notes.append(f"The geometry hash recorded in {f.variant_file} ({top.geometry_hash}) "
                       f"differs from this build ({ghash}): the design or its data changed since.")
    _exports(f, stage, f"{design.id}-{slug}", options)
    _sources(f, stage)
    f.sources.append(f.variant_file)
    _previews(f, stage)
    for rel, text in f.license.files.items():
        f.file_notes.append((_write(stage, rel, text), _("license")))
    f.auxiliary = [_write(stage, "report.md", markdown_report(ev, units)),
                   _write(stage, "report.html", html_report(ev, units))]
    f.file_notes += [("report.md", _("check report (Markdown)")),
                     ("report.html", _("check report (HTML)")),
                     ("okh.toml", _("Open Know-How manifest (OKH-LOSH v1.0)")),
                     ("SHA256SUMS", _("checksums of every file"))]
    f.file_notes.sort()
    f.file_notes.insert(0, ("README.md", _("this file")))
    _write(stage, "okh.toml", manifest_text(f))
    _write(stage, "README.md", readme_text(f))
    names = [n for n in files_of(stage) if n != "SHA256SUMS"]
    _write(stage, "SHA256SUMS", sha256sums(stage, names))
    return f, tuple(files_of(stage))


def make_bundle(
    design: Design,
    ctx: "Context",
    out: Path | str,
    *,
    variant: "Variant | None" = None,
    name: str | None = None,
    why: str | None = None,
    author: str | None = None,
    repo: str | None = None,
    date: _dt.date | None = None,
    overwrite: bool = False,
    units: UnitSystem | str = UnitSystem.METRIC,
    options: Options = Options(),
) -> Bundle:
    """Write the commons bundle of `design` in `ctx` to folder `out` and `out.zip`.

    With `variant` (a loaded variant file) whose values and context are what is bundled, that file
    and its parents go in as they are. Otherwise the adaptation is written as a new variant file
    `name` (its parent: `variant`, or the design) with `why` and `author`.
    """
    from workbench.evaluate import evaluate
    from workbench.geometry import geometry_hash

    out = Path(out)
    if not out.name or out.name in (".", ".."):
        raise WorkbenchError(f"--out '{out}' must name the bundle's folder, e.g. out/lima-bracket")
    repo_url = resolve_repo(repo, design)
    slug, texts = _variant_texts(design, ctx, variant, name, why, author, date)
    ev = evaluate(design, ctx)
    assert ev.geometry is not None
    ghash = geometry_hash(ev.geometry)
    try:
        with staged(out, out.with_name(out.name + ".zip"), overwrite=overwrite) as stage:
            f, written = _fill(stage, ev, slug, texts, repo_url, UnitSystem(units), ghash, options)
    except WriteError as exc:  # a file inside the staging folder: name the bundle instead
        raise WorkbenchError(f"could not write the bundle {out}: {exc.reason}") from exc
    except OSError as exc:  # permissions, a full disk: one line, and nothing half written
        reason = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            reason += " (the disk is full)"
        raise WorkbenchError(f"could not write the bundle {out}: {reason}") from exc
    return Bundle(out.absolute(), out.absolute().with_name(out.name + ".zip"), written, ghash,
                  f.variant_file, tuple(f.skipped), tuple(f.notes))
