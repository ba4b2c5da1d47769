"""Fighter strength: the competing totals against the sum of the named groups."""
from __future__ import annotations

import pandas as pd

from analysis.estimates import claim_bounds
from analysis.load import load_actors, load_claims
from analysis.roster import commanders_roster
from analysis.actors import family_labels
from analysis.theme import family_label

ESTIMATES = ("low", "best", "high")
HEKMAT_GROUP = "hekmat_group"


def pick(lower, upper, best, estimate: str):
    """The value of an interval claim under an estimate.

    Parameters
    ----------
    lower, upper : number
        Interval bounds.
    best : number or NA
        The claim's own best value, if it states one.
    estimate : {"low", "best", "high"}
        ``low`` takes the lower bound, ``high`` the upper and ``best`` the
        stated best value or, for a range, its midpoint.
    """
    if estimate not in ESTIMATES:
        raise ValueError(f"estimate must be one of {', '.join(ESTIMATES)}; got {estimate!r}")
    if estimate == "low":
        return lower
    if estimate == "high":
        return upper
    return best if pd.notna(best) else (lower + upper) / 2


def total_claims() -> pd.DataFrame:
    """The claims of Hekmat's total strength, one row per claim.

    Returns
    -------
    pandas.DataFrame
        ``claim_id``, ``claimant``, ``family`` (label), ``stated_on``,
        ``lower``, ``upper``, ``best``, ``assessment``.
    """
    actors = load_actors().set_index("actor_id")
    c = claim_bounds(load_claims())
    c = c[(c["quantity"] == "fighters") & (c["subject_id"] == HEKMAT_GROUP)]
    return pd.DataFrame(
        {
            "claim_id": c["claim_id"],
            "claimant": c["claimant_id"].map(actors["name"]),
            "family": family_labels(c["claimant_id"]),
            "stated_on": c["stated_on"],
            "lower": c["lower"],
            "upper": c["upper"],
            "best": c["best"],
            "assessment": c["assessment"],
        }
    ).reset_index(drop=True)


def named_groups(estimate: str = "best") -> pd.DataFrame:
    """The roster's groups with a stated strength, valued under ``estimate``.

    Returns
    -------
    pandas.DataFrame
        Roster rows with fighters claimed, plus ``value``.
    """
    r = commanders_roster()
    r = r[r["fighters_low"].notna()].copy()
    claims = load_claims().set_index("claim_id")
    best = r["fighters_claims"].map(lambda ids: claims.loc[ids.split("; ")[0], "best"])
    r["value"] = [pick(lo, hi, b, estimate) for lo, hi, b in zip(r["fighters_low"], r["fighters_high"], best)]
    return r.reset_index(drop=True)


def comparison(estimate: str = "best") -> pd.DataFrame:
    """Totals claimed and the sum of named groups, each with its range and chosen value.

    Parameters
    ----------
    estimate : {"low", "best", "high"}
        Which value of each claim to take.

    Returns
    -------
    pandas.DataFrame
        One row per total claim and one for the sum of named groups:
        ``label``, ``kind`` (``claimed total`` or ``sum of named groups``),
        ``family``, ``lower``, ``upper``, ``value``.
    """
    totals = total_claims()
    rows = [
        {
            "label": f"{t.claimant}",
            "kind": "claimed total",
            "family": t.family,
            "lower": float(t.lower),
            "upper": float(t.upper),
            "value": float(pick(t.lower, t.upper, t.best, estimate)),
        }
        for t in totals.itertuples()
    ]
    g = named_groups(estimate)
    rows.append(
        {
            "label": f"Sum of {len(g)} named groups",
            "kind": "sum of named groups",
            "family": family_label("hekmat"),
            "lower": float(g["fighters_low"].sum()),
            "upper": float(g["fighters_high"].sum()),
            "value": float(g["value"].sum()),
        }
    )
    return pd.DataFrame(rows)
