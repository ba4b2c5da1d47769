"""The collapse of the enclave: marks per independent report, what is counted, named values, ranks."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.data.claims import ClaimSelectionError, RankChanged, claims_table
from analysis.data.load import load_claims
from analysis.topics import collapse
from conftest import read_rows, write_rows


def _copies(table: pd.DataFrame, claim: pd.Series, n: int) -> pd.DataFrame:
    """The table with ``n`` reprints of one claim, each in its own outlet, all copies of one story."""
    rows = []
    for i in range(n):
        r = claim.copy()
        r["claim_id"] = f"{claim['claim_id']}_copy{i}"
        r["source_id"] = f"reprint_{i}"
        r["publisher"] = f"Reprint outlet {i}"
        r["grade"] = "copy"
        rows.append(r)
    return pd.concat([table, pd.DataFrame(rows)], ignore_index=True)


def test_five_copies_of_one_wire_story_are_one_report():
    table = claims_table()
    claim = collapse.collapse_claims(claims=table)
    claim = claim[(claim["quantity"] == "surrendered") & (claim["claimant_id"] == "mufti_nemat")].iloc[0]
    before = collapse.count_marks(claims=table)
    five = _copies(table, claim, 5)
    after = collapse.count_marks(claims=five)
    mine = after[after["report_id"] == claim["report_id"]]
    assert len(after) == len(before)
    nemat = mine[mine["claimant_id"] == "mufti_nemat"].iloc[0]
    assert nemat["claims"] == 6 and nemat["outlets"] == 6
    ranges = collapse.count_ranges(after).set_index("counted")
    assert ranges.loc["fighters", "reports"] == collapse.count_ranges(before).set_index("counted").loc["fighters", "reports"]
    assert ranges.loc["fighters", "outlets"] == collapse.count_ranges(before).set_index("counted").loc["fighters", "outlets"] + 5
    # uncollapsed, every reprint is its own mark
    loose = collapse.count_marks(collapse_copies=False, claims=five)
    assert len(loose) == len(collapse.count_marks(collapse_copies=False, claims=table)) + 5


def test_tertiary_only_claim_is_left_out_by_default():
    full = claims_table(include_tertiary=True)
    tertiary = full[(full["grade"] == "tertiary") & full["event_id"].isin(collapse.offensive_events())]
    assert len(tertiary)
    ids = set(collapse.collapse_claims()["claim_id"])
    assert not ids & set(tertiary["claim_id"])
    assert set(tertiary["claim_id"]) <= set(collapse.collapse_claims(include_tertiary=True)["claim_id"])


def test_captives_are_not_a_surrender_and_women_are_not_fighters():
    m = collapse.count_marks()
    c = collapse.collapse_claims()
    captured = c[c["quantity"] == "captured"]
    assert set(m.loc[m["counted"] == "captured by the Taleban", "claim_ids"].str.split("; ").explode()) == set(captured["claim_id"])
    fighters = m[m["counted"] == "fighters"]
    assert not fighters["scope"].str.contains(r"\bwomen\b|\bchildren\b", case=False).any()
    assert (fighters["unit"] == "persons").all()


def test_a_floor_stays_a_floor():
    m = collapse.count_marks()
    floors = m[m["qualifier"] == "at_least"]
    assert len(floors) and floors["open_above"].all() and floors["value"].str.startswith("at least").all()
    r = collapse.count_ranges(m).set_index("counted")
    top = m[m["counted"] == "fighters"].sort_values("upper").iloc[-1]
    assert r.loc["fighters", "highest_open"] == bool(top["open_above"])


def test_named_value_is_the_claimants_own():
    c = collapse.collapse_claims()
    mine = c[(c["quantity"] == "surrendered") & (c["claimant_id"] == "mufti_nemat")]
    assert len(mine) == 1
    row = mine.iloc[0]
    assert collapse.named_count(c, quantity="surrendered", claimant_id="mufti_nemat") == collapse.value_label(row["lower"], row["upper"], row["qualifier"])
    with pytest.raises(ClaimSelectionError):
        collapse.named_count(c, quantity="surrendered", claimant_id="local_officials")


def test_new_claim_reaches_the_table_and_a_rank_change_raises(project):
    path = project / "data" / "raw" / "claims.csv"
    header, rows = read_rows(path)
    col = {h: i for i, h in enumerate(header)}
    base = next(r for r in rows if r[col["quantity"]] == "surrendered" and r[col["claimant_id"]] == "mod")
    new = list(base)
    new[col["claim_id"]] = "cl_test_mod_surrendered_more"
    new[col["claimant_id"]] = "taleban"
    new[col["low"]] = "900"
    write_rows(path, header, rows + [new])
    table = claims_table(claims=load_claims(project))
    m = collapse.count_marks(claims=table)
    assert "cl_test_mod_surrendered_more" in ";".join(m["claim_ids"])
    assert collapse.count_ranges(m).set_index("counted").loc["fighters", "highest"] == 900
    with pytest.raises(RankChanged):
        collapse.key_values(claims=table)


def test_credit_and_dates_cover_every_claim():
    c = collapse.collapse_claims()
    credit = collapse.credit_claims()
    n = c[c["quantity"].isin(["credit", "surrendered_to"]) & (c["stance"] == "asserted")]
    assert credit["report_id"].nunique() == n["report_id"].nunique()
    d = collapse.date_claims()
    own = c[(c["kind"] == "date") & (c["event_id"] == collapse.OFFENSIVE)]
    assert d["report_id"].nunique() == own["report_id"].nunique()
    assert collapse.date_text(pd.Timestamp("2018-07-01"), pd.Timestamp("2018-07-31"), "month") == "July 2018"


def test_claimant_values_group_one_value_repeated_in_several_reports():
    cm = collapse.casualty_marks()
    ck = cm[cm["quantity"] == "killed"]
    text = collapse.claimant_values(ck, ["taleban", "zabihullah_mujahid"], subject_id="taleban", event_id=collapse.OFFENSIVE)
    values = re.findall(r"((?:at least |about )?[\d,]+) \(", text)
    assert values and len(values) == len(set(values))


def test_the_taleban_captive_count_and_its_list_use_the_same_filter():
    v = collapse.key_values()
    listed = v["captured_taleban"][0]
    n_outlets = sum(len(inner.replace(" and ", ", ").split(", ")) for inner in re.findall(r"\(([^)]*)\)", listed))
    assert v["captured_taleban_reports"][0] == n_outlets
    assert v["captured_taleban_reports"][0] <= v["captured_reports"][0]
