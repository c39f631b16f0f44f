"""The command line door: parse, call the service, map outcomes to exit codes.

``main`` is the group; the commands are in the modules by what they do (``book``,
``followup``, ``ledger``, ``profile``, ``template``). Exit codes: 0 done (warnings allowed),
1 the workbook has ``Fel``, 2 the file or the call is unusable.
"""

from __future__ import annotations

import click

from .book import build, check, contract, new, report, run
from .followup import consolidate, next_followup
from .group import Command, Group
from .ledger import import_ledger, kolada
from .output import EXIT_FEL, EXIT_OK, EXIT_UNUSABLE
from .profile import profil
from .template import mall


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="excelreport", message="%(prog)s, version %(version)s",
                      help="Visa versionen och avsluta.")
def main() -> None:
    """Delårsrapporter ur standardarbetsboken: new, check, run, report, build, next;
    siffror ur redovisningen och Kolada: import, kolada; kommunens sammanställning:
    consolidate; standarden och kommunprofilen: contract, profil; kommunens rapportmall:
    mall."""


for command in (new, check, contract, run, report, build, next_followup, consolidate, import_ledger, kolada,
                profil, mall):
    main.add_command(command)

__all__ = ["EXIT_FEL", "EXIT_OK", "EXIT_UNUSABLE", "Command", "Group", "main"]
