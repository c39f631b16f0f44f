"""The import's map is profile data: ``[kontoplan]`` (rows, dimensions, CSV labels)."""

from __future__ import annotations

from decimal import Decimal

from excelreport.app.importing import read_ledger
from excelreport.ledger.accounts import account_map, parse_codes, standard_account_map
from excelreport.ledger.sums import Selection
from excelreport.profile import ProfileError, shipped_text
from excelreport.profile.loader import load_text

import pytest

OWN = '''
[kontoplan]
ansvar = 2
projekt = 7
ignoreras = ["1000-2999"]
investeringar = ["1100-1199"]

[[kontoplan.rader]]
namn = "Personalkostnader"
konton = ["5000-5999", "7600-7699"]

[[kontoplan.rader]]
namn = "Övriga kostnader"
konton = ["4000-4999", "6000-7599"]

[kontoplan.csv]
konto = "Kontonr"
belopp = "Summa"
ansvar = "Ansvarsställe"
'''


def _standard_without_map() -> str:
    return shipped_text("standard").decode("utf-8").split("# Importen ur ekonomisystemet")[0]


def test_the_standard_profile_carries_the_spec_s_map():
    amap = standard_account_map()
    assert amap.row("7410") == "Köp av tjänster" and amap.row("8910") == "Kommunbidrag"
    assert amap.is_investment("1210") and amap.is_ignored("2440")
    assert (amap.responsibility_dim, amap.project_dim) == ("1", "6")


def test_a_kommun_s_own_map_dimensions_and_csv_labels_are_read(tmp_path):
    ledger = load_text((_standard_without_map() + OWN).encode(), "egen.toml").ledger
    amap = account_map(ledger)
    assert amap.row("7610") == "Personalkostnader" and amap.row("6010") == "Övriga kostnader"
    assert (amap.responsibility_dim, amap.project_dim) == ("2", "7")
    select = Selection(parse_codes("110"), parse_codes(""), frozenset(), amap)
    path = tmp_path / "huvudbok.csv"
    path.write_text("År;Månad;Kontonr;Ansvarsställe;Summa;Typ\n2023;3;7610;110;-1 234,50;Utfall\n"
                    "2023;3;7610;210;99;Utfall\n", encoding="utf-8")
    result = read_ledger(path, select, None, dict(ledger.csv_columns))
    assert not result.errors
    assert result.years[2023].trans == {("Drift", "7610", 3): Decimal("-1234.50")}


def test_a_profile_without_kontoplan_imports_by_the_standard_map():
    assert account_map(load_text(_standard_without_map().encode(), "utan.toml").ledger) == standard_account_map()


@pytest.mark.parametrize("change, fault", [
    ('konton = ["5000-5999", "7600-7699"]', "överlappar"),
    ('konton = ["5000-5999", "76x"]', "76x"),
])
def test_a_faulty_map_is_refused_naming_the_key(change, fault):
    text = _standard_without_map() + OWN.replace('konton = ["4000-4999", "6000-7599"]', change)
    with pytest.raises(ProfileError) as exc:
        load_text(text.encode(), "fel.toml")
    assert "kontoplan" in str(exc.value) and fault in str(exc.value)
