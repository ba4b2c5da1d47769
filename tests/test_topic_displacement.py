"""The displacement topic: like with like, nothing converted, floors kept, copies collapsed."""
from __future__ import annotations

import pytest

from analysis.data.claims import ClaimSelectionError, RankChanged, claims_table, select
from analysis.topics.displacement import displacement, groups, paper_values, ratio
from tests.conftest import read_rows, write_rows

ENCLAVE_1 = dict(unit="families", direction="from", place_id="enclave", period_no=1)


def test_every_displacement_claim_about_jawzjan_is_shown_once():
    t = displacement()
    c = claims_table()
    raw = c[(c["quantity"] == "displaced") & c["lower"].notna()]
    shown = {cid for ids in t["claim_ids"] for cid in ids.split("; ")}
    assert shown <= set(raw["claim_id"])
    assert len(shown) == sum(len(ids.split("; ")) for ids in t["claim_ids"])
    assert "afghanistan" not in set(t["place_id"])  # country-wide figures are left out


def test_nothing_is_converted_between_units():
    t = displacement()
    c = claims_table().set_index("claim_id")
    for r in t.itertuples():
        first = r.claim_ids.split("; ")[0]
        assert r.lower == c.loc[first, "lower"] and r.upper == c.loc[first, "upper"]
        assert {"families": "families", "individuals": "persons"}[r.unit] == c.loc[first, "unit"]


def test_a_figure_stated_in_both_units_says_so_in_each():
    t = displacement()
    fam = select(t, claimant_id="unocha", **ENCLAVE_1).iloc[0]
    ind = select(t, claimant_id="unocha", unit="individuals", place_id="enclave", period_no=1).iloc[0]
    assert fam["also_stated"] == f"{int(ind['lower']):,} individuals"
    assert ind["also_stated"] == f"{int(fam['lower']):,} families"


def test_unit_filter_only_filters():
    both, fam, ind = displacement(), displacement("families"), displacement("individuals")
    assert len(both) == len(fam) + len(ind)
    assert set(fam["unit"]) == {"families"} and set(ind["unit"]) == {"individuals"}
    with pytest.raises(ValueError, match="unit must be one of both, families, individuals"):
        displacement("people")


def test_floors_stay_floors():
    t = displacement()
    c = claims_table().set_index("claim_id")
    for r in t.itertuples():
        first = r.claim_ids.split("; ")[0]
        assert r.open_above == (c.loc[first, "qualifier"] == "at_least")
        if r.open_above:
            assert r.value.startswith("at least")


def test_destination_stocks_are_kept_apart_from_origin_counts():
    t = displacement()
    sheb = select(t, claimant_id="halima_karimi", place_id="sheberghan").iloc[0]
    assert sheb["direction"] == "at"
    assert select(t, claimant_id="iom", place_id="qush_tepa").iloc[0]["direction"] == "from"
    assert sheb["group"] != select(t, claimant_id="halima_karimi", place_id="darzab").iloc[0]["group"]


def test_ratio_only_within_a_group():
    t = displacement()
    iom = select(t, claimant_id="iom", **ENCLAVE_1).iloc[0]
    un = select(t, claimant_id="unocha", **ENCLAVE_1).iloc[0]
    assert ratio(t, dict(claimant_id="iom", **ENCLAVE_1), dict(claimant_id="unocha", **ENCLAVE_1)) == round(iom["lower"] / un["lower"], 2)
    with pytest.raises(ValueError, match="not like with like"):
        ratio(t, dict(claimant_id="halima_karimi", unit="families", place_id="darzab"), dict(claimant_id="unocha", **ENCLAVE_1))
    with pytest.raises(ValueError, match="not a point figure"):
        ratio(t, dict(claimant_id="local_officials", **ENCLAVE_1), dict(claimant_id="unocha", **ENCLAVE_1))


def test_groups_count_from_the_table():
    t = displacement()
    g = groups(t)
    assert g["claims"].sum() == len(t)
    row = g[(g["unit"] == "families") & (g["place"] == "Darzab and Qush Tepa") & (g["period_no"] == 1)].iloc[0]
    assert row["claimants"] == select(t, **ENCLAVE_1)["claimant_id"].nunique()


def test_claimant_named_values_are_that_claimants():
    t = displacement()
    v = {k: val for k, val, _ in paper_values(t)}
    assert v["iom_november"] == select(t, claimant_id="iom", **ENCLAVE_1).iloc[0]["lower"]
    assert v["karimi_darzab"] == select(t, claimant_id="halima_karimi", place_id="darzab").iloc[0]["lower"]
    assert v["claims"] == len(t)


def test_copies_of_one_story_collapse(in_project):
    project = in_project
    path = project / "data" / "raw" / "sources.csv"
    header, rows = read_rows(path)
    src = next(r for r in rows if r[0] == "brecorder_2018_08_reuters_amnesty")
    twin = list(src)
    twin[0] = "brecorder_twin"
    twin[header.index("publisher")] = "Another reprint"
    rows.append(twin)
    write_rows(path, header, rows)
    cpath = project / "data" / "raw" / "claims.csv"
    ch, crows = read_rows(cpath)
    orig = next(r for r in crows if r[0] == "cl_brr_displaced")
    new = list(orig)
    new[0] = "cl_brr_displaced_twin"
    new[ch.index("source_id")] = "brecorder_twin"
    crows.append(new)
    write_rows(cpath, ch, crows)
    t = displacement()
    row = t[t["claim_ids"].str.contains("cl_brr_displaced")]
    assert len(row) == 1 and row.iloc[0]["n_outlets"] == 2


def test_a_new_claim_reaches_the_table_and_a_rank_change_stops_the_build(in_project):
    project = in_project
    cpath = project / "data" / "raw" / "claims.csv"
    ch, crows = read_rows(cpath)
    orig = next(r for r in crows if r[0] == "cl_displaced_iom_november")
    new = list(orig)
    new[0] = "cl_new_lower_count"
    new[ch.index("claimant_id")] = "residents"
    new[ch.index("best")] = "1000"
    crows.append(new)
    write_rows(cpath, ch, crows)
    t = displacement()
    assert "cl_new_lower_count" in set(t["claim_ids"])
    with pytest.raises(RankChanged):
        paper_values(t)


def test_a_second_claim_for_a_named_value_is_not_passed_over(in_project):
    project = in_project
    cpath = project / "data" / "raw" / "claims.csv"
    ch, crows = read_rows(cpath)
    orig = next(r for r in crows if r[0] == "cl_displaced_karimi_darzab")
    new = list(orig)
    new[0] = "cl_karimi_again"
    new[ch.index("best")] = "6000"
    crows.append(new)
    write_rows(cpath, ch, crows)
    with pytest.raises(ClaimSelectionError):
        paper_values(displacement())


def test_a_rewrite_that_moves_the_attribution_adds_no_second_voice():
    t = displacement()
    rows = t[t["report_id"] == "radioazadi_2018_01_07_council"]
    # the Afghanistan Times rewrite credits the council head; the original, local officials: one row
    assert len(rows) == 1
    assert rows.iloc[0]["claimant_id"] == "local_officials"
    assert "Afghanistan Times" in rows.iloc[0]["outlets"] and "Radio Azadi" in rows.iloc[0]["outlets"]


def test_a_figure_for_a_wider_area_gets_its_own_group():
    t = displacement()
    wide = t[t["place"].str.contains("Faryab")]
    assert len(wide) >= 1
    for g in wide["group"]:
        assert (t["group"] == g).sum() == len(t[(t["group"] == g) & t["place"].str.contains("Faryab")])
