"""Contested estimates: turn claims into intervals and triangulate them.

A claim's values become an interval ``[lower, upper]``: an exact or
approximate value is a point, a range its two ends, "at least" its floor and
"at most" its ceiling (the open side of those two is left at the one value
the source gives). Triangulation groups the asserted, quantified claims about
the same quantity and reports how far apart they are.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.actors import actor_names
from analysis.data.claims import claim_bounds
from analysis.data.load import load_claims

#: Columns that identify a contested quantity by default.
DEFAULT_KEY = ("quantity", "subject_id", "place_id", "event_id", "unit")


def triangulate(claims: pd.DataFrame | None = None, by=DEFAULT_KEY) -> pd.DataFrame:
    """Compare the claims made about each quantity.

    Parameters
    ----------
    claims : pandas.DataFrame, optional
        Claims to compare; defaults to every claim in the data. Denials and
        unquantified claims are left out.
    by : sequence of str
        Columns that define "the same quantity". By default what is counted,
        about whom, where, in which event and in which unit, so that like is
        compared with like; pass fewer columns (for example
        ``("quantity", "unit")``) to set figures of different scope side by side.

    Returns
    -------
    pandas.DataFrame
        One row per quantity with ``claims`` (count), ``claimants`` (count),
        ``claimant_names`` (``;``-separated), ``min`` (lowest lower bound),
        ``max`` (highest upper bound), ``spread_ratio`` (``max / min``) and
        ``claim_ids``. Sorted by ``by``.

    Raises
    ------
    ValueError
        If ``by`` names a column the claims do not have.
    """
    claims = load_claims() if claims is None else claims
    by = list(by)
    missing = [c for c in by if c not in claims.columns]
    if missing:
        raise ValueError(f"triangulate: unknown column(s) {missing}; claims have {list(claims.columns)}")
    q = claim_bounds(claims)
    q = q[(q["stance"] == "asserted") & q["lower"].notna()].copy()
    q["claimant_name"] = actor_names(q["claimant_id"])
    keys = q[by].astype("string").fillna("")
    rows = []
    for key, grp in q.groupby([keys[c] for c in by], sort=True, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        lo, hi = int(grp["lower"].min()), int(grp["upper"].max())
        claimants = sorted(grp["claimant_name"].dropna().unique())
        rows.append(
            {
                **dict(zip(by, key)),
                "claims": len(grp),
                "claimants": len(claimants),
                "claimant_names": "; ".join(claimants),
                "min": lo,
                "max": hi,
                "spread_ratio": round(hi / lo, 3) if lo else pd.NA,
                "claim_ids": "; ".join(sorted(grp["claim_id"])),
            }
        )
    out = pd.DataFrame(rows)
    for c in by:
        out[c] = out[c].replace("", pd.NA).astype("string")
    return out.reset_index(drop=True)
