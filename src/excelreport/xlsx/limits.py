"""The reader's bounds: time and memory for any file (see README, Gränser).

Limits on what the contract's sheets may hold (the user's own sheets are never parsed). A
standard workbook uses a few per cent of each.
"""

MAX_PART_BYTES = 200 * 1024 * 1024  # no sheet of a report workbook comes near this
MAX_RATIO = 200  # a deflated XML part rarely compresses better than this
MAX_CELLS = 300_000  # cells with content in one sheet (a report sheet has hundreds)
MAX_ROWS = 25_000  # rows with content in one contract sheet (20 000 investments take ~10 s)
MAX_ELEMENTS = 1_000_000  # XML elements in the contract's sheets, shared strings and styles
MAX_MERGED_CELLS = 100_000  # cells covered by merged ranges in one contract sheet
MAX_CELL_CHARS = 32_767  # characters in one cell (Excel's own limit)
MAX_SMALL_PART_BYTES = 20 * 1024 * 1024  # workbook.xml and relationships
FIRST_ROW_ELEMENTS = 10_000  # row 1 of a sheet named like a result sheet (ours has ~50)
