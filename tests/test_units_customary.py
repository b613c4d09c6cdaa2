"""Units people type, numbers as locales write them, and inches as a shop reads them.

Conversion factors are from NIST Special Publication 811 (2008 edition), "Guide for the Use of the
International System of Units", appendix B.8 (factors in alphabetical order), and NIST Handbook 44
(2024) appendix C (board foot = 144 cubic inches). SP 811 gives 7 significant digits: rel=1e-6.
"""

import pytest

from workbench.errors import UnitError
from workbench.units import (
    Q_,
    InchFraction,
    fmt,
    fmt_pair,
    get_inch_fraction,
    get_locale,
    parse_quantity,
    set_inch_fraction,
    using_locale,
)


@pytest.mark.parametrize(
    "text, si_unit, si_value",
    [
        ("1 psf", "Pa", 4.788026e1),  # SP 811 B.8: pound-force per square foot
        ("1 psi", "Pa", 6.894757e3),  # pound-force per square inch
        ("1 ksi", "Pa", 6.894757e6),  # kip per square inch
        ("1 lbf/ft", "N/m", 1.459390e1),  # pound-force per foot
        ("1 plf", "N/m", 1.459390e1),  # plf = pound-force per (linear) foot
        ("1 kip", "N", 4.448222e3),  # kip (1 kip = 1000 lbf)
        ("1 kgf", "N", 9.80665),  # kilogram-force
        ("1 kgf/cm²", "Pa", 9.80665e4),  # kilogram-force per square centimeter
        ("1 kgf/cm^2", "Pa", 9.80665e4),
        ("1 bar", "Pa", 1.0e5),  # bar
        ("1 gal_US", "m**3", 3.785412e-3),  # gallon [U.S.]
        ("1 US gal", "m**3", 3.785412e-3),
        ("1 gal_imp", "m**3", 4.54609e-3),  # gallon [Canadian and U.K. (Imperial)]
        ("1 imp gal", "m**3", 4.54609e-3),
        ("1 cfm", "m**3/s", 4.719474e-4),  # cubic foot per minute
        ("1 bd ft", "m**3", 2.359737e-3),  # HB 44 app. C: 144 in³ = 144 × 1.638706e-5 m³
        ("1 FBM", "m**3", 2.359737e-3),
        # °F interval = 5.555556e-1 K (SP 811 B.8), day = 8.64e4 s: 1 °F·day = 4.8e4 K·s
        ("1 °F·day", "K*s", 4.8e4),
        ("1 degF_day", "K*s", 4.8e4),
    ],
)
def test_customary_units_against_nist(text: str, si_unit: str, si_value: float) -> None:
    q = parse_quantity(text, si_unit, "x")
    assert q.to(si_unit).magnitude == pytest.approx(si_value, rel=1e-6)


def test_cfm_is_a_flow_not_centifermi() -> None:
    with pytest.raises(UnitError, match=r'^x: "1 cfm" is a '):
        parse_quantity("1 cfm", "mm", "x")


@pytest.mark.parametrize("text", ["5 gal", "5 gallon", "5 gallons", "2 gal/min"])
def test_bare_gallon_is_refused_naming_both(text: str) -> None:
    with pytest.raises(UnitError) as err:
        parse_quantity(text, "L" if "/" not in text else "L/min", "tank")
    assert str(err.value) == (
        f'tank: "{text}": "gal" is ambiguous; write gal_US (US gallon, 3.785 L) '
        "or gal_imp (imperial gallon, 4.546 L)"
    )


def test_locale_default_and_scope() -> None:
    assert get_locale() == "en"
    with using_locale("es"):
        assert get_locale() == "es"
    assert get_locale() == "en"
    with pytest.raises(UnitError, match=r'^locale: "xx_YY" is not a known locale'):
        with using_locale("xx_YY"):
            pass


@pytest.mark.parametrize(
    "locale, text, mm",
    [
        ("es", "18,5 mm", 18.5),
        ("fr", "18,5 mm", 18.5),
        ("pt_BR", "0,75 in", 19.05),
        ("es", "18.5 mm", 18.5),  # a decimal point where "." cannot be a group (not 3 digits)
        ("es", "0.750 in", 19.05),  # a leading 0 is never a thousands group
        ("es", "1,500 mm", 1.5),  # in Spanish the comma is the decimal mark
        ("en", "18.5 mm", 18.5),
        ("sw", "18.5 mm", 18.5),
        ("es", "1 1/2 in", 38.1),
        ("es", "18,5", 18.5),  # a bare number takes the declared unit
    ],
)
def test_decimal_symbol_of_the_locale(locale: str, text: str, mm: float) -> None:
    with using_locale(locale):
        assert parse_quantity(text, "mm", "w").magnitude == pytest.approx(mm)


@pytest.mark.parametrize(
    "locale, text, message",
    [
        ("en", "1,500 mm", 'w: "1,500 mm": "1,500" could be read two ways (en writes decimals with '
         '"." and never reads a thousands separator); write 1500 or 1.500'),
        ("es", "1.500 mm", 'w: "1.500 mm": "1.500" could be read two ways (es writes decimals with '
         '"," and never reads a thousands separator); write 1500 or 1,500'),
        ("en", "1,500.5 mm", 'w: "1,500.5 mm": "1,500.5" could be read two ways (en writes decimals '
         'with "." and never reads a thousands separator); write 1500.5'),
        ("en", "18,5 mm", 'w: "18,5 mm": "," is not a decimal mark in en; write "18.5"'),
    ],
)
def test_thousands_separators_are_refused_never_guessed(
    locale: str, text: str, message: str
) -> None:
    with using_locale(locale), pytest.raises(UnitError) as err:
        parse_quantity(text, "mm", "w")
    assert str(err.value) == message


def test_display_follows_the_locale() -> None:
    assert fmt(Q_(18.5, "mm"), locale="es") == "18,5 mm"
    assert fmt(Q_(18.5, "mm")) == "18.5 mm"
    with using_locale("fr"):
        assert fmt(Q_(2.5, "MPa")) == "2,5 MPa"
        assert fmt(Q_(10, "MPa"), "imperial") == "1450 psi"


@pytest.mark.parametrize(
    "inches, denominator, shown",
    [
        (5.906, 32, "5 29/32″"),  # 5.906 × 32 = 188.99 → 189/32
        (5.906, 16, "5 7/8″"),  # 5.906 × 16 = 94.50 → 94/16 = 5 7/8
        (74.5, 16, "6′ 2 1/2″"),
        (24, 16, "2′ 0″"),
        (0.75, 64, "3/4″"),
        (-3.5, 16, "-3 1/2″"),
        (0.1969, 16, "0.1969 in"),  # 3/16 would be 4.8 % off: decimals kept
        (0.02, 64, "0.02 in"),
    ],
)
def test_imperial_lengths_in_fractions(inches: float, denominator: int, shown: str) -> None:
    assert fmt(Q_(inches, "in"), "imperial", fraction=denominator) == shown


@pytest.mark.parametrize(
    "shown", ["5 29/32″", "5 7/8″", "6′ 2 1/2″", "6' 2 1/2\"", "2′ 0″", "-3 1/2″", "3/4″"]
)
def test_the_text_box_accepts_what_it_shows(shown: str) -> None:
    q = parse_quantity(shown, "in", "w")
    assert fmt(q, "imperial", fraction=64) == shown.replace("'", "′").replace('"', "″")


def test_fractions_only_for_imperial_lengths() -> None:
    assert fmt(Q_(150, "mm"), "metric", fraction=16) == "150 mm"
    assert fmt(Q_(100, "N"), "imperial", fraction=16) == "22.48 lbf"


def test_inch_fraction_setting() -> None:
    assert get_inch_fraction() is InchFraction.SIXTEENTH
    offered = r"^inch fraction: 1/10 is not offered \(1/16, 1/32 or 1/64\)$"
    with pytest.raises(UnitError, match=offered):
        set_inch_fraction(10)


def test_value_and_limit_never_mix_fractions_and_decimals() -> None:
    # 0.8 mm = 0.0315 in has no 1/16 fraction within 2 %; 8 mm = 0.315 in ≈ 5/16
    pair = fmt_pair(Q_(0.8, "mm"), Q_(8, "mm"), "imperial", fraction=16)
    assert pair == ("0.0315 in", "0.315 in")
    pair = fmt_pair(Q_(150, "mm"), Q_(210, "mm"), "imperial", fraction=16)
    assert pair == ("5 7/8″", "8 1/4″")
    assert fmt_pair(Q_(150, "mm"), Q_(210, "mm"), "metric", fraction=16) == ("150 mm", "210 mm")


def test_files_are_read_with_a_decimal_point_whatever_the_locale() -> None:
    # a variant file holds "1.125 in": in Spanish typing, "1.125" could be 1125; in a file it is not
    with using_locale("es"):
        with pytest.raises(UnitError, match="could be read two ways"):
            parse_quantity("1.125 in", "in", "w")
        assert parse_quantity("1.125 in", "in", "w", locale="en").magnitude == pytest.approx(1.125)


def test_set_locale_holds_for_the_session_and_threads() -> None:
    import threading

    from workbench.units import set_locale

    seen: list[str] = []
    set_locale("es")
    try:
        thread = threading.Thread(target=lambda: seen.append(get_locale()))
        thread.start()
        thread.join()
        assert seen == ["es"] and fmt(Q_(18.5, "mm")) == "18,5 mm"
        with using_locale("fr"):
            assert get_locale() == "fr"
        assert get_locale() == "es"
    finally:
        set_locale("en")
    with pytest.raises(UnitError, match=r'^locale: "klingon" is not a known locale'):
        set_locale("klingon")
