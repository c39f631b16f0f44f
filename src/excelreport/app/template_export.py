"""``mall exportera``: the shipped report template copied out for the kommun to edit."""

from __future__ import annotations

from pathlib import Path

from ..core.atomic import atomic_write
from ..core.errors import ExcelReportError
from ..report.document import TEMPLATE


def export_template(out: Path, force: bool) -> None:
    """Write the shipped template to ``out`` (a .docx, its folder made if missing), atomically;
    never over an existing file without ``force``."""
    if out.suffix.lower() != ".docx":
        raise ExcelReportError(f"{out} ska sluta på .docx.")
    if out.is_dir():
        raise ExcelReportError(f"{out} är en mapp; ange en fil som slutar på .docx.")
    if out.exists() and not force:
        raise ExcelReportError(f"{out} finns redan (kommunens mall?); ingenting skrevs. "
                               "Ange --force för att skriva över den.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExcelReportError(f"Mappen {out.parent} kan inte skapas ({exc.strerror or exc}).") from None
    data = TEMPLATE.read_bytes()
    atomic_write(out, lambda fh: fh.write(data))
