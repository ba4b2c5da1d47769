"""Qari Hekmat's death in April 2018: who says which day, where, by whose hand, and who died with him.

Every claim tied to the event of his killing is read as an answer to one of four questions: the
*day* (Thursday 5 or Friday 6 April 2018, or a looser window), the *place* (Darzab in Jawzjan, at
Mughul or Sar Dara; Bal Chiragh in Faryab; the border between them), the *perpetrator* (a US
strike, an Afghan air strike, a joint operation; in a relay of Tasnim, a clash with the Taleban)
and the *companions* killed with him. Answers are kept by claimant and by report: copies of one
wire story are one report, whatever the number of outlets that carried it, so a claimant's answer
in five reprints counts once. Tertiary pages (a Wikipedia mirror, the Tasnim relay graded tertiary
in the source index) are left out unless asked for.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.claims import claims_table, select
from analysis.data.load import load_places
from analysis.topics.displacement import _MONTHS, claimant_names, date_text, outlet_name

#: The event of Hekmat's killing.
EVENT = "ev_2018_hekmat_killed"
#: Hekmat himself, as the killed person.
HEKMAT = "qari_hekmat"
#: The questions, in the order tables and figures show them.
QUESTIONS = ("day", "place", "perpetrator", "companions")
#: How each claimant family reads as a perpetrator side.
SIDES = {"foreign_military": "US forces", "government": "Afghan forces", "taleban": "Taleban"}


def _range_text(start, end, precision) -> str:
    if precision in ("day", "month", "year", "season") or pd.isna(end):
        return date_text(start, precision)
    if start == end:
        return date_text(start, "day")
    if (start.year, start.month) == (end.year, end.month):
        if start.day == 1 and (end + pd.Timedelta(days=1)).month != end.month:
            return date_text(start, "month")
        return f"between {start.day} and {end.day} {_MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"between {_MONTHS[start.month - 1]} and {_MONTHS[end.month - 1]} {end.year}"
    return f"between {date_text(start, 'month')} and {date_text(end, 'month')}"


def _province(places: pd.DataFrame) -> dict[str, str]:
    parent = dict(zip(places["place_id"].astype(str), places["parent_id"]))
    kind = dict(zip(places["place_id"].astype(str), places["kind"].astype(str)))
    out = {}
    for pid in parent:
        cur, seen = pid, set()
        while isinstance(cur, str) and cur not in seen and kind.get(cur) != "province":
            seen.add(cur)
            cur = parent.get(cur)
        out[pid] = cur if isinstance(cur, str) and kind.get(cur) == "province" else ""
    return out


def death_claims(include_tertiary: bool = False, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every claim about Hekmat's killing, read as an answer to one question.

    Parameters
    ----------
    include_tertiary : bool
        Also keep claims coded from tertiary pages (the Wikipedia mirror, the Tasnim relay).
    claims : pandas.DataFrame, optional
        Raw claims to use instead of every claim in the data.

    Returns
    -------
    pandas.DataFrame
        One row per claim about the event, other than the bare statement that Hekmat died, with
        ``question`` (day, place, perpetrator or companions), ``answer`` (in words), ``side``
        (for a place, its province or "border"; for a perpetrator, US forces, Afghan forces or
        Taleban; for a day, the day or "window"), ``claimant_id``, ``claimant``,
        ``claimant_family``, ``report_id``, ``outlet``, ``published``, ``grade``, ``via_id``,
        ``source_id``, ``note`` and ``claim_id``.
    """
    c = claims_table(include_tertiary=include_tertiary, claims=claims)
    c = c[(c["event_id"] == EVENT) & (c["stance"] == "asserted")].copy()
    places = load_places()
    pname = places.set_index("place_id")["name"].astype(str)
    province = _province(places)
    from analysis.data.load import load_actors

    actors = load_actors().set_index("actor_id")
    rows = []
    for r in c.itertuples():
        q = side = None
        if r.kind == "date":
            q = "day"
            answer = _range_text(r.value_date_start, r.value_date_end, r.value_date_precision)
            side = answer if r.value_date_precision == "day" else "window"
        elif r.kind == "place":
            q = "place"
            pid = str(r.value_place_id)
            prov = province.get(pid, "")
            answer = pname[pid] if prov in ("", pid) else f"{pname[pid]} ({pname[prov]})"
            side = pname[prov] if prov else "the Faryab-Jawzjan border"
        elif r.quantity == "perpetrator":
            q = "perpetrator"
            answer = str(actors.loc[r.value_actor_id, "name"])
            side = SIDES.get(str(actors.loc[r.value_actor_id, "family"]), "other")
        elif r.quantity == "killed_person" and r.value_actor_id != HEKMAT:
            q = "companions"
            answer = str(actors.loc[r.value_actor_id, "name"]).replace("Qari Hekmat's ", "his ")
            side = "named"
        elif r.quantity == "killed":
            q = "companions"
            what = str(r.scope).split(" killed")[0].split(" of ")[0].lower()
            answer = f"{int(r.lower)} {what}"
            side = "counted"
        if q is None:
            continue
        rows.append({"question": q, "answer": answer, "side": side, "claimant_id": r.claimant_id,
                     "claimant_family": r.claimant_family, "report_id": r.report_id,
                     "outlet": outlet_name(r.publisher), "published": r.published, "grade": r.grade,
                     "via_id": r.via_id, "source_id": r.source_id, "note": r.note, "claim_id": r.claim_id})
    out = pd.DataFrame(rows, columns=["question", "answer", "side", "claimant_id", "claimant_family", "report_id",
                                      "outlet", "published", "grade", "via_id", "source_id", "note", "claim_id"])
    out.insert(4, "claimant", claimant_names(out["claimant_id"]))
    out["question"] = pd.Categorical(out["question"], categories=QUESTIONS, ordered=True)
    return out.sort_values(["question", "answer", "published", "claimant"]).reset_index(drop=True)


def answers(deaths: pd.DataFrame) -> pd.DataFrame:
    """Copies collapsed: one row per claimant, report and answer, with the outlets that carried it.

    Parameters
    ----------
    deaths : pandas.DataFrame
        The result of :func:`death_claims`.

    Returns
    -------
    pandas.DataFrame
        ``question``, ``answer``, ``side``, ``claimant_id``, ``claimant``, ``claimant_family``,
        ``report_id``, ``outlets`` (text), ``n_outlets``, ``first_published`` and ``grade``.
    """
    key = ["question", "answer", "side", "claimant_id", "claimant", "claimant_family", "report_id"]
    g = deaths.groupby(key, observed=True, sort=False, dropna=False)
    out = g.agg(outlets=("outlet", lambda s: "; ".join(dict.fromkeys(s.astype(str)))),
                n_outlets=("source_id", "nunique"), first_published=("published", "min"),
                grade=("grade", "first")).reset_index()
    return out.sort_values(["question", "answer", "first_published"]).reset_index(drop=True)


def by_claimant(deaths: pd.DataFrame) -> pd.DataFrame:
    """The table of the topic: one row per claimant and report, with its answer to each question.

    Parameters
    ----------
    deaths : pandas.DataFrame
        The result of :func:`death_claims`.

    Returns
    -------
    pandas.DataFrame
        ``claimant``, ``claimant_family``, ``outlets`` (copies of one story together),
        ``report_date`` (first publication, at day precision where the outlet gives one), then
        ``day``, ``place``, ``perpetrator`` and ``companions`` (answers joined with "; ", empty
        where the claimant says nothing on it), ``grade`` and ``report_id``. Sorted by report
        date, then claimant.
    """
    a = answers(deaths)
    wide = (a.groupby(["claimant_id", "claimant", "claimant_family", "report_id", "question"], observed=True)["answer"]
            .agg(lambda s: "; ".join(dict.fromkeys(s))).unstack("question"))
    for q in QUESTIONS:
        if q not in wide.columns:
            wide[q] = pd.NA
    wide = wide[list(QUESTIONS)].fillna("").reset_index()
    meta = a.groupby("report_id").agg(outlets=("outlets", lambda s: "; ".join(dict.fromkeys("; ".join(s).split("; ")))),
                                      first_published=("first_published", "min"), grade=("grade", "first"))
    wide = wide.join(meta, on="report_id")
    wide["report_date"] = [date_text(d, "day") if pd.notna(d) else "undated" for d in wide["first_published"]]
    wide = wide.sort_values(["first_published", "claimant"], na_position="last")
    return wide[["claimant", "claimant_family", "outlets", "report_date", *QUESTIONS, "grade", "report_id"]].reset_index(drop=True)


def claimants_for(deaths: pd.DataFrame, **criteria) -> str:
    """The claimants giving one answer, as text ("US forces, Lisa Garcia and Mohammad Hanif Rezaie").

    Parameters
    ----------
    deaths : pandas.DataFrame
        The result of :func:`death_claims`.
    **criteria
        Columns and values, as for :func:`analysis.data.claims.select`, such as
        ``question="day", side="5 April 2018"``.

    Returns
    -------
    str
        Claimant names in order of first report, joined with commas and "and"; "none" if none.
    """
    rows = select(deaths.assign(question=deaths["question"].astype(str)), **criteria).sort_values("published")
    from analysis.topics.sources import prose_name

    names = list(dict.fromkeys(prose_name(n) for n in rows["claimant"].astype(str)))
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def count_for(deaths: pd.DataFrame, what: str = "claimant_id", **criteria) -> int:
    """How many distinct claimants (or reports, with ``what="report_id"``) give one answer.

    Parameters
    ----------
    deaths : pandas.DataFrame
        The result of :func:`death_claims`.
    what : str
        The column counted: ``claimant_id`` or ``report_id``.
    **criteria
        As for :func:`claimants_for`.

    Returns
    -------
    int
    """
    return int(select(deaths.assign(question=deaths["question"].astype(str)), **criteria)[what].nunique())


def paper_values(deaths: pd.DataFrame) -> list[tuple[str, object, str]]:
    """The values the write-up prints, each counted or listed from the claims.

    Parameters
    ----------
    deaths : pandas.DataFrame
        The result of :func:`death_claims`.

    Returns
    -------
    list of tuple
        ``(key, value, description)``.
    """
    d = deaths
    thu, fri = "5 April 2018", "6 April 2018"
    v = [
        ("claims", len(d), "Claims about the day, place, perpetrator or companions of Hekmat's death"),
        ("claimants", d["claimant_id"].nunique(), "Distinct claimants"),
        ("reports", d["report_id"].nunique(), "Independent reports (copies of one story counted once)"),
        ("outlets", d["source_id"].nunique(), "Outlets (held texts) carrying them"),
        ("copies", int((d.drop_duplicates("source_id")["grade"] == "copy").sum()), "Of those outlets, reprints of a wire story"),
        ("thursday_claimants", claimants_for(d, question="day", side=thu), "Who gives Thursday 5 April"),
        ("thursday_n", count_for(d, question="day", side=thu), "How many claimants give 5 April"),
        ("thursday_reports", count_for(d, "report_id", question="day", side=thu), "Independent reports giving 5 April"),
        ("friday_reports", count_for(d, "report_id", question="day", side=fri), "Independent reports giving 6 April"),
        ("friday_claimants", claimants_for(d, question="day", side=fri), "Who gives Friday 6 April"),
        ("friday_n", count_for(d, question="day", side=fri), "How many claimants give 6 April"),
        ("window_claimants", claimants_for(d, question="day", side="window"), "Who gives only a window or month"),
        ("darzab_claimants", claimants_for(d, question="place", side="Jawzjan"), "Who places the death in Jawzjan (Darzab or a village in it)"),
        ("darzab_n", count_for(d, question="place", side="Jawzjan"), "How many claimants place it in Jawzjan"),
        ("faryab_claimants", claimants_for(d, question="place", side="Faryab"), "Who places it in Faryab (Bal Chiragh)"),
        ("faryab_n", count_for(d, question="place", side="Faryab"), "How many claimants place it in Faryab"),
        ("border_claimants", claimants_for(d, question="place", side="the Faryab-Jawzjan border"), "Who explains the discrepancy by the border"),
        ("us_claimants", claimants_for(d, question="perpetrator", side="US forces"), "Who names US forces as the striker"),
        ("us_n", count_for(d, question="perpetrator", side="US forces"), "How many claimants name US forces"),
        ("afghan_claimants", claimants_for(d, question="perpetrator", side="Afghan forces"), "Who names Afghan forces"),
        ("afghan_n", count_for(d, question="perpetrator", side="Afghan forces"), "How many claimants name Afghan forces"),
        ("taleban_claimants", claimants_for(d, question="perpetrator", side="Taleban"), "Who names the Taleban"),
        ("companion_claimants", claimants_for(d, question="companions"), "Who says anyone died with him"),
    ]
    both = d[(d["question"] == "perpetrator")].groupby("claimant_id")["side"].agg(lambda s: {"US forces", "Afghan forces"} <= set(s))
    joint = d[d["claimant_id"].isin(both[both].index)]
    v.append(("joint_claimants", claimants_for(joint, question="perpetrator"), "Who credits US and Afghan forces together"))
    counted = d[(d["question"] == "companions") & (d["side"] == "counted")]
    v.append(("companions_max", int(counted["answer"].str.extract(r"^(\d+)")[0].astype(int).max()) if len(counted) else 0,
              "Largest number said to have died with him"))
    early = d[(d["question"] == "day") & (d["side"] == "window")]
    early = early[pd.to_datetime(early["answer"].str.extract(r"(\d{4})")[0] + "-12-31") < pd.Timestamp("2018-01-01")]
    v.append(("earlier_claimants", claimants_for(early, question="day") if len(early) else "none",
              "Who places his death before 2018"))
    return v


def figure_grid(deaths: pd.DataFrame) -> pd.DataFrame:
    """The grid of the figure: a row per claimant and report, a column per answer, a panel per question.

    Parameters
    ----------
    deaths : pandas.DataFrame
        The result of :func:`death_claims`.

    Returns
    -------
    pandas.DataFrame
        :func:`answers` with ``row`` (claimant, outlets, report date; "[tertiary]" marked) and
        ``row_order`` (by report date, so the figure reads as the story travelled), and
        ``n_outlets`` for the point label when a story ran in several outlets.
    """
    a = answers(deaths)
    date = [date_text(d, "day") if pd.notna(d) else "undated" for d in a["first_published"]]
    a["row"] = a["claimant"].astype(str) + " \u2014 " + a["outlets"] + ", " + pd.Series(date, index=a.index)
    a["row"] = a["row"].where(a["grade"].ne("tertiary"), a["row"] + " [tertiary]")
    order = a.sort_values(["first_published", "report_id", "claimant"], na_position="last")["row"]
    a["row_order"] = a["row"].map({r: i for i, r in enumerate(dict.fromkeys(order))})
    return a
