"""Where a kommun's own report template is kept: a settings folder that an upgrade of the
toolkit never touches.

Lookup order for the report's Word template (with its logo):

1. ``--template FIL`` given on the command line;
2. ``<inställningsmapp>/mallar/<profil>.docx`` — the profile the workbook carries
   (``standard`` when it carries none);
3. the template shipped with the toolkit (``templates/rapport.docx``).

The settings folder is ``EXCELREPORT_INSTALLNINGAR`` when set, else ``%APPDATA%\\excelreport``
on Windows and ``$XDG_CONFIG_HOME/excelreport`` (default ``~/.config/excelreport``) elsewhere.
The template found is read as any user file (``report.document.ReportDocument``): a .docx,
no macros run, a faulty one is a message.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV = "EXCELREPORT_INSTALLNINGAR"
FOLDER = "mallar"
STANDARD = "standard"
# A profile name used as a file name: letters, digits, '-', '_' (no path, no dots).
_SAFE_NAME = re.compile(r"[\w-]{1,64}")


def _windows() -> bool:
    return os.name == "nt"


def settings_dir() -> Path:
    """The user's (or the office's, through ``EXCELREPORT_INSTALLNINGAR``) settings folder."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if _windows() and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "excelreport"
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "excelreport"


def profile_template(profile: str | None) -> Path:
    """Where the template of ``profile`` is looked for (it need not exist)."""
    name = profile or STANDARD
    if not _SAFE_NAME.fullmatch(name):
        name = STANDARD
    return settings_dir() / FOLDER / f"{name}.docx"


def find_template(explicit: str | Path | None, profile: str | None) -> Path | None:
    """The template to use: ``explicit``, else the profile's in the settings folder when
    it is a file, else None (the shipped one)."""
    if explicit:
        return Path(explicit)
    own = profile_template(profile)
    return own if own.is_file() else None
