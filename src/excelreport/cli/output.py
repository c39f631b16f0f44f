"""What the commands print (findings as a table, the summary line, every control character
escaped), their exit codes, and the files and options they share.

Exit codes: 0 done (warnings allowed), 1 the workbook has ``Fel``, 2 the file or the call
is unusable.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..core.errors import ExcelReportError
from ..core.findings import FEL, Finding, severity_counts
from .terminal import printable, printable_lines

EXIT_OK, EXIT_FEL, EXIT_UNUSABLE = 0, 1, 2

HEADERS = ("Allvarlighet", "Cell", "Meddelande")


def say(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print a line (or lines we built) with every control character escaped."""
    click.echo(printable_lines(text), err=err, nl=nl)


def findings_table(findings: list[Finding]) -> str:
    """The findings as a plain text table, then nothing else (the summary is separate)."""
    rows = [(printable(f.severity), printable(f.where), printable(f.message)) for f in findings]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(HEADERS[:2])]
    lines = [f"{HEADERS[0]:<{widths[0]}}  {HEADERS[1]:<{widths[1]}}  {HEADERS[2]}",
             f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * len(HEADERS[2])}"]
    lines += [f"{s:<{widths[0]}}  {c:<{widths[1]}}  {m}" for s, c, m in rows]
    return "\n".join(lines)


def echo_findings(findings: list[Finding]) -> None:
    """The findings table (or that there is none), then the summary line."""
    say(findings_table(findings) if findings else "Inga fynd: arbetsboken följer standarden.")
    say(summary(findings))


def summary(findings: list[Finding]) -> str:
    """``0 fel, 15 varningar, 0 info.``: the severities by the words the table uses."""
    return severity_counts(findings) + "."


def has_fel(findings: list[Finding]) -> bool:
    """Whether any finding is a ``Fel``."""
    return any(f.severity == FEL for f in findings)


def output_file(path: Path, suffixes: tuple[str, ...] = (), *, make_folder: bool = False) -> Path:
    """A file the command will write: not a folder, in a folder that exists (or, with
    ``make_folder``, that the writer creates)."""
    if path.is_dir():
        raise ExcelReportError(f"{path} är en mapp; ange en fil"
                               + (f" som slutar på {' eller '.join(suffixes)}." if suffixes else "."))
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise ExcelReportError(f"{folder} är en fil, inte en mapp; ange en annan sökväg.")
    if not folder.exists() and not make_folder:
        raise ExcelReportError(f"Mappen {folder} finns inte; skapa den först eller ange en annan sökväg.")
    return path


# No checks by click: a path the toolkit cannot read or write gets the toolkit's own message.
FILE = click.Path(path_type=Path, readable=False)

TEMPLATE = click.option("--template", type=FILE, metavar="MALL",
                        help="En annan Word-mall (.docx) än kommunens (mallar/<profil>.docx i "
                             "inställningsmappen) eller verktygets.")
