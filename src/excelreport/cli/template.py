"""The command line's ``mall`` group: the shipped report template copied out for the kommun
to edit, into the settings folder where reports look for it (``templates_place``).

Registered by ``cli/__init__`` (``main.add_command``); errors reach the main group's handler.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..app.templates_place import profile_template
from .group import OPTIONS_METAVAR as OPTIONS


@click.group("mall", options_metavar=OPTIONS, subcommand_metavar="KOMMANDO [ARGUMENT]...",
             short_help="Kommunens rapportmall: kopiera verktygets mall för redigering "
                        "(mall exportera).")
def mall() -> None:
    """Kommunens rapportmall: kopiera verktygets mall för redigering (mall exportera).

    Mallen ger rapporten logotyp, typsnitt och färger. Rapporterna använder --template,
    annars kommunens mall i inställningsmappen (mallar/<profil>.docx), annars verktygets.
    Se docs/guide.md, avsnitt 1.2."""


@mall.command("exportera", options_metavar=OPTIONS,
              short_help="Skriv verktygets mall till inställningsmappen (eller FIL) för redigering.")
@click.argument("target", required=False, type=click.Path(path_type=Path), metavar="[FIL]")
@click.option("--profil", "profile", metavar="PROFIL", default=None,
              help="Profilen mallen gäller (standard om den inte anges).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
def export(target: Path | None, profile: str | None, force: bool) -> None:
    """Skriv verktygets rapportmall till FIL, som standard till inställningsmappens
    mallar/<profil>.docx, där rapporterna hittar den. Öppna den i Word, byt logotypen i
    omslagets sidhuvud och spara."""
    from ..app.template_export import export_template

    out = target if target is not None else profile_template(profile)
    export_template(out, force)
    click.echo(f"Skrev {out}. Rapporterna använder den från och med nu"
               + (" (för profilen " + (profile or "standard") + ")." if target is None else
                  "; lägg den i inställningsmappen eller ange den med --template."))
