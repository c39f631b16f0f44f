"""A kommun's own report template (with its logo) lives in a settings folder an upgrade
never touches: --template > <settings>/mallar/<profil>.docx > the shipped template."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

from excelreport.app import templates_place
from excelreport.app.templates_place import find_template, profile_template, settings_dir

from reportdoc import open_report
from wbtools import run

RED = RGBColor(0x80, 0, 0)


def _template(path: Path, colour: RGBColor = RED) -> Path:
    doc = docx.Document()
    doc.styles["Heading 1"].font.color.rgb = colour
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def test_settings_folder_per_platform(monkeypatch, tmp_path):
    monkeypatch.delenv(templates_place.ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(templates_place, "_windows", lambda: False)
    assert settings_dir() == tmp_path / "xdg" / "excelreport"
    monkeypatch.setattr(templates_place, "_windows", lambda: True)
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    assert settings_dir() == tmp_path / "AppData" / "excelreport"
    monkeypatch.setenv(templates_place.ENV, str(tmp_path / "kontoret"))
    assert settings_dir() == tmp_path / "kontoret"


def test_lookup_order(monkeypatch, tmp_path):
    monkeypatch.setenv(templates_place.ENV, str(tmp_path))
    assert find_template(None, None) is None  # nothing there: the shipped template
    own = _template(tmp_path / "mallar" / "standard.docx")
    assert find_template(None, None) == own
    assert find_template(None, "exempelby-bun") is None  # another profile's is its own
    bun = _template(tmp_path / "mallar" / "exempelby-bun.docx")
    assert find_template(None, "exempelby-bun") == bun
    assert find_template(tmp_path / "x.docx", "exempelby-bun") == tmp_path / "x.docx"


@pytest.mark.parametrize("name", ["../standard", "a/b", "..", "c:\\x", "a.b"])
def test_a_profile_name_never_leaves_the_folder(monkeypatch, tmp_path, name):
    monkeypatch.setenv(templates_place.ENV, str(tmp_path))
    assert profile_template(name) == tmp_path / "mallar" / "standard.docx"


def test_build_uses_the_kommuns_template_and_the_command_line_wins(example, tmp_path, monkeypatch):
    settings = tmp_path / "inst"
    _template(settings / "mallar" / "standard.docx")
    monkeypatch.setenv(templates_place.ENV, str(settings))  # the subprocess inherits it
    result = run("build", example, "-o", tmp_path / "ut", "--no-pdf")
    assert result.code == 0, result.out + result.err
    report = open_report(tmp_path / "ut" / "Delårsbokslut 2023 Kommunstyrelsen.docx")
    assert report.doc.styles["Heading 1"].font.color.rgb == RED
    blue = _template(tmp_path / "blue.docx", RGBColor(0, 0, 0x80))
    result = run("report", example, "-o", tmp_path / "r.docx", "--template", blue)
    assert result.code == 0, result.out + result.err
    assert open_report(tmp_path / "r.docx").doc.styles["Heading 1"].font.color.rgb == RGBColor(0, 0, 0x80)


def test_a_faulty_kommun_template_is_a_message_not_a_traceback(example, tmp_path, monkeypatch):
    settings = tmp_path / "inst"
    (settings / "mallar").mkdir(parents=True)
    (settings / "mallar" / "standard.docx").write_bytes(b"not a zip")
    monkeypatch.setenv(templates_place.ENV, str(settings))
    result = run("report", example, "-o", tmp_path / "r.docx")
    assert result.code == 2
    assert "inte ett Word-dokument" in result.out + result.err
    assert "Traceback" not in result.out + result.err


def test_mall_exportera_writes_the_shipped_template_where_reports_find_it(tmp_path, monkeypatch):
    from excelreport.report.document import TEMPLATE

    monkeypatch.setenv(templates_place.ENV, str(tmp_path / "inst"))
    result = run("mall", "exportera", "--profil", "exempelby-bun")
    assert result.code == 0, result.out + result.err
    written = tmp_path / "inst" / "mallar" / "exempelby-bun.docx"
    assert written.read_bytes() == TEMPLATE.read_bytes()
    assert find_template(None, "exempelby-bun") == written
    written.write_bytes(b"kommunens egen")
    again = run("mall", "exportera", "--profil", "exempelby-bun")
    assert again.code == 2 and "finns redan" in again.out + again.err
    assert written.read_bytes() == b"kommunens egen"  # the kommun's own is never overwritten
    assert run("mall", "exportera", "--profil", "exempelby-bun", "--force").code == 0
    assert written.read_bytes() == TEMPLATE.read_bytes()
    assert run("mall", "exportera", tmp_path / "x.txt").code == 2
    assert run("mall", "exportera", tmp_path / "egen.docx").code == 0
