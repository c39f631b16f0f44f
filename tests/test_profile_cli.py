"""``excelreport profil check|show`` and ``excelreport contract --profil``."""

from __future__ import annotations

from pathlib import Path

from excelreport.profile import shipped_text
from wbtools import run

ROOT = Path(__file__).resolve().parents[1]


def test_profil_check_a_valid_profile_exit_0(tmp_path):
    path = tmp_path / "bun.toml"
    path.write_bytes(shipped_text("exempelby-bun"))
    result = run("profil", "check", path)
    assert (result.code, result.err) == (0, "")
    assert result.out == ("Profilen exempelby-bun (version 1) är giltig: 10 inmatningsblad, "
                          "7 resultatblad, 7 avsnitt i rapporten.\n")


def test_profil_check_names_every_fault_with_line_exit_2(tmp_path):
    text = shipped_text("standard").decode().replace('namn = "standard"', 'namn = "standard"\nnman = 1', 1)
    text = text.replace('typ = "finansnetto"', 'typ = 3', 1)
    path = tmp_path / "trasig.toml"
    path.write_text(text, encoding="utf-8")
    result = run("profil", "check", path)
    lines = result.out.splitlines()
    assert result.code == 2 and "Traceback" not in result.out + result.err
    unknown = text.splitlines().index("nman = 1") + 1
    kind = text.splitlines().index("typ = 3") + 1
    assert lines == [
        f"Fel  {path}:{unknown}: profil.nman: okänd nyckel 'nman'; menade du 'namn'?",
        f"Fel  {path}:{kind}: drift[1].rader[9].typ: ska vara text, hittade heltal",
        "2 fel: profilen kan inte användas."]


def test_profil_check_syntax_and_missing_file(tmp_path):
    path = tmp_path / "syntax.toml"
    path.write_text("[profil]\nnamn = \n", encoding="utf-8")
    result = run("profil", "check", path)
    assert result.code == 2 and result.out.startswith(f"Fel  {path}:2: TOML-syntaxfel")
    result = run("profil", "check", tmp_path / "saknas.toml")
    assert result.code == 2 and "filen kan inte läsas" in result.out


def test_profil_show_prints_the_shipped_file():
    assert run("profil", "show").out == shipped_text("standard").decode("utf-8")
    assert run("profil", "show", "exempelby-bun").out == shipped_text("exempelby-bun").decode("utf-8")
    result = run("profil", "show", "okänd")
    assert result.code == 2 and "exempelby-bun" in result.err


def test_contract_of_the_standard_profile_is_docs_contract_md_byte_for_byte(tmp_path):
    expected = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    assert run("contract", "--profil", "standard").out == expected
    path = tmp_path / "standard.toml"
    path.write_bytes(shipped_text("standard"))
    assert run("contract", "--profil", path).out == expected


def test_contract_of_exempelby():
    out = run("contract", "--profil", "exempelby-bun").out
    assert out.startswith("# Arbetsboken enligt profilen `exempelby-bun` – kontrakt\n")
    for part in ("## `Drift per verksamhet`", "| `Summa verksamheter` | belopp (Info!Enhet) | beräknas",
                 "## `Verksamhetsmått`", "## `Resultat Verksamhetsmått`",
                 "`Tertialrapport 1`, `Delårsrapport`, `Årsredovisning`",
                 "`Uppfyllt`, `Delvis uppfyllt`, `Ej uppfyllt`, `Ej bedömt`"):
        assert part in out, part
    for absent in ("## `Exploatering`", "## `Uppdrag`", "## `Internkontroll`", "Lokalhyror", "`<29 år`"):
        assert absent not in out, absent


def test_contract_of_a_faulty_profile_exit_2(tmp_path):
    path = tmp_path / "trasig.toml"
    path.write_text("[profil]\nnamn = 'x'\n", encoding="utf-8")
    result = run("contract", "--profil", path)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"Fel: Profilen {path} har ") and f"{path}:1: " in result.err
