"""Climate profiles from `materials/climate/*.toml`, and user-defined ones from any file or dict.

A climate file has top-level keys only: ``name``, optional ``source`` (the default for every
value), the values, and a ``[sources]`` table. Its id is the file name without ``.toml``.
"""

from __future__ import annotations

from workbench.caches import register

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import pint

from workbench.context._data import (
    NON_NEGATIVE, POSITIVE, Doc, Entry, Range, check_id, load_doc, materials_dir, unknown,
)
from workbench.errors import DataError


class WindBasis(str, Enum):
    """What a basic wind speed means; values from different bases are not comparable."""

    MEAN_10MIN = "10min-mean"
    """10-minute mean at 10 m in open country, 50-year return (EN 1991-1-4 v_b,0)."""
    GUST_3S = "3s-gust"
    """3-second gust at 10 m (ASCE 7 basic wind speed)."""
    NATIONAL = "national"
    """A national code's design speed at 10 m; the citation says which."""


class SolarExposure(str, Enum):
    """Sunshine class from annual sunshine hours (project convention, see `solar_class`)."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    VERY_HIGH = "very-high"


# field → (unit, what, example)
FIELDS: dict[str, tuple[str, str, str]] = {
    "t_min": ("degC", "a temperature", "-20 degC"),
    "t_max": ("degC", "a temperature", "45 degC"),
    "t_mean_min": ("degC", "a temperature", "10 degC"),
    "t_mean_max": ("degC", "a temperature", "32 degC"),
    "rh_min": ("percent", "a relative humidity", "20 percent"),
    "rh_max": ("percent", "a relative humidity", "80 percent"),
    "sunshine": ("hour/year", "annual sunshine hours", "3000 hour/year"),
    "snow_load": ("kN/m**2", "a snow load", "0.7 kN/m^2"),
    "wind_speed": ("m/s", "a wind speed", "27 m/s"),
}

# What each value may be (in its unit above). Air temperatures lie within the extremes ever
# recorded, as recognised by the WMO: highest 56.7 degC (Greenland Ranch, Death Valley, 10 July
# 1913; recognised 13 Sep 2012), lowest -89.2 degC (Vostok, Antarctica, 21 July 1983). Source:
# Guinness World Records, "Hottest places" (guinnessworldrecords.com/world-records/66559-hottest-places),
# which cites the WMO World Weather and Climate Extremes Archive (wmo.asu.edu). Relative humidity is 0-100 %; a year has at most
# 366 x 24 = 8784 hours of sunshine; loads are not negative; a wind speed is above 0.
AIR_TEMPERATURE = Range(low=-89.2, high=56.7, low_open=False, high_open=False)
RANGES: dict[str, Range] = {
    "t_min": AIR_TEMPERATURE,
    "t_max": AIR_TEMPERATURE,
    "t_mean_min": AIR_TEMPERATURE,
    "t_mean_max": AIR_TEMPERATURE,
    "rh_min": Range(low=0.0, high=100.0, low_open=False),
    "rh_max": Range(low=0.0, high=100.0, low_open=False),
    "sunshine": Range(low=0.0, high=8784.0, low_open=False),
    "snow_load": NON_NEGATIVE,
    "wind_speed": POSITIVE,
}


def solar_class(sunshine: pint.Quantity) -> SolarExposure:
    """Class of annual sunshine: < 1600 h low, < 2400 h moderate, < 3000 h high, else very high.

    The thresholds are this project's convention for sorting climates, not data; checks that need
    irradiance should use a sourced value instead.
    """
    h = float(sunshine.to("hour/year").magnitude)
    if h < 1600:
        return SolarExposure.LOW
    if h < 2400:
        return SolarExposure.MODERATE
    if h < 3000:
        return SolarExposure.HIGH
    return SolarExposure.VERY_HIGH


@dataclass(frozen=True)
class Climate:
    """A place's climate for design: sourced values, None where not sourced.

    `t_min` / `t_max` are design extremes of shade air temperature (a station record or an
    n-year return value: the citation says which); `t_mean_min` / `t_mean_max` are the mean daily
    minimum of the coldest month and mean daily maximum of the hottest month (climate normals).
    `rh_min` / `rh_max` bound the monthly mean relative humidity. `snow_load` is the characteristic
    ground snow load s_k; `wind_speed` the basic wind speed on `wind_basis`.
    """

    id: str
    name: str
    koppen: Optional[str] = None
    t_min: Optional[pint.Quantity] = None
    t_max: Optional[pint.Quantity] = None
    t_mean_min: Optional[pint.Quantity] = None
    t_mean_max: Optional[pint.Quantity] = None
    rh_min: Optional[pint.Quantity] = None
    rh_max: Optional[pint.Quantity] = None
    sunshine: Optional[pint.Quantity] = None
    snow_load: Optional[pint.Quantity] = None
    wind_speed: Optional[pint.Quantity] = None
    wind_basis: Optional[WindBasis] = None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    digest: str = field(default="", compare=False)

    @property
    def s_k(self) -> Optional[pint.Quantity]:
        return self.snow_load

    @property
    def v_b0(self) -> Optional[pint.Quantity]:
        return self.wind_speed

    @property
    def solar(self) -> Optional[SolarExposure]:
        """Sunshine class from `sunshine` (None when sunshine hours are not sourced)."""
        return None if self.sunshine is None else solar_class(self.sunshine)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: str = "custom", origin: str = "<dict>") -> "Climate":
        """A user climate from a mapping shaped like a climate file (with a "sources" table).

        Values may be text with units or pint quantities; each needs a source like in a file.
        """
        check_id(Doc(Path(origin), origin, {}, {}, ""), "id", id)
        sources = data.get("sources", {})
        if not isinstance(sources, Mapping) or not all(isinstance(v, str) for v in sources.values()):
            raise DataError(f"{origin}: sources: expected a table of citations")
        doc = Doc(Path(origin), origin, dict(data), dict(sources), "")
        return _climate(doc, id)


def load_climate_file(path: Union[str, Path]) -> Climate:
    """A user climate from a TOML file shaped like `materials/climate/*.toml`; id = file name."""
    path = Path(path).expanduser()
    doc = load_doc(path, str(path))
    return _climate(doc, path.stem)


def climate_ids() -> list[str]:
    return sorted(p.stem for p in (materials_dir() / "climate").glob("*.toml"))


def climates() -> dict[str, Climate]:
    """Every climate profile in `materials/climate/`, by id."""
    return {i: climate(i) for i in climate_ids()}


def climate(climate_id: str) -> Climate:
    """The profile `climate_id` (e.g. "hot-arid"), or a user file when it ends in ``.toml``."""
    if climate_id.endswith(".toml"):
        return load_climate_file(climate_id)
    path = materials_dir() / "climate" / f"{climate_id}.toml"
    if not path.exists():
        raise unknown("climate", climate_id, climate_ids())
    doc = load_doc(path)
    key = (str(path), doc.digest)
    if key not in _CACHE:
        _CACHE[key] = _climate(doc, climate_id)
    return _CACHE[key]


_CACHE: dict[tuple[str, str], Climate] = {}
register("climates", _CACHE.clear)


def _climate(doc: Doc, ident: str) -> Climate:
    check_id(doc, "id", ident)
    top = {k: v for k, v in doc.data.items() if k != "sources"}
    e = Entry(doc, ident, top, ("name", "koppen", *FIELDS))
    values: dict[str, Any] = {}
    basis = None
    for key, (unit, what, example) in FIELDS.items():
        raw = top.get(key)
        if isinstance(raw, pint.Quantity):
            raw = {"value": raw}
        if key == "wind_speed" and isinstance(raw, dict):
            basis_text = raw.get("basis")
            basis = WindBasis(e.option(key + ".basis", basis_text, "basis", [b.value for b in WindBasis]))
            raw = {k: v for k, v in raw.items() if k != "basis"}
        values[key] = e.quantity(key, unit, what, example, raw=raw, allowed=RANGES[key])
    if values["wind_speed"] is not None and basis is None:
        raise e.fail("wind_speed", 'needs a basis, e.g. { value = "27 m/s", basis = "10min-mean", source = … }')
    for low, high in (("t_min", "t_max"), ("rh_min", "rh_max"), ("t_mean_min", "t_mean_max")):
        if values[low] is not None and values[high] is not None and values[low] > values[high]:
            lo, hi = values[low], values[high]
            raise e.fail(low, f"{lo.magnitude:g} {lo.units:~P} is above {high} {hi.magnitude:g} {hi.units:~P}")
    return Climate(
        id=ident,
        name=e.text("name", required=True) or ident,
        koppen=e.sourced_text("koppen"),
        wind_basis=basis,
        sources=dict(e.cited),
        digest=doc.digest,
        **values,
    )


__all__ = [
    "Climate", "SolarExposure", "WindBasis", "climate", "climates", "load_climate_file",
    "solar_class",
]
