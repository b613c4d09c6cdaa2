"""Durability: what rots or breaks down long before it is overloaded. These are warnings with the
remedy, not structural checks (they are not load-bearing: the verdict can still pass).

- Timber in contact with the ground or holding wet soil is in use class 4 (EN 335:2013, "in
  contact with ground or fresh water"). It needs timber of natural durability class 1 or 2
  against fungi (EN 350:2016) or timber preservative-treated for use class 4 (EN 351-1), or the
  posts kept out of the ground (a metal post shoe or a post on a paving slab).
- Plastics in sunlight: ultraviolet light embrittles and yellows most printed plastics (PLA,
  PETG, ABS); ASA is made for outdoor use (Prusa Polymers' Prusament ASA is sold as UV-resistant).
  Print it in ASA, paint it, or keep it shaded.
"""

from __future__ import annotations

import math

from workbench.i18n import N_
from workbench.checks.result import CheckResult, Status

_EN335 = "EN 335:2013 use class 4; EN 350:2016 durability classes; EN 351-1 treatment"
_UV = "UV degradation of plastics in sunlight (remedy: a UV-stable filament such as ASA, or paint)"


def ground_contact_warning(what: str, *materials: str, name: str = N_("ground contact")) -> CheckResult:
    """A warning that `what` is in use class 4 (EN 335), with the remedy."""
    used = " and ".join(dict.fromkeys(m for m in materials if m))
    return CheckResult(
        name, Status.WARN, math.nan, None, None,
        f"{what}: use class 4 (EN 335). Untreated {used or 'timber'} of low natural durability "
        "rots there in a few years: use timber of durability class 1–2 (EN 350) or treated for "
        "use class 4, or keep the posts out of the ground in metal post shoes.",
        _EN335,
    ).with_words(N_("{what}: use class 4 (EN 335). Untreated {material} of low natural durability "
                    "rots there in a few years: use timber of durability class 1–2 (EN 350) or "
                    "treated for use class 4, or keep the posts out of the ground in metal post "
                    "shoes."), {"what": what, "material": used or N_("timber")})


def uv_warning(material: str, *, name: str = N_("sunlight (UV)")) -> CheckResult:
    """A warning that a plastic part in the sun degrades, with the remedy."""
    return CheckResult(
        name, Status.WARN, math.nan, None, None,
        f"In the sun, ultraviolet light embrittles {material} over months to years unless it is "
        "UV-stabilised: print it in a UV-stable filament (ASA), paint it, or shade it.",
        _UV,
    ).with_words(N_("In the sun, ultraviolet light embrittles {material} over months to years "
                    "unless it is UV-stabilised: print it in a UV-stable filament (ASA), paint "
                    "it, or shade it."), {"material": material})
