"""Changed data reaches every output as written: a new number, and markup in names and labels.

One copy of the project gets both changes and is built once (the processed tables, the two runs
that show them, the paper in HTML, PDF and DOCX, and the supplement); each test then reads what it
checks. The tests of this module run on one worker, so the copy is built once per session.
"""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import add_build_state, copy_project, project_env, read_rows, set_cell

pytestmark = pytest.mark.e2e

#: The locals' total of Hekmat's fighters, changed from 400.
LOCALS_TOTAL = "430"
MARKUP_NAME = "Hamza <script>alert(1)</script> | *bold* _x_ $5 to $10 $\\frac$"
DOLLAR_LABEL = "Leaflets $5 to $10 $\\frac$"


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> Path:
    root = add_build_state(copy_project(tmp_path_factory.mktemp("changed-data") / "project"))
    set_cell(root, "claims", "cl_fighters_total_locals", "best", LOCALS_TOTAL)
    set_cell(root, "actors", "hamza", "name", MARKUP_NAME)
    # an event the timeline figure labels, so that the label is drawn with its dollar signs
    svg = root / "paper" / "figures" / "timeline-timeline.svg"
    header, rows = read_rows(root / "data" / "raw" / "events.csv")
    drawn = next(r for r in rows if r[header.index("label")] in svg.read_text(encoding="utf-8"))
    set_cell(root, "events", drawn[0], "label", DOLLAR_LABEL)
    py = str(root / ".venv" / "bin" / "python")
    # the steps directly: make's incremental rebuild is tested elsewhere
    for args in (["-m", "analysis", "processed"], ["-m", "analysis.pipeline.runner", "timeline", "fighter_strength"],
                 ["-m", "analysis.pipeline.paper", "html", "pdf", "docx"],
                 ["-m", "analysis.pipeline.paper", "supplement", "html", "pdf"]):
        r = subprocess.run([py, *args], cwd=root, env=project_env(root), capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return root


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))


def test_a_changed_claim_changes_the_numbers_in_all_three_outputs(changed):
    values = json.loads((changed / "paper" / "values" / "fighter_strength.json").read_text())
    assert values["values"]["locals_about"]["value"] == int(LOCALS_TOTAL)
    build = changed / "paper" / "build"
    for name, text in (("html", (build / "paper.html").read_text(encoding="utf-8")),
                       ("pdf", _pdf_text(build / "paper.pdf")), ("docx", _docx_text(build / "paper.docx"))):
        flat = re.sub(r"\s+", " ", text)
        assert f"Hekmat led only about {LOCALS_TOTAL}" in flat, name
        assert "Hekmat led only about 400" not in flat, name


def test_markup_in_data_renders_literally(changed):
    for doc in ("paper", "supplement"):
        html = _flat((changed / "paper" / "build" / f"{doc}.html").read_text(encoding="utf-8"))
        assert "<script>alert(1)</script>" not in html
    roster = (changed / "paper" / "tables" / "fighter_strength-roster.md").read_text(encoding="utf-8")
    row = next(line for line in roster.splitlines() if "alert(1)" in line)
    unescaped = lambda line: len([i for i, c in enumerate(line) if c == "|" and (i == 0 or line[i - 1] != "\\")])
    assert unescaped(row) == unescaped(roster.splitlines()[0]), "a pipe in the data split the table row"
    supplement = _flat((changed / "paper" / "build" / "supplement.html").read_text(encoding="utf-8"))
    assert "Hamza &lt;script&gt;alert(1)&lt;/script&gt; | *bold* _x_" in supplement
    svg = (changed / "paper" / "figures" / "timeline-timeline.svg").read_text(encoding="utf-8")
    assert DOLLAR_LABEL in svg, "a label lost its dollar signs"
    # dollar signs in a table cell are not read as TeX (HTML) or typst (PDF) math
    assert "$5 to $10 $\\frac$" in supplement and 'class="math' not in supplement
    assert "$5 to $10 $\\frac$" in _flat(_pdf_text(changed / "paper" / "build" / "supplement.pdf"))
