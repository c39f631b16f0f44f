"""Read a profile: TOML by ``tomllib``, bounded in size, checked against the key table and
the profile's rules, every fault with its key path and line; then built into ``Profile``.

``--profil NAME`` names a shipped profile (a file in this package), ``--profil FIL.toml``
a file. A shipped profile is parsed once per process.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..core.errors import ProfileError
from .check import check_table
from .compiled import digest, read_compiled
from .errors import Fault
from .keys import CSV_COLUMNS, DEFAULT_SIGN, ROOT, SHEET_FLAGS, UNITS
from .lines import key_lines, line_of
from .names import SHIPPED, STANDARD
from .rules import check_rules
from .schema import (CommentRule, Content, Ledger, Level, OptionalSheets, Period, Profile, Reconciliation,
                     Scale, Section, Statement, StatementRow)

HERE = Path(__file__).parent  # the shipped profiles are files of this package
MAX_BYTES = 1_000_000
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse(raw: bytes, source: str) -> tuple[dict, str]:
    """The TOML's tables and its text; a file that is too large, not UTF-8 or not TOML raises."""
    if len(raw) > MAX_BYTES:
        raise ProfileError(source, [Fault(1, "", f"filen är {len(raw):,} byte; en profil får vara högst "
                                                  f"{MAX_BYTES:,} byte".replace(",", " "))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ProfileError(source, [Fault(line, "", "filen är inte UTF-8-kodad text")]) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        m = _AT.search(str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 0)
        detail = _AT.sub("", str(exc)).strip()
        raise ProfileError(source, [Fault(line, "", f"TOML-syntaxfel i kolumn {col}: {detail}")]) from None
    except RecursionError:
        raise ProfileError(source, [Fault(1, "", "värdena är för djupt nästlade")]) from None


def load_text(raw: bytes, source: str) -> Profile:
    """A profile from the bytes of a TOML file; every fault at once as a ProfileError."""
    data, text = parse(raw, source)
    faults: list[tuple[str, str]] = []
    check_table(data, ROOT, "", faults)
    faults += check_rules(data)
    if faults:
        lines = key_lines(text)
        raise ProfileError(source, [Fault(line_of(lines, p), p, m) for p, m in dict.fromkeys(faults)])
    return build(data)


def load_file(path: Path) -> Profile:
    """A profile file; one byte for byte a shipped profile is that (already parsed) profile."""
    return load_with_text(path)[1]


def load_with_text(spec: str | Path) -> tuple[bytes, Profile]:
    """``--profil``'s TOML and profile: a shipped profile's name, or a file."""
    if isinstance(spec, str) and spec in SHIPPED:
        return shipped_text(spec), shipped(spec)
    path = Path(spec)
    if path.suffix.lower() != ".toml" and not path.exists():
        raise ProfileError(str(spec), [Fault(1, "", "ingen levererad profil heter så (finns: "
                                                    + ", ".join(SHIPPED) + ") och det är ingen .toml-fil")])
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ProfileError(str(path), [Fault(1, "", f"filen kan inte läsas ({exc.strerror or exc})")]) from None
    name = _shipped_digests().get(digest(raw))
    return raw, (shipped(name) if name else load_text(raw, str(path)))


def is_shipped_text(raw: bytes) -> bool:
    """``raw`` is a shipped profile's TOML, byte for byte."""
    return digest(raw) in _shipped_digests()


@lru_cache(maxsize=1)
def _shipped_digests() -> dict[str, str]:
    return {digest(shipped_text(name)): name for name in SHIPPED}


def shipped_text(name: str) -> bytes:
    """The TOML of a shipped profile (``standard``, ``exempelby-bun``)."""
    return (HERE / f"{name}.toml").read_bytes()


@lru_cache(maxsize=None)
def shipped(name: str = STANDARD) -> Profile:
    """A shipped profile, parsed once per process; from its JSON parse when that is fresh
    (made from these very bytes, which the tests check), else from the TOML."""
    raw = shipped_text(name)
    data = read_compiled(name, raw)
    return build(data) if data is not None else load_text(raw, f"{name}.toml")


def load(spec: str | Path) -> Profile:
    """``--profil``: a shipped profile's name, or the path of a ``.toml`` file."""
    return load_with_text(spec)[1]


# --- building the dataclasses from checked data -------------------------------------------


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _scale(data: dict | None, goals: bool) -> Scale | None:
    if data is None:
        return None
    levels = tuple(Level(
        t["namn"], t["farg"].lstrip("#").upper(),
        min_share=_decimal(t.get("andel")) if goals else None,
        min_met=t.get("minst_uppfyllda", 0), legend=t.get("forklaring", "")) for t in data["nivaer"])
    return Scale(levels, data["ej_bedomd"])


def _statement(t: dict) -> Statement:
    rows = tuple(StatementRow(r["namn"], r["typ"], r.get("tecken", DEFAULT_SIGN.get(r["typ"], "valfritt")),
                              tuple(r.get("summa_av", ()))) for r in t["rader"])
    rec = t.get("avstamning")
    reconciliation = None if rec is None else Reconciliation(
        rec["blad"], rec["rad"], rec["egen_rad"], _decimal(rec.get("tolerans", 0)))
    return Statement(t["blad"], t.get("roll", "drift"), t.get("forsta_kolumn", "Rad"),
                     t.get("beskrivning", t["blad"]), rows, reconciliation)


def _section(t: dict) -> Section:
    contents = tuple(Content(c["typ"], c.get("nyckel", c.get("blad", ""))) for c in t.get("innehall", ()))
    return Section(t["rubrik"], contents, tuple(_section(s) for s in t.get("delavsnitt", ())))


def build(data: dict) -> Profile:
    flags = data.get("blad", {})
    statements = tuple(_statement(t) for t in data["drift"])
    comment = data.get("kommentar", {})
    default_sheets = tuple(s.sheet for s in statements) + (("Investeringar",) if flags.get("investeringar") else ())
    return Profile(
        name=data["profil"]["namn"], version=data["profil"]["version"],
        description=data["profil"].get("beskrivning", ""),
        units=tuple(data.get("belopp", {}).get("enheter", UNITS)),
        periods=tuple(Period(p["namn"], p.get("slutmanad"), p.get("bokslut", False), p.get("manadsnamn", False))
                      for p in data["perioder"]),
        goal_scale=_scale(data["bedomning"], goals=True),
        control_scale=_scale(data.get("internkontroll"), goals=False),
        sheets=OptionalSheets(*(flags.get(f, False) for f in SHEET_FLAGS)),
        sick_leave_groups=tuple(tuple(g) for g in data.get("sjukfranvaro", {}).get("grupper", ())),
        text_keys=tuple(data["texter"]["nycklar"]),
        statements=statements,
        comment=CommentRule(_decimal(comment.get("grans")), comment.get("belopp", True),
                            _decimal(comment.get("procent")), tuple(comment.get("blad", default_sheets))),
        outline=tuple(_section(s) for s in data["rapport"]["avsnitt"]),
        ledger=_ledger(data.get("kontoplan")),
    )


def _ledger(t: dict | None) -> Ledger | None:
    if t is None:
        return None
    return Ledger(tuple((r["namn"], tuple(r["konton"])) for r in t["rader"]),
                  tuple(t.get("investeringar", ())), tuple(t.get("ignoreras", ())),
                  t.get("ansvar", 1), t.get("projekt", 6), t.get("verksamhet"),
                  tuple((r["namn"], tuple(r["koder"])) for r in t.get("verksamheter", ())),
                  tuple((k, t.get("csv", {}).get(k, label)) for k, label in CSV_COLUMNS))
