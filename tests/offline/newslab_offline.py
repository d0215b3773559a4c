"""Block outbound network connections in this Python process (loopback allowed).

The test suite runs with ``NEWSLAB_OFFLINE=1`` and this folder on
``PYTHONPATH`` (see the ``test`` target of the Makefile).  Python then imports
``sitecustomize`` from here at start-up, before any test or notebook code, and
that calls :func:`install` -- in the pytest process *and* in every Python
process it starts: the nbval kernels, the JupyterLab server of the browser
tests and its kernels, ``jupyter nbconvert``.  A lesson that reaches for the
network at lesson time then fails loudly instead of passing on a machine that
happens to be online.

What is blocked: ``connect``, ``connect_ex``, ``sendto`` and ``sendmsg`` on
Internet sockets to any address outside 127.0.0.0/8 and ::1, and name
look-ups (``getaddrinfo``, ``gethostbyname``) of anything but ``localhost``,
numeric addresses and this machine's own name.  Unix sockets and loopback
(Jupyter's kernels talk over 127.0.0.1) work as usual.  The error is an
:class:`OfflineError`, an ``OSError`` with errno ``ENETUNREACH``, so code that
handles a network failure sees an ordinary one.

Limits: this is a guard against Python code; a C library opening its own
sockets (ZeroMQ, which only ever talks to loopback here) is not seen.

Examples
--------
>>> allowed_address("127.0.0.1"), allowed_address("::1"), allowed_address("93.184.216.34")
(True, True, False)
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket

ENV = "NEWSLAB_OFFLINE"

__all__ = ["ENV", "OfflineError", "allowed_address", "enabled", "install", "installed"]


class OfflineError(OSError):
    """An outbound connection refused by the offline guard."""


def enabled() -> bool:
    """True when the environment asks for the guard (``NEWSLAB_OFFLINE=1``)."""
    return os.environ.get(ENV, "").strip() == "1"


def allowed_address(host) -> bool:
    """True for loopback addresses and ``localhost``; False for everything else."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%", 1)[0]
    if host in ("", "localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_loopback or addr.is_unspecified


def _blocked(what: str, target) -> OfflineError:
    return OfflineError(
        errno.ENETUNREACH,
        f"newslab offline guard: {what} {target!r} blocked ({ENV}=1: nothing may use the network "
        "at lesson time; loopback is allowed)",
    )


_INET = {socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)}


def _check_address(sock, address, what: str) -> None:
    if sock.family in _INET and isinstance(address, tuple) and address:
        if not allowed_address(address[0]):
            raise _blocked(what, address)


def _own_names() -> set[str]:
    try:
        name = socket.gethostname()
    except OSError:
        return set()
    return {name, name.split(".", 1)[0]}


def install() -> bool:
    """Patch the socket module; idempotent.  Returns True if it patched now."""
    if getattr(socket, "_newslab_offline", False):
        return False
    cls = socket.socket
    original_connect, original_connect_ex = cls.connect, cls.connect_ex
    original_sendto, original_sendmsg = cls.sendto, getattr(cls, "sendmsg", None)
    original_getaddrinfo, original_gethostbyname = socket.getaddrinfo, socket.gethostbyname
    original_gethostbyname_ex = socket.gethostbyname_ex
    own = _own_names()

    def connect(self, address):
        _check_address(self, address, "connection to")
        return original_connect(self, address)

    def connect_ex(self, address):
        _check_address(self, address, "connection to")
        return original_connect_ex(self, address)

    def sendto(self, data, *args):
        _check_address(self, args[-1] if args else None, "datagram to")
        return original_sendto(self, data, *args)

    def name_allowed(host) -> bool:
        if host is None or allowed_address(host):
            return True
        text = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
        if text in own:
            return True
        try:
            ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
        except ValueError:
            return False
        return True  # a numeric address: connect() decides

    def getaddrinfo(host, *args, **kwargs):
        if not name_allowed(host):
            raise _blocked("name look-up of", host)
        return original_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host):
        if not name_allowed(host):
            raise _blocked("name look-up of", host)
        return original_gethostbyname(host)

    def gethostbyname_ex(host):
        if not name_allowed(host):
            raise _blocked("name look-up of", host)
        return original_gethostbyname_ex(host)

    cls.connect, cls.connect_ex, cls.sendto = connect, connect_ex, sendto
    if original_sendmsg is not None:
        def sendmsg(self, buffers, ancdata=(), flags=0, address=None):
            _check_address(self, address, "datagram to")
            if address is None:
                return original_sendmsg(self, buffers, ancdata, flags)
            return original_sendmsg(self, buffers, ancdata, flags, address)

        cls.sendmsg = sendmsg
    socket.getaddrinfo, socket.gethostbyname, socket.gethostbyname_ex = getaddrinfo, gethostbyname, gethostbyname_ex
    socket._newslab_offline = True
    return True


def installed() -> bool:
    """True if this process runs with the guard in place."""
    return bool(getattr(socket, "_newslab_offline", False))
