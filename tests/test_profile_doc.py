"""docs/kommunprofil.md documents exactly the keys the profile has (a documented key that is
not honoured, or an honoured one not documented, is a defect), and its example is valid."""

from __future__ import annotations

import re
from pathlib import Path

from excelreport.profile.keys import ROOT, Key, key_paths
from wbtools import run

DOC = (Path(__file__).resolve().parents[1] / "docs" / "kommunprofil.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| `([a-z_.]+)` \| ([^|]+?) \| ([^|]+?) \| ([^|]+?) \| ([^|]+?) \|$", re.M)


def normal(path: str) -> str:
    """Sub-sections have the section's keys: ``avsnitt.delavsnitt.delavsnitt.rubrik`` is
    documented as ``avsnitt.rubrik``, the nesting once as ``avsnitt.delavsnitt``."""
    path = re.sub(r"(\.delavsnitt)+\.", ".", path)
    return re.sub(r"(\.delavsnitt)+$", ".delavsnitt", path)


def documented() -> dict[str, tuple[str, ...]]:
    return {m.group(1): m.groups()[1:] for m in ROW.finditer(DOC)}


def key_at(path: str) -> Key:
    key = ROOT
    for name in path.split("."):
        key = key.key(name)
    return key


def test_every_key_is_documented_and_every_documented_key_exists():
    schema = {normal(p) for p in key_paths()}
    doc = set(documented())
    assert schema - doc == set(), "nycklar som saknas i docs/kommunprofil.md"
    assert doc - schema == set(), "dokumenterade nycklar som profilen inte har"


def test_documented_type_required_and_allowed_values_match_the_schema():
    for path, (kind, default, allowed, _meaning) in documented().items():
        key = key_at(path)
        assert kind == key.type, path
        assert (default == "krävs") == key.required, path
        for value in key.allowed:
            assert f"`{value}`" in allowed, (path, value)
        if key.default is True or key.default is False:
            assert default == f"`{str(key.default).lower()}`", path


def test_the_worked_example_passes_profil_check(tmp_path):
    example = DOC.split("## Exempel")[1].split("```toml\n")[1].split("```")[0]
    path = tmp_path / "smaby-son.toml"
    path.write_text(example, encoding="utf-8")
    result = run("profil", "check", path)
    assert (result.code, result.out) == (0, "Profilen smaby-son (version 2025.1) är giltig: 7 inmatningsblad, "
                                            "4 resultatblad, 4 avsnitt i rapporten.\n")
    out = run("contract", "--profil", path).out
    sheets = re.findall(r"^## `([^`]+)`", out.split("# Finansförvaltningens arbetsbok")[0], re.M)
    assert sheets == ["Info", "Texter", "Mål", "Indikatorer", "Drift", "Personal", "Sjukfrånvaro"]
