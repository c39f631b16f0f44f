"""Every finding code, declared once, with its default severity.

A code names what a finding is about, in Swedish, lower case with hyphens (``rad-saknas``);
the message says the rest. The severity here is the default: a few checks raise or lower it
where they are used (``blad-samma-namn`` is a Varning outside the contract's sheets,
``rad-saknas`` follows the sheet's spec, ``kf-mal-text`` is a Varning in the compilation).
``tests/test_finding_codes.py`` fails on a code in the source that is not declared here.
``Code`` is a ``str`` enum: ``Code.RAD_SAKNAS == "rad-saknas"``, so the findings' codes
(plain strings) compare equal to its members, and a member reads as its code in text
(``str``, f-strings), so a finding made with one writes what a literal wrote.
"""

from __future__ import annotations

from enum import Enum

from .findings import FEL, INFO, VARNING


class Code(str, Enum):
    """A finding's code and its default severity (the module that raises it today in the comment)."""

    severity: str

    def __new__(cls, code: str, severity: str) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member.severity = severity
        return member

    # Written as the code itself wherever a finding is shown (a cell, a message, JSON).
    __str__ = str.__str__
    __format__ = str.__format__

    ANDELAR_SUMMA = "andelar-summa", FEL  # check/personnel.py
    AR_EJ_NASTA = "ar-ej-nasta", FEL  # app/nextperiod.py
    ARBETSBOK_MED_FEL = "arbetsbok-med-fel", FEL  # consolidate/collect.py
    AVSTAMNING_AVVIKER = "avstamning-avviker", FEL  # calc/figures.py
    BALANSKRAV_NEGATIVT = "balanskrav-negativt", VARNING  # consolidate/economy_tables.py
    BEDOMNING_AVVIKER = "bedomning-avviker", VARNING  # calc/figures.py
    BEDOMNING_EJ_REVIDERAD = "bedomning-ej-reviderad", INFO  # calc/forecast.py
    BLAD_DOLT = "blad-dolt", FEL  # check/validator.py
    BLAD_KROCKAR_MED_RESULTAT = "blad-krockar-med-resultat", FEL  # check/book.py
    BLAD_SAKNAS = "blad-saknas", FEL  # check/validator.py
    BLAD_SAMMA_NAMN = "blad-samma-namn", FEL  # check/book.py
    BUDGET_RESULTAT = "budget-resultat", VARNING  # consolidate/economy_tables.py
    DUBBLETT = "dubblett", FEL  # check/rows.py
    EGET_BLAD_MED_RESULTATNAMN = "eget-blad-med-resultatnamn", FEL  # check/book.py
    FEL_TECKEN = "fel-tecken", VARNING  # check/statements.py
    FEL_TYP = "fel-typ", FEL  # check/validator.py
    FELVARDE = "felvarde", FEL  # check/validator.py
    FINANSFORVALTNING_SAKNAS = "finansforvaltning-saknas", FEL  # consolidate/collect.py
    FORMEL_BERAKNAD = "formel-beraknad", INFO  # check/validator.py
    FORMEL_UTAN_VARDE = "formel-utan-varde", FEL  # check/validator.py
    HARD_LANK = "hard-lank", VARNING  # app/service.py
    HELTAL = "heltal", FEL  # check/validator.py
    HISTORIK_DUBBLETT = "historik-dubblett", FEL  # check/seen.py
    HISTORIK_FOR_LANG = "historik-for-lang", VARNING  # check/history.py
    HISTORIK_NAMN = "historik-namn", FEL  # check/seen.py
    HISTORIK_OKAND_RAD = "historik-okand-rad", VARNING  # check/history.py
    HISTORIK_OKANT_BLAD = "historik-okant-blad", VARNING  # check/history.py
    HISTORIK_ORDNING = "historik-ordning", VARNING  # check/history.py
    HISTORIK_SAMMA_KOLUMN = "historik-samma-kolumn", FEL  # check/seen.py
    IMPORT_ANSVAR = "import-ansvar", FEL  # app/importing.py
    IMPORT_ANSVAR_DUBBELT = "import-ansvar-dubbelt", FEL  # app/importing.py, ledger/combine.py
    IMPORT_AR_DUBBELT = "import-ar-dubbelt", FEL  # ledger/combine.py
    IMPORT_AR_SAKNAS = "import-ar-saknas", INFO  # ledger/combine.py
    IMPORT_BALANSKONTON = "import-balanskonton", INFO  # ledger/combine.py
    IMPORT_FEL_AR = "import-fel-ar", FEL  # ledger/combine.py
    IMPORT_INFO = "import-info", FEL  # app/importing.py
    IMPORT_INGET_URVAL = "import-inget-urval", FEL  # app/importing.py
    IMPORT_KONTO_UTAN_RAD = "import-konto-utan-rad", FEL  # ledger/combine.py
    IMPORT_LAMNAS = "import-lamnas", INFO  # ledger/combine.py
    IMPORT_PROJEKT_SUMMARAD = "import-projekt-summarad", FEL  # app/importing.py
    IMPORT_RAD_SAKNAS = "import-rad-saknas", FEL  # app/importing.py
    IMPORT_SKADAD_FIL = "import-skadad-fil", FEL  # ledger/combine.py
    IMPORT_VERKSAMHET_UTAN_RAD = "import-verksamhet-utan-rad", FEL  # ledger/combine.py
    INFO_FOR_LANGT = "info-for-langt", FEL  # check/info.py
    INGA_NAMNDER = "inga-namnder", VARNING  # consolidate/collect.py
    KF_MAL_TEXT = "kf-mal-text", FEL  # check/registers.py, consolidate/count_tables.py
    KNAPP_DUBBEL_INSTALLNING = "knapp-dubbel-installning", FEL  # check/button_guard.py
    KNAPP_FIL_I_MAPPEN = "knapp-fil-i-mappen", FEL  # check/button_guard.py
    KNAPP_FORMEL = "knapp-formel", FEL  # check/button_guard.py
    KNAPP_LICENS = "knapp-licens", FEL  # check/button_guard.py
    KNAPP_MODUL_ANDRAD = "knapp-modul-andrad", FEL  # check/button_guard.py
    KNAPP_NAMN = "knapp-namn", FEL  # check/button_guard.py
    KNAPP_OKAND_INSTALLNING = "knapp-okand-installning", FEL  # check/button_guard.py
    KNAPP_PYTHONBLAD = "knapp-pythonblad", FEL  # check/button_guard.py
    KNAPP_SANT_FALSKT = "knapp-sant-falskt", FEL  # check/button_guard.py
    KNAPP_SKA_VARA_FALSKT = "knapp-ska-vara-falskt", FEL  # check/button_guard.py
    KNAPP_SKA_VARA_TOM = "knapp-ska-vara-tom", FEL  # check/button_guard.py
    KNAPP_TOLK = "knapp-tolk", FEL  # check/button_guard.py
    KNAPP_TOLK_BYTT = "knapp-tolk-bytt", VARNING  # app/nextperiod.py
    KNAPP_VBA_ANDRAD = "knapp-vba-andrad", VARNING  # check/button_guard.py
    KOLADA_INGA_ID = "kolada-inga-id", FEL  # app/kolada.py
    KOLADA_KOMMUNKOD = "kolada-kommunkod", FEL  # app/kolada.py
    KOLADA_SAKNAS = "kolada-saknas", INFO  # app/kolada.py
    KOLUMN_DOLD = "kolumn-dold", VARNING  # check/seen.py
    KOMMENTAR_SAKNAS = "kommentar-saknas", VARNING  # calc/figures.py
    KOMMUNBIDRAG_SUMMA = "kommunbidrag-summa", VARNING  # consolidate/economy_tables.py
    MAL_NR_DUBBLETT = "mal-nr-dubblett", FEL  # check/registers.py
    NEGATIV_INVESTERING = "negativ-investering", VARNING  # check/investments.py
    NEGATIVT_BELOPP = "negativt-belopp", FEL  # check/finance.py
    NIVA_HOPP = "niva-hopp", FEL  # check/investments.py
    OBLIGATORISK = "obligatorisk", FEL  # check/validator.py
    OGILTIGT_TECKEN = "ogiltigt-tecken", VARNING  # report/text.py
    OKAND_RAD = "okand-rad", FEL  # check/rows.py
    OKANT_MAL = "okant-mal", FEL  # check/registers.py
    OPPEN_I_EXCEL = "oppen-i-excel", VARNING  # check/book.py, consolidate/collect.py
    OTILLATET_VARDE = "otillatet-varde", FEL  # check/validator.py
    PERIODBUDGET_BERAKNAD = "periodbudget-beraknad", INFO  # check/statements.py
    POSITIV_KOSTNAD = "positiv-kostnad", VARNING  # check/statements.py
    PROFIL_EJ_OVERFORD = "profil-ej-overford", VARNING  # app/nextprofile.py
    PROFIL_SAMMA_VERSION = "profil-samma-version", VARNING  # app/nextprofile.py
    PROCENT_SOM_ANDEL = "procent-som-andel", VARNING  # check/typed_figures.py
    PROGNOS_EJ_REVIDERAD = "prognos-ej-reviderad", INFO  # calc/forecast.py
    PROGNOSHISTORIK_RAD_SAKNAS = "prognoshistorik-rad-saknas", VARNING  # consolidate/history.py
    PROGNOSHISTORIK_SAKNAS = "prognoshistorik-saknas", VARNING  # consolidate/history.py
    RAD_DOLD = "rad-dold", FEL  # check/seen.py
    RAD_ORDNING = "rad-ordning", VARNING  # check/rows.py
    RAD_SAKNAS = "rad-saknas", FEL  # check/rows.py
    RADER_EFTER_TOMRAD = "rader-efter-tomrad", VARNING  # check/validator.py
    RADETIKETT_SAKNAS = "radetikett-saknas", FEL  # check/rows.py
    RAPPORT_FORKORTAD = "rapport-forkortad", VARNING  # report/build.py
    RESULTATMAL = "resultatmal", VARNING  # consolidate/economy_tables.py
    RUBRIK_DUBBLETT = "rubrik-dubblett", FEL  # check/seen.py
    RUBRIK_SAKNAS = "rubrik-saknas", FEL  # check/validator.py
    SAMMANSTALLNING = "sammanstallning", FEL  # consolidate/collect.py
    SJUKFRANVARO_TOTAL = "sjukfranvaro-total", VARNING  # check/typed_figures.py
    SLUTMANAD_EJ_SENARE = "slutmanad-ej-senare", VARNING  # app/nextperiod.py
    SLUTMANAD_PERIOD = "slutmanad-period", FEL  # check/info.py
    SUMMA_AVVIKER = "summa-avviker", FEL  # calc/figures.py
    TAL_SOM_TEXT = "tal-som-text", INFO  # check/validator.py
    TALFORMAT_OSAKERT = "talformat-osakert", FEL  # check/typed_figures.py
    TALFORMAT_SKALAR = "talformat-skalar", INFO  # check/typed_figures.py
    TOM_KOLUMN = "tom-kolumn", VARNING  # check/statements.py
    TOM_RAPPORT = "tom-rapport", VARNING  # report/build.py
    TYPSNITT_SAKNAS = "typsnitt-saknas", VARNING  # app/reporting.py
    UTANFOR_INTERVALL = "utanfor-intervall", FEL  # check/history.py, check/validator.py
    UTFALL_EJ_UPPDATERAT = "utfall-ej-uppdaterat", INFO  # calc/forecast.py
    VAL_TOLKAT = "val-tolkat", INFO  # check/validator.py


DEFAULT_SEVERITY: dict[Code, str] = {code: code.severity for code in Code}

# The button's settings and VBA (check/button_guard.py); `next` writes them afresh.
BUTTON_CODES = frozenset(code for code in Code if code.name.startswith("KNAPP_"))
