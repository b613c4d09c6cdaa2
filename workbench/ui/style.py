"""The panel's look: one style sheet (shipped inline, nothing fetched) and the status colours."""

from __future__ import annotations

STATUS_COLOURS: dict[str, str] = {
    "pass": "#2e7d32", "warn": "#b26a00", "fail": "#c62828", "unverified": "#5e35b1",
}
"""Text/bar colour per check status (dark enough for white text on them)."""

CSS = """
<style>
.wb-panel { font-size: 13px; }
.wb-panel h3 { margin: 4px 0; }
.wb-group-title { font-weight: 600; margin-top: 6px; border-bottom: 1px solid #ccc; }
.wb-label { min-width: 10em; }
.wb-error { color: #c62828; font-size: 12px; line-height: 1.3; }
.wb-note { color: #555; font-size: 12px; line-height: 1.3; }
.wb-banner { background: #fff4e5; border-left: 4px solid #ef6c00; padding: 4px 8px; font-size: 13px; }
.wb-proposal table { border-collapse: collapse; margin: 4px 0; font-size: 12px; }
.wb-proposal td, .wb-proposal th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; }
.wb-status-ok { color: #2e7d32; }
.wb-status-busy { color: #1565c0; }
.wb-status-fail { color: #c62828; font-weight: 600; }
.wb-stale { opacity: 0.55; }
.wb-stale-banner { background: #fff3e0; color: #8a4b00; padding: 2px 6px;
  border: 1px solid #f0b070; }
.wb-checks table { border-collapse: collapse; width: 100%; }
.wb-checks td, .wb-checks th { border-bottom: 1px solid #e0e0e0; padding: 3px 6px;
  text-align: left; vertical-align: top; line-height: 1.35; }
.wb-checks td.wb-nowrap { white-space: nowrap; }
.wb-panel .widget-html-content { line-height: 1.35; }
.wb-badge { color: white; border-radius: 3px; padding: 0 5px; font-weight: 600; font-size: 11px; }
.wb-bar { width: 110px; height: 10px; background: #eee; border: 1px solid #bbb;
  display: inline-block; }
.wb-bar-fill { height: 100%; }
.wb-ref { color: #666; font-size: 11px; }
.wb-summary span { margin-right: 1.5em; }
</style>
"""
