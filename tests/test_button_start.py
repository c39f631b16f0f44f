"""No code from the workbook's folder, the settings sheet or PYTHONPATH runs before the
installed toolkit's guard: the command line the workbook's VBA builds, run by a real Python
in a folder full of planted code; the interpreter rule; the VBA project compared with `new`'s."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from excelreport import macro as M
from excelreport.macro import paths as macro_paths
from excelreport.macro import ovba as vba
from excelreport.app.generate import write_workbook
from test_macro import vba_modules
from wbtools import check, finding_lines, run

NAME = "delar_ks_2023"
MARKER = "planted-code-ran"


def button_command(book: Path, interpreter: str) -> list[str]:
    """The command line the button of ``book`` starts, built as its VBA builds it."""
    source = vba_modules(book)["Module1"]
    own = re.search(r'^Private Const PYTHON_ARGS As String = "(.*)"\r?$', source, re.M)
    if own:  # commandLine = "<interpreter>" & PYTHON_ARGS & " --wb=""NAME"" --from_xl=1 --hwnd=""…"""
        args = shlex.split(own.group(1).replace('""', '"'))
        return [interpreter, *args, f"--wb={book.name}", "--from_xl=1", "--hwnd=1"]
    # xlwings' SampleCall: RunPython "import NAME;NAME.main()" → ExecuteWindows (xlwings.bas)
    conf = openpyxl.load_workbook(book, read_only=True)[M.CONF_SHEET]
    setting = {str(r[0]).upper(): r[1] for r in conf.iter_rows(values_only=True) if r[0]}.get("PYTHONPATH")
    paths = f"true;{book};{book};;;;{setting or ''}"
    code = (f'import xlwings.utils;xlwings.utils.prepare_sys_path("{paths}"); '
            f"import {book.stem};{book.stem}.main()")
    return [interpreter, "-B", "-c", code, f"--wb={book.name}", "--from_xl=1", "--hwnd=1"]


def _marker_code(root: Path) -> str:
    return f"open({str(root / MARKER)!r}, 'w').close()\n"


def _line_in_module(folder: Path, root: Path) -> None:
    (folder / f"{NAME}.py").write_text(M.companion_source() + _marker_code(root))


def _cached_module(folder: Path, root: Path) -> None:
    """An untouched NAME.py and a __pycache__ entry that claims to be its compiled form."""
    source = folder / f"{NAME}.py"
    source.write_text(M.companion_source())
    st = source.stat()
    code = compile(_marker_code(root) + M.companion_source(), str(source), "exec")
    from importlib._bootstrap_external import _code_to_timestamp_pyc

    cached = Path(importlib.util.cache_from_source(str(source)))
    cached.parent.mkdir()
    cached.write_bytes(_code_to_timestamp_pyc(code, int(st.st_mtime), st.st_size))


def _package(where: Path, root: Path) -> None:
    (where / "excelreport").mkdir(parents=True)
    for name in ("__init__.py", "excel.py", "button.py"):
        (where / "excelreport" / name).write_text(_marker_code(root) + "def main(): pass\n")


def _pythonpath_cell(folder: Path, root: Path) -> None:
    (folder / f"{NAME}.py").write_text(M.companion_source())
    _package(root / "planted", root)
    book = folder / f"{NAME}.xlsm"
    wb = openpyxl.load_workbook(book, keep_vba=True)
    wb[M.CONF_SHEET]["B3"] = str(root / "planted")
    wb.save(book)


def _semicolon_folder(folder: Path, root: Path) -> None:
    (folder / f"{NAME}.py").write_text(M.companion_source())
    _package(root, root)  # the folder's name splits into root and "x"


def _extension_module(folder: Path, root: Path, suffix: str = ".abi3.so") -> None:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build NAME.abi3.so")
    (folder / f"{NAME}.py").write_text(M.companion_source())
    c = root / "planted.c"
    c.write_text('#include <stdio.h>\n__attribute__((constructor)) static void ran(void) '
                 f'{{ FILE *f = fopen("{root / MARKER}", "w"); if (f) fclose(f); }}\n')
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(folder / f"{NAME}{suffix}"), str(c)], check=True)


def _beside_modules(folder: Path, root: Path) -> None:
    (folder / f"{NAME}.py").write_text(M.companion_source())
    for name in ("xlwings.py", "sitecustomize.py", "usercustomize.py", "encodings.py"):
        (folder / name).write_text(_marker_code(root))


ATTACKS = {
    "a line added to NAME.py": _line_in_module,
    "__pycache__/NAME.*.pyc": _cached_module,
    "a PYTHONPATH cell naming a package excelreport": _pythonpath_cell,
    "a ; in the folder's name": _semicolon_folder,
    "NAME.abi3.so": _extension_module,
    "NAME.so": lambda folder, root: _extension_module(folder, root, ".so"),
    "xlwings.py and sitecustomize.py beside the workbook": _beside_modules,
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_no_planted_code_runs_before_the_installed_toolkit(tmp_path, reference_data, attack):
    folder = tmp_path / ("d;x" if "; in" in attack else "Delad mapp")
    folder.mkdir()
    book = write_workbook(folder / f"{NAME}.xlsm", reference_data, macro=M.MacroWorkbook())
    ATTACKS[attack](folder, tmp_path)
    _package(tmp_path / "env-pythonpath", tmp_path)
    env = {**os.environ, "LOCALAPPDATA": str(tmp_path / "appdata"),
           "PYTHONPATH": str(tmp_path / "env-pythonpath")}
    command = button_command(book, sys.executable)
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert not (tmp_path / MARKER).exists(), f"{attack}: planted code ran\n{done.stderr[-2000:]}"
    # the installed toolkit's main() ran and, outside Excel, said so in Swedish
    assert done.returncode == 1 and "Knappen hittade inte sin arbetsbok i Excel" in done.stderr, done.stderr
    log = (tmp_path / "appdata" / "excelreport" / "knappen.log").read_text(encoding="utf-8")
    assert "excelreport/button/__init__.py" in log and f'File "{tmp_path}' not in log  # no planted module on the way


# --- the interpreter the button starts ------------------------------------------------------------


@pytest.fixture
def book_path(tmp_path, reference_data) -> Path:
    return write_workbook(tmp_path / f"{NAME}.xlsm", reference_data, macro=M.MacroWorkbook())


def _set_interpreter(path: Path, value: str) -> None:
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb[M.CONF_SHEET]["B1"] = value
    wb.save(path)


@pytest.mark.parametrize("value", [
    "python",  # cmd.exe would take python.bat, Python xlwings.py, from the current folder
    "pythonw",
    r".\python.exe",
    r"C:\Python312\..\python.exe",
    r"C:\Delad\.\Python312\python.exe",
    r"C:\PROGRA~1\Python312\python.exe",
    r"%LOCALAPPDATA%\Programs\Python\Python312\python.exe",
    r"%CD%\python.exe",
    r"C:\Delad\Ekonomi.\python.exe",
    r"C:\Python312\python.exe:stream",
    "C:/Python312/python.exe",
])
def test_an_interpreter_that_is_not_an_absolute_normalised_path_is_a_fel(book_path, value):
    _set_interpreter(book_path, value)
    result = check(book_path)
    assert result.code == 1
    lines = finding_lines(result, f"'{M.CONF_SHEET}'!B1")
    assert lines and lines[0].startswith("Fel") and "knappen inte startar" in lines[0], result.out
    assert M.interpreter_problem(value) is not None


def test_an_interpreter_reaching_the_workbooks_folder_is_refused():
    book = r"\\server\delad\Ekonomi\bok.xlsm"
    assert M.interpreter_problem(r"\\server\delad\Ekonomi\python.exe", book)  # no network path at all
    assert M.interpreter_problem(r"Z:\Ekonomi\py\python.exe", r"z:\EKONOMI\bok.xlsm")
    assert M.interpreter_problem(r"C:\python.exe", r"C:\bok.xlsm")
    assert M.interpreter_problem(r"C:\Python312\python.exe", r"C:\Delad\bok.xlsm") is None


def test_the_macro_checks_the_interpreter_with_the_same_rule():
    vba_source = M.button_vba()
    for piece in ('InStr(1, "/*?""<>|%~&^!;", c)', 'Like "[A-Za-z]:\\"', 'parts(i) = ""',
                  'Right$(parts(i), 1) = "."', 'Right$(parts(i), 1) = " "', '"python.exe"', '"pythonw.exe"',
                  "StrComp(Left$(p, Len(home)), home, vbTextCompare) = 0", "FileExists(p)",
                  'wsh.CurrentDirectory = Left$(interpreter, InStrRev(interpreter, "\\"))'):
        assert piece in vba_source, piece
    assert set('/*?"<>|%~&^!;') == macro_paths._FORBIDDEN


@pytest.mark.parametrize("value", ["python", r"%LOCALAPPDATA%\Python312\python.exe", r"C:\PROGRA~1\python.exe"])
def test_new_refuses_an_interpreter_the_button_would_refuse(tmp_path, value):
    result = run("new", tmp_path / "bok.xlsm", "--interpreter", value)
    assert result.code == 2 and "startas inte av knappen" in result.err and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_new_writes_an_interpreter_the_button_accepts(book_path):
    assert M.interpreter_problem(M.DEFAULT_INTERPRETER, r"C:\Delad\bok.xlsm") is None
    assert openpyxl.load_workbook(book_path)[M.CONF_SHEET]["B1"].value == M.DEFAULT_INTERPRETER


# --- the VBA project compared with what `new` writes -----------------------------------------------


def replace_vba(path: Path, project: bytes) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/vbaProject.bin"] = project
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _vba_warnings(result) -> list[str]:
    return [line for line in result.out.splitlines() if line.startswith("Varning") and "VBA" in line]


def test_the_vba_project_new_writes_gives_no_warning(book_path):
    assert _vba_warnings(check(book_path)) == []


def test_the_macro_of_workbooks_made_by_earlier_versions_gives_no_warning(book_path):
    """Their buttons start ``excelreport.excel``, which stays as their entry point."""
    source = M.button_vba(("import excelreport.excel as k; k.main()",
                           "import excelreport.excel as k; k.main(import_first=True)"))
    replace_vba(book_path, vba.replace_module(M.quickstart_project(), M.BUTTON_MODULE, source))
    assert _vba_warnings(check(book_path)) == []


def test_a_changed_macro_is_a_warning(book_path):
    source = M.button_vba().replace("-E -P -c", "-c")
    replace_vba(book_path, vba.replace_module(M.quickstart_project(), M.BUTTON_MODULE, source))
    warnings = _vba_warnings(check(book_path))
    assert warnings and "modulen Module1" in warnings[0], warnings


def test_the_older_button_is_a_warning(book_path):
    replace_vba(book_path, M.quickstart_project())
    warnings = _vba_warnings(check(book_path))
    assert warnings and "den äldre knappen" in warnings[0], warnings


def test_code_in_a_sheets_module_is_a_warning(book_path):
    project = M.vba_project()
    source = vba.sources(project)["ThisWorkbook"] + "Private Sub Workbook_Open()\r\n    Shell \"calc\"\r\nEnd Sub\r\n"
    replace_vba(book_path, vba.replace_module(project, "ThisWorkbook", source))
    warnings = _vba_warnings(check(book_path))
    assert warnings and "ThisWorkbook" in warnings[0], warnings


def test_the_project_is_source_only_and_reads_back():
    project = M.vba_project()
    entries = vba.streams(project)
    assert entries[("VBA", "_VBA_PROJECT")][2:4] == b"\xff\xff"  # Excel compiles from the source
    dir_bytes = vba.decompress(entries[("VBA", "dir")])
    offsets = {name: offset for name, _, offset, _ in vba.modules(dir_bytes)}
    assert offsets[M.BUTTON_MODULE] == 0
    assert vba.sources(project)[M.BUTTON_MODULE] == M.button_vba()
    assert vba.sources(project)["xlwings"] == vba.sources(M.quickstart_project())["xlwings"]


@pytest.mark.parametrize("size", [0, 1, 7, 4095, 4096, 4097, 12_000])
def test_compression_reads_back_with_oletools(size):
    from oletools.olevba import decompress_stream

    data = bytes((i * 7 + i // 13) % 97 + 32 for i in range(size)) + b"Sub X()\r\n" * (size // 50)
    packed = vba.compress(data)
    assert bytes(decompress_stream(bytearray(packed))) == data == vba.decompress(packed)
