"""The January 2018 offensive and the February 2018 attacks: fronts, casualty claims and printed values."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.claims import ClaimSelectionError, claims_table, select
from analysis.data.load import load_claims, load_events
from analysis.topics import offensive_2018 as off


def _add_claim(base: pd.DataFrame, like: str, **changes) -> pd.DataFrame:
    row = base[base["claim_id"] == like].copy()
    for k, v in changes.items():
        row[k] = v
    return pd.concat([base, row], ignore_index=True)


def test_three_fronts_as_aan_gives_them():
    f = off.fronts(off.JANUARY)
    c = claims_table()
    claimed = select(c, quantity="fronts", event_id=off.JANUARY, claimant_id="aan")
    assert len(claimed) == 1 and len(f) == int(claimed.iloc[0]["lower"])
    assert sorted(f["direction"]) == ["from the east", "from the south", "from the west"]
    west = f.set_index("direction").loc["from the west", "led_by"]
    leaders = select(c, kind="actor", quantity="leader", event_id="ev_2018_front_west")
    assert west.count(" and ") == len(leaders) - 1


def test_february_parts_are_the_two_checkpoint_attacks():
    f = off.fronts(off.FEBRUARY)
    ev = load_events()
    assert set(f["event_id"]) == set(ev.loc[ev["parent_event_id"] == off.FEBRUARY, "event_id"])
    assert (f["direction"] == "not stated").all()


def test_an_event_without_battles_among_its_parts_raises():
    with pytest.raises(ValueError, match="no battles"):
        off.fronts("ev_2018_retreat_moghul")


def test_lead_up_clashes_are_drawn_apart_not_added():
    cas = off.casualty_claims(off.JANUARY)
    ev = load_events().set_index("event_id")
    before = cas[~cas["in_event"]]
    assert len(before)
    assert (before["date_start"] < ev.loc[off.JANUARY, "date_start"]).all()
    assert set(cas.loc[cas["in_event"], "event_id"]) <= set(off.parts(off.JANUARY))


def test_every_casualty_claim_on_the_parts_reaches_the_table():
    raw = load_claims()
    wanted = raw[raw["event_id"].isin(off.parts(off.JANUARY)) & raw["quantity"].isin(off.CASUALTY_QUANTITIES)
                 & (raw["kind"] == "number")]
    cas = off.casualty_claims(off.JANUARY)
    assert set(wanted["claim_id"]) == set(cas.loc[cas["in_event"], "claim_id"])


def test_a_new_claim_reaches_the_table_and_the_figure():
    raw = load_claims()
    more = _add_claim(raw, "cl_st0201_jan21_killed", claim_id="cl_test_new", claimant_id="taleban", best=30)
    before = off.casualty_marks(off.JANUARY)
    after = off.casualty_marks(off.JANUARY, claims=more)
    assert len(after) == len(before) + 1
    assert "cl_test_new" in set(off.casualty_claims(off.JANUARY, claims=more)["claim_id"])


def test_copies_of_one_story_are_one_mark():
    raw = load_claims()
    src = raw.loc[raw["claim_id"] == "cl_st0201_jan21_killed", "source_id"].iloc[0]
    from analysis.data.load import load_sources

    s = load_sources()
    copies = s.loc[(s["copy_of"] == src), "source_id"]
    if copies.empty:
        # no reprint of the story is held: make a claim row as a reprint would carry it, from a copy of another story
        copy_src = s.loc[s["grade"] == "copy", "source_id"].iloc[0]
        more = _add_claim(raw, "cl_st0201_jan21_killed", claim_id="cl_test_copy", source_id=copy_src)
        c = claims_table(claims=more)
        c.loc[c["claim_id"] == "cl_test_copy", "report_id"] = c.loc[c["claim_id"] == "cl_st0201_jan21_killed", "report_id"].iloc[0]
    else:
        more = _add_claim(raw, "cl_st0201_jan21_killed", claim_id="cl_test_copy", source_id=copies.iloc[0])
        c = claims_table(claims=more)
    marks = off.casualty_marks(off.JANUARY, claims=c)
    assert len(marks) == len(off.casualty_marks(off.JANUARY))
    row = marks[(marks["event_id"] == "ev_2018_01_21_taleban_is_battle") & (marks["quantity"] == "killed")]
    assert row["outlets"].iloc[0] == 2


def test_a_floor_stays_a_floor():
    marks = off.casualty_marks(off.JANUARY)
    floors = marks[marks["qualifier"] == "at_least"]
    assert len(floors) and floors["open_above"].all() and floors["value"].str.startswith("at least").all()
    raw = load_claims()
    more = raw.copy()
    more.loc[more["claim_id"] == "cl_st0201_jan21_killed", ["qualifier", "low", "best"]] = ["at_least", 11, pd.NA]
    m = off.casualty_marks(off.JANUARY, claims=more)
    r = m[(m["event_id"] == "ev_2018_01_21_taleban_is_battle") & (m["quantity"] == "killed")].iloc[0]
    assert bool(r["open_above"]) and r["value"] == "at least 11"


def test_restated_headlines_and_parts_of_a_larger_toll_are_not_drawn_twice():
    cas = off.casualty_claims(off.FEBRUARY)
    assert cas["part_of"].notna().sum() >= 1
    marks = off.casualty_marks(off.FEBRUARY)
    assert set(marks["subject_id"]) & set(off.PART_OF) == set()
    jan = off.casualty_claims(off.JANUARY)
    assert not set(jan.loc[jan["restates"], "claim_id"]) & set(off.casualty_marks(off.JANUARY)["claim_id"])


def test_claimant_named_values_are_that_claimants():
    vals = {k: v for k, v, _ in off.headline_values(off.JANUARY)}
    c = claims_table()
    local = select(c, claimant_id="local_sources", event_id=off.JANUARY, quantity="killed", subject_id="hekmat_group")
    gh = select(c, claimant_id="mohammad_reza_ghafoori", event_id="ev_2018_01_19_taleban_is_battle",
                quantity="killed", subject_id="hekmat_group")
    assert vals["local_killed_hekmat"] == int(local.iloc[0]["lower"])
    assert vals["ghafoori_jan19_killed"] == int(gh.iloc[0]["lower"])
    # another claimant's figure for the same battle does not change the spokesman's value
    raw = load_claims()
    more = _add_claim(raw, "cl_st0201_jan19_killed", claim_id="cl_test_other", claimant_id="taleban", best=99)
    vals2 = {k: v for k, v, _ in off.headline_values(off.JANUARY, claims=more)}
    assert vals2["ghafoori_jan19_killed"] == vals["ghafoori_jan19_killed"]


def test_a_second_claim_by_a_named_claimant_stops_the_build():
    raw = load_claims()
    more = _add_claim(raw, "cl_st0201_jan19_killed", claim_id="cl_test_second", best=9)
    with pytest.raises(ClaimSelectionError):
        off.headline_values(off.JANUARY, claims=more)


def test_dates_print_at_their_precision():
    assert off.date_text("2018-01-01", "2018-01-31", "month") == "January 2018"
    assert off.date_text("2018-01-19", "2018-01-19", "day") == "19 January 2018"
    assert off.date_text("2018-01-11", "2018-01-25", "range") == "11-25 January 2018"


def test_february_values_come_from_the_data():
    vals = {k: v for k, v, _ in off.headline_values(off.FEBRUARY)}
    c = claims_table()
    assert vals["checkpoints"] == int(select(c, quantity="checkpoints_attacked", event_id=off.FEBRUARY).iloc[0]["lower"])
    assert vals["parts_coded"] == len(off.fronts(off.FEBRUARY))


def test_the_trigger_values_follow_aan_and_count_every_report():
    vals = {k: v for k, v, _ in off.headline_values(off.JANUARY)}
    c = claims_table()
    aan = select(c, kind="date", event_id=off.TRIGGER, claimant_id="aan")
    assert len(aan) == 1
    start = pd.Timestamp(aan.iloc[0]["value_date_start"])
    assert vals["trigger_date"] == f"{start.day} {start.strftime('%B %Y')}"
    assert vals["trigger_reports"] == c.loc[(c["event_id"] == off.TRIGGER) & (c["grade"] != "tertiary"), "report_id"].nunique()
    assert vals["trigger_gap_days"] > 0
