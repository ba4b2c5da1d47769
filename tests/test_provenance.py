"""Every claim's value and event's date is found in the paragraph it cites, and every number is coded.

These tests read the source texts from ``../shared/sources`` (or ``$JAWZJAN_SOURCES_DIR``). The
texts are not part of the project; without them the tests are skipped with that reason.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from analysis import paths
from analysis.data import provenance
from analysis.data.validate import locator_paragraphs
from conftest import set_cell

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


def test_paragraph_split_matches_the_convention():
    text = "Title\n\nFirst para\nstill first\n\n\n  \nSecond\n"
    assert provenance.paragraphs(text) == ["Title", "First para\nstill first", "Second"]


def test_source_hash_and_paragraph_count(texts):
    src = texts["aan2018"]
    assert len(src.paragraphs) == 47


def test_every_claim_value_is_in_its_paragraph(texts):
    assert provenance.check_claims(texts) == []


def test_every_event_date_is_in_its_paragraph(texts):
    assert provenance.check_events(texts) == []


def test_a_changed_value_is_caught(texts, project):
    line = set_cell(project, "claims", "cl_fighters_total_alp", "best", "1200")
    problems = provenance.check_claims(texts, project)
    assert problems == [f"claims.csv:{line}: cl_fighters_total_alp: value_text '1,000' states [1000], the row codes [1200]"]


def test_a_wrong_paragraph_is_caught(texts, project):
    line = set_cell(project, "claims", "cl_killed_taleban_january", "locator", "¶11")
    set_cell(project, "claims", "cl_killed_taleban_january", "value_text", "nine")
    problems = provenance.check_claims(texts, project)
    assert f"claims.csv:{line}: cl_killed_taleban_january: value_text 'nine' is not in ¶11" in problems


def test_a_wrong_date_is_caught(texts, project):
    line = set_cell(project, "events", "ev_2018_feb_attacks", "date_start", "2018-02-25")
    problems = provenance.check_events(texts, project)
    assert problems == [f"events.csv:{line}: ev_2018_feb_attacks: date_text names day(s) [26], date_start is 2018-02-25"]


def test_an_inferred_date_must_say_how(texts, project):
    set_cell(project, "events", "ev_2016_nemat_joins", "date_note", "")
    assert any("no date_text and no date_note" in p for p in provenance.check_events(texts, project))


def test_tampered_source_text_is_refused(tmp_path, source_dir):
    for p in source_dir.glob("*.txt"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8") + "\nextra\n", encoding="utf-8")
    with pytest.raises(provenance.SourceMismatch, match="has sha256"):
        provenance.load_source_texts(tmp_path)


def _coded_spans(texts) -> dict[int, list[str]]:
    """Per paragraph, the words the data codes there (values, dates, years of dated rows)."""
    spans: dict[int, list[str]] = {}

    def add(locator, words):
        for n in locator_paragraphs(locator):
            spans.setdefault(n, []).extend(w for w in words if w)

    for table, cols in {
        "claims": ("value_text", "period_start", "period_end", "stated_on"),
        "events": ("date_text", "date_start", "date_end"),
        "affiliations": ("start", "end"),
    }.items():
        with open(paths.RAW / f"{table}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                words = [row[c] if not re.match(r"\d{4}-", row[c]) else row[c][:4] for c in cols]
                add(row["locator"], words)
    return spans


NUMBER = re.compile(r"\b\d[\d,]*\b|\b(?:{})\b".format("|".join(provenance.NUMBER_WORDS)), re.IGNORECASE)


def test_every_number_in_the_source_is_coded(texts):
    """Each numeral or number word is covered by a coded value, date or a listed, reasoned exception."""
    spans = _coded_spans(texts)
    with open(HERE / "uncoded_numbers.csv", encoding="utf-8", newline="") as fh:
        exceptions = list(csv.DictReader(fh))
    for e in exceptions:
        spans.setdefault(int(e["paragraph"]), []).append(e["words"])
    src = texts["aan2018"]
    missing = []
    for n, para in enumerate(src.paragraphs, start=1):
        norm = provenance.normalise(para)
        covered = [False] * len(norm)
        for words in spans.get(n, []):
            w = provenance.normalise(words)
            for m in re.finditer(re.escape(w), norm):
                covered[m.start() : m.end()] = [True] * (m.end() - m.start())
        for m in NUMBER.finditer(norm):
            if not all(covered[m.start() : m.end()]):
                missing.append(f"¶{n}: {m.group()!r} in ...{norm[max(0, m.start() - 30) : m.end() + 30]}...")
    assert missing == [], "numbers in the source that no claim, event or listed exception codes:\n" + "\n".join(missing)


def test_listed_exceptions_exist_in_the_source(texts):
    src = texts["aan2018"]
    with open(HERE / "uncoded_numbers.csv", encoding="utf-8", newline="") as fh:
        for e in csv.DictReader(fh):
            assert provenance.normalise(e["words"]) in provenance.normalise(src.paragraphs[int(e["paragraph"]) - 1]), e
            assert e["reason"].strip(), e


def test_named_people_and_places_appear_in_the_source(texts):
    text = provenance.normalise("\n".join(texts["aan2018"].paragraphs))
    absent = []
    for table, kinds in (("actors", {"person"}), ("places", {"province", "district", "village"})):
        with open(paths.RAW / f"{table}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["kind"] not in kinds:
                    continue
                names = [row["name"], *filter(None, row["alt_names"].split(";"))]
                names = [re.sub(r"\s*\(.*\)$", "", n) for n in names]
                if not any(provenance.normalise(n) in text for n in names):
                    absent.append(f"{table}: {row['name']}")
    # the unnamed victims are described, not named
    assert absent == ["actors: Local resident accused of distributing amulets"]
