"""Every key a profile may hold, as data: its type, whether it is required, its default,
its allowed values and bounds, and (for tables) the keys inside.

The loader checks a parsed profile against ``ROOT``; ``docs/kommunprofil.md`` documents
exactly these keys (a test compares the two).
"""

from __future__ import annotations

from dataclasses import dataclass

# Types of value.
TEXT = "text"
INT = "heltal"
NUMBER = "tal"
BOOL = "sant/falskt"
COLOUR = "färg"
TEXTS = "lista av text"
GROUPS = "lista av listor av text"
TABLE = "tabell"
TABLES = "lista av tabeller"

# Row kinds of an operating statement; the kinds that are sums of named rows.
KIND_REVENUE, KIND_COST, KIND_ACTIVITY = "intakt", "kostnad", "verksamhet"
KIND_SUM, KIND_NET, KIND_GRANT, KIND_FINANCE, KIND_RESULT = (
    "summa", "nettokostnad", "kommunbidrag", "finansnetto", "resultat")
ROW_KINDS = (KIND_REVENUE, KIND_COST, KIND_ACTIVITY, KIND_SUM, KIND_NET, KIND_GRANT,
             KIND_FINANCE, KIND_RESULT)
SUM_KINDS = (KIND_SUM, KIND_NET, KIND_RESULT)
SIGNS = ("positivt", "negativt", "valfritt")
DEFAULT_SIGN = {KIND_REVENUE: "positivt", KIND_COST: "negativt", KIND_ACTIVITY: "negativt",
                KIND_GRANT: "positivt"}  # every other kind: valfritt

# Roles of an operating statement.
ROLE_DRIFT, ROLE_ACTIVITY, ROLE_LAND = "drift", "verksamhet", "exploatering"
ROLES = (ROLE_DRIFT, ROLE_ACTIVITY, ROLE_LAND)

# What a section of the report holds.
CONTENT_KINDS = ("text", "tabell", "diagram", "mal", "teckenforklaring", "prognos_resultat",
                 "prognossakerhet")
UNITS = ("tkr", "mnkr")
MAX_DEPTH = 3  # heading levels of the report's outline

MAX_TEXT = 500  # characters of a name, heading or label
MAX_LONG_TEXT = 2000  # characters of a description


@dataclass(frozen=True)
class Key:
    """One key of a profile."""

    name: str
    type: str
    doc: str
    required: bool = False
    default: object = None
    allowed: tuple = ()
    minimum: float | None = None  # a number's least value, or a list's least length
    maximum: float | None = None  # a number's greatest value, or a list's greatest length
    keys: tuple["Key", ...] = ()  # of a table, or of each table in a list

    def key(self, name: str) -> "Key | None":
        return next((k for k in self.keys if k.name == name), None)


def _section_keys(depth: int) -> tuple[Key, ...]:
    content = Key("innehall", TABLES, "Vad avsnittet innehåller, i ordning.", default=[], maximum=50, keys=(
        Key("typ", TEXT, "Innehållets slag.", required=True, allowed=CONTENT_KINDS),
        Key("nyckel", TEXT, "Textens nyckel (för typ text): en av texter.nycklar.", maximum=MAX_TEXT),
        Key("blad", TEXT, "Bladet (för typ tabell, diagram och teckenforklaring).", maximum=MAX_TEXT),
    ))
    keys = (Key("rubrik", TEXT, "Avsnittets rubrik.", required=True, maximum=MAX_TEXT), content)
    if depth < MAX_DEPTH:
        keys += (Key("delavsnitt", TABLES, "Underavsnitt, i ordning, med samma nycklar som avsnittet.",
                     default=[], maximum=50, keys=_section_keys(depth + 1)),)
    return keys


def _scale(extra: tuple[Key, ...], what: str) -> tuple[Key, ...]:
    level = (Key("namn", TEXT, "Nivåns namn, som det skrivs i arbetsboken.", required=True, maximum=MAX_TEXT),
             Key("farg", COLOUR, "Signalfärg, #RRGGBB.", required=True), *extra)
    return (Key("ej_bedomd", TEXT, f"Nivån som betyder att {what}; en av nivåerna.",
                required=True, maximum=MAX_TEXT),
            Key("nivaer", TABLES, "Nivåerna i ordning, bästa först.", required=True, minimum=2, maximum=10,
                keys=level))


ROW_KEYS = (
    Key("namn", TEXT, "Radens etikett i första kolumnen.", required=True, maximum=MAX_TEXT),
    Key("typ", TEXT, "Radens slag.", required=True, allowed=ROW_KINDS),
    Key("tecken", TEXT, "Beloppens tecken; standard efter typ (intakt och kommunbidrag positivt, "
        "kostnad och verksamhet negativt, annars valfritt).", allowed=SIGNS),
    Key("summa_av", TEXTS, "För summa, nettokostnad och resultat: raderna som summeras.", maximum=200),
)

STATEMENT_KEYS = (
    Key("blad", TEXT, "Bladets namn.", required=True, maximum=31),
    Key("roll", TEXT, "drift: nämndens driftredovisning (exakt en); verksamhet: driftredovisning per "
        "verksamhet som stäms av mot en annan; exploatering: exploateringsredovisning.",
        default=ROLE_DRIFT, allowed=ROLES),
    Key("forsta_kolumn", TEXT, "Rubriken på första kolumnen (radetiketterna).", default="Rad",
        maximum=MAX_TEXT),
    Key("beskrivning", TEXT, "Vad bladet redovisar, först i bladets hjälptext.", maximum=MAX_TEXT),
    Key("rader", TABLES, "Bladets fasta rader, i ordning.", required=True, minimum=1, maximum=200,
        keys=ROW_KEYS),
    Key("avstamning", TABLE, "Avstämning mot ett annat driftblad (krävs för roll verksamhet).", keys=(
        Key("blad", TEXT, "Bladet som raden stäms av mot.", required=True, maximum=31),
        Key("rad", TEXT, "Raden på det bladet.", required=True, maximum=MAX_TEXT),
        Key("egen_rad", TEXT, "Raden på detta blad som ska vara lika stor.", required=True,
            maximum=MAX_TEXT),
        Key("tolerans", NUMBER, "Största tillåtna skillnad i Info!Enhet.", default=0, minimum=0),
    )),
)

RANGES = "Konton och kontointervall, t.ex. 3000-3999."
CSV_COLUMNS = (("ar", "År"), ("manad", "Månad"), ("konto", "Konto"), ("ansvar", "Ansvar"),
               ("verksamhet", "Verksamhet"), ("projekt", "Projekt"), ("belopp", "Belopp"), ("typ", "Typ"))
LEDGER_KEYS = (
    Key("rader", TABLES, "Driftbladens rader och deras konton (Drift, Exploatering).", required=True,
        minimum=1, maximum=200, keys=(
            Key("namn", TEXT, "Radens etikett.", required=True, maximum=MAX_TEXT),
            Key("konton", TEXTS, RANGES, required=True, minimum=1, maximum=100),
        )),
    Key("investeringar", TEXTS, "Investeringskonton (Investeringar, per Projekt). " + RANGES,
        default=[], maximum=100),
    Key("ignoreras", TEXTS, "Konton som hoppas över på driftbladen (räknas i en Info). " + RANGES,
        default=[], maximum=100),
    Key("ansvar", INT, "SIE-dimensionen för ansvar (Info!Ansvar).", default=1, minimum=1, maximum=9999),
    Key("projekt", INT, "SIE-dimensionen för projekt (Investeringar!Projekt).", default=6, minimum=1,
        maximum=9999),
    Key("verksamhet", INT, "SIE-dimensionen för verksamhet (bladet med roll verksamhet).", minimum=1,
        maximum=9999),
    Key("verksamheter", TABLES, "Verksamhetsbladets rader och deras verksamhetskoder.", default=[],
        maximum=200, keys=(
            Key("namn", TEXT, "Radens etikett på bladet med roll verksamhet.", required=True, maximum=MAX_TEXT),
            Key("koder", TEXTS, "Verksamhetskoder, intervall (120-129) och prefix (2*).", required=True,
                minimum=1, maximum=100),
        )),
    Key("csv", TABLE, "CSV-filens kolumnrubriker.", default={}, keys=tuple(
        Key(name, TEXT, f"Kolumnen för {label.lower()}.", default=label, maximum=100)
        for name, label in CSV_COLUMNS)),
)

SHEET_FLAGS = ("mal", "indikatorer", "uppdrag", "investeringar", "verksamhetsmatt", "personal",
               "sjukfranvaro", "internkontroll")

ROOT = Key("", TABLE, "Profilen.", keys=(
    Key("profil", TABLE, "Profilens namn och version.", required=True, keys=(
        Key("namn", TEXT, "Profilens namn, t.ex. exempelby-bun.", required=True, maximum=100),
        Key("version", TEXT, "Profilens version, t.ex. 2025.1.", required=True, maximum=100),
        Key("beskrivning", TEXT, "Fri beskrivning.", default="", maximum=MAX_LONG_TEXT),
    )),
    Key("belopp", TABLE, "Beloppen.", default={}, keys=(
        Key("enheter", TEXTS, "Tillåtna värden på Info!Enhet; den första är förvald i new.",
            default=list(UNITS), allowed=UNITS, minimum=1, maximum=2),
    )),
    Key("kommentar", TABLE, "Kommentarsregeln: vilka avvikelser som kräver en kommentar.", default={}, keys=(
        Key("grans", NUMBER, "Kommentarsgräns i Info!Enhet när Info lämnar den tom; utelämnad = "
            "ingen gräns.", minimum=0),
        Key("belopp", BOOL, "En avvikelse prognos/budget minst Kommentarsgräns kräver kommentar.",
            default=True),
        Key("procent", NUMBER, "En avvikelse minst så många procent av radens absoluta budget kräver "
            "kommentar (budget skild från 0); utelämnad = ingen procentregel.", minimum=0, maximum=100),
        Key("blad", TEXTS, "Bladen regeln gäller; utelämnad = alla driftblad och Investeringar.",
            maximum=20),
    )),
    Key("perioder", TABLES, "Perioderna (Info!Period), i ordning.", required=True, minimum=1, maximum=24,
        keys=(
            Key("namn", TEXT, "Periodens namn.", required=True, maximum=MAX_TEXT),
            Key("slutmanad", INT, "Periodens slutmånad 1–12; utelämnad = väljs i Info.", minimum=1,
                maximum=12),
            Key("bokslut", BOOL, "Perioden är årets slut (högst en).", default=False),
            Key("manadsnamn", BOOL, "Uppföljningen heter som sin slutmånad (t.ex. april).", default=False),
        )),
    Key("bedomning", TABLE, "Bedömningsskalan för mål (Mål!Bedömning).", required=True,
        keys=_scale((Key("andel", NUMBER, "Föreslås när minst så många procent av de mätta "
                         "indikatorerna är uppfyllda.", minimum=0, maximum=100),
                     Key("minst_uppfyllda", INT, "…och minst så många indikatorer är uppfyllda.",
                         default=0, minimum=0, maximum=1000)), "målet inte är bedömt")),
    Key("internkontroll", TABLE, "Bedömningsskalan för internkontroll (krävs när blad.internkontroll).",
        keys=_scale((Key("forklaring", TEXT, "Nivåns förklaring i rapportens teckenförklaring.",
                         default="", maximum=MAX_TEXT),), "kontrollen inte är bedömd")),
    Key("blad", TABLE, "Vilka valfria blad arbetsboken har.", default={},
        keys=tuple(Key(flag, BOOL, "Bladet finns.", default=False) for flag in SHEET_FLAGS)),
    Key("sjukfranvaro", TABLE, "Sjukfrånvarons kategorier (krävs när blad.sjukfranvaro).", keys=(
        Key("grupper", GROUPS, "Kategorierna i grupper; rapporten lämnar en tom rad mellan grupperna.",
            required=True, minimum=1, maximum=20),
    )),
    Key("texter", TABLE, "Bladet Texter.", required=True, keys=(
        Key("nycklar", TEXTS, "Textavsnittens nycklar, i ordning.", required=True, maximum=100),
    )),
    Key("drift", TABLES, "Driftbladen.", required=True, minimum=1, maximum=10, keys=STATEMENT_KEYS),
    Key("rapport", TABLE, "Rapportens disposition.", required=True, keys=(
        Key("avsnitt", TABLES, "Rapportens avsnitt, i ordning.", required=True, minimum=1, maximum=50,
            keys=_section_keys(1)),
    )),
    Key("kontoplan", TABLE, "Importen ur ekonomisystemet (excelreport import): vilken rad som tar "
        "vilka konton, dimensionerna och CSV-filens kolumner; utelämnad = standardprofilens.", keys=LEDGER_KEYS),
))


def key_paths(key: Key = ROOT, prefix: str = "") -> list[str]:
    """Every key's dotted path (``drift.rader.namn``), tables and lists of tables too."""
    out = []
    for k in key.keys:
        path = f"{prefix}.{k.name}" if prefix else k.name
        out.append(path)
        out += key_paths(k, path)
    return out
