"""Creep-limited deflection of plastic beams (pseudo-elastic method with the creep modulus)."""

from __future__ import annotations

import pytest

from workbench.checks import creep_deflection_check, sections
from workbench.checks.beams import DeflectionLimit
from workbench.checks.result import Status
from workbench.errors import BoundsError, UnitError
from workbench.units import Q_


def test_crawford_example_2_2_polypropylene_beam():
    # Crawford, Plastics Engineering, 3rd ed. (1998), Example 2.2: a polypropylene beam 100 mm long,
    # simply supported, load W at mid-span, I = 28 mm^4, deflection at most 5 mm after 1 year.
    # The 1-year isochronous curve gives a secant (creep) modulus of 347 MN/m^2 at 1.5 % strain, so
    # W = 48·E·I·δ/L^3 = 48 × 347 × 28 × 5 / 100^3 = 2.33 N (the book's answer).
    w_book = 48 * 347 * 28 * 5 / 100**3
    assert w_book == pytest.approx(2.33, abs=0.005)
    at_book_load = creep_deflection_check(
        Q_(100, "mm"), Q_(w_book, "N"), Q_(347, "MN/m**2"), Q_(28, "mm**4"),
        loading="point", limit=Q_(5, "mm"), duration="1 year at 20 °C",
    )
    assert at_book_load.value.to("mm").m == pytest.approx(5.0, rel=1e-9)
    assert at_book_load.utilisation == pytest.approx(1.0)
    assert at_book_load.passed and at_book_load.status is Status.WARN  # exactly at the limit
    # The rounded 2.33 N gives 2.33 × 100^3 / (48 × 347 × 28) = 4.9961 mm.
    rounded = creep_deflection_check(
        Q_(100, "mm"), Q_(2.33, "N"), Q_(347, "MPa"), Q_(28, "mm**4"),
        loading="point", limit=Q_(5, "mm"), duration="1 year at 20 °C",
    )
    assert rounded.value.to("mm").m == pytest.approx(4.99605, abs=1e-5)
    assert rounded.message == (
        "Under a sustained 2.33 N point load at mid-span, the simply supported beam deflects "
        "5 mm with creep (apparent modulus 347 MPa, 1 year at 20 °C); the allowed deflection is 5 mm."
    )
    assert "Crawford" in rounded.reference
    # Twice the load over the same year: 10 mm, twice the allowed deflection.
    double = creep_deflection_check(
        Q_(100, "mm"), Q_(2 * w_book, "N"), Q_(347, "MPa"), Q_(28, "mm**4"),
        loading="point", limit=Q_(5, "mm"),
    )
    assert double.status is Status.FAIL and double.utilisation == pytest.approx(2.0)


def test_hdpe_shelf_with_ppi_50_year_modulus_by_hand():
    # A recycled-HDPE board 300 mm wide, 12 mm thick, simply supported over 500 mm, carrying 200 N
    # spread along it for years. PPI Handbook of PE Pipe (2nd ed.), ch. 3, Table B.1.1: apparent
    # modulus of PE3XXX at 73 °F (23 °C), 50 years: 28,000 psi (193 MPa); short-term (0.5 h) 538 MPa.
    # I = 300 × 12^3 / 12 = 43 200 mm^4; δ = 5·W·L^3/(384·E·I) = 5 × 200 × 500^3 / (384 × 193 × 43 200)
    # = 39.05 mm after 50 years, 14.01 mm when first loaded (538 MPa); L/180 = 2.78 mm.
    board = sections.rectangle(Q_(300, "mm"), Q_(12, "mm"))
    res = creep_deflection_check(
        Q_(500, "mm"), Q_(200, "N"), Q_(193, "MPa"), board,
        modulus=Q_(538, "MPa"), duration="50 years at 23 °C",
    )
    assert res.value.to("mm").m == pytest.approx(5 * 200 * 500**3 / (384 * 193 * 43200), rel=1e-9)
    assert res.value.to("mm").m == pytest.approx(39.05, abs=0.01)
    assert res.limit.to("mm").m == pytest.approx(500 / 180)
    assert res.status is Status.FAIL
    assert res.message == (
        "Under a sustained 200 N load spread along it, the simply supported beam deflects 14 mm "
        "when loaded, 39 mm with creep (apparent modulus 193 MPa, 50 years at 23 °C); the limit "
        "(L/180) is 2.78 mm."
    )
    # The same psi figure gives the same answer; US inputs speak inches and pounds.
    us = creep_deflection_check(
        Q_(500 / 25.4, "inch"), Q_(200 / 4.4482216, "lbf"), Q_(28000, "psi"), board,
    )
    assert us.value.to("mm").m == pytest.approx(res.value.to("mm").m, rel=0.01)
    assert "lbf" in us.message and "in" in us.message and "psi" in us.message


def test_uniform_load_per_length_reads_as_such():
    # 0.4 N/mm over 500 mm is the 200 N of the shelf above: the same 39.05 mm.
    board = sections.rectangle(Q_(300, "mm"), Q_(12, "mm"))
    res = creep_deflection_check(Q_(500, "mm"), Q_(0.4, "N/mm"), Q_(193, "MPa"), board)
    assert res.value.to("mm").m == pytest.approx(5 * 200 * 500**3 / (384 * 193 * 43200), rel=1e-9)
    assert res.message.startswith("Under a sustained 0.4 N/mm load along it, the simply supported")


def test_cantilever_limit_uses_twice_the_length():
    # Cantilever 200 mm, 10 N at the tip, E_creep 300 MPa, I = 1000 mm^4:
    # δ = W·L^3/(3·E·I) = 10 × 200^3 / (3 × 300 × 1000) = 88.9 mm; L/180 on 2 × 200 mm = 2.22 mm.
    res = creep_deflection_check(
        Q_(200, "mm"), Q_(10, "N"), Q_(300, "MPa"), Q_(1000, "mm**4"),
        support="cantilever", loading="point", limit=DeflectionLimit.L180,
    )
    assert res.value.to("mm").m == pytest.approx(10 * 200**3 / (3 * 300 * 1000))
    assert res.limit.to("mm").m == pytest.approx(400 / 180)
    assert "at the tip" in res.message


def test_errors_are_one_line():
    with pytest.raises(UnitError, match=r"^creep_modulus: 12 mm is a length, expected a pressure"):
        creep_deflection_check(Q_(1, "m"), Q_(10, "N"), Q_(12, "mm"), Q_(1, "mm**4"))
    with pytest.raises(BoundsError, match=r"^limit: .* must be greater than zero"):
        creep_deflection_check(
            Q_(1, "m"), Q_(10, "N"), Q_(200, "MPa"), Q_(1, "mm**4"), limit=Q_(0, "mm")
        )
    with pytest.raises(UnitError, match=r"^modulus: "):
        creep_deflection_check(
            Q_(1, "m"), Q_(10, "N"), Q_(200, "MPa"), Q_(1, "mm**4"), modulus=Q_(3, "kg")
        )
