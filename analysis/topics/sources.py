"""Sources and method: what the record is made of, and how much of it is independent.

The shelf is every source the data is coded from (the AAN report of March 2018 and the press items)
plus the wire originals that are known only through their reprints. A reprint (grade ``copy``)
belongs to the story it reprints: several copies of one AFP or Reuters dispatch are one
independent report (``report_id``), never several confirmations. Tertiary (Wikipedia-derived) pages
are left out unless asked for. This module counts the shelf by grade, language, coverage, date
precision and year; the claims by kind and by who makes them; and how many claims rest on a single
independent report. It also lays the shelf out for a figure (one mark per source, by month).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.data.claims import claims_table, report_ids
from analysis.data.load import load_sources
from analysis.topics.timeline import span_text

#: Languages by ISO 639-1 code, as the paper names them.
LANGUAGES = {
    "en": "English", "fr": "French", "it": "Italian", "fa": "Dari", "ps": "Pashto", "ur": "Urdu",
    "ar": "Arabic", "ku": "Kurdish",
}

#: Claim kinds in the codebook's order.
KINDS = ("number", "date", "place", "actor", "presence")

#: What makes two claims "about the same thing" when counting how many reports stand behind it.
QUESTION_KEY = ("kind", "quantity", "subject_id", "place_id", "event_id", "unit", "category")

#: Words in a ``date_note`` that mark a publication date as inferred rather than shown on the item
#: (the codebook: a weekday resolved, a solar-calendar date converted, a date read from a URL, a
#: date reasoned from the text).
INFERRED_WORDS = re.compile(
    r"\bURL\b|convert|infer|no date|not shown|shows no|no day|point to|most likely|probably|"
    r"consistent with|resolved|= \d|original",
    re.IGNORECASE,
)


#: Publisher names that are one outlet under two spellings, mapped to the one used in prose.
OUTLET_ALIASES = {"Radio Free Europe/Radio Liberty": "RFE/RL"}


def _outlet(publisher: str) -> str:
    """The outlet's name without the bracketed note on where the copy sits, aliases merged."""
    name = re.split(r" \(| via ", str(publisher))[0].strip()
    return OUTLET_ALIASES.get(name, name)


def shelf(include_tertiary: bool = False) -> pd.DataFrame:
    """Every source on the shelf and every original known only through its copies.

    Parameters
    ----------
    include_tertiary : bool
        Keep the tertiary (Wikipedia-derived) pages; left out by default.

    Returns
    -------
    pandas.DataFrame
        One row per source: ``source_id``, ``outlet`` (the publisher without its bracketed note),
        ``publisher``, ``title``, ``grade``, ``held``, ``copy_of``, ``report_id`` (copies share
        their original's), ``language`` and ``language_name``, ``coverage``, ``published``,
        ``date_precision``, ``date_basis`` (``shown``: the item shows the date; ``inferred``: the
        coder reasoned it from a URL, a weekday, a solar date or the text; ``undated``), ``when``
        (the date in words at its precision), ``year`` (missing when undated) and ``month``
        (first day of the publication month).
    """
    s = load_sources().copy()
    s["report_id"] = s["source_id"].map(report_ids(s)).astype("string")
    s["grade"] = s["grade"].astype(str)
    s["held"] = s["held"].fillna(False).astype(bool)
    if not include_tertiary:
        s = s[s["grade"] != "tertiary"]
    s["date_precision"] = s["date_precision"].astype(str)
    s["coverage"] = s["coverage"].astype("string")
    s["outlet"] = s["publisher"].map(_outlet).astype("string")
    s["language_name"] = s["language"].map(LANGUAGES).astype("string")
    note = s["date_note"].fillna("")
    s["date_basis"] = np.select(
        [s["date_precision"] == "unknown", note.str.contains(INFERRED_WORDS) | s["date_precision"].ne("day")],
        ["undated", "inferred"], "shown")
    ends = s["coverage_end"].where(s["date_precision"] == "range", s["published"])
    s["when"] = [span_text(a, b, p) for a, b, p in zip(s["published"], ends, s["date_precision"])]
    s["year"] = s["published"].dt.year.astype("Int64")
    s["month"] = s["published"].dt.to_period("M").dt.to_timestamp()
    cols = ["source_id", "outlet", "publisher", "title", "grade", "held", "copy_of", "report_id", "language",
            "language_name", "coverage", "published", "date_precision", "date_basis", "when", "year", "month"]
    return s[cols].reset_index(drop=True)


def held(include_tertiary: bool = False) -> pd.DataFrame:
    """The sources whose text is on the shelf (rows of :func:`shelf` with ``held``).

    Parameters
    ----------
    include_tertiary : bool
        Keep the tertiary pages.
    """
    s = shelf(include_tertiary)
    return s[s["held"]].reset_index(drop=True)


def shelf_summary(include_tertiary: bool = False) -> dict:
    """The counts the Sources section prints.

    Parameters
    ----------
    include_tertiary : bool
        Count the tertiary pages among the held sources and reports. ``tertiary_held`` is always
        the number of tertiary pages on the shelf, so the text can say how many are left out.

    Returns
    -------
    dict
        ``held``, ``primary``, ``copies``, ``tertiary_held``, ``tertiary_wikipedia`` (of those, the
        pages derived from Wikipedia), ``originals_not_held``, ``reports``
        (independent reports among the held sources), ``reports_with_copies`` (of those, the ones
        held only or also as reprints), ``languages`` (count), ``non_english`` (held sources not in
        English), ``opening_only``, ``complete``, ``day``, ``coarser`` (dated only to a range,
        month, season or year), ``undated``, ``inferred`` (dated by the coder's inference),
        ``first_year`` and ``last_year`` of publication.
    """
    h = held(include_tertiary)
    every = shelf(True)
    not_held = shelf(include_tertiary)
    not_held = not_held[~not_held["held"]]
    copied = h.loc[h["grade"] == "copy", "report_id"]
    return {
        "held": len(h),
        "primary": int((h["grade"] == "primary").sum()),
        "copies": int((h["grade"] == "copy").sum()),
        "tertiary_held": int((every["held"] & (every["grade"] == "tertiary")).sum()),
        "tertiary_wikipedia": int((every["held"] & (every["grade"] == "tertiary")
                                   & every["publisher"].str.contains("Wiki", case=False, na=False)).sum()),
        "originals_not_held": len(not_held),
        "reports": int(h["report_id"].nunique()),
        "reports_with_copies": int(copied.nunique()),
        "languages": int(h["language"].nunique()),
        "non_english": int((h["language"] != "en").sum()),
        "opening_only": int((h["coverage"] == "opening").sum()),
        "complete": int((h["coverage"] == "complete").sum()),
        "day": int((h["date_precision"] == "day").sum()),
        "coarser": int(h["date_precision"].isin(["range", "month", "season", "year"]).sum()),
        "undated": int((h["date_basis"] == "undated").sum()),
        "inferred": int((h["date_basis"] == "inferred").sum()),
        "first_year": int(h["year"].min()),
        "last_year": int(h["year"].max()),
    }


def languages(include_tertiary: bool = False) -> pd.DataFrame:
    """Held sources and independent reports per language, most sources first.

    Parameters
    ----------
    include_tertiary : bool
        Keep the tertiary pages.

    Returns
    -------
    pandas.DataFrame
        ``language`` (name), ``code``, ``sources``, ``reports``.
    """
    h = held(include_tertiary)
    g = h.groupby("language")
    out = pd.DataFrame({"sources": g.size(), "reports": g["report_id"].nunique()}).reset_index()
    out = out.rename(columns={"language": "code"})
    out["language"] = out["code"].map(LANGUAGES).fillna(out["code"])
    return out.sort_values(["sources", "code"], ascending=[False, True])[["language", "code", "sources", "reports"]
                                                                        ].reset_index(drop=True)


def per_year(include_tertiary: bool = False) -> pd.DataFrame:
    """Held sources per year of publication, by grade, with the independent reports they make.

    Parameters
    ----------
    include_tertiary : bool
        Keep the tertiary pages.

    Returns
    -------
    pandas.DataFrame
        ``year`` (``undated`` for sources without a date), one column per grade present,
        ``sources`` and ``reports``.
    """
    h = held(include_tertiary)
    h["year_text"] = h["year"].astype("string").fillna("undated")
    t = pd.crosstab(h["year_text"], h["grade"])
    t["sources"] = t.sum(axis=1)
    t["reports"] = h.groupby("year_text")["report_id"].nunique()
    t.columns.name = None
    return t.rename_axis("year").reset_index()


def wire_stories(include_tertiary: bool = False) -> pd.DataFrame:
    """Every story held as reprints: the original, who published it, and the copies on the shelf.

    Parameters
    ----------
    include_tertiary : bool
        Count tertiary copies too.

    Returns
    -------
    pandas.DataFrame
        One row per original with at least one held copy, most copies first: ``original``
        (publisher), ``title``, ``date`` (in words at its precision), ``original_held``,
        ``copies`` (held copies), ``outlets`` (the outlets of the copies, ``;``-separated) and
        ``languages`` of the copies.
    """
    every = shelf(include_tertiary)
    h = every[every["held"] & (every["grade"] == "copy")]
    by_id = every.set_index("source_id")
    rows = []
    for rid, grp in h.groupby("report_id"):
        o = by_id.loc[rid]
        rows.append({
            "original": o["outlet"],
            "title": o["title"],
            "date": o["when"],
            "published": o["published"],
            "original_held": bool(o["held"]),
            "copies": len(grp),
            "outlets": "; ".join(sorted(set(grp["outlet"]))),
            "languages": "; ".join(sorted(set(grp["language_name"].dropna()))),
        })
    out = pd.DataFrame(rows)
    out = out.sort_values(["copies", "published", "original"], ascending=[False, True, True], na_position="last")
    return out.drop(columns="published").reset_index(drop=True)


def claims_by_kind(include_tertiary: bool = False) -> pd.DataFrame:
    """Claims of each kind: how many, asserted or denied, from how many sources and reports.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims coded from tertiary pages.

    Returns
    -------
    pandas.DataFrame
        ``kind``, ``claims``, ``denied``, ``sources``, ``reports``, ``claimants``, in the order of
        :data:`KINDS`.
    """
    c = claims_table(include_tertiary)
    g = c.groupby("kind")
    out = pd.DataFrame({
        "claims": g.size(),
        "denied": g["stance"].apply(lambda s: int((s == "denied").sum())),
        "sources": g["source_id"].nunique(),
        "reports": g["report_id"].nunique(),
        "claimants": g["claimant_id"].nunique(),
    })
    order = [k for k in KINDS if k in out.index]
    return out.loc[order].rename_axis("kind").reset_index()


def claimant_families(include_tertiary: bool = False) -> pd.DataFrame:
    """Who makes the claims: claims, claimants and reports per claimant family, most claims first.

    The family ``research_media`` holds the outlets and researchers speaking in their own voice
    (an outlet is the claimant where it reports a fact without naming an informant).

    Parameters
    ----------
    include_tertiary : bool
        Keep claims coded from tertiary pages.

    Returns
    -------
    pandas.DataFrame
        ``family`` (code), ``claims``, ``share`` (per cent of all claims), ``claimants``,
        ``reports`` and ``top_claimant`` (the family's claimant with the most claims).
    """
    c = claims_table(include_tertiary)
    g = c.groupby("claimant_family")
    top = g["claimant_name"].agg(lambda s: s.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0])
    out = pd.DataFrame({
        "claims": g.size(),
        "claimants": g["claimant_id"].nunique(),
        "reports": g["report_id"].nunique(),
        "top_claimant": top,
    }).rename_axis("family").reset_index()
    out["share"] = (100 * out["claims"] / len(c)).round(1)
    out = out.sort_values(["claims", "family"], ascending=[False, True]).reset_index(drop=True)
    return out[["family", "claims", "share", "claimants", "reports", "top_claimant"]]


class OrderChanged(AssertionError):
    """The order of claimant families that a sentence of the write-up states no longer holds."""


def expect_family_order(families: pd.DataFrame, order) -> None:
    """Check that the families with the most claims are ``order``, in that order.

    Parameters
    ----------
    families : pandas.DataFrame
        Rows of :func:`claimant_families`.
    order : sequence of str
        Family codes, most claims first, as the text names them.

    Raises
    ------
    OrderChanged
        If the leading families differ from ``order`` (or tie), so the sentence must be rewritten.
    """
    order = list(order)
    top = families.head(len(order) + 1)
    got = list(top["family"].head(len(order)))
    counts = list(top["claims"])
    tied = any(a == b for a, b in zip(counts, counts[1:]))
    if got != order or tied:
        raise OrderChanged(f"the families with the most claims are now {got} (claims {counts}); the text says {order}")


def single_report(include_tertiary: bool = False) -> pd.DataFrame:
    """Every thing claimed, with how many independent reports and claimants stand behind it.

    A "thing claimed" is a claim's kind, quantity, subject, place, event, unit and category
    (:data:`QUESTION_KEY`): two claims with the same key speak of the same thing, whether or not
    they agree. Copies of one story count as one report.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims coded from tertiary pages.

    Returns
    -------
    pandas.DataFrame
        One row per thing claimed: the key columns, ``claims``, ``reports``, ``claimants``,
        ``sources``.
    """
    c = claims_table(include_tertiary)
    keys = c[list(QUESTION_KEY)].astype("string").fillna("")
    g = c.groupby([keys[k] for k in QUESTION_KEY], sort=True)
    out = pd.DataFrame({
        "claims": g.size(),
        "reports": g["report_id"].nunique(),
        "claimants": g["claimant_id"].nunique(),
        "sources": g["source_id"].nunique(),
    }).reset_index()
    return out


def single_report_summary(include_tertiary: bool = False) -> dict:
    """How much of the record rests on one report.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims coded from tertiary pages.

    Returns
    -------
    dict
        ``questions`` (things claimed), ``questions_one_report``, ``claims``,
        ``claims_one_report`` (claims about a thing that only one report speaks of),
        ``claims_one_report_pct``, ``questions_one_claimant``, ``questions_copies_only``
        (things claimed by several sources that are all one report: reprints and no other
        confirmation) and the same three counts for number claims only
        (``numbers``, ``numbers_one_report``, ``numbers_one_report_pct``).
    """
    q = single_report(include_tertiary)
    one = q["reports"] == 1
    nums = q[q["kind"] == "number"]
    n_one = nums["reports"] == 1
    return {
        "questions": len(q),
        "questions_one_report": int(one.sum()),
        "claims": int(q["claims"].sum()),
        "claims_one_report": int(q.loc[one, "claims"].sum()),
        "claims_one_report_pct": round(100 * q.loc[one, "claims"].sum() / q["claims"].sum()),
        "questions_one_claimant": int((q["claimants"] == 1).sum()),
        "questions_copies_only": int((one & (q["sources"] > 1)).sum()),
        "numbers": int(nums["claims"].sum()),
        "numbers_one_report": int(nums.loc[n_one, "claims"].sum()),
        "numbers_one_report_pct": round(100 * nums.loc[n_one, "claims"].sum() / max(nums["claims"].sum(), 1)),
    }


def shelf_layout(include_tertiary: bool = False) -> pd.DataFrame:
    """Positions for the shelf figure: one mark per source, stacked by publication month.

    Undated sources go in a column of their own to the right of the last month. Within a month an
    original comes just below its copies, so that the lines linking copies to their original are
    short; undated copies of a dated story sit at the top of the undated column, where a label can
    name their original (see :func:`copy_links`).

    Parameters
    ----------
    include_tertiary : bool
        Keep the tertiary pages.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`shelf` with ``x`` (months since the first month, the undated column last),
        ``stack`` (1 at the bottom) and ``mark`` (``primary``, ``copy``, ``original not held``
        or ``tertiary``).
    """
    s = shelf(include_tertiary)
    first = s["month"].min()
    months = (s["month"].dt.year - first.year) * 12 + (s["month"].dt.month - first.month)
    s["x"] = months.astype("Float64")
    undated_x = float(months.max()) + 3
    s["x"] = s["x"].fillna(undated_x).astype(float)
    s["mark"] = np.where(~s["held"], "original not held", s["grade"])
    rep_date = s.set_index("source_id")["published"]
    s["report_date"] = s["report_id"].map(rep_date)
    s["is_original"] = s["source_id"] == s["report_id"]
    s["linked_across"] = s["month"].isna() & s["report_date"].notna()
    s = s.sort_values(["x", "linked_across", "report_date", "report_id", "is_original", "source_id"],
                      ascending=[True, True, True, True, False, True], na_position="last")
    s["stack"] = s.groupby("x").cumcount() + 1
    # leave a free row between labelled copies, so that their two-line labels do not touch
    s["stack"] += s["linked_across"].astype(int).cumsum().where(s["linked_across"], 0) - s["linked_across"].astype(int)
    return s.drop(columns=["report_date", "is_original", "linked_across"]).reset_index(drop=True)


def copy_links(layout: pd.DataFrame) -> pd.DataFrame:
    """Segments from each original to each of its copies, in the figure's coordinates.

    A line between a dated original and an undated copy (or the reverse) would run across the
    whole figure; such pairs are flagged ``cross`` and carry a ``note`` naming the original, for
    a label beside the copy instead of a line.

    Parameters
    ----------
    layout : pandas.DataFrame
        Rows of :func:`shelf_layout`.

    Returns
    -------
    pandas.DataFrame
        ``report_id``, ``x``, ``stack`` (the original), ``xend``, ``stackend`` (the copy),
        ``cross`` (one of the two is undated, the other not) and ``note`` (``"copy of <outlet>,"``
        and the date on a second line).
    """
    pos = layout.set_index("source_id")
    copies = layout[layout["source_id"] != layout["report_id"]]
    copies = copies[copies["report_id"].isin(pos.index)]
    orig = pos.loc[copies["report_id"]]
    cross = orig["month"].isna().to_numpy() != copies["month"].isna().to_numpy()
    return pd.DataFrame({
        "report_id": copies["report_id"].to_numpy(),
        "x": orig["x"].to_numpy(),
        "stack": orig["stack"].to_numpy(),
        "xend": copies["x"].to_numpy(),
        "stackend": copies["stack"].to_numpy(),
        "cross": cross,
        "note": [f"copy of {o},\n{w}" for o, w in zip(orig["outlet"], orig["when"])],
    })


def month_axis(layout: pd.DataFrame, every: int = 3) -> tuple[list[float], list[str]]:
    """Breaks and labels for the shelf figure's x axis: every ``every`` months, and "undated".

    Parameters
    ----------
    layout : pandas.DataFrame
        Rows of :func:`shelf_layout`.
    every : int
        Months between labelled breaks.

    Returns
    -------
    tuple of (list of float, list of str)
        Break positions and their labels ("Jan 2017"); the undated column, if any, is labelled
        "undated".
    """
    dated = layout[layout["month"].notna()]
    first = dated["month"].min()
    last_x = int(dated["x"].max())
    breaks, labels = [], []
    start = (3 - (first.month - 1) % 3) % 3  # first quarter-start month
    for k in range(start, last_x + 1, every):
        m = first + pd.DateOffset(months=k)
        breaks.append(float(k))
        labels.append(m.strftime("%b %Y"))
    if layout["month"].isna().any():
        breaks.append(float(layout.loc[layout["month"].isna(), "x"].iloc[0]))
        labels.append("undated")
    return breaks, labels


def prose_name(name: str) -> str:
    """An actor's name as it reads mid-sentence: a collective ("Local officials") in lower case.

    Parameters
    ----------
    name : str
        The actor's name as in actors.csv.
    """
    from analysis.data.load import load_actors

    a = load_actors()
    kinds = dict(zip(a["name"].astype(str), a["kind"].astype(str)))
    return name[:1].lower() + name[1:] if kinds.get(name) == "collective" else name
