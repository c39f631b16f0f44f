"""The commands that follow a workbook up: the next follow-up's workbook (next), and the
kommun's compilation of every board's workbook (consolidate)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..core.findings import FEL, INFO
from .batch import Outcome, summary_table
from .group import Command
from .output import EXIT_FEL, EXIT_OK, FILE, TEMPLATE, echo_findings, findings_table, say, summary


@click.command("next", cls=Command)
@click.argument("book", type=FILE, metavar="ARBETSBOK")
@click.option("-o", "--out", required=True, type=FILE, metavar="FIL",
              help="Den nya arbetsboken (.xlsx, eller .xlsm med rapportknappen).")
@click.option("--period", required=True, metavar="PERIOD", help="Den nya uppföljningens typ (en av profilens perioder).")
@click.option("--slutmanad", required=True, type=click.IntRange(1, 12), metavar="MÅNAD",
              help="Dess slutmånad, 1–12.")
@click.option("--ar", type=click.IntRange(2000, 2100), metavar="ÅR",
              help="Året: samma som ARBETSBOK (standard) eller nästa.")
@click.option("--behall-texter", is_flag=True, help="Behåll texterna som utkast.")
@click.option("--profil", metavar="NAMN|FIL", help="Uppgradera till en nyare version av arbetsbokens profil.")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
def next_followup(book: Path, out: Path, period: str, slutmanad: int, ar: int | None,
                  behall_texter: bool, profil: str | None, force: bool) -> None:
    """Skapa nästa uppföljnings arbetsbok ur ARBETSBOK (som bara läses): budget, struktur och
    prognoser förs över, utfall och kommentarer töms, prognoshistoriken byggs på."""
    from ..app.nextperiod import next_period

    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise click.UsageError("OUT ska sluta på .xlsx (eller .xlsm för en arbetsbok med knapp).")
    done = next_period(book, out, period=period, end_month=slutmanad, year=ar,
                       keep_texts=behall_texter, force=force, profile=profil)
    if done.blocking:
        echo_findings(done.blocking)
        cells = ", ".join(f.where or f.sheet or "arbetsboken" for f in done.blocking)
        say(f"Nästa uppföljning skapades inte: {len(done.blocking)} fel ({cells}). "
                   f"Rätta felen och kör igen; {book.name} har inte ändrats.")
        sys.exit(EXIT_FEL)
    if done.notes:
        echo_findings(done.notes)
    say(f"Skrev {done.target}: {done.title}, förd över från {done.followup} i {book.name}.")
    sys.exit(EXIT_OK)


@click.command(cls=Command)
@click.argument("folder", type=FILE, metavar="MAPP")
@click.option("-o", "--out", type=FILE, metavar="FIL",
              help="Sammanställningens arbetsbok (standard: MAPP/Sammanställning <Period> <År>.xlsx).")
@click.option("--report", "report_dir", type=FILE, metavar="MAPP",
              help="Mapp för sammanställningens rapport (Word, och PDF).")
@TEMPLATE
@click.option("--no-pdf", is_flag=True, help="Hoppa över PDF:en.")
@click.option("--force", is_flag=True,
              help="Låt -o skriva över en befintlig fil utanför MAPP (aldrig en inlämnad arbetsbok) "
                   "och rapporten en fil med dess namn som inte är verktygets.")
def consolidate(folder: Path, out: Path | None, report_dir: Path | None, template: Path | None,
                no_pdf: bool, force: bool) -> None:
    """Sammanställ nämndernas och finansförvaltningens arbetsböcker i MAPP.

    Skriver sammanställningens arbetsbok (och med --report rapporten); arbetsböckerna ändras aldrig.
    """
    from ..consolidate import consolidate as run_consolidation

    bar = {}

    def start(paths):
        bar["bar"] = click.progressbar(length=len(paths), label="Läser arbetsböckerna",
                                       file=click.get_text_stream("stderr"))
        bar["bar"].__enter__()

    def step(path):
        bar["bar"].update(1, path.name)

    try:
        done = run_consolidation(folder, out, report_dir=report_dir, pdf=False if no_pdf else None,
                                 template=template, progress=step, on_start=start, force=force)
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    comp = done.compilation
    used = {id(b) for b in comp.boards} | ({id(comp.central)} if comp.central else set())
    say(summary_table([
        Outcome(s.path, s.counted, error=s.error,
                note=(f"{s.board}: ingår" if id(s) in used else f"{s.board}: ingår inte" if s.board else ""))
        for s in comp.submissions]))
    # a workbook left out for its own Fel: those lines first, then the compilation's
    shown = [f for s in comp.submissions if s.excluded for f in s.own_findings() if f.severity == FEL]
    if shown or comp.cross:
        say(findings_table(shown + comp.cross))
    say(summary(comp.findings) + _not_shown(comp))
    say(f"Skrev {done.workbook}.")
    for written in (done.docx, done.pdf):
        if written is not None:
            say(f"Skrev {written}.")
    if done.pdf_problem:
        say(done.pdf_problem, err=True)
    if comp.has_errors:
        say("Sammanställningen har fel: nämnder med fel ingår inte i summorna"
                   + (" och rapporten skapades inte" if report_dir else "")
                   + ". Se bladen Inlämning och Kontroll.")
    sys.exit(done.exit_code)


def _not_shown(comp) -> str:
    """Where the counted findings not printed above are: the workbooks' own Varning and Info
    (their Fel are printed: a workbook with a Fel is left out)."""
    rest = [f for s in comp.submissions for f in s.findings if f.severity != FEL]
    if not rest:
        return ""
    warnings = sum(f.severity != INFO for f in rest)
    parts = ([f"{warnings} {'varning' if warnings == 1 else 'varningar'}"] if warnings else []) + \
        ([f"{len(rest) - warnings} info"] if len(rest) > warnings else [])
    return (f" Av dem står arbetsböckernas egna {' och '.join(parts)} inte här: se bladet Kontroll i "
            "sammanställningen, eller excelreport check MAPP.")

