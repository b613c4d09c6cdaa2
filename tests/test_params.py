"""Parameter kinds: coercion, hard bounds (never clamped), choices, flags, counts, cross-field rules."""

import pytest

from workbench.design import Design
from workbench.errors import BoundsError, RuleError, UnitError, UnknownNameError
from workbench.params import Angle, Choice, Count, Flag, Force, Length
from workbench.units import Q_


class Plate(Design):
    id = "plate"
    title = "Test plate"
    summary = "A plate with a hole."
    authors = ("tests",)
    width = Length("Width", 40, min=10, max=100, soft=(20, 80))
    hole = Length("Hole", 5, min=2, max=30)
    holes = Count("Holes", 2, min=0, max=4)
    tilt = Angle("Tilt", 0, min=-45, max=45)
    load = Force("Load", 100, min=0, max=1000)
    finish = Choice("Finish", "raw", options={"raw": "Raw", "oiled": "Oiled"})
    chamfer = Flag("Chamfer", False)

    def rules(self, v):
        if v.hole > v.width / 2:
            yield f"hole {v.hole:~P} must be smaller than half the width ({(v.width / 2).to('mm'):~P})"


def test_defaults_and_units() -> None:
    p = Plate()
    assert p.width == Q_(40, "mm") and p.holes == 2 and p.finish == "raw" and p.chamfer is False
    q = Plate(width="3 in")
    assert q.width.to("mm").magnitude == pytest.approx(76.2)


def test_out_of_bounds_raises_never_clamps() -> None:
    with pytest.raises(BoundsError) as err:
        Plate(width="200 mm")
    assert str(err.value) == "width: 200 mm is out of range; allowed 10 to 100 mm"
    with pytest.raises(BoundsError, match=r"^width: 101.6 mm is out of range; allowed 10 to 100 mm$"):
        Plate(width="4 in")
    with pytest.raises(BoundsError, match=r"^holes: 5 is out of range; allowed 0 to 4$"):
        Plate(holes=5)


def test_bounds_are_inclusive() -> None:
    assert Plate(width=10, hole=2).width.magnitude == 10
    assert Plate(width="100 mm").width.magnitude == 100


def test_wrong_kinds() -> None:
    with pytest.raises(UnitError, match=r"^holes: 2.5 is not a whole number$"):
        Plate(holes=2.5)
    with pytest.raises(UnitError, match=r"^chamfer: 'maybe' is not yes/no; allowed true, false$"):
        Plate(chamfer="maybe")
    with pytest.raises(BoundsError, match=r"^finish: 'gold' is not an option; allowed raw, oiled$"):
        Plate(finish="gold")
    with pytest.raises(UnknownNameError) as err:
        Plate(colour="red")
    assert str(err.value) == (
        "plate: unknown parameter 'colour'; known: width, hole, holes, tilt, load, finish, chamfer"
    )


def test_choice_accepts_label_flag_accepts_words_count_accepts_text() -> None:
    p = Plate(finish="Oiled", chamfer="yes", holes="3")
    assert (p.finish, p.chamfer, p.holes) == ("oiled", True, 3)


def test_cross_field_rule_in_words() -> None:
    with pytest.raises(RuleError) as err:
        Plate(width=20, hole=12)
    assert str(err.value) == "plate: hole 12.0 mm must be smaller than half the width (10.0 mm)"


def test_evolve_validates_and_is_immutable() -> None:
    p = Plate()
    q = p.evolve(width="2 in")
    assert p.width.magnitude == 40 and q.width.to("mm").magnitude == pytest.approx(50.8)
    with pytest.raises(BoundsError):
        p.evolve(width=1)
    with pytest.raises(AttributeError, match="immutable"):
        p.width = Q_(50, "mm")  # type: ignore[misc]
    assert q.overrides() == {"width": q.width}


def test_equal_values_in_other_units_are_equal() -> None:
    assert Plate(width="1 in") == Plate(width="25.4 mm")
    assert hash(Plate(width="1 in")) == hash(Plate(width=25.4))


def test_slider_range_is_soft_range_and_declaration_needs_default_in_bounds() -> None:
    assert Plate.width.slider_range == (20, 80)
    with pytest.raises(ValueError, match="outside its bounds"):
        Length("Bad", 5, min=10, max=20)
