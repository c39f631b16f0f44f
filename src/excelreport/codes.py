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
    """A finding's code (the module that raises it today in the comment)."""

    ANDELAR_SUMMA = "andelar-summa"  # validate.py
    AR_EJ_NASTA = "ar-ej-nasta"  # nextperiod.py
    BALANSKRAV_NEGATIVT = "balanskrav-negativt"  # consolidate/tables.py
    BEDOMNING_AVVIKER = "bedomning-avviker"  # calc.py
    BLAD_DOLT = "blad-dolt"  # validate.py
    BLAD_KROCKAR_MED_RESULTAT = "blad-krockar-med-resultat"  # validate.py
    BLAD_SAKNAS = "blad-saknas"  # validate.py
    BLAD_SAMMA_NAMN = "blad-samma-namn"  # validate.py
    BUDGET_RESULTAT = "budget-resultat"  # consolidate/tables.py
    DUBBLETT = "dubblett"  # validate.py
    EGET_BLAD_MED_RESULTATNAMN = "eget-blad-med-resultatnamn"  # validate.py
    FEL_TYP = "fel-typ"  # validate.py
    FELVARDE = "felvarde"  # validate.py
    FINANSFORVALTNING_SAKNAS = "finansforvaltning-saknas"  # consolidate/collect.py
    FORMEL_BERAKNAD = "formel-beraknad"  # validate.py
    FORMEL_UTAN_VARDE = "formel-utan-varde"  # validate.py
    HARD_LANK = "hard-lank"  # service.py
    HELTAL = "heltal"  # validate.py
    HISTORIK_DUBBLETT = "historik-dubblett"  # check_seen.py
    HISTORIK_FOR_LANG = "historik-for-lang"  # validate.py
    HISTORIK_NAMN = "historik-namn"  # check_seen.py
    HISTORIK_OKAND_RAD = "historik-okand-rad"  # validate.py
    HISTORIK_OKANT_BLAD = "historik-okant-blad"  # validate.py
    HISTORIK_ORDNING = "historik-ordning"  # validate.py
    INFO_FOR_LANGT = "info-for-langt"  # validate.py
    INGA_NAMNDER = "inga-namnder"  # consolidate/collect.py
    KF_MAL_TEXT = "kf-mal-text"  # consolidate/tables.py
    KNAPP_DUBBEL_INSTALLNING = "knapp-dubbel-installning"  # button_guard.py
    KNAPP_FIL_I_MAPPEN = "knapp-fil-i-mappen"  # button_guard.py
    KNAPP_FORMEL = "knapp-formel"  # button_guard.py
    KNAPP_LICENS = "knapp-licens"  # button_guard.py
    KNAPP_MODUL_ANDRAD = "knapp-modul-andrad"  # button_guard.py
    KNAPP_NAMN = "knapp-namn"  # button_guard.py
    KNAPP_OKAND_INSTALLNING = "knapp-okand-installning"  # button_guard.py
    KNAPP_PYTHONBLAD = "knapp-pythonblad"  # button_guard.py
    KNAPP_SANT_FALSKT = "knapp-sant-falskt"  # button_guard.py
    KNAPP_SKA_VARA_FALSKT = "knapp-ska-vara-falskt"  # button_guard.py
    KNAPP_SKA_VARA_TOM = "knapp-ska-vara-tom"  # button_guard.py
    KNAPP_TOLK = "knapp-tolk"  # button_guard.py
    KNAPP_TOLK_BYTT = "knapp-tolk-bytt"  # nextperiod.py
    KNAPP_VBA_ANDRAD = "knapp-vba-andrad"  # button_guard.py
    KOLUMN_DOLD = "kolumn-dold"  # check_seen.py
    KOMMENTAR_SAKNAS = "kommentar-saknas"  # calc.py
    KOMMUNBIDRAG_SUMMA = "kommunbidrag-summa"  # consolidate/tables.py
    MAL_NR_DUBBLETT = "mal-nr-dubblett"  # validate.py
    NEGATIV_INVESTERING = "negativ-investering"  # validate.py
    NEGATIVT_BELOPP = "negativt-belopp"  # validate.py
    NIVA_HOPP = "niva-hopp"  # validate.py
    OBLIGATORISK = "obligatorisk"  # validate.py
    OGILTIGT_TECKEN = "ogiltigt-tecken"  # report/text.py
    OKAND_RAD = "okand-rad"  # validate.py
    OKANT_MAL = "okant-mal"  # validate.py
    OPPEN_I_EXCEL = "oppen-i-excel"  # consolidate/collect.py
    OTILLATET_VARDE = "otillatet-varde"  # validate.py
    PERIODBUDGET_BERAKNAD = "periodbudget-beraknad"  # validate.py
    POSITIV_KOSTNAD = "positiv-kostnad"  # validate.py
    PROCENT_SOM_ANDEL = "procent-som-andel"  # check_typing.py
    PROGNOS_EJ_REVIDERAD = "prognos-ej-reviderad"  # forecast.py
    PROGNOSHISTORIK_RAD_SAKNAS = "prognoshistorik-rad-saknas"  # consolidate/tables.py
    PROGNOSHISTORIK_SAKNAS = "prognoshistorik-saknas"  # consolidate/tables.py
    RAD_DOLD = "rad-dold"  # check_seen.py
    RAD_ORDNING = "rad-ordning"  # validate.py
    RAD_SAKNAS = "rad-saknas"  # validate.py
    RADER_EFTER_TOMRAD = "rader-efter-tomrad"  # validate.py
    RADETIKETT_SAKNAS = "radetikett-saknas"  # validate.py
    RAPPORT_FORKORTAD = "rapport-forkortad"  # report/build.py
    RESULTATMAL = "resultatmal"  # consolidate/tables.py
    RUBRIK_DUBBLETT = "rubrik-dubblett"  # check_seen.py
    RUBRIK_SAKNAS = "rubrik-saknas"  # validate.py
    SAMMANSTALLNING = "sammanstallning"  # consolidate/collect.py
    SJUKFRANVARO_TOTAL = "sjukfranvaro-total"  # check_typing.py
    SLUTMANAD_EJ_SENARE = "slutmanad-ej-senare"  # nextperiod.py
    SUMMA_AVVIKER = "summa-avviker"  # calc.py
    TAL_SOM_TEXT = "tal-som-text"  # validate.py
    TALFORMAT_OSAKERT = "talformat-osakert"  # check_typing.py
    TALFORMAT_SKALAR = "talformat-skalar"  # check_typing.py
    TOM_KOLUMN = "tom-kolumn"  # validate.py
    TOM_RAPPORT = "tom-rapport"  # report/build.py
    UTANFOR_INTERVALL = "utanfor-intervall"  # validate.py
    VAL_TOLKAT = "val-tolkat"  # validate.py


DEFAULT_SEVERITY: dict[Code, str] = {
    Code.ANDELAR_SUMMA: FEL,
    Code.AR_EJ_NASTA: FEL,
    Code.BALANSKRAV_NEGATIVT: VARNING,
    Code.BEDOMNING_AVVIKER: VARNING,
    Code.BLAD_DOLT: FEL,
    Code.BLAD_KROCKAR_MED_RESULTAT: FEL,
    Code.BLAD_SAKNAS: FEL,
    Code.BLAD_SAMMA_NAMN: FEL,
    Code.BUDGET_RESULTAT: VARNING,
    Code.DUBBLETT: FEL,
    Code.EGET_BLAD_MED_RESULTATNAMN: FEL,
    Code.FEL_TYP: FEL,
    Code.FELVARDE: FEL,
    Code.FINANSFORVALTNING_SAKNAS: FEL,
    Code.FORMEL_BERAKNAD: INFO,
    Code.FORMEL_UTAN_VARDE: FEL,
    Code.HARD_LANK: VARNING,
    Code.HELTAL: FEL,
    Code.HISTORIK_DUBBLETT: FEL,
    Code.HISTORIK_FOR_LANG: VARNING,
    Code.HISTORIK_NAMN: FEL,
    Code.HISTORIK_OKAND_RAD: VARNING,
    Code.HISTORIK_OKANT_BLAD: VARNING,
    Code.HISTORIK_ORDNING: VARNING,
    Code.INFO_FOR_LANGT: FEL,
    Code.INGA_NAMNDER: VARNING,
    Code.KF_MAL_TEXT: FEL,
    Code.KNAPP_DUBBEL_INSTALLNING: FEL,
    Code.KNAPP_FIL_I_MAPPEN: FEL,
    Code.KNAPP_FORMEL: FEL,
    Code.KNAPP_LICENS: FEL,
    Code.KNAPP_MODUL_ANDRAD: FEL,
    Code.KNAPP_NAMN: FEL,
    Code.KNAPP_OKAND_INSTALLNING: FEL,
    Code.KNAPP_PYTHONBLAD: FEL,
    Code.KNAPP_SANT_FALSKT: FEL,
    Code.KNAPP_SKA_VARA_FALSKT: FEL,
    Code.KNAPP_SKA_VARA_TOM: FEL,
    Code.KNAPP_TOLK: FEL,
    Code.KNAPP_TOLK_BYTT: VARNING,
    Code.KNAPP_VBA_ANDRAD: VARNING,
    Code.KOLUMN_DOLD: VARNING,
    Code.KOMMENTAR_SAKNAS: VARNING,
    Code.KOMMUNBIDRAG_SUMMA: VARNING,
    Code.MAL_NR_DUBBLETT: FEL,
    Code.NEGATIV_INVESTERING: VARNING,
    Code.NEGATIVT_BELOPP: FEL,
    Code.NIVA_HOPP: FEL,
    Code.OBLIGATORISK: FEL,
    Code.OGILTIGT_TECKEN: VARNING,
    Code.OKAND_RAD: FEL,
    Code.OKANT_MAL: FEL,
    Code.OPPEN_I_EXCEL: VARNING,
    Code.OTILLATET_VARDE: FEL,
    Code.PERIODBUDGET_BERAKNAD: INFO,
    Code.POSITIV_KOSTNAD: VARNING,
    Code.PROCENT_SOM_ANDEL: VARNING,
    Code.PROGNOS_EJ_REVIDERAD: INFO,
    Code.PROGNOSHISTORIK_RAD_SAKNAS: VARNING,
    Code.PROGNOSHISTORIK_SAKNAS: VARNING,
    Code.RAD_DOLD: FEL,
    Code.RAD_ORDNING: VARNING,
    Code.RAD_SAKNAS: FEL,
    Code.RADER_EFTER_TOMRAD: VARNING,
    Code.RADETIKETT_SAKNAS: FEL,
    Code.RAPPORT_FORKORTAD: VARNING,
    Code.RESULTATMAL: VARNING,
    Code.RUBRIK_DUBBLETT: FEL,
    Code.RUBRIK_SAKNAS: FEL,
    Code.SAMMANSTALLNING: FEL,
    Code.SJUKFRANVARO_TOTAL: VARNING,
    Code.SLUTMANAD_EJ_SENARE: VARNING,
    Code.SUMMA_AVVIKER: FEL,
    Code.TAL_SOM_TEXT: INFO,
    Code.TALFORMAT_OSAKERT: FEL,
    Code.TALFORMAT_SKALAR: INFO,
    Code.TOM_KOLUMN: VARNING,
    Code.TOM_RAPPORT: VARNING,
    Code.UTANFOR_INTERVALL: FEL,
    Code.VAL_TOLKAT: INFO,
}
