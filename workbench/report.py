"""Plain-text and JSON views of an evaluation (the CLI's `check` output and the bundle's report)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.units import UnitSystem, fmt

if TYPE_CHECKING:
    import pint

    from workbench.evaluate import Evaluation

_MARK = {"pass": "PASS", "warn": "WARN", "fail": "FAIL"}


def _q(q: "pint.Quantity | None", system: UnitSystem | str) -> str:
    return "unknown" if q is None else fmt(q, system)


def context_lines(ev: "Evaluation") -> list[str]:
    """The local context an evaluation used, one line each."""
    ctx = ev.resolved.context
    mats = ", ".join(f"{role}={m.id}" for role, m in ev.resolved.materials.items()) or "none"
    return [
        f"materials: {mats}",
        f"stock: {ctx.stock}; climate: {ctx.climate}; workshop: {ctx.workshop}",
    ]


def check_table(ev: "Evaluation", system: UnitSystem | str = UnitSystem.METRIC) -> str:
    """A fixed-width table of every check, then mass, cost and carbon, then the verdict."""
    d = ev.design
    lines = [f"{d.id} {d.version} {d!r}", *context_lines(ev), ""]
    rows = [("status", "check", "util.", "value", "limit")]
    for c in ev.checks:
        rows.append((_MARK[c.status.value], c.name, f"{c.utilisation:.2f}",
                     _q(c.value, system), _q(c.limit, system)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
    for c in ev.checks:
        lines.append(f"- {c.name}: {c.message} [{c.reference}]")
    lines.append("")
    lines.append(
        f"mass {_q(ev.mass, system)}; cost {_cost(ev.cost)}; embodied carbon {_carbon(ev.carbon)}"
    )
    failed = [c.name for c in ev.checks if c.status.value == "fail"]
    lines.append(
        f"verdict: {ev.status.upper()}"
        + (f" ({len(failed)} check(s) fail: {', '.join(failed)})" if failed else "")
    )
    return "\n".join(lines)


def _cost(q: Any) -> str:
    return "unknown" if q is None else f"{q.magnitude:.2f} {q.units:~P}"


def _carbon(q: Any) -> str:
    return "unknown" if q is None else f"{q.to('kgCO2e').magnitude:.3g} kgCO2e"


def _jq(q: Any) -> Any:
    if q is None:
        return None
    return {"value": float(q.magnitude), "unit": f"{q.units:~P}" or "1"}


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
                "reference": c.reference,
            }
            for c in ev.checks
        ],
        "mass": _jq(ev.mass),
        "cost": _jq(ev.cost),
        "carbon": _jq(ev.carbon),
        "status": ev.status,
    }
