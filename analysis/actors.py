"""Actor lookups the figures share: the family each actor is coloured by, and short names."""
from __future__ import annotations

import pandas as pd

from analysis.load import load_actors
from analysis.theme import family_label


def family_labels(actor_ids: pd.Series) -> pd.Series:
    """The family label (as used by the colour scales) of each actor id.

    Parameters
    ----------
    actor_ids : pandas.Series
        Actor ids; missing ids give missing labels.

    Returns
    -------
    pandas.Series
        Labels such as ``"Hekmat and ISKP"``, aligned with ``actor_ids``.
    """
    families = load_actors().set_index("actor_id")["family"].astype(str)
    return actor_ids.map(families).map(lambda f: family_label(f) if isinstance(f, str) else pd.NA)


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
    short = a["name"].where(~((a["kind"] == "agency") & abbrev.ne("")), abbrev)
    return actor_ids.map(short).astype("string")
