"""The sensitivity appendix: each reading changes the claims it names and the statements follow."""
from __future__ import annotations

import pytest

from analysis.data.claims import claims_table
from analysis.data.load import load_claims
from analysis.topics import collapse, sensitivity


@pytest.fixture(scope="module")
def default_table():
    """The appendix's table under the default readings (computed once for the tests that read it)."""
    return sensitivity.sensitivity_table()


def test_vague_words_found_by_rule_not_by_id():
    raw = load_claims()
    for words, (pattern, qualifier, _value) in sensitivity.CODEBOOK.items():
        hit = raw[sensitivity.vague(raw, words)]
        assert len(hit), words
        assert (hit["qualifier"] == qualifier).all()
        assert hit["value_text"].str.contains(pattern, case=False, regex=True).all()
    # "more than 200" is not "hundreds"
    assert not sensitivity.vague(raw, "hundreds")[raw["value_text"].str.contains("more than 200", case=False, na=False)].any()


@pytest.mark.parametrize("floor", [12, 30])
def test_dozens_floor_moves_the_lowest_surrender_count(floor):
    raw = load_claims()
    alt = claims_table(claims=sensitivity.reread(raw, "dozens", floor))
    m = collapse.count_marks(claims=alt)
    dozens = m[m["value"].str.startswith("at least") & (m["counted"] == "fighters")]
    assert dozens["lower"].min() == min(floor, 150)
    table = sensitivity.sensitivity_table(dozens_floor=floor, only=['"dozens"'])
    assert set(table["reading"]) == {'"dozens"'}
    row = table[(table["reading"] == '"dozens"') & (table["statement"].str.startswith("Counts of surrendered"))].iloc[0]
    assert row["alternative_value"].startswith(f"at least {floor}")
    assert row["changed"] == ("yes" if floor != 24 else "no")


def test_ceiling_read_as_central_value_loses_its_open_side():
    raw = load_claims()
    out = claims_table(claims=sensitivity.ceilings_as_central(raw, "could total"))
    before = claims_table()
    was = before[before["value_text"].str.contains("could total", na=False) & before["open_below"]]
    assert len(was)
    now = out[out["claim_id"].isin(was["claim_id"])]
    assert not now["open_below"].any() and (now["qualifier"] == "approx").all()
    assert (now["lower"].values == was["upper"].values).all()


def test_copies_reading_counts_outlet_items(default_table):
    table = default_table
    base = claims_table()
    m = collapse.count_marks(claims=base)
    f = m[m["counted"] == "fighters"]
    row = table[(table["reading"] == "Copies of one wire story") & (table["statement"] == "Independent reports behind the surrender counts")].iloc[0]
    assert int(row["default_value"]) == f["report_id"].nunique()
    loose = collapse.count_marks(collapse_copies=False, claims=base)
    assert int(row["alternative_value"]) == loose.loc[loose["counted"] == "fighters", "report_id"].nunique()


def test_every_statement_under_every_reading(default_table):
    table = default_table
    assert list(dict.fromkeys(table["reading"])) == list(sensitivity.READINGS)
    s = sensitivity.summary(table)
    assert len(table) == len(s) * s["statements"].iloc[0]
    assert set(table["changed"]) <= {"yes", "no"}
    assert (table["changed"] == "yes").eq(table["default_value"] != table["alternative_value"]).all()
    v = sensitivity.key_values(table)
    assert v["readings"][0] == len(s)


def test_a_single_figure_is_not_printed_as_a_range():
    st = sensitivity.statements(claims_table())
    for value in st.values():
        if " to " in value:
            low, high = value.split(" to ", 1)
            assert low != high


def test_a_reading_that_does_not_exist_is_refused_with_the_list():
    with pytest.raises(ValueError, match="the readings are: .*Tertiary pages"):
        sensitivity.sensitivity_table(only=["Every floor"])
