"""Contested estimates: triangulate the numbers claimed for the same quantity.

Triangulation groups the asserted numeric claims about the same quantity and reports how far
apart they are, and how many claimants, sources and independent reports stand behind them: copies
of one wire story count as one report.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.claims import claims_table

#: Columns that identify a contested quantity by default.
DEFAULT_KEY = ("quantity", "subject_id", "place_id", "event_id", "unit")


def triangulate(claims: pd.DataFrame | None = None, by=DEFAULT_KEY, include_tertiary: bool = False) -> pd.DataFrame:
    """Compare the numbers claimed for each quantity: how many claims, claimants, sources and reports.

    Parameters
    ----------
    claims : pandas.DataFrame, optional
        Rows of :func:`analysis.data.claims.claims_table`; defaults to every claim in the data.
        Denials and claims that are not numbers are left out.
    by : sequence of str
        Columns that define "the same quantity". By default what is counted, about whom, where,
        in which event and in which unit, so that like is compared with like.
    include_tertiary : bool
        With the default claims, keep claims from tertiary pages (left out by default).

    Returns
    -------
    pandas.DataFrame
        One row per quantity with ``claims``, ``claimants``, ``sources`` and ``reports`` (counts;
        copies of one wire story are one report), ``claimant_names`` (``;``-separated), ``min``
        (lowest lower bound), ``max`` (highest upper bound), ``spread_ratio`` (``max / min``),
        ``first_stated`` and ``last_stated`` (when the claims were made) and ``claim_ids``.

    Raises
    ------
    ValueError
        If ``by`` names a column the claims do not have.
    """
    q = claims_table(include_tertiary) if claims is None else claims
    if "report_id" not in q.columns:
        q = claims_table(include_tertiary, claims=q)
    by = list(by)
    missing = [c for c in by if c not in q.columns]
    if missing:
        raise ValueError(f"triangulate: unknown column(s) {missing}; claims have {list(q.columns)}")
    q = q[(q["stance"] == "asserted") & (q["kind"] == "number") & q["lower"].notna()].copy()
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
                "sources": grp["source_id"].nunique(),
                "reports": grp["report_id"].nunique(),
                "claimant_names": "; ".join(claimants),
                "min": lo,
                "max": hi,
                "spread_ratio": round(hi / lo, 3) if lo else pd.NA,
                "first_stated": grp["when"].min(),
                "last_stated": grp["when"].max(),
                "claim_ids": "; ".join(sorted(grp["claim_id"])),
            }
        )
    # the columns are named once, by the rows; with no rows, by this list (a test keeps the two alike)
    out = pd.DataFrame(rows) if rows else pd.DataFrame(columns=[
        *by, "claims", "claimants", "sources", "reports", "claimant_names", "min", "max", "spread_ratio",
        "first_stated", "last_stated", "claim_ids"])
    for c in by:
        out[c] = out[c].replace("", pd.NA).astype("string")
    return out.reset_index(drop=True)
