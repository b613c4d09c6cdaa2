"""Thermal movement: free expansion, the gap it needs, and buckling of a bar that cannot expand.

Free expansion ΔL = α·L·ΔT (linear thermal expansion; Gere & Goodno, Mechanics of Materials,
§2.5). A bar held between rigid stops takes a compressive force E·A·α·ΔT; it buckles
when that reaches the Euler load π²EI/(KL)², i.e. at ΔT_cr = π²·I / (α·A·(K·L)²) = π²·r²/(α·(K·L)²),
which does not depend on E (elastic buckling; check that E·α·ΔT_cr stays below yield).
Temperatures are absolute (20 degC); rises are differences (10 K or 10 delta_degC).
"""

from __future__ import annotations

import math

import pint

from workbench.checks._common import (
    _compare,
    _imperial,
    _positive,
    _q,
    _require,
    _show,
    _status,
    _temperature,
    _temperature_rise,
    _words,
)
from workbench.checks.columns import EndCondition
from workbench.i18n import N_
from workbench.checks.result import CheckResult
from workbench.checks.sections import Section
from workbench.errors import BoundsError

_EXPANSION = "ΔL = α·L·ΔT (Gere & Goodno, Mechanics of Materials, §2.5)"
_BUCKLING = "ΔT_cr = π²·r²/(α·(K·L)²), Euler buckling of a restrained bar"


def _alpha(alpha: pint.Quantity) -> float:
    """Expansion coefficient in 1/K (accepts 1/K, 1/degC, 1/degF, µm/(m·K)…)."""
    q = _require(alpha, "1/K", "alpha")
    value = float(q.to("1/K").magnitude)
    if value < 0:
        raise BoundsError(f"alpha: {q:~P} must not be negative")
    return value


def _range(t_low: pint.Quantity, t_high: pint.Quantity, low: str, high: str) -> float:
    rise = _temperature_rise(t_low, t_high, low, high)
    if rise < 0:
        raise BoundsError(f"{high}: {t_high:~P} is below {low} {t_low:~P}")
    return rise


def free_expansion(
    alpha: pint.Quantity, length: pint.Quantity, t_min: pint.Quantity, t_max: pint.Quantity
) -> pint.Quantity:
    """Total length change (mm) of a free part between its coldest and hottest temperature."""
    span = _positive(length, "mm", "length")
    return _q(_alpha(alpha) * span * _range(t_min, t_max, "t_min", "t_max"), "mm")


def expansion_gap(
    alpha: pint.Quantity, length: pint.Quantity, t_install: pint.Quantity, t_max: pint.Quantity
) -> pint.Quantity:
    """Gap (mm) to leave at installation so a part fitted at `t_install` still fits at `t_max`.

    α·L·(T_max − T_install); zero when it never gets warmer than at installation.
    """
    rise = _temperature_rise(t_install, t_max, "t_install", "t_max")
    return _q(_alpha(alpha) * _positive(length, "mm", "length") * max(rise, 0.0), "mm")


def buckling_temperature_rise(
    alpha: pint.Quantity,
    section: Section,
    length: pint.Quantity,
    end: EndCondition = EndCondition.PINNED_PINNED,
) -> pint.Quantity:
    """Temperature rise (K) at which a bar held between rigid stops buckles: π²r²/(α(KL)²)."""
    a = _alpha(alpha)
    if a == 0:
        raise BoundsError("alpha: 0 1/K means the part never expands, so it cannot buckle")
    r = _positive(section.r, "mm", "section.r")
    le = EndCondition(end).k * _positive(length, "mm", "length")
    return _q(math.pi**2 * r**2 / (a * le**2), "K")


def _temp_unit(*values: pint.Quantity) -> tuple[str, str]:
    return ("degF", "delta_degF") if _imperial(*values) else ("degC", "K")


def expansion_gap_check(
    alpha: pint.Quantity,
    length: pint.Quantity,
    gap: pint.Quantity,
    t_install: pint.Quantity,
    t_max: pint.Quantity,
    *,
    name: str = N_("expansion gap"),
) -> CheckResult:
    """Growth from installation to the hottest service temperature against the gap left."""
    growth = expansion_gap(alpha, length, t_install, t_max)
    room = _q(_positive(gap, "mm", "gap"), "mm")
    unit = "inch" if _imperial(length, gap) else "mm"
    t_unit, _ = _temp_unit(t_install, t_max, length)
    message = _words(
        N_("The {length} part grows {growth} from {t_install} to {t_max}; the gap left is {gap}."),
        length=(_require(length, "mm", "length"), unit), growth=(growth, unit),
        t_install=(t_install, t_unit), t_max=(t_max, t_unit), gap=(room, unit),
    )
    return _compare(name, growth.to(unit), room.to(unit), message=message, reference=_EXPANSION)


def thermal_buckling_check(
    alpha: pint.Quantity,
    section: Section,
    length: pint.Quantity,
    t_install: pint.Quantity,
    t_max: pint.Quantity,
    *,
    end: EndCondition = EndCondition.PINNED_PINNED,
    name: str = N_("thermal buckling"),
) -> CheckResult:
    """Warming from installation to `t_max` against the rise that buckles a bar held at both ends.

    `value` is the hottest temperature and `limit` the temperature at which the bar buckles
    (installation temperature + ΔT_cr), both absolute; utilisation is rise / ΔT_cr.
    """
    rise = max(_temperature_rise(t_install, t_max, "t_install", "t_max"), 0.0)
    critical = float(buckling_temperature_rise(alpha, section, length, end).to("K").magnitude)
    utilisation = float(f"{rise / critical:.12g}")
    t_unit, d_unit = _temp_unit(t_install, t_max, length)
    buckles_at = (_q(_temperature(t_install, "t_install") + critical, "K")).to(t_unit)
    message = (
        f"Held between fixed ends, the part buckles after a {_show(_q(critical, 'K'), d_unit)} "
        f"rise; from {_show(t_install, t_unit)} to {_show(t_max, t_unit)} it warms "
        f"{_show(_q(rise, 'K'), d_unit)}."
    )
    return CheckResult(
        name, _status(utilisation), utilisation, t_max.to(t_unit), buckles_at, message, _BUCKLING
    )
