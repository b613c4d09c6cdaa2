"""The local context a design is adapted to: materials per role, stock, climate and workshop."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Any, Mapping, Union

from workbench.context._data import load_doc, materials_dir
from workbench.context.climate import Climate, climate
from workbench.context.materials import Material, material
from workbench.context.stock import StockCatalog, stock_catalog
from workbench.context.workshops import Workshop, workshop
from workbench.errors import UnknownNameError

Roles = Union[Mapping[str, str], tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class Context:
    """Where a design is made: material id per role, stock catalog, climate and workshop ids.

    `materials` is given as a mapping (role → material id) and stored as a sorted tuple of pairs so
    the context hashes; ``dict(ctx.materials)`` gives the mapping back. `climate` may also be the
    path of a user climate file (``"shed.toml"``). Names are checked by `validate()`, not on
    construction, so a context can be built before the data it names is read.
    """

    materials: Roles = ()
    stock: str = "eu-metric"
    climate: str = "temperate-oceanic"
    workshop: str = "generic-makerspace"

    def __post_init__(self) -> None:
        pairs = self.materials.items() if isinstance(self.materials, Mapping) else self.materials
        norm = tuple(sorted((str(r), str(m)) for r, m in pairs))
        object.__setattr__(self, "materials", norm)

    def evolve(self, **changes: Any) -> "Context":
        """A copy with `changes` (``materials=`` replaces the whole role mapping)."""
        return dataclasses.replace(self, **changes)

    @property
    def roles(self) -> dict[str, str]:
        """The material id chosen per role."""
        return dict(self.materials)

    def material_for(self, role: str) -> Material:
        """The material chosen for `role`; `UnknownNameError` when the role has none."""
        roles = self.roles
        if role not in roles:
            raise UnknownNameError(
                f"no material chosen for role '{role}'; roles: {', '.join(roles) or 'none'}"
            )
        return material(roles[role])

    @property
    def stock_catalog(self) -> StockCatalog:
        return stock_catalog(self.stock)

    @property
    def climate_profile(self) -> Climate:
        return climate(self.climate)

    @property
    def workshop_profile(self) -> Workshop:
        return workshop(self.workshop)

    def validate(self) -> "Context":
        """Raise `UnknownNameError` for the first unknown material, catalog, climate or workshop."""
        for _, mat in self.materials:
            material(mat)
        stock_catalog(self.stock)
        climate(self.climate)
        workshop(self.workshop)
        return self

    def key(self) -> str:
        """Stable text for cache keys: the names and a digest of every data file they read.

        Editing a data file (materials, the catalog, the climate, the workshops) changes the key.
        """
        base = materials_dir()
        files = [load_doc(base / "materials.toml"), load_doc(base / "workshops.toml")]
        # Through the loaders, so an unknown name is "unknown stock catalog 'x'; known: …".
        catalog, clim = stock_catalog(self.stock), climate(self.climate)
        h = hashlib.sha256()
        for doc in files:
            h.update(f"{doc.shown}\0{doc.digest}\0".encode())
        h.update(f"stock\0{catalog.digest}\0climate\0{clim.digest}".encode())
        roles = ",".join(f"{r}={m}" for r, m in self.materials)
        return (
            f"materials[{roles}];stock={self.stock};climate={self.climate};"
            f"workshop={self.workshop};data={h.hexdigest()[:16]}"
        )
