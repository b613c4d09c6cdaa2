"""A design's own words, extracted from its declaration into its own gettext catalog.

A design folder carries its translations beside ``design.py``::

    designs/NAME/locale/design.pot                        the English words (the message ids)
    designs/NAME/locale/<lang>/LC_MESSAGES/design.po      one language's translations
    designs/NAME/locale/<lang>/LC_MESSAGES/design.mo      compiled, what the workbench reads

The gettext domain is ``design`` (`workbench.i18n.DESIGN_DOMAIN`); `workbench.i18n.design_gettext`
looks a word up there first, then in the workbench's own catalog, then keeps the English.

The message ids are taken from the declaration itself, so the catalog cannot drift from it: the
class gives the title, summary, each parameter's label, help, group and option labels, and each
material role's label and help, and each part's name as people say it (``part_names``); the design file's syntax tree gives the check names (string
literals given as ``name=`` or as the name argument of ``CheckResult.missing/cannot_run/compare``,
and strings assigned to a variable ``name``; an f-string name becomes a template whose
placeholders are named after the expression, ``f"{side} bending"`` → ``"{side} bending"``).
The check sentences' templates come from the syntax tree too: the template given to
``_words(...)`` (and to ``_around(...)``, a prefix around a shared check's sentence), a
marked ``message=`` or ``cannot_run`` message, what a ``missing`` check lacks, and every marked
template
``N_("... {name} ...")`` (a fragment filled into a sentence). A part's `name` is an identifier
(file names, 3MF objects, engraved labels) and is not extracted; what people call it is, from
``part_names``.

``python -m workbench.design_words designs`` writes every design's ``design.pot``; `make
translations` then merges it into each language's ``.po`` (pybabel update) and compiles the
``.mo``. Importing this module does not import pint or CadQuery.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.design import Design

DOMAIN = "design"
"""The gettext domain of a design's own catalog (``locale/<lang>/LC_MESSAGES/design.mo``)."""
LOCALE = "locale"
"""The folder beside ``design.py`` that holds the design's catalogs."""
_CHECK_FACTORIES = {"missing", "cannot_run", "compare"}


def declared_words(cls: "type[Design]") -> dict[str, str]:
    """The words `cls` declares, message id → where it is used (a translator's note), in
    declaration order: title, summary, parameters (label, help, group, option labels), roles,
    part names."""
    out: dict[str, str] = {}

    def add(text: object, where: str) -> None:
        if isinstance(text, str) and text.strip() and text not in out:
            out[text] = where

    add(cls.title, "design title")
    add(cls.summary, "design summary")
    for name, p in cls.params().items():
        add(p.label, f"parameter {name}: label")
        add(p.help, f"parameter {name}: help")
        add(p.group, f"parameter group ({name})")
        options = getattr(p, "options", None)
        if isinstance(options, dict):
            for value, label in options.items():
                add(label, f"parameter {name}: option {value}")
    for role, spec in cls.roles.items():
        add(spec.label, f"material role {role}: label")
        add(spec.help, f"material role {role}: help")
    for name, shown in cls.part_names.items():
        add(shown, f"part {name}: what people call it")
    return out


def _template(node: ast.expr) -> str | None:
    """A string literal's text, or an f-string as a template ("{side} bending"), also inside the
    extraction marker ``N_(...)``; None else."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"
            and len(node.args) == 1):
        node = node.args[0]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append(str(v.value))
            elif isinstance(v, ast.FormattedValue):
                expr = v.value
                label = expr.id if isinstance(expr, ast.Name) else (
                    expr.attr if isinstance(expr, ast.Attribute) else "value")
                parts.append("{" + label + "}")
        return "".join(parts)
    return None


def _is_marked(node: ast.expr) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "N_" and len(node.args) == 1)


def _check_message_nodes(tree: ast.AST) -> Iterator[ast.expr]:
    """The templates of check sentences: the first argument of ``_words(...)``, the second of
    ``_around(...)``, a ``message=`` (or ``cannot_run``'s message) given as a marked literal, and
    every marked template (a
    ``N_("...{name}...")`` literal: a sentence or a fragment filled into one)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "")
        if called == "_words" and node.args:
            yield node.args[0]
        elif called == "_around" and len(node.args) > 1:
            yield node.args[1]
        elif called == "cannot_run" and len(node.args) > 2 and _is_marked(node.args[2]):
            yield node.args[2]  # CheckResult.cannot_run(name, lacks, message, ...)
        elif called == "missing" and len(node.args) > 1 and _is_marked(node.args[1]):
            yield node.args[1]  # CheckResult.missing(name, what, **fields): what is missing
        elif called == "N_" and _is_marked(node):
            text = _template(node)
            if text and "{" in text:
                yield node
        for kw in node.keywords:
            if kw.arg == "message" and _is_marked(kw.value):
                yield kw.value


def _check_name_nodes(tree: ast.AST) -> Iterator[ast.expr]:
    messages = {id(n) for n in _check_message_nodes(tree)}
    messages |= {id(n.args[0]) for n in _check_message_nodes(tree) if _is_marked(n)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "name":
                    yield kw.value
            func = node.func
            if (isinstance(func, ast.Name) and func.id == "N_" and node.args
                    and id(node) not in messages and id(node.args[0]) not in messages):
                yield node.args[0]  # a word marked for translation (a name kept as data)
            if (isinstance(func, ast.Attribute) and func.attr in _CHECK_FACTORIES
                    and isinstance(func.value, ast.Name) and func.value.id == "CheckResult"
                    and node.args):
                yield node.args[0]
        elif isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == "name" for t in node.targets):
                yield node.value


def _tree(source: Path) -> ast.AST:
    try:
        return ast.parse(source.read_text(encoding="utf-8"), str(source))
    except SyntaxError as exc:
        raise WorkbenchError(f"{source}: cannot be read for its words: {exc}") from None


def check_names(source: Path) -> dict[str, str]:
    """The check names written in a design file, message id → "check name", in file order."""
    return _in_order(_check_name_nodes(_tree(source)), "check name")


def check_messages(source: Path) -> dict[str, str]:
    """The check sentences' templates written in a design file (`_check_message_nodes`),
    message id → "check message", in file order."""
    return _in_order(_check_message_nodes(_tree(source)), "check message")


def _in_order(nodes: Iterator[ast.expr], where: str) -> dict[str, str]:
    found: dict[int, str] = {}
    for node in nodes:
        text = _template(node)
        if text and text.strip():
            found.setdefault(getattr(node, "lineno", 0) * 10000 + getattr(node, "col_offset", 0),
                             text)
    return {text: where for _, text in sorted(found.items())}


def design_words(cls: "type[Design]", source: Path) -> dict[str, str]:
    """Every message id of a design's catalog: its declared words, its check names, then the
    templates of its check sentences."""
    words = declared_words(cls)
    for text, where in (*check_names(source).items(), *check_messages(source).items()):
        words.setdefault(text, where)
    return words


def template(cls: "type[Design]", source: Path) -> Catalog:
    """The design's ``design.pot`` as a Babel catalog (English ids, empty translations)."""
    cat = Catalog(domain=DOMAIN, project=f"design {cls.id}", version=cls.version,
                  copyright_holder="Cosmo-local workbench contributors", fuzzy=False)
    for text, where in design_words(cls, source).items():
        cat.add(text, auto_comments=[where])
    return cat


def write_template(cls: "type[Design]", source: Path) -> Path:
    """Write ``locale/design.pot`` beside `source` (design.py), atomically; its path."""
    return write_pot(template(cls, source), source.parent / LOCALE / f"{DOMAIN}.pot")


def write_pot(cat: Catalog, path: Path) -> Path:
    """Write the template catalog `cat` to `path` atomically, unless only its date would change
    (unchanged words keep the file, and its date, as it was); `path`."""
    import io

    from workbench.export._atomic import write_text

    buf = io.BytesIO()
    write_po(buf, cat, omit_header=False, no_location=True, width=100)
    text = buf.getvalue().decode("utf-8")
    if not path.exists() or _undated(path.read_text(encoding="utf-8")) != _undated(text):
        write_text(path, text)
    return path


def _undated(pot: str) -> str:
    return "\n".join(line for line in pot.splitlines() if "-Creation-Date:" not in line)


def start_translations(cls: "type[Design]", source: Path, languages: Sequence[str]) -> list[Path]:
    """A new design's catalogs: ``locale/design.pot``, and for each of `languages` a
    ``design.po`` with every message untranslated (its words show in English until a translator
    fills them; `make translations` compiles them). An existing ``.po`` is kept. The paths written."""
    import io

    from babel.core import Locale

    from workbench.export._atomic import write_text

    written = [write_template(cls, source)]
    for lang in languages:
        path = source.parent / LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.exists():
            continue
        cat = template(cls, source)
        cat.locale = Locale.parse(lang)
        cat.language_team = f"{cat.locale.english_name} <translators of design {cls.id}>"
        buf = io.BytesIO()
        write_po(buf, cat, no_location=True, width=100)
        write_text(path, buf.getvalue().decode("utf-8"))
        written.append(path)
    return written


README = """# Translations of this design

The design's own words (title, summary, each parameter's label, help, group and option labels, each
material role's label and help, what its parts are called, the names of its checks and the templates of its check
sentences) in other languages, as gettext
catalogs of the domain `design`:

- `design.pot`: the English words, taken from `design.py` itself
  (`python -m workbench.design_words designs/{id}`); do not edit it by hand.
- `<lang>/LC_MESSAGES/design.po`: one language's translations: fill each `msgstr`. Use the words
  of the trade in that language; where a term is uncertain, keep the English one in brackets
  after it. Keep `{{placeholders}}` as they are.
- `<lang>/LC_MESSAGES/design.mo`: compiled by `make translations` (pybabel compile); the workbench
  reads these. A word without a translation is shown in English.

After changing a word in `design.py`, run `make translations` (it extracts the words again and
merges them into every `.po`), then translate what it added.
"""


def _classes(folder: Path) -> list["type[Design]"]:
    from workbench.catalog import load_design_file

    return load_design_file(folder / "design.py")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m workbench.design_words FOLDER…``: write each design folder's ``design.pot``
    (a folder of design folders is walked). One line per file written."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m workbench.design_words DESIGN_FOLDER_OR_FOLDER_OF_DESIGNS…",
              file=sys.stderr)
        return 2
    folders: list[Path] = []
    for arg in args:
        path = Path(arg)
        if (path / "design.py").is_file():
            folders.append(path)
        else:
            folders.extend(sorted(p.parent for p in path.glob("*/design.py")))
    if not folders:
        print(f"no design folder (with a design.py) in {', '.join(args)}", file=sys.stderr)
        return 2
    for folder in folders:
        classes = _classes(folder)
        if not classes:
            print(f"{folder / 'design.py'}: defines no design class with an id", file=sys.stderr)
            return 1
        print(write_template(classes[0], folder / "design.py"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
