"""The services both doors call: check, run, report and build (service.py), new (generate.py), next
(nextperiod.py, nextprofile.py), import (importing.py), kolada (kolada.py), the contract's
document (contract_doc.py) and where the report template is found (templates_place.py).
"""
