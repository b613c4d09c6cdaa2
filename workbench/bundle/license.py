"""The license files of a bundle: the SPDX license text when the workbench ships it (``spdx/``
beside this module: the texts of the licenses designs use, from the SPDX License List, source
noted in ``spdx/index.toml``), else a LICENSE.md naming the license and where to read it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

SPDX_URL = "https://spdx.org/licenses/{id}.html"
"""Canonical page of an SPDX license id (the SPDX License List's `reference`)."""


@dataclass(frozen=True)
class LicenseInfo:
    """One SPDX license id: its name and canonical URL, and its text when available offline."""

    id: str
    name: str | None
    url: str | None
    """None for a ``LicenseRef-`` id: the project defines it, the SPDX list does not."""
    text: str | None


@dataclass(frozen=True)
class LicenseFiles:
    """What a bundle writes for its license: file name → text, and the main file's name."""

    expression: str
    licenses: tuple[LicenseInfo, ...]
    files: dict[str, str]
    main: str

    @property
    def full_text(self) -> bool:
        """True when every license of the expression is included in full."""
        return all(i.text is not None for i in self.licenses)


@dataclass(frozen=True)
class _Shipped:
    """The license texts shipped in ``spdx/``: the SPDX list's entries and texts by id."""

    licenses: tuple[dict[str, str], ...]
    texts: dict[str, str]


@lru_cache(maxsize=1)
def _spdx_list() -> Any:
    """The SPDX license texts shipped with the workbench (package data), read once."""
    folder = files("workbench.bundle") / "spdx"
    index = tomllib.loads(folder.joinpath("index.toml").read_text(encoding="utf-8"))
    entries = tuple({"licenseId": i, **e} for i, e in sorted(index["licenses"].items()))
    texts = {e["licenseId"]: folder.joinpath(f"{e['licenseId']}.txt").read_text(encoding="utf-8")
             for e in entries}
    return _Shipped(entries, texts)


def license_ids(expression: str) -> list[str]:
    """The license ids in an SPDX expression (``MIT OR Apache-2.0`` → both), in order."""
    from license_expression import get_spdx_licensing

    parsed = get_spdx_licensing().parse(expression)
    seen: list[str] = []
    for symbol in get_spdx_licensing().license_symbols(parsed):
        if symbol.key not in seen:
            seen.append(symbol.key)
    return seen


def license_info(spdx_id: str, data: Any = None) -> LicenseInfo:
    """Name, canonical URL and (when shipped offline) text of one SPDX license id."""
    data = _spdx_list() if data is None else data
    if data is not None:
        for entry in data.licenses:
            if entry["licenseId"] == spdx_id:
                return LicenseInfo(spdx_id, entry.get("name"),
                                   entry.get("reference") or SPDX_URL.format(id=spdx_id),
                                   data.texts.get(spdx_id))
    url = None if spdx_id.startswith("LicenseRef-") else SPDX_URL.format(id=spdx_id)
    return LicenseInfo(spdx_id, None, url, None)


def license_files(expression: str) -> LicenseFiles:
    """LICENSE.txt (the full text) for a single license shipped offline; otherwise LICENSE.md
    naming each license with its URL, plus ``LICENSES/ID.txt`` (REUSE layout) for the texts found."""
    data = _spdx_list()
    infos = tuple(license_info(i, data) for i in license_ids(expression))
    if len(infos) == 1 and infos[0].text is not None:
        text = infos[0].text if infos[0].text.endswith("\n") else infos[0].text + "\n"
        return LicenseFiles(expression, infos, {"LICENSE.txt": text}, "LICENSE.txt")
    files: dict[str, str] = {}
    lines = ["# License", "", f"SPDX license expression: `{expression}`", ""]
    for info in infos:
        where = info.url or "defined by the design's authors, not on the SPDX list"
        lines.append(f"- `{info.id}`: {info.name or '(name not available offline)'}, {where}")
        if info.text is not None:
            files[f"LICENSES/{info.id}.txt"] = info.text if info.text.endswith("\n") else info.text + "\n"
            lines.append(f"  (full text in `LICENSES/{info.id}.txt`)")
    missing = [i.id for i in infos if i.text is None]
    if missing:
        lines += ["", f"The full text of {', '.join(missing)} is not included: no copy of it was "
                  "shipped with the workbench when this bundle was written. Read it at the "
                  "address above."]
    files["LICENSE.md"] = "\n".join(lines) + "\n"
    return LicenseFiles(expression, infos, files, "LICENSE.md")
