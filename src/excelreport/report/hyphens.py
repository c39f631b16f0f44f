"""Swedish hyphenation points (pyphen's dictionary), with its patterns kept parsed.

Parsing pyphen's Swedish dictionary takes about a sixth of a second, longer than the rest
of a small report's table layout. The parsed patterns are therefore kept as JSON in the
user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``, ``%LOCALAPPDATA%`` on Windows),
named for pyphen's version and the dictionary file's size and time, so a new pyphen or
dictionary is parsed anew. A cache that cannot be read or written, or that is not what
it should be, is simply not used: the dictionary is parsed as before.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

LANGUAGE = "sv"


def cache_dir() -> Path | None:
    """The user's cache folder for the toolkit, or None when there is no home to put it in."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "excelreport" / "cache"
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry (some containers)
        return None
    return Path(base) / "excelreport"


def _cache_file(dictionary: Path, version: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    st = dictionary.stat()
    return folder / f"hyph_{LANGUAGE}-pyphen{version}-{st.st_size}-{int(st.st_mtime)}.json"


def _load(path: Path) -> dict | None:
    """The patterns kept in ``path`` (a digest line, then the JSON), or None."""
    try:
        digest, _, text = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    if hashlib.sha256(text).hexdigest().encode() != digest:
        return None  # not written whole by _save, or changed since
    gc.disable()  # 15 000 small lists: the collector's passes would cost more than the parsing
    try:
        patterns = json.loads(text)
    except ValueError:
        return None
    finally:
        gc.enable()
    return patterns if isinstance(patterns, dict) and patterns else None


def _save(path: Path, patterns: dict) -> None:
    text = json.dumps(patterns, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache this time: the next run parses the dictionary again


@lru_cache(maxsize=1)
def hyphenator():
    """pyphen for Swedish: ``.positions(word)`` gives the hyphenation points."""
    import pyphen

    dictionary = Path(pyphen.LANGUAGES[LANGUAGE])
    cached = _cache_file(dictionary, pyphen.VERSION)
    patterns = _load(cached) if cached is not None else None
    if patterns:  # each value a [start, values] list: HyphDict.positions unpacks it like its tuple
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)  # the state HyphDict.__init__ leaves
        hd.patterns, hd.cache, hd.maxlen = patterns, {}, max(map(len, patterns))
    else:
        hd = pyphen.HyphDict(dictionary)
        if cached is not None and all(isinstance(v, int) for _, values in hd.patterns.values() for v in values):
            _save(cached, {k: [s, list(v)] for k, (s, v) in hd.patterns.items()})
    pyphen.hdcache[dictionary] = hd
    return pyphen.Pyphen(filename=dictionary)
