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
        ``date_end``, ``date_precision``, ``months_after`` (calendar months from the report's
        publication month to the event's month) and ``months_about`` (time elapsed from the
        report's first possible day to the event's, to the nearest month: what "about n months
        later" may say).
    """
    e = load_events().set_index("event_id")
    start = report_month()
    rows = []
    for eid in LATER_EVENTS:
        ev = e.loc[eid]
        months = (ev["date_start"].year - start.year) * 12 + ev["date_start"].month - start.month
        # elapsed time in months, to the nearest month: from the report's first possible day
        # (a month-dated report is read from the 1st) to the event's first possible day
        about = int(round((ev["date_start"] - start).days / (365.25 / 12)))
        rows.append({"event_id": eid, "label": ev["label"], "date_start": ev["date_start"], "date_end": ev["date_end"],
                     "date_precision": str(ev["date_precision"]), "months_after": months, "months_about": about})
    return pd.DataFrame(rows)


#: Plain words for the quantities the report's compared claims concern.
QUANTITY_WORDS = {"displaced": "people displaced", "fighters": "fighters", "foreign_fighters": "foreign fighters"}


def question_words(claim, actors: pd.Series, places: pd.Series) -> str:
    """A claim's question in plain words: "Foreign fighters with Hekmat's group (French), Darzab".

    Parameters
    ----------
    claim : mapping
        A row of :func:`analysis.data.claims.claims_table`.
    actors, places : pandas.Series
        Names by ``actor_id`` and by ``place_id``.
    """
    q = str(claim["quantity"])
    text = QUANTITY_WORDS.get(q, q.replace("_", " "))
    subject = claim["subject_id"]
    if isinstance(subject, str) and subject and subject != "civilians":
        name = "Hekmat's group" if subject == "hekmat_group" else actors.get(subject, subject.replace("_", " "))
        text += f" with {name}" if q == "foreign_fighters" else f" of {name}"
    if isinstance(claim["category"], str) and claim["category"]:
        text += f" ({claim['category']})"
    place = claim["place_id"]
    if isinstance(place, str) and place:
        text += f", {places.get(place, place)}"
    return text[0].upper() + text[1:]


def said_by(claim, actors: pd.Series) -> str:
    """Whose claim the report carries: its own, an informant's, or one it relays from another outlet.

    Parameters
    ----------
    claim : mapping
        A row of :func:`analysis.data.claims.claims_table`.
    actors : pandas.Series
        Names by ``actor_id``.
    """
    from analysis.topics.sources import prose_name

    who = prose_name(str(claim["claimant_name"]))
    if claim["claimant_id"] == "aan":
        return "AAN's own"
    via = claim["via_id"] if isinstance(claim["via_id"], str) else ""
    if via == "media_reports":
        return f"{who} to the media, as AAN relays it"
    if via:
        return f"{who} via {actors.get(via, via)}, as AAN relays it"
    return f"{who}, to AAN"


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
    from analysis.data.load import load_actors, load_places
    from analysis.topics.displacement import displacement

    c = claims_table(include_tertiary)
    mine = c[c["source_id"] == REPORT]
    after = c[(c["source_id"] != REPORT) & (c["published"] > report_month() + pd.offsets.MonthEnd(0))]
    # displacement figures compare only inside one comparison group (unit, direction, place and
    # period, wider areas apart): a 2016-17 count is not matched with one of April 2018
    disp = displacement(include_tertiary=include_tertiary)
    group_of = {cid: g for ids, g in zip(disp["claim_ids"], disp["group"]) for cid in str(ids).split("; ")}
    actors = load_actors().set_index("actor_id")["name"].astype(str)
    places = load_places().set_index("place_id")["name"].astype(str)
    rows = []
    key = list(QUESTION)
    later_groups = {k: g for k, g in after.groupby([after[k].astype("string").fillna("") for k in key], observed=True)}
    for _, claim in mine.iterrows():
        k = tuple("" if pd.isna(claim[col]) else str(claim[col]) for col in key)
        later = later_groups.get(k)
        if later is None or claim["kind"] not in ("number", "presence"):
            continue
        if claim["quantity"] == "displaced":
            mine_group = group_of.get(claim["claim_id"])
            later = later[later["claim_id"].map(group_of) == mine_group]
            if later.empty:
                continue
        if claim["kind"] == "number":
            lo, hi = later["lower"].min(), later["upper"].max()
            floor = bool(later.loc[later["upper"] == hi, "open_above"].any())
            rng = (f"{int(lo):,}" if lo == hi else f"{int(lo):,} to {int(hi):,}") + (" or more" if floor else "")
        else:
            rng = ""
        rows.append({
            "claim_id": claim["claim_id"],
            "question": question_words(claim, actors, places),
            "report_said": f"{claim['value_text']} ({said_by(claim, actors)})",
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
