"""Names as the compilation compares them: two boards are one when their names differ only by
Unicode form (NFD ``a`` + ``◌̈`` = ``ä``), invisible format characters (zero-width space,
soft hyphen), spaces or case; a name mixing alphabets (a Cyrillic ``о`` among Latin
letters) is a ``Fel``; a name is shown with the code points of such characters, so that two
names that look alike are told apart."""

from __future__ import annotations

import unicodedata

SCRIPTS_SV = {"LATIN": "latinska", "CYRILLIC": "kyrilliska", "GREEK": "grekiska", "ARMENIAN": "armeniska",
              "HEBREW": "hebreiska", "ARABIC": "arabiska"}


def name_key(name: str) -> str:
    """``name`` as compared: NFKC, format characters (category Cf) removed, runs of spaces
    as one, case folded."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", name) if unicodedata.category(ch) != "Cf")
    return " ".join(text.split()).casefold()


def scripts(name: str) -> list[str]:
    """The alphabets of the letters of ``name`` (Unicode's names: LATIN, CYRILLIC …), sorted."""
    found = {unicodedata.name(ch, "?").split(" ")[0] for ch in unicodedata.normalize("NFKC", name)
             if ch.isalpha()}
    return sorted(found)


def _plain(ch: str) -> bool:
    if ch.isascii():
        return ch.isprintable()
    return (ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN ")
            and unicodedata.normalize("NFC", ch) == ch)


def spelled(name: str) -> str:
    """``name`` with every character but printable ASCII and composed Latin letters (å, ä, ö,
    é …) as its code point: ``Social<U+200B ZERO WIDTH SPACE>nämnden``."""
    return "".join(ch if _plain(ch) else f"<U+{ord(ch):04X} {unicodedata.name(ch, 'OKÄNT TECKEN')}>"
                   for ch in name)


def told_apart(a: str, b: str) -> tuple[str, str]:
    """Two names to show side by side: as typed, or spelled when either holds a character
    that does not show what it is."""
    if spelled(a) != a or spelled(b) != b:
        return spelled(a), spelled(b)
    return a, b


def mixed_scripts(name: str) -> str:
    """A Swedish sentence when ``name`` mixes alphabets, else ''."""
    found = scripts(name)
    if len(found) < 2:
        return ""
    words = ", ".join(SCRIPTS_SV.get(s, s.lower()) for s in found)
    return (f"Namnet '{spelled(name)}' blandar bokstäver ur olika alfabet ({words}): ett tecken som "
            "ser ut som en vanlig bokstav (t.ex. ett kyrilliskt о) är ett annat tecken, och nämnden "
            "kan då räknas som en annan. Skriv namnet med vanliga bokstäver.")
