"""``excelreport consolidate``: the kommun's compilation of every board and the central
financing (consolidation.md). collect → tables → workbook (and report)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..app.templates_place import find_template
from ..core.background import Background
from ..core.errors import ExcelReportError
from ..core.findings import Finding
from ..core.names import file_name
from ..report.pdf import soffice
from .collect import COMPILATION_PREFIX, assess, inputs_in, read_all
from .compilation import Compilation
from .limits import check_size
from .tables import compile_tables
from .targets import check_default, check_out, check_report_dir, check_report_files
from .workbook import write_compilation


@dataclass
class Consolidated:
    """What a consolidation did: the compilation, the files written, a PDF problem if any."""

    compilation: Compilation
    workbook: Path
    docx: Path | None = None
    pdf: Path | None = None
    pdf_problem: str = ""
    report_findings: list[Finding] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.compilation.has_errors else 0


def default_name(comp: Compilation) -> str:
    """``Sammanställning Delårsbokslut 2024.xlsx``."""
    info = comp.info
    if info is None:
        return COMPILATION_PREFIX.strip() + ".xlsx"
    return file_name(f"{COMPILATION_PREFIX}{info.period} {info.ar}") + ".xlsx"


def consolidate(folder: str | Path, out: str | Path | None = None, *, report_dir: str | Path | None = None,
                pdf: bool | None = None, template=None, progress=None, on_start=None,
                reader=None, extra_inputs: list[Path] = (), force: bool = False) -> Consolidated:
    """Read every workbook of ``folder``, compile, write the compilation workbook (and with
    ``report_dir`` the report, only when there is no ``Fel``). Raises ExcelReportError when
    the folder or an output cannot be used (exit 2), before anything is written (see
    ``targets``; ``force``: ``out`` may replace another existing file outside the folder, and
    the report a file of its name the toolkit did not write).
    ``reader(path)`` replaces reading a file (the button passes the live book)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExcelReportError(f"{folder} är ingen mapp. Ange mappen med nämndernas arbetsböcker.")
    out = Path(out) if out is not None else None
    if report_dir is not None:
        check_report_dir(Path(report_dir))
    paths = inputs_in(folder)
    paths += [p for p in extra_inputs if p not in paths]  # the live book, even if not yet saved
    if out is not None:
        check_out(out, paths, folder, force)
    if not paths:
        raise ExcelReportError(f"{folder} har inga arbetsböcker (.xlsx eller .xlsm) att sammanställa.")
    check_size(paths)
    if on_start:
        on_start(paths)
    template = find_template(template, None)  # the kommun's own (settings folder), else shipped
    return _consolidate(folder, out, paths, report_dir, pdf, template, progress, reader, force)


def _consolidate(folder, out, paths, report_dir, pdf, template, progress, reader, force) -> Consolidated:
    subs = read_all(paths, progress) if reader is None else [reader(p) for p in paths]
    central, boards, general = assess(subs)
    comp = compile_tables(subs, central, boards, general)
    target = out if out is not None else folder / default_name(comp)
    if out is None:
        check_default(target)
    if report_dir is not None and not comp.has_errors:
        from .report import report_file_name

        docx = Path(report_dir) / f"{report_file_name(comp.info)}.docx"
        making_pdf = pdf is not False and soffice() is not None
        check_report_files(docx, making_pdf, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    if report_dir is None or comp.has_errors:
        return Consolidated(comp, write_compilation(comp, target))
    from .report import build_document, write_compilation_report

    # The workbook is written by a helper process while the report is built here; the
    # report is saved once the workbook is written.
    writing = Background(write_compilation, comp, target, what="skrivningen av sammanställningen")
    try:
        document = build_document(comp, template)
    finally:
        done = Consolidated(comp, writing.result())
    write_compilation_report(done, Path(report_dir), pdf=pdf, template=template, document=document)
    return done
