"""The commands on one workbook (or a folder of them): new, check, contract, run, report,
build."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import contract as C
from ..core.errors import ExcelReportError
from ..core.names import report_key, report_name
from ..core.numbers import plain
from .batch import Outcome, exit_code, run_each, summary_table, workbooks_in
from .group import Command
from .output import (EXIT_FEL, EXIT_OK, EXIT_UNUSABLE, FILE, TEMPLATE, echo_findings, has_fel,
                     output_file, say)
from .profile import PERIOD_CHOICE, UNIT_CHOICE, profile_info, profile_option


@click.command(cls=Command)
@click.argument("path", type=FILE, metavar="ARBETSBOK")
@click.option("--kommun", metavar="NAMN", help="Kommunens namn, t.ex. 'Alingsås kommun'.")
@click.option("--namnd", metavar="NAMN", help="Nämndens namn, t.ex. 'Kommunstyrelsen'.")
@click.option("--ar", type=click.IntRange(2000, 2100), metavar="ÅR", help="Rapportåret, t.ex. 2023.")
@click.option("--period", type=PERIOD_CHOICE, help="Uppföljningens typ.")
@click.option("--slutmanad", type=click.IntRange(1, 12), metavar="MÅNAD", help="Periodens slutmånad, 1–12.")
@click.option("--enhet", type=UNIT_CHOICE, default=None, help="Beloppsenhet (tkr).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
@click.option("--interpreter", metavar="SÖKVÄG",
              help="Windows-sökvägen till python.exe som knappen ska använda (bara .xlsm).")
@click.option("--typ", type=click.Choice(("namnd", "finansforvaltning")), default="namnd",
              help="namnd (standard) eller finansforvaltning: den centrala arbetsboken "
                   "(Info, Finansiering, Balanskrav).")
@profile_option
def new(path: Path, kommun, namnd, ar, period, slutmanad, enhet, force, interpreter, typ, profile) -> None:
    """Skriv en tom standardarbetsbok till ARBETSBOK (.xlsx, eller .xlsm med rapportknappen)."""
    from ..app.generate import write_workbook

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise click.UsageError("ARBETSBOK ska sluta på .xlsx (eller .xlsm för en arbetsbok med knapp).")
    output_file(path, (".xlsx", ".xlsm"))
    if path.exists() and not force:
        raise ExcelReportError(f"{path} finns redan; använd --force för att skriva över den.")
    info = {"Kommun": kommun, "Nämnd": namnd, "År": ar, "Period": period,
            "Periodens slutmånad": slutmanad, "Enhet": enhet or "tkr"}
    if profile is not None:
        info = profile_info(profile[1], info, enhet)
    if typ == "finansforvaltning":
        info.update({"Nämnd": namnd or C.FINANCE_OFFICE, "Typ": C.FINANCE_OFFICE})
    else:  # empty would mean no check: a deviation of any size without a comment passes
        declared = profile[1].comment.default_limit if profile is not None else None
        info["Kommentarsgräns"] = declared if declared is not None else C.DEFAULT_COMMENT_LIMIT[info["Enhet"]]
    if path.suffix.lower() == ".xlsm":
        from .. import macro as M

        M.check_macro_path(path)
        problem = interpreter and M.interpreter_problem(interpreter, str(path.absolute()))
        if problem:
            raise click.UsageError(f"--interpreter {interpreter!r} startas inte av knappen: sökvägen "
                                   f"{problem}. Ange hela sökvägen till python.exe, t.ex. "
                                   f"{M.FALLBACK_INTERPRETER!r}.")
        write_workbook(path, info=info, macro=M.MacroWorkbook(interpreter or M.DEFAULT_INTERPRETER,
                                                              finance_office=typ == "finansforvaltning"),
                       profile=profile)
        say(f"Skrev {path}.")
    else:
        if interpreter:
            raise click.UsageError("--interpreter gäller bara en arbetsbok med knapp (.xlsm).")
        write_workbook(path, info=info, profile=profile)
        say(f"Skrev {path}" + (f" enligt profilen {profile[1].name}, version {profile[1].version}."
                               if profile else "."))
    say(info_left(info))
    if info.get("Kommentarsgräns") is not None:
        say(f"Kommentarsgräns är förifylld med {plain(info['Kommentarsgräns'])} {info['Enhet']} (förval): "
            "en avvikelse prognos/budget minst så stor kräver en kommentar. Ändra den i bladet Info vid behov.")


def info_left(info: dict) -> str:
    """Which fields of Info the user still fills in (the required ones first)."""
    empty = [r for r in C.INFO.rows if info.get(r.label) in (None, "")]
    required = [r.label for r in empty if r.required]
    optional = [r.label for r in empty if not r.required]
    first = (f"Fyll i bladet Info: {', '.join(required)} (obligatoriska)." if required
             else "Bladet Info har alla obligatoriska fält ifyllda.")
    return first + (f" Valfria: {', '.join(optional)}." if optional else "")


def each_workbook(folder: Path, label: str, action) -> None:
    """A folder: ``action`` on every workbook in it, a progress bar, a summary table, exit."""
    paths = workbooks_in(folder)
    if not paths:
        raise ExcelReportError(f"{folder} är en mapp utan arbetsböcker (.xlsx eller .xlsm).")
    outcomes = run_each(paths, action, label=label)
    say(summary_table(outcomes))
    if any(o.exit_code for o in outcomes):
        say("Se detaljerna med: excelreport check ARBETSBOK")
    sys.exit(exit_code(outcomes))


@click.command(cls=Command)
@click.argument("path", type=FILE, metavar="ARBETSBOK")
def check(path: Path) -> None:
    """Kontrollera ARBETSBOK (eller varje arbetsbok i en mapp); skriver aldrig i filen."""
    from ..app.checking import check_file

    if path.is_dir():
        each_workbook(path, "Kontrollerar", lambda p: Outcome(p, check_file(p).findings))
    checked = check_file(path)
    if checked.profile is not None:
        say(f"Profil: {checked.profile.label}.")
    echo_findings(checked.findings)
    sys.exit(EXIT_FEL if has_fel(checked.findings) else EXIT_OK)


@click.command(cls=Command)
@click.option("-o", "--out", type=FILE, metavar="FIL", help="Skriv till filen i stället för till skärmen.")
@click.option("--output", "output_alias", type=FILE, hidden=True)  # the old spelling
@click.option("--profil", "profile", metavar="PROFIL",
              help="Kontraktet för en profil: en levererad (standard, exempelby-bun) eller en .toml-fil.")
def contract(out: Path | None, output_alias: Path | None, profile: str | None) -> None:
    """Skriv kontraktet (blad, kolumner, typer, tillåtna värden, fasta rader) som Markdown."""
    from ..app.contract_doc import contract_markdown
    from ..profile.loader import load as load_profile

    out = out or output_alias
    text = contract_markdown(load_profile(profile) if profile else None)
    if out is None:
        click.echo(text, nl=False)
        return
    output_file(out).write_text(text, encoding="utf-8")
    say(f"Skrev {out}.")


@click.command(cls=Command)
@click.argument("path", type=FILE, metavar="ARBETSBOK")
@click.option("-o", "--out", type=FILE, metavar="FIL",
              help="Skriv resultatet till FIL i stället för i ARBETSBOK.")
def run(path: Path, out: Path | None) -> None:
    """Kontrollera ARBETSBOK, räkna och skriv resultatbladen (vid fel bara bladet Kontroll).

    ARBETSBOK kan vara en mapp: då körs varje arbetsbok i den.
    """
    from ..app.service import run_file

    if path.is_dir():
        if out is not None:
            raise click.UsageError("-o/--out går inte att använda när ARBETSBOK är en mapp.")

        def one(p: Path) -> Outcome:
            done = run_file(p)
            return Outcome(p, done.checked.findings, note=f"skrev {len(done.sheets)} resultatblad")

        each_workbook(path, "Kör", one)

    if out is not None:
        if path.suffix.lower() != out.suffix.lower():
            raise click.UsageError(f"FIL ska ha samma filändelse som ARBETSBOK ({path.suffix}).")
        output_file(out, (path.suffix,), make_folder=True)
    outcome = run_file(path, out)
    echo_findings(outcome.checked.findings)
    _run_done(outcome)
    sys.exit(EXIT_FEL if has_fel(outcome.checked.findings) else EXIT_OK)


def _run_done(outcome) -> None:
    """What ``run`` wrote (the same line for ``run`` and ``build``, after the findings)."""
    sheets = ", ".join(outcome.sheets)
    if outcome.removed:
        say(f"Tog bort inaktuella resultatblad: {', '.join(outcome.removed)}.")
    if has_fel(outcome.checked.findings):
        say(f"Arbetsboken har fel: skrev bara bladet {sheets} till {outcome.target}. "
            "Rätta felen och kör igen.")
    else:
        say(f"Skrev {sheets} till {outcome.target}.")


def _report_done(outcome, pdf_required: bool) -> None:
    """Print the findings, what was written (or what blocks the report), and exit."""
    echo_findings(outcome.checked.findings)
    if outcome.run is not None:
        _run_done(outcome.run)
    report = outcome.checked.report
    if outcome.docx is None and outcome.checked.ok and report is not None and report.is_finance_office:
        say("Finansförvaltningens arbetsbok har ingen egen rapport: den ingår i kommunens "
                   "sammanställning (excelreport consolidate MAPP).")
        sys.exit(EXIT_OK)
    if outcome.docx is None:
        cells = ", ".join(f.where or f.sheet or "arbetsboken" for f in outcome.blocking)
        say(f"Rapporten skapades inte: {len(outcome.blocking)} fel stoppar den ({cells}). "
            "Rätta felen och kör igen.")
        sys.exit(EXIT_FEL)
    say(f"Skrev {outcome.docx}.")
    if outcome.pdf is not None:
        say(f"Skrev {outcome.pdf}.")
    if outcome.pdf_problem:
        say(outcome.pdf_problem, err=True)
    sys.exit(EXIT_UNUSABLE if pdf_required and outcome.pdf is None else EXIT_OK)


@click.command(cls=Command)
@click.argument("path", type=FILE, metavar="ARBETSBOK")
@click.option("-o", "--out", required=True, type=FILE, metavar="FIL",
              help="Rapportens fil, t.ex. rapport.docx.")
@click.option("--pdf", is_flag=True, help="Skapa även en PDF (kräver LibreOffice).")
@TEMPLATE
def report(path: Path, out: Path, pdf: bool, template: Path | None) -> None:
    """Skapa nämndens rapport (Word) ur ARBETSBOK; vägrar om arbetsboken har fel."""
    from ..app.reporting import report_file

    if out.suffix.lower() != ".docx":
        raise click.UsageError("FIL ska sluta på .docx.")
    output_file(out, (".docx",), make_folder=True)
    _report_done(report_file(path, out, template=template, pdf=pdf), pdf_required=pdf)


@click.command(cls=Command)
@click.argument("path", type=FILE, metavar="ARBETSBOK")
@click.option("-o", "--out", "out_dir", type=FILE, metavar="MAPP",
              help="Mapp för rapporten (standard: arbetsbokens mapp).")
@TEMPLATE
@click.option("--no-pdf", is_flag=True, help="Hoppa över PDF:en.")
def build(path: Path, out_dir: Path | None, template: Path | None, no_pdf: bool) -> None:
    """Hela jobbet: resultatbladen till ARBETSBOK, sedan rapporten (och PDF) namngiven efter Info.

    ARBETSBOK kan vara en mapp: då byggs rapporten för varje arbetsbok i den.
    """
    from ..app.service import build_file

    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise ExcelReportError(f"{out_dir} är en fil; -o/--out ska vara en mapp.")

    if path.is_dir():
        from ..app.checking import check_file

        made: dict[str, Path] = {}

        def one(p: Path) -> Outcome:
            checked = check_file(p)
            if checked.report is not None:
                name = report_name(checked.report.info)
                key = report_key(name)  # NÄMNDEN and Nämnden are one file on Windows/macOS
                if key in made:
                    raise ExcelReportError(f"samma rapportnamn ({name}) som {made[key].name}: "
                                           "rätta Info (Nämnd, Period, År); rapporten skrevs inte.")
                made[key] = p
            done = build_file(p, out_dir, template=template, pdf=False if no_pdf else None)
            note = (f"rapport: {done.docx.name}" if done.docx else "ingen egen rapport (finansförvaltningen)"
                    if done.checked.ok else "ingen rapport (fel i arbetsboken)")
            return Outcome(p, done.checked.findings, note=note)

        each_workbook(path, "Bygger", one)

    outcome = build_file(path, out_dir, template=template, pdf=False if no_pdf else None)
    _report_done(outcome, pdf_required=False)

