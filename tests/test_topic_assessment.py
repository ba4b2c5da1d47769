"""Tests of analysis.topics.assessment against the data."""
from __future__ import annotations

from analysis.topics import assessment as a
from analysis.topics.displacement import displacement


def test_months_about_measure_elapsed_time_not_calendar_months():
    ev = a.later_events().set_index("event_id")
    start = a.report_month()
    for _eid, row in ev.iterrows():
        days = (row["date_start"] - start).days
        assert abs(row["months_about"] * 30.44 - days) <= 15.3
    # a report of (early) March and a surrender at the turn of July and August: about five months
    assert ev.loc["ev_2018_surrender", "months_about"] >= ev.loc["ev_2018_surrender", "months_after"]


def test_displacement_judgements_compare_only_inside_one_comparison_group():
    j = a.judgements()
    d = displacement()
    group_of = {cid: g for ids, g in zip(d["claim_ids"], d["group"]) for cid in str(ids).split("; ")}
    for cid in j["claim_id"]:
        if cid in group_of:
            # the later figures it is set beside are in its own group
            assert (d[d["group"] == group_of[cid]]["claim_ids"].str.len() > 0).any()
    # UNOCHA's 2016-17 count is not set against OCHA's April 2018 figure for a wider area
    assert not j["report_said"].str.contains("7,250").any()


def test_judgement_rows_are_in_words_and_say_whose_voice():
    j = a.judgements()
    assert not j["question"].str.contains("_").any()
    assert j["report_said"].str.contains(r"to AAN|as AAN relays it|AAN's own").all()
    assert not j["later_range"].str.match(r"^([\d,]+) to \1$").any()
