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
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from babel.core import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol
from babel.support import NullTranslations, Translations

from workbench.errors import UnitError

DOMAIN = "workbench"
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the compiled catalogs ship: ``<lang>/LC_MESSAGES/workbench.mo``."""
LANGUAGES = ("en", "es", "fr", "pt", "sw", "hi")
"""The languages the workbench speaks (English is the message ids themselves)."""

# The session's choice is a plain module value: a notebook cell, the panel's widget callbacks and
# its build thread all see it (a ContextVar set in one cell or thread is not seen by the others);
# `using_locale` overrides it for one block through a ContextVar.
_SESSION = {"locale": "en"}
_LOCALE: ContextVar[str | None] = ContextVar("workbench_locale", default=None)


def set_locale(code: str) -> None:
    """Use the CLDR locale `code` ("en", "es", "fr", "pt_BR"…) for numbers and words.

    Raises `UnitError` for a code Babel does not know. The default is "en".
    """
    _SESSION["locale"] = _checked_locale(code)


def get_locale() -> str:
    """The locale numbers and words are in (`using_locale`, else `set_locale`, else "en")."""
    return _LOCALE.get() or _SESSION["locale"]


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
    for name in domains:
        cat = _catalog(code) if name == DOMAIN else _domain_catalog(name, code)
        if cat is None:
            continue
        found = cat.gettext(message)
        if found and found != message:
            return found
    return message


_ = gettext


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


__all__ = [
    "DOMAIN", "LANGUAGES", "N_", "design_domain", "gettext", "register_catalog", "translate", "get_locale", "language_name", "locale_from_environment", "ngettext",
    "set_locale", "using_locale", "_",
]
