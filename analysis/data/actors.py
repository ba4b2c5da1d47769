"""Actor lookups shared by every topic: names, short names and family codes, by actor id."""
from __future__ import annotations

import pandas as pd

from analysis.data.load import load_actors

#: The actor id of Qari Hekmat's fighters as a group.
HEKMAT_GROUP = "hekmat_group"


def _lookup(column: str) -> pd.Series:
    return load_actors().set_index("actor_id")[column]


def actor_names(actor_ids: pd.Series) -> pd.Series:
    """The name of each actor id (missing ids give missing names).

    Parameters
    ----------
    actor_ids : pandas.Series
        Actor ids.

    Returns
    -------
    pandas.Series
        Names aligned with ``actor_ids``, as strings.
    """
    return actor_ids.map(_lookup("name").astype(str)).astype("string")


def actor_families(actor_ids: pd.Series) -> pd.Series:
    """The family code (the ``family`` column of actors.csv) of each actor id.

    Parameters
    ----------
    actor_ids : pandas.Series
        Actor ids; missing ids give missing codes.

    Returns
    -------
    pandas.Series
        Codes such as ``"hekmat"`` or ``"un"``, aligned with ``actor_ids``.
    """
    return actor_ids.map(_lookup("family").astype(str)).astype("string")


def short_names(actor_ids: pd.Series) -> pd.Series:
    """A short name for each actor: an agency's abbreviation (its first alternative name), else its name.

    Parameters
    ----------
    actor_ids : pandas.Series
        Actor ids.

    Returns
    -------
    pandas.Series
        Names such as ``"IOM"`` or ``"Halima Karimi"``, aligned with ``actor_ids``.
    """
    a = load_actors().set_index("actor_id")
    abbrev = a["alt_names"].fillna("").str.split(";").str[0]
    short = a["name"].where(~(a["kind"].isin(["agency", "outlet"]) & abbrev.ne("")), abbrev)
    return actor_ids.map(short).astype("string")
