"""The allowed values of the contract's choice cells, the workbook types, and the colours and
legend texts of the assessments."""

from __future__ import annotations

ASSESSMENTS = (
    "Helt uppfyllt",
    "I hög grad uppfyllt",
    "Delvis uppfyllt",
    "Ej uppfyllt",
    "Ej utvärderad",
)
CONTROL_ASSESSMENTS = (
    "Utan anmärkning",
    "Anmärkning nära målvärde",
    "Med anmärkning",
    "Ingen bedömning",
)
PERIODS = ("Månadsuppföljning", "Fördjupad uppföljning", "Delårsbokslut", "Årsredovisning")
UNITS = ("tkr", "mnkr")
# Kommentarsgräns as `new` prefills it, per unit (the same 1 mnkr); a kommun's profile will declare it.
DEFAULT_COMMENT_LIMIT = {"tkr": 1000, "mnkr": 1}
BOARD = "Nämnd"
FINANCE_OFFICE = "Finansförvaltning"
WORKBOOK_TYPES = (BOARD, FINANCE_OFFICE)
INDICATOR_UNITS = ("%", "Index", "Antal", "Skala", "Kronor", "Annat")
DIRECTIONS = ("Högre är bättre", "Lägre är bättre")
YES_NO = ("Ja", "Nej")
ASSIGNMENT_STATUSES = ("Ej påbörjad", "Påbörjad", "Färdig", "Avbruten")

# Signal colours (hex RGB) for assessments; the text is always shown beside the colour.
SIGNAL_COLOURS = {
    "Helt uppfyllt": "2E8B3D",
    "I hög grad uppfyllt": "9ACD6E",
    "Delvis uppfyllt": "F2C94C",
    "Ej uppfyllt": "D64541",
    "Ej utvärderad": "A6A6A6",
    "Utan anmärkning": "2E8B3D",
    "Anmärkning nära målvärde": "F2C94C",
    "Med anmärkning": "D64541",
    "Ingen bedömning": "A6A6A6",
}

# The text of each internal-control assessment in the report's legend.
CONTROL_LEGEND = {
    "Utan anmärkning": "Kontrollen är genomförd utan anmärkning/med försumbar anmärkning",
    "Anmärkning nära målvärde": "Kontrollen är genomförd med anmärkning nära målvärde",
    "Med anmärkning": "Kontrollen är genomförd med anmärkning",
    "Ingen bedömning": "Ingen bedömning har genomförts",
}
