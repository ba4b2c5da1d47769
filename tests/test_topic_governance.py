"""Control and governance: counts kept at their scope, floors as floors, the administration as told."""
from __future__ import annotations

import pytest

from analysis.data.claims import ClaimSelectionError, RankChanged, claims_table
from analysis.data.load import load_administration, load_table
from analysis.topics import governance as g
from conftest import read_rows, set_cell, write_rows


def test_school_claims_keep_every_claim_of_the_enclave_once_per_report():
    c = claims_table()
    want = c[c["quantity"].isin(g.SCHOOL_QUANTITIES) & c["place_id"].isin(g.ENCLAVE_PLACES)]
    s = g.school_claims()
    assert len(s) == len(want.drop_duplicates(["quantity", "place_id", "claimant_id", "report_id", "lower", "upper", "scope"]))
    assert set(s["place_id"]) <= set(g.ENCLAVE_PLACES)


def test_one_district_leaves_out_counts_for_both():
    s = g.school_claims(["darzab"])
    assert set(s["place_id"]) == {"darzab"}


def test_a_floor_stays_a_floor():
    s = g.school_claims()
    floors = s[s["open_above"]]
    assert len(floors) and floors["value"].str.startswith("at least").all()


def test_the_share_shut_pairs_one_claimants_own_figures():
    t = g.schools_table()
    assert (t.groupby("place_id")["report_id"].nunique() == 1).all()
    assert ((t["share_shut"] > 0) & (t["share_shut"] <= 1)).all()


def test_administration_is_a_list_with_no_invented_hierarchy():
    a = g.administration()
    assert len(a) == len(load_administration())
    assert a["kind"].iloc[0] == "council"
    assert "parent" not in " ".join(a.columns)


def test_children_claims_leave_out_children_counted_for_other_reasons():
    k = g.children_claims()
    assert not k["scope"].str.contains("raped|video", case=False).any()
    assert len(k)


def test_named_values_follow_their_claimant(project):
    vals = dict((k, v) for k, v, _ in g.key_values())
    c = claims_table()
    karimi = c[(c["claimant_id"] == "halima_karimi") & (c["quantity"] == "schools_shut")]
    assert vals["karimi_shut_floor"] == int(karimi["low"].iloc[0])
    set_cell(project, "claims", karimi["claim_id"].iloc[0], "low", "80")
    changed = dict((k, v) for k, v, _ in g.key_values(claims=load_table("claims", project)))
    assert changed["karimi_shut_floor"] == 80 and changed["girls_schools"] == vals["girls_schools"]


def test_a_new_count_reaches_the_table_and_a_duplicate_for_a_named_claimant_stops_the_build(project):
    path = project / "data" / "raw" / "claims.csv"
    header, rows = read_rows(path)
    i = header.index
    src = next(r for r in rows if r[i("quantity")] == "territory_share" and r[i("claimant_id")] == "halima_karimi")
    new = list(src)
    new[i("claim_id")] = "cl_test_karimi_second_share"
    new[i("low")] = "85"
    write_rows(path, header, rows + [new])
    claims = load_table("claims", project)
    assert len(g.territory_claims(claims=claims)) == len(g.territory_claims()) + 1
    with pytest.raises(ClaimSelectionError):
        g.key_values(claims=claims)


def test_rank_change_raises(project):
    c = claims_table()
    cid = c[(c["quantity"] == "schools_destroyed") & (c["claimant_id"] == "local_officials")
            & (c["best"] == 11)]["claim_id"].iloc[0]
    set_cell(project, "claims", cid, "best", "30")
    with pytest.raises(RankChanged):
        g.key_values(claims=load_table("claims", project))
