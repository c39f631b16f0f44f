"""The commands that fetch figures into a workbook: from the ledger's files (import) and
from Kolada (kolada)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..core.findings import FEL, counted
from .batch import ProgressBars
from .group import Command
from .output import EXIT_FEL, EXIT_OK, FILE, echo_findings, say


@click.command("import", cls=Command)
@click.argument("book", type=FILE, metavar="ARBETSBOK")
@click.argument("files", nargs=-1, required=True, type=FILE, metavar="FIL...")
@click.option("-o", "--out", type=FILE, metavar="FIL", help="Skriv till FIL i stället för till ARBETSBOK.")
@click.option("--visa", is_flag=True, help="Visa ändringarna utan att skriva något.")
def import_ledger(book: Path, files: tuple[Path, ...], out: Path | None, visa: bool) -> None:
    """Hämta budget och utfall ur redovisningens filer (SIE eller CSV) till ARBETSBOK.

    Skriver bara importcellerna (Budget, Periodbudget, Utfall period, Utfall period
    föregående år; investeringsrader med Projekt) och Info!Importerad från."""
    from ..app.importing import import_file

    with ProgressBars() as bars:
        done = import_file(book, list(files), out=out, show_only=visa, progress=bars.step)
    _changes_done(book, done, visa)


@click.command("kolada", cls=Command)
@click.argument("book", type=FILE, metavar="ARBETSBOK")
@click.option("--fil", "answer", type=FILE, metavar="SVAR.json", help="Läs ett sparat svar från Koladas API.")
@click.option("--visa", is_flag=True, help="Visa ändringarna utan att skriva något.")
def kolada(book: Path, answer: Path | None, visa: bool) -> None:
    """Hämta nationella nyckeltal från Kolada till indikatorerna som har ett Kolada-id.

    Utfall, Utfall föregående år och Utfall två år sedan för Info!År och åren före (Info!Kommunkod)."""
    from ..app.kolada import kolada_file

    done = kolada_file(book, answer=answer, show_only=visa)
    _changes_done(book, done, visa)


def _changes_done(book: Path, done, visa: bool) -> None:
    """What import and kolada print: the findings, every changed cell, what was written."""
    from ..app.importing import shown

    if done.blocking:
        echo_findings(done.findings)
        say(f"Ingenting importerades: {len(done.blocking)} fel. {book.name} har inte ändrats.")
        sys.exit(EXIT_FEL)
    notes = [f for f in done.findings if f.severity != FEL]
    if notes:
        echo_findings(notes)
    for where, old, new in done.changes:
        say(f"{where}: {shown(old)} → {shown(new)}")
    if done.files:
        say(f"Avstämning: skrivet {shown(done.written)} kr = valt ur filerna {shown(done.selected)} kr "
            f"({'stämmer' if done.written == done.selected else 'STÄMMER INTE'}).")
    if visa:
        say(f"{counted(len(done.changes), 'cell', 'celler')} skulle ändras; ingenting skrevs (--visa).")
    elif done.target is None:
        say(f"Inget att ändra; {book.name} har inte skrivits.")
    else:
        say(f"Skrev {done.target}: {counted(len(done.changes), 'cell ändrad', 'celler ändrade')}.")
    sys.exit(EXIT_OK)

