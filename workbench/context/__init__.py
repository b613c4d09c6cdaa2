"""Local context from the data in `materials/`: materials, stock catalogs, climates, workshops.

Nothing is read at import time; each file is read on first use and cached by path and
modification time, so an edited file is picked up and changes `Context.key()`.

    from workbench.context import Context, material
    material("pla").hdt                       # 55 °C (Prusament PLA datasheet)
    Context(stock="us-customary").stock_catalog.sheets("plywood-softwood")
    materials_in_family("plywood")            # materials an adaptation may swap for each other
    stock_catalog("india").substitutes("plywood-birch", "sheet")   # … that a place sells
"""

from __future__ import annotations

from workbench.context._data import ENV_VAR, MATERIALS_DIR, materials_dir
from workbench.context.climate import (
    Climate, SolarExposure, WindBasis, climate, climates, load_climate_file, solar_class,
)
from workbench.context.context import Context
from workbench.context.materials import (
    Material, MaterialFamily, MaterialKind, MaterialProcess, material, materials, materials_in_family,
)
from workbench.context.stock import Shape, StockCatalog, StockItem, StockKind, stock_catalog, stock_catalogs
from workbench.context.workshops import Workshop, workshop, workshops

__all__ = [
    "ENV_VAR", "MATERIALS_DIR", "Climate", "Context", "Material", "MaterialFamily", "MaterialKind",
    "MaterialProcess", "materials_in_family",
    "Shape", "SolarExposure", "StockCatalog", "StockItem", "StockKind", "WindBasis", "Workshop",
    "climate", "climates", "load_climate_file", "material", "materials", "materials_dir",
    "solar_class", "stock_catalog", "stock_catalogs", "workshop", "workshops",
]
