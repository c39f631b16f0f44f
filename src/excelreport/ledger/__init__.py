"""Figures from the ledger: streaming readers of SIE (sie, siefast) and CSV (csvfile) for
one board's lines, the account map and code lists as data (accounts,
standard_kontoplan.toml), the sums per year, target, account and month (sums), and the
import cells' values from them (combine). Used by ``excelreport import`` (importing.py)."""
