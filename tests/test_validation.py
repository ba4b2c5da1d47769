"""The validator accepts the real data and reports every broken rule with file, line, column and rule."""
from __future__ import annotations

import pytest

from analysis.data.validate import DataValidationError, check, validate_package
from conftest import line_of, read_rows, set_cell, write_rows


def messages(root) -> list[str]:
    return [str(p) for p in validate_package(root)]


def test_real_data_is_valid():
    assert validate_package() == []


@pytest.mark.parametrize(
    "table, row_id, column, value, expected",
    [
        ("claims", "cl_fighters_nemat", "best", "about 80", "claims.csv:{line}: best: type: not a whole number (about 80)"),
        ("events", "ev_2018_feb_attacks", "date_start", "2018-02-30", "events.csv:{line}: date_start: type: impossible date (2018-02-30)"),
        ("events", "ev_2018_feb_attacks", "date_start", "26/02/2018", "events.csv:{line}: date_start: type: not a date in YYYY-MM-DD form (26/02/2018)"),
        ("places", "darzab", "latitude", "north", "places.csv:{line}: latitude: type: not a finite decimal number (north)"),
        ("actors", "qari_hekmat", "description", "", "actors.csv:{line}: description: required: value missing (empty)"),
        ("claims", "cl_fighters_nemat", "qualifier", "roughly", "claims.csv:{line}: qualifier: enum: not one of exact, approx, at_least, at_most, range (roughly)"),
        ("claims", "cl_fighters_nemat", "low", "-5", None),
        ("events", "ev_2018_feb_attacks", "sub_event_type", "Peaceful protest", "events.csv:{line}: sub_event_type: taxonomy: not a sub-event type of Battles (Peaceful protest)"),
        ("claims", "cl_fighters_nemat", "claimant_id", "nobody", "claims.csv:{line}: claimant_id: foreign key: no actors.actor_id with this value (nobody)"),
        ("events", "ev_2018_feb_putaw", "parent_event_id", "ev_missing", "events.csv:{line}: parent_event_id: foreign key: no events.event_id with this value (ev_missing)"),
        ("claims", "cl_fighters_nemat", "locator", "¶48", "claims.csv:{line}: locator: locator: source aan2018 has only 47 paragraphs (¶48)"),
        ("claims", "cl_fighters_nemat", "locator", "p. 22", "claims.csv:{line}: locator: pattern: does not match ^¶[1-9][0-9]*(-[1-9][0-9]*)?$ (p. 22)"),
        ("events", "ev_2018_january_offensive", "locator", "¶10-9", "events.csv:{line}: locator: locator: range runs backwards (¶10-9)"),
        ("events", "ev_2018_feb_attacks", "date_end", "2018-02-25", "events.csv:{line}: date_end: order: date_start <= date_end (date_start=2018-02-26, date_end=2018-02-25)"),
        ("events", "ev_2018_feb_attacks", "date_start", "2018-05-01", "events.csv:{line}: date_start: coverage: outside aan2018's coverage 2009-01-01 to 2018-03-31 (2018-05-01)"),
        ("claims", "cl_displaced_unocha_families", "period_end", "2015-12-31", "claims.csv:{line}: period_end: order: period_start <= period_end (period_start=2016-01-01, period_end=2015-12-31)"),
        ("affiliations", "af06", "end", "2008-12-31", "affiliations.csv:{line}: end: order: start <= end (start=2009-01-01, end=2008-12-31)"),
    ],
)
def test_each_broken_cell_is_reported(project, table, row_id, column, value, expected):
    line = set_cell(project, table, row_id, column, value)
    found = messages(project)
    if expected is None:
        expected = f"{table}.csv:{line}: {column}: minimum: less than 0 ({value})"
    assert expected.format(line=line) in found


def test_low_best_high_order(project):
    line = set_cell(project, "claims", "cl_fighters_qudrat_gul", "low", "60")
    assert f"claims.csv:{line}: high: order: low <= best <= high (low=60, high=50)" in messages(project)


def test_qualifier_must_match_values(project):
    line = set_cell(project, "claims", "cl_fighters_nemat", "qualifier", "range")
    found = messages(project)
    assert f"claims.csv:{line}: best: qualifier: range takes no best (80)" in found
    assert f"claims.csv:{line}: low: qualifier: range needs low (empty)" in found
    assert f"claims.csv:{line}: high: qualifier: range needs high (empty)" in found


def test_duplicate_primary_key(project):
    path = project / "data" / "raw" / "actors.csv"
    header, rows = read_rows(path)
    rows.append(list(rows[0]))
    write_rows(path, header, rows)
    first = line_of(project, "actors", rows[0][0])
    assert f"actors.csv:{len(rows) + 1}: actor_id: primary key: duplicate of line {first} ({rows[0][0]})" in messages(project)


def test_duplicate_id_in_another_table_does_not_count(project):
    # the same identifier may be used in two tables; keys are per table
    path = project / "data" / "raw" / "places.csv"
    header, rows = read_rows(path)
    actor_id = read_rows(project / "data" / "raw" / "actors.csv")[1][0][0]
    clone = dict(zip(header, rows[0]))
    clone.update({"place_id": actor_id, "name": "A place named like an actor", "parent_id": "", "gazetteer_name": "",
                  "gazetteer_admin1": "", "latitude": "", "longitude": "", "coord_source": "", "geo_precision": ""})
    rows.append([clone[h] for h in header])
    write_rows(path, header, rows)
    assert actor_id in {r[0] for r in read_rows(path)[1]}
    assert validate_package(project) == []


def test_coordinates_go_with_their_source(project):
    line = set_cell(project, "places", "qush_tepa", "latitude", "36.1")
    found = messages(project)
    assert any(m.startswith(f"places.csv:{line}: latitude: coordinates:") for m in found)


def test_all_problems_are_reported_at_once(project):
    l1 = set_cell(project, "claims", "cl_fighters_nemat", "best", "x")
    l2 = set_cell(project, "events", "ev_2018_feb_attacks", "place_id", "atlantis")
    l3 = set_cell(project, "actors", "hamza", "kind", "wizard")
    with pytest.raises(DataValidationError) as err:
        check(project)
    text = str(err.value)
    assert text.startswith("3 problems in the data:")
    assert f"claims.csv:{l1}: best:" in text
    assert f"events.csv:{l2}: place_id: foreign key" in text
    assert f"actors.csv:{l3}: kind: enum" in text
    assert len(err.value.problems) == 3


def test_wrong_encoding_names_the_line(project):
    path = project / "data" / "raw" / "actors.csv"
    line = line_of(project, "actors", "haji_zainuddin")
    path.write_bytes(path.read_bytes().replace(b"Haji Zainuddin,Zainuddin", b"Haji Zain\xfcddin,Zainuddin", 1))
    found = messages(project)
    assert f"actors.csv:{line}: -: encoding: file is not valid UTF-8 (fc 64 64 69)" in found


@pytest.mark.parametrize("replacement", ['"Hamza\'s followers', 'Hamza\'s followers,"'])
def test_broken_quote_names_the_line_it_opens_on(project, replacement):
    path = project / "data" / "raw" / "claims.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = line_of(project, "claims", "cl_fighters_hamza")
    lines[line - 1] = lines[line - 1].replace("Hamza's followers", replacement, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert f"claims.csv:{line}: -: csv: unbalanced quote in the record starting here; rows after it were not checked (empty)" in messages(project)


def test_empty_table(project):
    path = project / "data" / "raw" / "administration.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    found = messages(project)
    assert "administration.csv:2: -: empty table: header but no data rows (empty)" in found


def test_unknown_and_missing_columns(project):
    path = project / "data" / "raw" / "places.csv"
    header, rows = read_rows(path)
    header = ["population" if h == "note" else h for h in header]
    write_rows(path, header, rows)
    found = messages(project)
    assert "places.csv:1: population: header: unknown column, not in datapackage.json (population)" in found
    assert "places.csv:1: note: header: missing column (note)" in found


def test_row_with_wrong_cell_count(project):
    path = project / "data" / "raw" / "sources.csv"
    header, rows = read_rows(path)
    line = line_of(project, "sources", rows[-1][0])
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + ",extra\n", encoding="utf-8")
    n = len(header)
    assert any(m.startswith(f"sources.csv:{line}: -: row has {n + 1} cells but the header has {n}") for m in messages(project))


def _raw_edit(project, table, fn):
    path = project / "data" / "raw" / f"{table}.csv"
    path.write_bytes(fn(path.read_bytes()))


def _set_quoted(project, table, row_id, column, value):
    """Set a cell and quote every cell, as a spreadsheet may save it (a CR inside quotes stays in its cell)."""
    import csv

    path = project / "data" / "raw" / f"{table}.csv"
    header, rows = read_rows(path)
    line = next(i for i, row in enumerate(rows, start=2) if row[0] == row_id)
    rows[line - 2][header.index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows([header, *rows])
    return line


# Faults that would otherwise break or falsify a later step; each is reported with file, line, column and rule.
FAULTS = {
    "byte-order mark": (lambda p: _raw_edit(p, "claims", lambda b: b"\xef\xbb\xbf" + b),
                        "claims.csv:1: -: encoding: byte-order mark at the start of the file"),
    "NUL byte": (lambda p: set_cell(p, "actors", "hamza", "description", "a\x00b"),
                 "actors.csv:{line}: description: character: control character U+0000"),
    "carriage return in a cell": (lambda p: _set_quoted(p, "actors", "hamza", "description", "a\rb"),
                                  "actors.csv:{line}: description: character: control character U+000D"),
    "Persian digits in a count": (lambda p: set_cell(p, "claims", "cl_fighters_hamza", "best", "\u06f3\u06f0"),
                                  "claims.csv:{line}: best: type: not a whole number in ASCII digits (0-9)"),
    "a count of 10^20": (lambda p: set_cell(p, "claims", "cl_fighters_hamza", "best", "100000000000000000000"),
                         "claims.csv:{line}: best: range: beyond"),
    "NaN coordinate": (lambda p: set_cell(p, "places", "darzab", "latitude", "nan"),
                       "places.csv:{line}: latitude: type: not a finite decimal number (nan)"),
    "infinite coordinate": (lambda p: set_cell(p, "places", "darzab", "longitude", "inf"),
                            "places.csv:{line}: longitude: type: not a finite decimal number (inf)"),
    "event its own parent": (lambda p: set_cell(p, "events", "ev_2018_feb_putaw", "parent_event_id", "ev_2018_feb_putaw"),
                             "events.csv:{line}: parent_event_id: reference: refers to its own row"),
    "place its own parent": (lambda p: set_cell(p, "places", "darzab", "parent_id", "darzab"),
                             "places.csv:{line}: parent_id: reference: refers to its own row"),
    "a copy of itself": (lambda p: set_cell(p, "sources", "aan2018", "copy_of", "aan2018"),
                         "sources.csv:{line}: copy_of: reference: refers to its own row"),
    "number without a unit": (lambda p: set_cell(p, "claims", "cl_fighters_hamza", "unit", ""),
                              "claims.csv:{line}: unit: kind: a number claim needs unit"),
}


@pytest.mark.parametrize("case", list(FAULTS))
def test_faults_that_would_break_a_later_step_are_reported(project, case):
    breaker, expected = FAULTS[case]
    line = breaker(project)
    found = messages(project)
    assert any(m.startswith(expected.format(line=line)) for m in found), found[:5]


def test_a_huge_cell_is_reported_with_the_other_errors(project):
    big = set_cell(project, "actors", "hamza", "description", "x" * 1_000_000)
    other = set_cell(project, "claims", "cl_fighters_nemat", "best", "eighty")
    found = messages(project)
    assert any(m.startswith(f"actors.csv:{big}: description: size: longer than") for m in found)
    assert f"claims.csv:{other}: best: type: not a whole number (eighty)" in found


def test_a_missing_column_is_reported_with_the_other_errors(project):
    path = project / "data" / "raw" / "places.csv"
    header, rows = read_rows(path)
    i = header.index("note")
    write_rows(path, header[:i] + header[i + 1:], [r[:i] + r[i + 1:] for r in rows])
    line = set_cell(project, "places", "darzab", "kind", "planet")
    found = messages(project)
    assert "places.csv:1: note: header: missing column (note)" in found
    assert any(m.startswith(f"places.csv:{line}: kind: enum: not one of") for m in found)
