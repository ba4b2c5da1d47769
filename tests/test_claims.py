"""Claims by what they are: intervals, independent reports, tertiary pages, claimant-named selections."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.data.claims import (
    ClaimSelectionError,
    RankChanged,
    claim_bounds,
    claims_table,
    expect_rank,
    one,
    report_ids,
    select,
)
from analysis.topics.estimates import triangulate
from conftest import read_rows, write_rows


def test_claim_bounds_follow_the_qualifier():
    b = claim_bounds(analysis.load_claims())
    q = b["qualifier"].astype("string")
    floors, ceilings, ranges = b[q == "at_least"], b[q == "at_most"], b[q == "range"]
    assert (floors["lower"] == floors["low"]).all() and (floors["upper"] == floors["low"]).all()
    assert (ceilings["upper"] == ceilings["high"]).all()
    assert (ranges["lower"] == ranges["low"]).all() and (ranges["upper"] == ranges["high"]).all()
    assert b.loc[b["kind"] != "number", "lower"].isna().all()


def test_floors_and_ceilings_are_marked_open():
    c = claims_table()
    assert (c["open_above"] == (c["qualifier"].astype("string") == "at_least").fillna(False)).all()
    assert (c["open_below"] == (c["qualifier"].astype("string") == "at_most").fillna(False)).all()


def test_copies_of_one_story_are_one_report():
    s = analysis.load_sources()
    reports = report_ids(s)
    copies = s[s["grade"] == "copy"]
    assert len(copies) > 0
    for _, row in copies.iterrows():
        assert reports[row["source_id"]] == reports[row["copy_of"]]
    # every story with several copies counts once
    per_story = copies.groupby("copy_of").size()
    assert reports[reports.isin(per_story.index)].nunique() == len(per_story)


def _add_copies(project, n: int) -> tuple[str, list[str]]:
    """Five (n) held copies of one new wire story, each carrying the same claim."""
    spath = project / "data" / "raw" / "sources.csv"
    header, rows = read_rows(spath)
    base = dict(zip(header, next(r for r in rows if r[header.index("grade")] == "copy")))
    original = dict(base, source_id="orig_test_wire_story", grade="primary", copy_of="", held="false", sha256="",
                    paragraphs="", file_name="", coverage="", language="")
    copies = [dict(base, source_id=f"test_copy_{i}") for i in range(n)]
    for c in copies:
        c["copy_of"] = original["source_id"]
    write_rows(spath, header, rows + [[d[h] for h in header] for d in [original, *copies]])
    cpath = project / "data" / "raw" / "claims.csv"
    ch, crows = read_rows(cpath)
    template = dict(zip(ch, next(r for r in crows if r[ch.index("source_id")] == base["source_id"])))
    new = [dict(template, claim_id=f"cl_test_copy_{i}", source_id=c["source_id"]) for i, c in enumerate(copies)]
    write_rows(cpath, ch, crows + [[d[h] for h in ch] for d in new])
    return original["source_id"], [c["source_id"] for c in copies]


def test_five_copies_of_one_wire_story_count_as_one_independent_report(project):
    original, copies = _add_copies(project, 5)
    analysis.data.load.ensure_valid(project)
    s = analysis.data.load.load_table("sources", project)
    reports = report_ids(s)
    assert {reports[c] for c in copies} == {original}
    claims = analysis.data.load.load_table("claims", project)
    mine = claims[claims["claim_id"].str.startswith("cl_test_copy_")]
    counted = mine["source_id"].map(reports)
    assert len(mine) == 5 and counted.nunique() == 1


def test_tertiary_claims_are_left_out_unless_asked():
    every = claims_table(include_tertiary=True)
    default = claims_table()
    tertiary = every[every["grade"] == "tertiary"]
    assert len(tertiary) > 0
    assert not set(tertiary["claim_id"]) & set(default["claim_id"])
    assert len(default) + len(tertiary) == len(every)


def test_one_finds_the_claim_a_sentence_names_and_refuses_two():
    c = claims_table()
    row = c[c["kind"] == "number"].iloc[0]
    assert one(c, claim_id=row["claim_id"])["claim_id"] == row["claim_id"]
    dup = pd.concat([c, c.iloc[[row.name]]])
    with pytest.raises(ClaimSelectionError, match="found 2"):
        one(dup, claim_id=row["claim_id"])
    with pytest.raises(ClaimSelectionError, match="found 0"):
        one(c, claimant_id="nobody_at_all")


def test_select_matches_every_criterion():
    c = claims_table()
    s = select(c, kind="number", stance="asserted")
    assert len(s) == ((c["kind"] == "number") & (c["stance"] == "asserted")).sum()
    with pytest.raises(KeyError, match="no column"):
        select(c, colour="red")


def test_a_rank_change_stops_the_sentence_that_names_its_holder():
    c = claims_table()
    numbers = c[(c["kind"] == "number") & c["upper"].notna()]
    top = numbers.loc[numbers["upper"].idxmax()]
    if (numbers["upper"] == top["upper"]).sum() == 1:
        assert expect_rank(numbers, "upper", top["claimant_id"])["claim_id"] == top["claim_id"]
    bigger = top.copy()
    bigger["upper"] = top["upper"] + 1
    bigger["claimant_id"] = "someone_new"
    with pytest.raises(RankChanged, match="someone_new"):
        expect_rank(pd.concat([numbers, bigger.to_frame().T]), "upper", top["claimant_id"])


def test_triangulation_counts_reports_not_outlets():
    t = triangulate()
    assert (t["reports"] <= t["sources"]).all() and (t["sources"] <= t["claims"]).all()
    assert (t["min"] <= t["max"]).all()
    c = claims_table()
    numbers = c[(c["kind"] == "number") & (c["stance"] == "asserted") & c["lower"].notna()]
    assert t["claims"].sum() == len(numbers)


def test_a_kept_claims_table_is_handed_out_as_a_copy_and_counts_as_reading_its_tables(monkeypatch):
    from analysis.data import load

    first = claims_table()
    first["claimant_name"] = "changed by a caller"
    monkeypatch.setattr(load, "LOADED", set())
    again = claims_table()
    assert "changed by a caller" not in set(again["claimant_name"].dropna())
    assert {"claims", "sources", "actors"} <= load.LOADED  # the runner's reads check still sees them
