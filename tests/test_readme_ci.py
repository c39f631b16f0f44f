"""The README's two set-up commands and CI stay in step."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    lines = ROOT.joinpath("README.md").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[:6] if line.startswith("    ")]


def test_readme_opens_with_two_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert "excelreport" in commands[0] and "pip install" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = ROOT.joinpath(".ci", "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in [line.strip() for line in ci]


def test_ci_installs_libreoffice_and_poppler():
    ci = ROOT.joinpath(".ci", "run").read_text(encoding="utf-8")
    for package in ("libreoffice-calc-nogui", "libreoffice-writer-nogui", "poppler-utils"):
        assert package in ci


def test_tracked_example_is_the_generated_one():
    """workbooks/ never drifts from the contract: its input sheets are what the generator
    writes from the reference data (result sheets a build added are not input)."""
    from conftest import EXAMPLE, TRACKED_EXAMPLE

    from excelreport import contract
    from excelreport.read.xlsx import read_workbook

    tracked, fresh = read_workbook(TRACKED_EXAMPLE).sheets, read_workbook(EXAMPLE).sheets
    for sheet in contract.INPUT_SHEETS:
        assert tracked[sheet.name].cells == fresh[sheet.name].cells, sheet.name
    assert set(tracked) - set(fresh) <= set(contract.RESULT_SHEET_NAMES)
