"""The shelf bracket's geometry against hand-computed values."""

import math

import pytest

from workbench import catalog
from workbench.context import Context
from workbench.errors import BoundsError, RuleError
from workbench.evaluate import evaluate

Bracket = catalog.get("bracket")


def _gusset(arm: float, height: float, t: float) -> float:
    return 0.8 * (min(arm, height) - t)


def test_printed_defaults_volume_by_hand() -> None:
    # L profile 8 x 150 wall leg + 142 x 8 arm + gusset legs 0.8 * 142 = 113.6 mm, 40 mm wide,
    # minus 2 holes of 5 mm through 8 mm in each leg.
    ev = evaluate(Bracket(), Context())
    part = ev.geometry.part("bracket")
    profile = 8 * 150 + 142 * 8 + 113.6**2 / 2  # 8788.48 mm²
    holes = 4 * math.pi * 2.5**2 * 8
    # The wall holes spread over the leg below the arm (35.5 and 106.5 mm up from its foot, issue
    # 13); each is reached through a 10 mm access bore in the gusset, which starts 28.4 mm up and
    # is (y − 28.4) mm deep at height y: both bores lie wholly in it, π·5²·(y_c − 28.4) each.
    bores = math.pi * 5**2 * ((35.5 - 28.4) + (106.5 - 28.4))  # 6691.59 mm³
    assert part.volume == pytest.approx(profile * 40 - holes - bores, rel=1e-9)
    assert part.volume == pytest.approx(344219.29, abs=0.01)
    assert part.size == pytest.approx((150, 150, 40))


@pytest.mark.parametrize(
    "values, size",
    [
        ({"arm": "200 mm", "height": "120 mm", "width": "30 mm", "holes": 0}, (200, 120, 30)),
        ({"arm": "8 in", "height": "6 in", "gusset": False}, (203.2, 152.4, 40)),
        ({"thickness": "10 mm", "holes": 1, "hole_diameter": "8 mm"}, (150, 150, 40)),
    ],
)
def test_printed_sizes_and_volumes(values, size) -> None:
    d = Bracket(**values)
    ev = evaluate(d, Context())
    part = ev.geometry.part("bracket")
    p = ev.resolved.kernel()
    g = _gusset(p.arm, p.height, p.thickness) if p.gusset else 0
    area = p.thickness * p.height + (p.arm - p.thickness) * p.thickness + g * g / 2
    holes = 2 * p.holes * math.pi * (p.hole_diameter / 2) ** 2 * p.thickness
    bores = 0.0
    if g and p.holes:  # access bores (radius = hole diameter) in the gusset, wholly inside it here
        base = p.height - p.thickness - g
        for i in range(p.holes):
            y = (p.height - p.thickness) * (i + 0.5) / p.holes
            assert y - p.hole_diameter >= base
            bores += math.pi * p.hole_diameter**2 * (y - base)
    assert part.size == pytest.approx(size)
    assert part.volume == pytest.approx(area * p.width - holes - bores, rel=1e-9)


def test_plywood_plates_follow_actual_stock_thickness() -> None:
    # US "3/4 in" plywood is 23/32 in (18.26 mm) actual: the plates are that thick, the arm plate
    # is the arm length less that thickness.
    ev = evaluate(Bracket(make="plywood", sheet="3/4 in"), Context(stock="us-customary"))
    t = ev.resolved.sheet.to("mm").magnitude
    assert t == pytest.approx(23 / 32 * 25.4, abs=0.01)
    wall, arm = ev.geometry.part("wall-plate"), ev.geometry.part("arm-plate")
    assert wall.size == pytest.approx((40, 150, t))
    assert arm.size == pytest.approx((40, 150 - t, t))
    g = _gusset(150, 150, t)
    assert ev.geometry.part("gusset").size == pytest.approx((g, g, t))


def test_plywood_thickness_not_in_stock_is_refused_with_what_is_sold() -> None:
    with pytest.raises(BoundsError) as err:
        evaluate(Bracket(make="plywood", sheet="20 mm"), Context(stock="eu-metric"))
    msg = str(err.value)
    assert msg.startswith("sheet: 20 mm ") and "is not sold in eu-metric stock; available: " in msg
    assert "18 mm" in msg and "\n" not in msg


def test_rules_name_values_and_limits() -> None:
    with pytest.raises(RuleError) as err:
        Bracket(width="15 mm", hole_diameter="10 mm")
    assert str(err.value) == "bracket: hole diameter 10.0 mm must be at most half the width (7.5 mm)"
    with pytest.raises(RuleError) as err:
        Bracket(arm="60 mm", thickness="20 mm")
    assert str(err.value) == (
        "bracket: thickness 20.0 mm is too thick for the legs: it must be at most a quarter of the "
        "shorter leg (15.0 mm)"
    )
    # the wall holes now spread over the whole wall leg (issue 13): the short free arm limits them
    with pytest.raises(RuleError, match=r"^bracket: 4 holes of 10.0 mm need 100 mm of free arm"):
        Bracket(holes=4, hole_diameter="10 mm", width="40 mm")
    with pytest.raises(RuleError, match=r"^bracket: 2 holes of 5.0 mm need 25 mm of free wall leg beside the gusset; it has 20 mm"):
        Bracket(make="plywood", width="30 mm", height="120 mm")  # no room beside the gusset plate
    with pytest.raises(RuleError, match=r"^bracket: wall screw 6.0 mm must be smaller than the hole \(5.0 mm\)"):
        Bracket(screw="6 mm")


def test_assembly_places_parts_in_the_bracket_envelope() -> None:
    for values in ({}, {"make": "plywood"}):
        ev = evaluate(Bracket(**values), Context())
        # exact bounds from the geometry, not from a mesh a viewer may have left on the shapes
        # (OCC widens mesh-based bounds by the mesh's deflection, order-dependently)
        from OCP.Bnd import Bnd_Box
        from OCP.BRepBndLib import BRepBndLib

        box = Bnd_Box()
        BRepBndLib.AddOptimal_s(ev.geometry.assembly().toCompound().wrapped, box, False)
        xmin, ymin, zmin, xmax, ymax, zmax = box.Get()
        assert (xmin, ymin, zmin) == pytest.approx((0, 0, 0), abs=1e-6)
        assert (xmax, ymax, zmax) == pytest.approx((150, 40, 150), abs=1e-6)


def test_wall_fixing_at_defaults_and_with_a_rated_plug() -> None:
    from workbench.units import Q_

    # 100 N at the 150 mm arm's tip turns the bracket about its foot; the wall holes are 35.5 and
    # 106.5 mm up it: the top fixing is pulled with 15000·106.5/(35.5² + 106.5²) = 126.8 N
    top = 15000 * 106.5 / (35.5**2 + 106.5**2)
    ev = evaluate(Bracket(), Context())
    fixing = {c.name: c for c in ev.checks}["wall fixing"]
    assert fixing.load_bearing and not fixing.ran
    assert fixing.value.m_as("N") == pytest.approx(top)
    assert ev.status == "unverified"
    rated = evaluate(Bracket(fixing_load="300 N"), Context())
    fixing = {c.name: c for c in rated.checks}["wall fixing"]
    assert fixing.value.m_as("N") == pytest.approx(math.hypot(top, 50))
    assert fixing.limit == Q_(300, "N") and fixing.status.value == "pass"
    # the old holes (below the gusset, 7.1 and 21.3 mm up) would have pulled 634 N out of the top one
    assert 15000 * 21.3 / (7.1**2 + 21.3**2) == pytest.approx(633.8, abs=0.1)


def test_wall_screws_into_a_stud_by_en1995() -> None:
    ev = evaluate(Bracket(wall="stud", screw="6 mm", hole_diameter="6.5 mm", holes=1), Context())
    fixing = {c.name: c for c in ev.checks}["wall fixing"]
    # one hole at 71 mm: T = 15000/71 N × γ_Q 1.5; C16 ρ_k 310, l_ef 50 mm, k_d 0.75,
    # k_mod 0.7 (long-term, service class 1), γ_M 1.3
    assert fixing.value.m_as("N") == pytest.approx(1.5 * 15000 / 71)
    r_d = 0.52 * 6**-0.5 * 50**-0.1 * 310**0.8 * 6 * 50 * 0.75 * 0.7 / 1.3
    assert fixing.limit.m_as("N") == pytest.approx(r_d)
