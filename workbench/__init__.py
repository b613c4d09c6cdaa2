"""Cosmo-local workbench: adapt open parametric designs to local stock, materials and climate,
check them, export fabrication files and share the variants back.

Quick use::

    import workbench as wb
    bracket = wb.design("bracket", arm="8 in")
    ev = wb.evaluate(bracket, wb.Context(stock="us-customary", climate="hot-arid"))

Names are imported on first use so that ``import workbench`` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Light modules (no pint, no CadQuery) are imported here; binding the functions now also keeps
# `workbench.evaluate` / `workbench.export` the functions after their modules are imported.
from workbench.design import Design, Part, Process, Role  # noqa: E402
from workbench.errors import WorkbenchError  # noqa: E402
from workbench.evaluate import Evaluation, evaluate  # noqa: E402
from workbench.export import Format, export  # noqa: E402

_LAZY = {
    "Context": "workbench.context",
    "ureg": "workbench.units",
    "Q_": "workbench.units",
    "Workbench": "workbench.ui",  # needs ipywidgets: imported only when asked for
}

__all__ = [
    "design", "designs", "Design", "Part", "Process", "Role", "WorkbenchError", "Evaluation",
    "evaluate", "Format", "export", "open", *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    if name in ("catalog", "units", "params", "geometry", "checks", "context", "report"):
        return import_module(f"workbench.{name}")
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")


def designs() -> list[str]:
    """Ids of every design found."""
    from workbench import catalog

    return list(catalog.entries())


def design(design_id: str, **values: Any) -> Any:
    """A design instance by id with `values` (any unit: ``arm="8 in"``), validated."""
    from workbench import catalog

    return catalog.get(design_id)(**values)


def open(design_id: str, *, lang: str | None = None, viewer: str = "light",  # noqa: A001
         **values: Any) -> Any:
    """The notebook panel of design `design_id` with `values` set: display it in JupyterLab/Voila.

    `lang` ("es", "fr", "pt_BR", "sw_KE", "hi"…) sets the panel's words and numbers
    (`workbench.i18n.set_locale`); without it, a language chosen before in the session, else
    Voila's ``?lang=``, else JupyterLab's language, else LANG, else English (`Workbench`).
    `viewer` is "light" (the default: a plain three.js view that redraws fast;
    workbench/ui/light.py) or "full" (cad-viewer-widget: part tree, measuring and clipping tools).
    """
    from workbench import catalog
    from workbench.ui import Workbench

    return Workbench(catalog.get(design_id)(**values), lang=lang, viewer=viewer)
