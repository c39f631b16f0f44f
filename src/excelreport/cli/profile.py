"""The command line's ``profil`` group: check a profile file, print a shipped one.

Registered by ``cli/__init__`` (``main.add_command``); errors reach the main group's handler.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import contract as C
from ..core.errors import ProfileError
from ..profile.names import SHIPPED, STANDARD
from .group import OPTIONS_METAVAR as OPTIONS
from .output import EXIT_OK, EXIT_UNUSABLE
from .terminal import printable_lines

if TYPE_CHECKING:
    from ..profile import Profile

# The profile's modules are imported by the commands that use them: every other command
# starts without them.


@click.group("profil", options_metavar=OPTIONS, subcommand_metavar="KOMMANDO [ARGUMENT]...",
             short_help="Kontrollera en kommunprofil (profil check FIL) eller visa en levererad "
                        "(profil show [NAMN]).")
def profil() -> None:
    """Kontrollera en kommunprofil (profil check FIL) eller visa en levererad (profil show [NAMN]).

    Kommunprofilen är arbetsbokens kontrakt och rapportens disposition som en TOML-fil; se
    docs/kommunprofil.md för varje nyckel."""


@profil.command("check", options_metavar=OPTIONS,
                short_help="Kontrollera profilen FIL: varje fel med nyckel och rad; slutkod 2 vid fel.")
@click.argument("path", type=click.Path(path_type=Path), metavar="FIL")
def check(path: Path) -> None:
    """Kontrollera profilen FIL (.toml): varje fel med nyckel och radnummer; slutkod 2 vid fel."""
    from ..profile.loader import load_file
    from ..profile.workbook import contract_of

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
    from ..profile.loader import shipped_text

    click.echo(shipped_text(name).decode("utf-8"), nl=False)


# --- ``new --profil``: the option, and Info's choices from the profile ---------------------

META = "excelreport.profile"


def _profile_callback(ctx: click.Context, param, value: str | None):
    if value is None:
        return None
    from ..profile.loader import load_with_text

    raw, profile = load_with_text(value)
    ctx.meta[META] = profile
    return raw, profile


profile_option = click.option(
    "--profil", "profile", metavar="PROFIL", is_eager=True, callback=_profile_callback,
    help="Kommunprofilen arbetsboken ska följa: en levererad (standard, exempelby-bun) eller en "
         ".toml-fil. Arbetsboken får profilens blad och bär profilen på bladet Profil.")


class ProfileChoice(click.Choice):
    """A choice among standard's values, or the profile's when ``--profil`` names one."""

    def __init__(self, standard: tuple[str, ...], of_profile):
        super().__init__(standard)
        self.standard, self.of_profile = standard, of_profile

    def convert(self, value, param, ctx):
        profile = ctx.meta.get(META) if ctx is not None else None
        self.choices = self.of_profile(profile) if profile is not None else self.standard
        return super().convert(value, param, ctx)


PERIOD_CHOICE = ProfileChoice(C.PERIODS, lambda p: p.period_names)
UNIT_CHOICE = ProfileChoice(C.UNITS, lambda p: p.units)


def profile_info(profile: "Profile", info: dict, unit: str | None) -> dict:
    """Info's values for a profile's workbook: its first unit by default, the period's
    closing month when the profile fixes it (a different ``--slutmanad`` is a usage error)."""
    info = {**info, "Enhet": unit or profile.units[0]}
    period = next((p for p in profile.periods if p.name == info.get("Period")), None)
    if period is not None and period.closing_month is not None:
        given = info.get("Periodens slutmånad")
        if given is not None and given != period.closing_month:
            raise click.UsageError(f"Perioden {period.name} slutar i månad {period.closing_month} enligt "
                                   f"profilen {profile.name}, inte {given}.")
        info["Periodens slutmånad"] = period.closing_month
    return info
