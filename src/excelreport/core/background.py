"""One piece of work in a forked process while this one goes on (2 cores: ``build`` writes
the result sheets while the report is built).

``Background(fn, *args).result()`` gives what ``fn(*args)`` returned, or raises what it
raised: an ``ExcelReportError`` as itself, anything else as a ``RuntimeError`` naming it.
Where fork is missing (Windows, the Excel button) or ``EXCELREPORT_NO_FORK`` is set, ``fn``
runs at once in this process, exactly as a direct call. A helper that dies (a signal, the
memory limit) is an ``ExcelReportError``; its work was atomic, so nothing is half-written.
The files it replaced are added to ``written.WRITTEN`` here, as if replaced here.
"""

from __future__ import annotations

import os
import pickle
from typing import Any, Callable

from .errors import ExcelReportError
from .written import WRITTEN


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and not os.environ.get("EXCELREPORT_NO_FORK")


class Background:
    def __init__(self, fn: Callable[..., Any], *args: Any, what: str = "arbetet") -> None:
        self._what, self._pid, self._value = what, None, None
        if not can_fork():
            self._value = fn(*args)  # raises here, as the direct call would
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the helper; its coverage is not collected
            code = 1
            try:
                os.close(read)
                before = len(WRITTEN)
                try:
                    outcome = ("ok", fn(*args))
                except ExcelReportError as exc:
                    outcome = ("error", exc)
                except BaseException as exc:  # noqa: BLE001 - reported to the parent
                    outcome = ("crash", f"{type(exc).__name__}: {exc}")
                with os.fdopen(write, "wb") as fh:
                    pickle.dump((*outcome, WRITTEN[before:]), fh)
                code = 0
            finally:
                os._exit(code)  # never the parent's clean-up (atexit, buffers, a test runner)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> Any:
        if self._pid is None:
            return self._value
        pid, self._pid = self._pid, None
        try:
            with os.fdopen(self._read, "rb") as fh:
                kind, value, written = pickle.load(fh)
        except (EOFError, pickle.UnpicklingError, OSError):
            kind, value, written = "died", None, []
        finally:
            os.waitpid(pid, 0)
        WRITTEN.extend(written)  # the files the helper replaced, as if replaced here
        if kind == "ok":
            return value
        if kind == "error":
            raise value
        if kind == "crash":
            raise RuntimeError(value)
        raise ExcelReportError(f"{self._what[:1].upper()}{self._what[1:]} avbröts (processen dog, "
                               "till exempel av minnesgränsen); inget skrevs till hälften.")
