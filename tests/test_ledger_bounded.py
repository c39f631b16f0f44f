"""Hostile ledger files answered in bounded time and memory: `import` with a 10 MB file of
any content runs in a child process limited to 500 MB and a few seconds; the answer is exit
1 (a damaged file, named) or 2, never a traceback, and the workbook is not written."""

from __future__ import annotations

import os

import pytest

from test_bounded import bounded
from wbtools import digest

SIZE = 10 * 1024 * 1024


def _shapes() -> dict[str, bytes]:
    rnd = os.urandom(SIZE)
    return {
        "slumpbytes.se": rnd,
        "slump-med-etikett.se": b"#" + rnd[1:],
        "en-rad.se": b"#TRANS 5010 " + b"x" * SIZE,
        "klamrar.se": b"#FLAGGA 0\n#RAR 0 20230101 20231231\n#TRANS 1 " + b"{" * SIZE,
        "citat.se": b'#FLAGGA 0\n#PSALDO 0 202301 5010 {1 "' + b"a" * SIZE,
        "ver-utan-slut.se": b"#RAR 0 20230101 20231231\n#VER A 1 20230101\n{\n"
                            + b'#TRANS 5010 {1 "310"} 1\n' * (SIZE // 24),
        "manga-objekt.se": b"#RAR 0 20230101 20231231\n#VER A 1 20230101\n{\n" + b"".join(
            b'#TRANS 5010 {1 "%d"} 1\n' % i for i in range(SIZE // 26)) + b"}\n",
        "falt.csv": b"\xc5r;Konto;Belopp\n2023;5010;" + b"9" * SIZE,
        "semikolon.csv": b"\xc5r;Konto;Belopp\n" + b";" * SIZE,
        "rader.csv": "År;Månad;Konto;Ansvar;Belopp\n".encode() + b"2023;1;5010;310;1\n" * (SIZE // 18),
    }


@pytest.mark.parametrize("name", list(_shapes()))
def test_a_hostile_ledger_file_is_answered_in_bounded_time_and_memory(example, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(_shapes()[name])
    before = digest(example)
    answer = bounded("import", example, path)
    assert answer.code in (0, 1, 2), answer.err
    assert digest(example) == before or answer.code == 0
    if answer.code == 1:
        assert name in answer.out and "Ingenting importerades" in answer.out
