"""Every public exception of the package, in one module (python-docx's ``exceptions.py`` is the
model). ``ExcelReportError`` is the root a command turns into a Swedish message and exit 2;
the others below it say why. Private control flow (``_Fail``, ``Enough``, ``_Done``) stays
in its module."""

from __future__ import annotations


class ExcelReportError(Exception):
    """A run cannot go on: the file or the call is unusable. The message is Swedish."""


class UnusableFile(ExcelReportError):
    """The file is not a workbook that can be read (missing, wrong format, damaged …)."""


class WorkbookLocked(ExcelReportError):
    """The workbook is open in Excel or not writable."""


class DiskFull(ExcelReportError):
    """The disk (or quota) is full: nothing was replaced."""


class WriteError(ExcelReportError):
    """The workbook's package cannot take the result sheets (the file is left unchanged)."""


class PdfUnavailable(ExcelReportError):
    """LibreOffice is not installed, so no PDF can be made."""


class ProfileError(ExcelReportError):
    """A profile cannot be used: it is not TOML, too large, or breaks the profile's rules.

    ``faults`` are ``profile.errors.Fault``s: each with its line, key path and message."""

    def __init__(self, source: str, faults: list, sheet: str = ""):
        self.source, self.sheet = source, sheet
        self.faults = sorted(faults, key=lambda f: f.line)
        count = len(self.faults)
        what = f"Profilen i {source}" if sheet else f"Profilen {source}"
        head = f"{what} har {count} fel"
        super().__init__(head + ":\n" + "\n".join("  " + f.text(source, sheet) for f in self.faults))


class MapError(ValueError):
    """The account map or a code list cannot be read; the message is Swedish."""


class Damage(Exception):
    """A line that is not valid SIE; the message is Swedish."""


class LimitExceeded(Exception):
    """The XML holds more than the budget allows (the caller names the file)."""


class VbaError(ValueError):
    """The VBA project cannot be read as MS-OVBA describes it."""
