"""The toolkit is installed from the economy office's own files, pinned by hash: no text a
user reads tells anyone to install it by a bare name from a public package index."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BARE = re.compile(r"^excelreport(\[[^\]]*\])?([<>=!~].*)?$")


def _documents():
    yield ROOT / "README.md"
    for folder in ("docs", "src"):
        yield from (p for p in ROOT.joinpath(folder).rglob("*") if p.suffix in {".md", ".py", ".toml"})


def bare_installs(text: str) -> list[str]:
    """Every ``pip install`` whose arguments name excelreport as a bare requirement."""
    found = []
    for match in re.finditer(r"pip install([^\n`\"]*)", text):
        words = re.split(r"&&|;|\|", match.group(1))[0].split()  # this command only
        if any(BARE.match(w) for w in words):
            found.append(match.group(0))
    return found


def test_the_scan_finds_a_bare_name():
    assert bare_installs("kör pip install excelreport nu") == ["pip install excelreport nu"]
    assert bare_installs("py -m pip install --force-reinstall excelreport==0.1")
    assert not bare_installs("pip install -e . && excelreport build x")
    assert not bare_installs("pip install --no-index --find-links D --require-hashes -r D\\krav.txt")


def test_no_document_or_message_installs_a_bare_name():
    hits = [f"{p.relative_to(ROOT)}: {hit}" for p in _documents()
            for hit in bare_installs(p.read_text(encoding="utf-8", errors="replace"))]
    assert hits == []


def _wheel(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def test_krav_pins_every_wheel_by_hash(tmp_path):
    import hashlib

    make = runpy.run_path(str(ROOT / "scripts" / "make_krav.py"))
    _wheel(tmp_path, "excelreport-0.1.0-py3-none-any.whl", b"a")
    _wheel(tmp_path, "XlsxWriter-3.3.1-py3-none-any.whl", b"b")
    _wheel(tmp_path, "xlwings-0.37.8-cp312-cp312-win_amd64.whl", b"c")
    _wheel(tmp_path, "xlwings-0.37.8-cp312-cp312-manylinux_2_17_x86_64.whl", b"d")
    text = make["requirements"](tmp_path)
    h = {k: hashlib.sha256(k).hexdigest() for k in (b"a", b"b", b"c", b"d")}
    assert text.splitlines() == [
        f"excelreport==0.1.0 --hash=sha256:{h[b'a']}",
        f"xlsxwriter==3.3.1 --hash=sha256:{h[b'b']}",
        f"xlwings==0.37.8 --hash=sha256:{h[b'd']} --hash=sha256:{h[b'c']}",
    ]
    _wheel(tmp_path, "xlwings-0.37.9-py3-none-any.whl", b"e")
    with pytest.raises(SystemExit, match="Flera versioner av xlwings"):
        make["requirements"](tmp_path)
