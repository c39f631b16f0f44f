"""``excelreport new NAME.xlsm``: xlwings' VBA project, the button, its status cells, settings."""

from __future__ import annotations

import re
import warnings
import zipfile
from importlib.metadata import version
from pathlib import Path

import openpyxl
import pytest
from conftest import convert, pdftotext
from excelreport import macro as M
from excelreport.app.generate import write_workbook
from wbtools import check, run

NAME = "delar_ks_2024"


@pytest.fixture(scope="module")
def macro_book(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("xlsm") / f"{NAME}.xlsm"
    result = run("new", path, "--kommun", "Alingsås kommun", "--namnd", "Kommunstyrelsen",
                 "--ar", "2024", "--period", "Delårsbokslut", "--slutmanad", "8")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Skrev {path}.\nBladet Info har alla obligatoriska fält ifyllda.")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no module beside it
    return path


def vba_modules(path: Path) -> dict[str, str]:
    """Module name → VBA source, as olevba reads it from the file."""
    with warnings.catch_warnings():  # olevba's pyparsing deprecations, at import
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools.olevba import VBA_Parser
    parser = VBA_Parser(str(path))
    try:
        assert parser.detect_vba_macros()
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def vml_macros(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        vml = [z.read(n).decode() for n in z.namelist() if re.fullmatch(r"xl/drawings/vmlDrawing\d+\.vml", n)]
    return [m for text in vml for m in re.findall(r"<x:FmlaMacro>([^<]*)</x:FmlaMacro>", text)]


BOTH = [f"[0]!{M.MACRO}", f"[0]!{M.IMPORT_MACRO}"]  # the two buttons' macros, in order


def vml_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".vml"))


def test_vba_project_starts_the_installed_toolkit_and_carries_the_installed_xlwings_version(macro_book):
    modules = vba_modules(macro_book)
    button = modules[M.BUTTON_MODULE]
    assert "RunPython" not in button and "import \" & " not in button
    assert f'Private Const PYTHON_ARGS As String = " -E -P -c ""{M.BUTTON_CODE}"""' in button
    assert f'Private Const IMPORT_ARGS As String = " -E -P -c ""{M.IMPORT_CODE}"""' in button
    assert "commandLine = Chr(34) & interpreter & Chr(34) & pythonArgs & \" --wb=\"" in button
    assert re.search(rf"Public Sub {M.MACRO}\(\)\s+StartTool PYTHON_ARGS\s+End Sub", button)
    assert re.search(rf"Public Sub {M.IMPORT_MACRO}\(\)\s+StartTool IMPORT_ARGS\s+End Sub", button)
    assert button.replace("\r\n", "\n") == M.button_vba().replace("\r\n", "\n")
    m = re.search(r'Public Const XLWINGS_VERSION As String = "([^"]+)"', modules["xlwings"])
    assert m and m.group(1) == version("xlwings")


def test_pinned_xlwings_is_the_installed_one():
    pyproject = Path(__file__).resolve().parents[1].joinpath("pyproject.toml").read_text()
    assert f'"xlwings=={version("xlwings")}"' in pyproject


def test_both_buttons_are_bound_to_macros_of_the_vba_project(macro_book):
    macros = vml_macros(macro_book)
    assert macros == [f"[0]!{M.MACRO}", f"[0]!{M.IMPORT_MACRO}"]
    code = "\n".join(vba_modules(macro_book).values())
    for name in (m.split("!")[-1] for m in macros):
        assert re.search(rf"^\s*(Public\s+)?Sub {re.escape(name)}\(\)", code, re.M)
    assert M.BUTTON_CAPTION in vml_text(macro_book) and M.IMPORT_CAPTION in vml_text(macro_book)


def test_button_sits_on_info_beside_the_input_cells(macro_book):
    with zipfile.ZipFile(macro_book) as z:
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        workbook = z.read("xl/workbook.xml").decode()
    assert "vmlDrawing1.vml" in rels
    assert re.search(r'<sheet name="Info" sheetId="1"', workbook)
    anchor = re.search(r"<x:Anchor>([^<]*)</x:Anchor>\s*<x:PrintObject>False</x:PrintObject>"
                       r"\s*<x:AutoFill>False</x:AutoFill>\s*<x:FmlaMacro>", vml_text(macro_book))
    assert anchor, "the button's anchor"
    left_col = int(anchor.group(1).split(",")[0])
    assert left_col >= 3  # column D or right of it: never over Fält | Värde


def test_status_cells_on_info_are_labelled_and_empty(macro_book):
    wb = openpyxl.load_workbook(macro_book, keep_vba=True)
    ws = wb["Info"]
    assert M.STATUS_RANGE == M.status_address()
    first, last = M.STATUS_RANGE.split(":")
    for i, (label, cell) in enumerate(zip(M.STATUS_LABELS, ws[first:last])):
        assert ws.cell(cell[0].row, cell[0].column - 1).value == label
        assert cell[0].value is None
    assert ws["D3"].value == "Rapportknappen"


def test_xlwings_conf_sheet_keys_from_a1_without_gaps(macro_book):
    ws = openpyxl.load_workbook(macro_book)[M.CONF_SHEET]
    keys = []
    r = 1
    while ws.cell(r, 1).value not in (None, ""):
        keys.append(ws.cell(r, 1).value)
        r += 1
    assert keys[:3] == ["Interpreter_Win", "Interpreter_Mac", "PYTHONPATH"]
    assert len({k.upper() for k in keys}) == len(keys)  # VBA adds UCase(key) to a dictionary
    assert ws["B1"].value == M.DEFAULT_INTERPRETER
    assert "Interpreter_Win" in ws.cell(r + 1, 1).value  # the note, after the gap
    assert all(ws.cell(i, 3).value for i in range(1, r))  # every key explained


def test_interpreter_option(tmp_path):
    path = tmp_path / "namnd_bok.xlsm"
    exe = r"C:\Program Files\Python312\python.exe"
    assert run("new", path, "--interpreter", exe).code == 0
    assert openpyxl.load_workbook(path)[M.CONF_SHEET]["B1"].value == exe


def test_interpreter_option_needs_a_macro_workbook(tmp_path):
    result = run("new", tmp_path / "bok.xlsx", "--interpreter", "python")
    assert result.code == 2 and ".xlsm" in result.err
    assert not (tmp_path / "bok.xlsx").exists()


@pytest.mark.parametrize("name, suggestion", [
    ("delår ks 2024.xlsm", "delar_ks_2024.xlsm"),
    ("Delårsrapport-KS.xlsm", "Delarsrapport_KS.xlsm"),
    ("2024_ks.xlsm", "bok_2024_ks.xlsm"),
    ("json.xlsm", "json_bok.xlsm"),
    ("class.xlsm", "class_bok.xlsm"),
])
def test_a_name_that_is_not_a_module_name_is_refused_with_a_suggestion(tmp_path, name, suggestion):
    result = run("new", tmp_path / name)
    assert result.code == 2
    assert f"Använd t.ex. '{suggestion}'" in result.err
    assert "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []
    assert M.name_problem(Path(suggestion).stem) is None


def test_a_file_named_like_the_old_module_is_left_alone(tmp_path):
    (tmp_path / "bok.py").write_text("# mitt eget\n", encoding="utf-8")
    assert run("new", tmp_path / "bok.xlsm").code == 0
    assert (tmp_path / "bok.py").read_text(encoding="utf-8") == "# mitt eget\n"


def test_check_of_the_blank_macro_workbook_has_no_fel(macro_book):
    result = check(macro_book)
    assert result.code == 0 and result.out.splitlines()[-1].startswith("0 fel,")


def test_filled_macro_workbook_checks_like_the_xlsx(tmp_path, reference_data, example):
    path = write_workbook(tmp_path / "ks_2023.xlsm", reference_data, macro=M.MacroWorkbook())
    as_xlsm, as_xlsx = check(path), check(example)
    assert as_xlsm.code == as_xlsx.code == 0
    assert as_xlsm.out == as_xlsx.out


def test_libreoffice_opens_the_macro_workbook(macro_book, tmp_path):
    pdf = convert(macro_book, "pdf", tmp_path)
    text = pdftotext(pdf)
    for expected in ("Kommunstyrelsen", "Rapportknappen", "Senaste körning", "Interpreter_Win"):
        assert expected in text


# --- a filled macro workbook through check, run and build --------------------------------------


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _fill_like_another_program(path: Path, reference_data: dict) -> None:
    """Fill the blank's input cells with openpyxl (keep_vba), by contract names only."""
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for sheet in ("Drift", "Exploatering"):
        ws = wb[sheet]
        header = [c.value for c in ws[3]]
        rows = {ws.cell(r, 1).value: r for r in range(4, 20)}
        for record in reference_data[sheet]:
            r = rows[record["Rad"]]
            for label, value in record.items():
                if label != "Rad" and label in header and value is not None and \
                        not ws.cell(r, header.index(label) + 1).data_type == "f":
                    ws.cell(r, header.index(label) + 1).value = value
    for sheet in ("Mål", "Uppdrag"):
        ws = wb[sheet]
        header = [c.value for c in ws[3]]
        for i, record in enumerate(reference_data[sheet]):
            for label, value in record.items():
                if label in header:
                    ws.cell(4 + i, header.index(label) + 1).value = value
    wb.save(path)


def test_filled_by_another_program_and_run_keeps_macros_and_button(macro_book, tmp_path, reference_data):
    path = tmp_path / macro_book.name
    path.write_bytes(macro_book.read_bytes())
    vba = _parts(path)["xl/vbaProject.bin"]
    _fill_like_another_program(path, reference_data)
    assert _parts(path)["xl/vbaProject.bin"] == vba and vml_macros(path) == BOTH

    assert check(path).code == 0
    before = _parts(path)
    result = run("run", path)
    assert result.code == 0, result.out + result.err
    after = _parts(path)
    assert after["xl/vbaProject.bin"] == vba
    assert vml_macros(path) == BOTH
    for name in before:  # every part of the filled workbook is still there, the VBA-bearing ones byte for byte
        assert name in after
        if name.endswith((".vml", ".bin")) or "/_rels/sheet1" in name:
            assert after[name] == before[name], name
    modules = vba_modules(path)
    assert f"Public Sub {M.MACRO}()" in modules[M.BUTTON_MODULE]
    assert openpyxl.load_workbook(path, keep_vba=True).sheetnames[-1] == "Kontroll"


def test_build_on_a_macro_workbook_keeps_macros_and_button(tmp_path, reference_data):
    path = write_workbook(tmp_path / "ks_2023.xlsm", reference_data, macro=M.MacroWorkbook())
    vba = _parts(path)["xl/vbaProject.bin"]
    result = run("build", path, "--out", tmp_path / "rapport", "--no-pdf")
    assert result.code == 0, result.out + result.err
    assert _parts(path)["xl/vbaProject.bin"] == vba and vml_macros(path) == BOTH
    assert list((tmp_path / "rapport").glob("*.docx"))


def test_libreoffice_opens_the_macro_workbook_after_run(tmp_path, reference_data):
    path = write_workbook(tmp_path / "ks_2023.xlsm", reference_data, macro=M.MacroWorkbook())
    assert run("run", path).code == 0
    text = pdftotext(convert(path, "pdf", tmp_path))
    assert "Rapportknappen" in text and "Prognosförändring" in text  # Info and a result sheet


def test_guide_for_controllers_is_linked_and_covers_what_they_need():
    root = Path(__file__).resolve().parents[1]
    assert "(docs/guide.md)" in root.joinpath("README.md").read_text(encoding="utf-8")
    guide = root.joinpath("docs", "guide.md").read_text(encoding="utf-8")
    for needed in ("--require-hashes", "--no-index", "krav.txt", version("xlwings"), "Avblockera", "Betrodda platser",
                   M.BUTTON_CAPTION, "Kontroll", "Rapport", "knappen.log", "Interpreter_Win",
                   "excelreport new", "--interpreter", "excelreport build", *M.STATUS_LABELS):
        assert needed in guide, needed
    security = guide.split("## 8. Säkerhet")[1]
    for needed in ("LICENSE_KEY", "PYTHONPATH", "Conda Env", "TEMP DIR", "xlwings.conf", "NAME.zip",
                   "excelreport check", "signera", "Ta bort skydd för blad", "Knappen kör då inte"):
        assert needed in security, needed
