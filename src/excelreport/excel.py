"""The entry point of macro workbooks made by earlier versions: their buttons start
``python -E -P -c "import excelreport.excel as k; k.main()"`` (and ``k.main(import_first=True)``),
and the companion module ``new`` once wrote beside them imports ``main`` from here. The
button itself is the package ``button``; workbooks made now import it directly.
"""

from .button import main

__all__ = ["main"]
