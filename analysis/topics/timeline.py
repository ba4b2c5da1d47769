"""Timeline data: events and allegiance changes with their date precision."""
from __future__ import annotations

import pandas as pd

from analysis.data.load import load_actors, load_affiliations, load_events

#: Lanes of the timeline, top to bottom.
LANES = ("Allegiance changes", "Battles", "Violence against civilians", "Other violence", "Statements and other")


def _lane(event_type: str, sub: str) -> str:
    if event_type == "Battles":
        return "Battles"
    if event_type == "Violence against civilians":
        return "Violence against civilians"
    if event_type == "Explosions/Remote violence" or sub == "Looting/property destruction":
        return "Other violence"
    if sub == "Change to group/activity":
        return "Allegiance changes"
    return "Statements and other"


def timeline(start: int, end: int) -> pd.DataFrame:
    """Events dated within the years ``start`` to ``end`` (inclusive), top-level only.

    Parameters
    ----------
    start, end : int
        First and last year shown.

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``label``, ``date_start``, ``date_end``, ``date_precision``,
        ``lane`` (one of :data:`LANES`), ``family`` of the initiating actor.
        Sub-events (fronts, single checkpoints) are left to their parent.
    """
    if start > end:
        raise ValueError(f"start ({start}) is after end ({end})")
    ev = load_events()
    actors = load_actors().set_index("actor_id")
    ev = ev[ev["parent_event_id"].isna()]
    ev = ev[(ev["date_end"].dt.year >= start) & (ev["date_start"].dt.year <= end)].copy()
    ev["lane"] = [_lane(str(t), str(s)) for t, s in zip(ev["event_type"], ev["sub_event_type"])]
    ev["family"] = ev["actor1_id"].map(actors["family"]).astype("string").fillna("other")
    cols = ["event_id", "label", "date_start", "date_end", "date_precision", "lane", "family"]
    return ev[cols].sort_values(["date_start", "event_id"]).reset_index(drop=True)


def allegiance_changes(start: int, end: int) -> pd.DataFrame:
    """Ties to a group that began or ended within the years ``start`` to ``end``.

    Returns
    -------
    pandas.DataFrame
        ``actor``, ``group``, ``change`` (``joined``/``left``), ``date``, ``precision``.
    """
    aff = load_affiliations()
    names = load_actors().set_index("actor_id")["name"]
    rows = []
    for a in aff.itertuples():
        for change, date, prec in (("joined", a.start, a.start_precision), ("left", a.end, a.end_precision)):
            if pd.notna(date) and start <= date.year <= end:
                rows.append({"actor": names[a.actor_id], "group": names[a.group_id], "change": change,
                             "date": date, "precision": str(prec)})
    out = pd.DataFrame(rows, columns=["actor", "group", "change", "date", "precision"])
    return out.sort_values(["date", "actor"]).reset_index(drop=True)
