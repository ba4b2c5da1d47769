"""Every claim's value and event's date is found in the paragraph it cites, and every number is coded.

These tests read the source texts from ``../shared/sources`` (or ``$JAWZJAN_SOURCES_DIR``). The
texts are not part of the project; without them the tests are skipped with that reason.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths
from analysis.data import provenance
from conftest import read_rows, set_cell, write_rows

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def texts(source_dir):
    return provenance.load_source_texts(source_dir)


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("some 10 to 15", [10, 15]),
        ("1,030", [1030]),
        ("eight", [8]),
        ("a dozen", [12]),
        ("not more than a few dozen", [36]),
        ("hundreds", [200]),
        ("some hundred", [100]),
        ("a couple of weeks", [2]),
        ("one Public Order Police", [1]),
        ("a number of civilians", []),
        ("40 to 50", [40, 50]),
    ],
)
def test_parse_numbers(text, numbers):
    assert provenance.parse_numbers(text) == numbers


@pytest.mark.parametrize(
    "text, language, numbers",
    [
        ("\u06f2\u06f3\u06f0", "fa", [230]),       # Persian digits
        ("\u0662\u0660\u0660", "ar", [200]),       # Arabic-Indic digits
        ("1\u066c030", "ar", [1030]),               # Arabic thousands separator
        ("une dizaine", "fr", [10]),
        ("ultimi due anni", "it", [2]),
        ("due to conflict", "en", []),               # an Italian number word is not an English one
    ],
)
def test_parse_numbers_in_other_scripts_and_languages(text, language, numbers):
    assert provenance.parse_numbers(text, language) == numbers


def test_paragraph_split_matches_the_convention():
    text = "Title\n\nFirst para\nstill first\n\n\n  \nSecond\n"
    assert provenance.paragraphs(text) == ["Title", "First para\nstill first", "Second"]


def test_every_held_source_is_read_and_matches_its_hash(texts):
    import csv

    with open(paths.RAW / "sources.csv", encoding="utf-8", newline="") as fh:
        held = {r["source_id"]: int(r["paragraphs"]) for r in csv.DictReader(fh) if r["held"] == "true"}
    assert texts.missing == {}
    assert {sid: len(t.paragraphs) for sid, t in texts.texts.items()} == held


def test_every_claim_value_is_in_its_paragraph(texts):
    assert provenance.check_claims(texts) == []


def test_every_event_date_is_in_its_paragraph(texts):
    assert provenance.check_events(texts) == []


def test_a_changed_value_is_caught(texts, project):
    line = set_cell(project, "claims", "cl_fighters_total_alp", "high", "1200")
    problems = provenance.check_claims(texts, project)
    assert problems == [f"claims.csv:{line}: cl_fighters_total_alp: value_text 'could total 1,000' states [1000], the row codes [1200]"]


def test_a_changed_value_in_persian_is_caught(texts, project):
    import csv

    with open(project / "data" / "raw" / "claims.csv", encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["kind"] == "number" and r["best"]
                   and any(c.isdigit() and not c.isascii() for c in r["value_text"]))
    wrong = str(int(row["best"]) + 1)
    line = set_cell(project, "claims", row["claim_id"], "best", wrong)
    problems = provenance.check_claims(texts, project)
    assert any(p.startswith(f"claims.csv:{line}: {row['claim_id']}: value_text") and f"the row codes [{wrong}]" in p for p in problems)


def test_a_wrong_paragraph_is_caught(texts, project):
    line = set_cell(project, "claims", "cl_killed_taleban_january", "locator", "¶11")
    set_cell(project, "claims", "cl_killed_taleban_january", "value_text", "nine")
    problems = provenance.check_claims(texts, project)
    assert f"claims.csv:{line}: cl_killed_taleban_january: value_text 'nine' is not in ¶11" in problems


def test_a_wrong_date_is_caught(texts, project):
    line = set_cell(project, "events", "ev_2018_feb_attacks", "date_start", "2018-02-25")
    set_cell(project, "events", "ev_2018_feb_attacks", "date_end", "2018-02-25")
    problems = provenance.check_events(texts, project)
    assert problems == [f"events.csv:{line}: ev_2018_feb_attacks: date_text '26 February 2018' names day(s) [26], the row has 2018-02-25 to 2018-02-25"]


def test_a_wrong_date_claim_is_caught(texts, project):
    import csv

    with open(project / "data" / "raw" / "claims.csv", encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["kind"] == "date" and re.search(r"\b20[01]\d\b", r["value_text"])
                   and r["value_date_start"][:4] == r["value_date_end"][:4])
    year = int(row["value_date_start"][:4])
    line = set_cell(project, "claims", row["claim_id"], "value_date_start", f"{year + 3}-01-01")
    set_cell(project, "claims", row["claim_id"], "value_date_end", f"{year + 3}-12-31")
    assert any(p.startswith(f"claims.csv:{line}: {row['claim_id']}: value_text") for p in provenance.check_claims(texts, project))


def test_an_inferred_date_must_say_how(texts, project):
    set_cell(project, "events", "ev_2016_nemat_joins", "date_note", "")
    set_cell(project, "events", "ev_2016_nemat_joins", "date_text", "")
    assert any("no date_text and no date_note" in p for p in provenance.check_events(texts, project))


def test_tampered_source_text_is_refused(tmp_path, source_dir):
    shutil.copytree(source_dir, tmp_path / "s")
    target = tmp_path / "s" / "aan-2018-precarious-consolidation.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nextra\n", encoding="utf-8")
    texts = provenance.load_source_texts(tmp_path / "s")
    assert "has sha256" in texts.missing["aan2018"]
    with pytest.raises(provenance.SourceMismatch, match="has sha256"):
        provenance.load_source_texts(tmp_path / "s", strict=True)


def test_a_missing_text_is_one_line_and_a_skip(tmp_path, source_dir):
    shutil.copytree(source_dir, tmp_path / "s")
    victim = next((tmp_path / "s" / "press").glob("2018-08-02-tolonews*.txt"))
    victim.unlink()
    env = {k: v for k, v in os.environ.items() if k != paths.SOURCES_ENV}
    env[paths.SOURCES_ENV] = str(tmp_path / "s")
    r = subprocess.run([sys.executable, "-m", "analysis", "provenance"], cwd=paths.ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    skipped = [l for l in r.stderr.splitlines() if l.startswith("provenance: skipped")]
    assert len(skipped) == 1 and victim.name in skipped[0]
    assert "Traceback" not in r.stderr


def test_a_misnamed_sources_directory_is_an_error(tmp_path):
    env = dict(os.environ, **{paths.SOURCES_ENV: str(tmp_path / "no-such-dir")})
    r = subprocess.run([sys.executable, "-m", "analysis", "provenance"], cwd=paths.ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "is not a directory" in r.stderr and "Traceback" not in r.stderr


def test_every_number_in_every_source_is_coded_or_listed(texts):
    """Each numeral or number word of every held text is a coded value, date or a listed, reasoned exception."""
    missing = provenance.uncoded_numbers(texts, provenance.read_exceptions(HERE / "uncoded_numbers.csv"))
    assert missing == [], f"{len(missing)} numbers in the sources that no claim, event or listed exception codes:\n" + "\n".join(missing[:40])


def test_listed_exceptions_exist_in_their_source_and_give_a_reason(texts):
    for e in provenance.read_exceptions(HERE / "uncoded_numbers.csv"):
        src = texts[e["source_id"]]
        assert provenance.normalise(e["words"]) in provenance.normalise(src.paragraphs[int(e["paragraph"]) - 1]), e
        assert e["reason"].strip(), e


def test_the_number_check_finds_an_uncoded_number(texts, project):
    path = project / "data" / "raw" / "claims.csv"
    header, rows = read_rows(path)
    i = header.index("claim_id")
    write_rows(path, header, [r for r in rows if r[i] != "cl_fighters_hamza"])
    missing = provenance.uncoded_numbers(texts, provenance.read_exceptions(HERE / "uncoded_numbers.csv"), project)
    assert any(m.startswith("aan2018 ¶27: '30'") for m in missing), missing[:5]
