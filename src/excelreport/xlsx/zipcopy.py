"""Copying the user's parts into the new package as they are stored (never inflated)."""

from __future__ import annotations

import shutil
import struct
import zipfile

from ..core.errors import UnusableFile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip timestamp of the parts we write: same bytes every run
MAX_STREAMED_PART = 200 * 1024 * 1024  # a part that cannot be copied as stored is inflated


def copy_part(src: zipfile.ZipFile, info: zipfile.ZipInfo, zout: zipfile.ZipFile) -> None:
    """Copy one part unchanged; a damaged part refuses the write (the file is left as it was)."""
    try:
        _copy_stored(src, info, zout)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError,
            ValueError, struct.error) as exc:
        raise UnusableFile(f"Delen {info.filename} i arbetsboken är skadad och kan inte "
                           f"kopieras ({exc}); filen har inte ändrats.") from None


def _copy_stored(src: zipfile.ZipFile, info: zipfile.ZipInfo, zout: zipfile.ZipFile) -> None:
    """Copy one part as it is stored (compressed bytes, never inflated: a 3 GB part packed
    into 3 MB costs 3 MB), or, where that is not possible, by streaming it in chunks."""
    if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and not info.flag_bits & 0x1:
        fp = src.fp
        fp.seek(info.header_offset)
        head = fp.read(30)
        if len(head) == 30 and head[:4] == b"PK\x03\x04":
            name_len, extra_len = struct.unpack("<HH", head[26:30])
            new = copy_info(info)
            new.CRC, new.compress_size, new.file_size = info.CRC, info.compress_size, info.file_size
            new.flag_bits = info.flag_bits & 0x800  # UTF-8 name; the sizes now in the header
            zip64 = max(new.file_size, new.compress_size) > zipfile.ZIP64_LIMIT
            new.header_offset = zout.fp.tell()
            zout.fp.write(new.FileHeader(zip64))
            fp.seek(info.header_offset + 30 + name_len + extra_len)
            left = info.compress_size
            while left:
                chunk = fp.read(min(left, 1024 * 1024))
                if not chunk:
                    raise EOFError("delen slutar för tidigt")
                zout.fp.write(chunk)
                left -= len(chunk)
            zout.filelist.append(new)
            zout.NameToInfo[new.filename] = new
            zout.start_dir = zout.fp.tell()
            zout._didModify = True
            return
    if info.file_size > MAX_STREAMED_PART:
        raise UnusableFile(f"Delen {info.filename} packas upp till {info.file_size // (1024 * 1024)} MB; "
                           "filen avvisas och har inte ändrats.")
    with src.open(info) as fin, zout.open(copy_info(info), "w", force_zip64=info.file_size > 2 ** 30) as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)


def copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, info.date_time)
    new.compress_type = info.compress_type
    new.external_attr = info.external_attr
    new.create_system = info.create_system
    new.comment = info.comment
    return new


def new_info(name: str) -> zipfile.ZipInfo:
    """A part the toolkit adds: a fixed time, so that a second run gives the same bytes."""
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info
