"""The button's log of failures: ``%LOCALAPPDATA%\\excelreport\\knappen.log``, with the
traceback the controller never sees (the status cells give a short message and this path)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

LOG_NAME = "knappen.log"
LOG_MAX_BYTES = 1_000_000


def log_path() -> Path:
    """``%LOCALAPPDATA%\\excelreport\\knappen.log`` (the temp folder where that is not set)."""
    base = os.environ.get("LOCALAPPDATA") or tempfile.gettempdir()
    return Path(base) / "excelreport" / LOG_NAME


def log_failure(book, exc: BaseException) -> Path | None:
    """Append the failure with its traceback to the log; returns the log's path."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            path.replace(path.with_suffix(".old.log"))
        name = getattr(book, "fullname", "?")
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} {name}\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return path
    except OSError:
        return None
