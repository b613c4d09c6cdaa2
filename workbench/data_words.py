"""The names in the data files of `materials/`, extracted into the data's own gettext catalog.

The data folder carries its translations beside the data::

    materials/locale/materials.pot                        the English names (the message ids)
    materials/locale/<lang>/LC_MESSAGES/materials.po      one language's translations
    materials/locale/<lang>/LC_MESSAGES/materials.mo      compiled, what the workbench reads

The gettext domain is ``materials`` (`workbench.i18n.DATA_DOMAIN`); `workbench.i18n.data_gettext`
looks a name up there first, then in the workbench's own catalog, then keeps it as written.

What is translated: the ``name`` of each material (``materials.toml``), of each stock catalog
(``stock/*.toml``, top level) and its ``region``, of each climate (``climate/*.toml``) and of
each workshop (``workshops.toml``). What is not: a stock item's ``label`` ("Triplay 18 mm",
"Compensado 18 mm", "2x4") is what a fabricator asks for at the counter in that place, kept as
the shop writes it; ids, sources and values are not words either.

``python -m workbench.data_words materials`` writes ``materials/locale/materials.pot`` (names in
file order, each with a translator's note saying where it is used); `make data-translations`
(part of `make translations`) merges it into each language's ``.po`` and compiles the ``.mo``.
Importing this module does not import pint or CadQuery: the files are read with `tomllib`.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any, Sequence

from babel.messages.catalog import Catalog

from workbench.errors import WorkbenchError

DOMAIN = "materials"
"""The gettext domain of the data's catalog (``locale/<lang>/LC_MESSAGES/materials.mo``)."""
LOCALE = "locale"
"""The folder inside the data folder that holds its catalogs."""


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise WorkbenchError(f"{path}: cannot be read for its names: {exc}") from None


def _tables(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(id, table) of each entry of a file of entries (materials.toml, workshops.toml)."""
    if not path.is_file():
        return []
    return [(k, v) for k, v in _read(path).items() if k != "sources" and isinstance(v, dict)]


def data_words(folder: Path) -> dict[str, str]:
    """Every name to translate in the data folder `folder`, message id → where it is used (a
    translator's note), in file order: materials, stock catalogs (name, region), climates,
    workshops. A name used twice keeps its first note."""
    out: dict[str, str] = {}

    def add(text: object, where: str) -> None:
        if isinstance(text, str) and text.strip() and text not in out:
            out[text] = where

    for ident, table in _tables(folder / "materials.toml"):
        add(table.get("name"), f"material {ident}: name (materials.toml)")
    for path in sorted((folder / "stock").glob("*.toml")):
        top = _read(path)
        add(top.get("name"), f"stock catalog {path.stem}: name (stock/{path.name})")
        add(top.get("region"), f"stock catalog {path.stem}: region (stock/{path.name})")
    for path in sorted((folder / "climate").glob("*.toml")):
        add(_read(path).get("name"), f"climate {path.stem}: name (climate/{path.name})")
    for ident, table in _tables(folder / "workshops.toml"):
        add(table.get("name"), f"workshop {ident}: name (workshops.toml)")
    return out


def template(folder: Path) -> Catalog:
    """The data's ``materials.pot`` as a Babel catalog (English ids, empty translations)."""
    cat = Catalog(domain=DOMAIN, project="cosmo-workbench data",
                  copyright_holder="Cosmo-local workbench contributors", fuzzy=False)
    for text, where in data_words(folder).items():
        cat.add(text, auto_comments=[where])
    return cat


def write_template(folder: Path) -> Path:
    """Write ``locale/materials.pot`` inside the data folder `folder`, atomically; its path.
    Unchanged names keep the file (and its date) as it was."""
    from workbench.design_words import write_pot

    return write_pot(template(folder), folder / LOCALE / f"{DOMAIN}.pot")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m workbench.data_words [FOLDER]``: write the data folder's ``materials.pot``
    (default: the shipped ``materials/``). Prints the file written."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1:
        print("usage: python -m workbench.data_words [DATA_FOLDER]", file=sys.stderr)
        return 2
    if args:
        folder = Path(args[0])
    else:
        from workbench import paths

        shipped = paths.shipped(paths.MATERIALS)
        if shipped is None:
            print("no shipped materials/ folder found", file=sys.stderr)
            return 2
        folder = shipped
    if not (folder / "materials.toml").is_file():
        print(f"{folder}: not a data folder (it has no materials.toml)", file=sys.stderr)
        return 2
    print(write_template(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
