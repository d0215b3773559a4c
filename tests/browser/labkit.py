"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium per session.

(Not named conftest.py: tests/conftest.py is imported as ``conftest`` by other tests,
and a second conftest module would shadow it.  test_lab.py imports the fixtures.)

The server runs from this checkout's Python on 127.0.0.1, on a free port, with
a fresh random token, over a *temporary copy* of the checkout (without .git, .venv, build/)
(Run All and the autosave never touch the committed notebooks), with its own
settings, workspace and runtime folders, and with outbound sockets blocked in
the server and its kernels (tests/offline).  Chromium is Debian's
(/usr/bin/chromium, or $NEWSLAB_CHROMIUM), driven by Playwright from PyPI;
Playwright's own browser downloads are never used.  Every request the page
makes to anything but the server is aborted and reported as a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
OFFLINE = ROOT / "tests" / "offline"

#: Flags Debian's chromium needs in a container (probed): no sandbox as root,
#: no GPU, nothing that phones home.  Playwright adds --headless and a fresh
#: --user-data-dir of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

INSTALL_HINT = (
    "the browser tests need Debian's chromium: `sudo apt-get install -y chromium` "
    "(or set NEWSLAB_CHROMIUM=/path/to/chromium); .ci/run installs it in CI"
)


def chromium_path() -> str | None:
    """The Chromium binary to drive: $NEWSLAB_CHROMIUM, else chromium on PATH."""
    given = os.environ.get("NEWSLAB_CHROMIUM", "").strip()
    if given:
        return given if os.access(given, os.X_OK) else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing(reason: str):
    """Outside CI a missing browser skips (saying how to install it); in CI it fails."""
    if _in_ci():
        pytest.fail(f"{reason} in CI: {INSTALL_HINT}", pytrace=False)
    pytest.skip(f"{reason}: {INSTALL_HINT}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab: ``url(path)`` gives an address with the token."""

    def __init__(self, base: str, token: str, root: Path, proc: subprocess.Popen, log: Path):
        self.base, self.token, self.root, self.proc, self.log = base, token, root, proc, log

    def url(self, path: str, token: bool = True) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}" + (f"{sep}token={self.token}" if token else "")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _write_lab_settings(settings: Path) -> None:
    """User settings for the test server: every cell in the DOM, no news, no update checks."""
    files = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }
    for name, value in files.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")


def offline_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` with the offline guard switched on for every Python process started with it."""
    env = dict(env)
    env["NEWSLAB_OFFLINE"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(OFFLINE), env.get("PYTHONPATH", "")) if p)
    return env


#: Top-level entries of the checkout that the lab copy leaves out.
NOT_COPIED = {".git", ".venv", "build", "node_modules", ".hypothesis", ".pytest_cache"}


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """A temporary copy of the checkout (notebooks, cases, seeds, data, ...), without .git, .venv, build/."""
    root = tmp_path_factory.mktemp("lab")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for entry in sorted(ROOT.iterdir()):
        if entry.name in NOT_COPIED:
            continue
        if entry.is_dir():
            shutil.copytree(entry, root / entry.name, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(entry, root / entry.name)
    return root


@pytest.fixture(scope="session")
def lab(lab_root, tmp_path_factory):
    """JupyterLab on 127.0.0.1:<free port> with a random token, serving ``lab_root``."""
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        pytest.skip("jupyterlab is not installed in this environment (make venv)")
    state = tmp_path_factory.mktemp("lab-state")
    settings = state / "settings"
    _write_lab_settings(settings)
    token = secrets.token_hex(24)
    port = free_port()
    env = offline_env(os.environ)
    env.pop("NEWSLAB_CASE", None)  # the committed outputs are those of the default case
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(state / "runtime"),
        JUPYTER_CONFIG_DIR=str(state / "config"),
        JUPYTER_PLATFORM_DIRS="1",
    )
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={lab_root}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
        "--LabApp.news_url=",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = state / "jupyterlab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=lab_root, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Lab(f"http://127.0.0.1:{port}", token, lab_root, proc, log)
    deadline = time.monotonic() + 90
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{server.log_tail()}", pytrace=False)
            try:
                with urllib.request.urlopen(server.url("/api/status"), timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within 90 s:\n{server.log_tail()}", pytrace=False)
            time.sleep(0.25)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session."""
    path = chromium_path()
    if path is None:
        _missing("chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed in this environment (make venv)")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken or incompatible chromium
            _missing(f"chromium at {path} does not start under Playwright ({str(exc).splitlines()[0]})")
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, lab):
    """A fresh browser context and page; requests leaving the lab server are aborted and listed."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    escaped: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(lab.base + "/") or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            escaped.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", guard)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.escaped_requests = escaped
    try:
        yield pg
    finally:
        context.close()
    assert not escaped, f"the page tried to reach beyond the lab server: {escaped[:5]}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
