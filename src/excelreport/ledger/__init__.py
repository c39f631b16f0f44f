"""Figures from the ledger: streaming readers of SIE (sie, siefast) and CSV (csvfile) for
one board's lines, the account map (a profile's [kontoplan]) and code lists (accounts), the sums per year, target, account and month (sums), and the
import cells' values from them (combine). Used by ``excelreport import`` (importing.py)."""
