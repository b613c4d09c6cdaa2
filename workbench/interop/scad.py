"""The Customizer parameters a `.scad` file declares, read without running OpenSCAD.

Rules (OpenSCAD User Manual, "Customizer", for 2019.05 and later): a parameter is a top-level
assignment of a literal (number, string, boolean, vector) in the main file, before the first ``{``
and outside a ``/* [Hidden] */`` section; ``/* [Name] */`` starts a tab; the comment line just above
is its description; a trailing ``// [...]`` comment gives a dropdown (``[a, b]``, ``[10:S, 20:M]``) or
a slider (``[max]``, ``[min:max]``, ``[min:step:max]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from workbench.errors import DataError


class ScadKind(str, Enum):
    """The type of a Customizer parameter, from its literal default."""

    NUMBER = "number"
    BOOL = "bool"
    STRING = "string"
    VECTOR = "vector"


@dataclass(frozen=True)
class ScadParam:
    """One Customizer parameter: its literal default (as written), type, tab, description, and the
    allowed values of a dropdown or the (min, step, max) of a slider."""

    name: str
    default: str
    kind: ScadKind
    group: str = "Parameters"
    description: str = ""
    options: tuple[str, ...] | None = None
    range: tuple[float, float | None, float] | None = None

    def allows(self, text: str) -> bool:
        """Whether `text` (a parameter-set value) is one the Customizer offers for this parameter."""
        if self.options is not None:
            return text in self.options
        if self.range is not None and self.kind is ScadKind.NUMBER:
            lo, _, hi = self.range
            try:
                x = float(text)
            except ValueError:
                return False
            return lo - 1e-9 <= x <= hi + 1e-9
        return True


_ASSIGN = re.compile(r"^\s*([A-Za-z_$][A-Za-z0-9_]*)\s*=\s*([^;]*?)\s*;\s*(?://\s*(.*))?$")
_TAB = re.compile(r"^\s*/\*\s*\[([^\]]+)\]\s*\*/\s*$")
_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def _kind(literal: str) -> ScadKind | None:
    if _NUMBER.match(literal):
        return ScadKind.NUMBER
    if literal in ("true", "false"):
        return ScadKind.BOOL
    if len(literal) >= 2 and literal[0] == literal[-1] == '"':
        return ScadKind.STRING
    if literal.startswith("[") and literal.endswith("]"):
        items = [x.strip() for x in literal[1:-1].split(",") if x.strip()]
        if 0 < len(items) <= 4 and all(_NUMBER.match(x) for x in items):
            return ScadKind.VECTOR
    return None


def _widget(annotation: str, kind: ScadKind) -> tuple[tuple[str, ...] | None, tuple | None]:
    m = re.match(r"^\[(.*)\]\s*$", annotation.strip())
    if not m:
        return None, None
    body = m.group(1)
    if "," in body or (kind is ScadKind.STRING):
        values = tuple(item.split(":", 1)[0].strip() for item in body.split(",") if item.strip())
        return values, None
    nums = [x.strip() for x in body.split(":")]
    if kind is ScadKind.NUMBER and all(_NUMBER.match(x) for x in nums):
        f = [float(x) for x in nums]
        if len(f) == 1:
            return None, (0.0, None, f[0])
        if len(f) == 2:
            return None, (f[0], None, f[1])
        if len(f) == 3:
            return None, (f[0], f[1], f[2])
    if kind is ScadKind.NUMBER and len(nums) == 1:
        return (nums[0],), None
    return None, None


def customizer_parameters(text: str) -> dict[str, ScadParam]:
    """The Customizer parameters of `.scad` source `text`, in file order."""
    out: dict[str, ScadParam] = {}
    group, hidden, comment = "Parameters", False, ""
    in_block_comment = False
    for line in text.splitlines():
        stripped = line.strip()
        tab = _TAB.match(line)
        if tab:
            group = tab.group(1).strip()
            hidden = group.lower() == "hidden"
            comment = ""
            continue
        if in_block_comment:
            in_block_comment = "*/" not in stripped
            continue
        if stripped.startswith("/*"):
            in_block_comment = "*/" not in stripped
            continue
        if stripped.startswith("//"):
            comment = stripped[2:].strip()
            continue
        code = stripped.split("//", 1)[0]
        if "{" in code:
            break
        m = _ASSIGN.match(line)
        if m and not hidden:
            name, literal, annotation = m.group(1), m.group(2).strip(), m.group(3) or ""
            kind = _kind(literal)
            if kind is not None:
                options, rng = _widget(annotation, kind)
                default = literal[1:-1] if kind is ScadKind.STRING else literal
                out[name] = ScadParam(name, default, kind, group, comment, options, rng)
        comment = ""
    return out


def read_scad(path: Path | str) -> dict[str, ScadParam]:
    """The Customizer parameters of the `.scad` file at `path`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: no such OpenSCAD file") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    return customizer_parameters(text)
