"""JupyterHub configuration for a newslab class on one machine (`make hub`).

Start it with ``python hub/launch.py`` (what ``make hub`` runs), which checks the
settings below, writes the password and the students' list if there are none
yet, and runs ``jupyterhub -f hub/jupyterhub_config.py``.  Everything comes from
the environment, so that the tests and the load test can start a hub of their own:

NEWSLAB_HUB_DIR          the hub's state: database, cookie secret, and ``home/<student>``
                         (default: ``build/hub`` in this checkout)
NEWSLAB_HUB_IP           the address students connect to (default 127.0.0.1)
NEWSLAB_HUB_PORT         its port (default: a free one)
NEWSLAB_HUB_ALLOW_PUBLIC 1 to allow an address other than loopback (a warning is logged)
NEWSLAB_HUB_STUDENTS     the allowed students, one name a line (default: <state>/students.txt)
NEWSLAB_HUB_PASSWORD     the class's shared password (default: read from <state>/password)
NEWSLAB_CLASS_LOG        1 switches the self-check class log on for every student
NEWSLAB_HUB_CHP          the configurable-http-proxy program (default: hub/node_modules/.bin/...)

Classroom mode, said plainly: one shared password (JupyterHub's
SharedPasswordAuthenticator) and a list of allowed students; anyone with the
password can log in as any student on the list.  The local-process spawner runs
every student's server as the same system user as the hub, so students are kept
apart by the hub's login, not by the operating system: a student who opens a
terminal can read the other home folders.  A real class needs per-student
accounts (the school's login) and containers, as in ``deploy/``.
"""

# ruff: noqa: F821  (``c`` is given by JupyterHub)

import os
import socket
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STATE = Path(os.environ.get("NEWSLAB_HUB_DIR") or ROOT / "build" / "hub").resolve()
BIN = Path(sys.executable).parent  # the virtualenv the hub runs from: its jupyterhub-singleuser


def _fail(message: str) -> None:
    print(f"newslab hub: {message}", file=sys.stderr)
    raise SystemExit(2)


def _free_ports(count: int, taken: set[int] = frozenset()) -> list[int]:
    """``count`` distinct free loopback ports, none of them in ``taken``.

    The sockets stay bound until all are chosen, so that the ports differ from
    each other; ``taken`` keeps out the port students connect to, which the
    launcher chose (and let go of) before this file runs.
    """
    sockets, ports = [], []
    try:
        while len(ports) < count:
            s = socket.socket()
            sockets.append(s)
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
            if port not in taken:
                ports.append(port)
        return ports
    finally:
        for s in sockets:
            s.close()


sys.path.insert(0, str(HERE))
from settings import is_loopback, read_students  # noqa: E402  (hub/settings.py)

ip = os.environ.get("NEWSLAB_HUB_IP", "127.0.0.1").strip() or "127.0.0.1"
if not is_loopback(ip):
    if os.environ.get("NEWSLAB_HUB_ALLOW_PUBLIC") != "1":
        _fail(f"refusing to listen on {ip}: this hub is for one machine (127.0.0.1). Every student's server runs as "
              "one system user and shares one password; to open it to a network anyway, set "
              "NEWSLAB_HUB_ALLOW_PUBLIC=1 (make hub HUB_IP=... HUB_ALLOW_PUBLIC=1), and put it behind HTTPS.")
    print(f"newslab hub: WARNING: listening on {ip}, not loopback. Anyone who can reach this address and knows the "
          "shared password can log in as any listed student; students' servers are not isolated from each other. "
          "Use it behind HTTPS, on a network you trust, for a class session only.", file=sys.stderr)
port_text = os.environ.get("NEWSLAB_HUB_PORT", "").strip()
try:
    port = int(port_text) if port_text else _free_ports(1)[0]
except ValueError:
    _fail(f"NEWSLAB_HUB_PORT={port_text!r} is not a port number")

students_file = Path(os.environ.get("NEWSLAB_HUB_STUDENTS") or STATE / "students.txt")
students = read_students(students_file, fail=_fail)

password = os.environ.get("NEWSLAB_HUB_PASSWORD")
if not password:
    try:
        password = (STATE / "password").read_text(encoding="utf-8").strip()
    except OSError:
        _fail(f"no shared password: set NEWSLAB_HUB_PASSWORD or write it to {STATE / 'password'} "
              "(python hub/launch.py makes one)")
if len(password) < 8:
    _fail("the shared password must be at least 8 characters long")

chp = os.environ.get("NEWSLAB_HUB_CHP") or str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")
if not Path(chp).is_file():
    _fail(f"{chp} is missing: run `make hub-proxy` (npm ci in hub/) first")

STATE.mkdir(parents=True, exist_ok=True)
(STATE / "home").mkdir(exist_ok=True)

# --- where students connect, and the hub's own loopback ports (free ones, never fixed)
hub_port, proxy_api_port = _free_ports(2, taken={port})
c.JupyterHub.bind_url = f"http://{ip}:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [chp]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --- who may log in: the listed students, with the class's shared password
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = password
c.Authenticator.allowed_users = set(students)
c.Authenticator.allow_all = False

# --- one server per student, in build/hub/home/<student>, as this system user
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.env_keep = ["PATH", "PYTHONPATH", "LANG", "LC_ALL", "TZ", "NEWSLAB_OFFLINE", "NEWSLAB_CLASS_LOG",
                      "JUPYTERHUB_SINGLEUSER_APP"]
# Servers stay up for the class; a student's idle kernels are shut down after an hour.
c.Spawner.args += ["--MappingKernelManager.cull_idle_timeout=3600", "--MappingKernelManager.cull_interval=300"]
