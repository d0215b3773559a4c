"""Start a JupyterHub for a newslab class on this machine (what `make hub` runs).

    python hub/launch.py [--port N] [--students FILE] [--class-log] [--ip ADDRESS --allow-public]

It listens on 127.0.0.1 (a free port unless --port is given) and refuses any
other address unless --allow-public is given, with a warning.  The first run
writes, under build/hub/ (or $NEWSLAB_HUB_DIR):

* ``password``     the class's shared password (random; share it with the class),
* ``students.txt`` a demo class list (student1 .. student3) to replace with yours,

and each student's server keeps their files in ``build/hub/home/<name>``.
Stop the hub with Ctrl-C; it stops the students' servers too.

Classroom mode, said plainly: one shared password and a list of allowed students
(JupyterHub's SharedPasswordAuthenticator); every server runs as this system
user.  Good for a class on one machine or a demo; not for students who must be
kept from each other (see deploy/ for that).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from settings import is_loopback  # noqa: E402  (hub/settings.py)


def _free_port(ip: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="make hub", description=__doc__.split("\n\n")[0])
    p.add_argument("--ip", default=os.environ.get("NEWSLAB_HUB_IP") or "127.0.0.1",
                   help="the address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=int(os.environ.get("NEWSLAB_HUB_PORT") or 0),
                   help="the port (default: a free one)")
    p.add_argument("--allow-public", action="store_true",
                   default=os.environ.get("NEWSLAB_HUB_ALLOW_PUBLIC") == "1",
                   help="allow an address other than loopback (read the warning it prints)")
    p.add_argument("--state", default=os.environ.get("NEWSLAB_HUB_DIR") or str(ROOT / "build" / "hub"),
                   help="the hub's folder: database, password, students' homes (default build/hub)")
    p.add_argument("--students", default=os.environ.get("NEWSLAB_HUB_STUDENTS"),
                   help="the class list, one name a line (default <state>/students.txt)")
    p.add_argument("--class-log", action="store_true", default=os.environ.get("NEWSLAB_CLASS_LOG") == "1",
                   help="switch the self-check class log on for every student (see `newslab progress`)")
    args = p.parse_args(argv)

    if not is_loopback(args.ip) and not args.allow_public:
        print(f"make hub: refusing to listen on {args.ip}: this hub is meant for 127.0.0.1. Every student's "
              "server runs as one system user and the class shares one password. To open it to a network "
              "anyway: make hub HUB_IP=... HUB_ALLOW_PUBLIC=1 (and put it behind HTTPS).", file=sys.stderr)
        return 2
    chp = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
    if not chp.is_file():
        print(f"make hub: {chp} is missing: run `make hub-proxy` (needs npm)", file=sys.stderr)
        return 2
    jupyterhub = Path(sys.executable).parent / "jupyterhub"
    if not jupyterhub.is_file():
        print("make hub: jupyterhub is not installed in this environment: pip install -e '.[hub]'", file=sys.stderr)
        return 2

    state = Path(args.state).resolve()
    state.mkdir(parents=True, exist_ok=True)
    password_file = state / "password"
    if not os.environ.get("NEWSLAB_HUB_PASSWORD") and not password_file.exists():
        fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(secrets.token_urlsafe(12) + "\n")
    students = Path(args.students) if args.students else state / "students.txt"
    if not args.students and not students.exists():
        students.write_text("# One student login name a line; replace these demo names with your class.\n"
                            "student1\nstudent2\nstudent3\n", encoding="utf-8")
    port = args.port or _free_port(args.ip)

    env = dict(os.environ, NEWSLAB_HUB_DIR=str(state), NEWSLAB_HUB_IP=args.ip, NEWSLAB_HUB_PORT=str(port),
               NEWSLAB_HUB_STUDENTS=str(students.resolve()),
               NEWSLAB_HUB_ALLOW_PUBLIC="1" if args.allow_public else "0",
               NEWSLAB_CLASS_LOG="1" if args.class_log else os.environ.get("NEWSLAB_CLASS_LOG", "0"))
    host = f"[{args.ip}]" if ":" in args.ip else args.ip
    where = f"http://{host}:{port}"
    print(f"""
newslab class hub (classroom mode: one shared password, one system user for every student)
  address    {where}/
  students   {students}
  password   {'$NEWSLAB_HUB_PASSWORD' if os.environ.get('NEWSLAB_HUB_PASSWORD') else password_file}
  homes      {state / 'home'}/<student>
  class log  {'on: newslab progress ' + str(state / 'home') if env['NEWSLAB_CLASS_LOG'] == '1' else 'off (make hub CLASS_LOG=1 switches it on)'}
  links      newslab class-links --hub {where} --repo <class repository> --folder student
Stop with Ctrl-C.
""", flush=True)
    os.chdir(state)
    argv = [str(jupyterhub), "-f", str(HERE / "jupyterhub_config.py")]
    if shutil.which("jupyterhub") is None:  # jupyterhub finds jupyterhub-singleuser through PATH as well
        env["PATH"] = f"{jupyterhub.parent}{os.pathsep}{env.get('PATH', '')}"
    os.execve(argv[0], argv, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
