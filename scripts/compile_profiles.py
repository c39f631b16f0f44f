"""Remake the shipped profiles' JSON parse (src/excelreport/profile/NAME.parsed.json).

    python scripts/compile_profiles.py

Each profile is checked first; a faulty one stops the script and nothing is written.
"""

from excelreport.profile.compiled import write_compiled
from excelreport.profile.loader import SHIPPED, load_text, shipped_text

for name in SHIPPED:
    raw = shipped_text(name)
    load_text(raw, f"{name}.toml")
    print(write_compiled(name, raw))
