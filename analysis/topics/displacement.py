"""Displacement figures in families or in individuals.

Agencies count displacement in families, sometimes in individuals. Converting
between the two needs a number of persons per family; its default is derived
from the one claim pair in the data that states the same displacement in both
units, and it can be overridden to test how much the comparison depends on it.
"""
from __future__ import annotations

import numbers

import pandas as pd

from analysis.data.actors import actor_families, short_names
from analysis.data.claims import claim_bounds
from analysis.data.load import load_actors, load_claims, load_places

UNITS = ("families", "individuals")
_DATA_UNIT = {"families": "families", "individuals": "persons"}


def persons_per_family_default(claims: pd.DataFrame | None = None) -> float:
    """Persons per family implied by the one claim stated in both units.

    Parameters
    ----------
    claims : pandas.DataFrame, optional
        Claims to search; defaults to every claim in the data.

    Returns
    -------
    float
        Individuals divided by families for the displacement claim pair made
        by the same claimant about the same place and period.

    Raises
    ------
    ValueError
        If no such pair exists, or more than one does (the default would then
        be ambiguous and must be chosen explicitly).
    """
    claims = load_claims() if claims is None else claims
    d = claims[(claims["quantity"] == "displaced") & claims["best"].notna()]
    key = ["claimant_id", "place_id", "period_start", "period_end"]
    fam = d[d["unit"] == "families"]
    per = d[d["unit"] == "persons"]
    pairs = fam.merge(per, on=key, suffixes=("_families", "_persons"))
    if len(pairs) != 1:
        raise ValueError(
            f"persons_per_family_default: need exactly one displacement figure given in both "
            f"families and persons by one claimant for one place and period, found {len(pairs)}; "
            f"pass persons_per_family explicitly"
        )
    row = pairs.iloc[0]
    return float(row["best_persons"]) / float(row["best_families"])


def displacement(
    unit: str = "families",
    persons_per_family: float | None = None,
    claims: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every quantified displacement claim, expressed in one unit.

    Parameters
    ----------
    unit : {"families", "individuals"}
        Unit to express every claim in.
    persons_per_family : float, optional
        Persons per family used to convert; defaults to
        :func:`persons_per_family_default`. Must be positive.
    claims : pandas.DataFrame, optional
        Claims to use; defaults to every claim in the data.

    Returns
    -------
    pandas.DataFrame
        One row per displacement claim with ``claim_id``, ``claimant``,
        ``claimant_short``, ``family`` (colour label), ``when`` (the date
        stated at its precision, or the period covered), ``place``, ``period_start``, ``period_end``, ``stated_on``, ``scope``,
        ``stated_unit``, ``stated_lower``, ``stated_upper``, ``lower`` and
        ``upper`` (in ``unit``, rounded to whole numbers), ``converted`` (bool),
        ``persons_per_family`` and ``assessment``. Sorted by ``stated_on``
        then ``claim_id``.

    Raises
    ------
    ValueError
        For an unknown unit or a non-positive ``persons_per_family``.
    """
    if unit not in UNITS:
        raise ValueError(f"displacement: unit must be one of {', '.join(UNITS)}; got {unit!r}")
    claims = load_claims() if claims is None else claims
    if persons_per_family is None:
        persons_per_family = persons_per_family_default(claims)
    if (
        not isinstance(persons_per_family, numbers.Real)
        or isinstance(persons_per_family, bool)
        or not persons_per_family > 0
    ):
        raise ValueError(
            f"displacement: persons_per_family must be a positive number; got {persons_per_family!r}"
        )
    d = claim_bounds(claims[(claims["quantity"] == "displaced") & (claims["qualifier"] != "unquantified")])
    target = _DATA_UNIT[unit]
    factor = pd.Series(1.0, index=d.index)
    factor[(d["unit"] == "families") & (target == "persons")] = float(persons_per_family)
    factor[(d["unit"] == "persons") & (target == "families")] = 1.0 / float(persons_per_family)
    actors = load_actors().set_index("actor_id")["name"]
    places = load_places().set_index("place_id")["name"]
    day = d["stated_precision"] == "day"
    when = d["stated_on"].dt.strftime("%d %b %Y").where(day, d["stated_on"].dt.strftime("%b %Y"))
    when = when.where(
        d["stated_on"].notna(),
        "covering " + d["period_start"].dt.strftime("%Y") + "-" + d["period_end"].dt.strftime("%Y"),
    )
    out = pd.DataFrame(
        {
            "claim_id": d["claim_id"],
            "claimant": d["claimant_id"].map(actors).astype("string"),
            "claimant_short": short_names(d["claimant_id"]),
            "family": actor_families(d["claimant_id"]),
            "when": when.astype("string"),
            "place": d["place_id"].map(places).astype("string"),
            "period_start": d["period_start"],
            "period_end": d["period_end"],
            "stated_on": d["stated_on"],
            "scope": d["scope"],
            "stated_unit": d["unit"].astype("string"),
            "stated_lower": d["lower"],
            "stated_upper": d["upper"],
            "lower": (d["lower"].astype("Float64") * factor).round().astype("Int64"),
            "upper": (d["upper"].astype("Float64") * factor).round().astype("Int64"),
            "converted": factor != 1.0,
            "persons_per_family": float(persons_per_family),
            "assessment": d["assessment"],
        }
    )
    return out.sort_values(["stated_on", "claim_id"], na_position="last").reset_index(drop=True)
