"""Variant files: only what differs from the parent, plus lineage and the geometry hash.

`designs/NAME/variants/SLUG.toml`::

    [variant]
    design = "bracket"
    parent = "bracket@1.0.0"        # or "variant:SLUG", another variant of the same design
    author = "Lima fablab"
    date = 2026-11-22
    why = "Local plywood is 15 mm"
    geometry_hash = "…"

    [values]                        # parameter overrides, text with units
    sheet = "15 mm"

    [context]                       # stock, climate, workshop
    stock = "eu-metric"
    [context.materials]             # role -> material id
    plate = "plywood-birch"

A variant file is data: loading one never executes code. A malformed file is one `DataError` line
naming the file and the key. Variants chain: region profile → workshop → job, each storing only its
own overrides.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from workbench.design import Design
from workbench.errors import DataError, UnknownNameError, WorkbenchError
from workbench.units import using_locale

if TYPE_CHECKING:
    from workbench.context import Context

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_CONTEXT_NAMES = ("stock", "climate", "workshop")
_VARIANT_KEYS = {"design", "parent", "author", "date", "why", "geometry_hash"}
_REQUIRED = ("design", "parent", "author", "date", "why")


def check_slug(name: str) -> str:
    """A variant name usable as a file name: lower-case letters, digits and dashes, no paths."""
    if not SLUG.match(name or ""):
        raise WorkbenchError(
            f"variant name {name!r} is not allowed; use lower-case letters, digits and dashes "
            "(e.g. lima-plywood-15), at most 63 characters"
        )
    return name


@dataclass(frozen=True)
class Variant:
    """One variant file's content (own overrides only; `design()` applies the whole chain)."""

    slug: str
    design_id: str
    parent: str
    author: str
    date: _dt.date
    why: str
    values: Mapping[str, Any] = field(default_factory=dict)
    context_changes: Mapping[str, Any] = field(default_factory=dict)
    materials: Mapping[str, str] = field(default_factory=dict)
    geometry_hash: str | None = None
    path: Path | None = None

    @property
    def parent_variant(self) -> str | None:
        """The slug of the parent variant, or None when the parent is the design itself."""
        return self.parent.removeprefix("variant:") if self.parent.startswith("variant:") else None

    def chain(self) -> list["Variant"]:
        """This variant's ancestry, root first, ending with itself."""
        out: list[Variant] = [self]
        seen = {self.slug}
        current = self
        while current.parent_variant is not None:
            slug = current.parent_variant
            if slug in seen:
                raise DataError(f"{self._shown()}: variant.parent: lineage loops back to '{slug}'")
            # Beside the child first, then where the design's variants are (a variant saved in
            # ./designs may derive from one shipped with an installed design).
            beside = current.path.parent / f"{slug}.toml" if current.path is not None else None
            found = beside if beside is not None and beside.is_file() else None
            path = found or _variant_path(self.design_id, slug) or beside
            current = load_variant(path or variants_dir(self.design_id) / f"{slug}.toml",
                                   expect_design=self.design_id)
            seen.add(slug)
            out.append(current)
        return list(reversed(out))

    def merged_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for v in self.chain():
            values.update(v.values)
        return values

    def design(self) -> Design:
        """The design instance with every override of the chain applied (validated)."""
        from workbench import catalog

        cls = catalog.get(self.design_id)
        try:
            with using_locale("en"):  # variant files write decimals with "." whatever the reader's
                return cls(**self.merged_values())
        except WorkbenchError as exc:
            raise DataError(f"{self._shown()}: values: {exc}") from None

    def context(self, base: "Context | None" = None) -> "Context":
        """The context of the chain applied over `base` (the default context when None)."""
        from workbench.context import Context

        ctx = base or Context()
        roles = dict(ctx.roles)
        changes: dict[str, Any] = {}
        for v in self.chain():
            changes.update(v.context_changes)
            roles.update(v.materials)
        return ctx.evolve(materials=roles, **changes)

    def _shown(self) -> str:
        return str(self.path) if self.path is not None else f"variant {self.slug}"


def variants_dir(design_id: str) -> Path:
    """Where variants of a design are saved: its own `variants/` folder when that may be written
    (a design in the user's or the checkout's `designs/`), else ``./designs/ID/variants`` of the
    folder the command runs in (a design installed as a package is never written to)."""
    from workbench import catalog, paths

    entry = catalog.entry(design_id)
    if entry.folder is not None and paths.writable(entry.folder):
        return entry.folder / "variants"
    return catalog.designs_dir() / design_id / "variants"


def variant_dirs(design_id: str) -> list[Path]:
    """The folders variants of a design are read from, in order: where they are saved, then the
    design's own `variants/` (the variants shipped with an installed design)."""
    from workbench import catalog

    folders = [variants_dir(design_id)]
    folder = catalog.entry(design_id).folder
    if folder is not None and folder / "variants" not in folders:
        folders.append(folder / "variants")
    return folders


def _variant_path(design_id: str, slug: str) -> Path | None:
    for folder in variant_dirs(design_id):
        if (folder / f"{slug}.toml").is_file():
            return folder / f"{slug}.toml"
    return None


def _err(path: Path, key: str, what: str) -> DataError:
    return DataError(f"{path}: {key}: {what}")


def load_variant(path: Path | str, *, expect_design: str | None = None) -> Variant:
    """Read and check a variant file (data only); `DataError` naming file and key if malformed."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: no such variant file") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: TOML syntax error: {exc}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    extra = set(raw) - {"variant", "values", "context"}
    if extra:
        raise _err(path, sorted(extra)[0], "unknown table; allowed: variant, values, context")
    head = raw.get("variant")
    if not isinstance(head, dict):
        raise _err(path, "variant", "missing [variant] table")
    for key in sorted(set(head) - _VARIANT_KEYS):
        raise _err(path, f"variant.{key}", f"unknown key; allowed: {', '.join(sorted(_VARIANT_KEYS))}")
    for key in _REQUIRED:
        if key not in head or head[key] in ("", None):
            raise _err(path, f"variant.{key}", "missing")
    for key in ("design", "parent", "author", "why"):
        if not isinstance(head[key], str):
            raise _err(path, f"variant.{key}", "must be text")
    if not isinstance(head["date"], _dt.date) or isinstance(head["date"], _dt.datetime):
        raise _err(path, "variant.date", "must be a TOML date such as 2026-11-22")
    design_id = head["design"]
    if expect_design is not None and design_id != expect_design:
        raise _err(path, "variant.design", f"is '{design_id}', expected '{expect_design}'")
    parent = head["parent"]
    if not (parent.startswith("variant:") or re.fullmatch(rf"{re.escape(design_id)}@\S+", parent)):
        raise _err(path, "variant.parent", f"must be '{design_id}@VERSION' or 'variant:SLUG'")
    if parent.startswith("variant:"):
        check_slug(parent.removeprefix("variant:"))
    values = raw.get("values", {})
    if not isinstance(values, dict):
        raise _err(path, "values", "must be a table of parameter = value")
    for key, value in values.items():
        if not isinstance(value, (str, int, float, bool)):
            raise _err(path, f"values.{key}", "must be text, a number or true/false")
    _check_values(path, design_id, values)
    context = dict(raw.get("context", {}))
    if not isinstance(raw.get("context", {}), dict):
        raise _err(path, "context", "must be a table")
    materials = context.pop("materials", {})
    for key in sorted(set(context) - set(_CONTEXT_NAMES)):
        raise _err(path, f"context.{key}", f"unknown key; allowed: {', '.join(_CONTEXT_NAMES)}, materials")
    for key, value in [*context.items(), *((f"materials.{k}", v) for k, v in materials.items())]:
        if not isinstance(value, str):
            raise _err(path, f"context.{key}", "must be text (a name from materials/)")
    slug = path.stem
    return Variant(
        slug, design_id, parent, head["author"], head["date"], head["why"], dict(values),
        context, dict(materials), head.get("geometry_hash"), path,
    )


def _check_values(path: Path, design_id: str, values: Mapping[str, Any]) -> None:
    from workbench import catalog

    try:
        params = catalog.get(design_id).params()
    except UnknownNameError as exc:
        raise _err(path, "variant.design", str(exc)) from None
    for key, value in values.items():
        if key not in params:
            raise _err(path, f"values.{key}", f"unknown parameter; known: {', '.join(params)}")
        try:
            with using_locale("en"):  # variant files write decimals with "."
                params[key].coerce(value)
        except WorkbenchError as exc:
            raise _err(path, f"values.{key}", str(exc)) from None


def find_variant(ref: str) -> Variant:
    """A variant by file path, or by ``DESIGN/SLUG``."""
    p = Path(ref)
    if p.suffix == ".toml" or p.exists():
        return load_variant(p)
    design_id, sep, slug = ref.partition("/")
    if not sep:
        raise WorkbenchError(f"variant '{ref}' is neither a .toml file nor DESIGN/SLUG")
    check_slug(slug)
    path = _variant_path(design_id, slug)
    if path is None:
        known = ", ".join(sorted(_variant_files(design_id))) or "none"
        raise UnknownNameError(f"design '{design_id}' has no variant '{slug}'; known: {known}")
    return load_variant(path, expect_design=design_id)


def _variant_files(design_id: str) -> dict[str, Path]:
    """Slug → file; a saved variant hides a shipped one of the same slug."""
    found: dict[str, Path] = {}
    for folder in variant_dirs(design_id):
        for p in folder.glob("*.toml"):
            found.setdefault(p.stem, p)
    return found


def variants(design_id: str) -> list[Variant]:
    """Every variant file of a design, by slug."""
    files = _variant_files(design_id)
    return [load_variant(files[slug], expect_design=design_id) for slug in sorted(files)]


def lineage(design_id: str) -> Iterator[tuple[int, Variant]]:
    """The variant tree depth-first: (depth, variant), children after their parent."""
    found = variants(design_id)
    children: dict[str | None, list[Variant]] = {}
    for v in found:
        children.setdefault(v.parent_variant, []).append(v)

    def walk(parent: str | None, depth: int) -> Iterator[tuple[int, Variant]]:
        for v in children.get(parent, []):
            yield depth, v
            yield from walk(v.slug, depth + 1)

    yield from walk(None, 0)


def _text(design: Design, name: str, value: Any) -> Any:
    p = design.params()[name]
    return value if isinstance(value, bool) else p.to_text(value)


def overrides_against(design: Design, base: Design) -> dict[str, Any]:
    """Values of `design` that differ from `base`, as text with units (what a variant stores)."""
    params = design.params()
    return {
        n: _text(design, n, v)
        for n, v in design.values.items()
        if params[n].canonical(v) != params[n].canonical(base.values[n])
    }


def _check_head(name: str, why: str, author: str) -> None:
    check_slug(name)
    if not why.strip():
        raise WorkbenchError("a variant needs a why: say what local condition it adapts to")
    if not author.strip():
        raise WorkbenchError("a variant needs an author (a person, a workshop or a group)")


def render_variant(
    design: Design,
    ctx: "Context",
    *,
    name: str,
    why: str,
    author: str,
    parent: Variant | None = None,
    date: _dt.date | None = None,
) -> str:
    """The text of variant file `name` for `design` in `ctx`, as `save_variant` writes it: only
    what differs from `parent` (or the design's defaults), with lineage and the geometry hash."""
    import tomli_w

    from workbench.context import Context
    from workbench.evaluate import evaluate
    from workbench.geometry import geometry_hash

    _check_head(name, why, author)
    if parent is not None and parent.design_id != design.id:
        raise WorkbenchError(f"parent variant '{parent.slug}' is of design '{parent.design_id}'")
    base_design = parent.design() if parent is not None else type(design)()
    base_ctx = parent.context() if parent is not None else Context()
    ev = evaluate(design, ctx)
    assert ev.geometry is not None
    head: dict[str, Any] = {
        "design": design.id,
        "parent": f"variant:{parent.slug}" if parent is not None else f"{design.id}@{design.version}",
        "author": author.strip(),
        "date": date or _dt.date.today(),
        "why": why.strip(),
        "geometry_hash": geometry_hash(ev.geometry),
    }
    doc: dict[str, Any] = {"variant": head}
    values = overrides_against(design, base_design)
    if values:
        doc["values"] = values
    context: dict[str, Any] = {
        k: getattr(ctx, k) for k in _CONTEXT_NAMES if getattr(ctx, k) != getattr(base_ctx, k)
    }
    roles = type(design).roles
    mats = {
        r: m for r, m in ctx.roles.items()
        if (base_ctx.roles.get(r) or (roles[r].default if r in roles else None)) != m
    }
    if mats:
        context["materials"] = mats
    if context:
        doc["context"] = context
    # The variant file is shared with the commons and read by everyone, whatever their language:
    # its header stays English on purpose (no `_()` here); only console output follows --lang.
    header = (
        f"# Variant of {design.title} ({design.id}). Only what differs from its parent is stored.\n"
        f"# Rebuild: workbench build --variant {design.id}/{name}\n"
    )
    return header + tomli_w.dumps(doc)


def save_variant(
    design: Design,
    ctx: "Context",
    *,
    name: str,
    why: str,
    author: str,
    parent: Variant | None = None,
    date: _dt.date | None = None,
    folder: Path | None = None,
    overwrite: bool = False,
) -> Path:
    """Write `design` in `ctx` as variant `name`: only what differs from `parent` (or the design's
    defaults), with lineage and the geometry hash. Never overwrites unless `overwrite` is True."""
    from workbench.export._atomic import write_text

    _check_head(name, why, author)
    target = (folder or variants_dir(design.id)) / f"{name}.toml"
    existing = target if target.exists() or folder is not None else _variant_path(design.id, name)
    if existing is not None and existing.exists() and not overwrite:
        raise WorkbenchError(
            f"variant '{name}' already exists at {existing}; choose another name (or overwrite on purpose)"
        )
    text = render_variant(design, ctx, name=name, why=why, author=author, parent=parent, date=date)
    try:  # created exclusively: of two saves of one new name, the second is refused, not lost
        write_text(target, text, exclusive=not overwrite)
    except FileExistsError:
        raise WorkbenchError(
            f"variant '{name}' already exists at {target}; choose another name (or overwrite on purpose)"
        ) from None
    return target
