"""Stability: a free-standing piece tipping over under a push, an unbraced frame racking sideways.

Tipping (static equilibrium, EN 1990:2002 §6.4.2 EQU with Table A1.2(A)): the overturning moment
of the design push, γ_Q·F·h (γ_Q = 1.5), must not exceed the restoring moment of the piece's own
weight about the edge it tips over, γ_G,inf·W·b (γ_G,inf = 0.9, a favourable permanent action).
Utilisation = 1.5·F·h / (0.9·W·b).

The push itself: EN 14749:2016 (domestic storage furniture), Table 3 test 5.6.2, with the test
method of EN 16122:2012 §11.2.2: a unit that is, or can be adjusted to be, more than 1000 mm tall,
doors and drawers closed and unloaded, must not overturn under a vertical force of 350 N together
with an outward horizontal force of 50 N (units of 1000 mm or less get a 750 N vertical force 50 mm
from the outer edge instead, §11.2.1). Values as quoted from EN 14749:2016 Table 3 in a test
laboratory's report (report no. 891928-1, appendix p. 3 of 4, "Testing of Model: Hinge/Cabinet",
https://paperturn-view.com/zystm/zystm-hinges-etc?p=11); test method text: BS EN 16122:2012 §11
(BSI, 2012). The check applies the 50 N at the top and leaves the 350 N vertical force out: acting
on the top 50 mm inside its outer edge, over the base, it only adds to the restoring moment, so
leaving it out is on the safe side. The EQU factors on a test force are a further margin.

Racking of an unbraced frame with pinned feet (a portal): a sideways push H at the top shared by
n legs gives each leg a shear H/n and a moment (H/n)·h at its joint with the top rails, which the
leg and the joint's welds must carry (portal method: Hibbeler, Structural Analysis, 8th ed.,
§7.5, approximate analysis of portal frames with pinned supports).
"""

from __future__ import annotations

import dataclasses

import pint

from workbench.checks._common import _compare, _imperial, _positive, _q, _require, _show, _words
from workbench.i18n import N_
from workbench.checks.result import CheckResult, Status

GAMMA_Q_EQU = 1.5
"""EN 1990:2002 Table A1.2(A): γ_Q for a variable action, unfavourable (EQU)."""
GAMMA_G_INF_EQU = 0.9
"""EN 1990:2002 Table A1.2(A): γ_G,j,inf for a favourable permanent action (EQU)."""
STORAGE_PUSH_N = 50.0
"""EN 14749:2016 Table 3 test 5.6.2 (EN 16122:2012 §11.2.2): the outward horizontal force (N) a
free-standing storage unit taller than 1000 mm must resist, unloaded, doors closed."""
STORAGE_PUSH_VERTICAL_N = 350.0
"""The vertical force (N) applied together with `STORAGE_PUSH_N` in the same test (left out of
the check: on the top inside the base it only stabilises)."""
_STORAGE_TEST = "EN 14749:2016 Table 3 test 5.6.2 / EN 16122:2012 §11.2.2"
STORAGE_PUSH_SOURCE = f"{_STORAGE_TEST}: 50 N outward with 350 N down, units taller than 1000 mm"

_REFERENCE = ("Overturning: 1.5·F·h ≤ 0.9·W·b (EN 1990:2002 §6.4.2 EQU, Table A1.2(A)); the push "
              f"is the user's input (storage furniture: {STORAGE_PUSH_SOURCE})")


def tipping_push(weight: pint.Quantity, lever: pint.Quantity, height: pint.Quantity) -> pint.Quantity:
    """The design push (N) at `height` that tips a piece of `weight` about an edge `lever` from its
    centre of gravity: F = 0.9·W·b/(1.5·h)."""
    w = _positive(weight, "N", "weight")
    b = _positive(lever, "mm", "lever")
    h = _positive(height, "mm", "height")
    return _q(GAMMA_G_INF_EQU * w * b / (GAMMA_Q_EQU * h), "N")


def tipping_check(
    weight: pint.Quantity, lever: pint.Quantity, push: pint.Quantity | None,
    height: pint.Quantity, *, what: str = N_("It"), remedy: str = "", name: str = N_("tip-over"),
    strapped: bool = False,
) -> CheckResult:
    """The overturning moment of `push` at `height` against the restoring moment of `weight`
    (EN 1990 EQU). With no push (None or 0) the check cannot run and says what push tips it.
    `strapped`: the piece is made to be strapped to the wall (EN 14749 then tests the fixing,
    EN 16122 §10.2, not free-standing tipping), so tipping free-standing warns (strap it) instead
    of failing. Load-bearing."""
    tips = tipping_push(weight, lever, height)
    unit = "lbf" if _imperial(weight, lever, height) else "N"
    length = "inch" if unit == "lbf" else "mm"
    limit_named = dict(
        what=what, tips=(tips, unit), height=(_require(height, "mm", "height"), length),
        weight=(_require(weight, "N", "weight"), unit),
        lever=(_require(lever, "mm", "lever"), length),
    )
    # the remedy, a marked sentence of the caller's, is its own word (translated as it is)
    remedy_words = {"remedy": " {advice}", "advice": remedy} if remedy else {"remedy": ""}
    if push is None or float(_require(push, "N", "push").m_as("N")) <= 0:
        unset = _words(
            N_("{what} tips over when pushed with {tips} at {height} (its own weight {weight}, "
               "{lever} from its centre to the edge it tips over, EQU factors 0.9 and 1.5). No "
               "push is set, so tipping is not checked: set 'Sideways push' to the force your "
               "use calls for.{remedy}"),
            **remedy_words, **limit_named)
        return CheckResult.cannot_run(
            name, "the sideways push to resist (set 'Sideways push'; storage furniture taller "
            f"than 1000 mm: {STORAGE_PUSH_N:g} N, {_STORAGE_TEST})",
            unset.text, _REFERENCE, value=tips.to(unit),
        ).with_words(unset.template, unset.quantities, unset.system)
    f = _q(_positive(push, "N", "push"), "N")
    template = N_("{what} tips over when pushed with {tips} at {height} (its own weight "
                  "{weight}, {lever} from its centre to the edge it tips over, EQU factors "
                  "0.9 and 1.5); the push is {push}.{remedy}{strap}")
    named = dict(push=(f, unit), **remedy_words, **limit_named)
    res = _compare(name, f.to(unit), tips.to(unit), message=_words(template, strap="", **named),
                   reference=_REFERENCE, load_bearing=True)
    if strapped and res.status is Status.FAIL:
        strap = N_(" Free-standing it tips: it must be strapped to the wall (the strap and its "
                   "wall fixing are not checked).")
        words = _words(template, strap=strap, **named)
        return dataclasses.replace(res, status=Status.WARN, message=words.text).with_words(
            words.template, words.quantities, words.system)
    return res


def portal_leg_moment(push: pint.Quantity, height: pint.Quantity, legs: int) -> pint.Quantity:
    """Moment (N·mm) at the top of each leg of a pinned-foot portal under a sideways `push` at
    `height`, shared by `legs` legs: (H/n)·h (portal method)."""
    h_force = float(_require(push, "N", "push").m_as("N"))
    h = _positive(height, "mm", "height")
    if legs < 1:
        raise ValueError("legs must be at least 1")
    return _q(abs(h_force) / legs * h, "N*mm")
