"""Read and check every workbook of the folder (in parallel where it pays) and decide which
ones the compilation may use: the cross-workbook checks of consolidation.md."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .. import contract as C
from ..app.checking import check_file
from ..core.background import Background
from ..core.codes import Code
from ..core.errors import ExcelReportError
from ..core.findings import FEL, VARNING, Finding
from ..core.folder import entries, entry_problem, is_compilation, shown
from ..core.model import Info
from ..profile.carrier import is_standard
from ..read import xmlsafe
from .limits import check_count
from .names import mixed_scripts, name_key, spelled, told_apart
from .profiled import by_kind, other_version

# Files of the folder that are listed in Inlämning (other kinds, e.g. reports, are not inputs).
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
COMPILATION_PREFIX = "Sammanställning "  # the compilation workbook written into the folder
PARALLEL_MIN = 12  # fewer workbooks: this process and one forked helper (a pool costs more than it saves)
WORKERS = 2
SAME = (("Kommun", "kommun"), ("År", "ar"), ("Period", "period"), ("Periodens slutmånad", "slutmanad"))

KLAR, STATUS_FEL, EJ_LASBAR = "Klar", "Fel", "Ej läsbar"
CORE_PART = "docProps/core.xml"
MODIFIED_TAG = "{http://purl.org/dc/terms/}modified"


@dataclass
class Figures:
    """What the compilation needs of one checked workbook, in the workbook's own unit."""

    drift: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # row → column → amount
    exploatering: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    exploatering_used: bool = False  # any amount ≠ 0 typed on Exploatering
    investments: dict[str, Decimal] | None = None  # Totala utgifter; None = no investment rows
    goals: list[tuple[int, str, str]] = field(default_factory=list)  # KF-mål nr, KF-mål, Bedömning
    assignments: list[str] = field(default_factory=list)  # statuses
    sick_leave: tuple[Decimal | None, Decimal | None] = (None, None)  # Total: last year, this year
    controls: list[str] = field(default_factory=list)  # assessments
    financing: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    balance: dict[str, Decimal] = field(default_factory=dict)
    history: list = field(default_factory=list)  # model.HistoryRow: Prognoshistorik, in order


EXCLUDED_FOR_FEL = Code.ARBETSBOK_MED_FEL  # the compilation's note that a workbook's Fel leave it out


@dataclass
class Submission:
    """One file of the folder: what reading and checking it gave."""

    path: Path
    modified: dt.datetime | None  # the workbook's own saved time (saved_time)
    info: Info | None = None
    findings: list[Finding] = field(default_factory=list)  # the workbook's own
    figures: Figures | None = None
    error: str = ""  # the file could not be read: why
    profile: tuple[str, str] | None = None  # the profile it carries: name, version (None: none)
    problems: list[Finding] = field(default_factory=list)  # the compilation's, naming this file
    excluded: bool = False

    @property
    def status(self) -> str:
        if self.error:
            return EJ_LASBAR
        return STATUS_FEL if self.excluded else KLAR

    @property
    def name(self) -> str:
        """The file's name as text (a Latin-1 name with \\xe4)."""
        return shown(self.path.name)

    @property
    def profile_label(self) -> str:
        """The profile and version the workbook follows, as Inlämning names it."""
        if self.profile is None:
            return "standard" if self.info else ""
        return f"{self.profile[0]}, version {self.profile[1]}"

    @property
    def board(self) -> str:
        return self.info.namnd if self.info else ""

    @property
    def is_finance(self) -> bool:
        return self.info is not None and self.info.typ == C.FINANCE_OFFICE

    def count(self, severity: str) -> int:
        """The workbook's findings and the compilation's about it, the note that its own
        ``Fel`` leave it out not counted again (so ``1 fel`` is one in every table)."""
        return sum(f.severity == severity for f in self.counted)

    @property
    def counted(self) -> list[Finding]:
        return self.findings + [f for f in self.problems if f.code != EXCLUDED_FOR_FEL]

    def own_findings(self) -> list[Finding]:
        """The workbook's own findings, Blad prefixed by the file, as the Kontroll sheet names them."""
        return [Finding(f.severity, f.code, f"{self.name}: {f.sheet}" if f.sheet else self.name,
                        f.cell, f.message) for f in self.findings]


def _zero(v: Decimal | None) -> Decimal:
    return Decimal(0) if v is None else v


def _amounts(rows) -> dict[str, dict[str, Decimal]]:
    return {r.label: {k: _zero(v) for k, v in r.values.items()} for r in rows}


def figures_of(report, results) -> Figures:
    """The compilation's view of a checked workbook (amounts unrounded; empty = 0)."""
    if report.is_finance_office:
        return Figures(financing=_amounts(results.financing),
                       balance={r.label: _zero(r.values.get("Prognos helår")) for r in report.balance},
                       history=list(report.history))
    total = next((r for r in results.investments if r.label == C.TOTAL_EXPENDITURE), None)
    sick = next((r for r in report.sick_leave if r.label == C.SICK_LEAVE_CATEGORIES[0]), None)
    return Figures(
        drift=_amounts(results.drift),
        exploatering=_amounts(results.exploatering),
        exploatering_used=any(v for r in report.exploatering if not r.derived
                              for v in r.values.values() if v is not None),
        investments=({k: _zero(total.values.get(k)) for k in C.INVESTMENT_AMOUNTS}
                     if report.investments and total else None),
        goals=[(g.kf_nr, g.kf_text, g.assessment) for g in report.goals],
        assignments=[a.status for a in report.assignments],
        sick_leave=(sick.previous, sick.current) if sick else (None, None),
        controls=[c.assessment for c in report.controls],
        history=list(report.history),
    )


def saved_time(path: Path) -> dt.datetime | None:
    """When the workbook says it was last saved (``docProps/core.xml``, ``dcterms:modified``,
    UTC) in this computer's local time; None when it does not say. Not the file's
    modification time, which is the time of a copy."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(CORE_PART)
            if info.file_size > 1024 * 1024:
                return None
            root = xmlsafe.fromstring(zf.read(info), xmlsafe.Budget(10_000))
        text = (root.findtext(MODIFIED_TAG) or "").strip()
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (OSError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile, xmlsafe.LimitExceeded,
            xmlsafe.ExpatError):  # defusedxml's refusals are ValueErrors, ElementTree's SyntaxErrors
        return None  # shown as '-'; the workbook's own reading says what is wrong with the file
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone().replace(tzinfo=None, microsecond=0)


def read_one(path: Path) -> Submission:
    """Read, check and reduce one workbook; never raises (an unreadable file is an error)."""
    sub = Submission(path, None)
    sub.error = entry_problem(path)  # before anything opens it: a FIFO would block
    if sub.error:
        return sub
    sub.modified = saved_time(path)
    try:
        checked = check_file(path)
    except ExcelReportError as exc:
        sub.error = shown(str(exc))
        return sub
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the others
        sub.error = shown(f"internt fel vid läsningen ({type(exc).__name__}: {exc})")
        return sub
    if checked.profile is not None:
        sub.profile = (checked.profile.profile.name, checked.profile.profile.version)
    sub.findings = checked.findings
    if checked.report is not None:
        sub.info = checked.report.info
        if checked.ok and checked.results is not None:
            sub.figures = figures_of(checked.report, checked.results)
            if not is_standard(checked.profile):  # its own shape: its rows by kind
                sub.figures = by_kind(sub.figures, checked.results, checked.shape)
    return sub


def inputs_in(folder: Path) -> list[Path]:
    """The folder's spreadsheet entries by Swedish name (``folder.entries``: also those that
    are no file to read and hidden files, listed as unreadable; not lock files or a
    compilation written by consolidate). More than ``MAX_FILES`` is an ExcelReportError (exit 2)."""
    found = entries(folder, SPREADSHEET_SUFFIXES)
    check_count(folder, found)
    return sorted((p for p in found if not is_compilation(p)), key=lambda p: swedish_key(p.name))


def read_all(paths: list[Path], progress=None) -> list[Submission]:
    """Every path read and checked, in the given order: a few in this process and one
    forked helper (half each), many in ``WORKERS`` processes. ``progress(path)`` is called
    as each one is done."""
    import multiprocessing

    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if len(paths) < 2 or (os.cpu_count() or 1) < 2 or os.environ.get("EXCELREPORT_NO_FORK"):
        return _read_here(paths, progress)
    if len(paths) < PARALLEL_MIN:
        return _read_halves(paths, progress) if can_fork else _read_here(paths, progress)
    from concurrent.futures import ProcessPoolExecutor, as_completed

    ctx = multiprocessing.get_context("fork" if can_fork else None)
    done: dict[Path, Submission] = {}
    with ProcessPoolExecutor(WORKERS, mp_context=ctx) as pool:
        futures = {pool.submit(read_one, p): p for p in paths}
        for fut in as_completed(futures):
            p = futures[fut]
            try:
                done[p] = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died (memory, signal)
                done[p] = Submission(p, None, error=f"kunde inte läsas ({type(exc).__name__})")
            if progress:
                progress(p)
    return [done[p] for p in paths]


def _read_here(paths: list[Path], progress=None) -> list[Submission]:
    out = []
    for p in paths:
        out.append(read_one(p))
        if progress:
            progress(p)
    return out


def _read_halves(paths: list[Path], progress=None) -> list[Submission]:
    """Every other path read by one forked helper while this process reads the rest
    (a pool's start-up costs more than it saves on a few files). A helper that dies leaves
    its files as not readable, as a pool's worker would."""
    theirs = paths[1::2]
    helper = Background(lambda: [read_one(p) for p in theirs], what="läsningen")
    mine = {}
    for p in paths[0::2]:
        mine[p] = read_one(p)
        if progress:
            progress(p)
    try:
        got = helper.result()
    except (ExcelReportError, RuntimeError) as exc:  # the helper died (memory, signal)
        got = [Submission(p, None, error=f"kunde inte läsas ({type(exc).__name__})") for p in theirs]
    for p, sub in zip(theirs, got):
        mine[p] = sub
        if progress:
            progress(p)
    return [mine[p] for p in paths]


# --- order ---------------------------------------------------------------------------------

# å, ä, ö after z (and after every other letter): private-use characters sort last.
_SWEDISH_LAST = {"å": "\ue000", "ä": "\ue001", "ö": "\ue002", "æ": "\ue001", "ø": "\ue002"}


def swedish_key(name: str) -> tuple:
    """Sort key as a Swedish dictionary: … x, y, z, å, ä, ö; other accents folded
    (é = e, ü = y); then accents, then lower case before upper case break ties."""
    folded = []
    for ch in name.casefold():
        if ch in _SWEDISH_LAST:
            folded.append(_SWEDISH_LAST[ch])
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        folded.append("y" if ch == "ü" else base)
    return ("".join(folded), unicodedata.normalize("NFD", name.casefold()),
            [c.isupper() for c in name], name)


def board_order(subs: list[Submission]) -> list[Submission]:
    """Boards with Info!Ordning first by that number, then the others by Swedish name."""
    return sorted(subs, key=lambda s: (s.info.ordning is None, s.info.ordning or 0,
                                       swedish_key(s.info.namnd)))


# --- the cross-workbook checks -------------------------------------------------------------


def _problem(sub: Submission, severity: str, message: str, sheet: str = "", cell: str = "",
             code: str = Code.SAMMANSTALLNING) -> None:
    where = f"{sub.name}: {sheet}" if sheet else sub.name
    sub.problems.append(Finding(severity, code, where, cell, message))


def assess(subs: list[Submission]) -> tuple[Submission | None, list[Submission], list[Finding]]:
    """Mark what the compilation may not use (each a ``Fel`` naming the file); return the
    one finansförvaltning (or None), the boards in table order, and the folder's findings."""
    general: list[Finding] = []
    for s in subs:
        if s.error:
            s.excluded = True
            _problem(s, FEL, f"Filen kan inte läsas: {s.error} Den ingår inte i sammanställningen.")
        elif s.info is None or s.figures is None:
            s.excluded = True
            n = s.count(FEL)
            who = f" ({s.info.namnd})" if s.info else ""
            _problem(s, FEL, f"Arbetsboken{who} har {n} fel och ingår inte i sammanställningen "
                     "eller någon summa. Rätta felen (se raderna ovan för filen) och sammanställ igen.",
                     code=EXCLUDED_FOR_FEL)
    finance = [s for s in subs if s.is_finance]
    if not finance:
        general.append(Finding(FEL, Code.FINANSFORVALTNING_SAKNAS, "", "",
                               "Mappen saknar finansförvaltningens arbetsbok (Info!Typ = "
                               "Finansförvaltning). Skapa den med excelreport new FIL.xlsx --typ "
                               "finansforvaltning; kommunens resultat och balanskravet kan inte "
                               "räknas utan den."))
    elif len(finance) > 1:
        names = ", ".join(s.name for s in finance)
        for s in finance:
            s.excluded = True
            _problem(s, FEL, f"Mappen har {len(finance)} arbetsböcker med Info!Typ = "
                     f"Finansförvaltning ({names}); det ska finnas exakt en. Ingen av dem används.",
                     "Info")
    central = finance[0] if len(finance) == 1 else None
    readable = [s for s in subs if s.info is not None]
    _same_period(readable, central)
    _board_names(readable)
    for s in subs:
        if s.info is not None and not s.error and any(f.code == Code.OPPEN_I_EXCEL for f in s.findings):
            _problem(s, VARNING, "Arbetsboken är öppen i Excel eller LibreOffice (en låsfil finns "
                     "bredvid den): sammanställningen bygger på den senast sparade versionen.")
    if central is not None and central.excluded:
        central = None
    for s in subs:  # a board of another version of the finansförvaltning's profile
        if central is not None and s is not central and not s.excluded and (why := other_version(s, central)):
            _problem(s, VARNING, why, "Profil")
    boards = board_order([s for s in subs if not s.excluded and not s.is_finance])
    if not boards:
        general.append(Finding(VARNING, Code.INGA_NAMNDER, "", "",
                               "Ingen nämnds arbetsbok ingår i sammanställningen: tabellerna per "
                               "nämnd är tomma och Nämndernas resultat är 0."))
    return central, boards, general


def _same_period(readable: list[Submission], central: Submission | None) -> None:
    """Kommun, År, Period and slutmånad as the finansförvaltning's (or most workbooks')."""
    reference = central.info if central else _most_common_info(readable)
    if reference is None:
        return
    source = "finansförvaltningens arbetsbok" if central else "de flesta arbetsböckerna"
    for s in readable:
        for label, attr in SAME:
            found, expected = getattr(s.info, attr), getattr(reference, attr)
            if found == expected:
                continue
            s.excluded = True
            if isinstance(found, str) and isinstance(expected, str):
                found, expected = told_apart(found, expected)  # alike to the eye: code points
            _problem(s, FEL, f"Info!{label} är '{found}' men {source} har '{expected}'; "
                     "alla arbetsböcker ska avse samma kommun, år och period. Arbetsboken ingår "
                     "inte i sammanställningen.", "Info")


def _board_names(readable: list[Submission]) -> None:
    """A name mixing alphabets, and two workbooks of one board (names compared by
    ``name_key``: Unicode form, invisible characters, spaces and case do not count)."""
    by_name: dict[str, list[Submission]] = {}
    for s in readable:
        mixed = mixed_scripts(s.info.namnd)
        if mixed:
            s.excluded = True
            _problem(s, FEL, f"Info!Nämnd: {mixed} Arbetsboken ingår inte i sammanställningen.", "Info")
        if not s.is_finance:
            by_name.setdefault(name_key(s.info.namnd), []).append(s)
    for same in by_name.values():
        if len(same) < 2:
            continue
        names = " och ".join(s.name for s in same)
        spellings = [spelled(s.info.namnd) for s in same]
        apart = ("" if all(x == s.info.namnd for x, s in zip(spellings, same)) else
                 " Namnen tecken för tecken: " + "; ".join(f"{s.name}: '{x}'" for s, x in zip(same, spellings)) + ".")
        for s in same:
            s.excluded = True
            _problem(s, FEL, f"Två arbetsböcker för samma nämnd '{s.info.namnd}': {names}.{apart} "
                     "Ta bort den som inte gäller; ingen av dem ingår i sammanställningen.", "Info")


def _most_common_info(subs: list[Submission]) -> Info | None:
    if not subs:
        return None
    counts = Counter(tuple(getattr(s.info, a) for _, a in SAME) for s in subs)
    best = counts.most_common(1)[0][0]
    return next(s.info for s in subs if tuple(getattr(s.info, a) for _, a in SAME) == best)
