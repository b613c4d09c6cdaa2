"""Export buttons: one per output the core offers for the current geometry (`export.offered`),
writing into a folder, with the written files as links.

Links are relative to the kernel's working folder (the notebook's), like IPython's FileLink, so
JupyterLab turns them into download links; a file outside that folder is named as text.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Callable

import ipywidgets as widgets

from workbench.export import Format, registered
from workbench.i18n import _
from workbench.ui import words


def link_html(paths: list[Path], base: Path | None = None) -> str:
    """Links to `paths` relative to `base` (the working folder); plain paths when outside it."""
    base = (base or Path.cwd()).resolve()
    items = []
    for p in paths:
        full = Path(p).resolve()
        name = escape(full.name, quote=False)
        try:
            rel = full.relative_to(base).as_posix()
        except ValueError:
            items.append(f"<li><code>{escape(str(full), quote=False)}</code></li>")
            continue
        items.append(
            f'<li><a href="{escape(rel)}" target="_blank" download="{name}">{name}</a></li>'
        )
    return '<ul class="wb-files">' + "".join(items) + "</ul>"


class ExportView:
    """Folder box, a button per offered format and the written files as links."""

    def __init__(self, folder: str, run: Callable[[Format, Path], list[Path]]) -> None:
        self._run = run
        self.folder = widgets.Text(value=folder, layout=widgets.Layout(width="24em"))
        words.put(self.folder, "tooltip",
                  lambda: _("Where files are written (relative to the notebook's folder)"))
        self.buttons: dict[Format, widgets.Button] = {}
        for fmt in (s.format for s in registered()):
            # no icon: icons come from Font Awesome, which Voila would fetch from a CDN
            b = widgets.Button(description=fmt.value.upper(), layout=widgets.Layout(width="7em"))
            words.put(b, "tooltip", lambda f=fmt: _(f.label))  # the label, marked in formats
            b.add_class(f"wb-export-{fmt.value}")
            b.on_click(lambda _b, f=fmt: self.export(f))
            self.buttons[fmt] = b
        self.files = widgets.Output()
        self.message = widgets.HTML("")
        self.written: list[Path] = []
        title = words.put(widgets.HTML(), "value", lambda: _("Export"))
        title.add_class("wb-group-title")
        label = words.put(widgets.HTML(layout=widgets.Layout(width="4em")), "value",
                          lambda: _("Folder"))
        folder_row = widgets.HBox([label, self.folder])
        self.widget = widgets.VBox([
            title, folder_row, widgets.HBox(list(self.buttons.values())), self.message, self.files,
        ])
        self.widget.add_class("wb-export")

    def update(self, formats: list[Format], ready: bool, why: str = "") -> None:
        """Show the buttons of `formats`; enabled only when `ready` (else `why` says why not)."""
        for fmt, b in self.buttons.items():
            b.layout.display = None if fmt in formats else "none"
            b.disabled = not ready
        note = escape(why, quote=False)
        self.message.value = f'<span class="wb-note">{note}</span>' if why else ""

    def export(self, fmt: Format) -> list[Path]:
        """Write `fmt` into the folder and list the files; a failure is shown, not raised."""
        from workbench.errors import WorkbenchError

        if self.buttons[fmt].disabled:
            return []
        folder = Path(os.path.expanduser(self.folder.value.strip() or "."))
        self.message.value = '<span class="wb-note">' + escape(_("Writing {format}…").format(
            format=fmt.value.upper())) + "</span>"
        try:
            paths = self._run(fmt, folder)
        except (WorkbenchError, OSError) as exc:
            self.message.value = f'<span class="wb-error">{escape(str(exc), quote=False)}</span>'
            return []
        self.message.value = ""
        self.written = [p for p in self.written if p not in paths] + paths
        html = link_html(self.written)
        # An Output widget, not an HTML one: its HTML goes through JupyterLab's rendermime, which
        # resolves relative links against the notebook's folder (as for IPython's FileLink).
        self.files.outputs = ({
            "output_type": "display_data",
            "data": {"text/html": html, "text/plain": "\n".join(str(p) for p in self.written)},
            "metadata": {},
        },)
        return paths
