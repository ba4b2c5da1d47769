"""The March 2018 assessment read against what followed.

AAN's report of March 2018 closes with judgements about the enclave: how strong Hekmat's group
was, whether it could take the district centres, where its fighters came from. This module sets
each judgement the data codes from that report beside what later reports claimed about the same
quantity or question, and measures how long the enclave lasted after the report. It pronounces
no verdict: it lines the claims up, with their dates and the number of independent reports.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.claims import claims_table, one
from analysis.data.load import load_events, load_sources

#: The report whose judgements are read against what followed.
REPORT = "aan2018"
#: Events after the report that the comparison follows, in order.
LATER_EVENTS = ("ev_2018_hekmat_killed", "ev_2018_july_offensive", "ev_2018_surrender")
#: Columns that make "the same question" of a claim: like is compared with like.
QUESTION = ("kind", "quantity", "subject_id", "category", "unit", "place_id", "event_id")


def report_month() -> pd.Timestamp:
    """The first day of the publication period of the report.

    Raises
    ------
    ValueError
        If the report has no publication date.
    """
    s = load_sources().set_index("source_id")
    published = s.loc[REPORT, "published"]
    if pd.isna(published):
        raise ValueError(f"{REPORT} has no publication date")
    return published


def later_events() -> pd.DataFrame:
    """The events that followed the report, with their dates as coded and months after it.

    Returns
    -------
    pandas.DataFrame
        One row per event of :data:`LATER_EVENTS`: ``event_id``, ``label``, ``date_start``,
        ``date_end``, ``date_precision`` and ``months_after`` (whole months from the report's
        publication month to the event's first possible day).
    """
    e = load_events().set_index("event_id")
    start = report_month()
    rows = []
    for eid in LATER_EVENTS:
        ev = e.loc[eid]
        months = (ev["date_start"].year - start.year) * 12 + ev["date_start"].month - start.month
        rows.append({"event_id": eid, "label": ev["label"], "date_start": ev["date_start"], "date_end": ev["date_end"],
                     "date_precision": str(ev["date_precision"]), "months_after": months})
    return pd.DataFrame(rows)


def judgements(include_tertiary: bool = False) -> pd.DataFrame:
    """The report's claims beside what later reports claimed about the same question.

    Parameters
    ----------
    include_tertiary : bool
        Count claims from Wikipedia-derived pages among the later ones.

    Returns
    -------
    pandas.DataFrame
        One row per claim of the report that later reports speak to: ``claim_id``, ``question``
        (quantity, subject and category in words), ``report_said`` (the report's value words and
        claimant), ``later_claims``, ``later_reports`` (independent reports after the report's
        publication month), ``later_claimants`` and ``later_range`` (for numbers, the lowest and
        highest later bound, floors and ceilings marked).
    """
    c = claims_table(include_tertiary)
    mine = c[c["source_id"] == REPORT]
    after = c[(c["source_id"] != REPORT) & (c["published"] > report_month() + pd.offsets.MonthEnd(0))]
    rows = []
    key = list(QUESTION)
    later_groups = {k: g for k, g in after.groupby([after[k].astype("string").fillna("") for k in key], observed=True)}
    for _, claim in mine.iterrows():
        k = tuple("" if pd.isna(claim[col]) else str(claim[col]) for col in key)
        later = later_groups.get(k)
        if later is None or claim["kind"] not in ("number", "presence"):
            continue
        if claim["kind"] == "number":
            lo, hi = later["lower"].min(), later["upper"].max()
            floor = bool(later.loc[later["upper"] == hi, "open_above"].any())
            rng = f"{int(lo):,} to {int(hi):,}" + (" or more" if floor else "")
        else:
            rng = ""
        rows.append({
            "claim_id": claim["claim_id"],
            "question": " ".join(x for x in (k[1].replace("_", " "), k[2].replace("_", " "), k[3], k[4], k[5]) if x),
            "report_said": f"{claim['value_text']} ({claim['claimant_name']})",
            "later_claims": len(later),
            "later_reports": later["report_id"].nunique(),
            "later_claimants": "; ".join(sorted(later["claimant_name"].dropna().unique())),
            "later_range": rng,
        })
    out = pd.DataFrame(rows, columns=["claim_id", "question", "report_said", "later_claims", "later_reports",
                                      "later_claimants", "later_range"])
    return out.sort_values(["question", "claim_id"]).reset_index(drop=True)


def aan_values() -> dict:
    """The report's own figures the section names, each selected by what it is.

    Returns
    -------
    dict
        ``alp_ceiling`` (the ALP commander's "could total" figure), ``locals_about`` (the locals'
        estimate) and ``outside_group_size`` (the dozen per outside group of the conclusion).
    """
    c = claims_table()
    mine = c[c["source_id"] == REPORT]
    alp = one(mine, quantity="fighters", subject_id="hekmat_group", claimant_id="sher_muhammad")
    locals_ = one(mine, quantity="fighters", subject_id="hekmat_group", claimant_id="locals")
    group = one(mine, quantity="fighters_per_group")
    return {
        "alp_ceiling": int(alp["upper"]),
        "locals_about": int(locals_["best"]),
        "outside_group_size": int(group["upper"]),
    }
