"""Timing ratios against a baseline measured in the same run, on the same machine.

    python benchmarks/bench.py [--repeat N]

Each measurement runs in a fresh Python process (imports count, as they do for a user) and
is reported as a ratio to the baseline: openpyxl load + save of the example workbook,
saving a one-paragraph .docx, importing matplotlib and rendering one chart.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbooks" / "delarsbokslut_ks_2023.xlsx"

BASELINE = """
import sys, io
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2] + "/base.xlsx")
import docx
d = docx.Document(); d.add_paragraph("Delårsbokslut"); d.save(sys.argv[2] + "/base.docx")
import matplotlib
matplotlib.use("Agg")
from matplotlib.figure import Figure
fig = Figure(figsize=(6, 3)); ax = fig.add_subplot(); ax.bar(["a", "b", "c"], [1, 3, 2])
fig.savefig(io.BytesIO(), format="png", dpi=150)
"""


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from excelreport.cli import main; main()", *args]


# (name, command builder (workbook copy, scratch folder) → argv, target ratio or None)
MEASUREMENTS = [
    ("build utan PDF (run + rapport)",
     lambda wb, tmp: _cli("build", str(wb), "--out", str(tmp / "rapport"), "--no-pdf"), 1.5),
]


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(build, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-") as d:
            tmp = Path(d)
            wb = tmp / EXAMPLE.name
            shutil.copyfile(EXAMPLE, wb)
            times.append(timed(build(wb, tmp)))
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = measure(lambda wb, tmp: [sys.executable, "-c", BASELINE, str(wb), str(tmp)], args.repeat)
    print(f"{'baslinje (openpyxl + docx + ett diagram)':<42} {base:6.2f} s   1.00")
    failed = False
    for name, build, target in MEASUREMENTS:
        t = measure(build, args.repeat)
        ratio = t / base
        verdict = "" if target is None else (f"  mål ≤ {target}" + ("" if ratio <= target else "  ÖVER MÅLET"))
        failed |= target is not None and ratio > target
        print(f"{name:<42} {t:6.2f} s   {ratio:4.2f}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
