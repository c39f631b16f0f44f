"""`next --profil`: the next follow-up in a newer version of the workbook's own profile.

Version 1.1 of exempelby-bun, made here from the shipped version 1: a renamed heading, a row
added to `Drift per verksamhet` (and to its sum), a text key (and its section) removed.
"""

from __future__ import annotations

import openpyxl
import pytest
from exempelby import filled
from excelreport.app.nextprofile import version_key
from excelreport.profile.loader import shipped_text
from wbtools import check, digest, run

NEXT = ("--period", "Årsredovisning", "--slutmanad", "12")


def _version(text: str, version: str) -> str:
    return text.replace('version = "1"', f'version = "{version}"', 1)


def newer(text: str, version: str = "1.1") -> str:
    text = _version(text, version)
    text = text.replace('rubrik = "Viktiga händelser"', 'rubrik = "Årets viktigaste händelser"')
    text = text.replace('    "Framtid",\n', "")
    text = text.replace('[[rapport.avsnitt]]\nrubrik = "Framtid"\ninnehall = [{ typ = "text", nyckel = "Framtid" }]\n',
                        "")
    text = text.replace('''[[drift.rader]]
namn = "Summa verksamheter"''', '''[[drift.rader]]
namn = "Fritidshem"
typ = "verksamhet"

[[drift.rader]]
namn = "Summa verksamheter"''')
    return text.replace('"Vuxenutbildning",\n            "Kulturskola"]', '"Vuxenutbildning",\n            "Kulturskola", "Fritidshem"]')


@pytest.fixture(scope="module")
def bun(tmp_path_factory):
    return filled(tmp_path_factory.mktemp("bun") / "bun.xlsx")


@pytest.fixture
def v1(tmp_path):
    return shipped_text("exempelby-bun").decode("utf-8")


def _profile(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _column(ws, label: str) -> dict:
    """Column A's labels → that row's values in the column headed ``label`` (row 3)."""
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == label)
    return {ws.cell(r, 1).value: ws.cell(r, col).value for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}


def test_version_key_compares_numbers_separated_by_dots():
    assert version_key("2025.1") < version_key("2025.2") < version_key("2025.10")
    assert version_key("1") == version_key("1.0") == (1,)
    assert version_key("1b") is None and version_key("") is None and version_key("1..2") is None


def test_next_upgrades_to_a_newer_version_of_the_profile(bun, tmp_path, v1):
    toml = newer(v1)
    assert toml.count("Fritidshem") == 2 and "Framtid" not in toml and "Årets viktigaste" in toml
    new, before = tmp_path / "ar.xlsx", digest(bun)
    result = run("next", bun, "-o", new, *NEXT, "--behall-texter", "--profil", _profile(tmp_path, "v11.toml", toml))
    assert result.code == 0, result.out + result.err
    said = result.out + result.err
    assert "Avsnittet Framtid finns inte i exempelby-bun, version 1.1; dess text förs inte över" in said
    assert "Årsredovisning 2025 per december (exempelby-bun, version 1.1), förd över från Delårsrapport" in said
    wb = openpyxl.load_workbook(new)
    assert wb["Profil"]["A3"].value == "exempelby-bun, version 1.1"
    carried = "\n".join(str(c.value) for c in wb["Profil"]["A"] if c.value)
    assert "Årets viktigaste händelser" in carried and 'version = "1.1"' in carried
    budget = _column(wb["Drift per verksamhet"], "Budget")
    assert budget["Förskola"] == -111 and budget["Kulturskola"] == -9
    assert "Fritidshem" in budget and budget["Fritidshem"] is None
    assert _column(wb["Drift per verksamhet"], "Föregående prognos")["Fritidshem"] is None
    assert _column(wb["Drift"], "Föregående prognos")["Personalkostnader"] == -304
    texts = _column(wb["Texter"], "Text")
    assert "Framtid" not in texts and texts["Sammanfattning"] == "Text om sammanfattning."
    assert check(new).out.startswith("Profil: exempelby-bun, version 1.1.\n")
    run("run", new)
    kontroll = openpyxl.load_workbook(new)["Kontroll"]
    assert ("Profil", "Profil: exempelby-bun, version 1.1.") == (kontroll["B2"].value, kontroll["D2"].value)
    assert digest(bun) == before  # only read


def test_next_with_the_same_version_keeps_the_carried_profile(bun, tmp_path, v1):
    new = tmp_path / "ar.xlsx"
    assert run("next", bun, "-o", new, *NEXT, "--profil", "exempelby-bun").code == 0
    assert openpyxl.load_workbook(new)["Profil"]["A3"].value == "exempelby-bun, version 1"
    same = _profile(tmp_path, "same.toml", newer(v1, "1.0"))  # 1.0 is 1: another text, the same version
    result = run("next", bun, "-o", tmp_path / "b.xlsx", *NEXT, "--profil", same)
    assert result.code == 0, result.out + result.err
    assert "samma version (1) som arbetsbokens profil men en annan text" in result.out + result.err
    assert "Fritidshem" not in _column(openpyxl.load_workbook(tmp_path / "b.xlsx")["Drift per verksamhet"], "Budget")


@pytest.mark.parametrize("change, message", [
    (lambda t: _version(t, "0.9"), "version 0.9 av exempelby-bun är äldre än arbetsbokens version 1"),
    (lambda t: _version(t, "2b"), "versionerna '1' (arbetsboken) och '2b' går inte att jämföra"),
    (lambda t: newer(t).replace('namn = "exempelby-bun"', 'namn = "exempelby-gy"'),
     "profilen heter exempelby-gy, men arbetsboken följer exempelby-bun"),
    (lambda t: newer(t).replace('enheter = ["mnkr"]', 'enheter = ["tkr"]'),
     "den nya versionen tillåter inte enheten mnkr (bara tkr)"),
])
def test_next_refuses_an_older_version_or_another_profile(bun, tmp_path, v1, change, message):
    new = tmp_path / "ar.xlsx"
    result = run("next", bun, "-o", new, *NEXT, "--profil", _profile(tmp_path, "p.toml", change(v1)))
    assert result.code == 2 and message in result.err and "Inget har skrivits." in result.err
    assert not new.exists()


def test_next_refuses_another_profile_for_a_standard_workbook(tmp_path):
    old = tmp_path / "std.xlsx"
    assert run("new", old, "--kommun", "K", "--namnd", "N", "--ar", "2025", "--period", "Delårsbokslut",
               "--slutmanad", "8").code == 0
    result = run("next", old, "-o", tmp_path / "ny.xlsx", *NEXT, "--profil", "exempelby-bun")
    assert result.code == 2 and "arbetsboken följer standard" in result.err
    assert not (tmp_path / "ny.xlsx").exists()


def test_next_names_a_row_the_new_version_sums(bun, tmp_path, v1):
    """Övriga kostnader becomes a sum of two new rows: its carried budget is not lost silently."""
    toml = newer(v1).replace('''namn = "Övriga kostnader"
typ = "kostnad"''', '''namn = "Material"
typ = "kostnad"

[[drift.rader]]
namn = "Tjänster"
typ = "kostnad"

[[drift.rader]]
namn = "Övriga kostnader"
typ = "summa"
summa_av = ["Material", "Tjänster"]''')
    new = tmp_path / "ar.xlsx"
    result = run("next", bun, "-o", new, *NEXT, "--profil", _profile(tmp_path, "v12.toml", toml))
    assert result.code == 0, result.out + result.err
    assert ("Raden Övriga kostnader på Drift är en summa i exempelby-bun, version 1.1; dess värden förs inte "
            "över (summan räknas)") in result.out + result.err
    budget = _column(openpyxl.load_workbook(new)["Drift"], "Budget")
    assert budget["Material"] is None and budget["Personalkostnader"] == -300
