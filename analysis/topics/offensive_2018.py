"""The January 2018 offensive and the February 2018 attacks, on gazetteer points."""
from __future__ import annotations

import pandas as pd

from analysis.data.load import load_actors, load_events, load_places


def fronts(event_id: str) -> pd.DataFrame:
    """The parts of an offensive: each front or attack with origin, target and commanders.

    Parameters
    ----------
    event_id : str
        A parent event, such as ``"ev_2018_january_offensive"``.

    Returns
    -------
    pandas.DataFrame
        One row per sub-event of type Battles: ``event_id``, ``label``,
        ``commanders``, ``origin``, ``target``, origin and target
        coordinates (missing where the gazetteer has none).

    Raises
    ------
    ValueError
        If the event has no battle sub-events.
    """
    ev = load_events()
    places = load_places().set_index("place_id")
    actors = load_actors().set_index("actor_id")
    names = actors.loc[actors["kind"] == "person", "name"]
    sub = ev[(ev["parent_event_id"] == event_id) & (ev["event_type"] == "Battles")]
    if sub.empty:
        parents = sorted(ev.loc[ev["parent_event_id"].notna(), "parent_event_id"].unique())
        raise ValueError(f"{event_id!r} has no battle sub-events; events with parts: {', '.join(parents)}")
    rows = []
    for e in sub.itertuples():
        cmd = [names[a] for a in (e.actor1_id, e.assoc_actor1_id) if pd.notna(a) and names.get(a)]
        o = places.loc[e.origin_place_id] if pd.notna(e.origin_place_id) else None
        t = places.loc[e.place_id]
        rows.append(
            {
                "event_id": e.event_id,
                "label": e.label,
                "commanders": " and ".join(cmd),
                "origin": o["name"] if o is not None else pd.NA,
                "target": t["name"],
                "origin_lon": o["longitude"] if o is not None else pd.NA,
                "origin_lat": o["latitude"] if o is not None else pd.NA,
                "target_lon": t["longitude"],
                "target_lat": t["latitude"],
            }
        )
    out = pd.DataFrame(rows)
    for c in ("origin_lon", "origin_lat", "target_lon", "target_lat"):
        out[c] = pd.to_numeric(out[c]).astype("Float64")
    return out


def places_without_coordinates(df: pd.DataFrame) -> list[str]:
    """Names of origins and targets in ``fronts`` output that the gazetteer lacks, sorted."""
    missing = set(df.loc[df["origin_lat"].isna() & df["origin"].notna(), "origin"])
    missing |= set(df.loc[df["target_lat"].isna(), "target"])
    return sorted(missing)


def context_points() -> pd.DataFrame:
    """Gazetteer points of Jawzjan and its neighbours for orientation on the map.

    Returns
    -------
    pandas.DataFrame
        ``place_id``, ``name``, ``kind``, ``latitude``, ``longitude`` and
        ``ha``, the side of the point its label should sit on.
    """
    p = load_places()
    p = p[p["latitude"].notna() & p["place_id"].ne("kabul") & p["place_id"].ne("darzab_centre")]
    p = p[p["longitude"].between(64.5, 67) & p["latitude"].between(35.5, 37.7)].copy()
    # a label goes to the left of its point when a neighbour lies just to its right
    lat, lon = p["latitude"].astype(float), p["longitude"].astype(float)
    p["ha"] = [
        "right" if ((lon > x) & (lon - x < 0.3) & ((lat - y).abs() < 0.12)).any() else "left"
        for x, y in zip(lon, lat)
    ]
    return p[["place_id", "name", "kind", "latitude", "longitude", "ha"]].reset_index(drop=True)
