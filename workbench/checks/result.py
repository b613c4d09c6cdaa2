"""The one result type every engineering check returns."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Mapping

import pint

from workbench.i18n import DOMAIN, N_, translate


class Status(str, Enum):
    """Outcome of a check, worst last."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"

    @property
    def rank(self) -> int:
        return ("pass", "warn", "fail").index(self.value)


WARN_AT = 0.9
"""Default utilisation above which a passing check is shown as a warning."""


_MISSING = N_("This check cannot run: the data has no {what}; add it (with its source) "
              "to materials/.")
"""The sentence of a check that cannot run for want of data (`CheckResult.missing`)."""


@dataclass(frozen=True)
class CheckResult:
    """A check's verdict: demand (`value`) against capacity (`limit`), both pint quantities.

    `utilisation` is demand / capacity (1.0 = exactly at the limit). `message` is one sentence a
    fabricator understands; `reference` names the formula's source (standard, handbook, table).

    `load_bearing` says whether the thing checked holds the load up (strength, stability, a
    connection): when such a check cannot run, the evaluation's verdict is "unverified", never
    pass. `lacks` is empty when the check ran, else the data it lacks (then `utilisation` is NaN).

    `template` and `quantities` say the message again without baked numbers: `render` formats
    each named quantity at the edge in the reader's unit system and locale ("stressed to
    {stress}" → "stressed to 361.1 psi"). `message` stays the sentence in the check's own units.

    `name` and `template` are English and stay the stable keys (JSON, reports' machine fields);
    `label` and `render` look them up in the reader's language, in the catalogs `domains` first
    (a design's own, `workbench.i18n.design_domain`) and then the workbench's.
    """

    name: str
    status: Status
    utilisation: float
    value: pint.Quantity | None
    limit: pint.Quantity | None
    message: str
    reference: str
    load_bearing: bool = False
    lacks: str = ""
    template: str = ""
    quantities: tuple[tuple[str, Any], ...] = ()
    message_system: str = "metric"
    domains: tuple[str, ...] = ()
    name_words: tuple[str, tuple[tuple[str, str], ...]] | None = None
    """A name made from a template at run time, said again for `label`: (template, fields),
    e.g. ``("sold locally: {what}", (("what", "Plywood thickness"),))``; each field is a word
    looked up in the catalogs too. `name` stays the key."""

    def _say(self, text: str, locale: str) -> str:
        return translate(text, (*self.domains, DOMAIN), locale)

    def label(self, locale: str | None = None) -> str:
        """The check's name as shown in `locale` (default: the current one); English when the
        catalogs have no translation. `name` itself stays the key."""
        from workbench.i18n import get_locale

        locale = locale or get_locale()
        if self.name_words is not None:
            template, fields = self.name_words
            return self._fill(self._say(template, locale), template,
                              {k: self._say(v, locale) for k, v in fields})
        return self._say(self.name, locale)

    def render(self, system: Any = "metric", locale: str | None = None) -> str:
        """The message in `system` ("metric"/"imperial") and `locale`.

        `message` itself when it already speaks `system` (`message_system`) in English with a
        decimal point; else the template in the reader's language (English when untranslated)
        with each quantity formatted by `fmt` (lengths in decimals here: a deflection of
        0.02 in) and each word filled in translated. A check without a template shows its
        message, translated when the catalogs have that very sentence."""
        from babel.numbers import get_decimal_symbol

        from workbench.units import get_locale  # formatting is the edge's: imported here

        locale = locale or get_locale()
        system = str(getattr(system, "value", system))
        english = locale.split("_")[0] == "en"
        if not self.template:
            return self._say(self.message, locale)
        if english and system == self.message_system and get_decimal_symbol(locale) == ".":
            return self.message

        own = system == self.message_system
        named = {
            key: _edge(q, system, own, locale) if isinstance(q, pint.Quantity)
            else self._say(str(q), locale)
            for key, q in self.quantities
        }
        for key, q in self.quantities:  # fragments naming other values: "{load} at mid-span"
            if isinstance(q, str) and "{" in q:
                named[key] = self._fill(named[key], str(q), named)
        return self._fill(self._say(self.template, locale), self.template, named)

    @staticmethod
    def _fill(text: str, english: str, named: dict[str, str]) -> str:
        try:
            return text.format(**named)
        except (KeyError, IndexError, ValueError):  # a broken translation: the English words
            return english.format(**named)

    def with_words(
        self, template: str, quantities: Mapping[str, Any], system: str = "metric"
    ) -> "CheckResult":
        """The same result with its message also as `template` and named `quantities`;
        `system` is the unit system `message` speaks."""
        return replace(self, template=template, quantities=tuple(quantities.items()),
                       message_system=system)

    @classmethod
    def missing(cls, name: str, what: str, *, load_bearing: bool = True,
                **fields: Any) -> "CheckResult":
        """A check that cannot run because data is missing: shown as a warning, never a pass.

        Load-bearing unless the caller says otherwise: what is not known to hold is not passed.
        `what` names the missing value without an article ("strength for Birch plywood"): the
        message reads "the data has no strength for …". A leading "a"/"an"/"the" is dropped.
        With `fields`, `what` is a marked template (``N_("strength for {material}")``) whose
        named values (the material's name) are filled in, so its fixed words are translated.
        """
        head, _, rest = what.strip().partition(" ")
        if head.lower() in ("a", "an", "the") and rest:
            what = rest
        template = _MISSING
        english = what.format(**fields) if fields else what
        return cls(
            name, Status.WARN, math.nan, None, None, template.format(what=english),
            "materials/README.md", load_bearing, english,
        ).with_words(template, {"what": what, **{k: str(v) for k, v in fields.items()}})

    def lacking(self, locale: str | None = None) -> str:
        """What the check lacks (`lacks`) in `locale` (default: the current one): a `missing`
        check's marked template with its fields translated, else `lacks` looked up as it is."""
        from workbench.i18n import get_locale

        locale = locale or get_locale()
        named = dict(self.quantities)
        if self.template == _MISSING and "what" in named:
            what = str(named.pop("what"))
            return self._fill(self._say(what, locale), what,
                              {k: self._say(str(v), locale) for k, v in named.items()})
        return self._say(self.lacks, locale)

    @classmethod
    def cannot_run(
        cls, name: str, lacks: str, message: str, reference: str, *, load_bearing: bool = True,
        value: pint.Quantity | None = None,
    ) -> "CheckResult":
        """A check that cannot run for want of `lacks` (data, a model), with its own `message`."""
        return cls(name, Status.WARN, math.nan, value, None, message, reference, load_bearing,
                   lacks)

    @property
    def ran(self) -> bool:
        """False when the check could not run (it lacks data or a model)."""
        return not self.lacks

    def in_domains(self, *domains: str) -> "CheckResult":
        """The same result, its name and words looked up in the catalogs `domains` first."""
        return replace(self, domains=tuple(domains))

    def with_reference(self, reference: str) -> "CheckResult":
        """The same result citing `reference`."""
        return replace(self, reference=reference)

    def bearing(self, load_bearing: bool = True) -> "CheckResult":
        """The same result, declared load-bearing (or not)."""
        return replace(self, load_bearing=load_bearing)

    @classmethod
    def compare(
        cls,
        name: str,
        value: pint.Quantity,
        limit: pint.Quantity,
        *,
        message: str,
        reference: str,
        warn_at: float = WARN_AT,
        load_bearing: bool = False,
    ) -> "CheckResult":
        """Demand `value` must not exceed capacity `limit`; status from their ratio."""
        utilisation = float((value / limit).to("dimensionless").magnitude)
        if utilisation > 1.0:
            status = Status.FAIL
        elif utilisation > warn_at:
            status = Status.WARN
        else:
            status = Status.PASS
        return cls(name, status, utilisation, value, limit, message, reference, load_bearing)

    def __repr__(self) -> str:
        from workbench.report import check_line  # a view: imported when shown, not before

        return check_line(self)

    def _repr_html_(self) -> str:
        """Jupyter's rich display: a one-row checks table with the message and reference."""
        from workbench.report import check_html

        return check_html(self)

    @property
    def passed(self) -> bool:
        return self.status is not Status.FAIL


def _plain(q: pint.Quantity, decimal: str, digits: int = 4) -> str:
    """`q` in its own unit to `digits` significant digits, never in exponent form."""
    mag = float(q.magnitude)
    if mag == 0 or not math.isfinite(mag):
        text = "0" if mag == 0 else str(mag)
    else:
        places = max(digits - 1 - math.floor(math.log10(abs(mag))), 0)
        text = f"{round(mag, places):.{places}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    unit = f"{q.units:~P}"
    return f"{text.replace('.', decimal)} {unit}" if unit else text.replace(".", decimal)


def _edge(q: pint.Quantity, system: str, own: bool, locale: str) -> str:
    """A named quantity of a message for the reader: in the check's own unit when the reader's
    system is the message's (only the decimal mark changes), else in `system`'s display unit
    (`workbench.units.fmt`); a dimension both systems show alike (time, carbon) or a value
    `fmt` would write with an exponent keeps its own unit."""
    from babel.numbers import get_decimal_symbol

    from workbench.units import dimension_name, display_unit, fmt

    decimal = get_decimal_symbol(locale)
    if str(q.units) in ("kelvin", "delta_degree_Celsius", "delta_degree_Fahrenheit"):
        return fmt(q, system, 4, locale=locale)  # a difference: K or °F-difference
    same = display_unit(q, "metric") == display_unit(q, "imperial") or dimension_name(
        q.units) == "volume"  # litres read alike everywhere; in³ is no one's unit for water
    if own or same:
        return _plain(q, decimal)
    text = fmt(q, system, 4, locale=locale)
    if "e+" in text or "e-" in text:
        return _plain(q.to(display_unit(q, system)), decimal)
    return text


class Verdict(str, Enum):
    """The verdict of an evaluation: its worst check, except that a load-bearing check that could
    not run makes a non-failing evaluation "unverified" (never pass)."""

    PASS = "pass"
    WARN = "warn"
    UNVERIFIED = "unverified"
    FAIL = "fail"


def verdict(checks: "tuple[CheckResult, ...] | list[CheckResult]") -> Verdict:
    """Fail if any check fails; else unverified if a load-bearing check could not run; else the
    worst of pass and warn (pass with no checks)."""
    if any(c.status is Status.FAIL for c in checks):
        return Verdict.FAIL
    if any(c.load_bearing and not c.ran for c in checks):
        return Verdict.UNVERIFIED
    if any(c.status is Status.WARN for c in checks):
        return Verdict.WARN
    return Verdict.PASS


def unverified(checks: "tuple[CheckResult, ...] | list[CheckResult]") -> "list[CheckResult]":
    """The load-bearing checks that could not run."""
    return [c for c in checks if c.load_bearing and not c.ran]


def unverified_note(checks: "tuple[CheckResult, ...] | list[CheckResult]") -> str:
    """One sentence naming the load-bearing checks that could not run and what each lacks; ""
    when all ran."""
    gaps = unverified(checks)
    if not gaps:
        return ""
    from workbench.i18n import get_locale

    locale = get_locale()
    needs = translate(N_("{name} (needs {lacks})"), locale=locale)
    named = "; ".join(needs.format(name=c.label(locale), lacks=c._say(c.lacks, locale))
                      for c in gaps)
    return translate(N_("Not verified: load-bearing checks could not run: {named}."),
                     locale=locale).format(named=named)


STATUS_WORDS = {"pass": N_("pass"), "warn": N_("warn"), "fail": N_("fail"),
                "unverified": N_("unverified"),
                # an adaptation's verdict (`workbench.adapt.Verdict`)
                "adapted": N_("adapted"), "adapted-but-unverified": N_("adapted-but-unverified"),
                "cannot": N_("cannot be adapted")}
"""The shown word of each status and verdict (English; `status_word` translates)."""


def status_word(status: "Status | Verdict | str", locale: str | None = None) -> str:
    """`status` ("pass", "warn", "fail", "unverified") as a word in `locale` (default: the
    current one): "aprobado", "aviso"… The enum value stays the key in JSON."""
    value = str(getattr(status, "value", status))
    return translate(STATUS_WORDS.get(value, value), locale=locale)
