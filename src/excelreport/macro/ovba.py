"""The VBA project (``xl/vbaProject.bin``) at file level: read its modules' source, and
write a copy of a project with one module's source replaced.

A VBA project is a compound file (MS-CFB) holding a ``dir`` stream (compressed, MS-OVBA)
that lists the modules and, for each, where its compressed source starts in the module's
stream (``MODULEOFFSET``; before it lies compiled p-code). xlwings' quickstart project is
source-only where it matters: ``_VBA_PROJECT`` carries version 0xFFFF, so Excel ignores
every compiled cache and compiles the modules from their source when the workbook opens.
A replaced module is written source-only (offset 0, no p-code), as xlwings' own ``xlwings``
module is. The compound file is written as xlwings' is laid out: 512-byte sectors, small
streams in the mini stream, each storage's children chained as right siblings, all black.
"""

from __future__ import annotations

import io
import struct

import olefile

from ..core.errors import VbaError

CHUNK = 4096
SECTOR, MINI_SECTOR, MINI_CUTOFF = 512, 64, 4096
FREE, END, FAT_SECT, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MODULE_NAME, MODULE_STREAM, MODULE_OFFSET, PROJECT_VERSION, CODE_PAGE = 0x19, 0x1A, 0x31, 0x09, 0x03


# --- MS-OVBA compression ---------------------------------------------------------------------


def decompress(data: bytes) -> bytes:
    """A CompressedContainer (MS-OVBA 2.4.1) → its bytes."""
    if not data or data[0] != 1:
        raise VbaError("komprimerad VBA-ström utan signatur")
    out, pos = bytearray(), 1
    while pos < len(data):
        header = struct.unpack_from("<H", data, pos)[0]
        size, compressed = (header & 0x0FFF) + 3, bool(header & 0x8000)
        end, pos, start = min(pos + size, len(data)), pos + 2, len(out)
        if not compressed:
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        while pos < end:
            flags, pos = data[pos], pos + 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                token = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                bits = max((len(out) - start - 1).bit_length(), 4)
                offset, length = (token >> (16 - bits)) + 1, (token & (0xFFFF >> bits)) + 3
                if offset > len(out) - start:
                    raise VbaError("kopieringstoken före blockets början")
                for _ in range(length):
                    out.append(out[-offset])
    return bytes(out)


def compress(data: bytes) -> bytes:
    """``data`` as a CompressedContainer (MS-OVBA 2.4.1.3.6)."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        body = _compress_chunk(chunk)
        if len(body) <= CHUNK:
            out += struct.pack("<H", 0xB000 | (len(body) + 2 - 3)) + body
        elif len(chunk) == CHUNK:  # incompressible: stored raw
            out += struct.pack("<H", 0x3000 | (CHUNK + 2 - 3)) + chunk
        else:
            raise VbaError("okomprimerbart sista block")
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    body, pos = bytearray(), 0
    seen: dict[bytes, list[int]] = {}  # 3-byte prefix → earlier positions (only those can match)
    registered = 0
    while pos < len(chunk):
        flag_at, flags = len(body), 0
        body.append(0)
        for bit in range(8):
            if pos >= len(chunk):
                break
            while registered < pos:
                seen.setdefault(chunk[registered:registered + 3], []).append(registered)
                registered += 1
            offset, length = _longest_match(chunk, pos, seen.get(chunk[pos:pos + 3], ()))
            if length >= 3:
                bits = max((pos - 1).bit_length(), 4)
                body += struct.pack("<H", (offset - 1) << (16 - bits) | (length - 3))
                flags |= 1 << bit
                pos += length
            else:
                body.append(chunk[pos])
                pos += 1
        body[flag_at] = flags
    return bytes(body)


def _longest_match(chunk: bytes, pos: int, candidates) -> tuple[int, int]:
    """The nearest of the longest earlier matches at ``pos`` (MS-OVBA 2.4.1.3.19.4)."""
    if pos == 0:
        return 0, 0
    limit = min((0xFFFF >> max((pos - 1).bit_length(), 4)) + 3, len(chunk) - pos)
    best_offset = best_length = 0
    for candidate in reversed(candidates):
        length = 0
        while length < limit and chunk[candidate + length] == chunk[pos + length]:
            length += 1
        if length > best_length:
            best_offset, best_length = pos - candidate, length
            if length == limit:
                break
    return best_offset, best_length


# --- the dir stream --------------------------------------------------------------------------


def _records(dir_bytes: bytes):
    """(id, data offset, data size) of each record of the decompressed ``dir`` stream."""
    pos = 0
    while pos + 6 <= len(dir_bytes):
        rid, size = struct.unpack_from("<HI", dir_bytes, pos)
        if rid == PROJECT_VERSION:  # its size field says 4; 6 bytes follow
            size = 6
        yield rid, pos + 6, size
        pos += 6 + size


def modules(dir_bytes: bytes) -> list[tuple[str, str, int, int]]:
    """(module name, stream name, source offset, where the offset's 4 bytes lie) per module."""
    out, name, stream, codepage = [], "", "", "cp1252"
    for rid, at, size in _records(dir_bytes):
        data = dir_bytes[at:at + size]
        if rid == CODE_PAGE:
            codepage = f"cp{struct.unpack('<H', data)[0]}"
        elif rid == MODULE_NAME:
            name = data.decode(codepage, "replace")
        elif rid == MODULE_STREAM:
            stream = data.decode(codepage, "replace")
        elif rid == MODULE_OFFSET:
            out.append((name, stream, struct.unpack("<I", data)[0], at))
    return out


def codepage(dir_bytes: bytes) -> str:
    for rid, at, size in _records(dir_bytes):
        if rid == CODE_PAGE:
            return f"cp{struct.unpack_from('<H', dir_bytes, at)[0]}"
    return "cp1252"


# --- reading and rewriting a project ---------------------------------------------------------


def streams(project: bytes) -> dict[tuple[str, ...], bytes | None]:
    """Every entry of the compound file in directory order: path → bytes (None: a storage)."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(project))
    except (OSError, ValueError) as exc:
        raise VbaError(f"ingen sammansatt fil ({exc})") from exc
    with ole:
        out: dict[tuple[str, ...], bytes | None] = {}
        for entry in ole.direntries[1:]:
            if entry is None or entry.entry_type not in (olefile.STGTY_STREAM, olefile.STGTY_STORAGE):
                continue
            path = tuple(_path(ole, entry))
            out[path] = ole.openstream(list(path)).read() if entry.entry_type == olefile.STGTY_STREAM else None
        return out


def _path(ole, entry) -> list[str]:
    names = [entry.name]
    parent = _parents(ole).get(entry.sid)
    while parent is not None and parent.sid != 0:
        names.insert(0, parent.name)
        parent = _parents(ole).get(parent.sid)
    return names


def _parents(ole) -> dict:
    if not hasattr(ole, "_excelreport_parents"):
        parents = {}
        for entry in ole.direntries:
            if entry is not None:
                for kid in entry.kids:
                    parents[kid.sid] = entry
        ole._excelreport_parents = parents
    return ole._excelreport_parents


def sources(project: bytes) -> dict[str, str]:
    """Module name → its VBA source text (line ends as stored)."""
    entries = streams(project)
    try:
        dir_bytes = decompress(entries[("VBA", "dir")])
        page = codepage(dir_bytes)
        return {name: decompress(entries[("VBA", stream)][offset:]).decode(page, "replace")
                for name, stream, offset, _ in modules(dir_bytes)}
    except (KeyError, TypeError, IndexError, struct.error) as exc:
        raise VbaError(f"VBA-projektet saknar en del ({exc})") from exc


def replace_module(project: bytes, module: str, source: str) -> bytes:
    """``project`` with ``module``'s source replaced (stored source-only, offset 0)."""
    entries = streams(project)
    if entries.get(("VBA", "_VBA_PROJECT"), b"")[2:4] != b"\xff\xff":
        raise VbaError("VBA-projektet har kompilerad kod som Excel skulle köra i stället för källkoden")
    dir_bytes = bytearray(decompress(entries[("VBA", "dir")]))
    found = [m for m in modules(bytes(dir_bytes)) if m[0] == module]
    if not found:
        raise VbaError(f"modulen {module} saknas i VBA-projektet")
    _, stream, _, at = found[0]
    dir_bytes[at:at + 4] = struct.pack("<I", 0)
    entries[("VBA", "dir")] = compress(bytes(dir_bytes))
    entries[("VBA", stream)] = compress(source.encode(codepage(bytes(dir_bytes))))
    return write_compound(entries)


# --- MS-CFB writing --------------------------------------------------------------------------


def write_compound(entries: dict[tuple[str, ...], bytes | None]) -> bytes:
    """A version-3 compound file of ``entries`` (in directory order, storages before their children)."""
    paths = list(entries)
    big = bytearray()
    mini = bytearray()
    fat: list[int] = []
    minifat: list[int] = []
    starts: dict[tuple[str, ...], int] = {}
    for path in paths:
        data = entries[path]
        if data is None:
            continue
        if len(data) >= MINI_CUTOFF:
            starts[path] = _place(big, fat, data, SECTOR)
        elif data:
            starts[path] = _place(mini, minifat, data, MINI_SECTOR)
    mini_start = _place(big, fat, bytes(mini), SECTOR) if mini else END
    minifat_start = _place(big, fat, _sector_table(minifat, SECTOR), SECTOR) if minifat else END
    directory = _directory(paths, entries, starts, mini_start, len(mini))
    dir_start = _place(big, fat, directory, SECTOR)
    fat_sectors = 0
    while fat_sectors * SECTOR // 4 < len(fat) + fat_sectors:
        fat_sectors += 1
    if fat_sectors > 109:
        raise VbaError("VBA-projektet är för stort")
    first_fat = len(fat)
    fat += [FAT_SECT] * fat_sectors
    big += _sector_table(fat, SECTOR)
    difat = list(range(first_fat, first_fat + fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x3E, 3, 0xFFFE,
        9, 6, bytes(6), 0, fat_sectors, dir_start, 0, MINI_CUTOFF, minifat_start, -(-len(minifat) * 4 // SECTOR), END, 0) + struct.pack(f"<{109}I", *difat)
    return header + bytes(big)


def _place(area: bytearray, table: list[int], data: bytes, size: int) -> int:
    """Append ``data`` to ``area`` in sectors of ``size``, chained in ``table``; its first sector."""
    first = len(table)
    count = -(-len(data) // size)
    table += [first + i + 1 for i in range(count - 1)] + [END]
    area += data + bytes(count * size - len(data))
    return first


def _sector_table(table: list[int], size: int) -> bytes:
    per = size // 4
    padded = table + [FREE] * (-len(table) % per)
    return struct.pack(f"<{len(padded)}I", *padded)


def _directory(paths, entries, starts, mini_start: int, mini_size: int) -> bytes:
    ids = {path: i + 1 for i, path in enumerate(paths)}
    children: dict[tuple[str, ...], list[tuple[str, ...]]] = {(): []}
    for path in paths:
        children.setdefault(path[:-1], []).append(path)
        if entries[path] is None:
            children.setdefault(path, [])

    def first(parent):
        kids = children.get(parent, [])
        return ids[kids[0]] if kids else NO_STREAM

    def right(path):
        kids = children[path[:-1]]
        i = kids.index(path)
        return ids[kids[i + 1]] if i + 1 < len(kids) else NO_STREAM

    out = [_entry("Root Entry", 5, NO_STREAM, first(()), mini_start, mini_size)]
    for path in paths:
        data = entries[path]
        if data is None:
            out.append(_entry(path[-1], 1, right(path), first(path), 0, 0))
        else:
            out.append(_entry(path[-1], 2, right(path), NO_STREAM, starts.get(path, END), len(data)))
    while len(out) % (SECTOR // 128):
        out.append(_entry("", 0, NO_STREAM, NO_STREAM, 0, 0))
    return b"".join(out)


def _entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = name.encode("utf-16-le")
    if len(encoded) > 62:
        raise VbaError(f"namnet {name!r} är för långt för en sammansatt fil")
    return struct.pack("<64sHBBIII16sIQQIII", encoded, len(encoded) + 2 if name else 0, kind,
                       1, NO_STREAM, right, child, bytes(16), 0, 0, 0, start, size, 0)
