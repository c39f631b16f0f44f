"""The Word report of a board: figures from calc.Results, look from templates/rapport.docx.

``document`` builds the .docx on the template, ``sections`` writes the reference report's
sections, ``charts`` makes Word charts (XlsxWriter, imported only here), ``pdf`` converts
through LibreOffice. Heavy libraries are imported by these modules only, so ``check`` and
``run`` never pay for them.
"""
