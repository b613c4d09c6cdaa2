"""The notebook face: parameter → widget mapping, the local-context form, the 3D viewer adapter,
the checks and export views, and the workbench panel that holds them. Needs ipywidgets.

    import workbench as wb
    wb.open("bracket")          # in JupyterLab or Voila: the whole panel
"""

from __future__ import annotations

from workbench.ui.panel import Workbench

__all__ = ["Workbench"]
