"""Killed by side and clash, with the claimant of each figure."""
from __future__ import annotations

import pandas as pd

from analysis.data.actors import actor_families
from analysis.data.claims import claim_bounds
from analysis.data.load import load_actors, load_claims, load_events

#: Subjects whose deaths are counted inside a larger subject's figure.
PART_OF = {"alp": "security_forces", "public_order_police": "security_forces"}


def killed(include_unquantified: bool = True) -> pd.DataFrame:
    """Every claim of people killed, with side, clash and claimant.

    Parameters
    ----------
    include_unquantified : bool
        Keep claims that report deaths without a number.

    Returns
    -------
    pandas.DataFrame
        ``claim_id``, ``clash``, ``clash_date``, ``side``, ``family``,
        ``killed`` (missing when unquantified), ``claimant``, ``part_of``
        (the side whose total already includes these deaths, if any).
    """
    actors = load_actors().set_index("actor_id")
    events = load_events().set_index("event_id")
    c = claim_bounds(load_claims())
    c = c[c["quantity"] == "killed"]
    if not include_unquantified:
        c = c[c["lower"].notna()]
    out = pd.DataFrame(
        {
            "claim_id": c["claim_id"],
            "clash": c["event_id"].map(events["label"]),
            "clash_date": c["event_id"].map(events["date_start"]),
            "side": c["subject_id"].map(actors["name"]),
            "family": actor_families(c["subject_id"]),
            "killed": c["lower"],
            "claimant": c["claimant_id"].map(actors["name"]),
            "part_of": c["subject_id"].map(lambda s: actors["name"].get(PART_OF.get(s), pd.NA)),
        }
    )
    return out.sort_values(["clash_date", "claim_id"]).reset_index(drop=True)
