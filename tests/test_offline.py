"""No network at lesson time: the guard in tests/offline blocks outbound sockets, loopback allowed.

``make test`` runs pytest with ``NEWSLAB_OFFLINE=1`` and tests/offline on
``PYTHONPATH``; Python's ``sitecustomize`` hook then blocks outbound
connections in the pytest process and in every Python process it starts (the
nbval kernels, the browser tests' JupyterLab and its kernels).  These tests
prove that the guard blocks, that loopback and Unix sockets still work, that a
Jupyter kernel inherits it, and that ``make test`` switches it on.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = ROOT / "tests" / "offline"
sys.path.insert(0, str(OFFLINE))
import newslab_offline  # noqa: E402

# TEST-NET-3 (RFC 5737): never routed, so a test never reaches anyone even without the guard.
OUTSIDE = ("203.0.113.7", 80)


def guarded_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["NEWSLAB_OFFLINE"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(OFFLINE), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


PROBE = textwrap.dedent(
    """
    import socket, sys, urllib.request, urllib.error
    results = []
    try:
        socket.create_connection(("203.0.113.7", 80), timeout=3)
        results.append("outside: CONNECTED")
    except OSError as exc:
        results.append("outside: " + ("blocked" if "offline guard" in str(exc) else "other " + repr(exc)))
    try:
        urllib.request.urlopen("https://pypi.org/simple/", timeout=3)
        results.append("url: CONNECTED")
    except urllib.error.URLError as exc:
        results.append("url: " + ("blocked" if "offline guard" in str(exc.reason) else "other " + repr(exc)))
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.sendto(b"x", ("203.0.113.7", 53))
        results.append("udp: SENT")
    except OSError as exc:
        results.append("udp: " + ("blocked" if "offline guard" in str(exc) else "other " + repr(exc)))
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(("localhost", server.getsockname()[1]), timeout=3)
    results.append("loopback: ok")
    a, b = socket.socketpair()
    a.sendall(b"hi"); results.append("unix: " + b.recv(2).decode())
    print("|".join(results))
    """
)


def test_a_guarded_python_process_cannot_reach_out_but_loopback_works():
    out = subprocess.run([sys.executable, "-c", PROBE], env=guarded_env(), capture_output=True, text=True,
                         timeout=60, check=True).stdout.strip()
    assert out == "outside: blocked|url: blocked|udp: blocked|loopback: ok|unix: hi", out


def test_without_the_variable_the_hook_changes_nothing():
    code = "import socket; print(getattr(socket, '_newslab_offline', False))"
    env = guarded_env(NEWSLAB_OFFLINE="0")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_guard_is_idempotent_and_names_what_it_blocked():
    code = textwrap.dedent(
        """
        import socket, newslab_offline
        assert newslab_offline.installed()
        assert newslab_offline.install() is False  # a second install changes nothing
        try:
            socket.getaddrinfo("example.org", 443)
        except newslab_offline.OfflineError as exc:
            print(exc.errno, exc)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], env=guarded_env(), capture_output=True, text=True,
                         check=True).stdout
    assert out.startswith("101 ") and "'example.org'" in out and "NEWSLAB_OFFLINE=1" in out


@pytest.mark.parametrize(
    ("host", "allowed"),
    [("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("localhost", True), ("0.0.0.0", True),
     ("::ffff:127.0.0.1", True), ("10.0.0.1", False), ("192.168.1.1", False), ("8.8.8.8", False),
     ("2001:db8::1", False), ("pypi.org", False), (b"127.0.0.1", True)],
)
def test_allowed_addresses(host, allowed):
    assert newslab_offline.allowed_address(host) is allowed


def test_this_pytest_process_is_guarded_when_make_test_runs_it():
    if not newslab_offline.enabled():
        pytest.skip("NEWSLAB_OFFLINE is not 1: run through `make test` to guard this process")
    assert newslab_offline.installed(), "NEWSLAB_OFFLINE=1 but tests/offline is not on PYTHONPATH"
    with pytest.raises(OSError, match="offline guard"):
        socket.create_connection(OUTSIDE, timeout=3)
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []
    t = threading.Thread(target=lambda: accepted.append(server.accept()))
    t.start()
    socket.create_connection(server.getsockname(), timeout=3).close()
    t.join(5)
    assert accepted


def test_make_test_switches_the_guard_on():
    dry = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in dry.splitlines() if "pytest" in line)
    assert "NEWSLAB_OFFLINE=1" in line and "tests/offline" in line, line


@pytest.mark.notebook
def test_a_jupyter_kernel_started_with_the_guard_cannot_reach_out():
    """The nbval kernels and the lab's kernels inherit the environment, and so the guard."""
    jupyter_client = pytest.importorskip("jupyter_client")
    km = jupyter_client.KernelManager(kernel_name="python3")
    km.start_kernel(env=guarded_env(), cwd=str(ROOT))
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        code = (
            "import socket\n"
            "try:\n"
            "    socket.create_connection(('203.0.113.7', 80), timeout=3); print('CONNECTED')\n"
            "except OSError as e:\n"
            "    print('blocked' if 'offline guard' in str(e) else repr(e))\n"
        )
        kc.execute(code)
        text = ""
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["msg_type"] == "stream":
                text += msg["content"]["text"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle" and text:
                break
        assert text.strip() == "blocked"
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
