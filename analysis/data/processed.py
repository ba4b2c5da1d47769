"""Tidy joined tables in ``data/processed/`` for R and spreadsheet users: joins of the raw tables only.

The analysis results written beside them (roster, triangulation, displacement) come from the topic
layer, :mod:`analysis.topics.tables`.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.claims import claim_bounds
from analysis.data.load import (
    load_actors,
    load_administration,
    load_affiliations,
    load_claims,
    load_events,
    load_places,
    load_sources,
)
from analysis.files import write_csv_atomic


def lookup(df: pd.DataFrame, column: str, table: pd.DataFrame, key: str, take: dict[str, str]) -> pd.DataFrame:
    """Add columns from ``table`` matched on ``df[column] == table[key]``.

    A many-to-one lookup: it never adds or drops rows of ``df``.

    Parameters
    ----------
    df : pandas.DataFrame
        Left table.
    column : str
        Column of ``df`` holding the key (missing values stay unmatched).
    table : pandas.DataFrame
        Right table; ``key`` must be unique in it.
    key : str
        Key column of ``table``.
    take : dict of str to str
        ``{column of table: new column name}``.

    Raises
    ------
    ValueError
        If ``key`` is not unique in ``table`` (the join would duplicate rows).
    """
    if table[key].duplicated().any():
        raise ValueError(f"lookup: {key} is not unique, the join would duplicate rows")
    right = table.set_index(key)
    out = df.copy()
    for src, dst in take.items():
        out[dst] = out[column].map(right[src])
    return out


def claims_joined() -> pd.DataFrame:
    """Claims with names of subject, claimant, place and event, and their bounds."""
    actors, places, events, sources = load_actors(), load_places(), load_events(), load_sources()
    df = claim_bounds(load_claims())
    df = lookup(df, "subject_id", actors, "actor_id", {"name": "subject_name"})
    df = lookup(df, "claimant_id", actors, "actor_id", {"name": "claimant_name", "kind": "claimant_kind"})
    df = lookup(df, "place_id", places, "place_id", {"name": "place_name"})
    df = lookup(df, "event_id", events, "event_id", {"date_start": "event_date", "sub_event_type": "event_sub_type"})
    # the source is named by author and date; its full title lives once, in sources.csv
    df = lookup(df, "source_id", sources, "source_id", {"author": "source_author", "published": "source_published"})
    return df


def events_joined() -> pd.DataFrame:
    """Events with place names and coordinates and actor names."""
    actors, places = load_actors(), load_places()
    df = lookup(load_events(), "place_id", places, "place_id",
                {"name": "place_name", "latitude": "latitude", "longitude": "longitude", "geo_precision": "geo_precision"})
    df = lookup(df, "origin_place_id", places, "place_id", {"name": "origin_name"})
    for col in ("actor1_id", "assoc_actor1_id", "actor2_id", "assoc_actor2_id"):
        df = lookup(df, col, actors, "actor_id", {"name": col.replace("_id", "_name")})
    return df


def affiliations_joined() -> pd.DataFrame:
    """Affiliations with the names of both sides."""
    actors = load_actors()
    df = lookup(load_affiliations(), "actor_id", actors, "actor_id", {"name": "actor_name", "kind": "actor_kind"})
    return lookup(df, "group_id", actors, "actor_id", {"name": "group_name"})


def administration_joined() -> pd.DataFrame:
    """Shadow administration units with the names of their heads."""
    return lookup(load_administration(), "head_actor_id", load_actors(), "actor_id", {"name": "head_name"})


#: File name -> function producing it.
TABLES = {
    "claims.csv": claims_joined,
    "events.csv": events_joined,
    "affiliations.csv": affiliations_joined,
    "administration.csv": administration_joined,
}


def write_all(directory: Path | None = None) -> list[Path]:
    """Write every joined table; return the paths written."""
    directory = Path(directory or paths.PROCESSED)
    return [write_csv_atomic(directory / name, fn()) for name, fn in TABLES.items()]
