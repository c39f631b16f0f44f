"""A folder of workbooks: the same command on each, a progress bar, one summary table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import click

from ..core.errors import ExcelReportError
from ..core.findings import FEL, VARNING, Finding
from ..core.folder import entries, entry_problem, is_compilation, shown
from .terminal import printable

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Outcome:
    """What one workbook's run came to."""

    path: Path
    findings: list[Finding]
    error: str = ""  # the file was unusable: the Swedish reason
    note: str = ""  # what was written, e.g. file names

    @property
    def exit_code(self) -> int:
        if self.error:
            return 2
        return 1 if any(f.severity == FEL for f in self.findings) else 0

    @property
    def status(self) -> str:
        return {0: "Klar", 1: "Fel i arbetsboken", 2: "Kan inte läsas"}[self.exit_code]


def workbooks_in(folder: Path) -> list[Path]:
    """The workbooks of a folder (not its subfolders), by ``folder.entries``: an entry that is
    no file to read (a FIFO, a link to nothing, a folder named ``x.xlsx``) is kept, to be
    refused with the others' results; the kommun's compilation (written by ``consolidate``) is
    skipped."""
    return sorted(p for p in entries(folder, WORKBOOK_SUFFIXES) if not is_compilation(p))


def run_each(paths: list[Path], action: Callable[[Path], Outcome], *, label: str,
             progress: bool = True) -> list[Outcome]:
    """Run ``action`` on every workbook; an unusable file is an outcome, never an abort."""
    outcomes: list[Outcome] = []

    def one(path: Path) -> Outcome:
        problem = entry_problem(path)
        if problem:
            return Outcome(path, [], error=problem)
        try:
            return action(path)
        except ExcelReportError as exc:
            return Outcome(path, [], error=str(exc))

    if not progress:
        return [one(p) for p in paths]
    with click.progressbar(paths, label=label, item_show_func=lambda p: printable(p.name) if p else "",
                           file=click.get_text_stream("stderr")) as bar:
        for path in bar:
            outcomes.append(one(path))
    return outcomes


def summary_table(outcomes: list[Outcome]) -> str:
    """One line per workbook: name, status, counts of Fel and Varning, and the note."""
    header = ("Arbetsbok", "Resultat", "Fel", "Varningar", "Kommentar")
    rows = [(printable(shown(o.path.name)), o.status, str(sum(f.severity == FEL for f in o.findings)),
             str(sum(f.severity == VARNING for f in o.findings)), printable(shown(o.error or o.note)))
            for o in outcomes]
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(4)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
    lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths), "-" * len(header[4]))]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)


def exit_code(outcomes: list[Outcome]) -> int:
    """2 if any workbook was unusable, else 1 if any had Fel, else 0."""
    return max((o.exit_code for o in outcomes), default=0)


class ProgressBars:
    """One progress bar per large file read (a kommun-wide extract), on stderr."""

    LARGE = 20 * 1024 * 1024

    def __init__(self):
        self.bars: dict[Path, object] = {}

    def step(self, path: Path, n: int) -> None:
        bar = self.bars.get(path)
        if bar is None:
            size = path.stat().st_size
            bar = self.bars[path] = click.progressbar(
                length=size, label=f"Läser {printable(path.name)}", file=click.get_text_stream("stderr")
            ) if size >= self.LARGE else False
            if bar:
                bar.__enter__()
        if bar:
            bar.update(n)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        for bar in self.bars.values():
            if bar:
                bar.__exit__(None, None, None)
