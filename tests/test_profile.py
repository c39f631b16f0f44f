"""The kommun's profile: TOML checked as strictly as a workbook (every fault with its key
path and line, all at once), and the shipped profiles."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from excelreport.profile import ProfileError, load, load_text, shipped, shipped_text
from excelreport.profile.lines import key_lines

STANDARD = shipped_text("standard").decode("utf-8")


def faults_of(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(ProfileError) as info:
        load_text(text.encode("utf-8"), "p.toml")
    return [(f.line, f.path, f.message) for f in info.value.faults]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line containing ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def test_the_shipped_profiles_load():
    standard, bun = shipped("standard"), shipped("exempelby-bun")
    assert (standard.name, bun.name) == ("standard", "exempelby-bun")
    assert bun.units == ("mnkr",) and bun.comment.percent == 5 and bun.comment.default_limit == 1
    assert [p.closing_month for p in bun.periods] == [4, 8, 12] and bun.year_end.name == "Årsredovisning"
    rec = bun.per_activity.reconciliation
    assert (rec.sheet, rec.row, rec.own_row, str(rec.tolerance)) == ("Drift", "Nettokostnad",
                                                                     "Summa verksamheter", "0.05")
    assert [s.heading for s in bun.outline] == ["Sammanfattning", "Viktiga händelser", "Måluppföljning",
                                                "Ekonomi", "Verksamhetsmått", "Personal", "Framtid"]


@pytest.mark.parametrize("met, measured, level", [
    (0, 0, "Ej bedömt"), (3, 3, "Uppfyllt"), (2, 4, "Delvis uppfyllt"), (1, 3, "Ej uppfyllt"),
    (0, 2, "Ej uppfyllt"), (5, 9, "Delvis uppfyllt")])
def test_exempelby_suggestion_rule(met, measured, level):
    assert shipped("exempelby-bun").goal_scale.suggest(met, measured) == level


def test_syntax_error_names_tomllibs_line():
    text = STANDARD.replace('version = "1"', 'version = "1', 1)
    [(line, path, message)] = faults_of(text)
    assert line == line_of(text, 'version = "1') and path == "" and "TOML-syntaxfel" in message


def test_every_fault_at_once_with_key_path_and_line():
    text = (STANDARD
            .replace('namn = "standard"', 'namn = "standard"\nversio = "2"', 1)  # unknown key
            .replace('andel = 75', 'andel = "75"', 1)  # wrong type
            .replace('farg = "#F2C94C"', 'farg = "gul"', 1)  # not a colour
            .replace('typ = "finansnetto"', 'typ = "finans"', 1)  # unknown row kind
            .replace('"Verksamhetens nettokostnader", "Kommunbidrag", "Finansnetto"]',
                     '"Verksamhetens nettokostnader", "Kommunbidrag", "Finansnetto", "Skatter"]', 1)
            .replace('rubrik = "Uppdrag"', 'rubrik = "Verksamhet"', 1))  # two sections, one heading
    faults = faults_of(text)
    by_path = {path: (line, message) for line, path, message in faults}
    assert by_path["profil.versio"] == (line_of(text, "versio ="),
                                        "okänd nyckel 'versio'; menade du 'version'?")
    assert by_path["bedomning.nivaer[2].andel"][0] == line_of(text, 'andel = "75"')
    assert "ska vara ett tal, hittade text" in by_path["bedomning.nivaer[2].andel"][1]
    assert by_path["bedomning.nivaer[3].farg"][0] == line_of(text, 'farg = "gul"')
    assert "#RRGGBB" in by_path["bedomning.nivaer[3].farg"][1]
    assert by_path["drift[1].rader[9].typ"][0] == line_of(text, 'typ = "finans"')
    assert "'finans' är inte tillåtet" in by_path["drift[1].rader[9].typ"][1]
    assert by_path["drift[1].rader[10].summa_av[4]"] == (
        line_of(text, '"Skatter"'), "'Skatter' är ingen rad på bladet Drift")
    assert by_path["rapport.avsnitt[3].rubrik"] == (
        line_of(text, 'rubrik = "Verksamhet"', 2),
        "Rubriken 'Verksamhet' finns redan (rapport.avsnitt[1].rubrik)")
    assert len(faults) == 6
    assert [f[0] for f in faults] == sorted(f[0] for f in faults)  # in the file's order


def test_a_cycle_of_sums_is_named():
    text = STANDARD.replace('summa_av = ["Verksamhetens intäkter", "Verksamhetens kostnader"]',
                            'summa_av = ["Verksamhetens intäkter", "Årets resultat"]', 1)
    faults = faults_of(text)
    assert any(path == "drift[1].rader[7].summa_av" and message ==
               "summorna bildar en cirkel: Verksamhetens nettokostnader → Årets resultat → "
               "Verksamhetens nettokostnader" for _, path, message in faults), faults


def test_references_must_be_declared():
    text = (STANDARD.replace('{ typ = "text", nyckel = "Verksamhet" }',
                             '{ typ = "text", nyckel = "Verksamheten" }', 1)
            .replace('uppdrag = true', 'uppdrag = false', 1))
    messages = {path: m for _, path, m in faults_of(text)}
    assert messages["rapport.avsnitt[1].innehall[1].nyckel"] == (
        "'Verksamheten' är ingen av texter.nycklar (menade du 'Verksamhet'?)")
    assert messages["rapport.avsnitt[3].innehall[1].blad"].startswith("'Uppdrag' kan inte visas som tabell")


def test_a_huge_file_is_refused_before_parsing():
    raw = STANDARD.encode() + b"#" * 1_000_001
    with pytest.raises(ProfileError) as info:
        load_text(raw, "p.toml")
    assert "högst 1 000 000 byte" in str(info.value)


def test_not_utf8_and_deep_nesting_are_faults_not_tracebacks():
    with pytest.raises(ProfileError, match="p.toml:2: filen är inte UTF-8"):
        load_text(b"a = 1\nb = '\xff'\n", "p.toml")
    with pytest.raises(ProfileError):
        load_text(b"a = " + b"[" * 50_000 + b"]" * 50_000, "p.toml")


def test_missing_file_and_unknown_name():
    with pytest.raises(ProfileError, match="kan inte läsas"):
        load("/nonexistent/p.toml")
    with pytest.raises(ProfileError, match="ingen levererad profil heter så"):
        load("standrad")


def test_key_lines_follow_tables_arrays_and_inline_tables():
    text = ('[a]\nx = """1\n2"""\n[[b]]\nc = 1\n[[b]]\nc = [\n  { d = "e" },\n  { d = "f" },\n]\n'
            '[b.g]\nh = 2\n')
    lines = key_lines(text)
    assert lines["a.x"] == 2 and lines["b[1].c"] == 5 and lines["b[2].c[2].d"] == 9
    assert lines["b[2].g.h"] == 12


@pytest.mark.parametrize("name", ["standard", "exempelby-bun"])
def test_the_shipped_json_parse_is_fresh_and_equals_the_checked_toml(name):
    """The fast path (JSON beside the TOML) gives what parsing and checking the TOML gives;
    remake it with scripts/compile_profiles.py when this fails."""
    import tomllib

    from excelreport.profile.compiled import read_compiled

    raw = shipped_text(name)
    assert read_compiled(name, raw) == tomllib.loads(raw.decode("utf-8"))
    assert shipped(name) == load_text(raw, f"{name}.toml")


def test_a_stale_json_parse_is_not_used():
    from excelreport.profile.compiled import read_compiled

    assert read_compiled("standard", shipped_text("standard") + b"\n# changed\n") is None


def test_a_file_equal_to_a_shipped_profile_is_that_profile(tmp_path):
    path = tmp_path / "kopia.toml"
    path.write_bytes(shipped_text("exempelby-bun"))
    assert load(path) is shipped("exempelby-bun")


def test_counts_and_lengths_are_bounded():
    statement = STANDARD[STANDARD.index("[[drift]]"):STANDARD.index("[[drift]]", STANDARD.index("[[drift]]") + 1)]
    many = STANDARD + "".join(statement.replace('blad = "Drift"', f'blad = "D{n}"').replace(
        'roll = "drift"', 'roll = "exploatering"') for n in range(10))
    messages = {path: m for _, path, m in faults_of(many)}
    assert messages["drift"] == "har 12 element, högst 10 tillåts"
    long_name = STANDARD.replace('namn = "Kommunbidrag"', f'namn = "{"K" * 501}"', 1)
    assert any(m == "texten är 501 tecken lång, högst 500 tillåts" for _, _, m in faults_of(long_name))


LINES = STANDARD.splitlines()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.sampled_from(
    ["", "x = 1", "[x]", "[[drift]]", 'typ = "summa"', "summa_av = []", "namn = 3", "]", "nivaer = {}",
     'farg = "#12345"', "rubrik = \"Verksamhet\"", "[[rapport.avsnitt]]"])), min_size=1, max_size=4))
def test_a_mangled_profile_is_a_profile_or_a_profile_error_never_a_traceback(edits):
    lines = list(LINES)
    for at, text in edits:
        lines[at] = text
    try:
        load_text("\n".join(lines).encode("utf-8"), "p.toml")
    except ProfileError as exc:
        assert exc.faults and all(f.line >= 1 and f.message for f in exc.faults)
