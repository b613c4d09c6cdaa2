"""The base a design subclasses: metadata, declared parameters, material roles, parts.

A design instance is an immutable, validated set of values; `evolve(**changes)` makes a new one.
`build(p, ctx)` receives plain kernel numbers (millimetres, degrees, newtons) and returns parts;
it is called only by `workbench.geometry`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Mapping

from workbench.errors import RuleError, UnknownNameError, WorkbenchError
from workbench.i18n import N_, _
from workbench.params import Param, declared

if TYPE_CHECKING:
    from workbench.checks.result import CheckResult
    from workbench.context import Context
    from workbench.evaluate import Resolved


class Process(str, Enum):
    """How a part is made (or bought); a material's `processes` use the same enum."""

    PRINT = "print"
    CUT = "cut"
    FRAME = "frame"
    BUY = "buy"

    @property
    def word(self) -> str:
        """How a reader is told the part is made, in the current language ("cut from sheet")."""
        return _(_PROCESS_WORDS[self.value])


_PROCESS_WORDS = {
    "print": N_("3D printed"),
    "cut": N_("cut from sheet"),
    "frame": N_("cut from bar stock"),
    "buy": N_("bought"),
}


@dataclass(frozen=True)
class Role:
    """A material role of a design's parts (e.g. "panel", "printed", "frame")."""

    label: str
    default: str
    """Default material id from `materials/`."""
    process: Process = Process.PRINT
    help: str = ""


class Grain(str, Enum):
    """The part axis a sheet's face grain must run along."""

    X = "x"
    Y = "y"


@dataclass(frozen=True)
class Slot:
    """A joint slot of a CUT part whose width follows the mating stock's actual thickness (mm).

    With `x`, `y` (the centre of the slot's mouth in the part's frame) and `angle` (degrees, the
    direction from the mouth into the part) the DXF's slot widths can be measured.
    """

    width: float
    depth: float
    x: float | None = None
    y: float | None = None
    angle: float | None = None

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in vars(self).items() if v is not None}


_FACT_HELP = {
    "stock": "the id of the stock item (sheet, section, tube, pipe) the part is cut from",
    "cut_length": "for FRAME parts, the length to cut from stock, in mm",
    "bed_face": "for PRINT parts, which face goes down (the shape already lies on it)",
    "grain": "for CUT parts, 'x' or 'y': the part axis the face grain runs along",
    "slots": "for CUT parts, joint slots {width, depth[, x, y, angle]} in mm",
    "label": "a short label engraved or printed on the part",
    "details": "design-specific facts no output reads (shown in tests and reports)",
}


@dataclass(frozen=True)
class PartFacts:
    """What outputs need to know of a part and geometry cannot tell; every field optional.

    Built from `Part(meta={...})` by `PartFacts.parse`, which refuses an unknown fact (``"grian"``)
    or a wrong type with one line, so a typo cannot silently let a part turn across the grain.
    """

    stock: str | None = None
    cut_length: float | None = None
    bed_face: str | None = None
    grain: Grain | None = None
    slots: tuple[Slot, ...] = ()
    label: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: "Mapping[str, Any] | PartFacts", part: str) -> "PartFacts":
        """Facts from a mapping of the fields above; `WorkbenchError` naming the part and key."""
        if isinstance(data, PartFacts):
            return data
        if not isinstance(data, Mapping):
            raise WorkbenchError(f"part '{part}': facts must be a mapping, not {type(data).__name__}")
        for key in data:
            if key not in _FACT_HELP:
                raise WorkbenchError(
                    f"part '{part}': unknown fact '{key}'; known: {', '.join(_FACT_HELP)}"
                )
        out: dict[str, Any] = {}
        try:
            for key, value in data.items():
                if key == "grain":
                    out[key] = None if value is None else Grain(value)
                elif key == "slots":
                    out[key] = tuple(s if isinstance(s, Slot) else Slot(**s) for s in value)
                elif key == "cut_length":
                    out[key] = None if value is None else float(value)
                elif key == "details":
                    out[key] = MappingProxyType(dict(value))
                else:
                    if value is not None and not isinstance(value, str):
                        raise TypeError(f"expected text, got {type(value).__name__}")
                    out[key] = value
        except (TypeError, ValueError) as exc:
            raise WorkbenchError(
                f"part '{part}': fact '{key}' is malformed ({exc}); it is {_FACT_HELP[key]}"
            ) from None
        return cls(**out)

    def as_dict(self) -> dict[str, Any]:
        """The facts that are set, as plain values (slots as dicts)."""
        out: dict[str, Any] = {}
        for key in _FACT_HELP:
            value = getattr(self, key)
            if value is None or value == () or (key == "details" and not value):
                continue
            if key == "grain":
                value = value.value
            elif key == "slots":
                value = [s.as_dict() for s in value]
            elif key == "details":
                value = dict(value)
            out[key] = value
        return out


@dataclass
class Part:
    """A named part as built by a design, in millimetres.

    `shape` is a CadQuery Workplane or Shape in the part's own frame: a CUT part lies flat with its
    sheet face on z = 0 and its thickness along +z; a PRINT part stands on the bed at z = 0 on the face
    that goes down. `location` places it in the assembly as (x, y, z) in mm and (rx, ry, rz) in degrees,
    applied as rotations about x, then y, then z, then the translation.

    `meta` gives the part's facts (`PartFacts`: stock, cut_length, bed_face, grain, slots, label,
    details) as a mapping or a `PartFacts`; outputs read the typed `facts`. After construction
    `meta` is the plain dict of the facts that are set.
    """

    name: str
    shape: Any
    role: str
    process: Process
    quantity: int = 1
    location: tuple[float, float, float, float, float, float] = (0, 0, 0, 0, 0, 0)
    meta: Any = field(default_factory=dict)
    facts: PartFacts = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.facts = PartFacts.parse(self.meta, self.name)
        self.meta = self.facts.as_dict()


@dataclass(frozen=True)
class Expect:
    """What a part should measure at given values: bounding-box size and volume, in millimetres."""

    size: tuple[float, float, float] | None = None
    volume: float | None = None


class Unsold(str):
    """A rule sentence saying the place does not sell what the values need (yield it from
    `Design.rules`): a strict resolve refuses it like any rule; a lenient one (the panel, `check`,
    `adapt`) builds the design and shows the sentence as a failing check instead.

    `Unsold.words(N_("... {catalog} ..."), catalog=...)` makes it from a marked template, so the
    failing check speaks the reader's language (the text itself is the English)."""

    template: str = ""
    fields: Mapping[str, str] = MappingProxyType({})

    @classmethod
    def words(cls, template: str, **fields: str) -> "Unsold":
        """The sentence `template` filled with `fields`, keeping both for translation."""
        out = cls(template.format(**fields))
        out.template, out.fields = template, MappingProxyType(dict(fields))
        return out


_FIELD = re.compile(r"\{([a-z_]+)\}")
_SLUG = re.compile(r"^[a-z][a-z0-9-]*$")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")


class Design:
    """Subclass this, declare parameters as class attributes, and implement `build`."""

    id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    version: ClassVar[str] = "0.1.0"
    license: ClassVar[str] = "CERN-OHL-S-2.0"
    authors: ClassVar[tuple[str, ...]] = ()
    parent: ClassVar[str | None] = None
    """The design this one derives from, as ``id@version``."""
    roles: ClassVar[Mapping[str, Role]] = {}
    part_names: ClassVar[Mapping[str, str]] = {}
    """What people call each part, in English, by the part's `name` or a name template:
    ``{"side-left": "left side", "shelf-{n}": "shelf {n}"}``. Reports, the bundle README and the
    3D view's tree show it in the reader's language (`workbench.i18n.part_name`, through the
    design's catalog); the `name` itself stays the identifier of files, 3MF objects, cut-list
    lines and engraved labels. A part not listed is shown by its name."""
    free_parameters: ClassVar[tuple[str, ...]] = ()
    """Numeric parameters `workbench fit` may optimise within their hard bounds (none by default)."""
    checks_need_geometry: ClassVar[bool] = False
    """True when `checks` reads the built geometry; otherwise a checks-only sweep never builds."""

    __slots__ = ("_values",)

    def __init__(self, **values: Any) -> None:
        params = self.params()
        unknown = [k for k in values if k not in params]
        if unknown:
            raise UnknownNameError(_("{design}: unknown parameter '{name}'; known: {known}").format(
                design=self.id, name=unknown[0], known=", ".join(params)))
        resolved: dict[str, Any] = {}
        for name, p in params.items():
            resolved[name] = p.coerce(values[name]) if name in values else p.default_value()
        object.__setattr__(self, "_values", MappingProxyType(resolved))
        broken = list(self.violations())
        if broken:
            raise RuleError(f"{self.id}: {broken[0]}")

    # -- declaration ----------------------------------------------------------------------------
    @classmethod
    def params(cls) -> dict[str, Param]:
        """Declared parameters by name, in declaration order."""
        return declared(cls)

    @classmethod
    def groups(cls) -> dict[str, list[Param]]:
        out: dict[str, list[Param]] = {}
        for p in cls.params().values():
            out.setdefault(p.group, []).append(p)
        return out

    @classmethod
    def metadata_problems(cls) -> list[str]:
        """What is missing or malformed in the design's metadata (empty when complete)."""
        problems = []
        if not _SLUG.match(cls.id or ""):
            problems.append(f"id {cls.id!r} is not a lower-case slug (e.g. 'shelf-bracket')")
        for attr in ("title", "summary"):
            if not getattr(cls, attr):
                problems.append(f"{attr} is empty")
        if not _SEMVER.match(cls.version):
            problems.append(f"version {cls.version!r} is not semver (e.g. 1.0.0)")
        if not cls.authors:
            problems.append("authors is empty")
        from workbench.licenses import is_spdx

        if not is_spdx(cls.license):
            problems.append(f"license {cls.license!r} is not an SPDX id")
        for key, shown in cls.part_names.items():
            fields, said = set(_FIELD.findall(key)), set(_FIELD.findall(shown or ""))
            if not shown or fields != said:
                problems.append(
                    f"part_names[{key!r}] = {shown!r}: it must be a non-empty name using the "
                    f"same {{fields}} as the key ({', '.join(sorted(fields)) or 'none'})")
        return problems

    # -- values ---------------------------------------------------------------------------------
    @property
    def values(self) -> Mapping[str, Any]:
        return self._values

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; use evolve({name}=...)")

    def evolve(self, **changes: Any) -> "Design":
        """A new design with `changes` applied and every value validated again."""
        params = self.params()
        values = {k: v for k, v in self._values.items()}
        unknown = [k for k in changes if k not in params]
        if unknown:
            raise UnknownNameError(_("{design}: unknown parameter '{name}'; known: {known}").format(
                design=self.id, name=unknown[0], known=", ".join(params)))
        values.update(changes)
        return type(self)(**values)

    def overrides(self) -> dict[str, Any]:
        """The values that differ from the defaults."""
        out = {}
        for name, p in self.params().items():
            if p.canonical(self._values[name]) != p.canonical(p.default_value()):
                out[name] = self._values[name]
        return out

    def canonical(self) -> dict[str, Any]:
        """Values as plain JSON-able numbers in kernel units (for hashing)."""
        return {n: p.canonical(self._values[n]) for n, p in self.params().items()}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.canonical() == other.canonical()  # type: ignore[union-attr]

    def __hash__(self) -> int:
        return hash((type(self), tuple(sorted(self.canonical().items()))))

    def __repr__(self) -> str:
        changed = ", ".join(
            f"{k}={self.params()[k].to_text(v)!r}" for k, v in self.overrides().items()
        )
        return f"{type(self).__name__}({changed})"

    # -- rules ----------------------------------------------------------------------------------
    context: ClassVar[None] = None
    """`rules` sees ``v.context``: None on the design's own (nominal) values, the `Context` on
    resolved ones (`workbench.resolve.Resolved`)."""

    def rules(self, v: Any) -> Iterator[str]:
        """Yield a sentence for each violated cross-field rule.

        `v` gives values as quantities by attribute. It is the design itself (nominal values,
        ``v.context`` None) when values are set, and the `Resolved` values (actual stock sizes,
        ``v.context`` the place) when resolved. Yield an `Unsold` sentence for what the place does
        not sell. Override in a design; the base has no rules.
        """
        return iter(())

    def violations(self, v: Any = None) -> Iterable[str]:
        """The sentences of every violated rule; a rule that crashes is reported, not raised."""
        try:
            return list(self.rules(self if v is None else v))
        except WorkbenchError:
            raise
        except Exception as exc:  # a bug in the design's rules must not show a traceback
            raise WorkbenchError(
                f"{self.id}: the design's rules failed: {type(exc).__name__}: {exc}"
            ) from exc

    # -- to implement ---------------------------------------------------------------------------
    def build(self, p: Any, ctx: "Context") -> list[Part]:
        """Build the parts from kernel values `p` (attribute access; lengths in mm)."""
        raise NotImplementedError

    def checks(self, r: "Resolved", ctx: "Context", geometry: Any) -> list["CheckResult"]:
        """Engineering checks of this design. `geometry` is measured parts, or None when not built."""
        return []

    def expected(self, p: Any) -> dict[str, Expect]:
        """Analytic sizes/volumes of parts at kernel values `p`, for tests. Optional."""
        return {}


def check_design_class(cls: type) -> None:
    """Raise a one-line WorkbenchError if `cls` is not a usable design class."""
    if not (isinstance(cls, type) and issubclass(cls, Design)):
        raise WorkbenchError(f"{cls!r} is not a Design subclass")
    problems = cls.metadata_problems()
    if problems:
        raise WorkbenchError(f"design {cls.id or cls.__name__}: {problems[0]}")
