"""Hekmat's death: answers by claimant and report, copies collapsed, tertiary pages only on request."""
from __future__ import annotations

from analysis.data.claims import claims_table
from analysis.topics.hekmat_death import (
    EVENT,
    answers,
    by_claimant,
    claimants_for,
    count_for,
    death_claims,
    paper_values,
)
from tests.conftest import read_rows, write_rows


def test_every_claim_about_the_event_is_read_except_the_bare_death():
    d = death_claims()
    c = claims_table()
    ev = c[(c["event_id"] == EVENT) & (c["stance"] == "asserted")]
    bare = ev[(ev["quantity"] == "killed_person") & (ev["value_actor_id"] == "qari_hekmat")]
    assert set(d["claim_id"]) == set(ev["claim_id"]) - set(bare["claim_id"])


def test_tertiary_pages_only_on_request():
    plain, wide = death_claims(), death_claims(include_tertiary=True)
    assert "tertiary" not in set(plain["grade"])
    extra = set(wide["claim_id"]) - set(plain["claim_id"])
    assert extra and set(wide[wide["claim_id"].isin(extra)]["grade"]) == {"tertiary"}
    assert count_for(plain, question="perpetrator", side="Taleban") == 0
    tal = claims_table(include_tertiary=True)
    tal = tal[(tal["event_id"] == EVENT) & (tal["quantity"] == "perpetrator") & (tal["value_actor_id"] == "taleban")]
    assert count_for(wide, question="perpetrator", side="Taleban") == tal["claimant_id"].nunique()


def test_days_are_those_the_claims_give():
    d = death_claims()
    c = claims_table()
    day = c[(c["event_id"] == EVENT) & (c["kind"] == "date") & (c["value_date_precision"] == "day")]
    for start, rows in day.groupby("value_date_start"):
        label = f"{start.day} April {start.year}" if start.month == 4 else None
        if label:
            assert count_for(d, question="day", side=label) == rows["claimant_id"].nunique()


def test_copies_of_one_story_collapse(in_project):
    project = in_project
    # the copy still holds the project's data: the count before the reprint is added
    before = count_for(death_claims(), "report_id", question="day", side="5 April 2018")
    path = project / "data" / "raw" / "sources.csv"
    header, rows = read_rows(path)
    src = next(r for r in rows if r[0] == "samaa_2018_04_09")
    twin = list(src)
    twin[0] = "samaa_twin"
    twin[header.index("publisher")] = "Another paper (AFP copy)"
    rows.append(twin)
    write_rows(path, header, rows)
    cpath = project / "data" / "raw" / "claims.csv"
    ch, crows = read_rows(cpath)
    orig = next(r for r in crows if r[0] == "cl_samaa_date")
    new = list(orig)
    new[0] = "cl_samaa_date_twin"
    new[ch.index("source_id")] = "samaa_twin"
    crows.append(new)
    write_rows(cpath, ch, crows)
    d = death_claims()
    a = answers(d)
    us = a[(a["question"] == "day") & (a["claimant_id"] == "us_forces") & (a["report_id"] == "orig_afp_2018_04_09_us_confirms_hekmat")]
    assert len(us) == 1 and us.iloc[0]["n_outlets"] == 2
    assert count_for(d, "report_id", question="day", side="5 April 2018") == before


def test_a_new_claim_reaches_the_table(in_project):
    project = in_project
    cpath = project / "data" / "raw" / "claims.csv"
    ch, crows = read_rows(cpath)
    orig = next(r for r in crows if r[0] == "cl_ariana_date")
    new = list(orig)
    new[0] = "cl_new_day"
    new[ch.index("claimant_id")] = "faqir_mohammad_jowzjani"
    crows.append(new)
    write_rows(cpath, ch, crows)
    d = death_claims()
    assert "Faqir Mohammad Jowzjani" in claimants_for(d, question="day", side="6 April 2018")


def test_table_has_one_row_per_claimant_and_report():
    d = death_claims()
    t = by_claimant(d)
    assert len(t) == len(d.drop_duplicates(["claimant_id", "report_id"]))
    assert list(t.columns[4:8]) == ["day", "place", "perpetrator", "companions"]


def test_values_are_counted_from_the_claims():
    d = death_claims()
    v = {k: val for k, val, _ in paper_values(d)}
    assert v["claimants"] == d["claimant_id"].nunique()
    assert v["reports"] == d["report_id"].nunique()
    assert v["thursday_n"] == len(v["thursday_claimants"].replace(" and ", ", ").split(", "))
    assert v["earlier_claimants"] == claimants_for(d[d["claimant_id"] == "tolonews"], question="day")
    assert len(answers(d)) <= len(d)
