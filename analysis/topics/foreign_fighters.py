"""Foreign fighters: who asserted which nationality, who denied it, and how each claim travelled.

A claim of foreign fighters in Hekmat's area passes from a claimant (a district governor, a
ministry spokesman, residents) through an outlet (an agency that quoted them, ``via_id``) into a
report, and a wire report may be reprinted by several outlets (``report_id``). This module keeps
those steps apart, so that five reprints of one wire story count as one report, and sets the
assertions for each nationality beside the denials. Only claims about Jawzjan or Hekmat's group
are used: claims about IS in Syria or about ISKP across Afghanistan are a different scope.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.actors import HEKMAT_GROUP
from analysis.data.claims import claims_table
from analysis.data.load import load_places
from analysis.formatting import count_text
from analysis.topics.fighter_strength import _join, _outlet, date_text, report_outlets, short_claimants

#: Coded categories read as one nationality (first matching prefix wins); the table keeps each claim's own words.
NATIONALITY_PREFIXES = (
    ("french", "French"), ("algerian", "Algerian"), ("uzbek", "Uzbek"), ("chechen", "Chechen"),
    ("tajik", "Tajik"), ("pakistani", "Pakistani"), ("central asian", "Central Asian"),
    ("indonesian", "Indonesian"), ("kazakh", "Kazakh"), ("kyrgyz", "Kyrgyz"), ("turkish", "Turkish"),
    ("german", "German"), ("arab", "Arab"), ("from syria", "From Syria or Iraq"),
    ("from iraq", "From Syria or Iraq"), ("arriving from", "From Syria or Iraq"),
)
#: The place the enclave lies in: claims placed in it (or about Hekmat's group) are in scope.
PROVINCE = "jawzjan"


def nationality(category) -> str:
    """The nationality a coded category names, or ``"Unspecified"`` for foreigners of no stated nationality.

    Parameters
    ----------
    category : str or NA
        The claim's ``category`` ("French", "Tajik (interpreter)", "Uzbek-speaking", ...).
    """
    if category is None or pd.isna(category):
        return "Unspecified"
    text = str(category).lower()
    for prefix, name in NATIONALITY_PREFIXES:
        if text.startswith(prefix):
            return name
    if text.startswith("women"):
        return "Unspecified"
    return "Unspecified"


def _in_province(place_ids: pd.Series) -> pd.Series:
    places = load_places()
    parent = dict(zip(places["place_id"], places["parent_id"]))
    inside = {}
    for pid in places["place_id"]:
        cur, seen = pid, set()
        while isinstance(cur, str) and cur not in seen:
            if cur == PROVINCE:
                inside[pid] = True
                break
            seen.add(cur)
            cur = parent.get(cur)
        else:
            inside[pid] = False
        inside.setdefault(pid, False)
    # an area on the province's border counts: it is named as part of the enclave's surroundings
    for pid in places["place_id"]:
        if PROVINCE in str(pid).split("_") and not inside[pid]:
            inside[pid] = True
    return place_ids.map(inside).fillna(False).astype(bool)


def foreign_claims(include_tertiary: bool = False) -> pd.DataFrame:
    """Every claim of foreign fighters about Jawzjan or Hekmat's group, one row per claim.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).

    Returns
    -------
    pandas.DataFrame
        Claims of quantity ``foreign_fighters`` (presence and numbers) whose subject is Hekmat's
        group or whose place lies in Jawzjan, with ``nationality`` (see :func:`nationality`),
        ``claimant`` (short name), ``family``, ``via`` (short name of the outlet the claimant
        spoke to, where the source says), ``outlet`` (the held source's publisher),
        ``report_outlet`` (whose story it is: the wire for a reprint), ``is_copy``,
        ``when_text`` and the claims-table columns. Sorted by date.
    """
    c = claims_table(include_tertiary)
    c = c[c["quantity"] == "foreign_fighters"]
    c = c[(c["subject_id"] == HEKMAT_GROUP) | _in_province(c["place_id"])].copy()
    c["nationality"] = c["category"].map(nationality)
    c["claimant"] = short_claimants(c["claimant_id"])
    c["family"] = c["claimant_family"]
    c["via"] = short_claimants(c["via_id"].fillna("")).where(c["via_id"].notna(), pd.NA)
    c["outlet"] = c["publisher"].map(_outlet)
    c["report_outlet"] = report_outlets(c["report_id"])
    c["is_copy"] = c["source_id"] != c["report_id"]
    c["when_text"] = [date_text(w, p) for w, p in zip(c["when"], c["when_precision"])]
    return c.sort_values(["when", "nationality", "claim_id"], na_position="last").reset_index(drop=True)


def foreign_reports(include_tertiary: bool = False) -> pd.DataFrame:
    """Claims of foreign fighters with copies collapsed: one row per report, nationality, claimant and stance.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).

    Returns
    -------
    pandas.DataFrame
        ``nationality``, ``stance``, ``claimant``, ``claimant_id``, ``family``, ``via``,
        ``report_id``, ``report_outlet``, ``outlets`` (held sources carrying the report),
        ``copies`` (of those, reprints), ``outlet_names``, ``categories`` (the coded wording),
        ``numbers`` (any number stated, in words), ``when``, ``when_text``, ``published``
        (the report's first held date) and ``claim_ids``.
    """
    c = foreign_claims(include_tertiary)
    rows = []
    for _, g in c.groupby(["report_id", "nationality", "claimant_id", "stance"], sort=False):
        first = g.sort_values("when").iloc[0]
        nums = g[g["kind"] == "number"]
        rows.append({
            "nationality": first["nationality"], "stance": first["stance"], "claimant": first["claimant"],
            "claimant_id": first["claimant_id"], "family": first["family"], "via": _join(g["via"].dropna()) or pd.NA,
            "report_id": first["report_id"], "report_outlet": first["report_outlet"],
            "outlets": int(g["source_id"].nunique()), "copies": int(g.loc[g["is_copy"], "source_id"].nunique()),
            "outlet_names": _join(g["outlet"]), "categories": _join(g["category"].dropna()),
            "numbers": _join(_number_text(r) for _, r in nums.iterrows()) or pd.NA,
            "when": first["when"], "when_text": first["when_text"], "published": g["published"].min(),
            "claim_ids": _join(g["claim_id"]),
        })
    return pd.DataFrame(rows).sort_values(["when", "nationality"], na_position="last").reset_index(drop=True)


def _number_text(r) -> str:
    lo, hi = r["lower"], r["upper"]
    if r["open_above"]:
        v = f"at least {count_text(int(lo))}"
    elif r["open_below"]:
        v = f"at most {count_text(int(hi))}"
    elif lo != hi:
        v = f"{count_text(int(lo))} to {count_text(int(hi))}"
    else:
        v = f"{'about ' if r['qualifier'] == 'approx' else ''}{count_text(int(lo))}"
    what = r["category"] if pd.notna(r["category"]) else "foreigners"
    return f"{v} {what}"


def by_nationality(include_tertiary: bool = False) -> pd.DataFrame:
    """Per nationality: who asserted it, who denied it, in which reports and outlets, via whom.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).

    Returns
    -------
    pandas.DataFrame
        One row per nationality: ``claims``, ``reports`` (independent reports asserting it),
        ``outlets`` (held sources carrying the assertions), ``asserted_by`` and ``denied_by``
        (claimant short names), ``denials``, ``via`` (outlets claimants spoke to),
        ``report_outlets`` (whose stories), ``first`` and ``last`` (dates at their precision).
        Sorted by reports, most first.
    """
    c = foreign_claims(include_tertiary)
    rows = []
    for nat, g in c.groupby("nationality", sort=False):
        a, d = g[g["stance"] == "asserted"], g[g["stance"] == "denied"]
        first, last = g.sort_values("when").iloc[0], g.sort_values("when").iloc[-1]
        rows.append({
            "nationality": nat, "claims": len(g), "reports": a["report_id"].nunique(),
            "outlets": a["source_id"].nunique(), "asserted_by": _join(a["claimant"]),
            "denials": len(d), "denied_by": _join(d["claimant"]) or pd.NA,
            "denied_in": _join(d["report_outlet"]) or pd.NA,
            "via": _join(g["via"].dropna()) or pd.NA, "report_outlets": _join(a["report_outlet"]),
            "first": first["when_text"], "last": last["when_text"],
        })
    out = pd.DataFrame(rows)
    return out.sort_values(["reports", "claims", "nationality"], ascending=[False, False, True]).reset_index(drop=True)


def travel(include_tertiary: bool = False, nationalities=None) -> pd.DataFrame:
    """The steps each report of a nationality went through: claimant, outlet spoken to, report, reprints.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).
    nationalities : sequence of str, optional
        Keep only these; by default every nationality.

    Returns
    -------
    pandas.DataFrame
        One row per held source carrying a report (see :func:`foreign_reports`): ``nationality``,
        ``stance``, ``claimant``, ``family``, ``via``, ``report_id``, ``report_outlet``,
        ``source_outlet``, ``is_copy``, ``when`` (the claim's date) and ``published`` (the held
        source's date), for drawing a report and its reprints.
    """
    c = foreign_claims(include_tertiary)
    if nationalities is not None:
        c = c[c["nationality"].isin(list(nationalities))]
    keep = ["nationality", "stance", "claimant", "family", "via", "report_id", "report_outlet", "outlet",
            "is_copy", "when", "when_precision", "published", "source_id"]
    t = c[keep].drop_duplicates(["nationality", "stance", "claimant", "report_id", "source_id"])
    return t.rename(columns={"outlet": "source_outlet"}).reset_index(drop=True)


def numbers(include_tertiary: bool = False) -> pd.DataFrame:
    """The numbers of foreign fighters stated (not just their presence), one row per report.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).
    """
    c = foreign_claims(include_tertiary)
    c = c[c["kind"] == "number"].copy()
    c["number"] = [_number_text(r) for _, r in c.iterrows()]
    out = c.groupby(["report_id", "claimant", "number"], sort=False).agg(
        nationality=("nationality", "first"), family=("family", "first"), report_outlet=("report_outlet", "first"),
        outlets=("source_id", "nunique"), outlet_names=("outlet", _join), when=("when", "min"),
        when_text=("when_text", "first"), scope=("scope", "first"),
    ).reset_index()
    return out.sort_values("when").reset_index(drop=True)
