"""The write-up: every number is a value reference, references resolve, outputs follow the data."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths
from analysis.pipeline.paper import PLACEHOLDER, PaperError, environment_drift, load_values, resolve
from conftest import project_env, read_rows, run_runner, set_cell, write_rows

PAPER = paths.ROOT / "paper" / "paper.md"

# Numerals allowed in prose: years, dates (with a month name), ISO dates and locators.
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
ALLOWED = [
    rf"\b\d{{1,2}} {MONTHS} \d{{4}}\b",  # 19 January 2018
    rf"\b\d{{1,2}}(?:-\d{{1,2}})? {MONTHS}\b",  # 7 April, 5-6 April
    r"\bSHA-256\b",  # the name of a hash function
    rf"\b{MONTHS} \d{{4}}\b",  # January 2016
    r"\b\d{4}-\d{2}-\d{2}\b",  # ISO dates
    r"\b(?:mid|early|late)-\d{4}\b",  # mid-2016
    r"\b(?:19|20)\d\d(?:-(?:19|20)\d\d)?\b",  # years and year ranges
]


def bare_numerals(text: str) -> list[tuple[int, str]]:
    """Numerals in prose that are not value references, citations, dates or years."""
    found = []
    in_code = False
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    offset = text.count("\n", 0, len(text) - len(body))
    for lineno, line in enumerate(body.splitlines(), start=1 + offset):
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        line = PLACEHOLDER.sub(" ", line)
        line = re.sub(r"\[@[^\]]*\]|@[A-Za-z][\w:-]*", " ", line)  # citations
        line = re.sub(r"`[^`]*`", " ", line)  # code
        for pattern in ALLOWED:
            line = re.sub(pattern, " ", line)
        for m in re.finditer(r"\d+(?:[.,]\d+)*", line):
            found.append((lineno, m.group()))
    return found


def test_paper_prose_has_no_bare_numerals():
    assert bare_numerals(PAPER.read_text(encoding="utf-8")) == []


def small_digits(resolved: str) -> list[str]:
    """Whole numbers from zero to ten printed as digits in resolved prose (house style spells them out)."""
    found = []
    for line in resolved.splitlines():
        if line.startswith(("|", "![", ":", "#")) or not line.strip():
            continue
        for pattern in ALLOWED:
            line = re.sub(pattern, " ", line)
        line = re.sub(r"\[[^\]]*\]\([^)]*\)", " ", line)  # links such as [Figure 3](#fig-...)
        line = re.sub(r"\b(?:Figure|Table|Figures|Tables) S?\d+", " ", line)
        found += [m.group() for m in re.finditer(r"(?<![\d.,:/-])\b(?:[0-9]|10)\b(?![\d.,:%/-]| per cent| percent)", line)]
    return found


def test_small_counts_read_as_words():
    assert small_digits(resolve(PAPER.read_text(encoding="utf-8"), "html")) == []


def test_the_small_count_check_catches_a_digit():
    assert small_digits("Of the reports, 3 agree; ten disagree, and 17 are silent (Figure 2).\n") == ["3"]


def test_bare_numeral_check_catches_typed_numbers():
    text = "---\ntitle: x\n---\n\nIn 2017 about 400 fighters, {{fighter_strength.locals_about}} in all, on 9 January 2018.\nA share of 69.4 per cent.\n"
    assert bare_numerals(text) == [(5, "400"), (6, "69.4")]


def test_bare_numeral_check_catches_a_number_typed_into_the_paper():
    text = PAPER.read_text(encoding="utf-8")
    broken = text.replace("{{fighter_strength.locals_about}}", "400", 1)
    lineno = text[: text.index("{{fighter_strength.locals_about}}")].count("\n") + 1
    assert bare_numerals(broken) == [(lineno, "400")]


def test_every_reference_resolves():
    for fmt in ("html", "pdf", "docx"):
        out = resolve(PAPER.read_text(encoding="utf-8"), fmt)
        assert "{{" not in out


def test_unknown_value_names_file_line_and_key():
    text = "Intro\n\nThere were {{fighter_strength.alp_ceilingg}} fighters and {{nosuchrun.x}}.\n"
    with pytest.raises(PaperError) as err:
        resolve(text, "html")
    msg = str(err.value)
    assert "paper/paper.md:3: unknown value 'fighter_strength.alp_ceilingg': fighter_strength has no value 'alp_ceilingg'; did you mean alp_ceiling" in msg
    assert "paper/paper.md:3: unknown value 'nosuchrun.x': no values file for run 'nosuchrun'" in msg


def test_unknown_figure_and_reference_are_reported():
    text = "{{figure:fighter_strength-nothing|x}}\n\nSee {{ref:figure:nothing-killed}}.\n"
    with pytest.raises(PaperError) as err:
        resolve(text, "pdf")
    msg = str(err.value)
    assert "paper/paper.md:1: unknown figure 'fighter_strength-nothing': fighter_strength declares strength" in msg
    assert "paper/paper.md:3: unknown reference 'figure:nothing-killed'" in msg


def test_values_are_inserted_as_formatted_text():
    values = load_values()
    out = resolve("{{displacement.unocha_families}} and {{fighter_strength.ratio_alp_locals}}", "html")
    assert out.strip() == f"{values['displacement']['values']['unocha_families']['text']} and {values['fighter_strength']['values']['ratio_alp_locals']['text']}"


def test_figures_are_numbered_and_captions_name_their_notebook():
    out = resolve(PAPER.read_text(encoding="utf-8"), "html")
    numbers = [int(n) for n in re.findall(r"!\[Figure (\d+):", out)]
    assert numbers == list(range(1, len(numbers) + 1))
    tables = [int(n) for n in re.findall(r"^: Table (\d+):", out, flags=re.M)]
    assert tables == list(range(1, len(tables) + 1))
    # the paper's HTML links every figure and table to its notebook; its PDF keeps machinery out
    captions = re.findall(r"!\[Figure \d+:[^\n]*|^: Table \d+:[^\n]*", out, flags=re.M)
    assert captions and all("[Notebook](../../notebooks/" in c for c in captions)
    pdf = resolve(PAPER.read_text(encoding="utf-8"), "pdf")
    assert "notebooks/" not in pdf and "Made by" not in pdf
    # the supplement names notebook and parameters in every format
    sup = resolve((PAPER.parent / "supplement.md").read_text(encoding="utf-8"), "pdf", source_name="paper/supplement.md")
    assert "Made by `notebooks/fighter_strength.ipynb` with include\\_tertiary=False." in sup


def test_built_html_is_self_contained():
    html = (paths.ROOT / "paper" / "build" / "paper.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']https?://""", html.split("<body", 1)[0]), "external resource in the head"
    assert not re.search(r"""<(?:img|script|link|iframe)[^>]+(?:src|href)=["']https?://""", html)
    assert html.count("data:image/svg+xml") >= 10


def test_environment_matches_the_lock():
    assert environment_drift() == []


def test_environment_drift_is_reported(tmp_path):
    (tmp_path / "requirements.lock").write_text("pandas==0.0.1 \\\n    --hash=sha256:00\nnot-a-real-package==1.0\n")
    drift = environment_drift(tmp_path)
    assert any(d.startswith("pandas: locked 0.0.1, installed ") for d in drift)
    assert "not-a-real-package: locked 1.0, not installed" in drift


@pytest.mark.e2e
def test_a_rank_change_behind_a_sentence_stops_the_build(built_project):
    """The paper names the ALP commander as holding the highest estimate; a higher one stops the build."""
    from conftest import make, outputs

    set_cell(built_project, "claims", "cl_lwj_fighters", "best", "1600")
    before = {k: v for k, v in outputs(built_project).items() if k.startswith("paper/")}
    r = make(built_project, "run-fighter_strength")
    assert r.returncode != 0
    assert "RankChanged" in r.stderr and "not sher_muhammad" in r.stderr, r.stderr[-2000:]
    after = {k: v for k, v in outputs(built_project).items() if k.startswith("paper/")}
    assert after == before


@pytest.mark.e2e
def test_a_point_far_outside_the_data_range_is_drawn_not_dropped(built_project):

    set_cell(built_project, "claims", "cl_xin_surr_400", "low", "40000")
    r = run_runner(built_project, "collapse", timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    svg = (built_project / "paper" / "figures" / "collapse-counts.svg").read_text(encoding="utf-8")
    assert "40,000" in svg, "the far point's label is missing from the figure"


def test_a_plotnine_warning_fails_the_figure(tmp_path, monkeypatch):
    import pandas as pd
    from plotnine import aes, geom_point, ggplot, scale_y_continuous

    from analysis.pipeline import outputs

    monkeypatch.setenv("JAWZJAN_OUTPUT_ROOT", str(tmp_path))
    out = outputs.start("map", scale_km=50)
    plot = ggplot(pd.DataFrame({"x": [1, 2], "y": [1, 1000]}), aes("x", "y")) + geom_point() + scale_y_continuous(limits=(0, 10))
    from plotnine.exceptions import PlotnineWarning

    with pytest.raises(PlotnineWarning):
        out.figure("map", plot)


@pytest.mark.e2e
def test_unknown_key_fails_the_build_and_keeps_the_last_outputs(full_project):
    paper = full_project / "paper" / "paper.md"
    lines = paper.read_text(encoding="utf-8").splitlines()
    at = next(i for i, l in enumerate(lines) if "{{fighter_strength.ratio_alp_locals}}" in l)
    lines[at] = lines[at].replace("{{fighter_strength.ratio_alp_locals}}", "{{fighter_strength.total_ratio_typo}}", 1)
    paper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build = full_project / "paper" / "build"
    before = {f.name: f.read_bytes() for f in build.iterdir()}
    r = subprocess.run([sys.executable, "-m", "analysis.pipeline.paper", "html"], cwd=full_project,
                       env=project_env(full_project), capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    assert f"paper/paper.md:{at + 1}: unknown value 'fighter_strength.total_ratio_typo'" in r.stderr
    assert {f.name: f.read_bytes() for f in build.iterdir()} == before


def page_requests(html: Path, workdir: Path) -> list[str]:
    """URLs a page asks the network for when Chromium opens it headless.

    Chromium's own background requests (update checks and the like) carry the
    initiator "not an origin" in its net log; the page's requests do not.
    """
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium), so the HTML cannot be opened in a browser here")
    netlog = workdir / "netlog.json"
    r = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={workdir / 'profile'}",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--log-net-log={netlog}", "--virtual-time-budget=3000",
         "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return sorted(
        e["params"]["url"]
        for e in log["events"]
        if e["type"] == start and "url" in e.get("params", {}) and e["params"].get("initiator") != "not an origin"
    )


def test_html_loads_nothing_from_the_network(tmp_path):
    """Opened in Chromium, the built paper asks the network for nothing.

    A copy of the page gets one external image at the end of its body: that probe must be the one
    request the browser reports, so a browser that logs nothing (or a log read wrongly) fails too.
    """
    html = (paths.ROOT / "paper" / "build" / "paper.html").read_text(encoding="utf-8")
    probe = "https://example.org/probe.png"
    assert html.count("</body>") == 1 and probe not in html
    page = tmp_path / "paper.html"
    page.write_text(html.replace("</body>", f'<img src="{probe}" alt=""></body>'), encoding="utf-8")
    assert page_requests(page, tmp_path) == [probe]


def test_dollar_signs_in_figure_labels_stay_literal():
    """Labels with dollar signs are text, not mathtext: "$5 to $10" stays whole, "$\\frac$" cannot break a figure."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.pipeline import outputs

    outputs._matplotlib_defaults()
    fig = plt.figure()
    try:
        fig.text(0.1, 0.5, "Leaflets $5 to $10")
        fig.text(0.1, 0.2, "$\\frac$")
        buf = io.BytesIO()
        fig.savefig(buf, format="svg")
    finally:
        plt.close(fig)
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", buf.getvalue().decode("utf-8"))
    assert "Leaflets $5 to $10" in texts and "$\\frac$" in texts


def test_reference_fields_print_as_written(tmp_path):
    """A publisher with "and" stays one name; %, &, # and $ in a title print literally."""
    from analysis.pipeline.paper import _pandoc, sources_bib

    (tmp_path / "data" / "raw").mkdir(parents=True)
    header, rows = read_rows(paths.ROOT / "data" / "raw" / "sources.csv")
    row = dict(zip(header, rows[0]))
    row.update(title="Control of 80% & more: #2 costs $5", publisher="Stars and Stripes", author="", copy_of="")
    write_rows(tmp_path / "data" / "raw" / "sources.csv", header, [[row[h] for h in header]])
    bib = tmp_path / "refs.bib"
    bib.write_text(sources_bib(tmp_path), encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(f"See @{row['source_id']}.\n", encoding="utf-8")
    out = subprocess.run([_pandoc(), str(doc), "--citeproc", "--bibliography", str(bib), "-t", "plain"],
                         capture_output=True, text=True, check=True).stdout
    flat = " ".join(out.split())
    assert "80% & more: #2 costs $5" in flat.lower()
    assert "Stars and Stripes" in flat and "Stars; Stripes" not in flat


def test_the_supplement_is_rebuilt_when_anything_it_hashes_changes():
    """The supplement prints ``input_hash`` over data, library and notebooks: each such file is a prerequisite."""
    r = subprocess.run(["make", "-pq", "all"], cwd=paths.ROOT, capture_output=True, text=True, timeout=300)
    db = r.stdout
    for target in ("paper/build/supplement.html", "paper/build/supplement.pdf"):
        line = next(l for l in db.splitlines() if l.startswith(f"{target}:"))
        prerequisites = set(line.split(":", 1)[1].split())
        hashed = [p for pattern in ("data/raw/*.csv", "analysis/*.py", "analysis/*/*.py", "notebooks/*.ipynb")
                  for p in sorted(paths.ROOT.glob(pattern))]
        missing = [str(p.relative_to(paths.ROOT)) for p in hashed if str(p.relative_to(paths.ROOT)) not in prerequisites]
        assert not missing, f"{target} is not rebuilt when these change: {missing[:5]}"
