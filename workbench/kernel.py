"""Lazy access to CadQuery for design files.

Design files write ``from workbench.kernel import cq`` and use ``cq.Workplane`` inside `build`.
Importing a design (for `workbench list` / `show`) therefore does not import CadQuery, which takes
seconds; the first attribute access does.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _LazyModule(ModuleType):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._module: ModuleType | None = None

    def _load(self) -> ModuleType:
        if self._module is None:
            self._module = importlib.import_module(self.__name__)
        return self._module

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._load(), attr)

    def __dir__(self) -> list[str]:
        return dir(self._load())


cq: Any = _LazyModule("cadquery")
