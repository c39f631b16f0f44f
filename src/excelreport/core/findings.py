"""Findings: what validation says about a workbook (the exceptions are in core/errors.py)."""

from __future__ import annotations

from dataclasses import dataclass

FEL = "Fel"
VARNING = "Varning"
INFO = "Info"
_ORDER = {FEL: 0, VARNING: 1, INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One thing found in a workbook: severity, code, where, and a Swedish message."""

    severity: str
    code: str
    sheet: str
    cell: str  # "C5", a column "C", or "" for the whole sheet
    message: str

    @property
    def where(self) -> str:
        """The cell as a user types it: ``Drift!C5`` (quoted when the name needs it)."""
        if not self.sheet:
            return ""
        name = self.sheet if self.sheet.isalnum() else f"'{self.sheet}'"
        return f"{name}!{self.cell}" if self.cell else self.sheet


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; the workbook's order within each."""
    return sorted(findings, key=lambda f: _ORDER[f.severity])


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == FEL for f in findings)
