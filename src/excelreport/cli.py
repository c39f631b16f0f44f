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
from .cli_profile import PERIOD_CHOICE, UNIT_CHOICE, profil, profile_info, profile_option
from .cli_template import mall
from .findings import FEL, INFO, ExcelReportError, Finding
from .numbers import plain
from .terminal import SWEDISH, EscapingStream, printable, printable_lines, swedish_click

EXIT_OK, EXIT_FEL, EXIT_UNUSABLE = 0, 1, 2

HEADERS = ("Allvarlighet", "Cell", "Meddelande")


OPTIONS_METAVAR = "[FLAGGOR]"


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
    counts = {sev: sum(f.severity == sev for f in findings) for sev in ("Fel", "Varning", "Info")}
    warnings = "varning" if counts["Varning"] == 1 else "varningar"
    return f"{counts['Fel']} fel, {counts['Varning']} {warnings}, {counts['Info']} info."


class Command(click.Command):
    """A command whose usage line is Swedish and whose description is listed in full."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the help, whole (click cuts it at 45 characters)."""
        if self.short_help:
            return self.short_help
        return " ".join((self.help or "").split("\n\n")[0].split())


class Group(click.Group):
    """Swedish throughout (click's own texts too, see ``terminal``), control characters
    escaped; every ExcelReportError a Swedish message and exit 2, never a traceback."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENT]...")
        super().__init__(*args, **kwargs)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        with swedish_click():
            if not standalone_mode:
                return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            try:
                code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except click.ClickException as exc:  # a usage mistake: click's message, in Swedish
                exc.show(file=EscapingStream(sys.stderr))
                code = exc.exit_code
            except click.Abort:
                say(SWEDISH.gettext("Aborted!"), err=True)
                code = 1
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def invoke(self, ctx):
        from .write.safe import WRITTEN

        WRITTEN.clear()  # the files this command replaced (an error after a write names them)
        try:
            return super().invoke(ctx)
        except ExcelReportError as exc:
            say(f"Fel: {exc}", err=True)
            ctx.exit(EXIT_UNUSABLE)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # last resort: a short message, never a traceback
            if os.environ.get("EXCELREPORT_DEBUG"):
                raise
            state = (f"Redan skrivet: {', '.join(str(p) for p in WRITTEN)}." if WRITTEN
                     else "Filen har inte ändrats.")
            say(f"Internt fel i excelreport ({type(exc).__name__}: {exc}). {state} Kör igen "
                "med EXCELREPORT_DEBUG=1 för detaljer och rapportera felet.", err=True)
            ctx.exit(EXIT_UNUSABLE)


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


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="excelreport", message="%(prog)s, version %(version)s",
                      help="Visa versionen och avsluta.")
def main() -> None:
    """Delårsrapporter ur standardarbetsboken: new, check, run, report, build, next;
    siffror ur redovisningen och Kolada: import, kolada; kommunens sammanställning:
    consolidate; standarden och kommunprofilen: contract, profil; kommunens rapportmall:
    mall."""


main.add_command(profil)
main.add_command(mall)


@main.command()
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
    from .generate import write_workbook

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
        from . import macro as M

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
    from .batch import exit_code, run_each, summary_table, workbooks_in

    paths = workbooks_in(folder)
    if not paths:
        raise ExcelReportError(f"{folder} är en mapp utan arbetsböcker (.xlsx eller .xlsm).")
    outcomes = run_each(paths, action, label=label)
    say(summary_table(outcomes))
    if any(o.exit_code for o in outcomes):
        say("Se detaljerna med: excelreport check ARBETSBOK")
    sys.exit(exit_code(outcomes))


@main.command()
@click.argument("path", type=FILE, metavar="ARBETSBOK")
def check(path: Path) -> None:
    """Kontrollera ARBETSBOK (eller varje arbetsbok i en mapp); skriver aldrig i filen."""
    from .service import check_file

    if path.is_dir():
        from .batch import Outcome

        each_workbook(path, "Kontrollerar", lambda p: Outcome(p, check_file(p).findings))
    checked = check_file(path)
    if checked.profile is not None:
        say(f"Profil: {checked.profile.label}.")
    echo_findings(checked.findings)
    sys.exit(EXIT_FEL if any(f.severity == FEL for f in checked.findings) else EXIT_OK)


@main.command()
@click.option("-o", "--out", type=FILE, metavar="FIL", help="Skriv till filen i stället för till skärmen.")
@click.option("--output", "output_alias", type=FILE, hidden=True)  # the old spelling
@click.option("--profil", "profile", metavar="PROFIL",
              help="Kontraktet för en profil: en levererad (standard, exempelby-bun) eller en .toml-fil.")
def contract(out: Path | None, output_alias: Path | None, profile: str | None) -> None:
    """Skriv kontraktet (blad, kolumner, typer, tillåtna värden, fasta rader) som Markdown."""
    from .contract_doc import contract_markdown
    from .profile.loader import load as load_profile

    out = out or output_alias
    text = contract_markdown(load_profile(profile) if profile else None)
    if out is None:
        click.echo(text, nl=False)
        return
    output_file(out).write_text(text, encoding="utf-8")
    say(f"Skrev {out}.")


@main.command()
@click.argument("path", type=FILE, metavar="ARBETSBOK")
@click.option("-o", "--out", type=FILE, metavar="FIL",
              help="Skriv resultatet till FIL i stället för i ARBETSBOK.")
def run(path: Path, out: Path | None) -> None:
    """Kontrollera ARBETSBOK, räkna och skriv resultatbladen (vid fel bara bladet Kontroll).

    ARBETSBOK kan vara en mapp: då körs varje arbetsbok i den.
    """
    from .service import run_file

    if path.is_dir():
        if out is not None:
            raise click.UsageError("-o/--out går inte att använda när ARBETSBOK är en mapp.")
        from .batch import Outcome

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
    sys.exit(EXIT_FEL if _has_fel(outcome.checked.findings) else EXIT_OK)


def _has_fel(findings: list[Finding]) -> bool:
    return any(f.severity == FEL for f in findings)


def _run_done(outcome) -> None:
    """What ``run`` wrote (the same line for ``run`` and ``build``, after the findings)."""
    sheets = ", ".join(outcome.sheets)
    if outcome.removed:
        say(f"Tog bort inaktuella resultatblad: {', '.join(outcome.removed)}.")
    if _has_fel(outcome.checked.findings):
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


TEMPLATE = click.option("--template", type=FILE, metavar="MALL",
                        help="En annan Word-mall (.docx) än kommunens (mallar/<profil>.docx i "
                             "inställningsmappen) eller verktygets.")


@main.command()
@click.argument("path", type=FILE, metavar="ARBETSBOK")
@click.option("-o", "--out", required=True, type=FILE, metavar="FIL",
              help="Rapportens fil, t.ex. rapport.docx.")
@click.option("--pdf", is_flag=True, help="Skapa även en PDF (kräver LibreOffice).")
@TEMPLATE
def report(path: Path, out: Path, pdf: bool, template: Path | None) -> None:
    """Skapa nämndens rapport (Word) ur ARBETSBOK; vägrar om arbetsboken har fel."""
    from .service import report_file

    if out.suffix.lower() != ".docx":
        raise click.UsageError("FIL ska sluta på .docx.")
    output_file(out, (".docx",), make_folder=True)
    _report_done(report_file(path, out, template=template, pdf=pdf), pdf_required=pdf)


@main.command()
@click.argument("path", type=FILE, metavar="ARBETSBOK")
@click.option("-o", "--out", "out_dir", type=FILE, metavar="MAPP",
              help="Mapp för rapporten (standard: arbetsbokens mapp).")
@TEMPLATE
@click.option("--no-pdf", is_flag=True, help="Hoppa över PDF:en.")
def build(path: Path, out_dir: Path | None, template: Path | None, no_pdf: bool) -> None:
    """Hela jobbet: resultatbladen till ARBETSBOK, sedan rapporten (och PDF) namngiven efter Info.

    ARBETSBOK kan vara en mapp: då byggs rapporten för varje arbetsbok i den.
    """
    from .service import build_file

    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise ExcelReportError(f"{out_dir} är en fil; -o/--out ska vara en mapp.")

    if path.is_dir():
        from .batch import Outcome

        from .service import check_file, report_key, report_name

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


@main.command("next")
@click.argument("book", type=FILE, metavar="ARBETSBOK")
@click.option("-o", "--out", required=True, type=FILE, metavar="FIL",
              help="Den nya arbetsboken (.xlsx, eller .xlsm med rapportknappen).")
@click.option("--period", required=True, metavar="PERIOD", help="Den nya uppföljningens typ (en av profilens perioder).")
@click.option("--slutmanad", required=True, type=click.IntRange(1, 12), metavar="MÅNAD", help="Dess slutmånad, 1–12.")
@click.option("--ar", type=click.IntRange(2000, 2100), metavar="ÅR",
              help="Året: samma som ARBETSBOK (standard) eller nästa.")
@click.option("--behall-texter", is_flag=True, help="Behåll texterna som utkast.")
@click.option("--profil", metavar="NAMN|FIL", help="Uppgradera till en nyare version av arbetsbokens profil.")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
def next_followup(book: Path, out: Path, period: str, slutmanad: int, ar: int | None, behall_texter: bool,
                  profil: str | None, force: bool) -> None:
    """Skapa nästa uppföljnings arbetsbok ur ARBETSBOK (som bara läses): budget, struktur och
    prognoser förs över, utfall och kommentarer töms, prognoshistoriken byggs på."""
    from .nextperiod import next_period

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


@main.command()
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


@main.command("import")
@click.argument("book", type=FILE, metavar="ARBETSBOK")
@click.argument("files", nargs=-1, required=True, type=FILE, metavar="FIL...")
@click.option("-o", "--out", type=FILE, metavar="FIL", help="Skriv till FIL i stället för till ARBETSBOK.")
@click.option("--visa", is_flag=True, help="Visa ändringarna utan att skriva något.")
def import_ledger(book: Path, files: tuple[Path, ...], out: Path | None, visa: bool) -> None:
    """Hämta budget och utfall ur redovisningens filer (SIE eller CSV) till ARBETSBOK.

    Skriver bara importcellerna (Budget, Periodbudget, Utfall period, Utfall period
    föregående år; investeringsrader med Projekt) och Info!Importerad från."""
    from .batch import ProgressBars
    from .importing import import_file

    with ProgressBars() as bars:
        done = import_file(book, list(files), out=out, show_only=visa, progress=bars.step)
    _changes_done(book, done, visa)


@main.command("kolada")
@click.argument("book", type=FILE, metavar="ARBETSBOK")
@click.option("--fil", "answer", type=FILE, metavar="SVAR.json", help="Läs ett sparat svar från Koladas API.")
@click.option("--visa", is_flag=True, help="Visa ändringarna utan att skriva något.")
def kolada(book: Path, answer: Path | None, visa: bool) -> None:
    """Hämta nationella nyckeltal från Kolada till indikatorerna som har ett Kolada-id.

    Utfall, Utfall föregående år och Utfall två år sedan för Info!År och åren före (Info!Kommunkod)."""
    from .kolada import kolada_file

    done = kolada_file(book, answer=answer, show_only=visa)
    _changes_done(book, done, visa)


def _changes_done(book: Path, done, visa: bool) -> None:
    """What import and kolada print: the findings, every changed cell, what was written."""
    from .importing import shown

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
        say(f"{len(done.changes)} celler skulle ändras; ingenting skrevs (--visa).")
    elif done.target is None:
        say(f"Inget att ändra; {book.name} har inte skrivits.")
    else:
        say(f"Skrev {done.target}: {len(done.changes)} celler ändrade.")
    sys.exit(EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
