"""Timing of check, run, build and the button as ratios to baselines measured in the same run.

    python benchmarks/bench.py [--repeat N]

Each figure is the least of N in-process repeats (imports done once, before timing; as with
``timeit``, a longer time is another process's interference, not the code's cost), on a
fresh copy of the workbook, divided by its baseline on the same file, the two measured
alternately (a change in the machine's speed during the run weighs on both alike): plain
``openpyxl.load_workbook`` for ``check``; openpyxl load + save for ``run``; for ``build``
(a fresh process, imports count) openpyxl load + save, saving a one-paragraph .docx and
one XlsxWriter workbook with a bar chart (the report's charts are made so). The large
workbook (5 000 investment rows, 200 indicators, 30 goals) is generated first; the run
time per row at three sizes shows whether the cost grows linearly; so does build --no-pdf's
CPU time per row at 2 500, 5 000 and 10 000 rows (the marginal cost of a row must stay flat);
the sizes are measured in turn, round by round. ``next`` is timed as the commands a
controller types (``next`` against ``new`` + ``check``, fresh processes) and, for
information, in one process. The toolkit is byte-compiled first, as an installed package is.

``MEASUREMENTS`` is a list of named measurements: append a ``Measurement`` to add a row.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbooks" / "delarsbokslut_ks_2023.xlsx"
REFERENCE = ROOT / "scripts" / "kommunstyrelsen-2023.json"


# --- what is timed -------------------------------------------------------------------------


def openpyxl_load(src: Path, tmp: Path) -> None:
    import openpyxl

    openpyxl.load_workbook(src)


def openpyxl_load_save(src: Path, tmp: Path) -> None:
    import openpyxl

    openpyxl.load_workbook(src).save(tmp / "baseline.xlsx")


def check(src: Path, tmp: Path) -> None:
    from excelreport.app.checking import check_file

    check_file(src)


def run(src: Path, tmp: Path) -> None:
    from excelreport.app.service import run_file

    work = tmp / src.name
    shutil.copyfile(src, work)  # in place, as a controller runs it (the copy is not timed)
    start = time.perf_counter()
    run_file(work)
    return time.perf_counter() - start


# --- the large synthetic workbook ----------------------------------------------------------


def large_data(investments: int = 5000, indicators: int = 200, goals: int = 30) -> dict:
    """The reference data grown to the given size: a three-level investment tree, goals
    with their indicators spread over them."""
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    data["Info"].pop("Kommentarsgräns", None)
    base_goal, base_ind = data["Mål"][0], data["Indikatorer"][0]
    data["Mål"] = [{**base_goal, "KF-mål nr": 1 + i // 5, "KF-mål": f"KF-mål {1 + i // 5}",
                    "Mål nr": i + 1, "Mål": f"Nämndmål {i + 1}", "Bedömning": "Ej utvärderad"}
                   for i in range(goals)]
    data["Indikatorer"] = [{**base_ind, "Mål nr": 1 + i % goals, "Indikator": f"Indikator {i + 1}",
                            "Utfall": None} for i in range(indicators)]
    rows, i = [], 0
    while len(rows) < investments:
        rows.append({"Nivå": 1, "Namn": f"Område {i}"})
        for j in range(4):
            if len(rows) >= investments - 1:
                break
            rows.append({"Nivå": 2, "Namn": f"Program {i}.{j}"})
            for k in range(10):
                if len(rows) >= investments:
                    break
                n = len(rows)
                rows.append({"Nivå": 3, "Namn": f"Projekt {i}.{j}.{k}", "Budget": 1000 + n,
                             "Föregående prognos": 900 + n, "Prognos helår": 950 + n + 0.5,
                             "Utfall period": 400 + n / 10, "Utfall period föregående år": 300 + n})
        i += 1
    if rows[-1]["Nivå"] != 3:  # the last row must be a leaf with amounts
        rows[-1].update({"Budget": 1, "Prognos helår": 1, "Utfall period": 1})
    data["Investeringar"] = rows[:investments]
    return data


def make_large(folder: Path, investments: int = 5000) -> Path:
    from excelreport.app.generate import write_workbook

    path = folder / f"stor_{investments}.xlsx"
    write_workbook(path, large_data(investments))
    return path


# --- the Excel button (a fake book stands in for Excel; a fresh process, so imports count) --

_CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
what, src, tmp = sys.argv[2], sys.argv[3], sys.argv[4]
if what == "openpyxl-import":
    t = time.perf_counter(); import openpyxl; print(time.perf_counter() - t); raise SystemExit
if what in ("build", "xlwings-build"):
    t = time.perf_counter()
    if what == "xlwings-build":
        import xlwings.utils  # what a click imports first, whoever runs
    from excelreport.app.service import build_file
    assert build_file(src, tmp + "/rapport", pdf=False).docx is not None
    print(time.perf_counter() - t); raise SystemExit
import fake_xlwings  # the fake's own imports (openpyxl) and loading are not the button's cost
book = fake_xlwings.load(src)
t = time.perf_counter()
import xlwings.utils  # what the VBA imports first: import xlwings.utils; prepare_sys_path(...)
import excelreport.button as button
if what == "click":
    outcome = button.run_book(book, pdf=False)  # what main() does with Book.caller()
    assert outcome.result == "ok", outcome.message
print(time.perf_counter() - t)
"""


def _child(what: str, src: Path, tmp: Path) -> float:
    import subprocess

    work = tmp / src.name
    shutil.copyfile(src, work)
    out = subprocess.run([sys.executable, "-c", _CHILD, str(ROOT / "tests"), what, str(work), str(tmp)],
                         capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1])


def button_import(src: Path, tmp: Path) -> float:
    """A click's start-up: xlwings (imported by the VBA) and the button module, fresh process."""
    return _child("import", src, tmp)


def openpyxl_import(src: Path, tmp: Path) -> float:
    return _child("openpyxl-import", src, tmp)


def button_click(src: Path, tmp: Path) -> float:
    """A whole click without PDF, fresh process: imports, read, check, sheets, report."""
    return _child("click", src, tmp)


def build_no_pdf(src: Path, tmp: Path) -> float:
    """The command line's way to the same result (build --no-pdf), fresh process."""
    return _child("build", src, tmp)


def xlwings_and_build(src: Path, tmp: Path) -> float:
    """``import xlwings.utils`` (the VBA's first step, the same for any code behind the
    button) and then build --no-pdf, fresh process: what a click costs at the least."""
    return _child("xlwings-build", src, tmp)


# --- the report: build without PDF against openpyxl + python-docx + one chart -------------

_REPORT_BASELINE = """
import sys, io, time
t = time.perf_counter()
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2] + "/base.xlsx")
import docx
d = docx.Document(); d.add_paragraph("Delårsbokslut"); d.save(sys.argv[2] + "/base.docx")
import xlsxwriter
wb = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True}); ws = wb.add_worksheet()
ws.write_column(0, 0, ["a", "b", "c"]); ws.write_column(0, 1, [1, 3, 2])
chart = wb.add_chart({"type": "bar"}); chart.add_series({"categories": "=Sheet1!$A$1:$A$3", "values": "=Sheet1!$B$1:$B$3"})
ws.insert_chart("D2", chart); wb.close()
print(time.perf_counter() - t)
"""


def report_baseline(src: Path, tmp: Path) -> float:
    import subprocess

    out = subprocess.run([sys.executable, "-c", _REPORT_BASELINE, str(src), str(tmp)],
                         capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1])


def next_followup(src: Path, tmp: Path) -> None:
    """``excelreport next`` on the workbook: the year-end follow-up, written fresh."""
    from excelreport.app.nextperiod import next_period

    next_period(src, tmp / "nasta.xlsx", period="Årsredovisning", end_month=12)


def _new(tmp: Path) -> Path:
    """``excelreport new``: the blank workbook, Info prefilled."""
    from excelreport.app.generate import write_workbook

    path = tmp / "ny.xlsx"
    write_workbook(path, info={"Kommun": "Alingsås kommun", "Nämnd": "Kommunstyrelsen", "År": 2023,
                               "Period": "Årsredovisning", "Periodens slutmånad": 12, "Enhet": "tkr"})
    return path


def new_and_check(src: Path, tmp: Path) -> None:
    """``excelreport new`` and one ``check`` of the blank it wrote."""
    from excelreport.app.checking import check_file

    check_file(_new(tmp))


def new_and_check_book(src: Path, tmp: Path) -> None:
    """``excelreport new`` and one ``check`` of the workbook ``next`` reads: the two parts
    of ``next`` (check the book, write a workbook) done separately."""
    from excelreport.app.checking import check_file

    _new(tmp)
    check_file(src)


# --- build --no-pdf: the cost of one more row at three sizes --------------------------------

BUILD_SIZES = (2500, 5000, 10000)


def build_cpu(src: Path, tmp: Path) -> float:
    """CPU seconds (user + system, the chart process included) of build --no-pdf in a fresh
    process: unlike wall time, not inflated by other work on a shared machine."""
    import resource

    def used() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    before = used()
    _child("build", src, tmp)
    return used() - before


def build_growth(book: Callable[[str], Path], repeat: int) -> bool:
    """Print build --no-pdf's CPU time per investment row and the marginal cost of a row
    between the sizes; a superlinear step shows as a growing marginal cost. True when flat."""
    cpu = timed_sizes(build_cpu, {n: book(f"large:{n}") for n in BUILD_SIZES}, repeat)
    pairs = list(zip(BUILD_SIZES, BUILD_SIZES[1:]))
    marginal = [(cpu[b] - cpu[a]) / (b - a) for a, b in pairs]
    growth = marginal[-1] / marginal[0]
    ok = growth <= 1.3
    print("build --no-pdf per rad (CPU) vid " + ", ".join(f"{n}: {cpu[n] / n * 1e3:.2f} ms" for n in BUILD_SIZES)
          + "; marginalkostnad " + ", ".join(f"{a}→{b}: {m * 1e3:.2f} ms/rad" for (a, b), m in zip(pairs, marginal))
          + f"; kvot {growth:.2f} (linjärt ≈ 1, mål ≤ 1.3)" + ("" if ok else " ÖVER MÅLET"))
    return ok


# --- measuring -------------------------------------------------------------------------------


# --- import from a kommun-wide ledger extract -----------------------------------------------

LEDGER_BOARDS = 40  # the kommun's boards; the example board is one of them (Ansvar 110, 120-129, 15*)


def make_ledger(folder: Path, lines: int) -> Path:
    """A kommun-wide SIE 4E of ``lines`` #TRANS lines (vouchers of four lines, every board's
    codes and projects, the example board's among them), as a financial system exports it."""
    import random

    rnd = random.Random(18)
    codes = ["110", "121", "151", "191"] + [str(200 + 10 * i) for i in range(LEDGER_BOARDS - 4)]
    accounts = ["3010", "4010", "4610", "5010", "5410", "6010", "7410", "8410", "8910", "2440", "1930"]
    path = folder / f"kommun-{lines}.se"
    with open(path, "w", encoding="cp437", newline="\r\n") as out:
        out.write('#FLAGGA 0\n#PROGRAM "Raindance" 1\n#FORMAT PC8\n#GEN 20230915\n#SIETYP 4\n'
                  '#FNAMN "Alingsås kommun"\n#RAR 0 20230101 20231231\n#RAR -1 20220101 20221231\n'
                  '#DIM 1 "Ansvar"\n#DIM 6 "Projekt"\n')
        for v in range(lines // 4):
            block = [f'#VER A {v + 1} 2023{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d} "Faktura {v + 1}"', "{"]
            for _ in range(4):
                block.append(f'#TRANS {rnd.choice(accounts)} {{1 "{rnd.choice(codes)}" 6 "P{rnd.randrange(2000)}"}} '
                             f'{rnd.randint(-99999, 99999)}.{rnd.randrange(100):02d} "" "Leverantörsfaktura" 0')
            block.append("}")
            out.write("\n".join(block) + "\n")
    return path


def import_board(src: Path, tmp: Path) -> float:
    from excelreport.app.importing import import_file

    book = tmp / EXAMPLE.name
    shutil.copyfile(EXAMPLE, book)
    start = time.perf_counter()
    import_file(book, [src])
    return time.perf_counter() - start


def decode_and_split(src: Path, tmp: Path) -> None:
    with open(src, encoding="cp437") as fh:
        for line in fh:
            line.split()


def import_peak_memory(src: Path) -> float:
    """Peak resident memory (MB) of an import in a fresh process."""
    import subprocess

    code = ("import resource, shutil, sys, tempfile, pathlib; from excelreport.app.importing import import_file; "
            "d = pathlib.Path(tempfile.mkdtemp()); b = d / 'bok.xlsx'; shutil.copyfile(sys.argv[1], b); "
            "import_file(b, [sys.argv[2]]); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLE), str(src)], capture_output=True, text=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


@dataclass
class Measurement:
    name: str
    workbook: str  # "example", or "large:<investment rows>"
    action: Callable[[Path, Path], float | None]
    baseline: Callable[[Path, Path], float | None]
    baseline_name: str
    target: float | None = None  # ratio to the baseline
    seconds: float | None = None  # absolute limit


MEASUREMENTS: list[Measurement] = [
    Measurement("check, exempelboken", "example", check, openpyxl_load, "openpyxl load", 1.0),
    Measurement("run, exempelboken", "example", run, openpyxl_load_save, "openpyxl load+save", 1.3),
    Measurement("run, stor bok (5 000 rader)", "large:5000", run, openpyxl_load_save,
                "openpyxl load+save", seconds=3.0),
    Measurement("build utan PDF, exempelboken", "example", build_no_pdf, report_baseline,
                "openpyxl load+save + docx + ett diagram (XlsxWriter), ny process", 1.5),
    Measurement("knappen: import (xlwings + button)", "example", button_import, openpyxl_import,
                "import openpyxl"),
    Measurement("knappen: klick utan PDF (fejk)", "example", button_click, xlwings_and_build,
                "import xlwings + build --no-pdf, ny process", 1.5),
    Measurement("import, en nämnd ur kommunens SIE 4E", "ledger:1000000", import_board, decode_and_split,
                "avkoda (cp437) och dela varje rad", 1.5),
]


def _command(*args: str) -> float:
    """One ``excelreport`` command in a fresh process, as a controller runs it (imports count)."""
    import subprocess

    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "excelreport.cli", *args], capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: findings; anything else is a failed measurement
        raise RuntimeError(f"excelreport {args[0]}: {done.stderr or done.stdout}")
    return time.perf_counter() - start


NEW_INFO = ("--kommun", "Alingsås kommun", "--namnd", "Kommunstyrelsen", "--ar", "2023",
            "--period", "Årsredovisning", "--slutmanad", "12", "--enhet", "tkr")


def next_command(src: Path, tmp: Path) -> float:
    """``excelreport next BOOK -o NEW --period Årsredovisning --slutmanad 12``."""
    return _command("next", str(src), "-o", str(tmp / "nasta.xlsx"), "--period", "Årsredovisning",
                    "--slutmanad", "12")


def new_and_check_commands(src: Path, tmp: Path) -> float:
    """``excelreport new NY.xlsx …`` and then ``excelreport check NY.xlsx``: two commands."""
    return _command("new", str(tmp / "ny.xlsx"), *NEW_INFO) + _command("check", str(tmp / "ny.xlsx"))


MEASUREMENTS += [
    # The measure: the commands as a controller runs them (fresh processes).
    Measurement("next, exempelboken (kommando)", "example", next_command, new_and_check_commands,
                "kommandona new + check av den nya boken, nya processer", 1.0),
    # In one process, imports done: the work alone, for information (next reads, checks
    # and writes a filled book; new + check writes and checks a blank one).
    Measurement("next, exempelboken (i processen)", "example", next_followup, new_and_check,
                "new + check av den nya boken, i processen"),
    Measurement("next, exempelboken (i processen)", "example", next_followup, new_and_check_book,
                "new + check av exempelboken, i processen"),
]


# --- consolidate: a folder of N boards against N × check of one board + one board report ----


def make_kommun(folder: Path, boards: int) -> Path:
    """A generated kommun folder: the finansförvaltning and ``boards`` boards (every tenth in mnkr)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_example_kommun", ROOT / "scripts" / "make_example_kommun.py")
    kommun = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kommun)
    out = folder / f"kommun_{boards}"
    kommun.write_kommun(out, kommun.many_boards(boards))
    return out


def consolidate_folder(src: Path, tmp: Path) -> None:
    """The whole compilation with its report (no PDF), in process (the reading uses 2 cores)."""
    from excelreport.consolidate import consolidate

    done = consolidate(src, tmp / "s.xlsx", report_dir=tmp, pdf=False)
    assert done.exit_code == 0 and done.docx is not None


def consolidate_workbook(src: Path, tmp: Path) -> None:
    from excelreport.consolidate import consolidate

    assert consolidate(src, tmp / "s.xlsx").exit_code == 0


def _one_board(folder: Path) -> Path:
    return next(p for p in sorted(folder.glob("*.xlsx")) if not p.name.startswith("Finans"))


def checks_and_one_report(src: Path, tmp: Path) -> float:
    """N checks of one board of the folder + one board report (no PDF), in process."""
    from excelreport.app.reporting import report_file

    board = _one_board(src)
    n = sum(1 for p in src.glob("*.xlsx") if not p.name.startswith("Finans"))
    start = time.perf_counter()
    for _ in range(n):  # N checks, not one check × N: a single sample's noise is not multiplied
        check(board, tmp)
    assert report_file(board, tmp / "r.docx").docx is not None
    return time.perf_counter() - start


MEASUREMENTS += [
    Measurement("consolidate, 6 nämnder + rapport", "kommun:6", consolidate_folder, checks_and_one_report,
                "6 × check av en nämnd + en nämndrapport", 1.2),
    Measurement("consolidate, 40 nämnder + rapport", "kommun:40", consolidate_folder, checks_and_one_report,
                "40 × check av en nämnd + en nämndrapport", 1.2),
]
CONSOLIDATE_SIZES = (75, 150, 300)


def profile_load(src: Path, tmp: Path) -> None:
    """The standard profile, as a fresh process first loads it (the per-process cache
    emptied; its workbook contract, which contract.py's import builds today, not counted)."""
    import importlib

    load = importlib.import_module("excelreport.profile.loader")
    load.shipped.cache_clear()
    load.shipped("standard")


def make_carried(folder: Path) -> Path:
    """The example workbook as make_example.py writes it, carrying the standard profile."""
    from excelreport.app.generate import write_workbook
    from excelreport.profile import shipped, shipped_text
    from excelreport.app.service import run_file

    path = folder / "exempel_med_profil.xlsx"
    write_workbook(path, json.loads(REFERENCE.read_text(encoding="utf-8")),
                   profile=(shipped_text("standard"), shipped("standard")))
    run_file(path)
    return path


def make_own(folder: Path) -> Path:
    """The example workbook carrying a kommun's own profile (standard as version 1.1: not a
    shipped text, so it is parsed and checked from the sheet Profil)."""
    from excelreport.app.generate import write_workbook
    from excelreport.profile import load_text, shipped_text
    from excelreport.app.service import run_file

    raw = shipped_text("standard").replace(b'version = "1"', b'version = "1.1"')
    path = folder / "exempel_med_egen_profil.xlsx"
    write_workbook(path, json.loads(REFERENCE.read_text(encoding="utf-8")), profile=(raw, load_text(raw, "egen")))
    run_file(path)
    return path


def check_example(src: Path, tmp: Path) -> None:
    check(EXAMPLE, tmp)


MEASUREMENTS += [
    Measurement("profil: standard läses (ej cachad)", "example", profile_load, check,
                "check av exempelboken", 0.05),
    Measurement("check, exempelboken med bladet Profil", "carried", check, check_example,
                "check av exempelboken", 1.05),
    Measurement("check, exempelboken med egen profil", "own", check, check_example,
                "check av exempelboken", 1.05),
]


def consolidate_growth(book, repeat: int) -> bool:
    """consolidate's time per board at three folder sizes (linear: the ratio stays near 1)."""
    times = timed_sizes(consolidate_workbook, {n: book(f"kommun:{n}") for n in CONSOLIDATE_SIZES},
                        max(3, repeat // 2))
    per_board = [times[n] / n for n in CONSOLIDATE_SIZES]
    growth = per_board[-1] / per_board[0]
    ok = growth <= 1.3
    print("consolidate per nämnd vid " + ", ".join(f"{n}: {p * 1e3:.0f} ms" for n, p in
                                                  zip(CONSOLIDATE_SIZES, per_board))
          + f"; kvot {CONSOLIDATE_SIZES[-1]}/{CONSOLIDATE_SIZES[0]} per nämnd {growth:.2f} (linjärt ≈ 1, mål ≤ 1.3)"
          + ("" if ok else " ÖVER MÅLET"))
    return ok


def timed(fn: Callable[[Path, Path], float | None], src: Path, repeat: int) -> float:
    """The least time of ``fn`` over ``repeat`` runs (its own figure when it returns one,
    else the wall time)."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-") as d:
            start = time.perf_counter()
            inner = fn(src, Path(d))
            times.append(inner if inner is not None else time.perf_counter() - start)
    return min(times)


def timed_pair(action, baseline, src: Path, repeat: int) -> tuple[float, float]:
    """The least times of ``action`` and its ``baseline``, measured alternately, so that a
    change in the machine's speed during the run weighs on both alike."""
    pairs = [(timed(action, src, 1), timed(baseline, src, 1)) for _ in range(repeat)]
    return min(p[0] for p in pairs), min(p[1] for p in pairs)


def timed_sizes(fn, books: dict[int, Path], repeat: int) -> dict[int, float]:
    """The least time of ``fn`` per size, the sizes measured in turn (round by round, not
    one size's repeats together), so that a slow spell of the machine does not bend the
    growth between two sizes."""
    rounds = [{n: timed(fn, src, 1) for n, src in books.items()} for _ in range(repeat)]
    return {n: min(r[n] for r in rounds) for n in books}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--bara", metavar="ORD", default="",
                        help="bara mätningarna vars namn innehåller ORD (t.ex. import); inga tillväxtmätningar")
    args = parser.parse_args()
    import compileall

    # The toolkit byte-compiled, as `pip install` leaves it: with PYTHONDONTWRITEBYTECODE (or
    # a fresh editable checkout) every fresh process would otherwise compile its source anew.
    compileall.compile_dir(str(ROOT / "src" / "excelreport"), quiet=1)
    import openpyxl  # noqa: F401  imports are not what is measured
    import excelreport.app.service  # noqa: F401
    import excelreport.write.xlsx  # noqa: F401

    failed = False
    with tempfile.TemporaryDirectory(prefix="bench-books-") as d:
        folder = Path(d)
        books: dict[str, Path] = {"example": EXAMPLE}

        def book(key: str) -> Path:
            if key not in books:
                if key.startswith("kommun:"):
                    books[key] = make_kommun(folder, int(key.split(":")[1]))
                elif key == "carried":
                    books[key] = make_carried(folder)
                elif key == "own":
                    books[key] = make_own(folder)
                elif key.startswith("ledger:"):
                    books[key] = make_ledger(folder, int(key.split(":")[1]))
                else:
                    books[key] = make_large(folder, int(key.split(":")[1]))
            return books[key]

        timed(check, EXAMPLE, 1)  # warm up (first-call costs such as lazy imports)
        print(f"{'mätning':<34} {'tid':>8} {'baslinje':>9}  {'kvot':>5}  baslinje")
        for m in MEASUREMENTS:
            if args.bara not in m.name:
                continue
            src = book(m.workbook)
            t, b = timed_pair(m.action, m.baseline, src, args.repeat)
            ratio = t / b
            verdict = []
            if m.target is not None:
                ok = ratio <= m.target
                verdict.append(f"mål ≤ {m.target}×" + ("" if ok else " ÖVER MÅLET"))
                failed |= not ok
            if m.seconds is not None:
                ok = t <= m.seconds
                verdict.append(f"mål ≤ {m.seconds} s" + ("" if ok else " ÖVER MÅLET"))
                failed |= not ok
            print(f"{m.name:<34} {t:7.3f}s {b:8.3f}s  {ratio:5.2f}  {m.baseline_name}  {'; '.join(verdict)}")
        if any(args.bara in m.name and m.workbook.startswith("ledger:") for m in MEASUREMENTS):
            peak = import_peak_memory(book("ledger:1000000"))
            failed |= peak >= 200
            print(f"import, en nämnd ur kommunens SIE 4E: högsta minne {peak:.0f} MB (mål < 200 MB)"
                  + ("" if peak < 200 else " ÖVER MÅLET"))
        if args.bara:
            return 1 if failed else 0
        # linear growth: run time per investment row at three sizes
        sizes = (1250, 2500, 5000)
        times = timed_sizes(run, {n: book(f"large:{n}") for n in sizes}, args.repeat)
        per_row = [times[n] / n for n in sizes]
        growth = per_row[-1] / per_row[0]
        ok = growth <= 1.3
        failed |= not ok
        print("run per rad vid " + ", ".join(f"{n}: {p * 1e6:.0f} µs" for n, p in zip(sizes, per_row))
              + f"; kvot 5000/1250 per rad {growth:.2f} (linjärt ≈ 1, mål ≤ 1.3)" + ("" if ok else " ÖVER MÅLET"))
        failed |= not build_growth(book, args.repeat)  # CPU time here varies ±15 % run to run
        failed |= not consolidate_growth(book, args.repeat)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
