"""The services both doors call: check (checking.py), report (reporting.py), run and build
(service.py), new (generate.py), next (nextperiod.py, nextprofile.py), import (importing.py),
kolada (kolada.py), the contract's document (contract_doc.py), where the report template is
found (templates_place.py) and its export (template_export.py).
"""
