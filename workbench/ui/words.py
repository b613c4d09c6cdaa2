"""The panel's own words, translated, and put back in another language when the user switches.

`put(widget, attr, make)` sets ``widget.attr = make()`` (``make`` calls `workbench.i18n._`) and
remembers it; `relabel()` runs every remembered ``make`` again in the current language. Widgets
are held weakly: a closed panel's widgets are not kept alive for this.
"""

from __future__ import annotations

import weakref
from typing import Any, Callable

_PUT: list[tuple["weakref.ref[Any]", str, Callable[[], Any]]] = []


def put(widget: Any, attr: str, make: Callable[[], Any]) -> Any:
    """Set `widget.attr` to `make()` now and again at every `relabel`; returns the widget."""
    setattr(widget, attr, make())
    if len(_PUT) % 1024 == 1023:  # panels opened and dropped: forget their widgets now and then
        _PUT[:] = [entry for entry in _PUT if entry[0]() is not None]
    _PUT.append((weakref.ref(widget), attr, make))
    return widget


def relabel() -> None:
    """Every remembered word of every live panel, in the current language."""
    alive = []
    for ref, attr, make in _PUT:
        w = ref()
        if w is None:
            continue
        alive.append((ref, attr, make))
        setattr(w, attr, make())
    _PUT[:] = alive
