"""What the command line prints: click's own texts in Swedish, control characters escaped.

click marks its texts for gettext (``from gettext import gettext as _`` in each module), in
the default domain, chosen by the environment's language. ``swedish_click()`` puts a
Swedish catalog in their place while a command runs, whatever the environment says, and
restores click afterwards. ``printable()`` escapes control characters (an ESC decoded from
``_x001B_`` in a cell, a carriage return, a bidi override) so that no text from a workbook
or a file name reaches the terminal raw.
"""

from __future__ import annotations

import gettext
import re
import sys
from contextlib import contextmanager

# click's msgids (click 8.1–8.3) → Swedish. A plural msgid maps to (singular, plural).
CATALOG: dict[str, str | tuple[str, str]] = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Missing argument": "Argument saknas:",
    "Missing option": "Flagga saknas:",
    "Missing parameter": "Parameter saknas:",
    "Missing {param_type}": "Saknas ({param_type}):",
    "Missing parameter: {param_name}": "Parameter saknas: {param_name}",
    "Missing command.": "Kommando saknas.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such option: {name}": "Flaggan {name} finns inte.",
    "Did you mean {possibility}?": ("Menade du {possibility}?", "(Menade du någon av: {possibilities}?)"),
    "Got unexpected extra argument ({args})": ("Oväntat extra argument ({args})",
                                               "Oväntade extra argument ({args})"),
    "Takes {nargs} values but 1 was given.": ("Tar {nargs} värden men fick 1.",
                                              "Tar {nargs} värden men fick {len}."),
    "Option {name!r} requires an argument.": ("Flaggan {name!r} kräver ett värde.",
                                              "Flaggan {name!r} kräver {nargs} värden."),
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} värden.",
    "Invalid start character for option ({option})": "Ogiltigt första tecken i flaggan ({option})",
    "Aborted!": "Avbrutet.",
    "{value!r} is not {choice}.": ("{value!r} är inte {choice}.", "{value!r} är inte något av {choices}."),
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "Choice({choices})": "Val({choices})",
    "{value!r} is not a valid {number_type}.": "{value!r} är inte ett giltigt tal.",
    "{value} is not in the range {range}.": "{value} ligger utanför intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} är inte ja eller nej. Giltiga värden: {states}",
    "{value!r} is not a valid UUID.": "{value!r} är inte ett giltigt UUID.",
    "{value!r} does not match the format {format}.": ("{value!r} följer inte formatet {format}.",
                                                      "{value!r} följer inte formaten {formats}."),
    "{len_type} values are required, but {len_value} was given.": (
        "{len_type} värden krävs, men fick {len_value}.", "{len_type} värden krävs, men fick {len_value}."),
    "file": "fil", "directory": "mapp", "path": "sökväg",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} går inte att köra.",
    "Could not open file {filename!r}: {message}": "Filen {filename!r} gick inte att öppna: {message}",
    "unknown error": "okänt fel",
    "default: {default}": "standard: {default}",
    "required": "obligatorisk",
    "env var: {var}": "miljövariabel: {var}",
    "deprecated": "utgått",
    "(dynamic)": "(dynamisk)",
    "Error: invalid input": "Fel: ogiltig inmatning",
    "Error: The two entered values do not match.": "Fel: de två värdena är olika.",
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Press any key to continue...": "Tryck på valfri tangent för att fortsätta …",
    "Do you want to continue?": "Vill du fortsätta?",
    "Confirm the action without prompting.": "Bekräfta utan att fråga.",
}


class Swedish(gettext.NullTranslations):
    """The catalog as a gettext translation; a text not in it passes unchanged."""

    def gettext(self, message: str) -> str:
        text = CATALOG.get(message, message)
        return text[0] if isinstance(text, tuple) else text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        text = CATALOG.get(singular)
        if isinstance(text, tuple):
            return text[0] if n == 1 else text[1]
        return singular if n == 1 else plural


SWEDISH = Swedish()


@contextmanager
def swedish_click():
    """click's texts in Swedish for the duration (its modules' ``_`` and ``ngettext``)."""
    modules = [m for name, m in list(sys.modules.items())
               if m is not None and (name == "click" or name.startswith("click."))]
    saved = []
    for module in modules:
        for name, ours, theirs in (("_", SWEDISH.gettext, gettext.gettext),
                                   ("ngettext", SWEDISH.ngettext, gettext.ngettext)):
            if getattr(module, name, None) is theirs:
                saved.append((module, name, getattr(module, name)))
                setattr(module, name, ours)
    try:
        yield
    finally:
        for module, name, original in reversed(saved):
            setattr(module, name, original)


_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")


def _escape(match: re.Match) -> str:
    ch = match.group()
    return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(ch, f"\\x{ord(ch):02x}" if ord(ch) < 0x100
                                                      else f"\\u{ord(ch):04x}")


def printable(text: object) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\n``,
    ``\\u202e``): a single terminal line that cannot move the cursor or recolour it."""
    return _CONTROL.sub(_escape, str(text))


def printable_lines(text: object) -> str:
    """Like ``printable`` but the line breaks stay (for a table or a paragraph we built)."""
    return "\n".join(printable(line) for line in str(text).split("\n"))


class EscapingStream:
    """A text stream that escapes control characters (not line breaks) on the way through:
    for click's own messages, which quote what the user typed."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable_lines(text))

    def flush(self) -> None:
        self.stream.flush()

