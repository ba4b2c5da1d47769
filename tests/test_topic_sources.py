"""Tests of the Sources and method topic: the shelf, copies as one report, claimants, single reports."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.load import load_sources
from analysis.topics.sources import (
    OrderChanged,
    claimant_families,
    claims_by_kind,
    copy_links,
    expect_family_order,
    held,
    shelf,
    shelf_layout,
    shelf_summary,
    single_report,
    single_report_summary,
    wire_stories,
)
from analysis.topics.timeline import span_text
from tests.conftest import set_cell


def test_counts_come_from_the_sources_table():
    s = load_sources()
    kept = s[s["held"].fillna(False).astype(bool) & (s["grade"].astype(str) != "tertiary")]
    summary = shelf_summary()
    assert summary["held"] == len(kept)
    assert summary["primary"] + summary["copies"] == summary["held"]
    assert summary["opening_only"] + summary["complete"] == summary["held"]
    assert summary["day"] + summary["coarser"] + summary["undated"] == summary["held"]


def test_copies_of_one_story_are_one_report():
    summary = shelf_summary()
    h = held()
    assert summary["reports"] == h["report_id"].nunique() < summary["held"]
    wires = wire_stories()
    assert wires["copies"].sum() == summary["copies"]
    # no held copy adds a report of its own: every report is a primary item or one story's copies
    assert summary["reports"] == summary["primary"] + len(wires) - int(wires["original_held"].sum())


def test_a_new_reprint_of_a_held_story_adds_a_copy_not_a_report(in_project):
    project = in_project
    # the copy still holds the project's data: the summary before the change
    before = {"s": shelf_summary(), "w": wire_stories().to_dict("records")}
    h = held()
    primary = h[h["grade"] == "primary"].iloc[-1]["source_id"]
    story = h[h["grade"] == "copy"].iloc[0]["report_id"]  # a story already held through a copy
    set_cell(project, "sources", primary, "grade", "copy")
    set_cell(project, "sources", primary, "copy_of", story)
    after = {"s": shelf_summary(), "w": wire_stories().to_dict("records")}
    assert after["s"]["held"] == before["s"]["held"]
    assert after["s"]["copies"] == before["s"]["copies"] + 1
    assert after["s"]["reports"] == before["s"]["reports"] - 1
    assert sum(w["copies"] for w in after["w"]) == sum(w["copies"] for w in before["w"]) + 1
    assert len(after["w"]) == len(before["w"])


def test_tertiary_pages_are_left_out_unless_asked():
    assert "tertiary" not in set(held()["grade"])
    with_t = held(include_tertiary=True)
    assert (with_t["grade"] == "tertiary").sum() == shelf_summary()["tertiary_held"]
    assert claims_by_kind(True)["claims"].sum() >= claims_by_kind()["claims"].sum()


def test_claims_by_kind_and_family_add_up():
    kinds = claims_by_kind()
    fam = claimant_families()
    assert kinds["claims"].sum() == fam["claims"].sum() == single_report_summary()["claims"]
    assert fam["share"].sum() == pytest.approx(100, abs=0.5)


def test_family_order_check_raises_when_the_order_changes():
    fam = claimant_families()
    expect_family_order(fam, list(fam["family"].head(2)))
    with pytest.raises(OrderChanged):
        expect_family_order(fam, list(fam["family"].head(2))[::-1])
    tied = pd.DataFrame({"family": ["a", "b", "c"], "claims": [5, 5, 1]})
    with pytest.raises(OrderChanged):
        expect_family_order(tied, ["a"])


def test_single_report_counts_reports_not_sources():
    q = single_report()
    assert (q["reports"] <= q["sources"]).all()
    summary = single_report_summary()
    assert summary["questions_one_report"] == int((q["reports"] == 1).sum())
    assert summary["questions_copies_only"] == int(((q["reports"] == 1) & (q["sources"] > 1)).sum())
    assert summary["claims_one_report"] == int(q.loc[q["reports"] == 1, "claims"].sum())


def test_shelf_layout_one_mark_per_source_and_copies_linked():
    lay = shelf_layout()
    assert len(lay) == len(shelf())
    assert not lay.duplicated(["x", "stack"]).any()
    links = copy_links(lay)
    assert len(links) == int((lay["source_id"] != lay["report_id"]).sum())
    assert links.loc[links["cross"], "note"].str.startswith("copy of ").all()


def test_dates_print_at_their_precision():
    assert span_text(pd.Timestamp("2017-06-01"), None, "month") == "June 2017"
    assert span_text(pd.Timestamp("2017-02-08"), None, "day") == "8 February 2017"
    assert span_text(pd.Timestamp("2017-11-28"), pd.Timestamp("2017-12-05"), "range") == "28 November-5 December 2017"
    assert span_text(None, None, "unknown") == "undated"
    months = held()
    assert not months.loc[months["date_precision"] == "month", "when"].str.match(r"^\d").any()
