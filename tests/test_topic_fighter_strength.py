"""Tests of analysis.topics.fighter_strength against the data."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.claims import RankChanged, claims_table, expect_rank, one, select
from analysis.topics import fighter_strength as fs
from conftest import read_rows, set_cell, write_rows


def _whole(include_tertiary=False):
    c = claims_table(include_tertiary)
    return select(c, quantity="fighters", subject_id="hekmat_group", kind="number", stance="asserted")


def test_every_strength_claim_is_kept_and_copies_collapse_to_reports():
    claims = fs.strength_claims()
    reports = fs.strength_reports()
    assert set(claims["quantity"]) <= set(fs.STRENGTH_QUANTITIES)
    assert len(claims[(claims["quantity"] == "fighters") & (claims["subject_id"] == "hekmat_group")]) == len(_whole())
    # one row per report: the number of report rows equals the distinct (report, claim) keys
    key = ["report_id", "quantity", "subject_id", "claimant_id", "lower", "upper", "bound"]
    assert len(reports) == len(claims.drop_duplicates(key))
    assert reports["outlets"].sum() == len(claims.drop_duplicates(key + ["source_id"]))


def test_reprints_of_one_story_are_one_report(in_project):
    # a second outlet reprinting the AAN report's locals' figure adds an outlet, not a report
    header, rows = read_rows(in_project / "data" / "raw" / "claims.csv")
    base = len(fs.strength_reports())
    row = next(r for r in rows if r[header.index("claimant_id")] == "locals" and r[header.index("quantity")] == "fighters")
    sheader, srows = read_rows(in_project / "data" / "raw" / "sources.csv")
    copy = [r for r in srows if r[sheader.index("grade")] == "copy"][0]
    new = list(row)
    new[0] = "cl_test_reprint"
    new[header.index("source_id")] = copy[0]
    new[header.index("locator")] = "¶1"
    new[header.index("assessment")] = ""
    new[header.index("assessment_locator")] = ""
    new[header.index("stated_on")] = ""
    new[header.index("stated_precision")] = ""
    rows.append(new)
    write_rows(in_project / "data" / "raw" / "claims.csv", header, rows)
    claims = fs.strength_claims()
    assert "cl_test_reprint" in set(claims["claim_id"])
    reports = fs.strength_reports()
    assert len(reports) == base + 1  # a new report (the copy's original), never a merged confirmation
    # a second reprint of the same story adds an outlet to that report, not a row
    other = [r for r in srows if r[sheader.index("grade")] == "copy" and r[sheader.index("copy_of")] == copy[sheader.index("copy_of")] and r[0] != copy[0]]
    if other:
        again = list(new)
        again[0], again[header.index("source_id")] = "cl_test_reprint_2", other[0][0]
        rows.append(again)
        write_rows(in_project / "data" / "raw" / "claims.csv", header, rows)
        after = fs.strength_reports()
        assert len(after) == base + 1
        assert after["outlets"].sum() == reports["outlets"].sum() + 1


def test_floor_stays_a_floor_and_ceiling_a_ceiling():
    r = fs.strength_reports()
    c = claims_table()
    for _, row in r.iterrows():
        ids = row["claim_ids"].split("; ")
        q = c[c["claim_id"].isin(ids)].iloc[0]
        if q["qualifier"] == "at_least":
            assert row["bound"] == "floor" and row["value"].startswith("at least")
        elif q["qualifier"] == "at_most":
            assert row["bound"] == "ceiling" and row["value"].startswith("at most")
    alp = one(_whole(), claimant_id="sher_muhammad")
    assert fs.bound_kind(alp) == ("ceiling" if alp["open_below"] else fs.bound_kind(alp))


def test_claimant_named_values_are_that_claimants():
    w = fs.whole_force()
    locals_ = one(_whole(), claimant_id="locals")
    mine = w[w["claimant_id"] == "locals"]
    assert list(mine["lower"]) == [locals_["lower"]]


def test_new_claim_for_the_whole_force_reaches_the_table_and_can_change_the_rank(in_project):
    set_cell(in_project, "claims", "cl_fighters_total_locals", "best", "5000")
    w = fs.whole_force()
    assert 5000 in set(w["upper"])
    with pytest.raises(RankChanged):
        expect_rank(_whole(), "upper", "sher_muhammad")


def test_named_group_sum_is_a_floor_compared_report_by_report():
    s = fs.named_group_sum()
    r = fs.strength_reports()
    groups = r[r["part"] == "a named group"]
    assert s["groups"] == groups["subject_id"].nunique()
    assert s["low"] == groups.groupby("subject_id")["lower"].min().sum()
    assert s["high"] == groups.groupby("subject_id")["upper"].max().sum()
    w = fs.whole_force()
    assert s["totals_above"] + s["totals_below"] == len(w)
    assert s["unnumbered"] == len(fs.commanders_roster()) - s["groups"]


def test_tertiary_claims_only_on_request():
    plain = fs.strength_claims()
    wide = fs.strength_claims(include_tertiary=True)
    assert (plain["grade"] != "tertiary").all()
    assert len(wide) >= len(plain)


def test_dates_print_at_their_precision():
    assert fs.date_text(pd.Timestamp("2018-01-01"), "month") == "January 2018"
    assert fs.date_text(pd.Timestamp("2018-02-03"), "day") == "3 February 2018"
    assert fs.date_text(pd.Timestamp("2017-09-01"), "season") == "late 2017"
    assert fs.date_text(pd.NaT, "unknown") == "undated"


def test_roster_table_keeps_one_row_per_roster_entry():
    r = fs.commanders_roster()
    t = fs.roster_table()
    assert list(t["actor_id"]) == list(r["actor_id"])
    stated = set(fs.strength_reports().query("part == 'a named group'")["subject_id"])
    assert set(t.loc[t["size"] != "not stated", "actor_id"]) == stated


def test_reports_are_counted_once_however_many_claims_or_claimants_they_carry():
    reports = fs.strength_reports()
    n = fs.independent_reports(reports)
    assert n == reports["report_id"].nunique()
    # AAN's March 2018 report carries several rows (claimants, values) but is one report
    assert (reports["report_id"] == "aan2018").sum() > 1
    assert n < len(reports)
    whole = fs.whole_force()
    assert fs.independent_reports(whole) == whole["report_id"].nunique() <= len(whole)
    # the claim table itself (copies not yet collapsed) gives the same count
    assert fs.independent_reports(fs.strength_claims()) == n


def test_held_outlets_lists_each_outlet_once_in_words():
    c = _whole()
    azizi = select(c, claimant_id="lutfullah_azizi", qualifier="approx")
    text = fs.held_outlets(azizi)
    assert " and " in text or "," not in text
    assert len(text.split(" and ")) == azizi["source_id"].nunique()


def test_marks_at_inferred_dates_are_flagged():
    marks = fs.strength_marks()
    c = claims_table()
    # the locals spoke at a time AAN does not give: their mark stands at the report's month
    locals_ = one(_whole(), claimant_id="locals")
    assert pd.isna(locals_["stated_on"])
    assert marks.loc[marks["claimant"] == "Locals", "date_inferred"].all()
    # Sher Muhammad's month is stated in the report
    alp = marks[marks["claimant"] == "Sher Muhammad"]
    assert len(alp) == 1 and not alp["date_inferred"].iloc[0]
    # an undated page's date is worked out, so a claim placed at it is inferred too
    did = select(c, claim_id="cl_did_fighters")
    assert fs.date_inferred(did).all()
    assert all(("date inferred" in label) == inferred for label, inferred in zip(marks["label"], marks["date_inferred"]))


def test_a_stated_date_stops_a_mark_being_inferred(in_project):
    set_cell(in_project, "claims", "cl_fighters_total_locals", "stated_on", "2018-02-01")
    set_cell(in_project, "claims", "cl_fighters_total_locals", "stated_precision", "month")
    marks = fs.strength_marks()
    assert not marks.loc[marks["claimant"] == "Locals", "date_inferred"].any()


def test_roster_ethnicities_cover_each_entry_with_an_ethnicity_once():
    r = fs.commanders_roster()
    e = fs.roster_ethnicities()
    with_eth = r[r["ethnicity"].notna()]
    assert e["named"] == len(with_eth)
    assert sorted(n for names in e["groups"].values() for n in names) == sorted(with_eth["name"])
    for name in with_eth["name"]:
        assert e["text"].count(name) == 1
    sizes = [len(v) for v in e["groups"].values()]
    assert sizes == sorted(sizes, reverse=True)


def test_floors_and_ceilings_are_drawn_to_the_edge_ranges_at_their_middle():
    import math

    import pandas as pd

    marks = pd.DataFrame({"lower": [100, 500, 400, 100], "upper": [100, 500, 1000, 400],
                          "bound": ["point", "floor", "ceiling", "range"]})
    at, end = fs.drawn_positions(marks)
    assert list(at) == [100.0, 500.0, 1000.0, 200.0]
    assert end[0] == 100.0 and math.isinf(end[1]) and end[2] == 0.0 and end[3] == 200.0
