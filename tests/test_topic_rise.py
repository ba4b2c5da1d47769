"""The rise, 2015-2017: switch dates at their precision, tolls and accounts by claimant and report."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.claims import ClaimSelectionError, RankChanged, claims_table
from analysis.data.load import load_claims, load_table
from analysis.topics import rise
from conftest import read_rows, set_cell, write_rows


def test_every_switch_claim_reaches_the_table_once_per_report():
    c = claims_table()
    sw = c[(c["quantity"] == "switch_date") & c["subject_id"].isin(rise.SWITCH_SUBJECTS)]
    d = rise.switch_dates()
    got = d[d["what"] == "switch"]
    assert len(got) == len(sw.drop_duplicates(["claimant_id", "report_id", "value_date_start", "value_date_end"]))
    # the two mirrors of AAN's November 2017 piece are one report
    aan17 = got[(got["claimant_id"] == "aan") & (got["report_id"] != "aan2018")]
    mirrors = sw[(sw["claimant_id"] == "aan") & (sw["report_id"] == aan17["report_id"].iloc[0])]
    assert len(aan17) == 1 and aan17["outlets"].iloc[0] == mirrors["source_id"].nunique() > 1


def test_a_year_is_a_year_long_window():
    d = rise.switch_dates()
    years = d[d["precision"] == "year"]
    assert len(years)
    assert all(w == str(s.year) for w, s in zip(years["window"], years["start"]))
    assert ((years["end"] - years["start"]).dt.days >= 364).all()


def test_windows_print_at_their_precision():
    assert rise.window_text("2015-01-01", "2015-12-31", "year") == "2015"
    assert rise.window_text("2017-10-01", "2017-10-31", "month") == "October 2017"
    assert rise.window_text("2017-05-01", "2017-10-31", "range") == "May-October 2017"
    assert rise.said_text(pd.Timestamp("2018-03-01"), "month") == "March 2018"


def test_tertiary_claims_are_left_out_unless_asked():
    assert len(rise.switch_dates(include_tertiary=True)) > len(rise.switch_dates())


def test_a_floor_stays_a_floor():
    t = rise.fighting_tolls()
    dozens = t[(t["claimant_id"] == "hekmatullah_aminzada") & t["open_above"]]
    assert len(dozens) == 1 and dozens["value"].iloc[0].startswith("at least")


def test_named_values_are_the_named_claimants(project):
    vals = dict((k, v) for k, v, _ in rise.key_values())
    c = claims_table()
    turk = c[(c["claimant_id"] == "rahmatullah_turkistani") & (c["quantity"] == "killed")]
    assert vals["april_turkistani"] == int(turk["best"].iloc[0])
    # change the police figure: only the police value moves
    police = c[(c["claimant_id"] == "anp") & (c["quantity"] == "killed")]["claim_id"].iloc[0]
    set_cell(project, "claims", police, "best", "120")
    changed = dict((k, v) for k, v, _ in rise.key_values(claims=load_table("claims", project)))
    assert changed["april_police"] == 120 and changed["april_turkistani"] == vals["april_turkistani"]


def test_a_new_switch_claim_reaches_the_table_and_a_second_one_for_a_named_claimant_stops_the_build(project):
    path = project / "data" / "raw" / "claims.csv"
    header, rows = read_rows(path)
    i = header.index
    src = next(r for r in rows if r[i("quantity")] == "switch_date" and r[i("claimant_id")] == "ariana_news")
    new = list(src)
    new[i("claim_id")] = "cl_test_ariana_second_switch"
    new[i("value_date_start")], new[i("value_date_end")] = "2016-01-01", "2016-12-31"
    write_rows(path, header, rows + [new])
    claims = load_table("claims", project)
    assert len(rise.switch_dates(claims=claims)) == len(rise.switch_dates()) + 1
    with pytest.raises(ClaimSelectionError):
        rise.key_values(claims=claims)


def test_rank_change_raises():
    c = load_claims()
    # another claimant speaks of the switch before Khashay did: the "earliest" sentence must change
    m = (c["quantity"] == "switch_date") & (c["claimant_id"] == "residents")
    c.loc[m, "stated_on"] = pd.Timestamp("2016-01-15")
    c.loc[m, "stated_precision"] = "day"
    with pytest.raises(RankChanged):
        rise.key_values(claims=c)


def test_darzab_accounts_include_the_competing_takers_of_the_centre():
    a = rise.darzab_accounts()
    assert rise.DARZAB_FALLS in set(a["event_id"])
    centre = a[a["event_id"] != rise.DARZAB_FALLS]
    assert {"Taleban", "Qari Hekmat's group"} <= set(centre["actor"])


def test_october_accounts_are_aan_only_and_keep_both_texts():
    o = rise.october_accounts()
    assert o["report_id"].nunique() >= 2
    assert set(o["locator"]) >= {"¶9", "¶17", "¶42"}
