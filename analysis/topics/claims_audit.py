"""Claims audit: contested quantities, their spread and the source's own judgements."""
from __future__ import annotations

import pandas as pd

from analysis.data.actors import actor_families
from analysis.data.claims import claim_bounds
from analysis.data.load import load_actors, load_claims, load_places
from analysis.topics.estimates import triangulate

#: How the audit groups claims: like with like, except that displacement
#: figures are compared across places and periods (the disagreement at issue).
AUDIT_KEYS = {"displaced": ("quantity", "unit")}

#: Readable names of quantities for tables and figures.
QUANTITY_LABELS = {
    "fighters": "Fighters",
    "outside_fighters": "Fighters from outside",
    "foreign_fighters": "Foreign fighters",
    "displaced": "Displaced",
    "killed": "Killed",
}


def contested(min_claims: int = 2) -> pd.DataFrame:
    """Quantities with at least ``min_claims`` quantified claims, widest spread first.

    Parameters
    ----------
    min_claims : int
        Smallest number of claims that makes a quantity contested.

    Returns
    -------
    pandas.DataFrame
        Triangulation rows (see :func:`analysis.topics.estimates.triangulate`) with
        a readable ``quantity_label``.
    """
    if min_claims < 1:
        raise ValueError(f"min_claims must be at least 1; got {min_claims}")
    claims = load_claims()
    parts = []
    for q, key in AUDIT_KEYS.items():
        parts.append(triangulate(claims[claims["quantity"] == q], by=key))
    rest = claims[~claims["quantity"].isin(list(AUDIT_KEYS))]
    parts.append(triangulate(rest))
    t = pd.concat(parts, ignore_index=True)
    t = t[t["claims"] >= min_claims].copy()
    names = load_actors().set_index("actor_id")["name"]
    places = load_places().set_index("place_id")["name"]

    def label(r):
        what = QUANTITY_LABELS.get(str(r["quantity"]), str(r["quantity"]).replace("_", " "))
        if str(r["quantity"]) in AUDIT_KEYS:
            return f"{what} ({r['unit']}, all places and periods)"
        bits = [what]
        if pd.notna(r.get("subject_id")):
            bits.append(f"({names[r['subject_id']]})")
        if pd.notna(r.get("place_id")):
            bits.append(f"in {places[r['place_id']]}")
        return " ".join(bits)

    t["quantity_label"] = [label(r) for _, r in t.iterrows()]
    cols = ["quantity_label", "claims", "claimants", "claimant_names", "min", "max", "spread_ratio", "claim_ids"]
    return t[cols].sort_values(["spread_ratio", "quantity_label"], ascending=[False, True]).reset_index(drop=True)


def contested_claims(table: pd.DataFrame) -> pd.DataFrame:
    """One row per claim behind each contested quantity, for plotting them side by side.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`contested`.

    Returns
    -------
    pandas.DataFrame
        ``quantity_label``, ``claim_id``, ``value`` (the claim's lower bound)
        and ``family`` (the claimant's colour label).
    """
    claims = claim_bounds(load_claims()).set_index("claim_id")
    rows = [(q, cid) for q, ids in zip(table["quantity_label"], table["claim_ids"]) for cid in ids.split("; ")]
    out = pd.DataFrame(rows, columns=["quantity_label", "claim_id"])
    out["value"] = out["claim_id"].map(claims["lower"]).astype("Int64")
    out["family"] = actor_families(out["claim_id"].map(claims["claimant_id"]))
    return out


def assessments() -> pd.DataFrame:
    """Every claim the source judges (exaggerated, contradicted, denied, hearsay) and every denial.

    Returns
    -------
    pandas.DataFrame
        ``claim_id``, ``quantity``, ``category``, ``claimant``, ``stance``,
        ``value_text``, ``assessment``, ``locator``.
    """
    c = load_claims()
    names = load_actors().set_index("actor_id")["name"]
    c = c[c["assessment"].notna() | (c["stance"] == "denied")]
    return pd.DataFrame(
        {
            "claim_id": c["claim_id"],
            "quantity": c["quantity"].astype(str),
            "category": c["category"].fillna(""),
            "claimant": c["claimant_id"].map(names),
            "stance": c["stance"].astype(str),
            "value_text": c["value_text"],
            "assessment": c["assessment"].fillna(""),
            "locator": c["assessment_locator"].fillna(c["locator"]),
        }
    ).reset_index(drop=True)
