"""The command line's click classes: Swedish usage lines and help, control characters
escaped, and every ExcelReportError a Swedish message and exit 2, never a traceback."""

from __future__ import annotations

import os
import sys

import click

from ..core.errors import ExcelReportError
from ..core.written import WRITTEN
from .output import EXIT_OK, EXIT_UNUSABLE, say
from .terminal import SWEDISH, EscapingStream, swedish_click

OPTIONS_METAVAR = "[FLAGGOR]"


class Command(click.Command):
    """A command whose usage line is Swedish and whose description is listed in full."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the help, whole (click cuts it at 45 characters)."""
        if self.short_help:
            return self.short_help
        return " ".join((self.help or "").split("\n\n")[0].split())


class Group(click.Group):
    """Swedish throughout (click's own texts too, see ``terminal``), control characters
    escaped; every ExcelReportError a Swedish message and exit 2, never a traceback."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENT]...")
        super().__init__(*args, **kwargs)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        with swedish_click():
            if not standalone_mode:
                return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            try:
                code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except click.ClickException as exc:  # a usage mistake: click's message, in Swedish
                exc.show(file=EscapingStream(sys.stderr))
                code = exc.exit_code
            except click.Abort:
                say(SWEDISH.gettext("Aborted!"), err=True)
                code = 1
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def invoke(self, ctx):
        WRITTEN.clear()  # the files this command replaced (an error after a write names them)
        try:
            return super().invoke(ctx)
        except ExcelReportError as exc:
            say(f"Fel: {exc}", err=True)
            ctx.exit(EXIT_UNUSABLE)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # last resort: a short message, never a traceback
            if os.environ.get("EXCELREPORT_DEBUG"):
                raise
            state = (f"Redan skrivet: {', '.join(str(p) for p in WRITTEN)}." if WRITTEN
                     else "Filen har inte ändrats.")
            say(f"Internt fel i excelreport ({type(exc).__name__}: {exc}). {state} Kör igen "
                "med EXCELREPORT_DEBUG=1 för detaljer och rapportera felet.", err=True)
            ctx.exit(EXIT_UNUSABLE)
