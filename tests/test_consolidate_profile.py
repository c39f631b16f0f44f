"""consolidate compiles a board of another profile than standard (issue 17): the filled
exempelby-bun board dropped into a copy of workbooks/exempelkommun, beside a finansförvaltning
of the same profile; its figures taken by row kind from its own shape, its goals mapped onto
the compilation's scale, its profile and version in Inlämning, another version a Varning."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from exempelby import INFO, filled
from wbtools import run

ROOT = Path(__file__).resolve().parent.parent
OUT_NAME = "Sammanställning Delårsrapport 2025.xlsx"
BOARD = "Barn- och utbildningsnämnden"


def _finance(path: Path) -> None:
    info = dict(zip(INFO[::2], INFO[1::2]))
    result = run("new", path, "--force", "--typ", "finansforvaltning", "--profil", "exempelby-bun", "--kommun", info["--kommun"],
                 "--namnd", "Finansförvaltning", "--ar", info["--ar"], "--period", info["--period"])
    assert result.code == 0, result.out + result.err


def _version(path: Path, version: str) -> None:
    """The board's carried profile made another version (as an older workbook would carry)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Profil"]
    hits = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and 'version = "1"' in c.value]
    assert len(hits) == 1
    hits[0].value = hits[0].value.replace('version = "1"', f'version = "{version}"')
    wb.save(path)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kommun") / "exempelkommun"
    shutil.copytree(ROOT / "workbooks" / "exempelkommun", folder)
    (folder / f"{BOARD}.xlsx").unlink()  # the standard workbook of the same board
    _finance(folder / "Finansförvaltning.xlsx")  # Kommun, År, Period as the board's
    board = filled(folder / "BUN enligt profil.xlsx")
    _version(board, "2")
    result = run("consolidate", folder)
    assert result.code == 1, result.out + result.err  # the standard boards are of another kommun
    return folder / OUT_NAME


def _rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def _d(values) -> list:
    return [Decimal(str(v)) if isinstance(v, (int, float)) else v for v in values]


def test_the_boards_operating_figures_by_kind(compiled):
    rows = {r[0]: _d(r[1:]) for r in _rows(compiled, "Driftredovisning")[1:]}
    # Kommunbidrag; Budget, Prognos nettokostnad; Budgetavvikelse, Föregående prognos avvikelse,
    # Prognosförändring; Utfall period and föregående år nettokostnad (Nettokostnad, no Finansnetto row)
    expected = _d([402, -402, -407.5, -5.5, -1, -4.5, -273.6, -264.3])
    assert rows[BOARD] == expected
    assert rows["Summa nämnder"] == expected


def test_the_boards_result_in_kommunens_resultat(compiled):
    rows = {r[0]: _d(r[1:]) for r in _rows(compiled, "Kommunens resultat")[1:]}
    # Resultat: Nettokostnad + Kommunbidrag (Utfall period -273,6 + 268)
    expected = _d([0, -1, -5.5, -5.5, -4.5, -5.6, -4.3])
    assert rows["Nämndernas resultat"] == expected
    assert rows["Kommunens resultat"] == expected  # the finansförvaltning's Finansiering left empty


def test_the_boards_investments(compiled):
    rows = {r[0]: r for r in _rows(compiled, "Investeringsredovisning")}
    header = rows.pop("Nämnd")
    mine = dict(zip(header, _d(rows[BOARD])))
    assert [mine["Budget"], mine["Prognos helår"], mine["Utfall period"]] == _d([34, 32.4, 19.3])


def test_goals_on_the_compilations_scale(compiled):
    rows = {r[0]: r for r in _rows(compiled, "Måluppfyllelse")[1:]}
    # Uppfyllt (andel 100) → Helt uppfyllt, Delvis (50) → Delvis, Ej uppfyllt (0) → Ej uppfyllt,
    # Ej bedömt → Ej utvärderad
    header = _rows(compiled, "Måluppfyllelse")[0]
    total = dict(zip(header, rows["Samtliga"]))
    assert (total["Helt uppfyllt"], total["I hög grad uppfyllt"], total["Delvis uppfyllt"],
            total["Ej uppfyllt"], total["Ej utvärderad"]) == (2, 0, 1, 1, 1)


def test_inlamning_names_profile_and_version_and_the_other_version_is_a_varning(compiled):
    inl = _rows(compiled, "Inlämning")
    assert inl[0][-1] == "Profil"
    by_file = {r[0]: r for r in inl[1:]}
    assert by_file["BUN enligt profil.xlsx"][3] == "Klar"
    assert by_file["BUN enligt profil.xlsx"][-1] == "exempelby-bun, version 2"
    assert by_file["Finansförvaltning.xlsx"][-1] == "exempelby-bun, version 1"
    assert by_file["Socialnämnden.xlsx"][-1] == "standard"
    control = [r[3] for r in _rows(compiled, "Kontroll") if r[1] == "BUN enligt profil.xlsx: Profil"]
    assert control == ["Arbetsboken följer profilen exempelby-bun, version 2, men finansförvaltningens arbetsbok "
                       "(Finansförvaltning.xlsx) följer exempelby-bun, version 1. Sammanställningen tar nämndens "
                       "siffror efter dess egen version; kontrollera att versionerna ska skilja sig."]
