"""Parsing what users type, strictly; display per unit system."""

import pytest

from workbench.errors import UnitError
from workbench.units import Q_, UnitSystem, fmt, parse_quantity


@pytest.mark.parametrize(
    "text, mm",
    [
        ("18mm", 18.0),
        ("18 mm", 18.0),
        ("3/4 in", 19.05),
        ("0.75\"", 19.05),
        ("1' 6\"", 457.2),
        ("1'6\"", 457.2),
        ("1 ft 6 in", 457.2),
        ("1.5 ft", 457.2),
        ("1 1/2 in", 38.1),
        ("2.5 cm", 25.0),
        ("0.5 m", 500.0),
        ("  18  ", 18.0),  # bare number: the declared unit
        ("1e1 mm", 10.0),
        ("-3 mm", -3.0),
    ],
)
def test_length_forms(text: str, mm: float) -> None:
    q = parse_quantity(text, "mm", "width")
    assert str(q.units) == "millimeter"
    assert q.magnitude == pytest.approx(mm)


def test_bare_numbers_take_the_declared_unit() -> None:
    assert parse_quantity(2, "in", "w").to("mm").magnitude == pytest.approx(50.8)
    assert parse_quantity(2.5, "N", "load").magnitude == 2.5
    assert parse_quantity("30", "deg", "angle").to("rad").magnitude == pytest.approx(0.5235988)


def test_quantities_pass_through_converted() -> None:
    q = parse_quantity(Q_(1, "inch"), "mm", "w")
    assert q.magnitude == pytest.approx(25.4) and str(q.units) == "millimeter"


@pytest.mark.parametrize(
    "text, message",
    [
        ("5 kg", 'width: "5 kg" is a mass, expected a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("garbage", 'width: "garbage" is not a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("", 'width: "" is not a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("mm", 'width: "mm" is not a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("1/0 in", 'width: "1/0 in" is not a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("18 mm; import os", 'width: "18 mm; import os" is not a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("12 N", 'width: "12 N" is a force, expected a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
        ("nan mm", 'width: "nan mm" is not a length (e.g. 18 mm, 3/4 in, 1\' 6")'),
    ],
)
def test_bad_text_names_parameter_text_and_dimension(text: str, message: str) -> None:
    with pytest.raises(UnitError) as err:
        parse_quantity(text, "mm", "width")
    assert str(err.value) == message
    assert "\n" not in str(err.value)


def test_wrong_dimension_for_force() -> None:
    with pytest.raises(UnitError, match=r'^load: "3 mm" is a length, expected a force \(e.g. 200 N, 45 lbf\)$'):
        parse_quantity("3 mm", "N", "load")


def test_booleans_are_not_numbers() -> None:
    with pytest.raises(UnitError, match="^width: True is not a length"):
        parse_quantity(True, "mm", "width")


def test_display_per_system() -> None:
    q = parse_quantity("3/4 in", "mm")
    assert fmt(q, UnitSystem.METRIC) == "19.05 mm"
    assert fmt(q, UnitSystem.IMPERIAL) == "0.75 in"
    assert fmt(Q_(200, "N"), "imperial") == "44.96 lbf"
    assert fmt(Q_(45, "degC"), "imperial") == "113 °F"
    assert fmt(Q_(10, "MPa"), "imperial") == "1450 psi"


def test_an_uncreatable_cache_folder_means_no_cache(tmp_path) -> None:
    """A home or cache folder that cannot hold pint's cache (here: below a plain file) does not stop
    the import: the registry runs without a cache (issue 18)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = {**os.environ, "HOME": str(blocker / "home"), "XDG_CACHE_HOME": str(blocker / "cache"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    code = "from workbench.units import Q_, ureg; print(ureg.cache_folder, round(Q_('3/4 in').to('mm').magnitude, 6))"
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "None 19.05"
