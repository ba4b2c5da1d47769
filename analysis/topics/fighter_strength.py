"""Fighter strength over time: every estimate of Qari Hekmat's force, and the roster of its commanders.

Every claim about the size of Hekmat's force is kept as its source states it: a floor ("at least
500") stays a floor, a ceiling ("could total 1,000") a ceiling, a range a range. Copies of one wire
story collapse to one report, which carries the number of outlets that printed it. The module
computes no "true" strength: the claims differ in scope (the whole group, one commander's men,
the outside fighters, the commanders won over), in date and in claimant, and the sum of the named
groups is a floor on the part of the force the report names, not a check on any total.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.actors import HEKMAT_GROUP, short_names
from analysis.data.claims import claim_bounds, claims_table, select
from analysis.data.load import load_actors, load_administration, load_affiliations, load_claims, load_places

#: Quantities that measure Hekmat's force or a part of it.
STRENGTH_QUANTITIES = ("fighters", "outside_fighters", "fighters_per_group", "commanders_recruited")
#: Ties to the group that make an actor part of the roster.
ROSTER_ROLES = ("commander", "affiliate")
#: Ties that describe posts held, not allegiance; left out of prior affiliations.
POST_ROLES = ("head", "deputy")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_SEASONS = {1: "early", 5: "mid", 9: "late"}
#: Wire agencies by their usual abbreviation.
_WIRES = {"Agence France-Presse": "AFP", "Associated Press": "AP", "Reuters": "Reuters"}


def _join(values) -> str:
    vals = [v for v in values if isinstance(v, str) and v]
    return "; ".join(dict.fromkeys(vals))


def _by(table: pd.DataFrame, column: str, keys) -> dict:
    """The rows of a table whose ``column`` is one of ``keys``, by that value."""
    table = table[table[column].isin(keys)]
    return {str(key): rows for key, rows in table.groupby(column, sort=False, observed=True)}


def commanders_roster() -> pd.DataFrame:
    """One row per commander or group under Hekmat, with what the data says of each.

    Returns
    -------
    pandas.DataFrame
        Columns: ``actor_id``, ``name``, ``kind``, ``ethnicity``, ``origin``
        (place name), ``prior_affiliation`` (other groups the actor was tied
        to, with the role), ``joined`` (start of the tie to Hekmat's group),
        ``joined_precision``, ``fighters_low`` and ``fighters_high`` (from the
        fighters claims about the actor; missing where no number is given),
        ``fighters_claims`` (claim ids), ``admin_role`` (posts in Hekmat's
        administration, current and former). Sorted by ``joined`` then name;
        one row per actor.
    """
    actors = load_actors().set_index("actor_id")
    places = load_places().set_index("place_id")["name"]
    aff = load_affiliations()
    admin = load_administration()
    claims = claim_bounds(load_claims())
    names = actors["name"]

    ties = aff[(aff["group_id"] == HEKMAT_GROUP) & aff["role"].isin(ROSTER_ROLES)]
    ties = ties.sort_values(["actor_id", "start"]).drop_duplicates("actor_id")
    # each actor's ties and fighters claims, split once rather than searched for every actor
    ids = list(ties["actor_id"])
    post = aff["role"].isin(POST_ROLES)
    prior_ties = _by(aff[(aff["group_id"] != HEKMAT_GROUP) & ~post], "actor_id", ids)
    post_ties = _by(aff[post & aff["position"].notna()], "actor_id", ids)
    fighters = _by(claims[claims["quantity"] == "fighters"], "subject_id", ids)
    rows = []
    for _, tie in ties.iterrows():
        aid = tie["actor_id"]
        a = actors.loc[aid]
        others = prior_ties.get(aid, aff.iloc[:0])
        prior = _join(f"{names[g]} ({r})" for g, r in zip(others["group_id"], others["role"].astype(str)))
        f = fighters.get(aid, claims.iloc[:0])
        posts = list(admin.loc[admin["head_actor_id"] == aid, "name_en"].astype(str))
        former = post_ties.get(aid, aff.iloc[:0])
        posts += [p for p in former["position"].astype(str) if not any(p.lower().endswith(x.lower()) for x in posts)]
        rows.append(
            {
                "actor_id": aid,
                "name": a["name"],
                "kind": str(a["kind"]),
                "ethnicity": a["ethnicity"] if pd.notna(a["ethnicity"]) else pd.NA,
                "origin": places.get(a["origin_place_id"], pd.NA) if pd.notna(a["origin_place_id"]) else pd.NA,
                "prior_affiliation": prior or pd.NA,
                "joined": tie["start"],
                "joined_precision": tie["start_precision"] if pd.notna(tie["start_precision"]) else pd.NA,
                "fighters_low": f["lower"].min() if len(f) else pd.NA,
                "fighters_high": f["upper"].max() if len(f) else pd.NA,
                "fighters_claims": _join(f["claim_id"]) or pd.NA,
                "admin_role": _join(posts) or pd.NA,
            }
        )
    out = pd.DataFrame(rows)
    for c in ("fighters_low", "fighters_high"):
        out[c] = out[c].astype("Int64")
    for c in ("name", "kind", "ethnicity", "origin", "prior_affiliation", "joined_precision", "fighters_claims", "admin_role"):
        out[c] = out[c].astype("string")
    return out.sort_values(["joined", "name"], na_position="last").reset_index(drop=True)


def date_text(when, precision) -> str:
    """A date printed at the precision it has: "10 December 2017", "December 2017", "late 2017".

    Parameters
    ----------
    when : datetime-like or NA
        The stored date (the first day of its period).
    precision : str
        ``day``, ``range`` (the first day of a span: printed "from ..."), ``month``, ``season``,
        ``year`` or ``unknown``.

    Returns
    -------
    str
        The date in words; ``"undated"`` when there is none.
    """
    if when is None or pd.isna(when):
        return "undated"
    when = pd.Timestamp(when)
    month = f"{_MONTHS[when.month - 1]} {when.year}"
    if precision == "day":
        return f"{when.day} {month}"
    if precision == "range":
        return f"from {when.day} {month}"
    if precision == "month":
        return month
    if precision == "season":
        return f"{_SEASONS.get(when.month, 'part of')} {when.year}"
    return str(when.year)


def bound_kind(row) -> str:
    """How a number claim bounds its value: ``floor``, ``ceiling``, ``range`` or ``point``.

    Parameters
    ----------
    row : mapping
        A claim with ``open_above``, ``open_below``, ``lower`` and ``upper``.
    """
    if row["open_above"]:
        return "floor"
    if row["open_below"]:
        return "ceiling"
    if pd.notna(row["lower"]) and pd.notna(row["upper"]) and row["lower"] != row["upper"]:
        return "range"
    return "point"


#: Source date notes that say the publication date was worked out from the text, not read.
_UNDATED_PAGE = r"no date on the page|shows no date"


def date_inferred(claims: pd.DataFrame) -> pd.Series:
    """Whether each claim's place on a time axis is inferred rather than stated.

    A claim is placed at an inferred date when the source does not say when the claimant spoke
    (no ``stated_on``: it stands at the report's publication date), or when the report itself
    carries no date and its publication date was worked out from its content (the source's
    ``date_note``).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``stated_on`` and ``source_id`` (from :func:`analysis.data.claims.claims_table`).

    Returns
    -------
    pandas.Series of bool
        Aligned with ``claims``.
    """
    from analysis.data.load import load_sources

    notes = load_sources().set_index("source_id")["date_note"].astype("string")
    undated_page = claims["source_id"].map(notes).astype("string").str.contains(_UNDATED_PAGE, case=False).fillna(False)
    return (claims["stated_on"].isna() | undated_page).astype(bool)


def value_text(lower, upper, bound: str, qualifier=None) -> str:
    """A claimed number in words that keep its kind: "at least 500", "at most 1,000", "40-50", "about 80".

    Parameters
    ----------
    lower, upper : int
        The claim's interval.
    bound : str
        As returned by :func:`bound_kind`.
    qualifier : str, optional
        The claim's qualifier; ``approx`` prints "about".
    """
    if bound == "floor":
        return f"at least {int(lower):,}"
    if bound == "ceiling":
        return f"at most {int(upper):,}"
    if bound == "range":
        return f"{int(lower):,}-{int(upper):,}"
    return f"{'about ' if qualifier == 'approx' else ''}{int(lower):,}"


def _outlet(publisher) -> str:
    text = str(publisher)
    if "(" in text:
        inner = text.split("(", 1)[1].split(")", 1)[0]
        if inner.isupper() and len(inner) <= 6:
            return inner
    for sep in (" (", ","):
        text = text.split(sep)[0]
    return _WIRES.get(text.strip(), text.strip())


def short_claimants(actor_ids: pd.Series) -> pd.Series:
    """Short names for figures and prose: an actor's capitalised abbreviation ("AAN", "AFP"), else its short name.

    Parameters
    ----------
    actor_ids : pandas.Series
        Actor ids.
    """
    actors = load_actors().set_index("actor_id")
    first_alt = actors["alt_names"].astype("string").str.split(";").str[0].str.strip()
    abbrev = first_alt.where(first_alt.str.isupper().fillna(False) & (first_alt.str.len() <= 6))
    return actor_ids.map(abbrev).astype("string").fillna(short_names(actor_ids))


def report_outlets(report_ids: pd.Series) -> pd.Series:
    """The outlet whose story each report is: the wire or paper of the original, held or not.

    Parameters
    ----------
    report_ids : pandas.Series
        Report ids (source ids at the end of a chain of copies).
    """
    from analysis.data.load import load_sources

    pubs = load_sources().set_index("source_id")["publisher"].map(_outlet)
    return report_ids.map(pubs).astype("string")


def force_subjects() -> list[str]:
    """Whose strength counts as a measure of Hekmat's force: the group itself and every roster entry.

    Returns
    -------
    list of str
        Actor ids: ``hekmat_group`` and the commanders and groups of :func:`commanders_roster`.
    """
    return [HEKMAT_GROUP, *commanders_roster()["actor_id"].astype(str)]


def strength_claims(include_tertiary: bool = False) -> pd.DataFrame:
    """Every number claimed for Hekmat's force or a part of it, one row per claim.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).

    Returns
    -------
    pandas.DataFrame
        Claims of :data:`STRENGTH_QUANTITIES` about Hekmat's group or a roster entry, with
        ``part`` (``whole force`` for the group's total, else what part is counted), ``bound``
        (``floor``, ``ceiling``, ``range``, ``point``), ``value`` (the number in words that keep
        its kind), ``claimant`` (short name), ``family``, ``outlet`` (short publisher name),
        ``via`` (short name of the outlet the claim passed through), ``when_text`` (the date
        at its precision), ``date_inferred`` (see :func:`date_inferred`) and the claims-table
        columns. Sorted by date, then quantity.
    """
    c = claims_table(include_tertiary)
    c = c[(c["kind"] == "number") & (c["stance"] == "asserted") & c["lower"].notna()]
    c = select(c, quantity=list(STRENGTH_QUANTITIES), subject_id=force_subjects()).copy()
    names = load_actors().set_index("actor_id")["name"]
    whole = (c["quantity"] == "fighters") & (c["subject_id"] == HEKMAT_GROUP)
    c["part"] = c["quantity"].map({
        "fighters": "a named group",
        "outside_fighters": "outside fighters",
        "fighters_per_group": "size of each outside group (as read here)",
        "commanders_recruited": "commanders won over",
    })
    c.loc[whole, "part"] = "whole force"
    # a count of fighters said to want to surrender is a part of the force, not its total
    surrender = whole & c["scope"].astype("string").str.contains("wishing to surrender", case=False).fillna(False)
    c.loc[surrender, "part"] = "fighters wishing to surrender"
    c["group"] = c["subject_id"].map(names).where(~whole & (c["quantity"] == "fighters"), pd.NA)
    c["bound"] = [bound_kind(r) for _, r in c.iterrows()]
    c["value"] = [value_text(r["lower"], r["upper"], r["bound"], r["qualifier"]) for _, r in c.iterrows()]
    c["claimant"] = short_claimants(c["claimant_id"])
    c["family"] = c["claimant_family"]
    c["outlet"] = c["publisher"].map(_outlet)
    c["via"] = short_claimants(c["via_id"].fillna("")).where(c["via_id"].notna(), pd.NA)
    c["report_outlet"] = report_outlets(c["report_id"])
    c["when_text"] = [date_text(w, p) for w, p in zip(c["when"], c["when_precision"])]
    c["date_inferred"] = date_inferred(c)
    return c.sort_values(["when", "quantity", "lower"], na_position="last").reset_index(drop=True)


def strength_reports(include_tertiary: bool = False) -> pd.DataFrame:
    """The strength claims with copies collapsed: one row per report of one claimant's number.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).

    Returns
    -------
    pandas.DataFrame
        One row per (report, quantity, subject, claimant, interval): ``report_id``, ``outlets``
        (how many held sources carry it: a wire story reprinted by five outlets is one row with
        ``outlets`` 5), ``outlet_names`` (``;``-separated), ``report_outlet`` (whose story it is), the first copy's ``when``,
        ``when_text`` and ``date_inferred``, and the claim columns ``part``, ``group``, ``scope``, ``claimant``,
        ``claimant_id``, ``family``, ``via``, ``lower``, ``upper``, ``bound``, ``value``,
        ``unit``, ``grade`` and ``claim_ids``.
    """
    c = strength_claims(include_tertiary)
    key = ["report_id", "quantity", "subject_id", "claimant_id", "lower", "upper", "bound"]
    rows = []
    for _, g in c.groupby(key, sort=False, dropna=False):
        first = g.sort_values("when").iloc[0]
        rows.append({
            "report_id": first["report_id"],
            "report_outlet": first["report_outlet"],
            "quantity": first["quantity"],
            "subject_id": first["subject_id"],
            "part": first["part"],
            "group": first["group"],
            "scope": first["scope"],
            "claimant_id": first["claimant_id"],
            "claimant": first["claimant"],
            "family": first["family"],
            "via": first["via"],
            "lower": first["lower"],
            "upper": first["upper"],
            "bound": first["bound"],
            "value": first["value"],
            "unit": first["unit"],
            "grade": _join(g["grade"]),
            "when": first["when"],
            "when_precision": first["when_precision"],
            "when_text": first["when_text"],
            "date_inferred": bool(first["date_inferred"]),
            "outlets": int(g["source_id"].nunique()),
            "outlet_names": _join(g["outlet"]),
            "claim_ids": _join(g["claim_id"]),
        })
    out = pd.DataFrame(rows)
    return out.sort_values(["when", "quantity", "lower"], na_position="last").reset_index(drop=True)


def whole_force(include_tertiary: bool = False) -> pd.DataFrame:
    """The reports of the whole force's size, one row per report (see :func:`strength_reports`).

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).
    """
    r = strength_reports(include_tertiary)
    return r[r["part"] == "whole force"].reset_index(drop=True)


def named_group_sum(include_tertiary: bool = False) -> dict:
    """The stated sizes of the named groups added up, as the floor on the named part it is.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).

    Returns
    -------
    dict
        ``groups`` (roster entries with a stated size), ``low`` and ``high`` (sums of their lower
        and upper bounds), ``unnumbered`` (roster entries with no size), ``claimants``
        (``;``-separated short names of who stated the sizes), ``totals_above`` (how many reports
        of the whole force's size reach at least ``high``: the sum cannot tell any of them from
        another), ``totals_below`` (how many fall short of ``high``) and ``below_text`` (those
        reports in words: value, claimant, outlet and date).
    """
    r = strength_reports(include_tertiary)
    g = r[r["part"] == "a named group"]
    per_group = g.groupby("subject_id").agg(low=("lower", "min"), high=("upper", "max"))
    roster = commanders_roster()
    totals = r[r["part"] == "whole force"]
    high = int(per_group["high"].sum())
    return {
        "groups": int(len(per_group)),
        "low": int(per_group["low"].sum()),
        "high": high,
        "unnumbered": int(len(roster) - len(per_group)),
        "claimants": _join(g["claimant"]),
        "totals_above": int((totals["upper"] >= high).sum()),
        "totals_below": int((totals["upper"] < high).sum()),
        "below_text": _join(
            f"{t.value} ({t.claimant}, in {t.outlet_names}, {t.when_text})"
            for t in totals[totals["upper"] < high].itertuples()
        ),
    }


def roster_table(include_tertiary: bool = False) -> pd.DataFrame:
    """The roster with what the data says of each entry, in words, for the paper's table.

    Parameters
    ----------
    include_tertiary : bool
        Keep size claims from Wikipedia-derived pages (left out by default).

    Returns
    -------
    pandas.DataFrame
        One row per roster entry (see :func:`commanders_roster`): ``actor_id``, ``name``,
        ``ethnicity``, ``origin``, ``prior_affiliation``, ``joined`` (the date at its precision),
        ``size`` (each stated size with its claimant, scope kept in ``size_scope``; "not stated"
        where no number is given) and ``admin_role``.
    """
    r = commanders_roster()
    g = strength_claims(include_tertiary)
    g = g[g["part"] == "a named group"]
    sizes, scopes = [], []
    for aid in r["actor_id"]:
        f = g[g["subject_id"] == aid]
        sizes.append(_join(f"{v} ({c})" for v, c in zip(f["value"], f["claimant"])) or "not stated")
        scopes.append(_join(f["scope"].astype(str)) or pd.NA)
    return pd.DataFrame({
        "actor_id": r["actor_id"],
        "name": r["name"],
        "ethnicity": r["ethnicity"],
        "origin": r["origin"],
        "prior_affiliation": r["prior_affiliation"],
        "joined": [date_text(w, p) if pd.notna(w) else "not stated" for w, p in zip(r["joined"], r["joined_precision"])],
        "size": sizes,
        "size_scope": scopes,
        "admin_role": r["admin_role"],
    })


def strength_marks(include_tertiary: bool = False) -> pd.DataFrame:
    """The whole-force reports as figure marks: reports of one claimant's same number in one month share a mark.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default). Undated claims cannot be
        placed on a time axis and are left out (they stay in :func:`strength_reports`).

    Returns
    -------
    pandas.DataFrame
        One row per mark: ``claimant``, ``family``, ``when`` (the earliest report's date),
        ``lower``, ``upper``, ``bound``, ``value``, ``reports`` (independent reports behind the
        mark), ``outlets`` (held sources carrying them), ``date_inferred`` (the mark stands at an
        inferred date: see :func:`date_inferred`) and ``label`` (claimant, value, the outlets and,
        where so, "date inferred", for the figure).
    """
    w = whole_force(include_tertiary)
    w = w[w["when"].notna()].copy()
    w["month"] = w["when"].dt.to_period("M")
    rows = []
    for _, g in w.groupby(["claimant_id", "lower", "upper", "bound", "month"], sort=False):
        first = g.sort_values("when").iloc[0]
        reports = len(g)
        carried = [
            r.report_outlet if r.outlet_names == r.report_outlet else f"{r.report_outlet}, reprinted by {r.outlet_names}"
            for r in g.itertuples()
        ]
        via = f"{reports} reports: " + "; ".join(carried) if reports > 1 else carried[0]
        inferred = bool(first["date_inferred"])
        rows.append({
            "claimant": first["claimant"], "family": first["family"], "when": first["when"],
            "when_text": first["when_text"], "lower": first["lower"], "upper": first["upper"],
            "bound": first["bound"], "value": first["value"], "reports": reports,
            "outlets": int(g["outlets"].sum()), "date_inferred": inferred,
            "label": f"{first['claimant']}: {first['value']}\n({via}{'; date inferred' if inferred else ''})",
        })
    return pd.DataFrame(rows).sort_values("when").reset_index(drop=True)


def drawn_positions(marks: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Where a figure draws each number on a log axis, and where its line ends.

    A range sits at the geometric middle of its ends, a ceiling at its upper and anything else at
    its lower end. A floor or a ceiling excludes nothing beyond its value, so its line runs to the
    panel's edge (infinity or zero on a log scale) and has no end to read as a value.

    Parameters
    ----------
    marks : pandas.DataFrame
        Rows with ``lower``, ``upper`` and ``bound`` (``point``, ``range``, ``floor``, ``ceiling``),
        as :func:`strength_marks` or :func:`strength_reports` return them.

    Returns
    -------
    tuple of pandas.Series
        The position and the end of each row's line, as floats.
    """
    import numpy as np

    lower, upper = marks["lower"].astype(float), marks["upper"].astype(float)
    at = pd.Series(np.where(marks["bound"] == "range", (lower * upper) ** 0.5, lower), index=marks.index)
    at[marks["bound"] == "ceiling"] = upper[marks["bound"] == "ceiling"]
    end = pd.Series(np.where(marks["bound"] == "floor", np.inf, np.where(marks["bound"] == "ceiling", 0.0, at)),
                    index=marks.index)
    return at, end


def undated_count(include_tertiary: bool = False) -> int:
    """How many whole-force reports carry no date and so cannot be drawn on a time axis.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages (left out by default).
    """
    return int(whole_force(include_tertiary)["when"].isna().sum())


def independent_reports(table: pd.DataFrame) -> int:
    """How many independent reports a table of claims or report rows draws on.

    A report is counted once however many of its claims, claimants or values the table holds
    and however many outlets reprinted it (``report_id`` is the source at the end of a chain of
    copies). Use this, not the number of rows, wherever the paper says "reports".

    Parameters
    ----------
    table : pandas.DataFrame
        Any table with a ``report_id`` column (:func:`strength_claims`, :func:`strength_reports`,
        :func:`whole_force`).
    """
    return int(table["report_id"].dropna().nunique())


def held_outlets(table: pd.DataFrame) -> str:
    """The held outlets that carry a table's claims, in date order, as an "and" list.

    Parameters
    ----------
    table : pandas.DataFrame
        Claims with ``publisher`` (from :func:`analysis.data.claims.claims_table`).
    """
    names = list(dict.fromkeys(_outlet(p) for p in table.sort_values("when")["publisher"]))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def roster_ethnicities() -> dict:
    """The ethnicities the data give for roster entries, grouped, for the write-up.

    Returns
    -------
    dict
        ``named`` (roster entries with an ethnicity), ``groups`` (ethnicity -> names, in roster
        order, ethnicities by how many entries they have, then by name) and ``text`` (the groups
        in words: "Uzbeks (A, B and C) and Tajiks (D and E)").
    """
    r = commanders_roster()
    r = r[r["ethnicity"].notna()]
    groups: dict[str, list[str]] = {}
    for eth, name in zip(r["ethnicity"].astype(str), r["name"].astype(str)):
        groups.setdefault(eth, []).append(name)
    groups = dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))

    def _and(items):
        items = list(items)
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

    text = _and(f"{eth}s ({_and(names)})" for eth, names in groups.items()) if groups else ""
    return {"named": int(len(r)), "groups": groups, "text": text}
