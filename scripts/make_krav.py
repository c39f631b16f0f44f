"""Write krav.txt for a folder of wheels: the economy office's distribution.

    python scripts/make_krav.py MAPP            # writes MAPP/krav.txt

Every wheel in MAPP (the toolkit's, built with ``python -m pip wheel . -w MAPP``, which also
fetches its dependencies' wheels) is pinned by name, version and its SHA-256, as
``pip install --require-hashes`` wants them. A controller installs with

    py -3.12 -m pip install --no-index --find-links MAPP --require-hashes -r MAPP/krav.txt

``--no-index``: nothing is fetched from a package index, only the files in MAPP, and each
only if its hash is the one written here. Two wheels of one name (two versions, or two
platforms' builds) are all listed under one pin; two versions of one name is an error.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def requirements(folder: Path) -> str:
    """krav.txt's text for the wheels in ``folder`` (sorted by name)."""
    pins: dict[tuple[str, str], list[str]] = defaultdict(list)
    for wheel in sorted(folder.glob("*.whl")):
        name, version = wheel.name.split("-")[:2]
        name = re.sub(r"[-_.]+", "-", name).lower()  # PEP 503's normal form
        pins[(name, version)].append(sha256(wheel))
    names = [name for name, _ in pins]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise SystemExit(f"Flera versioner av {', '.join(twice)} i {folder}: behåll en.")
    if not pins:
        raise SystemExit(f"Inga wheel-filer (.whl) i {folder}.")
    lines = []
    for (name, version), hashes in sorted(pins.items()):
        lines.append(f"{name}=={version} " + " ".join(f"--hash=sha256:{h}" for h in hashes))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        raise SystemExit("Användning: python scripts/make_krav.py MAPP (mappen med wheel-filerna)")
    folder = Path(argv[0])
    (folder / "krav.txt").write_text(requirements(folder), encoding="utf-8")
    print(f"Skrev {folder / 'krav.txt'}.")


if __name__ == "__main__":
    main(sys.argv[1:])
