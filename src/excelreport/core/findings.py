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


def counted(n: int, one: str, many: str) -> str:
    """``1 cell``, ``3 celler``: a count with the Swedish word in its number."""
    return f"{n} {one if n == 1 else many}"


def severity_counts(findings: list[Finding]) -> str:
    """``0 fel, 1 varning, 2 info``: the findings counted by severity, as both doors say it."""
    fel, warnings = (sum(f.severity == s for f in findings) for s in (FEL, VARNING))
    return f"{fel} fel, {counted(warnings, 'varning', 'varningar')}, {len(findings) - fel - warnings} info"
