"""Fighter strength: the competing totals against the sum of the named groups."""
from __future__ import annotations

import pandas as pd

from analysis.data.actors import HEKMAT_GROUP, actor_families
from analysis.data.claims import claim_bounds
from analysis.data.load import load_actors, load_administration, load_affiliations, load_claims, load_places

ESTIMATES = ("low", "best", "high")


#: Ties to the group that make an actor part of the roster.
ROSTER_ROLES = ("commander", "affiliate")
#: Ties that describe posts held, not allegiance; left out of prior affiliations.
POST_ROLES = ("head", "deputy")


def _join(values) -> str:
    vals = [v for v in values if isinstance(v, str) and v]
    return "; ".join(dict.fromkeys(vals))


def commanders_roster() -> pd.DataFrame:
    """One row per commander or group under Hekmat, with what the data says of each.

    Returns
    -------
    pandas.DataFrame
        Columns: ``actor_id``, ``name``, ``kind``, ``ethnicity``, ``origin``
        (place name), ``prior_affiliation`` (other groups the actor was tied
        to, with the role), ``joined`` (start of the tie to Hekmat's group),
        ``joined_precision``, ``fighters_low`` and ``fighters_high`` (from the
        fighters claims about the actor; missing where no number is given),
        ``fighters_claims`` (claim ids), ``admin_role`` (posts in Hekmat's
        administration, current and former). Sorted by ``joined`` then name;
        one row per actor.
    """
    actors = load_actors().set_index("actor_id")
    places = load_places().set_index("place_id")["name"]
    aff = load_affiliations()
    admin = load_administration()
    claims = claim_bounds(load_claims())
    names = actors["name"]

    ties = aff[(aff["group_id"] == HEKMAT_GROUP) & aff["role"].isin(ROSTER_ROLES)]
    ties = ties.sort_values(["actor_id", "start"]).drop_duplicates("actor_id")
    rows = []
    for _, tie in ties.iterrows():
        aid = tie["actor_id"]
        a = actors.loc[aid]
        others = aff[
            (aff["actor_id"] == aid)
            & (aff["group_id"] != HEKMAT_GROUP)
            & ~aff["role"].isin(POST_ROLES)
        ]
        prior = _join(f"{names[g]} ({r})" for g, r in zip(others["group_id"], others["role"].astype(str)))
        f = claims[(claims["quantity"] == "fighters") & (claims["subject_id"] == aid)]
        posts = list(admin.loc[admin["head_actor_id"] == aid, "name_en"].astype(str))
        former = aff[(aff["actor_id"] == aid) & aff["role"].isin(POST_ROLES) & aff["position"].notna()]
        posts += [p for p in former["position"].astype(str) if not any(p.lower().endswith(x.lower()) for x in posts)]
        rows.append(
            {
                "actor_id": aid,
                "name": a["name"],
                "kind": str(a["kind"]),
                "ethnicity": a["ethnicity"] if pd.notna(a["ethnicity"]) else pd.NA,
                "origin": places.get(a["origin_place_id"], pd.NA) if pd.notna(a["origin_place_id"]) else pd.NA,
                "prior_affiliation": prior or pd.NA,
                "joined": tie["start"],
                "joined_precision": tie["start_precision"] if pd.notna(tie["start_precision"]) else pd.NA,
                "fighters_low": f["lower"].min() if len(f) else pd.NA,
                "fighters_high": f["upper"].max() if len(f) else pd.NA,
                "fighters_claims": _join(f["claim_id"]) or pd.NA,
                "admin_role": _join(posts) or pd.NA,
            }
        )
    out = pd.DataFrame(rows)
    for c in ("fighters_low", "fighters_high"):
        out[c] = out[c].astype("Int64")
    for c in ("name", "kind", "ethnicity", "origin", "prior_affiliation", "joined_precision", "fighters_claims", "admin_role"):
        out[c] = out[c].astype("string")
    return out.sort_values(["joined", "name"], na_position="last").reset_index(drop=True)


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
            "family": actor_families(c["claimant_id"]),
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
            "family": "hekmat",
            "lower": float(g["fighters_low"].sum()),
            "upper": float(g["fighters_high"].sum()),
            "value": float(g["value"].sum()),
        }
    )
    return pd.DataFrame(rows)
