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
from workbench.params import Param, declared

if TYPE_CHECKING:
    from workbench.checks.result import CheckResult
    from workbench.context import Context
    from workbench.evaluate import Resolved


class Process(str, Enum):
    """How a part is made."""

    PRINT = "print"
    CUT = "cut"
    FRAME = "frame"
    BUY = "buy"


@dataclass(frozen=True)
class Role:
    """A material role of a design's parts (e.g. "panel", "printed", "frame")."""

    label: str
    default: str
    """Default material id from `materials/`."""
    process: Process = Process.PRINT
    help: str = ""


@dataclass
class Part:
    """A named part as built by a design, in millimetres.

    `shape` is a CadQuery Workplane or Shape in the part's own frame: a CUT part lies flat with its
    sheet face on z = 0 and its thickness along +z; a PRINT part stands on the bed at z = 0 on the face
    that goes down. `location` places it in the assembly as (x, y, z) in mm and (rx, ry, rz) in degrees,
    applied as rotations about x, then y, then z, then the translation.

    `meta` carries what outputs need and geometry cannot tell, by convention:
    - ``stock``: id of the StockItem the part is made from (sheet, section, tube, pipe);
    - ``cut_length``: for FRAME parts, the length to cut from stock, in mm;
    - ``bed_face``: for PRINT parts, which face goes down (documentation; the shape is already
      oriented so that face lies on z = 0);
    - ``slots``: for CUT parts, a list of dicts ``{"width": mm, "depth": mm}`` naming the joint
      slots whose width follows the mating stock's actual thickness (used by tests and DXF checks);
      with ``"x"``, ``"y"`` (mm, the centre of the slot's mouth in the part's frame) and ``"angle"``
      (degrees, the direction from the mouth into the part) the DXF's slot widths can be measured;
    - ``grain``: for CUT parts, ``"x"`` or ``"y"``: the part axis the sheet's face grain must run
      along (nesting keeps it along the sheet's length); absent, the part may turn freely.
    """

    name: str
    shape: Any
    role: str
    process: Process
    quantity: int = 1
    location: tuple[float, float, float, float, float, float] = (0, 0, 0, 0, 0, 0)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Expect:
    """What a part should measure at given values: bounding-box size and volume, in millimetres."""

    size: tuple[float, float, float] | None = None
    volume: float | None = None


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
    free_parameters: ClassVar[tuple[str, ...]] = ()
    """Numeric parameters `workbench fit` may optimise within their hard bounds (none by default)."""
    checks_need_geometry: ClassVar[bool] = False
    """True when `checks` reads the built geometry; otherwise a checks-only sweep never builds."""

    __slots__ = ("_values",)

    def __init__(self, **values: Any) -> None:
        params = self.params()
        unknown = [k for k in values if k not in params]
        if unknown:
            raise UnknownNameError(
                f"{self.id}: unknown parameter '{unknown[0]}'; known: {', '.join(params)}"
            )
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
            raise UnknownNameError(
                f"{self.id}: unknown parameter '{unknown[0]}'; known: {', '.join(params)}"
            )
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
    def rules(self, v: Any) -> Iterator[str]:
        """Yield a sentence for each violated cross-field rule. `v` gives values as quantities.

        Called with the design itself (nominal values) and again at resolve time with the resolved
        values (actual stock thicknesses). Override in a design; the base has no rules.
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
