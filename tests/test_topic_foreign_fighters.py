"""Tests of analysis.topics.foreign_fighters against the data."""
from __future__ import annotations

from analysis.data.claims import claims_table, select
from analysis.topics import foreign_fighters as ff
from conftest import set_cell


def test_scope_is_jawzjan_or_hekmats_group():
    c = ff.foreign_claims()
    everything = select(claims_table(), quantity="foreign_fighters")
    assert set(c["claim_id"]) <= set(everything["claim_id"])
    outside = c[(c["subject_id"] != "hekmat_group")]
    assert ff._in_province(outside["place_id"]).all()


def test_copies_of_one_story_count_as_one_report():
    c = ff.foreign_claims()
    r = ff.foreign_reports()
    key = ["report_id", "nationality", "claimant_id", "stance"]
    assert len(r) == len(c.drop_duplicates(key))
    nat = ff.by_nationality().set_index("nationality")
    for name, row in nat.iterrows():
        a = c[(c["nationality"] == name) & (c["stance"] == "asserted")]
        assert row["reports"] == a["report_id"].nunique()
        assert row["outlets"] == a["source_id"].nunique()
        assert row["reports"] <= row["outlets"]


def test_denials_are_kept_beside_assertions_with_their_claimants():
    c = ff.foreign_claims()
    nat = ff.by_nationality().set_index("nationality")
    denied = c[c["stance"] == "denied"]
    assert nat["denials"].sum() == len(denied)
    for name, g in denied.groupby("nationality"):
        assert set(nat.loc[name, "denied_by"].split("; ")) == set(g["claimant"])


def test_a_new_denial_reaches_the_table(in_project):
    c = ff.foreign_claims()
    target = c[(c["nationality"] == "Uzbek") & (c["stance"] == "asserted")].iloc[0]
    before = ff.by_nationality().set_index("nationality").loc["Uzbek", "denials"]
    set_cell(in_project, "claims", target["claim_id"], "stance", "denied")
    after = ff.by_nationality().set_index("nationality").loc["Uzbek"]
    assert after["denials"] == before + 1
    assert target["claimant"] in after["denied_by"]


def test_nationalities_read_from_categories():
    assert ff.nationality("Tajik (interpreter)") == "Tajik"
    assert ff.nationality("French women") == "French"
    assert ff.nationality("Algerian (Syria/Iraq veterans)") == "Algerian"
    assert ff.nationality(None) == "Unspecified"


def test_numbers_keep_floors_and_ranges():
    n = ff.numbers()
    c = ff.foreign_claims()
    nums = c[c["kind"] == "number"]
    assert n["outlets"].sum() == len(nums.drop_duplicates(["report_id", "claimant_id", "source_id", "lower", "upper", "category"]))
    for _, r in nums.iterrows():
        text = ff._number_text(r)
        if r["open_above"]:
            assert text.startswith("at least")
        if r["open_below"]:
            assert text.startswith("at most")


def test_travel_rows_point_to_their_report():
    t = ff.travel(nationalities=["French"])
    assert (t["nationality"] == "French").all()
    copies = t[t["is_copy"]]
    assert (copies["source_id"] != copies["report_id"]).all()


def test_tertiary_only_on_request():
    assert (ff.foreign_claims()["grade"] != "tertiary").all()
    assert len(ff.foreign_claims(include_tertiary=True)) >= len(ff.foreign_claims())
