"""Governance: schools shut by district and the shadow administration."""
from __future__ import annotations

import pandas as pd

from analysis.data.load import load_actors, load_administration, load_claims, load_places


def schools(districts) -> pd.DataFrame:
    """Schools shut and in total per district, with the share shut.

    Parameters
    ----------
    districts : sequence of str
        Place ids of districts.

    Returns
    -------
    pandas.DataFrame
        ``place_id``, ``district``, ``shut``, ``total``, ``share_shut``, ``claimant``.

    Raises
    ------
    ValueError
        For a district without both school figures.
    """
    c = load_claims()
    names = load_places().set_index("place_id")["name"]
    actors = load_actors().set_index("actor_id")["name"]
    rows = []
    for d in districts:
        shut = c[(c["quantity"] == "schools_shut") & (c["place_id"] == d)]
        total = c[(c["quantity"] == "schools") & (c["place_id"] == d)]
        if len(shut) != 1 or len(total) != 1:
            raise ValueError(f"{d!r}: need one claim of schools shut and one of schools in total")
        s, t = int(shut["best"].iloc[0]), int(total["best"].iloc[0])
        rows.append({"place_id": d, "district": names[d], "shut": s, "total": t,
                     "share_shut": round(s / t, 4), "claimant": actors[shut["claimant_id"].iloc[0]]})
    return pd.DataFrame(rows)


def administration() -> pd.DataFrame:
    """The shadow administration's bodies with their terms and heads, council first.

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``name``, ``term``, ``kind``, ``head`` (``not named``
        where the source names nobody), ``locator``.
    """
    a = load_administration()
    names = load_actors().set_index("actor_id")["name"]
    order = {"council": 0, "deputy": 1, "unit": 2}
    out = pd.DataFrame(
        {
            "unit_id": a["unit_id"],
            "name": a["name_en"],
            "term": a["term"].fillna(""),
            "kind": a["unit_kind"].astype(str),
            "head": a["head_actor_id"].map(names).fillna("not named"),
            "locator": a["locator"],
        }
    )
    out["_o"] = out["kind"].map(order)
    return out.sort_values(["_o", "unit_id"]).drop(columns="_o").reset_index(drop=True)
