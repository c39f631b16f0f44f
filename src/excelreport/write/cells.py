"""Patch cell values in the input sheets' XML, every other byte of the package kept.

``import`` writes numbers (and one text) into cells that already exist, or into new cells
of an existing or new row; a formula cell keeps its formula and gets a new cached value.
Edits are made in the XML text (as ``write.xlsx`` does for the workbook's parts): the
sheet's prefixes, styles, validations and everything else stay as the writing program put
them. A new text is an inline string, so the shared strings are not touched.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

from ..core.atomic import atomic_write
from ..core.errors import WriteError
from ..read.grid import address, parse_ref
from ..xlsx.sheetxml import number_text
from ..xlsx.xmltext import ATTRS as _ATTRS
from ..xlsx.xmltext import attrs, esc, root_prefix
from ..xlsx.zipcopy import copy_info as _copy_info
from ..xlsx.zipcopy import copy_part

Value = Decimal | str


def _cell_xml(p: str, ref: str, old_attrs: str, value: Value, formula: str = "") -> str:
    kept = {k: v for k, v in attrs(old_attrs).items() if k not in ("r", "t", "cm", "vm")}
    head = f'<{p}c r="{ref}"' + "".join(f' {k}="{esc(v, True)}"' for k, v in kept.items())
    if isinstance(value, str):
        return (f'{head} t="inlineStr"><{p}is><{p}t xml:space="preserve">{esc(value)}</{p}t></{p}is>'
                f"</{p}c>")
    return f"{head}>{formula}<{p}v>{number_text(value)}</{p}v></{p}c>"


def _formula_of(p: str, body: str) -> str:
    m = re.search(rf"<{re.escape(p)}f(?=[\s>/]).*?(?:/>|</{re.escape(p)}f\s*>)", body or "", re.S)
    return m.group(0) if m else ""


def _patch_row(p: str, row: int, body: str, values: dict[int, Value], cached: dict[int, Decimal]) -> str:
    cell_re = re.compile(rf"<{re.escape(p)}c(?=[\s>/])({_ATTRS})(/>|>(.*?)</{re.escape(p)}c\s*>)", re.S)
    out, pos, pending = [], 0, dict(sorted(values.items()))
    for m in cell_re.finditer(body):
        ref = attrs(m.group(1)).get("r")
        if not ref:
            raise WriteError(f"En cell på rad {row} saknar adress (r=); öppna och spara arbetsboken i Excel.")
        col = parse_ref(ref)[1]
        for c in [c for c in pending if c < col]:
            out.append(body[pos:m.start()] + _cell_xml(p, address(row, c), "", pending.pop(c)))
            pos = m.start()
        out.append(body[pos:m.start()])
        if col in pending:
            out.append(_cell_xml(p, ref, m.group(1), pending.pop(col)))
        elif col in cached:
            out.append(_cell_xml(p, ref, m.group(1), cached[col], _formula_of(p, m.group(3))))
        else:
            out.append(m.group(0))
        pos = m.end()
    out.append(body[pos:])
    out.extend(_cell_xml(p, address(row, c), "", v) for c, v in pending.items())
    return "".join(out)


def patch_sheet(xml: bytes, values: dict[tuple[int, int], Value],
                cached: dict[tuple[int, int], Decimal] | None = None) -> bytes:
    """The sheet with ``values`` written into their cells (row, column) and the formula cells
    of ``cached`` given new cached values."""
    text = xml.decode("utf-8")
    p = root_prefix(text, "worksheet")
    q = re.escape(p)
    by_row: dict[int, tuple[dict, dict]] = {}
    for (r, c), v in values.items():
        by_row.setdefault(r, ({}, {}))[0][c] = v
    for (r, c), v in (cached or {}).items():
        by_row.setdefault(r, ({}, {}))[1][c] = v
    data = re.search(rf"<{q}sheetData(?={_ATTRS}/?>)({_ATTRS})(/>|>(.*?)</{q}sheetData\s*>)", text, re.S)
    if data is None:
        raise WriteError("Bladet saknar celldata (sheetData); öppna och spara arbetsboken i Excel.")
    body = data.group(3) or ""
    row_re = re.compile(rf"<{q}row(?=[\s>/])({_ATTRS})(/>|>(.*?)</{q}row\s*>)", re.S)
    out, pos = [], 0
    for m in row_re.finditer(body):
        number = attrs(m.group(1)).get("r")
        if not number or not number.isdigit():
            raise WriteError("En rad saknar radnummer (r=); öppna och spara arbetsboken i Excel.")
        r = int(number)
        for new in [n for n in sorted(by_row) if n < r]:
            out.append(body[pos:m.start()] + _new_row(p, new, by_row.pop(new)[0]))
            pos = m.start()
        out.append(body[pos:m.start()])
        if r in by_row:
            vals, cach = by_row.pop(r)
            cells = _patch_row(p, r, m.group(3) or "", vals, cach)
            start = m.group(0)[:m.start(2) - m.start()]
            out.append(f"{start}>{cells}</{p}row>")
        else:
            out.append(m.group(0))
        pos = m.end()
    out.append(body[pos:])
    out.extend(_new_row(p, r, by_row[r][0]) for r in sorted(by_row))
    new_data = f"<{p}sheetData{data.group(1)}>{''.join(out)}</{p}sheetData>"
    return (text[:data.start()] + new_data + text[data.end():]).encode("utf-8")


def _new_row(p: str, row: int, values: dict[int, Value]) -> str:
    cells = "".join(_cell_xml(p, address(row, c), "", v) for c, v in sorted(values.items()))
    return f'<{p}row r="{row}">{cells}</{p}row>'


def write_parts(path: Path, target: Path, parts: dict[str, bytes]) -> list[str]:
    """Copy the package at ``path`` to ``target`` atomically, ``parts`` replaced; the notes
    of the atomic write (e.g. a hard link that could not be kept)."""
    def write(fh) -> None:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in src.infolist():
                if info.filename in parts:
                    zout.writestr(_copy_info(info), parts[info.filename])
                    continue
                copy_part(src, info, zout)
            zout.comment = src.comment

    return atomic_write(target, write)
