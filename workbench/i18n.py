"""The workbench's words in the user's language: gettext catalogs compiled by Babel.

One setting serves numbers and words: the CLDR locale of `set_locale` / `using_locale` ("en",
"es", "fr", "pt_BR", "sw_KE", "hi"…), read back by `get_locale`. `workbench.units` parses and
shows numbers in it; `gettext` (alias `_`) finds the words in the catalog of its language,
``workbench/locale/<lang>/LC_MESSAGES/workbench.mo`` (compiled from the ``.po`` beside it by
``make translations``). A message without a translation, or a language without a catalog, stays
in English (the message ids are the English text), never an empty string.

This module imports neither pint nor CadQuery: the command line's `list` and `show` use it.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from enum import IntEnum
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping, Sequence
from urllib.parse import parse_qs

from babel.core import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol
from babel.support import NullTranslations, Translations

from workbench.errors import UnitError

DOMAIN = "workbench"
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the compiled catalogs ship: ``<lang>/LC_MESSAGES/workbench.mo``."""
LANGUAGES = ("en", "es", "fr", "pt", "sw", "hi")
"""The languages the workbench speaks (English is the message ids themselves)."""


class LocaleSource(IntEnum):
    """Who chose the session's language, weakest first: a choice is never replaced by a weaker one
    (`offer_locale`). The panel's order: ``wb.open(lang=)`` or the language switch (EXPLICIT) >
    Voila's ``?lang=`` query (VOILA_QUERY) > JupyterLab's language setting, reported by the panel's
    front end (FRONT_END) > LC_ALL/LC_MESSAGES/LANG (ENVIRONMENT) > English (DEFAULT)."""

    DEFAULT = 0
    ENVIRONMENT = 1
    FRONT_END = 2
    VOILA_QUERY = 3
    EXPLICIT = 4


# The session's choice is a plain module value: a notebook cell, the panel's widget callbacks and
# its build thread all see it (a ContextVar set in one cell or thread is not seen by the others);
# `using_locale` overrides it for one block through a ContextVar.
_SESSION: dict[str, object] = {"locale": "en", "source": LocaleSource.DEFAULT}
_LOCALE: ContextVar[str | None] = ContextVar("workbench_locale", default=None)


def set_locale(code: str, source: LocaleSource = LocaleSource.EXPLICIT) -> None:
    """Use the CLDR locale `code` ("en", "es", "fr", "pt_BR"…) for numbers and words.

    `source` says who chose it (`LocaleSource`; a call from code is an explicit choice).
    Raises `UnitError` for a code Babel does not know. The default is "en".
    """
    _SESSION["locale"] = _checked_locale(code)
    _SESSION["source"] = LocaleSource(source)


def offer_locale(code: str, source: LocaleSource) -> bool:
    """Use `code` unless a stronger `LocaleSource` chose the language already; True if used.

    Raises `UnitError` for a code Babel does not know, whatever the current choice.
    """
    checked = _checked_locale(code)
    if LocaleSource(source) < locale_source():
        return False
    set_locale(checked, source)
    return True


def locale_source() -> LocaleSource:
    """Who chose the session's locale (`LocaleSource.DEFAULT` until someone does)."""
    return LocaleSource(_SESSION["source"])  # type: ignore[arg-type]


def get_locale() -> str:
    """The locale numbers and words are in (`using_locale`, else `set_locale`, else "en")."""
    return _LOCALE.get() or str(_SESSION["locale"])


@contextmanager
def using_locale(code: str) -> Iterator[str]:
    """Within the block, numbers and words are in `code`; the previous locale after."""
    token = _LOCALE.set(_checked_locale(code))
    try:
        yield code
    finally:
        _LOCALE.reset(token)


def _checked_locale(code: str) -> str:
    try:
        get_decimal_symbol(code)
    except (UnknownLocaleError, ValueError, TypeError):
        raise UnitError(
            f'locale: "{code}" is not a known locale (e.g. en, es, fr, pt_BR, sw, hi)'
        ) from None
    return code


@lru_cache(maxsize=None)
def _catalog(code: str) -> NullTranslations:
    """The compiled catalog for `code` ("sw_KE" falls back to "sw"); English (no catalog) else."""
    return Translations.load(str(LOCALE_DIR), [code], DOMAIN)


def gettext(message: str) -> str:
    """`message` (English, the message id) in the current language; English when untranslated."""
    return _catalog(get_locale()).gettext(message) or message


def N_(message: str) -> str:
    """Mark `message` for extraction and return it unchanged (English).

    For templates and names kept as data and translated later, where they are shown
    (`translate`): a check's sentence template, its name, a word filled into a template.
    ``pybabel extract`` finds ``N_("...")`` (one of Babel's default keywords)."""
    return message


# Other catalogs `translate` can look in before the workbench's own: a design's catalog beside
# its design.py. name → (directory holding <lang>/LC_MESSAGES/<file domain>.mo, file domain).
_CATALOGS: dict[str, tuple[Path, str]] = {}


def register_catalog(name: str, localedir: Path | str, file_domain: str | None = None) -> None:
    """Let `translate(..., domains=(name, ...))` look in ``<localedir>/<lang>/LC_MESSAGES/
    <file_domain>.mo`` (`file_domain` defaults to `name`). Registering again replaces it."""
    _CATALOGS[name] = (Path(localedir), file_domain or name)
    _domain_catalog.cache_clear()


def design_domain(design_id: str) -> str:
    """The catalog name of design `design_id`'s own words ("design:plywood-shelf"): evaluation
    stamps its checks with it, so their names and sentences are looked up there first."""
    return f"design:{design_id}"


@lru_cache(maxsize=None)
def _domain_catalog(name: str, code: str) -> NullTranslations | None:
    where = _CATALOGS.get(name)
    if where is None:
        return None
    return Translations.load(str(where[0]), [code], where[1])


def translate(message: str, domains: Sequence[str] = (DOMAIN,), locale: str | None = None) -> str:
    """`message` (English, the message id) in `locale` (default: the current one), from the first
    of the catalogs `domains` that translates it ("workbench" is this package's; others are
    `register_catalog`'s, e.g. ``(design_domain("plywood-shelf"), "workbench")``).

    English when none does; an unregistered domain is skipped. For marked data (`N_`)."""
    code = locale or get_locale()
    if not message or code.split("_")[0] == "en":
        return message
    found = _translate(message, domains, code)
    # a name of several words inside a sentence ("birch plywood"); one word may be an id ("peru")
    if found == message and message[:1].islower() and " " in message:
        named = message[0].upper() + message[1:]
        said = _translate(named, domains, code)
        if said != named:
            return mid_sentence(said)
    return found


def mid_sentence(name: str) -> str:
    """A name as it reads inside a sentence: a capital that only starts it is lowered ("Birch
    plywood" → "birch plywood"); a designation keeps its capitals ("PLA (Prusament PLA)")."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def _translate(message: str, domains: Sequence[str], code: str) -> str:
    for name in domains:
        if name.startswith("design:") and name not in _CATALOGS:
            # a shipped design's own catalog, beside its design.py (names made at run time
            # from a template, "post bending" from "{side} bending", are matched too)
            found = design_name_gettext(name.partition(":")[2], message, code)
            if found != message and found != _catalog(code).gettext(message):
                return found
            continue
        cat = _catalog(code) if name == DOMAIN else _domain_catalog(name, code)
        if cat is None:
            continue
        found = cat.gettext(message)
        if found and found != message:
            return found
    if "workbench.context._data" in sys.modules:  # a name from the data inside a sentence
        found = data_gettext(message, code)       # (only once the data are loaded: `list`
        if found != message:                       # and `show` load no pint)
            return found
    return message


_ = gettext


def two_decimals(value: float, locale: str | None = None) -> str:
    """`value` to two decimals in `locale`'s way (default: the current one): "4.54", "4,54"."""
    from babel.numbers import format_decimal

    return format_decimal(round(value, 2), format="0.00", locale=locale or get_locale())


def fill_words(template: str, fields: Mapping[str, object], locale: str | None = None,
               domains: Sequence[str] = ()) -> str:
    """A sentence kept as a marked `template` and its `fields`, said in `locale` (default: the
    current one): the template and each word field translated through `domains` then the
    workbench's catalog, fragments (fields holding ``{placeholders}``) filled first, a float
    written to two decimals in the locale ("4,54"); the English when a translation lost a
    field. For sentences made once and shown later in any language (a not-sold sentence, an
    adaptation's reason)."""
    code = locale or get_locale()
    where = (*domains, DOMAIN)
    english = {k: two_decimals(v, code) if isinstance(v, float) else str(v)
               for k, v in fields.items()}
    said = {k: translate(v, where, code) for k, v in english.items()}
    for k, v in english.items():
        if "{" in v:
            try:
                said[k] = said[k].format(**said)
            except (KeyError, IndexError, ValueError):
                said[k] = v.format(**english)
    try:
        return translate(template, where, code).format(**said)
    except (KeyError, IndexError, ValueError):
        return template.format(**{k: v.format(**english) if "{" in v else v
                                  for k, v in english.items()})


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n` in the current language (English when untranslated)."""
    return _catalog(get_locale()).ngettext(singular, plural, n)


def language_name(code: str) -> str:
    """A language's own name for itself ("español", "Kiswahili"), for the language switch."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def locale_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The locale POSIX programs would speak: the first set of LC_ALL, LC_MESSAGES, LANG.

    ``sw_KE.UTF-8`` → "sw_KE"; "C", "POSIX", an unset or unknown value → "en".
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = value.split(".")[0].split("@")[0]
            if code in ("C", "POSIX"):
                return "en"
            try:
                return _checked_locale(code)
            except UnitError:
                return "en"
    return "en"


def voila_query_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The ``lang`` of a Voila page's address (``/voila/render/x.ipynb?lang=sw``), else None.

    Voila gives each page's kernel the page's query string in the environment variable
    ``QUERY_STRING`` and its own name in ``SERVER_SOFTWARE`` ("voila/0.5.13"; voila/handler.py,
    after CGI's RFC 3875); outside Voila (JupyterLab, a script) this is None. A ``lang`` Babel
    does not know raises `UnitError` naming the query.
    """
    env = os.environ if environ is None else environ
    if not env.get("SERVER_SOFTWARE", "").startswith("voila/"):
        return None
    values = parse_qs(env.get("QUERY_STRING", "")).get("lang")
    if not values:
        return None
    code = values[-1].strip().replace("-", "_")
    try:
        return _checked_locale(code)
    except UnitError:
        raise UnitError(
            f'page address "?lang={values[-1]}": not a known language '
            f"(e.g. {', '.join(LANGUAGES)}, pt_BR, sw_KE)"
        ) from None


def front_end_locale(tag: str) -> str | None:
    """The workbench locale for a browser language tag ("es-ES" → "es_ES", "sw" → "sw"), or None
    when the tag is empty or its language is not one the workbench speaks (`LANGUAGES`)."""
    code = tag.strip().replace("-", "_")
    if not code or code.split("_")[0].lower() not in LANGUAGES:
        return None
    try:
        return _checked_locale(code)
    except UnitError:  # a region Babel does not know ("es_XX"): the language alone
        return code.split("_")[0].lower()


__all__ = [
    "DATA_DOMAIN", "DOMAIN", "LANGUAGES", "LocaleSource", "N_", "data_gettext", "design_catalog",
    "design_domain", "design_gettext", "design_name_gettext", "front_end_locale", "gettext",
    "get_locale", "language_name", "locale_from_environment", "locale_source", "ngettext",
    "offer_locale", "register_catalog", "set_locale", "translate", "using_locale",
    "voila_query_locale", "_",
]


# -- a design's own words -------------------------------------------------------------------------
DESIGN_DOMAIN = "design"
"""The gettext domain of a design's own catalog, beside its ``design.py``:
``<design folder>/locale/<lang>/LC_MESSAGES/design.mo`` (see `workbench.design_words`)."""


def design_folder(design: object) -> Path | None:
    """The folder of a design given as an id ("plywood-shelf"), a folder or ``design.py`` path, a
    Design class or instance; None for a design without one (registered in a notebook)."""
    if isinstance(design, Path) or (isinstance(design, str) and os.sep in design):
        path = Path(design)
        return path.parent if path.name == "design.py" else path
    if isinstance(design, str):
        return _folder_of_id(design)
    import inspect

    cls = design if isinstance(design, type) else type(design)
    module = sys.modules.get(getattr(cls, "__module__", ""))
    try:
        source = inspect.getfile(module) if module is not None else None
    except TypeError:  # defined in a notebook cell or an interactive session
        source = None
    if source is None:
        return None
    folder = Path(source).parent  # design.py's folder, or an installed package's with locale/
    return folder if Path(source).name == "design.py" or (folder / "locale").is_dir() else None


@lru_cache(maxsize=256)
def _folder_of_id(design_id: str) -> Path | None:
    """The folder of the design `design_id` in the catalog (remembered: every word of a design
    is looked up through it; `workbench.catalog.refresh` forgets it with the catalogs)."""
    from workbench import catalog
    from workbench.errors import UnknownNameError

    try:
        return catalog.entry(design_id).folder
    except UnknownNameError:  # an unknown id has no catalog: its words stay as they are
        return None


@lru_cache(maxsize=None)
def _design_catalog(folder: str, code: str) -> NullTranslations:
    return Translations.load(str(Path(folder) / "locale"), [code], DESIGN_DOMAIN)


def design_catalog(design: object, locale: str | None = None) -> NullTranslations:
    """The compiled catalog of `design` (id, folder, class or instance, as `design_folder`) in
    `locale` (default: the current one; "sw_KE" falls back to "sw"). A design without a catalog in
    that language gives an empty one (`NullTranslations`), whose words stay English."""
    folder = design_folder(design)
    if folder is None:
        return NullTranslations()
    return _design_catalog(str(folder), locale or get_locale())


def design_gettext(design: object, message: str, locale: str | None = None) -> str:
    """A design's word (`message`, its English declaration) in the current language: the
    design's own catalog first, then the workbench's (shared words such as "Size"), then the
    English itself. Never an empty string."""
    if not message:
        return message
    code = locale or get_locale()
    found = design_catalog(design, code).gettext(message)
    if found and found != message:
        return found
    return _catalog(code).gettext(message) or message


def design_name_gettext(design: object, name: str, locale: str | None = None) -> str:
    """A name the design's code makes at run time, in the current language: `design_gettext`
    when the catalog has the name itself, else the translation of the template it was made
    from (``"post bending"`` from ``f"{side} bending"``: the catalog's ``"{side} bending"``,
    formatted with ``side="post"``), else `design_gettext` (workbench catalog, then English)."""
    code = locale or get_locale()
    found = design_gettext(design, name, code)
    if found != name or not name:
        return found
    for pattern, translated in _design_templates(design_catalog(design, code)):
        match = pattern.fullmatch(name)
        if match:  # each field a word of the design's too ("side" in "{name} fits the sheet")
            return translated.format(**{k: design_gettext(design, v, code)
                                        for k, v in match.groupdict().items()})
    return found


def _design_templates(cat: NullTranslations) -> list[tuple["re.Pattern[str]", str]]:
    """(pattern, translation) of each message id with ``{placeholders}``, most literal first."""
    cached = _TEMPLATES.get(id(cat))
    if cached is not None and cached[0] is cat:
        return cached[1]
    out = []
    for msgid, msgstr in getattr(cat, "_catalog", {}).items():
        if not isinstance(msgid, str) or "{" not in msgid or not msgstr:
            continue
        pattern = _template_pattern(msgid)
        if pattern is not None:
            out.append((pattern, msgstr))
    out.sort(key=lambda pair: -len(pair[0].pattern))
    _TEMPLATES[id(cat)] = (cat, out)
    return out


_TEMPLATES: dict[int, tuple[NullTranslations, list]] = {}


@lru_cache(maxsize=4096)
def _template_pattern(template: str) -> "re.Pattern[str] | None":
    """A regular expression that reads a name made from `template` ("shelf-{n}") back into its
    fields; None when it cannot (the same field twice)."""
    import re

    parts = re.split(r"\{([a-z_]+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    try:
        return re.compile(regex)
    except re.error:
        return None


def part_name_entry(design: object, name: str) -> tuple[str, dict[str, str]] | None:
    """The English entry of ``part_names`` that names part `name` of `design` (class or
    instance) and the fields read from the name: the name itself first, else the longest
    template it fits (``"shelf-3"`` fits ``"shelf-{n}"`` → ``("shelf {n}", {"n": "3"})``);
    None when the design does not name it."""
    cls = design if isinstance(design, type) else type(design)
    names: Mapping[str, str] = getattr(cls, "part_names", None) or {}
    if names.get(name):
        return names[name], {}
    for key in sorted((k for k in names if "{" in k), key=len, reverse=True):
        pattern = _template_pattern(key)
        match = pattern.fullmatch(name) if pattern is not None else None
        if match and names[key]:
            return names[key], match.groupdict()
    return None


def part_name(design: object, name: str, locale: str | None = None) -> str:
    """What people call the part `name` of `design` (a Design class or instance), in the current
    language: its ``part_names`` entry (`part_name_entry`), translated through the design's
    catalog (`design_gettext`) and filled in; the name itself when the design does not name it."""
    entry = part_name_entry(design, name)
    if entry is None:
        return name
    shown, fields = entry
    try:
        return design_gettext(design, shown, locale).format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English
        return shown.format(**fields)


def _clear_design_catalogs() -> None:
    _design_catalog.cache_clear()
    _folder_of_id.cache_clear()
    _TEMPLATES.clear()


from workbench.caches import register as _register_cache  # noqa: E402 (kept with its block)

_register_cache("design catalogs", _clear_design_catalogs)  # `workbench.catalog.refresh` empties it


# -- the names in the data files (materials/) -----------------------------------------------------
DATA_DOMAIN = "materials"
"""The gettext domain of the data's catalog, inside the data folder:
``materials/locale/<lang>/LC_MESSAGES/materials.mo`` (see `workbench.data_words`)."""


def _data_folders() -> list[Path]:
    """`_folders_for` the current ``$WORKBENCH_MATERIALS`` and working folder (remembered)."""
    return _folders_for(os.environ.get("WORKBENCH_MATERIALS"), os.getcwd())


@lru_cache(maxsize=8)
def _folders_for(env: str | None, cwd: str) -> list[Path]:
    """The data folders whose catalogs name the data, first found first: the folder in use
    (``$WORKBENCH_MATERIALS`` or the working folder's ``./materials``, which may carry its own
    ``locale/``), then the shipped ``materials/``.

    Only called where a data name is shown, i.e. once the data (and pint) are loaded: importing
    this module still imports neither."""
    from workbench import paths
    from workbench.context._data import materials_dir

    folders = [materials_dir()]
    shipped = paths.shipped(paths.MATERIALS)
    if shipped is not None and shipped.resolve() != folders[0].resolve():
        folders.append(shipped)
    return folders


@lru_cache(maxsize=None)
def _data_catalog(folder: str, code: str) -> NullTranslations:
    return Translations.load(str(Path(folder) / "locale"), [code], DATA_DOMAIN)


def data_gettext(name: str, locale: str | None = None) -> str:
    """A name from the data files (a material's, stock catalog's or its region's, a climate's, a
    workshop's `name`, as written in ``materials/``) in `locale` (default: the current one;
    "es_PE" falls back to "es"): the data folder's catalog first (a working folder's own
    ``materials/locale``, then the shipped one), then the workbench's catalog, then `name` as
    written. Never an empty string. Stock item labels are not passed here: they stay as the shop
    writes them."""
    code = locale or get_locale()
    if not name or code.split("_")[0] == "en":
        return name
    for folder in _data_folders():
        found = _data_catalog(str(folder), code).gettext(name)
        if found and found != name:
            return found
    return _catalog(code).gettext(name) or name


def _clear_data_catalogs() -> None:
    _data_catalog.cache_clear()
    _folders_for.cache_clear()  # a working folder's own materials/ may have appeared


_register_cache("data catalogs", _clear_data_catalogs)  # an edited .mo is read again
