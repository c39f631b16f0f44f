"""The button door: the live workbook in Excel, read and written through xlwings.

``main()`` is what the workbook's buttons run: their macro starts ``python -E -P -c "import
excelreport.button as k; k.main()"`` (see ``macro``; macro workbooks made by earlier
versions start ``excelreport.excel``, which hands over to this ``main``). The click itself
is ``run.run_book``; ``read`` reads the live book, ``sheets`` writes the result sheets (only
the toolkit's own, ``own_sheets``), ``report`` writes the report beside the workbook,
``imports`` is the second button's import of the ledger files and ``log`` the log of
failures.

xlwings is imported only inside ``main()``; everything else takes the book as an argument,
so the tests drive it with a small fake of the xlwings API.
"""

from __future__ import annotations

from .log import LOG_NAME, log_failure
from .read import read_book
from .report import REPORT_FOLDER
from .run import FAILED, FEL_FOUND, OK, Outcome, run_book

__all__ = ["FAILED", "FEL_FOUND", "LOG_NAME", "OK", "REPORT_FOLDER", "Outcome", "main", "read_book",
           "run_book"]


def main(import_first: bool = False) -> None:
    """Run by the workbook's button: check, write the result sheets and the report; with
    ``import_first`` (the button *Importera och skapa rapport*) import ``Info!Importfiler``
    into the workbook first (``imports``)."""
    import xlwings as xw  # here only: importing the door must not load xlwings

    try:
        book = xw.Book.caller()
    except Exception as exc:  # noqa: BLE001 - not started from the workbook's button
        log = log_failure(None, exc)
        raise SystemExit("Knappen hittade inte sin arbetsbok i Excel; starta den från knappen "
                         f"i arbetsboken. Detaljer: {log}") from None
    run_book(book, import_first=import_first)
