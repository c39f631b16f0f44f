"""The profile's own definition error: every fault of one profile file, with its line."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import ExcelReportError


@dataclass(frozen=True)
class Fault:
    """One fault of a profile: the line, the key path (``drift[1].rader[3].typ``), what is wrong."""

    line: int
    path: str
    message: str

    def text(self, source: str) -> str:
        where = f"{source}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ProfileError(ExcelReportError):
    """A profile cannot be used: it is not TOML, too large, or breaks the profile's rules."""

    def __init__(self, source: str, faults: list[Fault]):
        self.source = source
        self.faults = sorted(faults, key=lambda f: f.line)
        count = len(self.faults)
        head = f"Profilen {source} har {count} fel" if count != 1 else f"Profilen {source} har 1 fel"
        super().__init__(head + ":\n" + "\n".join("  " + f.text(source) for f in self.faults))
