"""Claims as intervals, and claims picked by what they are rather than by id.

A claim's values become an interval ``[lower, upper]``: an exact or
approximate value is a point, a range its two ends, "at least" its floor and
"at most" its ceiling (the open side of those two is left at the one value
the source gives).
"""
from __future__ import annotations

import pandas as pd


def claim_bounds(claims: pd.DataFrame) -> pd.DataFrame:
    """Add ``lower`` and ``upper`` columns: the interval each claim states.

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of :func:`analysis.load_claims`.

    Returns
    -------
    pandas.DataFrame
        A copy with nullable integer columns ``lower`` and ``upper``
        (missing for unquantified claims). Row count is unchanged.
    """
    out = claims.copy()
    out["lower"] = out["low"].fillna(out["best"]).fillna(out["high"]).astype("Int64")
    out["upper"] = out["high"].fillna(out["best"]).fillna(out["low"]).astype("Int64")
    return out
