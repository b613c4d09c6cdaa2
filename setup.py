"""Maps the repository's top-level `designs/` and `materials/` into the wheel as package data.

The project card fixes the top level of the repository, so the shipped designs and data stay
where contributors find them; a wheel carries them as ``workbench/_shipped/designs`` and
``workbench/_shipped/materials`` (read through `workbench.paths`). Everything else about the
package is declared in pyproject.toml.
"""

import warnings

from setuptools import find_packages, setup

# Design folders such as `designs/bracket` (and `workbench/bundle/spdx`) look like namespace
# packages to setuptools, which warns that they are "absent from packages": they are data, copied
# whole by the globs below.
warnings.filterwarnings("ignore", message=r"Package 'workbench\.(_shipped\..*|bundle\.spdx)' is absent")

SHIPPED = {"workbench._shipped.designs": "designs", "workbench._shipped.materials": "materials"}

setup(
    packages=find_packages(include=["workbench", "workbench.*"]) + list(SHIPPED),
    package_dir=SHIPPED,
    # The license texts bundles copy (workbench/bundle/spdx): data inside a package; the
    # compiled message catalogs (workbench.i18n; `make translations` writes them); the light 3D
    # view's built front end (`make viewer-js`).
    package_data={"workbench.bundle": ["spdx/*"],
                  "workbench": ["locale/*/LC_MESSAGES/*.mo", "ui/static/*.js"],
                  **{name: ["**/*"] for name in SHIPPED}},
    exclude_package_data={name: ["**/__pycache__/*", "**/*.pyc"] for name in SHIPPED},
)
