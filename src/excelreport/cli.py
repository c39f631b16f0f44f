"""The command line door: parse, call the service, map outcomes to exit codes.

Exit codes: 0 done (warnings allowed), 1 the workbook has ``Fel``, 2 the file or the call
is unusable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import contract as C
from .findings import FEL, ExcelReportError, Finding

EXIT_OK, EXIT_FEL, EXIT_UNUSABLE = 0, 1, 2

HEADERS = ("Allvarlighet", "Cell", "Meddelande")


def findings_table(findings: list[Finding]) -> str:
    """The findings as a plain text table, then nothing else (the summary is separate)."""
    rows = [(f.severity, f.where, f.message) for f in findings]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(HEADERS[:2])]
    lines = [f"{HEADERS[0]:<{widths[0]}}  {HEADERS[1]:<{widths[1]}}  {HEADERS[2]}",
             f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * len(HEADERS[2])}"]
    lines += [f"{s:<{widths[0]}}  {c:<{widths[1]}}  {m}" for s, c, m in rows]
    return "\n".join(lines)


def echo_findings(findings: list[Finding]) -> None:
    """The findings table (or that there is none), then the summary line."""
    click.echo(findings_table(findings) if findings else "Inga fynd: arbetsboken följer standarden.")
    click.echo(summary(findings))


def summary(findings: list[Finding]) -> str:
    counts = {sev: sum(f.severity == sev for f in findings) for sev in ("Fel", "Varning", "Info")}
    return f"{counts['Fel']} fel, {counts['Varning']} varningar, {counts['Info']} noteringar."


class Group(click.Group):
    """Turns every ExcelReportError into a Swedish message and exit 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ExcelReportError as exc:
            click.echo(f"Fel: {exc}", err=True)
            ctx.exit(EXIT_UNUSABLE)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # last resort: a short message, never a traceback
            if os.environ.get("EXCELREPORT_DEBUG"):
                raise
            click.echo(f"Internt fel i excelreport ({type(exc).__name__}: {exc}). Filen har inte "
                       "ändrats. Kör igen med EXCELREPORT_DEBUG=1 för detaljer och rapportera felet.",
                       err=True)
            ctx.exit(EXIT_UNUSABLE)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="excelreport")
def main() -> None:
    """Delårsrapporter ur standardarbetsboken: new, check, run, report, build."""


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kommun", help="Kommunens namn, t.ex. 'Alingsås kommun'.")
@click.option("--namnd", help="Nämndens namn, t.ex. 'Kommunstyrelsen'.")
@click.option("--ar", type=click.IntRange(2000, 2100), help="Rapportåret, t.ex. 2023.")
@click.option("--period", type=click.Choice(C.PERIODS), help="Uppföljningens typ.")
@click.option("--slutmanad", type=click.IntRange(1, 12), help="Periodens slutmånad, 1–12.")
@click.option("--enhet", type=click.Choice(C.UNITS), default=None, help="Beloppsenhet (tkr).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
@click.option("--interpreter", metavar="SÖKVÄG",
              help="Windows-sökvägen till python.exe som knappen ska använda (bara .xlsm).")
@click.option("--typ", type=click.Choice(("namnd", "finansforvaltning")), default="namnd",
              help="namnd (standard) eller finansforvaltning: den centrala arbetsboken "
                   "(Info, Finansiering, Balanskrav).")
def new(path: Path, kommun, namnd, ar, period, slutmanad, enhet, force, interpreter, typ) -> None:
    """Skriv en tom standardarbetsbok till PATH (.xlsx, eller .xlsm med rapportknappen)."""
    from .generate import write_workbook

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise click.UsageError("PATH ska sluta på .xlsx (eller .xlsm för en arbetsbok med knapp).")
    if path.exists() and not force:
        raise ExcelReportError(f"{path} finns redan; använd --force för att skriva över den.")
    info = {"Kommun": kommun, "Nämnd": namnd, "År": ar, "Period": period,
            "Periodens slutmånad": slutmanad, "Enhet": enhet or "tkr"}
    if typ == "finansforvaltning":
        info.update({"Nämnd": namnd or C.FINANCE_OFFICE, "Typ": C.FINANCE_OFFICE})
    if path.suffix.lower() == ".xlsm":
        from . import macro as M

        M.check_macro_path(path)
        companion = M.write_companion(path, force=force)
        write_workbook(path, info=info, macro=M.MacroWorkbook(interpreter or M.DEFAULT_INTERPRETER,
                                                              finance_office=typ == "finansforvaltning"))
        click.echo(f"Skrev {path} och {companion.name}.")
        return
    if interpreter:
        raise click.UsageError("--interpreter gäller bara en arbetsbok med knapp (.xlsm).")
    write_workbook(path, info=info)
    click.echo(f"Skrev {path}.")


def each_workbook(folder: Path, label: str, action) -> None:
    """A folder: ``action`` on every workbook in it, a progress bar, a summary table, exit."""
    from .batch import exit_code, run_each, summary_table, workbooks_in

    paths = workbooks_in(folder)
    if not paths:
        raise ExcelReportError(f"{folder} är en mapp utan arbetsböcker (.xlsx eller .xlsm).")
    outcomes = run_each(paths, action, label=label)
    click.echo(summary_table(outcomes))
    if any(o.exit_code for o in outcomes):
        click.echo("Se detaljerna med: excelreport check ARBETSBOK")
    sys.exit(exit_code(outcomes))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Kontrollera arbetsboken PATH (eller varje arbetsbok i mappen PATH); skriver aldrig i filen."""
    from .service import check_file

    if path.is_dir():
        from .batch import Outcome

        each_workbook(path, "Kontrollerar", lambda p: Outcome(p, check_file(p).findings))
    checked = check_file(path)
    echo_findings(checked.findings)
    sys.exit(EXIT_FEL if any(f.severity == FEL for f in checked.findings) else EXIT_OK)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv till filen i stället för till skärmen.")
def contract(output: Path | None) -> None:
    """Skriv kontraktet (blad, kolumner, typer, tillåtna värden, fasta rader) som Markdown."""
    from .contract_doc import contract_markdown

    text = contract_markdown()
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    click.echo(f"Skrev {output}.")


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv resultatet till OUT i stället för i PATH.")
def run(path: Path, out: Path | None) -> None:
    """Kontrollera PATH, räkna och skriv resultatbladen (vid fel bara bladet Kontroll).

    PATH kan vara en mapp: då körs varje arbetsbok i den.
    """
    from .service import run_file

    if path.is_dir():
        if out is not None:
            raise click.UsageError("-o/--out går inte att använda när PATH är en mapp.")
        from .batch import Outcome

        def one(p: Path) -> Outcome:
            done = run_file(p)
            return Outcome(p, done.checked.findings, note=f"skrev {len(done.sheets)} resultatblad")

        each_workbook(path, "Kör", one)

    if out is not None and path.suffix.lower() != out.suffix.lower():
        raise click.UsageError(f"OUT ska ha samma filändelse som PATH ({path.suffix}).")
    outcome = run_file(path, out)
    findings = outcome.checked.findings
    echo_findings(findings)
    sheets = ", ".join(outcome.sheets)
    if outcome.removed:
        click.echo(f"Tog bort inaktuella resultatblad: {', '.join(outcome.removed)}.")
    has_fel = any(f.severity == FEL for f in findings)
    if has_fel:
        click.echo(f"Arbetsboken har fel: skrev bara bladet {sheets} till {outcome.target}. "
                   "Rätta felen och kör igen.")
    else:
        click.echo(f"Skrev {sheets} till {outcome.target}.")
    sys.exit(EXIT_FEL if has_fel else EXIT_OK)


def _report_done(outcome, pdf_required: bool) -> None:
    """Print the findings, what was written (or what blocks the report), and exit."""
    findings = outcome.checked.findings
    echo_findings(findings)
    report = outcome.checked.report
    if outcome.docx is None and outcome.checked.ok and report is not None and report.is_finance_office:
        click.echo("Finansförvaltningens arbetsbok har ingen egen rapport: den ingår i kommunens "
                   "sammanställning (excelreport consolidate MAPP).")
        sys.exit(EXIT_OK)
    if outcome.docx is None:
        cells = ", ".join(f.where or f.sheet or "arbetsboken" for f in outcome.blocking)
        click.echo(f"Rapporten skapades inte: {len(outcome.blocking)} fel stoppar den ({cells}). "
                   "Rätta felen och kör igen.")
        sys.exit(EXIT_FEL)
    click.echo(f"Skrev {outcome.docx}.")
    if outcome.pdf is not None:
        click.echo(f"Skrev {outcome.pdf}.")
    if outcome.pdf_problem:
        click.echo(outcome.pdf_problem, err=True)
    sys.exit(EXIT_UNUSABLE if pdf_required and outcome.pdf is None else EXIT_OK)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Rapportens fil, t.ex. rapport.docx.")
@click.option("--pdf", is_flag=True, help="Skapa även en PDF (kräver LibreOffice).")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="En annan Word-mall (.docx) än templates/rapport.docx.")
def report(path: Path, out: Path, pdf: bool, template: Path | None) -> None:
    """Skapa nämndens rapport (Word) ur arbetsboken PATH; vägrar om arbetsboken har fel."""
    from .service import report_file

    if out.suffix.lower() != ".docx":
        raise click.UsageError("OUT ska sluta på .docx.")
    _report_done(report_file(path, out, template=template, pdf=pdf), pdf_required=pdf)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Mapp för rapporten (standard: arbetsbokens mapp).")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="En annan Word-mall (.docx) än templates/rapport.docx.")
@click.option("--no-pdf", is_flag=True, help="Hoppa över PDF:en.")
def build(path: Path, out_dir: Path | None, template: Path | None, no_pdf: bool) -> None:
    """Hela jobbet: resultatbladen till PATH, sedan rapporten (och PDF) namngiven efter Info.

    PATH kan vara en mapp: då byggs rapporten för varje arbetsbok i den.
    """
    from .service import build_file

    if path.is_dir():
        from .batch import Outcome

        from .service import check_file, report_name

        made: dict[str, Path] = {}

        def one(p: Path) -> Outcome:
            checked = check_file(p)
            if checked.report is not None:
                name = report_name(checked.report.info)
                if name in made:
                    raise ExcelReportError(f"samma rapportnamn ({name}) som {made[name].name}: "
                                           "rätta Info (Nämnd, Period, År); rapporten skrevs inte.")
                made[name] = p
            done = build_file(p, out_dir, template=template, pdf=False if no_pdf else None)
            note = (f"rapport: {done.docx.name}" if done.docx else "ingen egen rapport (finansförvaltningen)"
                    if done.checked.ok else "ingen rapport (fel i arbetsboken)")
            return Outcome(p, done.checked.findings, note=note)

        each_workbook(path, "Bygger", one)

    outcome = build_file(path, out_dir, template=template, pdf=False if no_pdf else None)
    if outcome.run is not None:
        click.echo(f"Skrev resultatbladen ({', '.join(outcome.run.sheets)}) till {outcome.run.target}.")
    _report_done(outcome, pdf_required=False)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Sammanställningens arbetsbok (standard: MAPP/Sammanställning <Period> <År>.xlsx).")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Mapp för sammanställningens rapport (Word, och PDF).")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="En annan Word-mall (.docx) än templates/rapport.docx.")
@click.option("--no-pdf", is_flag=True, help="Hoppa över PDF:en.")
def consolidate(folder: Path, out: Path | None, report_dir: Path | None, template: Path | None,
                no_pdf: bool) -> None:
    """Sammanställ nämndernas och finansförvaltningens arbetsböcker i mappen FOLDER.

    Skriver sammanställningens arbetsbok (och med --report rapporten); arbetsböckerna ändras aldrig.
    """
    from .batch import Outcome, summary_table
    from .consolidate import consolidate as run_consolidation

    bar = {}

    def start(paths):
        bar["bar"] = click.progressbar(length=len(paths), label="Läser arbetsböckerna",
                                       file=click.get_text_stream("stderr"))
        bar["bar"].__enter__()

    def step(path):
        bar["bar"].update(1, path.name)

    try:
        done = run_consolidation(folder, out, report_dir=report_dir, pdf=False if no_pdf else None,
                                 template=template, progress=step, on_start=start)
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    comp = done.compilation
    used = {id(b) for b in comp.boards} | ({id(comp.central)} if comp.central else set())
    click.echo(summary_table([
        Outcome(s.path, s.findings + s.problems, error=s.error,
                note=(f"{s.board}: ingår" if id(s) in used else f"{s.board}: ingår inte" if s.board else ""))
        for s in comp.submissions]))
    if comp.cross:
        click.echo(findings_table(comp.cross))
    click.echo(summary(comp.findings))
    click.echo(f"Skrev {done.workbook}.")
    for written in (done.docx, done.pdf):
        if written is not None:
            click.echo(f"Skrev {written}.")
    if done.pdf_problem:
        click.echo(done.pdf_problem, err=True)
    if comp.has_errors:
        click.echo("Sammanställningen har fel: nämnder med fel ingår inte i summorna"
                   + (" och rapporten skapades inte" if report_dir else "")
                   + ". Se bladen Inlämning och Kontroll.")
    sys.exit(done.exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
