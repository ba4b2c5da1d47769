"""Changed data reaches every output as written: a new number, and markup in names and labels.

One copy of the project gets both changes and is built once (the processed tables, the run that
shows them in a table and a figure, the paper in HTML, PDF and DOCX, and the supplement); each test
then reads what it checks. The tests of this module run on one worker, so the copy is built once per
session.
"""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import add_build_state, copy_project, project_env, set_cell

pytestmark = pytest.mark.e2e

#: The locals' total of Hekmat's fighters, changed from 400.
LOCALS_TOTAL = "430"
#: A commander's name with HTML, Markdown, a pipe and dollar signs (TeX or typst math if misread). The
#: name heads a row of the roster table and labels a row of the figure of the force's parts.
MARKUP_NAME = "Hamza <script>alert(1)</script> | *bold* _x_ $5 to $10 $\\frac$"
DOLLARS = "$5 to $10 $\\frac$"


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> Path:
    root = add_build_state(copy_project(tmp_path_factory.mktemp("changed-data") / "project"))
    set_cell(root, "claims", "cl_fighters_total_locals", "best", LOCALS_TOTAL)
    set_cell(root, "actors", "hamza", "name", MARKUP_NAME)
    py = str(root / ".venv" / "bin" / "python")
    # the steps directly: make's incremental rebuild is tested elsewhere
    for args in (["-m", "analysis", "processed"], ["-m", "analysis.pipeline.runner", "fighter_strength"],
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
    # the figure labels its row with the name as written: markup escaped for SVG, dollar signs not read as mathtext
    svg = (changed / "paper" / "figures" / "fighter_strength-parts.svg").read_text(encoding="utf-8")
    assert "Hamza &lt;script&gt;alert(1)&lt;/script&gt; | *bold* _x_ " + DOLLARS in svg, "a label lost its markup or dollar signs"
    # dollar signs in a table cell are not read as TeX (HTML) or typst (PDF) math
    assert DOLLARS in supplement and 'class="math' not in supplement
    assert DOLLARS in _flat(_pdf_text(changed / "paper" / "build" / "supplement.pdf"))
