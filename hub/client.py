"""A simulated student on a JupyterHub: log in, follow a class link, run a notebook.

Used by the hub tests (tests/test_hub.py) and the class load test
(hub/loadtest.py).  It does what a student's browser does, through the hub's
proxy only: the login form (with its XSRF token), the spawn, the nbgitpuller
link, the Jupyter REST API and a kernel's websocket.  Loopback only: it refuses
an address that is not this machine.

It needs ``requests`` (a dependency of jupyterhub) and ``tornado`` (of jupyter_server).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import requests

try:  # hub/ is not a package: the settings module sits beside this one
    from settings import is_loopback
except ImportError:  # pragma: no cover - imported as hub.client
    from .settings import is_loopback


class HubError(RuntimeError):
    """A step a student takes on the hub did not work."""


def _in_own_loop(coroutine_function, *args):
    """Run a coroutine to its end in a thread of its own with a fresh event loop.

    ``asyncio.run`` refuses to start where a loop is already running (as in a
    test process that drove a browser with Playwright's synchronous API, or in
    a notebook), so the websocket talk gets a thread and a loop to itself.
    """
    import threading

    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine_function(*args))
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="newslab-kernel-websocket", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@dataclass
class CellResult:
    """What one code cell did in the kernel."""

    index: int
    status: str  # "ok" or "error"
    seconds: float
    error: str = ""
    text: str = ""  # stdout and text/plain results, for checking answers


@dataclass
class RunResult:
    """A notebook run through the kernel websocket."""

    path: str
    seconds: float
    cells: list[CellResult] = field(default_factory=list)
    #: The code cells' sources as run (after ``replace``), in order.
    sources: list[str] = field(default_factory=list)

    def output_of(self, text: str) -> str:
        """The output of the first cell whose source contains ``text`` ("" if it did not run)."""
        index = next((i for i, s in enumerate(self.sources) if text in s), None)
        return next((c.text for c in self.cells if c.index == index), "")

    @property
    def errors(self) -> list[CellResult]:
        return [c for c in self.cells if c.status != "ok"]


class Student:
    """One student's browser session on a hub at ``hub_url`` (e.g. ``http://127.0.0.1:8000``)."""

    def __init__(self, hub_url: str, name: str, password: str, timeout: float = 120):
        host = urlsplit(hub_url).hostname or ""
        if not is_loopback(host):
            raise ValueError(f"{hub_url}: the simulated students talk to a hub on this machine only")
        self.hub = hub_url.rstrip("/")
        self.name = name
        self.password = password
        self.timeout = timeout
        self.session = requests.Session()
        self.token: str | None = None

    # ------------------------------------------------------------------ hub

    def _xsrf(self) -> str:
        return self.session.cookies.get("_xsrf", path="/hub/") or self.session.cookies.get("_xsrf") or ""

    def login(self) -> bool:
        """Fill in the login form; True if the hub let the student in."""
        self.session.get(f"{self.hub}/hub/login", timeout=self.timeout).raise_for_status()
        r = self.session.post(f"{self.hub}/hub/login?next=", data={"username": self.name, "password": self.password,
                                                                    "_xsrf": self._xsrf()},
                              allow_redirects=False, timeout=self.timeout)
        if r.status_code in (302, 303):
            return True
        if r.status_code in (200, 403):  # the login page again, saying the name or password is wrong
            return False
        raise HubError(f"{self.name}: login answered HTTP {r.status_code}")

    def _hub_api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"X-XSRFToken": self._xsrf(), "Referer": f"{self.hub}/hub/home"}
        return self.session.request(method, f"{self.hub}/hub/api{path}", headers=headers, timeout=self.timeout, **kw)

    def start_server(self) -> float:
        """Start the student's server (as the hub's Start button does); returns the seconds it took."""
        t0 = time.perf_counter()
        r = self._hub_api("POST", f"/users/{self.name}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"{self.name}: starting the server answered HTTP {r.status_code}: {r.text[:200]}")
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            info = self._hub_api("GET", f"/users/{self.name}").json()
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                break
            time.sleep(0.5)
        else:
            raise HubError(f"{self.name}: the server was not ready after {self.timeout:g} s")
        r = self._hub_api("POST", f"/users/{self.name}/tokens", json={"note": "simulated student", "expires_in": 7200})
        if r.status_code != 201:
            raise HubError(f"{self.name}: could not get an API token: HTTP {r.status_code}")
        self.token = r.json()["token"]
        return time.perf_counter() - t0

    # ------------------------------------------------------------------ the student's server

    @property
    def base(self) -> str:
        return f"{self.hub}/user/{self.name}"

    def api(self, method: str, path: str, user: str | None = None, **kw) -> requests.Response:
        """Call the Jupyter REST API of a user's server (the student's own by default) with the student's token."""
        user = user or self.name
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.hub}/user/{user}/api{path}", headers=headers, timeout=self.timeout,
                                allow_redirects=False, **kw)

    def follow_link(self, link: str) -> float:
        """Open an nbgitpuller link as a browser would, then run the pull it starts; returns the seconds taken.

        The link's page pulls through an event stream (``git-pull/api``) from
        its script; this does the same request and waits for ``finished``.
        """
        t0 = time.perf_counter()
        r = self.session.get(link, timeout=self.timeout)  # hub → user-redirect → the student's server (OAuth) → page
        if r.status_code != 200 or "git-pull" not in r.url:
            raise HubError(f"{self.name}: the class link led to HTTP {r.status_code} at {r.url}")
        query = urlsplit(r.url).query
        with self.session.get(f"{self.base}/git-pull/api?{query}", stream=True, timeout=self.timeout,
                              headers={"Authorization": f"token {self.token}"}) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                if event.get("phase") == "finished":
                    return time.perf_counter() - t0
                if event.get("phase") == "error":
                    raise HubError(f"{self.name}: nbgitpuller: {event.get('message')}\n{event.get('output', '')}")
        raise HubError(f"{self.name}: the pull ended without finishing")

    def read(self, path: str) -> dict:
        r = self.api("GET", f"/contents/{quote(path)}")
        if r.status_code != 200:
            raise HubError(f"{self.name}: reading {path} answered HTTP {r.status_code}")
        return r.json()

    def save_notebook(self, path: str, notebook: dict) -> None:
        r = self.api("PUT", f"/contents/{quote(path)}", json={"type": "notebook", "format": "json", "content": notebook})
        if r.status_code not in (200, 201):
            raise HubError(f"{self.name}: saving {path} answered HTTP {r.status_code}: {r.text[:200]}")

    def run_notebook(self, path: str, replace: dict[str, str] | None = None, kernel_timeout: float = 600) -> RunResult:
        """Run All: open a session on ``path`` and run its code cells, in order, through the kernel websocket.

        ``replace`` maps a cell's source text to what the student typed instead
        (answering an exercise).  Stops at the first cell that fails.
        """
        notebook = self.read(path)["content"]
        sources = []
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                for old, new in (replace or {}).items():
                    source = source.replace(old, new)
                sources.append(source)
        r = self.api("POST", "/sessions", json={"path": path, "type": "notebook", "name": Path(path).name,
                                                "kernel": {"name": "python3"}})
        if r.status_code != 201:
            raise HubError(f"{self.name}: starting a kernel answered HTTP {r.status_code}: {r.text[:200]}")
        session = r.json()
        try:
            t0 = time.perf_counter()
            cells = _in_own_loop(self._execute, session["kernel"]["id"], sources, kernel_timeout)
            return RunResult(path, time.perf_counter() - t0, cells, sources)
        finally:
            self.api("DELETE", f"/sessions/{session['id']}")

    async def _execute(self, kernel_id: str, sources: list[str], timeout: float) -> list[CellResult]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = f"{self.base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels"
        conn = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"},
                                                   connect_timeout=self.timeout, request_timeout=self.timeout),
                                       max_message_size=64 * 1024 * 1024)
        session = uuid.uuid4().hex
        results: list[CellResult] = []
        deadline = time.monotonic() + timeout
        try:
            for index, source in enumerate(sources):
                msg_id = uuid.uuid4().hex
                conn.write_message(json.dumps({
                    "header": {"msg_id": msg_id, "username": self.name, "session": session, "msg_type": "execute_request",
                               "version": "5.3", "date": ""},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": source, "silent": False, "store_history": True, "user_expressions": {},
                                "allow_stdin": False, "stop_on_error": True},
                }))
                t0 = time.perf_counter()
                status, error, text, replied, idle = "ok", "", [], False, False
                while not (replied and idle):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise HubError(f"{self.name}: the notebook did not finish within {timeout:g} s")
                    raw = await asyncio.wait_for(conn.read_message(), remaining)
                    if raw is None:
                        raise HubError(f"{self.name}: the kernel's websocket closed")
                    if isinstance(raw, bytes):
                        continue  # binary frames carry widget buffers; nothing to check there
                    msg = json.loads(raw)
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind, content = msg["header"]["msg_type"], msg.get("content", {})
                    if kind == "execute_reply":
                        replied = True
                        status = content.get("status", "error")
                        if status != "ok":
                            error = error or f"{content.get('ename')}: {content.get('evalue')}"
                    elif kind == "status" and content.get("execution_state") == "idle":
                        idle = True
                    elif kind == "stream":
                        text.append(content.get("text", ""))
                    elif kind in ("execute_result", "display_data"):
                        text.append(content.get("data", {}).get("text/plain", ""))
                    elif kind == "error":
                        error = f"{content.get('ename')}: {content.get('evalue')}"
                results.append(CellResult(index, status, time.perf_counter() - t0, error, "".join(text)))
                if status != "ok":
                    break
        finally:
            conn.close()
        return results

    def stop_server(self) -> None:
        self._hub_api("DELETE", f"/users/{self.name}/server")
