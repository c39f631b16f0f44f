"""Every finding code, declared once, with its default severity.

A code names what a finding is about, in Swedish, lower case with hyphens (``rad-saknas``);
the message says the rest. The severity here is the default: a few checks raise or lower it
where they are used (``blad-samma-namn`` is a Varning outside the contract's sheets,
``rad-saknas`` follows the sheet's spec, ``kf-mal-text`` is a Varning in the compilation).
``tests/test_finding_codes.py`` fails on a code in the source that is not declared here.
``Code`` is a ``str`` enum: ``Code.RAD_SAKNAS == "rad-saknas"``, so the findings' codes
(plain strings) compare equal to its members.
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

    ANDELAR_SUMMA = "andelar-summa", FEL  # validate.py
    AR_EJ_NASTA = "ar-ej-nasta", FEL  # nextperiod.py
    AVSTAMNING_AVVIKER = "avstamning-avviker", FEL  # calc.py
    BALANSKRAV_NEGATIVT = "balanskrav-negativt", VARNING  # consolidate/tables.py
    BEDOMNING_AVVIKER = "bedomning-avviker", VARNING  # calc.py
    BEDOMNING_EJ_REVIDERAD = "bedomning-ej-reviderad", INFO  # forecast.py
    BLAD_DOLT = "blad-dolt", FEL  # validate.py
    BLAD_KROCKAR_MED_RESULTAT = "blad-krockar-med-resultat", FEL  # validate.py
    BLAD_SAKNAS = "blad-saknas", FEL  # validate.py
    BLAD_SAMMA_NAMN = "blad-samma-namn", FEL  # validate.py
    BUDGET_RESULTAT = "budget-resultat", VARNING  # consolidate/tables.py
    DUBBLETT = "dubblett", FEL  # validate.py
    EGET_BLAD_MED_RESULTATNAMN = "eget-blad-med-resultatnamn", FEL  # validate.py
    FEL_TECKEN = "fel-tecken", VARNING  # validate.py
    FEL_TYP = "fel-typ", FEL  # validate.py
    FELVARDE = "felvarde", FEL  # validate.py
    FINANSFORVALTNING_SAKNAS = "finansforvaltning-saknas", FEL  # consolidate/collect.py
    FORMEL_BERAKNAD = "formel-beraknad", INFO  # validate.py
    FORMEL_UTAN_VARDE = "formel-utan-varde", FEL  # validate.py
    HARD_LANK = "hard-lank", VARNING  # service.py
    HELTAL = "heltal", FEL  # validate.py
    HISTORIK_DUBBLETT = "historik-dubblett", FEL  # check_seen.py
    HISTORIK_FOR_LANG = "historik-for-lang", VARNING  # validate.py
    HISTORIK_NAMN = "historik-namn", FEL  # check_seen.py
    HISTORIK_OKAND_RAD = "historik-okand-rad", VARNING  # validate.py
    HISTORIK_OKANT_BLAD = "historik-okant-blad", VARNING  # validate.py
    HISTORIK_ORDNING = "historik-ordning", VARNING  # validate.py
    HISTORIK_SAMMA_KOLUMN = "historik-samma-kolumn", FEL  # check_seen.py
    IMPORT_ANSVAR = "import-ansvar", FEL  # importing.py
    IMPORT_ANSVAR_DUBBELT = "import-ansvar-dubbelt", FEL  # importing.py, ledger/combine.py
    IMPORT_AR_DUBBELT = "import-ar-dubbelt", FEL  # ledger/combine.py
    IMPORT_AR_SAKNAS = "import-ar-saknas", INFO  # ledger/combine.py
    IMPORT_BALANSKONTON = "import-balanskonton", INFO  # ledger/combine.py
    IMPORT_FEL_AR = "import-fel-ar", FEL  # ledger/combine.py
    IMPORT_INFO = "import-info", FEL  # importing.py
    IMPORT_INGET_URVAL = "import-inget-urval", FEL  # importing.py
    IMPORT_KONTO_UTAN_RAD = "import-konto-utan-rad", FEL  # ledger/combine.py
    IMPORT_LAMNAS = "import-lamnas", INFO  # ledger/combine.py
    IMPORT_PROJEKT_SUMMARAD = "import-projekt-summarad", FEL  # importing.py
    IMPORT_RAD_SAKNAS = "import-rad-saknas", FEL  # importing.py
    IMPORT_SKADAD_FIL = "import-skadad-fil", FEL  # ledger/combine.py
    IMPORT_VERKSAMHET_UTAN_RAD = "import-verksamhet-utan-rad", FEL  # ledger/combine.py
    INFO_FOR_LANGT = "info-for-langt", FEL  # validate.py
    INGA_NAMNDER = "inga-namnder", VARNING  # consolidate/collect.py
    KF_MAL_TEXT = "kf-mal-text", FEL  # consolidate/tables.py
    KNAPP_DUBBEL_INSTALLNING = "knapp-dubbel-installning", FEL  # button_guard.py
    KNAPP_FIL_I_MAPPEN = "knapp-fil-i-mappen", FEL  # button_guard.py
    KNAPP_FORMEL = "knapp-formel", FEL  # button_guard.py
    KNAPP_LICENS = "knapp-licens", FEL  # button_guard.py
    KNAPP_MODUL_ANDRAD = "knapp-modul-andrad", FEL  # button_guard.py
    KNAPP_NAMN = "knapp-namn", FEL  # button_guard.py
    KNAPP_OKAND_INSTALLNING = "knapp-okand-installning", FEL  # button_guard.py
    KNAPP_PYTHONBLAD = "knapp-pythonblad", FEL  # button_guard.py
    KNAPP_SANT_FALSKT = "knapp-sant-falskt", FEL  # button_guard.py
    KNAPP_SKA_VARA_FALSKT = "knapp-ska-vara-falskt", FEL  # button_guard.py
    KNAPP_SKA_VARA_TOM = "knapp-ska-vara-tom", FEL  # button_guard.py
    KNAPP_TOLK = "knapp-tolk", FEL  # button_guard.py
    KNAPP_TOLK_BYTT = "knapp-tolk-bytt", VARNING  # nextperiod.py
    KNAPP_VBA_ANDRAD = "knapp-vba-andrad", VARNING  # button_guard.py
    KOLADA_INGA_ID = "kolada-inga-id", FEL  # kolada.py
    KOLADA_KOMMUNKOD = "kolada-kommunkod", FEL  # kolada.py
    KOLADA_SAKNAS = "kolada-saknas", INFO  # kolada.py
    KOLUMN_DOLD = "kolumn-dold", VARNING  # check_seen.py
    KOMMENTAR_SAKNAS = "kommentar-saknas", VARNING  # calc.py
    KOMMUNBIDRAG_SUMMA = "kommunbidrag-summa", VARNING  # consolidate/tables.py
    MAL_NR_DUBBLETT = "mal-nr-dubblett", FEL  # validate.py
    NEGATIV_INVESTERING = "negativ-investering", VARNING  # validate.py
    NEGATIVT_BELOPP = "negativt-belopp", FEL  # validate.py
    NIVA_HOPP = "niva-hopp", FEL  # validate.py
    OBLIGATORISK = "obligatorisk", FEL  # validate.py
    OGILTIGT_TECKEN = "ogiltigt-tecken", VARNING  # report/text.py
    OKAND_RAD = "okand-rad", FEL  # validate.py
    OKANT_MAL = "okant-mal", FEL  # validate.py
    OPPEN_I_EXCEL = "oppen-i-excel", VARNING  # consolidate/collect.py
    OTILLATET_VARDE = "otillatet-varde", FEL  # validate.py
    PERIODBUDGET_BERAKNAD = "periodbudget-beraknad", INFO  # validate.py
    POSITIV_KOSTNAD = "positiv-kostnad", VARNING  # validate.py
    PROCENT_SOM_ANDEL = "procent-som-andel", VARNING  # check_typing.py
    PROGNOS_EJ_REVIDERAD = "prognos-ej-reviderad", INFO  # forecast.py
    PROGNOSHISTORIK_RAD_SAKNAS = "prognoshistorik-rad-saknas", VARNING  # consolidate/tables.py
    PROGNOSHISTORIK_SAKNAS = "prognoshistorik-saknas", VARNING  # consolidate/tables.py
    RAD_DOLD = "rad-dold", FEL  # check_seen.py
    RAD_ORDNING = "rad-ordning", VARNING  # validate.py
    RAD_SAKNAS = "rad-saknas", FEL  # validate.py
    RADER_EFTER_TOMRAD = "rader-efter-tomrad", VARNING  # validate.py
    RADETIKETT_SAKNAS = "radetikett-saknas", FEL  # validate.py
    RAPPORT_FORKORTAD = "rapport-forkortad", VARNING  # report/build.py
    RESULTATMAL = "resultatmal", VARNING  # consolidate/tables.py
    RUBRIK_DUBBLETT = "rubrik-dubblett", FEL  # check_seen.py
    RUBRIK_SAKNAS = "rubrik-saknas", FEL  # validate.py
    SAMMANSTALLNING = "sammanstallning", FEL  # consolidate/collect.py
    SJUKFRANVARO_TOTAL = "sjukfranvaro-total", VARNING  # check_typing.py
    SLUTMANAD_EJ_SENARE = "slutmanad-ej-senare", VARNING  # nextperiod.py
    SLUTMANAD_PERIOD = "slutmanad-period", FEL  # validate.py
    SUMMA_AVVIKER = "summa-avviker", FEL  # calc.py
    TAL_SOM_TEXT = "tal-som-text", INFO  # validate.py
    TALFORMAT_OSAKERT = "talformat-osakert", FEL  # check_typing.py
    TALFORMAT_SKALAR = "talformat-skalar", INFO  # check_typing.py
    TOM_KOLUMN = "tom-kolumn", VARNING  # validate.py
    TOM_RAPPORT = "tom-rapport", VARNING  # report/build.py
    TYPSNITT_SAKNAS = "typsnitt-saknas", VARNING  # service.py
    UTANFOR_INTERVALL = "utanfor-intervall", FEL  # validate.py
    UTFALL_EJ_UPPDATERAT = "utfall-ej-uppdaterat", INFO  # forecast.py
    VAL_TOLKAT = "val-tolkat", INFO  # validate.py


DEFAULT_SEVERITY: dict[Code, str] = {code: code.severity for code in Code}
