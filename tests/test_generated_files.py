"""Committed generated files are what the code makes of the data: codebook, processed tables, coordinates."""
from __future__ import annotations

import os
import subprocess
import sys

from analysis import paths
from analysis.data.codebook import render
from analysis.data.gazetteer import places_text
from analysis.data.processed import TABLES, write_all
from analysis.data.schema import resources
from conftest import project_env, read_rows, set_cell


def test_codebook_is_generated_from_the_schema():
    assert paths.CODEBOOK.read_text(encoding="utf-8") == render(), "run `make data` to regenerate the codebook"


def test_codebook_documents_every_column():
    text = render()
    for res in resources().values():
        for f in res.fields:
            assert f"| `{f.name}` |" in text


def test_processed_tables_are_current(tmp_path):
    write_all(tmp_path)
    for name in TABLES:
        fresh = (tmp_path / name).read_bytes()
        assert (paths.PROCESSED / name).read_bytes() == fresh, f"data/processed/{name} is stale: run `make data`"


def test_coordinates_come_from_the_gazetteer():
    text, problems = places_text()
    assert problems == []
    assert (paths.RAW / "places.csv").read_text(encoding="utf-8") == text, "run `make geocode`"


def test_places_without_a_gazetteer_entry_have_no_coordinates():
    import analysis

    places = analysis.load_places()
    no_entry = places[places["gazetteer_name"].isna()]
    assert no_entry["latitude"].isna().all() and no_entry["longitude"].isna().all()
    assert "qush_tepa" in set(no_entry["place_id"])


def _run(args, cwd):
    # on a copy, the copy's library runs (and reads the copy's data)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} if cwd == paths.ROOT else project_env(cwd)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_cli_validate_passes_on_real_data():
    r = _run(["-m", "analysis", "validate"], paths.ROOT)
    assert r.returncode == 0, r.stderr
    assert "no problems" in r.stdout


def test_cli_validate_fails_with_every_problem(project_with_library):
    project = project_with_library
    l1 = set_cell(project, "claims", "cl_fighters_hamza", "best", "thirty")
    l2 = set_cell(project, "events", "ev_2018_leaflets", "event_type", "Rumour")
    r = _run(["-m", "analysis", "validate"], project)
    assert r.returncode == 1
    assert "data validation failed: 2 problems" in r.stderr
    assert f"data/raw/claims.csv:{l1}: best: type: not a whole number (thirty)" in r.stderr
    assert f"data/raw/events.csv:{l2}: event_type: enum: not one of" in r.stderr


def test_cli_processed_writes_nothing_on_bad_data(project_with_library):
    project = project_with_library
    before = {p.name: p.read_bytes() for p in (project / "data" / "processed").iterdir()}
    set_cell(project, "claims", "cl_fighters_hamza", "best", "thirty")
    r = _run(["-m", "analysis", "processed"], project)
    assert r.returncode == 1 and "not a whole number" in r.stderr
    after = {p.name: p.read_bytes() for p in (project / "data" / "processed").iterdir()}
    assert after == before


def test_frictionless_validates_the_package():
    import frictionless
    report = frictionless.validate(str(paths.DATAPACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])


def test_frictionless_catches_a_dangling_foreign_key(project):
    import frictionless
    set_cell(project, "claims", "cl_fighters_hamza", "claimant_id", "nobody")
    report = frictionless.validate(str(project / "data" / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {e[2] for e in report.flatten(["rowNumber", "fieldName", "type"])}


FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd"]


def test_spreadsheet_formulas_are_neutralised_in_processed_tables(in_project):
    """Each kind of formula start, one per actor's name, in a single build of the processed tables."""
    import csv

    project = in_project
    header, rows = read_rows(project / "data" / "raw" / "affiliations.csv")
    named = list(dict.fromkeys(r[header.index("actor_id")] for r in rows))[: len(FORMULAS)]
    assert len(named) == len(FORMULAS)
    for actor_id, cell in zip(named, FORMULAS):
        set_cell(project, "actors", actor_id, "name", cell)
    write_all(project / "data" / "processed")
    with open(project / "data" / "processed" / "affiliations.csv", encoding="utf-8", newline="") as fh:
        names = {row["actor_name"] for row in csv.DictReader(fh)}
    for cell in FORMULAS:
        assert "'" + cell in names and cell not in names, cell


def test_a_signed_number_is_not_mistaken_for_a_formula():
    from analysis.files import neutralise_formula

    assert neutralise_formula("-5") == "-5" and neutralise_formula("+3.5") == "+3.5"
