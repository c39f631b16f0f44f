"""The command line's ``mall`` group: the shipped report template copied out for the kommun
to edit, into the settings folder where reports look for it (``templates_place``).

Registered by ``cli/__init__`` (``main.add_command``); errors reach the main group's handler.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..app.templates_place import profile_template
from ..core.errors import ExcelReportError
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
    from ..report.document import TEMPLATE
    from ..core.atomic import atomic_write

    out = target if target is not None else profile_template(profile)
    if out.suffix.lower() != ".docx":
        raise ExcelReportError(f"{out} ska sluta på .docx.")
    if out.is_dir():
        raise ExcelReportError(f"{out} är en mapp; ange en fil som slutar på .docx.")
    if out.exists() and not force:
        raise ExcelReportError(f"{out} finns redan (kommunens mall?); ingenting skrevs. "
                               "Ange --force för att skriva över den.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExcelReportError(f"Mappen {out.parent} kan inte skapas ({exc.strerror or exc}).") from None
    data = TEMPLATE.read_bytes()
    atomic_write(out, lambda fh: fh.write(data))
    click.echo(f"Skrev {out}. Rapporterna använder den från och med nu"
               + (" (för profilen " + (profile or "standard") + ")." if target is None else
                  "; lägg den i inställningsmappen eller ange den med --template."))
