"""Generate the example workbook from the example data beside this script (run after changing
the contract).

    python scripts/make_example.py [DATA_JSON] [OUT]

The workbook is written as a build leaves it (input sheets, then the result sheets of a
``run``), so the README's ``excelreport build`` leaves the tracked file byte-identical.
"""

import json
import sys
from pathlib import Path

from excelreport.app.generate import write_workbook
from excelreport.app.service import run_file

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "scripts" / "kommunstyrelsen-2023.json"
OUT = ROOT / "workbooks" / "delarsbokslut_ks_2023.xlsx"

if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    data = json.loads(src.read_text(encoding="utf-8"))
    write_workbook(out, data)
    run_file(out)
    print(f"Skrev {out}")
