"""The standard workbook, declared once, as data.

Everything that names a sheet, a header, a row label or an allowed value reads it from
here: the generator (``new``), the reader and validator (``check``), the result sheets
and the documentation (``excelreport contract``). The declarations live in the modules
below, by what they hold; every name is re-exported here (``C.DRIFT``).
"""

from __future__ import annotations

from .choices import (ASSESSMENTS, ASSIGNMENT_STATUSES, BOARD, CONTROL_ASSESSMENTS, CONTROL_LEGEND,
                      DEFAULT_COMMENT_LIMIT, DIRECTIONS, FINANCE_OFFICE, INDICATOR_UNITS, PERIODS,
                      SIGNAL_COLOURS, UNITS, WORKBOOK_TYPES, YES_NO)
from .finance_sheets import (ALL_INPUT_SHEETS, BALANCE_ROWS, BALANSKRAV, FINANCE_SHEETS, FINANCING_COSTS,
                             FINANCING_RESULT, FINANCING_ROWS, FINANCING_SUMS, FINANSIERING, GENERAL_GRANTS, GRANTS_TO_BOARDS,
                             REQUIRED_SHEETS, SHEETS_BY_NAME, TAXES)
from .input_sheets import (COSTS, COST_ROWS, DRIFT, EXPLOATERING, FINANCE, FORECAST, GRANT, INDIKATORER, INFO,
                           INPUT_SHEETS, INTERNKONTROLL, INVESTERINGAR, INVESTMENT_AMOUNTS, MAL, NET_COSTS,
                           OPERATING_AMOUNTS, PERSONAL, PREVIOUS_ASSESSMENT, PREVIOUS_FORECAST,
                           PREVIOUS_OUTCOME, RESULT, REVENUE, SICK_LEAVE_CATEGORIES, SJUKFRANVARO, STANDARD_SUMS,
                           TEXTER, TEXT_KEYS, TOTAL_EXPENDITURE, UPPDRAG)
from .model import (AMOUNT, CHOICE, DATE, FORM, INT, NUMBER, PERCENT, TABLE, TEXT, TEXTS, TREE, Column, ResultSheet,
                    Row, Sheet)
from .next_period import (CLEAR, DEFAULT_CARRY, HISTORY_INVESTMENT_LEVEL, HISTORY_SHEETS, INFO_CLEARED,
                          INFO_FROM_OPTIONS, KEEP, MONTHLY, MONTH_WORDS, NEXT_PERIOD, OPTIONAL_SHEETS,
                          PROGNOSHISTORIK, YEAR_END, Carry, From, Set, SheetCarry)
from .result_sheets import (ALL_RESULT_SHEET_NAMES, CONDITIONAL_RESULT_SHEETS, FINANCE_RESULT_SHEETS,
                            HISTORY_FOLLOWUPS_AFTER, KONTROLL, MAX_HISTORY_FOLLOWUPS,
                            OPERATING_RESULT_COLUMNS, RESULT_DRIFT, RESULT_EXPLOATERING, RESULT_FINANSIERING,
                            RESULT_INVESTERINGAR, RESULT_MAL, RESULT_PROGNOSHISTORIK, RESULT_PROGNOSSAKERHET,
                            RESULT_SHEETS, RESULT_SHEET_NAMES, RESULT_SJUKFRANVARO)
