"""The writer's own error (the reader's is ``findings.UnusableFile``)."""

from __future__ import annotations

from ..findings import ExcelReportError


class WriteError(ExcelReportError):
    """The workbook's package cannot take the result sheets (the file is left unchanged)."""
