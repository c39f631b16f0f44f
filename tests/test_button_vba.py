"""The button's macro, run: LibreOffice's VBA-compatible Basic reads the VBA project that
``new`` writes and executes its ``InterpreterProblem`` on the cases ``macro.interpreter_problem``
is tested with; the two agree. LibreOffice cannot compile xlwings' own modules (Windows API
declarations), which the button's macro does not call, so the copy run here has them blanked;
it has no Scripting.FileSystemObject either, so an accepted path ends at the file check."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from excelreport import macro as M
from excelreport.macro import ovba as vba
from excelreport.app.generate import write_workbook
from test_button_start import replace_vba

SYSTEM_PYTHON = "/usr/bin/python3"  # the Python that has LibreOffice's uno bridge (python3-uno)
DRIVER = Path(__file__).with_name("lo_vba_driver.py")
REACHED_FILE_CHECK = "<filkontroll>"
HARNESS = f"""
Public Sub RunCase(p As String, f As String, outFile As String)
    Dim n As Integer, answer As String
    On Error GoTo failed
    answer = InterpreterProblem(p, f)
    GoTo written
failed:
    answer = "{REACHED_FILE_CHECK}"
written:
    n = FreeFile
    Open outFile For Append As #n
    Print #n, p & Chr(9) & f & Chr(9) & answer
    Close #n
End Sub
""".replace("\n", "\r\n")

CASES = [  # (Interpreter_Win, the workbook's folder as ThisWorkbook.Path gives it)
    (r"C:\Program Files\Python312\python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\Users\anna\AppData\Local\Programs\Python\Python312\pythonw.exe", r"Z:\Delad\Ekonomi"),
    (r"D:\Verktyg\Python 3.12\PYTHON.EXE", r"Z:\Delad\Ekonomi"),
    (r"Z:\Delad\Ekonomi2\python.exe", r"Z:\Delad\Ekonomi"),
    ("python", r"Z:\Delad\Ekonomi"),
    (r".\python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\Python312\..\python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\Delad\.\Python312\python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\PROGRA~1\Python312\python.exe", r"Z:\Delad\Ekonomi"),
    (r"%LOCALAPPDATA%\Programs\Python\Python312\python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\Delad\Ekonomi.\python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\Delad\Ekonomi \python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\Python312\python.exe:stream", r"Z:\Delad\Ekonomi"),
    ("C:/Python312/python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\Python312\\python.exe", r"Z:\Delad\Ekonomi"),
    (r'C:\Python312\python.exe" & calc & "', r"Z:\Delad\Ekonomi"),
    (r"C:\Windows\System32\cmd.exe", r"Z:\Delad\Ekonomi"),
    (r"\\server\share\python.exe", r"Z:\Delad\Ekonomi"),
    (r"Z:\Delad\Ekonomi\python\python.exe", r"Z:\Delad\Ekonomi"),
    (r"z:\DELAD\ekonomi\python.exe", r"Z:\Delad\Ekonomi"),
    (r"C:\Python312\python.exe", "C:\\"),
]


def _has_libreoffice_basic() -> bool:
    if not shutil.which("soffice") or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _has_libreoffice_basic(), reason="needs LibreOffice and its Python bridge (python3-uno)")
def test_the_macros_interpreter_rule_run_by_libreoffice_agrees_with_python(tmp_path):
    book = write_workbook(tmp_path / "bok.xlsm", info={"Kommun": "A", "Nämnd": "B", "År": 2024},
                          macro=M.MacroWorkbook())
    project = vba.replace_module(M.quickstart_project(), M.BUTTON_MODULE, M.button_vba() + HARNESS)
    for module in ("xlwings", "Dictionary"):
        project = vba.replace_module(project, module, f'Attribute VB_Name = "{module}"\r\n')
    replace_vba(book, project)
    out = tmp_path / "svar.txt"
    cases = tmp_path / "fall.json"
    cases.write_text(json.dumps([[value, folder, str(out)] for value, folder in CASES]), encoding="utf-8")
    done = subprocess.run([SYSTEM_PYTHON, str(DRIVER), str(book), str(tmp_path / "profil"), "RunCase", str(cases)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    answers = {tuple(line.split("\t")[:2]): line.split("\t")[2]
               for line in out.read_text(encoding="utf-8", errors="replace").splitlines()}
    assert set(answers) == set(CASES)
    for (value, folder), answer in answers.items():
        python = M.interpreter_problem(value, folder + ("" if folder.endswith("\\") else "\\") + "bok.xlsm")
        if python is None:
            assert answer == REACHED_FILE_CHECK, (value, answer)
        else:
            assert answer not in ("", REACHED_FILE_CHECK), (value, python)
            assert ("egen mapp" in answer) == ("egen mapp" in python), (value, answer, python)
