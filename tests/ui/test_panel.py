"""The whole panel: opening, failing builds kept stale, exports, busy state and merged rebuilds."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import workbench as wb
from workbench.export import Format, offered
from workbench.ui import Workbench
from workbench.ui import panel as panel_module
from workbench.ui.checks_view import render_checks
from workbench.units import Q_


def _visible_formats(p: Workbench) -> list[str]:
    return [f.value for f, b in p.exports.buttons.items() if b.layout.display is None]


def test_open_builds_and_shows_everything(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = wb.open("bracket", arm="8 in")
    assert isinstance(p, wb.Workbench)
    p.wait(120)
    assert p.design.arm == Q_(8, "in") and p.form.fields["arm"].text.value == "203.2 mm"
    assert p.error is None and not p.stale and p.evaluation is not None
    assert p.viewer.shown == ["bracket"]
    shown = _visible_formats(p)
    assert shown == [f.value for f in offered(p.evaluation.geometry)]
    assert "stl" in shown and "dxf" not in shown  # a printed part: nothing to cut
    assert "Up to date." in p.status.value
    bundle = p._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_failing_build_keeps_last_good_state_marked_stale(probe_panel):
    p = probe_panel
    good = p.evaluation
    size = p.form.fields["size"]
    size.text.value = "70 mm"  # inside the bounds, but the design's code fails
    assert size.error is None and p.design.size == Q_(70, "mm")
    assert p.error == "probe (size=70 mm): build failed: the block is too big for this test"
    assert p.error in p.status.value and "wb-status-fail" in p.status.value
    assert p.evaluation is good and p.stale
    assert p.viewer.stale and "Stale" in p.viewer.banner.value and p.viewer.shown == ["block"]
    assert p.checks.stale and "Stale" in p.checks.banner.value
    assert all(b.disabled for b in p.exports.buttons.values())
    assert p.exports.export(Format.STL) == []  # nothing exported from a stale state
    size.text.value = "30 mm"
    assert p.error is None and not p.stale and not p.viewer.stale and not p.checks.stale
    assert p.evaluation.design.size == Q_(30, "mm")


def test_export_writes_files_and_links_them(panel, tmp_path):
    assert panel.exports.folder.value == "out/bracket"
    panel.exports.buttons[Format.STL].click()
    stl = tmp_path / "out" / "bracket" / "bracket-bracket.stl"
    assert stl.is_file() and stl.stat().st_size > 1000
    html = panel.exports.files.outputs[0]["data"]["text/html"]
    assert 'href="out/bracket/bracket-bracket.stl"' in html and "download=" in html
    panel.exports.buttons[Format.STEP].click()
    assert (tmp_path / "out" / "bracket" / "bracket.step").is_file()
    assert "bracket.step" in panel.exports.files.outputs[0]["data"]["text/html"]


def test_dxf_is_offered_for_cut_parts_and_writes_the_sheets(panel, tmp_path):
    panel.form.fields["make"].input.value = "plywood"
    shown = _visible_formats(panel)
    assert "dxf" in shown and "stl" not in shown  # plates are cut, not printed
    panel.exports.folder.value = "cut files"
    paths = panel.exports.export(Format.DXF)
    assert paths and all(p.suffix == ".dxf" for p in paths)
    html = panel.exports.files.outputs[0]["data"]["text/html"]
    for p in paths:
        assert (tmp_path / "cut files" / p.name).is_file()
        assert f'href="cut files/{p.name}"' in html


def test_export_outside_the_notebook_folder_names_the_path(panel, tmp_path):
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    panel.exports.folder.value = str(elsewhere)
    panel.exports.export(Format.STEP)
    html = panel.exports.files.outputs[0]["data"]["text/html"]
    assert f"<code>{elsewhere / 'bracket.step'}</code>" in html and "href" not in html


def test_background_rebuilds_show_busy_and_merge_queued_changes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = Workbench("bracket")  # background, as in a notebook
    gate = threading.Event()
    calls: list[Q_] = []
    real = panel_module.evaluate

    def slow(design, ctx, build=True, lenient=False):
        if not build:  # the checks-only evaluation that follows a moving slider
            return real(design, ctx, build=False, lenient=lenient)
        calls.append(design.arm)
        gate.wait(30)
        return real(design, ctx, lenient=lenient)

    monkeypatch.setattr(panel_module, "evaluate", slow)
    arm = p.form.fields["arm"]
    for value in (160, 170, 180, 190, 200):
        arm.slider.value = value
    assert p.busy and "Building…" in p.status.value
    # the buttons stay enabled while it builds (no per-change flip); an export waits for the build
    assert not any(b.disabled for b in p.exports.buttons.values())
    written: list[list[Path]] = []
    click = threading.Thread(target=lambda: written.append(p.exports.export(Format.STEP)))
    click.start()
    click.join(0.5)
    assert click.is_alive() and not written  # waiting for the build, not exporting the old arm
    gate.set()
    assert p.wait(120)
    click.join(120)
    assert written == [[Path("out/bracket/bracket.step")]]
    # the slider's steps are followed by checks-only evaluations; one build once it rests
    assert calls == [Q_(200, "mm")]
    assert p.evaluation.design.arm == Q_(200, "mm") and not p.stale and not p.busy
    assert "Up to date." in p.status.value


def test_a_crashing_evaluate_is_one_line_and_the_panel_lives(panel, monkeypatch):
    def broken(design, ctx, **kwargs):
        raise RuntimeError("kernel fault\nwith a traceback")

    monkeypatch.setattr(panel_module, "evaluate", broken)
    panel.form.fields["width"].text.value = "50 mm"
    assert panel.error == "RuntimeError: kernel fault" and panel.stale


def test_out_dir_is_configurable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = Workbench("bracket", out_dir=Path("exports") / "shelf", background=False)
    assert p.exports.folder.value == str(Path("exports") / "shelf")
    p.exports.export(Format.STEP)
    assert (tmp_path / "exports" / "shelf" / "bracket.step").is_file()


@pytest.mark.parametrize("system", ["metric", "imperial"])
def test_starting_unit_system(tmp_path, monkeypatch, system):
    monkeypatch.chdir(tmp_path)
    p = Workbench("bracket", system=system, background=False)
    assert p.context_form.units.value == system
    shown = "150 mm" if system == "metric" else "5 7/8″"  # 5.906 in to the default 1/16 in
    assert p.form.fields["arm"].text.value == shown


def test_a_moving_slider_updates_checks_at_once_and_builds_once_it_rests(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = Workbench("bracket")  # background, as in a notebook
    assert p.wait(120)
    builds, table = p.builds, p.checks.table.value
    arm = p.form.fields["arm"]
    monkeypatch.setattr(panel_module, "SETTLE_S", 5.0)  # the slider keeps moving for this test
    for value in (160, 170, 180):
        arm.slider.value = value
    assert p.builds == builds and p.busy and p.evaluation.design.arm == Q_(150, "mm")
    assert arm.text.value == "180 mm"  # the value box follows the slider
    live = p.checks.table.value
    assert live != table and not p.checks.stale
    assert "mass <b>—</b>" in p.checks.summary.value  # mass needs the parts: not guessed
    expected = wb.evaluate(p.design, p.context, build=False)  # checks-only, for arm 180 mm
    assert live == render_checks(expected.checks, p.system)
    p._settle.cancel()
    p._rebuild()  # what the timer does once the slider rests
    assert p.wait(120)
    assert p.builds == builds + 1 and p.evaluation.design.arm == Q_(180, "mm")
    assert p.checks.table.value == live and "mass <b>—</b>" not in p.checks.summary.value
    assert "Up to date." in p.status.value
