"""Timber and wood-based panels to EN 1995-1-1:2004 (Eurocode 5): the design strength every timber
check uses, f_d = k_mod·f_k/γ_M (§2.4.1 Eq. 2.14).

k_mod by product, service class and load-duration class is Table 3.1; γ_M is Table 2.3 (the
recommended values; a National Annex may change them). Solid timber (EN 14081-1), glued
laminated timber (EN 14080), LVL (EN 14374) and plywood (EN 636 part 1, 2 or 3 for service class
1, 2 or 3) share one row of Table 3.1:

| service class | permanent | long-term | medium-term | short-term | instantaneous |
| 1, 2          | 0.60      | 0.70      | 0.80        | 0.90       | 1.10          |
| 3             | 0.50      | 0.55      | 0.65        | 0.70       | 0.90          |

(as implemented in the open-source metku package, eurocodes/en1995, `kmod_data`). Table 2.2 names
what each duration means: permanent > 10 years (self weight, the soil a bed holds), long-term
6 months–10 years (storage: a loaded shelf), medium-term 1 week–6 months, short-term < 1 week
(snow), instantaneous (wind, accidental).
"""

from __future__ import annotations

from enum import Enum

import pint

from workbench.checks._common import _positive, _q
from workbench.errors import BoundsError

REFERENCE = "EN 1995-1-1:2004 §2.4.1 Eq. 2.14, f_d = k_mod·f_k/γ_M; k_mod Table 3.1, γ_M Table 2.3"


class LoadDuration(Enum):
    """EN 1995-1-1 Table 2.1/2.2 load-duration classes."""

    PERMANENT = "permanent"
    LONG_TERM = "long-term"
    MEDIUM_TERM = "medium-term"
    SHORT_TERM = "short-term"
    INSTANTANEOUS = "instantaneous"


class TimberProduct(Enum):
    """A product row of EN 1995-1-1 Tables 2.3 and 3.1, with its partial factor γ_M."""

    SOLID = "solid timber"
    GLULAM = "glued laminated timber"
    LVL = "LVL"
    PLYWOOD = "plywood"
    CONNECTION = "connection"

    @property
    def gamma_m(self) -> float:
        """γ_M, EN 1995-1-1 Table 2.3 (fundamental combinations): solid 1.3, glulam 1.25,
        LVL, plywood and OSB 1.2, connections 1.3."""
        return {"SOLID": 1.3, "GLULAM": 1.25, "LVL": 1.2, "PLYWOOD": 1.2, "CONNECTION": 1.3}[
            self.name
        ]


_K_MOD = {
    # service classes 1 and 2, then 3 (Table 3.1: solid timber, glulam, LVL, plywood)
    (1, 2): (0.60, 0.70, 0.80, 0.90, 1.10),
    (3,): (0.50, 0.55, 0.65, 0.70, 0.90),
}


def k_mod(service_class: int, duration: LoadDuration | str) -> float:
    """k_mod for solid timber, glulam, LVL or plywood (EN 1995-1-1 Table 3.1).

    A connection between two of them takes the k_mod of the members (§2.3.2.1(2); with two
    different products, √(k_mod,1·k_mod,2)); a connection within one product uses this value.
    """
    if service_class not in (1, 2, 3):
        raise BoundsError(f"service_class: {service_class!r} must be 1, 2 or 3 (EN 1995-1-1 §2.3.1.3)")
    dur = LoadDuration(duration)
    row = _K_MOD[(1, 2)] if service_class in (1, 2) else _K_MOD[(3,)]
    return row[list(LoadDuration).index(dur)]


def design_strength(
    characteristic: pint.Quantity,
    product: TimberProduct | str,
    *,
    service_class: int,
    duration: LoadDuration | str,
) -> pint.Quantity:
    """f_d = k_mod·f_k/γ_M (MPa, or the unit of `characteristic`), EN 1995-1-1 Eq. 2.14.

    `characteristic` is the 5 % value f_k (EN 338 f_m,k for bending; a plywood maker's
    characteristic value); never a mean.
    """
    f_k = _positive(characteristic, "MPa", "characteristic")
    prod = TimberProduct(product)
    value = k_mod(service_class, duration) * f_k / prod.gamma_m
    return _q(value, "MPa").to(characteristic.units)


def basis(product: TimberProduct | str, *, service_class: int, duration: LoadDuration | str) -> str:
    """One line naming the factors used, for a check's reference."""
    prod = TimberProduct(product)
    dur = LoadDuration(duration)
    return (
        f"f_d = k_mod·f_k/γ_M with k_mod {k_mod(service_class, dur):g} ({prod.value}, service "
        f"class {service_class}, {dur.value}) and γ_M {prod.gamma_m:g} ({REFERENCE})"
    )
