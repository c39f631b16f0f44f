"""The .xlsx layer under ``read.xlsx`` (the reader) and ``write.xlsx`` (the writer).

``opc`` knows the package: namespaces, part names, relationships and content types, parsed
once for both. The reader's modules: ``limits``, ``parts``, ``strings``, ``numfmts``,
``sheet_reader``, ``first_row``. The writer's: ``xmltext``, ``untrusted``, ``styles``,
``sheetxml``, ``package``, ``workbook_edit``, ``zipcopy``.
"""
