"""Start and stop JupyterLab and Voila for the browser tests: loopback only, offline, temporary
folders for everything they write (see shared BROWSER-TESTS.md)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOKEN = "workbench-browser-test"
VOILA_FILES = "--VoilaConfiguration.file_allowlist=['out/.*']"
"""Lets Voila serve the exported files, so the panel's links download them (as in the README)."""
LAB_FLAGS = [
    "--no-browser", "--allow-root", "--port-retries=0", "--expose-app-in-browser",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
]


@dataclass
class Server:
    """A running server: its process, base URL, served folder and log file."""

    proc: subprocess.Popen
    url: str
    root: Path
    log: Path

    def stop(self) -> None:
        """SIGTERM (servers shut their kernels down), then kill the process group if it lingers."""
        if self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(tmp / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    env["IPYTHONDIR"] = str(tmp / "ipython")
    # the kernel imports `workbench` from this checkout even when it is not installed
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    return env


def _wait_up(server: Server, path: str | None, timeout: float) -> None:
    """Until `path` answers (or, when None, the port accepts connections: a Voila page request
    would run the notebook)."""
    deadline = time.monotonic() + timeout
    port = int(server.url.rsplit(":", 1)[1])
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited: {server.log.read_text()[-2000:]}")
        try:
            if path is None:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
            else:
                urllib.request.urlopen(f"{server.url}{path}", timeout=2).close()
            return
        except OSError:
            time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"server not up after {timeout:.0f} s: {server.log.read_text()[-2000:]}")


def write_notebook(folder: Path, name: str, cells: list[str]) -> Path:
    """A notebook of code `cells` (Python 3 kernel) at `folder/name`, for a server to serve a copy."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": src, "outputs": [],
                   "execution_count": None} for src in cells],
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
    }
    path = folder / name
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _copy_notebook(notebook: Path, root: Path) -> Path:
    """A copy to serve (autosave writes outputs into the served file), outputs cleared."""
    root.mkdir(parents=True, exist_ok=True)
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    target = root / notebook.name
    target.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return target


def start_lab(
    notebook: Path, tmp: Path, timeout: float = 60, settings: dict[str, dict] | None = None
) -> Server:
    """JupyterLab serving a copy of `notebook` in `tmp/root`, with kernels that start on open.

    `settings` adds user settings, plugin id → values, as the Settings Editor would write them
    (e.g. ``{"@jupyterlab/translation-extension:plugin": {"locale": "es_ES"}}``).
    """
    root = tmp / "root"
    _copy_notebook(notebook, root)
    user = {
        "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"},
        **(settings or {}),
    }
    settings_dir = tmp / "settings"
    for plugin_id, body in user.items():
        # the file of plugin "@scope/ext:plugin" is "@scope/ext/plugin.jupyterlab-settings"
        plugin = plugin_id.replace(":", "/")
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(body))
    port = free_port()
    cmd = [
        sys.executable, "-m", "jupyterlab", *LAB_FLAGS, "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings_dir}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
    ]
    log = tmp / "lab.log"
    proc = subprocess.Popen(cmd, env=_env(tmp), cwd=root, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(proc, f"http://127.0.0.1:{port}", root, log)
    _wait_up(server, f"/api/status?token={TOKEN}", timeout)
    return server


def start_voila(notebook: Path, tmp: Path, timeout: float = 60) -> Server:
    """Voila rendering a copy of `notebook` (it runs the notebook when the page is opened)."""
    root = tmp / "root"
    target = _copy_notebook(notebook, root)
    port = free_port()
    cmd = [
        sys.executable, "-m", "voila", str(target), "--no-browser", f"--port={port}",
        "--Voila.ip=127.0.0.1", f"--token={TOKEN}", VOILA_FILES,
    ]
    log = tmp / "voila.log"
    proc = subprocess.Popen(cmd, env=_env(tmp), cwd=root, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(proc, f"http://127.0.0.1:{port}", root, log)
    _wait_up(server, None, timeout)
    return server
