"""excelreport: delårsrapporter ur standardiserade Excel-arbetsböcker."""

__version__ = "0.1.0"
