"""The README's two set-up commands and CI stay in step."""

import re
import shutil
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


def _apt_packages(text: str) -> list[str]:
    """The packages of the first ``apt-get install`` in ``text`` (continuation lines joined)."""
    text = re.sub(r"\\\s*\n\s*", " ", text).replace("`", " ")
    line = re.search(r"apt-get install([^\n;>]*)", text).group(1)
    return [word for word in line.split() if not word.startswith("-")]


def test_readme_apt_line_lists_every_package_ci_installs():
    ci = _apt_packages(ROOT.joinpath(".ci", "run").read_text(encoding="utf-8"))
    readme = _apt_packages(ROOT.joinpath("README.md").read_text(encoding="utf-8"))
    assert "fonts-dejavu-core" in ci and sorted(readme) == sorted(ci)


def test_nothing_reads_outside_the_repository():
    """A clone alone passes: no code, script, test, CI or benchmark reaches for the shared
    folder beside the repository."""
    hits = []
    for folder in ("src", "scripts", "tests", ".ci", "benchmarks"):
        for path in ROOT.joinpath(folder).rglob("*"):
            if path.is_file() and path.suffix in {"", ".py", ".sh"} and ".egg-info" not in str(path):
                text = path.read_text(encoding="utf-8", errors="replace")
                if re.search(r"parent\s*/\s*[\"']shared[\"']|\.\./shared", text):
                    hits.append(str(path.relative_to(ROOT)))
    assert hits == []


def test_tracked_example_is_the_generated_one():
    """workbooks/ never drifts from the contract: its input sheets are what the generator
    writes from the example data, and its result sheets are those of a run."""
    from conftest import EXAMPLE, TRACKED_EXAMPLE

    from excelreport import contract
    from excelreport.read.xlsx import read_workbook

    tracked, fresh = read_workbook(TRACKED_EXAMPLE).sheets, read_workbook(EXAMPLE).sheets
    for sheet in contract.INPUT_SHEETS:
        assert tracked[sheet.name].cells == fresh[sheet.name].cells, sheet.name
    assert set(tracked) - set(fresh) == set(contract.RESULT_SHEET_NAMES)


def test_readme_build_leaves_the_tracked_example_unchanged(tmp_path):
    """The README's first command builds into the tracked example: it must stay byte-identical
    (it is tracked as a build leaves it), so ``git status`` stays clean."""
    from conftest import TRACKED_EXAMPLE
    from wbtools import run

    copy = tmp_path / TRACKED_EXAMPLE.name
    shutil.copyfile(TRACKED_EXAMPLE, copy)
    assert run("build", copy, "-o", tmp_path / "rapport", "--no-pdf").code == 0
    assert copy.read_bytes() == TRACKED_EXAMPLE.read_bytes()


def test_an_installed_copy_holds_every_package():
    """pyproject lists its packages by name: a new subpackage left out works in an editable
    install and is missing from a wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in src.glob("excelreport/**/__init__.py")}
    assert found <= listed, sorted(found - listed)
