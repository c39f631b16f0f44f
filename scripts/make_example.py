"""Generate the example workbook from the reference data (run after changing the contract).

    python scripts/make_example.py [REFERENCE_JSON] [OUT]
"""

import json
import sys
from pathlib import Path

from excelreport.generate import write_workbook

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "kommunstyrelsen-2023.json"
OUT = ROOT / "workbooks" / "delarsbokslut_ks_2023.xlsx"

if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    data = json.loads(src.read_text(encoding="utf-8"))
    write_workbook(out, data)
    print(f"Skrev {out}")
