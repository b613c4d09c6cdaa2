"""Climate loads: roof snow (EN 1991-1-3, ASCE 7-16) and peak wind velocity pressure (EN 1991-1-4).

Characteristic values; apply the partial factors of your design code before comparing with a
resistance. Ground snow loads and basic wind velocities come from national maps and annexes.
"""

from __future__ import annotations

import math
from enum import Enum

import pint

from workbench.checks._common import _dimensionless, _imperial, _positive, _q, _require
from workbench.errors import BoundsError

AIR_DENSITY = _q(1.25, "kg/m**3")
"""EN 1991-1-4 §4.5(1) Note 2: recommended air density ρ."""
Z_MAX = _q(200.0, "m")
"""EN 1991-1-4 §4.3.2: the terrain formulas hold up to z_max = 200 m."""
STANDARD_GRAVITY = _q(1.0, "standard_gravity").to("m/s**2")
"""g_n = 9.80665 m/s² (3rd CGPM, 1901; pint's `standard_gravity`): turns a mass into its weight.
The one value every design uses."""


def weight(mass: pint.Quantity) -> pint.Quantity:
    """The weight m·g_n (N) of `mass` (kg, lb, …); zero stays zero."""
    m = _require(mass, "kg", "mass")
    if float(m.magnitude) < 0:
        raise BoundsError(f"mass: {m:~P} must not be negative")
    return (m * STANDARD_GRAVITY).to("N")


def _factor(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise BoundsError(f"{name}: {value!r} must be a positive number")
    return float(value)


def snow_shape_coefficient(pitch: pint.Quantity) -> float:
    """Roof shape coefficient μ1 for monopitch and duopitch roofs, EN 1991-1-3 Table 5.2.

    0.8 up to 30°, 0.8·(60° − α)/30° between 30° and 60°, 0 from 60° (snow not prevented from
    sliding off; with snow guards or parapets at the eaves μ1 stays ≥ 0.8, §5.3.2(2)).
    """
    alpha = float(_dimensionless(pitch, "pitch") * 180 / math.pi)
    if not 0 <= alpha <= 90:
        raise BoundsError(f"pitch: {pitch:~P} must be between 0 and 90 degrees")
    if alpha <= 30:
        return 0.8
    if alpha < 60:
        return 0.8 * (60 - alpha) / 30
    return 0.0


def roof_snow_load_en(
    ground_snow_load: pint.Quantity,
    pitch: pint.Quantity,
    *,
    exposure_coefficient: float = 1.0,
    thermal_coefficient: float = 1.0,
) -> pint.Quantity:
    """Roof snow load s = μ1·C_e·C_t·s_k (kN/m²), EN 1991-1-3:2003 Eq. 5.1 with Table 5.2.

    C_e: 0.8 windswept, 1.0 normal, 1.2 sheltered (Table 5.1); C_t = 1.0 unless the roof's heat
    loss melts snow (§5.2(8)).
    """
    s_k = _positive(ground_snow_load, "kN/m**2", "ground_snow_load")
    mu = snow_shape_coefficient(pitch)
    c_e = _factor(exposure_coefficient, "exposure_coefficient")
    c_t = _factor(thermal_coefficient, "thermal_coefficient")
    return _q(mu * c_e * c_t * s_k, "kN/m**2")


def flat_roof_snow_load_asce(
    ground_snow_load: pint.Quantity,
    *,
    exposure_factor: float = 1.0,
    thermal_factor: float = 1.0,
    importance_factor: float = 1.0,
) -> pint.Quantity:
    """Flat-roof snow load p_f = 0.7·C_e·C_t·I_s·p_g, ASCE 7-16 Eq. 7.3-1.

    C_e from Table 7.3-1, C_t from Table 7.3-2, I_s from Table 1.5-2. The minimum p_m of §7.3.4
    for low-slope roofs and the slope factor C_s of §7.4 are not applied here. Returned in lbf/ft²
    when p_g is given in US units, else kN/m².
    """
    p_g = _positive(ground_snow_load, "kN/m**2", "ground_snow_load")
    factors = (
        _factor(exposure_factor, "exposure_factor")
        * _factor(thermal_factor, "thermal_factor")
        * _factor(importance_factor, "importance_factor")
    )
    load = _q(0.7 * factors * p_g, "kN/m**2")
    return load.to("lbf/ft**2") if _imperial(ground_snow_load) else load


class TerrainCategory(Enum):
    """EN 1991-1-4 Table 4.1 terrain categories: roughness length z0, minimum height z_min."""

    ZERO = "0"  # sea or coastal area exposed to the open sea
    I = "I"  # noqa: E741 - lakes or flat land with negligible vegetation
    II = "II"  # low vegetation, isolated obstacles at least 20 obstacle heights apart
    III = "III"  # regular vegetation or buildings, suburbs, forest
    IV = "IV"  # at least 15 % of the surface covered with buildings over 15 m

    @property
    def z0(self) -> pint.Quantity:
        return _q({"0": 0.003, "I": 0.01, "II": 0.05, "III": 0.3, "IV": 1.0}[self.value], "m")

    @property
    def z_min(self) -> pint.Quantity:
        return _q({"0": 1.0, "I": 1.0, "II": 2.0, "III": 5.0, "IV": 10.0}[self.value], "m")


def _profile(
    height: pint.Quantity, terrain: TerrainCategory, orography: float
) -> tuple[float, float]:
    """(c_r·c_o, I_v) at height z: EN 1991-1-4 Eqs. 4.4, 4.5 and 4.7 with k_I = 1."""
    z = _positive(height, "m", "height")
    if z > Z_MAX.magnitude:
        raise BoundsError(f"height: {height:~P} is above z_max = 200 m of EN 1991-1-4 §4.3.2")
    terrain = TerrainCategory(terrain)
    z0 = terrain.z0.magnitude
    z_eff = max(z, terrain.z_min.magnitude)  # below z_min the value at z_min applies (Eq. 4.4, 4.7)
    k_r = 0.19 * (z0 / 0.05) ** 0.07
    c_r = k_r * math.log(z_eff / z0)
    c_o = _factor(orography, "orography")
    i_v = 1.0 / (c_o * math.log(z_eff / z0))
    return c_r * c_o, i_v


def mean_wind_velocity(
    height: pint.Quantity,
    basic_wind_velocity: pint.Quantity,
    terrain: TerrainCategory = TerrainCategory.II,
    *,
    orography: float = 1.0,
) -> pint.Quantity:
    """Mean wind velocity v_m(z) = c_r(z)·c_o(z)·v_b (m/s), EN 1991-1-4 Eq. 4.3."""
    v_b = _positive(basic_wind_velocity, "m/s", "basic_wind_velocity")
    crco, _ = _profile(height, TerrainCategory(terrain), orography)
    return _q(crco * v_b, "m/s")


def peak_velocity_pressure(
    height: pint.Quantity,
    basic_wind_velocity: pint.Quantity,
    terrain: TerrainCategory = TerrainCategory.II,
    *,
    air_density: pint.Quantity = AIR_DENSITY,
    orography: float = 1.0,
) -> pint.Quantity:
    """Peak velocity pressure q_p(z) = [1 + 7·I_v(z)]·½·ρ·v_m(z)² (kN/m²), EN 1991-1-4 Eq. 4.8.

    With k_r = 0.19·(z0/0.05)^0.07, c_r = k_r·ln(z/z0), I_v = 1/(c_o·ln(z/z0)) (Eqs. 4.4, 4.5,
    4.7; k_I = 1), recommended ρ = 1.25 kg/m³ and c_o = 1 for flat terrain (§4.3.3).
    """
    v_b = _positive(basic_wind_velocity, "m/s", "basic_wind_velocity")
    rho = _positive(air_density, "kg/m**3", "air_density")
    crco, i_v = _profile(height, TerrainCategory(terrain), orography)
    pressure = (1 + 7 * i_v) * 0.5 * rho * (crco * v_b) ** 2
    return _q(pressure / 1000, "kN/m**2")
