"""Package-level rules: public names, no CadQuery, one registry."""

from __future__ import annotations

import pathlib

import workbench.checks as checks
from workbench.units import ureg


def test_public_names_exist():
    for name in checks.__all__:
        assert hasattr(checks, name), name


def test_no_cadquery_and_no_second_registry():
    root = pathlib.Path(checks.__file__).parent
    for path in root.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "cadquery" not in text.lower().replace("no cadquery", ""), path
        assert "UnitRegistry(" not in text, path


def test_results_use_the_project_registry():
    from workbench.checks import beams, sections
    from workbench.units import Q_

    result = beams.deflection_check(
        Q_(1, "m"), Q_(100, "N"), Q_(70, "GPa"), sections.solid_round(Q_(20, "mm"))
    )
    assert result.value._REGISTRY is ureg and result.limit._REGISTRY is ureg


def test_every_check_value_can_be_shown_by_fmt():
    # The report formats value and limit with workbench.units.fmt in both unit systems; a
    # temperature *rise* in K would show as about −233 °C there, so checks return absolute
    # temperatures, lengths, forces or stresses only.
    from workbench.checks import (
        beams,
        columns,
        fabrication,
        fasteners,
        moisture,
        plastics,
        sections,
        thermal,
    )
    from workbench.units import Q_, UnitSystem, fmt

    sec = sections.solid_round(Q_(20, "mm"))
    results = [
        beams.bending_stress_check(Q_(1, "m"), Q_(100, "N"), sec, Q_(100, "MPa")),
        beams.deflection_check(Q_(1, "m"), Q_(100, "N"), Q_(70, "GPa"), sec),
        columns.buckling_check(Q_(1, "kN"), Q_(200, "GPa"), sec, Q_(250, "MPa"), Q_(1, "m")),
        thermal.expansion_gap_check(
            Q_(12e-6, "1/K"), Q_(1, "m"), Q_(1, "mm"), Q_(20, "degC"), Q_(40, "degC")
        ),
        thermal.thermal_buckling_check(
            Q_(12e-6, "1/K"), sec, Q_(1, "m"), Q_(20, "degC"), Q_(40, "degC")
        ),
        moisture.wood_movement_check(
            Q_(200, "mm"), 0.003, Q_(6, "percent"), Q_(12, "percent"), Q_(5, "mm")
        ),
        plastics.softening_check(Q_(30, "degC"), Q_(80, "degC")),
        fasteners.bolt_shear_check(Q_(10, "kN"), "M12", "8.8"),
        fasteners.fillet_weld_check(
            Q_(10, "kN"), Q_(3, "mm"), Q_(50, "mm"), Q_(360, "MPa"), "S235"
        ),
        fabrication.min_wall_check(Q_(1.2, "mm"), Q_(0.4, "mm")),
        fabrication.bed_fit_check(*(Q_(v, "mm") for v in (100, 50, 20, 250, 210, 210))),
        fabrication.sheet_fit_check(Q_(500, "mm"), Q_(300, "mm"), Q_(2440, "mm"), Q_(1220, "mm")),
    ]
    for r in results:
        for system in UnitSystem:
            for q in (r.value, r.limit):
                text = fmt(q, system)
                assert "−" not in text and not text.startswith("-"), (r.name, text)
        assert r.message.endswith(".") and r.reference
