"""Views of an evaluation: a plain-text table and JSON (the CLI's `check` output), and Markdown and
HTML check reports (the commons bundle's `report.md` / `report.html`)."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.i18n import N_, _, data_gettext, design_gettext, part_name
from workbench.units import UnitSystem, fmt, fmt_pair, get_inch_fraction

if TYPE_CHECKING:
    import pint

    from workbench.evaluate import Evaluation

_MARK = {"pass": N_("PASS"), "warn": N_("WARN"), "fail": N_("FAIL")}
_VERDICT = {"pass": N_("PASS"), "warn": N_("WARN"), "fail": N_("FAIL"),
            "unverified": N_("UNVERIFIED")}


def _num(value: float, spec: str) -> str:
    """`value` formatted by `spec` (".2f", ".3g") with the locale's decimal mark ("0,59")."""
    from babel.numbers import get_decimal_symbol

    from workbench.i18n import get_locale

    return format(value, spec).replace(".", get_decimal_symbol(get_locale()))


def _verdict(status: str) -> str:
    """An evaluation's verdict as the shown badge ("PASS", "APROBADO"…); the value stays the key."""
    return _(_VERDICT.get(status, status.upper()))


def _name(c: Any) -> str:
    """A check's shown name (translated); `c.name` stays the key in JSON."""
    label = getattr(c, "label", None)
    return label() if label is not None else c.name


def _q(q: "pint.Quantity | None", system: UnitSystem | str) -> str:
    """`q` in `system`; imperial lengths in fractions of an inch (`get_inch_fraction`)."""
    return _("unknown") if q is None else fmt(q, system, fraction=get_inch_fraction())


def _value_limit(c: Any, system: UnitSystem | str) -> tuple[str, str]:
    """A check's value and limit, both in inch fractions or both in decimals."""
    if c.value is None or c.limit is None:
        return _q(c.value, system), _q(c.limit, system)
    return fmt_pair(c.value, c.limit, system, fraction=get_inch_fraction())


def _words(c: Any, system: UnitSystem | str) -> str:
    """A check's explanation in the unit system of its value column."""
    render = getattr(c, "render", None)
    return render(system) if render is not None else c.message


def context_lines(ev: "Evaluation") -> list[str]:
    """The local context an evaluation used, one line each."""
    ctx = ev.resolved.context
    mats = ", ".join(f"{role}={m.id}" for role, m in ev.resolved.materials.items()) or _("none")
    return [
        _("materials: {materials}").format(materials=mats),
        _("stock: {stock}; climate: {climate}; workshop: {workshop}").format(
            stock=ctx.stock, climate=ctx.climate, workshop=ctx.workshop),
    ]


def check_table(ev: "Evaluation", system: UnitSystem | str = UnitSystem.METRIC) -> str:
    """A fixed-width table of every check, then mass, cost and carbon, then the verdict."""
    d = ev.design
    lines = [f"{d.id} {d.version} {d!r}", *context_lines(ev), ""]
    rows = [(_("status"), _("check"), _("util."), _("value"), _("limit"))]
    for c in ev.checks:
        rows.append((_(_MARK[c.status.value]), _name(c), _num(c.utilisation, ".2f"),
                     *_value_limit(c, system)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
    for c in ev.checks:
        lines.append(f"- {_name(c)}: {_words(c, system)} [{c.reference}]")
    lines.append("")
    lines.append(_totals(ev, system))
    failed = [_name(c) for c in ev.checks if c.status.value == "fail"]
    lines.append(
        _("verdict: {verdict}").format(verdict=_verdict(ev.status))
        + (" " + _("({count} check(s) fail: {names})").format(
            count=len(failed), names=", ".join(failed)) if failed else "")
    )
    if ev.unverified_note:
        lines.append(ev.unverified_note)
    return "\n".join(lines)


def _totals(ev: "Evaluation", system: UnitSystem | str) -> str:
    return _("mass {mass}; cost {cost}; embodied carbon {carbon}").format(
        mass=_q(ev.mass, system), cost=_cost(ev.cost), carbon=_carbon(ev.carbon))


def _cost(q: Any) -> str:
    return _("unknown") if q is None else f"{_num(q.magnitude, '.2f')} {q.units:~P}"


def _carbon(q: Any) -> str:
    return _("unknown") if q is None else f"{_num(q.to('kgCO2e').magnitude, '.3g')} kgCO2e"


def _jq(q: Any) -> Any:
    if q is None:
        return None
    return {"value": float(q.magnitude), "unit": f"{q.units:~P}" or "1"}


def _template_dict(c: Any) -> dict[str, Any]:
    """A check's message template and named quantities (so a reader can show it in other units
    or words); nothing when the check carries no template."""
    if not getattr(c, "template", ""):
        return {}
    fragments = {k: q for k, q in c.quantities if isinstance(q, str) and "{" in q}
    named = {k: _jq(q) if hasattr(q, "units") else str(q) for k, q in c.quantities
             if k not in fragments}
    # A fragment naming other quantities ("{load} at the tip") is written into the template,
    # so a reader formats one flat English template with the quantities.
    keep = {k: "{" + k + "}" for k, _v in c.quantities}
    template = c.template.format(**{**keep, **fragments}) if fragments else c.template
    return {"template": template, "quantities": named}


def evaluation_dict(ev: "Evaluation") -> dict[str, Any]:
    """A JSON-able summary: design, values, context, checks, mass/cost/carbon, verdict."""
    d = ev.design
    params = d.params()
    ctx = ev.resolved.context
    return {
        "design": d.id,
        "version": d.version,
        "values": {n: params[n].to_text(v) for n, v in ev.resolved.values.items()},
        "context": {
            "materials": {r: m.id for r, m in ev.resolved.materials.items()},
            "stock": ctx.stock,
            "climate": ctx.climate,
            "workshop": ctx.workshop,
        },
        "checks": [
            {
                "name": c.name,
                "status": c.status.value,
                "utilisation": round(c.utilisation, 6),
                "value": _jq(c.value),
                "limit": _jq(c.limit),
                "message": c.message,
                **_template_dict(c),
                "reference": c.reference,
                "load_bearing": c.load_bearing,
                "ran": c.ran,
                "lacks": c.lacks,
            }
            for c in ev.checks
        ],
        "unverified": [{"name": c.name, "lacks": c.lacks} for c in ev.unverified],
        "mass": _jq(ev.mass),
        "cost": _jq(ev.cost),
        "carbon": _jq(ev.carbon),
        "status": ev.status,
    }


# -- Markdown and HTML check reports -------------------------------------------------------------
# One list of blocks, two renderers: what the report says is decided once, in `_blocks`.


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str


@dataclass(frozen=True)
class _Para:
    text: str


@dataclass(frozen=True)
class _List:
    items: tuple[str, ...]


@dataclass(frozen=True)
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    status_column: int | None = None
    """Index of a column holding a check status (coloured in HTML)."""
    statuses: tuple[str, ...] = ()
    """Each row's status value ("pass", "warn", "fail"): the colour, whatever the shown word."""


_Block = _Heading | _Para | _List | _Table

_STATUS_WORD = {"pass": N_("pass"), "warn": N_("warning"), "fail": N_("FAIL")}


def _util(u: float) -> str:
    return _("n/a") if math.isnan(u) else _num(u, ".2f")


def _value_rows(ev: "Evaluation") -> list[tuple[str, ...]]:
    d = ev.design
    rows = []
    for name, p in d.params().items():
        nominal = p.to_text(d.values[name])
        used = p.to_text(ev.resolved.values[name])
        default = p.to_text(p.default_value())
        note = [] if nominal == used else [
            _("actual {value} from the stock catalog").format(value=used)]
        if not p.is_visible(d):
            note.append(_("not used with these choices"))
        if nominal != default:
            note.insert(0, _("changed (default {default})").format(default=default))
        rows.append((name, p.label, nominal, "; ".join(note)))
    return rows


def _context_items(ev: "Evaluation") -> list[str]:
    ctx = ev.resolved.context
    roles = type(ev.design).roles
    used = {p.role for p in ev.geometry.parts} if ev.geometry is not None else None
    items = []
    for role, m in ev.resolved.materials.items():
        label = design_gettext(type(ev.design), roles[role].label) if role in roles else role
        unused = "" if used is None or role in used else " " + _("(no part of this build uses it)")
        items.append(_("material for {role} ({label}): {name} (`{id}`)").format(
            role=role, label=label, name=data_gettext(m.name), id=m.id) + unused)
    stock, clim, shop = ctx.stock_catalog, ctx.climate_profile, ctx.workshop_profile
    items.append(_("stock catalog: {name} (`{id}`), {region}").format(
        name=data_gettext(stock.name), id=stock.id, region=data_gettext(stock.region)))
    items.append(_("climate: {name} (`{id}`)").format(name=data_gettext(clim.name), id=clim.id))
    items.append(_("workshop: {name} (`{id}`)").format(name=data_gettext(shop.name), id=shop.id))
    return items


def _part_rows(ev: "Evaluation", system: UnitSystem | str) -> list[tuple[str, ...]]:
    if ev.geometry is None:
        return []
    summaries = {s.name: s for s in ev.parts}
    rows = []
    for p in ev.geometry.parts:
        s = summaries.get(p.name)
        size = " × ".join(f"{x:.1f}" for x in p.size)
        rows.append((
            part_name(ev.design, p.name), str(p.quantity), p.process.word,
            s.material if s else p.role, size,
            _q(s.mass if s else None, system), _cost(s.cost if s else None),
            _carbon(s.carbon if s else None),
        ))
    return rows


def _blocks(ev: "Evaluation", system: UnitSystem | str) -> list[_Block]:
    from workbench import __version__

    d = ev.design
    counts = {s: sum(1 for c in ev.checks if c.status.value == s) for s in ("pass", "warn", "fail")}
    failed = [_name(c) for c in ev.checks if c.status.value == "fail"]
    verdict = (
        _("Verdict: {verdict}. {count} checks: {passed} pass, {warned} warn, {failed} fail").format(
            verdict=_verdict(ev.status), count=len(ev.checks), passed=counts["pass"],
            warned=counts["warn"], failed=counts["fail"])
        + (f" ({', '.join(failed)})." if failed else ".")
        + (f" {ev.unverified_note}" if ev.unverified_note else "")
    )
    blocks: list[_Block] = [
        _Heading(1, _("Check report: {title}").format(title=design_gettext(d, d.title))),
        _Para(_("Design `{id}` version {version}, license {license}.").format(
            id=d.id, version=d.version, license=d.license) + f" {d.summary}"),
        _Para(verdict),
        _Heading(2, _("Context used")),
        _List(tuple(_context_items(ev))),
        _Heading(2, _("Values")),
        _Table((_("parameter"), _("what"), _("value"), _("note")), tuple(_value_rows(ev))),
        _Heading(2, _("Checks")),
        _checks_table(ev.checks, system),
    ]
    for c in ev.checks:
        value, limit = _value_limit(c, system)
        blocks += [
            _Heading(3, f"{_name(c)}: {_(_STATUS_WORD[c.status.value])}"),
            _List((
                _("utilisation {utilisation} (value {value}, limit {limit})").format(
                    utilisation=_util(c.utilisation), value=value, limit=limit),
                _("what it means: {words}").format(words=_words(c, system)),
                _("reference: {reference}").format(reference=c.reference),
            )),
        ]
    parts = _part_rows(ev, system)
    if parts:
        blocks += [
            _Heading(2, _("Parts")),
            _Table((_("part"), _("qty"), _("made by"), _("material"), _("size (mm)"), _("mass"),
                    _("cost"), _("carbon")), tuple(parts)),
        ]
    blocks += [
        _Para(_("Total: mass {mass}; cost {cost}; embodied carbon {carbon} (unknown when any "
                "part's data is missing).").format(
            mass=_q(ev.mass, system), cost=_cost(ev.cost), carbon=_carbon(ev.carbon))),
        _Para(_("Written by the cosmo-local workbench {version}. The checks are screening "
                "calculations with the references named; they do not replace an engineer's "
                "review.").format(version=__version__)),
    ]
    return blocks


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(ev: "Evaluation", system: UnitSystem | str = UnitSystem.METRIC) -> str:
    """The check report as Markdown: verdict, context, values, every check with its numbers,
    explanation and reference, the parts and the totals. No timestamps (reproducible)."""
    out: list[str] = []
    for b in _blocks(ev, system):
        if isinstance(b, _Heading):
            out += [f"{'#' * b.level} {b.text}", ""]
        elif isinstance(b, _Para):
            out += [b.text, ""]
        elif isinstance(b, _List):
            out += [f"- {item}" for item in b.items] + [""]
        else:
            out.append("| " + " | ".join(b.header) + " |")
            out.append("|" + "|".join(" --- " for _h in b.header) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222;line-height:1.45}table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.pass{background:#dff3df}td.warn{background:#fff1c9}
td.fail{background:#f8d4d4;font-weight:bold}code{background:#f3f3f3;padding:0 .2rem}"""


def _html_inline(text: str) -> str:
    """Escape `text`, then turn `code` spans into <code>."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def html_report(ev: "Evaluation", system: UnitSystem | str = UnitSystem.METRIC) -> str:
    """The check report as one self-contained HTML page (inline CSS, no scripts, nothing fetched):
    the same content as `markdown_report`, status cells coloured."""
    d = ev.design
    body: list[str] = []
    for b in _blocks(ev, system):
        if isinstance(b, _Heading):
            body.append(f"<h{b.level}>{_html_inline(b.text)}</h{b.level}>")
        elif isinstance(b, _Para):
            body.append(f"<p>{_html_inline(b.text)}</p>")
        elif isinstance(b, _List):
            body.append("<ul>" + "".join(f"<li>{_html_inline(i)}</li>" for i in b.items) + "</ul>")
        else:
            body.append(_html_table(b))
    title = html.escape(_("Check report: {title}").format(title=design_gettext(d, d.title))
                        + f" ({d.id} {d.version})")
    from workbench.i18n import get_locale

    lang = html.escape(get_locale().replace("_", "-"))
    return (
        f"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body) + "\n</body>\n</html>\n"
    )



# Notebook output shares the page with everything else: styles go inline, not in a <style> block.
_INLINE_STATUS = {"pass": "background:#dff3df", "warn": "background:#fff1c9",
                  "fail": "background:#f8d4d4;font-weight:bold"}
_INLINE_CELL = "border:1px solid #ccc;padding:.15rem .4rem;text-align:left"


def _html_table(b: _Table, inline: bool = False) -> str:
    """One table; status cells get a class (`html_report`'s CSS) or, `inline`, a style."""
    cell_style = f' style="{_INLINE_CELL}"' if inline else ""
    head = "".join(f"<th{cell_style}>{html.escape(h)}</th>" for h in b.header)
    rows = []
    for n, row in enumerate(b.rows):
        cells = []
        for i, cell in enumerate(row):
            attrs = cell_style
            if i == b.status_column:
                status = b.statuses[n] if n < len(b.statuses) else ""
                attrs = (f' style="{_INLINE_CELL};{_INLINE_STATUS.get(status, "")}"' if inline
                         else f' class="{status}"')
            cells.append(f"<td{attrs}>{html.escape(cell)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table = ' style="border-collapse:collapse"' if inline else ""
    return f"<table{table}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _checks_table(checks: Any, system: UnitSystem | str) -> _Table:
    return _Table(
        (_("status"), _("check"), _("utilisation"), _("value"), _("limit")),
        tuple((_(_STATUS_WORD.get(c.status.value, c.status.value)), _name(c),
               _util(c.utilisation), *_value_limit(c, system)) for c in checks),
        status_column=0,
        statuses=tuple(c.status.value for c in checks),
    )


def evaluation_line(ev: "Evaluation") -> str:
    """One line naming an evaluation: design, verdict, check counts, mass (a notebook's repr)."""
    d = ev.design
    counts = ", ".join(f"{sum(1 for c in ev.checks if c.status.value == s)} {s}"
                       for s in dict.fromkeys(c.status.value for c in ev.checks))
    return (f"<Evaluation {d.id} {d.version}: {ev.status.upper()}, {len(ev.checks)} checks"
            f"{f' ({counts})' if counts else ''}, mass {_q(ev.mass, UnitSystem.METRIC)}>")


def evaluation_html(ev: "Evaluation", system: UnitSystem | str = UnitSystem.METRIC) -> str:
    """A compact HTML view for notebooks: the verdict and context, the checks table (as in
    `html_report`) and the totals. Inline styles only; no scripts."""
    d = ev.design
    head = (f"<b>{html.escape(design_gettext(d, d.title))}</b> "
            f"(<code>{html.escape(d.id)}</code> {html.escape(d.version)})"
            f": <b>{html.escape(_verdict(ev.status))}</b>")
    context = "; ".join(html.escape(line) for line in context_lines(ev))
    totals = _totals(ev, system)
    return (f"<div><p style=\"margin:.2rem 0\">{head}<br><small>{context}</small></p>"
            f"{_html_table(_checks_table(ev.checks, system), inline=True)}"
            f"<p style=\"margin:.2rem 0\"><small>{html.escape(totals)}</small></p></div>")


def check_line(c: Any) -> str:
    """One line naming a check result: name, status, utilisation, value and limit."""
    system = UnitSystem.METRIC
    numbers = "" if c.value is None else f" ({_q(c.value, system)} of {_q(c.limit, system)})"
    return f"<CheckResult {c.name}: {c.status.value.upper()}, utilisation {_util(c.utilisation)}{numbers}>"


def check_html(c: Any, system: UnitSystem | str = UnitSystem.METRIC) -> str:
    """One check as a one-row table (as in `html_report`) with its message and reference."""
    return (f"<div>{_html_table(_checks_table([c], system), inline=True)}"
            f"<p style=\"margin:.2rem 0\"><small>{html.escape(_words(c, system))} "
            f"[{html.escape(c.reference)}]</small></p></div>")
