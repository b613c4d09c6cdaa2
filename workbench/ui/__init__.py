"""The notebook face: parameter → widget mapping, the local-context form, the 3D viewer adapter,
the checks and export views, and the workbench panel that holds them. Needs ipywidgets.

    import workbench as wb
    wb.open("bracket")          # in JupyterLab or Voila: the whole panel
"""

from __future__ import annotations

from workbench.errors import WorkbenchError

_NOTEBOOK_PACKAGES = ("ipywidgets", "cad_viewer_widget", "ocp_tessellate", "IPython")
"""What the [notebook] extra installs (pyproject.toml); the command line needs none of it."""

try:
    from workbench.ui.panel import Workbench
except ModuleNotFoundError as exc:  # a plain `pip install`: say which extra brings the panel
    if exc.name is None or exc.name.split(".")[0] not in _NOTEBOOK_PACKAGES:
        raise
    raise WorkbenchError(
        f"the notebook panel needs {exc.name.split('.')[0]}, which the [notebook] extra installs: "
        "pip install 'cosmo-workbench[notebook]'"
    ) from None

__all__ = ["Workbench"]
