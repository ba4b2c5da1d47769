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


class ClaimSelectionError(LookupError):
    """A selection by what claims are did not find exactly what a sentence of the write-up needs."""


class RankChanged(AssertionError):
    """A value the write-up attributes to a claimant by its rank (highest, lowest) now belongs to another."""


def report_ids(sources) -> pd.Series:
    """The independent report each source belongs to: a copy belongs to the story it reprints.

    Parameters
    ----------
    sources : pandas.DataFrame
        Rows of :func:`analysis.load_sources`.

    Returns
    -------
    pandas.Series
        Indexed by ``source_id``: the ``source_id`` at the end of the chain of ``copy_of``
        (itself for a primary or tertiary source). Five reprints of one wire story share one id.
    """
    parent = dict(zip(sources["source_id"], sources["copy_of"]))
    out = {}
    for sid in sources["source_id"]:
        cur, seen = sid, set()
        while isinstance(parent.get(cur), str) and parent[cur] and cur not in seen:
            seen.add(cur)
            cur = parent[cur]
        out[sid] = cur
    return pd.Series(out, name="report_id", dtype="string")


def claims_table(include_tertiary: bool = False, claims=None) -> pd.DataFrame:
    """Every claim with what a reader needs to weigh it: its source, report, claimant and interval.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims coded from tertiary (Wikipedia-derived) pages; by default they are left out,
        since no claim may rest on them alone.
    claims : pandas.DataFrame, optional
        Claims to use instead of every claim in the data.

    Returns
    -------
    pandas.DataFrame
        The claims' columns plus ``lower``/``upper`` (see :func:`claim_bounds`), ``open_below``
        (a ceiling: the source gives no floor) and ``open_above`` (a floor: no ceiling),
        ``grade``, ``report_id`` (copies of one story share it), ``publisher``, ``published``,
        ``published_precision``, ``language``, ``coverage``, ``claimant_name``,
        ``claimant_family``, ``claimant_kind`` and ``when`` (``stated_on``, else the publication
        date) with ``when_precision``.
    """
    from analysis.data import load

    if claims is None:
        # the table of every claim is built once per state of the package's files; callers get copies
        key = (include_tertiary, load.ensure_valid())
        if key not in _TABLES:
            while len(_TABLES) >= 4:  # the tables of earlier states are dropped
                del _TABLES[next(iter(_TABLES))]
            _TABLES[key] = _claims_table(include_tertiary, load.load_claims())
        load.LOADED.update(("claims", "sources", "actors"))
        return _TABLES[key].copy()
    return _claims_table(include_tertiary, claims)


#: Tables of every claim already built, by ``include_tertiary`` and the package's state.
_TABLES: dict[tuple, pd.DataFrame] = {}


def _claims_table(include_tertiary: bool, claims: pd.DataFrame) -> pd.DataFrame:
    from analysis.data.load import load_actors, load_sources

    c = claim_bounds(claims)
    s = load_sources()
    reports = report_ids(s)
    s = s.set_index("source_id")
    a = load_actors().set_index("actor_id")
    c["open_below"] = (c["qualifier"] == "at_most").fillna(False).astype(bool)
    c["open_above"] = (c["qualifier"] == "at_least").fillna(False).astype(bool)
    c["grade"] = c["source_id"].map(s["grade"].astype(str)).astype("string")
    c["report_id"] = c["source_id"].map(reports).astype("string")
    c["publisher"] = c["source_id"].map(s["publisher"]).astype("string")
    c["published"] = c["source_id"].map(s["published"])
    c["published_precision"] = c["source_id"].map(s["date_precision"].astype(str)).astype("string")
    c["language"] = c["source_id"].map(s["language"]).astype("string")
    c["coverage"] = c["source_id"].map(s["coverage"].astype("string")).astype("string")
    c["claimant_name"] = c["claimant_id"].map(a["name"]).astype("string")
    c["claimant_family"] = c["claimant_id"].map(a["family"].astype(str)).astype("string")
    c["claimant_kind"] = c["claimant_id"].map(a["kind"].astype(str)).astype("string")
    c["when"] = c["stated_on"].fillna(c["published"])
    c["when_precision"] = c["stated_precision"].astype("string").where(c["stated_on"].notna(), c["published_precision"])
    if not include_tertiary:
        c = c[c["grade"] != "tertiary"]
    return c.reset_index(drop=True)


def select(claims, **criteria) -> pd.DataFrame:
    """The claims matching every criterion: ``column=value`` or ``column=[values]``.

    Parameters
    ----------
    claims : pandas.DataFrame
        Such as :func:`claims_table`.
    **criteria
        Column names and the value (or list of values) each must have.

    Raises
    ------
    KeyError
        For a criterion that names no column.
    """
    mask = pd.Series(True, index=claims.index)
    for col, want in criteria.items():
        if col not in claims.columns:
            raise KeyError(f"select: no column {col!r}; claims have {', '.join(claims.columns)}")
        values = list(want) if isinstance(want, (list, tuple, set)) else [want]
        mask &= claims[col].astype("string").isin([str(v) for v in values]).fillna(False)
    return claims[mask]


def one(claims, **criteria) -> pd.Series:
    """The single claim matching the criteria, for a sentence that names it.

    Parameters
    ----------
    claims : pandas.DataFrame
        Such as :func:`claims_table`.
    **criteria
        As for :func:`select`: what the claim is (quantity, claimant, source, event, scope...).

    Returns
    -------
    pandas.Series
        The claim.

    Raises
    ------
    ClaimSelectionError
        If no claim or more than one matches: a new claim for the same thing must be looked at,
        not silently picked up or passed over.
    """
    found = select(claims, **criteria)
    if len(found) != 1:
        what = ", ".join(f"{k}={v!r}" for k, v in criteria.items())
        ids = ", ".join(found["claim_id"].astype(str)) or "none"
        raise ClaimSelectionError(f"expected exactly one claim with {what}; found {len(found)}: {ids}")
    return found.iloc[0]


def expect_rank(claims, column: str, claimant_id: str, largest: bool = True) -> pd.Series:
    """The claim with the largest (or smallest) ``column``, checked to be ``claimant_id``'s.

    A sentence such as "the highest count, the police chief's" stays true only while that
    claimant holds the rank; when new data changes who does, the build stops here.

    Parameters
    ----------
    claims : pandas.DataFrame
        Candidate claims.
    column : str
        Column ranked, such as ``"upper"``.
    claimant_id : str
        Who the write-up says holds the rank.
    largest : bool
        Rank by the largest value (default) or the smallest.

    Raises
    ------
    RankChanged
        If another claimant holds the rank, alone or tied.
    """
    ranked = claims.dropna(subset=[column])
    if ranked.empty:
        raise RankChanged(f"no claim has a {column} to rank")
    best = ranked[column].max() if largest else ranked[column].min()
    holders = ranked[ranked[column] == best]
    if set(holders["claimant_id"].astype(str)) != {claimant_id}:
        names = ", ".join(sorted(set(holders["claimant_id"].astype(str))))
        raise RankChanged(
            f"the {'highest' if largest else 'lowest'} {column} ({best}) is now held by {names}, "
            f"not {claimant_id}: rewrite the sentence that names the claimant"
        )
    return holders.iloc[0]
