"""Bad input and faults: make stops with a clear message and every previous output survives.

Each test works on a copy of the project that make sees as up to date, breaks one thing, runs
`make all` and checks the exit status, the message (file, line, column or key, and the rule) and
that every generated output is byte for byte what it was.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

from conftest import line_of, make, outputs, project_env, read_rows, set_cell, write_rows


def test_copy_is_up_to_date(built_project):
    r = make(built_project, "-q", "all")
    assert r.returncode == 0, "the copy should need no work: run `make all` in the project first"


def _edit(root: Path, table: str, fn) -> None:
    path = root / "data" / "raw" / f"{table}.csv"
    header, rows = read_rows(path)
    header, rows = fn(header, rows)
    write_rows(path, header, rows)


def _raw(root: Path, table: str, fn) -> None:
    path = root / "data" / "raw" / f"{table}.csv"
    path.write_bytes(fn(path.read_bytes()))


BAD_DATA = {
    "wrong type": (lambda r: set_cell(r, "claims", "cl_fighters_hamza", "best", "about thirty"),
                   "claims.csv:{line}: best: type: not a whole number (about thirty)", ("claims", "cl_fighters_hamza")),
    "missing required value": (lambda r: set_cell(r, "events", "ev_2018_leaflets", "summary", ""),
                               "events.csv:{line}: summary: required: value missing (empty)", ("events", "ev_2018_leaflets")),
    "unknown enum value": (lambda r: set_cell(r, "claims", "cl_fighters_hamza", "unit", "men"),
                           "claims.csv:{line}: unit: enum: not one of", ("claims", "cl_fighters_hamza")),
    "dangling foreign key": (lambda r: set_cell(r, "affiliations", "af10", "group_id", "nobody"),
                             "affiliations.csv:{line}: group_id: foreign key: no actors.actor_id with this value (nobody)", ("affiliations", "af10")),
    "low above high": (lambda r: set_cell(r, "claims", "cl_fighters_qudrat_gul", "low", "55"),
                       "claims.csv:{line}: high: order: low <= best <= high (low=55, high=50)", ("claims", "cl_fighters_qudrat_gul")),
    "impossible date": (lambda r: set_cell(r, "events", "ev_2018_feb_putaw", "date_end", "2018-02-30"),
                        "events.csv:{line}: date_end: type: impossible date (2018-02-30)", ("events", "ev_2018_feb_putaw")),
    "locator past the end": (lambda r: set_cell(r, "claims", "cl_council_members", "locator", "¶52"),
                             "claims.csv:{line}: locator: locator: source aan2018 has only 47 paragraphs (¶52)", ("claims", "cl_council_members")),
}


@pytest.mark.parametrize("case", list(BAD_DATA))
def test_bad_cell_fails_make_and_keeps_outputs(built_project, case):
    breaker, expected, (table, row_id) = BAD_DATA[case]
    line = line_of(built_project, table, row_id)
    before = outputs(built_project)
    breaker(built_project)
    r = make(built_project, "all")
    assert r.returncode != 0
    assert expected.format(line=line) in r.stderr, r.stderr[-3000:]
    assert "[run]" not in r.stdout
    assert outputs(built_project) == before


def test_duplicate_key(built_project):
    before = outputs(built_project)
    _edit(built_project, "places", lambda h, rows: (h, rows + [list(rows[3])]))
    n = len(read_rows(built_project / "data" / "raw" / "places.csv")[1]) + 1
    r = make(built_project, "all")
    assert r.returncode != 0
    assert f"places.csv:{n}: place_id: primary key: duplicate of line 5 (jawzjan)" in r.stderr
    assert outputs(built_project) == before


def test_broken_quote(built_project):
    before = outputs(built_project)
    line = line_of(built_project, "actors", "hamza")
    _raw(built_project, "actors", lambda b: b.replace(b"hamza,Hamza,", b'hamza,"Hamza,', 1))
    r = make(built_project, "all")
    assert r.returncode != 0
    assert f"actors.csv:{line}: -: csv: unbalanced quote in the record starting here" in r.stderr
    assert outputs(built_project) == before


def test_wrong_encoding(built_project):
    before = outputs(built_project)
    line = line_of(built_project, "places", "sayad")
    _raw(built_project, "places", lambda b: b.replace(b"Sayyad", "Sayy\u00e2d".encode("latin-1"), 1))
    r = make(built_project, "all")
    assert r.returncode != 0
    assert f"places.csv:{line}: -: encoding: file is not valid UTF-8" in r.stderr
    assert outputs(built_project) == before


def test_empty_table(built_project):
    before = outputs(built_project)
    _raw(built_project, "administration", lambda b: b.split(b"\n")[0] + b"\n")
    r = make(built_project, "all")
    assert r.returncode != 0
    assert "administration.csv:2: -: empty table: header but no data rows" in r.stderr
    assert outputs(built_project) == before


def test_extra_unknown_column(built_project):
    before = outputs(built_project)
    _edit(built_project, "sources", lambda h, rows: (h + ["rating"], [r + ["5"] for r in rows]))
    r = make(built_project, "all")
    assert r.returncode != 0
    assert "sources.csv:1: rating: header: unknown column, not in datapackage.json (rating)" in r.stderr
    assert outputs(built_project) == before


BAD_PARAMETERS = {
    "choice": ("fighter_strength", "estimate", '"median"', "estimate = 'median' is not allowed: use one of 'low', 'best', 'high'"),
    "number": ("displacement", "persons_per_family", "-3", "persons_per_family = -3 is not allowed: use None (derive it from the data) or a number from 1 to 20"),
    "integer range": ("timeline", "start", "1999", "start = 1999 is not allowed: use a whole number from 2009 to 2018"),
    "boolean": ("casualties", "include_unquantified", '"yes"', "include_unquantified = 'yes' is not allowed: use True or False"),
    "list": ("governance", "districts", '["darzab", "kabul"]', "use a non-empty list of distinct values from 'darzab', 'qush_tepa'"),
}


@pytest.mark.parametrize("kind", list(BAD_PARAMETERS))
def test_bad_notebook_parameter_fails_make_and_keeps_outputs(built_project, kind):
    nb, name, value, message = BAD_PARAMETERS[kind]
    toml = built_project / "notebooks" / "runs.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f'\n[[variants]]\nrun = "{nb}-bad"\nnotebook = "{nb}"\n'
                    f"parameters = {{ {name} = {value} }}\n", encoding="utf-8")
    before = outputs(built_project)
    r = make(built_project, "all")
    assert r.returncode != 0
    assert f"[run] {nb}-bad" in r.stderr and message in r.stderr, r.stderr[-2000:]
    assert outputs(built_project) == before
    assert not list((built_project / "build" / "logs").glob(f"{nb}-bad*")), "a kernel was started"


def test_unknown_value_key_in_the_paper(built_project):
    paper = built_project / "paper" / "paper.md"
    text = paper.read_text(encoding="utf-8")
    lineno = text[: text.index("{{casualties.january_ratio}}")].count("\n") + 1
    paper.write_text(text.replace("{{casualties.january_ratio}}", "{{casualties.january_rate}}", 1), encoding="utf-8")
    before = outputs(built_project)
    r = make(built_project, "all")
    assert r.returncode != 0
    assert f"paper/paper.md:{lineno}: unknown value 'casualties.january_rate': casualties has no value 'january_rate'; did you mean january_ratio" in r.stderr
    assert outputs(built_project) == before


def _wait_for_glob(base: Path, pattern: str, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if base.exists() and any(base.glob(pattern)):
            return True
        time.sleep(0.02)
    return False


def test_killed_in_the_middle_of_a_notebook_loses_nothing(built_project):
    before = outputs(built_project)
    # a new label, so that whatever the interrupted run wrote would differ from the last good outputs
    set_cell(built_project, "events", "ev_2018_leaflets", "label", "Leaflets with the Daesh logo")
    proc = subprocess.Popen(["make", "all"], cwd=built_project, env=project_env(built_project),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    # the notebook has started writing its outputs into its staging directory
    staging = built_project / "build" / "staging"
    assert _wait_for_glob(staging, "timeline.*/paper/figures", 120), "the run never reached the point of writing outputs"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    # the processed tables were finished before the notebook started; the notebook's outputs were not
    after = outputs(built_project)
    notebook_outputs = lambda snap: {k: v for k, v in snap.items() if k.startswith(("paper/", "notebooks/"))}
    assert notebook_outputs(after) == notebook_outputs(before), "an output changed although the run was killed"
    assert not [p for d in ("paper", "notebooks", "data") for p in (built_project / d).rglob("*.tmp")]
    r = make(built_project, "all")
    assert r.returncode == 0, r.stderr[-2000:]
    assert "[run] timeline" in r.stdout
    resumed = outputs(built_project)
    assert resumed != before
    # a clean build of the same inputs: remove the timeline's outputs and make them again
    for p in (built_project / "paper").rglob("timeline-*"):
        p.unlink()
    (built_project / "paper" / "values" / "timeline.json").unlink()
    r = make(built_project, "all")
    assert r.returncode == 0, r.stderr[-2000:]
    assert outputs(built_project) == resumed, "the run after the interruption differs from a clean build"


def test_everything_builds_without_network(built_project):
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot create a network namespace here (unshare -n needs root or user namespaces), so no-network cannot be shown")
    before = outputs(built_project)
    (built_project / "analysis" / "paths.py").touch()  # every notebook, table and the paper are now stale
    r = subprocess.run(["unshare", "-n", "make", "-j2", "all"], cwd=built_project, env=project_env(built_project),
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    assert r.stdout.count("[run]") == 11 and "[paper] wrote paper/build/paper.pdf" in r.stdout
    assert outputs(built_project) == before


def test_markup_in_data_renders_literally(built_project):
    evil = "Hamza <script>alert(1)</script> | *bold* _x_"
    set_cell(built_project, "actors", "hamza", "name", evil)
    r = make(built_project, "-j2", "all")
    assert r.returncode == 0, r.stderr[-3000:]
    md = (built_project / "paper" / "tables" / "fighter_strength-roster.md").read_text(encoding="utf-8")
    row = next(l for l in md.splitlines() if "alert(1)" in l)
    header = md.splitlines()[0]
    unescaped = lambda line: len([i for i, c in enumerate(line) if c == "|" and (i == 0 or line[i - 1] != "\\")])
    assert unescaped(row) == unescaped(header), "a pipe in the data split the table row"
    assert r"\<script\>" in row and r"\*bold\*" in row
    html = " ".join((built_project / "paper" / "build" / "paper.html").read_text(encoding="utf-8").split())
    assert "<script>alert(1)</script>" not in html
    assert "Hamza &lt;script&gt;alert(1)&lt;/script&gt; | *bold* _x_" in html
    csv_text = (built_project / "paper" / "tables" / "fighter_strength-roster.csv").read_text(encoding="utf-8")
    assert '"Hamza <script>alert(1)</script> | *bold* _x_"' in csv_text or evil in csv_text


def test_env_check_reports_drift(full_project):
    lock = full_project / "requirements.lock"
    lock.write_text(lock.read_text(encoding="utf-8").replace("\npandas==", "\npandas==0.0.1\nold-pandas==", 1), encoding="utf-8")
    # the CLI behind `make env-check`, run directly: make would try to reinstall the shared environment
    r = subprocess.run([str(full_project / ".venv" / "bin" / "python"), "-m", "analysis", "env-check"], cwd=full_project,
                       env=project_env(full_project), capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "pandas: locked 0.0.1, installed" in r.stderr
