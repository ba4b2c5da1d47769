"""Helpers the notebooks and processed tables share: roster, triangulation, displacement, joins."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.data.claims import claim_bounds
from analysis.data.processed import TABLES, lookup
from analysis.topics.displacement import displacement
from analysis.topics.estimates import triangulate
from analysis.topics.fighter_strength import commanders_roster


def test_claim_bounds_of_the_named_groups():
    b = claim_bounds(analysis.load_claims()).set_index("claim_id")
    assert (b.loc["cl_fighters_qudrat_gul", ["lower", "upper"]].tolist()) == [40, 50]
    assert pd.isna(b.loc["cl_foreign_dawar_french", "lower"])


def test_triangulation_compares_competing_totals():
    t = triangulate()
    key = (t["quantity"] == "fighters") & (t["subject_id"] == "hekmat_group") & (t["place_id"] == "enclave")
    row = t[key & t["event_id"].isna() & (t["unit"] == "persons")].iloc[0]
    from analysis.data.claims import claims_table, select

    own = select(claims_table(), kind="number", stance="asserted", quantity="fighters", subject_id="hekmat_group",
                 place_id="enclave", unit="persons")
    own = own[own["event_id"].isna()]
    assert row["claims"] == len(own) and row["reports"] == own["report_id"].nunique()
    assert row["min"] == own["lower"].min() and row["max"] == own["upper"].max()
    assert row["spread_ratio"] == pytest.approx(row["max"] / row["min"], abs=1e-3)
    assert set(row["claimant_names"].split("; ")) == set(own["claimant_name"])


def test_triangulation_leaves_out_denials_and_claims_that_are_not_numbers():
    t = triangulate(by=("quantity",))
    ids = {i.strip() for row in t["claim_ids"] for i in row.split(";")}
    c = analysis.load_claims()
    excluded = set(c.loc[(c["stance"] == "denied") | (c["kind"] != "number"), "claim_id"])
    assert excluded and not ids & excluded


def test_triangulation_of_no_numbers_is_an_empty_table_with_its_columns():
    from analysis.data.claims import claims_table

    full = triangulate()
    none = triangulate(claims_table()[lambda t: t["kind"] != "number"])
    assert none.empty and list(none.columns) == list(full.columns)


def test_triangulation_rejects_unknown_columns():
    with pytest.raises(ValueError, match=r"unknown column\(s\) \['region'\]"):
        triangulate(by=("quantity", "region"))


def test_roster_one_row_per_commander_with_claimed_strengths():
    r = commanders_roster()
    assert r["actor_id"].is_unique
    claims = claim_bounds(analysis.load_claims())
    for _, row in r.iterrows():
        f = claims[(claims["quantity"] == "fighters") & (claims["subject_id"] == row["actor_id"])]
        if len(f):
            assert row["fighters_low"] == f["lower"].min()
            assert row["fighters_high"] == f["upper"].max()
        else:
            assert pd.isna(row["fighters_low"])
    nemat = r.set_index("actor_id").loc["mufti_nemat"]
    assert nemat["ethnicity"] == "Uzbek"
    assert "Military court" in nemat["admin_role"]
    assert "Abdulrashid Dostum" in nemat["prior_affiliation"]
    zain = r.set_index("actor_id").loc["haji_zainuddin"]
    assert "Hezb-e Islami Gulbuddin" in zain["prior_affiliation"] and zain["joined"].year == 2016


def test_roster_excludes_hekmat_and_non_commanders():
    ids = set(commanders_roster()["actor_id"])
    assert "qari_hekmat" not in ids and "foreign_fighters" not in ids and "nurullah" not in ids


def test_displacement_never_converts_and_keeps_both_units():
    both = displacement()
    fam, ind = displacement("families"), displacement("individuals")
    assert len(both) == len(fam) + len(ind)
    un = both[(both["claimant_id"] == "unocha") & (both["place_id"] == "enclave")].set_index("unit")
    assert un.loc["families", "also_stated"] == f"{int(un.loc['individuals', 'lower']):,} individuals"


def test_displacement_rejects_bad_arguments():
    with pytest.raises(ValueError, match="unit must be one of both, families, individuals; got 'people'"):
        displacement("people")


def test_lookup_never_changes_row_counts():
    claims = analysis.load_claims()
    out = lookup(claims, "claimant_id", analysis.load_actors(), "actor_id", {"name": "claimant_name"})
    assert len(out) == len(claims)
    assert out["claimant_name"].notna().all()


def test_lookup_refuses_a_key_that_would_duplicate_rows():
    actors = analysis.load_actors()
    doubled = pd.concat([actors, actors.head(1)])
    with pytest.raises(ValueError, match="not unique"):
        lookup(analysis.load_claims(), "claimant_id", doubled, "actor_id", {"name": "n"})


@pytest.mark.parametrize("name, raw", [("claims.csv", "claims"), ("events.csv", "events"),
                                       ("affiliations.csv", "affiliations"), ("administration.csv", "administration")])
def test_processed_joins_keep_row_counts(name, raw):
    joined = TABLES[name]()
    base = getattr(analysis, f"load_{raw}")()
    assert len(joined) == len(base)
    assert list(joined.iloc[:, 0]) == list(base.iloc[:, 0])
