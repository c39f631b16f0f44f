"""The command line's ``profil`` group: check a profile file, print a shipped one.

Registered by ``cli`` (``main.add_command``); errors reach the main group's handler.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .profile import SHIPPED, STANDARD, ProfileError, load_file, shipped_text
from .profile.workbook import contract_of
from .terminal import printable_lines

EXIT_OK, EXIT_UNUSABLE = 0, 2
OPTIONS = "[FLAGGOR]"


@click.group("profil", options_metavar=OPTIONS, subcommand_metavar="KOMMANDO [ARGUMENT]...",
             short_help="Kontrollera en kommunprofil (profil check FIL) eller visa en levererad "
                        "(profil show [NAMN]).")
def profil() -> None:
    """Kommunprofilen: arbetsbokens kontrakt och rapportens disposition som en TOML-fil.

    Se docs/kommunprofil.md för varje nyckel."""


@profil.command("check", options_metavar=OPTIONS,
                short_help="Kontrollera profilen FIL: varje fel med nyckel och rad; slutkod 2 vid fel.")
@click.argument("path", type=click.Path(path_type=Path), metavar="FIL")
def check(path: Path) -> None:
    """Kontrollera profilen FIL (.toml): varje fel med nyckel och radnummer; slutkod 2 vid fel."""
    try:
        profile = load_file(path)
    except ProfileError as exc:
        for fault in exc.faults:
            click.echo(printable_lines(f"Fel  {fault.text(exc.source)}"))
        click.echo(f"{len(exc.faults)} fel: profilen kan inte användas.")
        sys.exit(EXIT_UNUSABLE)
    contract = contract_of(profile)
    sections = len(profile.outline)
    click.echo(printable_lines(
        f"Profilen {profile.name} (version {profile.version}) är giltig: {len(contract.input_sheets)} "
        f"inmatningsblad, {len(contract.result_sheets)} resultatblad, {sections} avsnitt i rapporten."))
    sys.exit(EXIT_OK)


@profil.command("show", options_metavar=OPTIONS,
                short_help="Skriv ut en levererad profil (standard om NAMN saknas).")
@click.argument("name", required=False, default=STANDARD, metavar="[NAMN]",
                type=click.Choice(SHIPPED))
def show(name: str) -> None:
    """Skriv ut en levererad profil (standard om NAMN saknas) som utgångspunkt för en egen:

        excelreport profil show standard > min-profil.toml"""
    click.echo(shipped_text(name).decode("utf-8"), nl=False)
