"""Shared fixtures: the reference data, fresh copies of the example workbook, LibreOffice."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_JSON = ROOT / "scripts" / "kommunstyrelsen-2023.json"  # the example board's data
TRACKED_EXAMPLE = ROOT / "workbooks" / "delarsbokslut_ks_2023.xlsx"
# No test reads the machine's own settings folder (a kommun's template there would change
# every report): it points at a folder that does not exist, subprocesses included.
os.environ["EXCELREPORT_INSTALLNINGAR"] = str(ROOT / "tests" / "ingen-installningsmapp")


def _pristine_example() -> Path:
    """The example as scripts/make_example.py writes it, before any run or build touched it
    (the README's first command writes result sheets into the tracked copy)."""
    import atexit

    from excelreport.app.generate import write_workbook

    folder = Path(tempfile.mkdtemp(prefix="excelreport-example-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / TRACKED_EXAMPLE.name
    write_workbook(path, json.loads(REFERENCE_JSON.read_text(encoding="utf-8")))
    return path


EXAMPLE = _pristine_example()


@pytest.fixture(scope="session")
def reference_data() -> dict:
    return json.loads(REFERENCE_JSON.read_text(encoding="utf-8"))


@pytest.fixture
def example(tmp_path) -> Path:
    """A fresh copy of the example workbook in a temporary folder."""
    dst = tmp_path / EXAMPLE.name
    shutil.copyfile(EXAMPLE, dst)
    return dst


def soffice() -> str:
    """The LibreOffice binary; in CI its absence fails the test instead of skipping it."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) saknas i CI: .ci/run ska installera det.")
        pytest.skip("LibreOffice (soffice) är inte installerat")
    return exe


def convert(src: Path, fmt: str, outdir: Path, timeout: int = 180) -> Path:
    """Convert ``src`` with LibreOffice headless (own profile, so runs can overlap)."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        proc = subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", str(outdir), str(src)],
            capture_output=True, text=True, timeout=timeout,
        )
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert proc.returncode == 0 and out.exists(), (
        f"LibreOffice kunde inte konvertera {src.name}: {proc.stdout} {proc.stderr}")
    return out


def pdftotext(pdf: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext saknas i CI: .ci/run ska installera poppler-utils.")
        pytest.skip("pdftotext är inte installerat")
    return subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def assert_pdf_ua(pdf: Path, headings: int = 1) -> None:
    """The report's PDF passes the PDF/UA-1 rules the pdfua package checks (README,
    *Accessible PDF*): structure tree, marked content, language, figures' alt text, table
    headers, title shown, PDF/UA identification; and, as pdfua 0.1.3 cannot read the
    heading rule on LibreOffice's PDFs, the headings are checked here: at least
    ``headings`` non-empty H1 elements."""
    import pikepdf
    from pdfua import validate

    report = validate(str(pdf))
    problems = [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]
    assert problems == [], problems
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "sv-SE" and doc.Root.ViewerPreferences.DisplayDocTitle
        h1 = 0
        stack = [doc.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    h1 += kid.S == "/H1" and kid.get("/K") is not None
                    stack.append(kid)
        assert h1 >= headings, h1


def require_report_fonts(pdf: Path) -> None:
    """The layout tests measure the report as printed in the template's font (Calibri, or its
    metric twin Carlito, README): without it LibreOffice takes a wider one and the columns
    wrap, which the build reports as a Varning. Such a machine skips these tests (CI fails)."""
    from excelreport.report.pdf import missing_fonts

    missing = missing_fonts(pdf, {"Calibri"})
    if missing:
        message = ("Typsnittet Calibri eller Carlito saknas (apt-get install fonts-crosextra-carlito, se "
                   "README): tabellernas mått prövas inte.")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
