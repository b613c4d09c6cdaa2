"""What the front end knows and the kernel does not: the language JupyterLab speaks.

JupyterLab keeps its language in the setting ``locale`` of
``@jupyterlab/translation-extension:plugin`` (in the browser's settings registry, stored by the
server in its user-settings folder). At start its translator plugin writes the language it loaded
on the page, ``document.documentElement.lang = translator.languageCode`` ("es-ES" for the setting
"es_ES"; "en" when nothing is chosen; JupyterLab 4, packages/translation-extension). The kernel
cannot ask the browser, and the settings file is the server's (another folder or machine than the
kernel's, and `--LabApp.user_settings_dir` is invisible to it), so the panel carries a tiny
widget whose front-end half reads that attribute once and sends it back: `LanguageProbe`.

It needs no network and no server setting, so it works offline, in JupyterLab and Notebook 7.
Voila's page sets no ``lang`` (its template has none): there the probe stays silent and the page
address's ``?lang=`` chooses (`workbench.i18n.voila_query_locale`). Under nbval or in a script no
front end runs and nothing is reported.
"""

from __future__ import annotations

from typing import Any, Callable

import anywidget
import traitlets

_ESM = """
function report(model) {
  // JupyterLab's translator sets <html lang> to the language of its setting (e.g. "es-ES")
  const lang = (document.documentElement.getAttribute("lang") || "").trim();
  if (lang && model.get("lang") !== lang) {
    model.set("lang", lang);
    model.save_changes();
  }
}
export default {
  initialize({ model }) { report(model); },
  render({ model, el }) { el.style.display = "none"; report(model); },
};
"""


class LanguageProbe(anywidget.AnyWidget):
    """An invisible widget: `lang` becomes the page's ``<html lang>`` once the front end runs.

    `on_lang(tag)` is called with the browser's language tag ("es-ES") each time it arrives.
    """

    _esm = _ESM
    lang = traitlets.Unicode("").tag(sync=True)
    """The page's language tag, as the front end reported it ("" until then)."""

    def __init__(self, on_lang: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.layout.display = "none"
        self._on_lang = on_lang
        self.observe(self._reported, "lang")

    def _reported(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self._on_lang(change["new"])
