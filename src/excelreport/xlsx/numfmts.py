"""The number format of every cell format (``cellXfs``) of ``styles.xml``, as the reader needs them."""

from __future__ import annotations

import zipfile

from ..read import xmlsafe
from . import opc
from .parts import parse

_M = opc.MAIN_NS + "}"  # expat's names: ``uri}local``

# Excel's built-in number formats that matter here (percent and dates; the rest are plain).
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
    11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy",
    16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm",
    21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}


def cell_formats(zf: zipfile.ZipFile, rels: dict[str, str], budget: xmlsafe.Budget) -> list[str]:
    part = next((p for p in rels.values() if p.endswith(opc.STYLES)), None)
    if not part or part not in zf.namelist():
        return []
    custom: dict[int, str] = {}
    ids: list[int] = []
    depth = [0]  # > 0 inside <cellXfs>
    num_fmt, cell_xfs, xf = f"{_M}numFmt", f"{_M}cellXfs", f"{_M}xf"

    def start(name, attrs):
        if name == num_fmt:
            custom[int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif name == cell_xfs:
            depth[0] += 1
        elif name == xf and depth[0]:
            ids.append(int(attrs.get("numFmtId", "0")))

    def end(name):
        if name == cell_xfs:
            depth[0] -= 1

    parse(zf, part, budget, {"start": start, "end": end})
    return [custom.get(fid) or BUILTIN_FORMATS.get(fid, "General") for fid in ids]
