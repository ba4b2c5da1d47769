"""Displacement from Darzab and Qush Tepa: every claim, compared only with its like.

Displacement is counted in families by some claimants and in individuals by others; it is counted
where people came from (families who fled Darzab) or where they are (families living around
Sheberghan); and it is counted over different periods. A figure is compared only with figures of
the same *group*: the same unit, the same direction (``from`` a place of origin, or ``at`` a place
of destination), the same place and the same period. No figure is ever converted from families
into individuals or back: where a claimant gives one displacement in both units, the row says so
(``also_stated``) and both numbers stand as given.

The claims kept are those of the ``displaced`` quantity whose place (or, when the claim names
none, its event's place) lies in Jawzjan province; country-wide and other provinces' figures from
the same OCHA reports are left out. The periods are bounded by the start dates of the two Taleban
offensives in the events table (January and July 2018), read from the data. Copies of one wire
story are one report: claims that repeat one claimant's value in copies of one story collapse into
one row, with the outlets that carried it. A floor (``at least``) keeps ``open_above`` and a
ceiling (``up to``) ``open_below``.
"""
from __future__ import annotations

import re
import textwrap

import pandas as pd

from analysis.data.claims import claims_table, expect_rank, one, select
from analysis.data.load import load_actors, load_events, load_places

#: Units a reader may ask for: both (default), or one of them; never converted.
UNITS = ("both", "families", "individuals")
#: The data's unit codes, and how they read.
UNIT_LABELS = {"families": "families", "persons": "individuals"}
#: The province whose displacement claims are kept.
REGION = "jawzjan"
#: The two offensives whose start dates divide the record into periods.
JANUARY_OFFENSIVE = "ev_2018_january_offensive"
JULY_OFFENSIVE = "ev_2018_july_offensive"
#: Scope words that mark a count taken where the displaced are, not where they came from (unless
#: the scope also says the people came "from" the claim's own place).
OTHER_PROVINCES = r"\b(?:Sar-e Pul|Faryab|Balkh)\b"
DESTINATION_WORDS = r"\b(?:living|camp|went to|arriving|stock at the destination)\b"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def date_text(date, precision) -> str:
    """A date as it should read at its precision: ``"15 November 2017"``, ``"January 2018"``.

    Parameters
    ----------
    date : pandas.Timestamp or None
        The first day of the period the date stands for.
    precision : str or None
        ``day``, ``month``, ``season``, ``year``, ``range`` or ``unknown``.

    Returns
    -------
    str
        The date in words; ``"undated"`` when there is none. A range (an inferred window) reads
        as "about" its month, a season as "autumn 2017" and so on.
    """
    if date is None or pd.isna(date):
        return "undated"
    month = _MONTHS[date.month - 1]
    if precision == "day":
        return f"{date.day} {month} {date.year}"
    if precision == "year":
        return str(date.year)
    if precision == "season":
        season = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}.get(date.month)
        return f"{season} {date.year}" if season else f"{month} {date.year}"
    if precision == "range":
        return f"about {month} {date.year}"
    return f"{month} {date.year}"


def _descendants(places: pd.DataFrame, root: str) -> set[str]:
    parent = dict(zip(places["place_id"].astype(str), places["parent_id"]))
    out = set()
    for pid in parent:
        cur, seen = pid, set()
        while isinstance(cur, str) and cur not in seen:
            if cur == root:
                out.add(pid)
                break
            seen.add(cur)
            cur = parent.get(cur)
    return out


def period_bounds(events: pd.DataFrame | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Start dates of the January and the July 2018 offensives, from the events table.

    Parameters
    ----------
    events : pandas.DataFrame, optional
        Rows of :func:`analysis.data.load.load_events`; defaults to every event.

    Returns
    -------
    tuple of pandas.Timestamp
        The two dates that divide the record into three periods.
    """
    events = load_events() if events is None else events
    start = events.set_index("event_id")["date_start"]
    return pd.Timestamp(start[JANUARY_OFFENSIVE]), pd.Timestamp(start[JULY_OFFENSIVE])


def period_labels(events: pd.DataFrame | None = None) -> dict[int, str]:
    """The three periods in words, numbered 1 to 3.

    Parameters
    ----------
    events : pandas.DataFrame, optional
        As for :func:`period_bounds`.

    Returns
    -------
    dict
        ``{1: "before 19 January 2018", 2: "19 January to 11 July 2018", 3: "from 12 July 2018"}``
        with the dates read from the data.
    """
    jan, jul = period_bounds(events)
    day_before = jul - pd.Timedelta(days=1)
    return {
        1: f"before {date_text(jan, 'day')}",
        2: f"{jan.day} {_MONTHS[jan.month - 1]} to {date_text(day_before, 'day')}",
        3: f"from {date_text(jul, 'day')}",
    }


def displacement(unit: str = "both", include_tertiary: bool = False, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every displacement claim for Jawzjan, by comparison group, claimant, date and scope.

    Parameters
    ----------
    unit : {"both", "families", "individuals"}
        Which claims to show: all, or only those stated in families, or only those stated in
        individuals. Nothing is converted.
    include_tertiary : bool
        Also keep claims coded from tertiary (Wikipedia-derived) pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of every claim in the data.

    Returns
    -------
    pandas.DataFrame
        One row per claim (copies of one story collapsed) with ``group`` (unit, direction, place
        and period in words) and its parts ``unit``, ``direction`` (``from`` or ``at``),
        ``place_id``, ``place``, ``period_no`` (1-3), ``period``; ``claimant_id``, ``claimant``
        (short name), ``claimant_family``, ``outlets`` (publishers carrying it), ``n_outlets``,
        ``report_id``, ``when`` (date stated, in words at its precision; the publication date
        when the claimant's own date is not given) and ``when_date``, ``covers`` (the period the
        figure covers, where stated);
        ``value`` (the figure as the source bounds it: "at least 3,000"), ``lower``, ``upper``,
        ``qualifier``, ``open_above``, ``open_below``, ``also_stated`` (the same figure in the
        other unit, as given by the same claimant), ``scope``, ``note``, ``assessment``,
        ``grade``, ``claim_id`` (the first of the row's claims) and ``claim_ids`` (all of them).
        Sorted by group, then date.

    Raises
    ------
    ValueError
        For an unknown ``unit``.
    """
    if unit not in UNITS:
        raise ValueError(f"displacement: unit must be one of {', '.join(UNITS)}; got {unit!r}")
    c = claims_table(include_tertiary=include_tertiary, claims=claims)
    events = load_events()
    places = load_places()
    names = places.set_index("place_id")["name"].astype(str)
    region = _descendants(places, REGION)
    ev = events.set_index("event_id")
    d = c[(c["quantity"] == "displaced") & c["lower"].notna()].copy()
    d["place_id"] = d["place_id"].astype("string").fillna(d["event_id"].map(ev["place_id"]).astype("string"))
    d = d[d["place_id"].isin(region)].copy()
    jan, jul = period_bounds(events)
    labels = period_labels(events)
    ref = d["period_end"].fillna(d["stated_on"]).fillna(d["event_id"].map(ev["date_start"])).fillna(d["published"])
    d["period_no"] = 1 + (ref >= jan).astype(int) + (ref >= jul).astype(int)
    d["period"] = d["period_no"].map(labels)
    d["unit"] = d["unit"].map(UNIT_LABELS).astype("string")
    d["place"] = d["place_id"].map(names).astype("string")
    scope = d["scope"].fillna("")
    at = scope.str.contains(DESTINATION_WORDS, case=False, regex=True)
    came_from = pd.Series([f"from {p}".lower() in s.lower() for p, s in zip(d["place"], scope)], index=d.index)
    d["direction"] = (at & ~came_from).map({True: "at", False: "from"})
    # a figure whose scope takes in districts of other provinces belongs to a wider group
    wider = [sorted(set(re.findall(OTHER_PROVINCES, str(sc)))) for sc in scope]
    d["place"] = [f"{p} with districts of {' and '.join(w)}" if w else p for p, w in zip(d["place"], wider)]
    d["claimant"] = claimant_names(d["claimant_id"])
    d["when_text"] = [date_text(w, p) for w, p in zip(d["when"], d["when_precision"])]
    d["covers"] = [_covers(a, b) for a, b in zip(d["period_start"], d["period_end"])]
    # the other unit of one displacement, as the same claimant gives it in the same paragraph
    # (a figure, not a vague floor such as "hundreds"); never computed
    key = ["claimant_id", "source_id", "locator", "place_id", "period_start", "period_end"]
    stated = d[d["qualifier"].isin(["exact", "approx"])]
    other = stated[key + ["unit", "lower"]].copy()
    pair = stated[key + ["unit"]].reset_index().merge(other, on=key, suffixes=("", "_other"))
    pair = pair[pair["unit"] != pair["unit_other"]]
    also = pair.groupby("index").apply(
        lambda g: "; ".join(f"{int(v):,} {u}" for v, u in zip(g["lower"], g["unit_other"])), include_groups=False
    )
    d["also_stated"] = pd.Series(also, dtype="string").reindex(d.index)
    # a copy that restates its original's figure is the original's claim, even where the copy
    # credits it to someone else (a rewrite that moves the attribution adds no second voice)
    same = ["report_id", "unit", "place_id", "period_no", "lower", "upper", "qualifier"]
    orig = d[d["grade"] != "copy"].drop_duplicates(same).set_index(same)
    for i in d.index[d["grade"] == "copy"]:
        k = tuple(d.loc[i, same])
        if k in orig.index:
            o = orig.loc[k]
            for col in ("claimant_id", "claimant", "claimant_family", "direction"):
                d.loc[i, col] = o[col]
    # copies of one story: one row per claimant, report and value
    collapse = ["claimant_id", "report_id", "unit", "direction", "place_id", "period_no", "lower", "upper", "qualifier"]
    rows = []
    d["_copy"] = d["grade"].eq("copy")
    for _, g in d.sort_values(["when", "_copy", "source_id"]).groupby(collapse, sort=False, dropna=False):
        first = g.iloc[0]
        row = first.to_dict()
        row["outlets"] = "; ".join(dict.fromkeys(outlet_name(p) for p in g["publisher"].astype(str)))
        row["n_outlets"] = g["source_id"].nunique()
        row["claim_ids"] = "; ".join(g["claim_id"].astype(str))
        rows.append(row)
    d = pd.DataFrame(rows, columns=list(d.columns) + ["outlets", "n_outlets", "claim_ids"])
    d["value"] = [_value_text(r) for r in d.itertuples()]
    d["group"] = (
        d["unit"] + " " + d["direction"].map({"from": "displaced from", "at": "displaced, living in"}) + " "
        + d["place"] + ", " + d["period"]
    )
    if unit != "both":
        d = d[d["unit"] == unit]
    out = d.rename(columns={"when_text": "when", "when": "when_date"})[
        ["group", "unit", "direction", "place_id", "place", "period_no", "period", "claimant_id", "claimant",
         "claimant_family", "outlets", "n_outlets", "report_id", "when", "when_date", "covers", "value", "lower", "upper",
         "qualifier", "open_above", "open_below", "also_stated", "scope", "note", "assessment", "grade", "claim_id",
         "claim_ids"]
    ]
    for col in ("lower", "upper", "period_no", "n_outlets"):
        out[col] = out[col].astype("Int64")
    out = out.sort_values(["period_no", "unit", "direction", "place", "when_date", "lower"], na_position="last")
    return out.reset_index(drop=True)


def claimant_names(actor_ids: pd.Series) -> pd.Series:
    """Names for claimants: an agency's abbreviation (UNOCHA, IOM, NDS), else the actor's name.

    A name longer than 24 characters gives way to its first alternative name too, unless that is
    a web address ("Radio Free Europe/Radio Liberty" reads "RFE/RL").

    Parameters
    ----------
    actor_ids : pandas.Series
        Actor ids.

    Returns
    -------
    pandas.Series
        Names aligned with ``actor_ids``.
    """
    a = load_actors().set_index("actor_id")
    abbrev = a["alt_names"].fillna("").str.split(";").str[0]
    use = abbrev.ne("") & (a["kind"].eq("agency") | (a["name"].str.len().gt(24) & ~abbrev.str.contains(".", regex=False)))
    short = a["name"].where(~use, abbrev)
    return actor_ids.map(short).astype("string")


def outlet_name(publisher: str) -> str:
    """A publisher's short name: ``"Radio Azadi (RFE/RL Dari service)"`` -> ``"Radio Azadi"``.

    Parameters
    ----------
    publisher : str
        The ``publisher`` of a source row.

    Returns
    -------
    str
        The abbreviation in brackets when there is one (``"Afghanistan Analysts Network (AAN),
        War and Peace"`` -> ``"AAN"``), else the name before the first bracket or comma.
    """
    copy = re.search(r"^(.*?)\s*\((\w+) copy\)", str(publisher))
    if copy:
        return f"{copy.group(1)} ({copy.group(2)} copy)"
    m = re.search(r"\(([A-Z][A-Z/]{1,7})\)", str(publisher))
    if m:
        return m.group(1)
    return re.split(r"\s*[(,]", str(publisher), maxsplit=1)[0].strip()


def _covers(start, end) -> str:
    if pd.isna(end):
        return ""
    if pd.isna(start):
        return f"up to {date_text(end, 'day')}"
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        return str(start.year) if start.year == end.year else f"{start.year}\u2013{end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {_MONTHS[end.month - 1]} {end.year}"
    return f"{date_text(start, 'day')} to {date_text(end, 'day')}"


def _value_text(r) -> str:
    lo, hi = int(r.lower), int(r.upper)
    if r.qualifier == "at_least":
        return f"at least {lo:,}"
    if r.qualifier == "at_most":
        return f"up to {hi:,}"
    if r.qualifier == "range":
        return f"{lo:,} to {hi:,}"
    if r.qualifier == "approx":
        return f"about {lo:,}"
    return f"{lo:,}"


def groups(table: pd.DataFrame) -> pd.DataFrame:
    """One row per comparison group: how many claims, claimants and reports, and their span.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`displacement`.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``unit``, ``direction``, ``place``, ``period_no``, ``claims``, ``claimants``
        (count), ``claimant_names`` (text), ``reports``, ``lowest`` (the smallest lower bound),
        ``highest`` (the largest upper bound), ``floors`` (claims that are open above) and
        ``ceilings``. A group of one claimant has nothing to be compared with.
    """
    g = table.groupby(["group", "unit", "direction", "place", "period_no"], sort=False)
    out = g.agg(
        claims=("claim_ids", "size"),
        claimants=("claimant_id", "nunique"),
        claimant_names=("claimant", lambda s: "; ".join(dict.fromkeys(s.astype(str)))),
        reports=("report_id", "nunique"),
        lowest=("lower", "min"),
        highest=("upper", "max"),
        floors=("open_above", "sum"),
        ceilings=("open_below", "sum"),
    ).reset_index()
    return out.sort_values(["period_no", "unit", "direction", "place"]).reset_index(drop=True)


def ratio(table: pd.DataFrame, numerator: dict, denominator: dict) -> float:
    """The ratio of two claimants' figures, only if they are alike.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`displacement`.
    numerator, denominator : dict
        Criteria that pick one row each (as for :func:`analysis.data.claims.one`), such as
        ``{"claimant_id": "iom", "place_id": "enclave", "unit": "families", "period_no": 1}``.

    Returns
    -------
    float
        ``numerator / denominator``, rounded to two decimals.

    Raises
    ------
    analysis.data.claims.ClaimSelectionError
        If either selection finds no row or several.
    ValueError
        If the two rows are not in one group, or either is a floor, a ceiling or a range: only
        two point figures of one group can be divided.
    """
    a, b = one(table, **numerator), one(table, **denominator)
    if a["group"] != b["group"]:
        raise ValueError(f"ratio: not like with like: {a['group']!r} against {b['group']!r}")
    for r in (a, b):
        if r["lower"] != r["upper"] or r["open_above"] or r["open_below"]:
            raise ValueError(f"ratio: {r['claimant']}'s figure ({r['value']}) is not a point figure")
    return round(float(a["lower"]) / float(b["lower"]), 2)


def _names(rows: pd.DataFrame) -> str:
    from analysis.topics.sources import prose_name

    items = list(dict.fromkeys(f"{prose_name(str(c))} ({o})" if c != o else prose_name(str(c))
                               for c, o in zip(rows["claimant"], rows["outlets"])))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def paper_values(table: pd.DataFrame) -> list[tuple[str, object, str]]:
    """The values the write-up prints, each selected by what it is (claimant, unit, place, period).

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`displacement` with both units and primary sources only.

    Returns
    -------
    list of tuple
        ``(key, value, description)`` for :meth:`analysis.pipeline.outputs.Outputs.value`.

    Raises
    ------
    analysis.data.claims.ClaimSelectionError
        When a claim a sentence names is missing or has company (a new claim to look at).
    analysis.data.claims.RankChanged
        When UNOCHA no longer gives the lowest figure of its group.
    """
    fam_enclave_1 = dict(unit="families", direction="from", place_id="enclave", period_no=1)
    v = []

    def pick(key, desc, **crit):
        r = one(table, **crit)
        v.append((key, int(r["lower"]), desc))
        return r

    v.append(("claims", len(table), "Displacement claims about Jawzjan (copies of one story counted once)"))
    v.append(("claimants", table["claimant_id"].nunique(), "Distinct claimants of those claims"))
    v.append(("reports", table["report_id"].nunique(), "Independent reports carrying them"))
    g = groups(table)
    v.append(("groups", len(g), "Comparison groups (unit, direction, place, period)"))
    v.append(("groups_compared", int((g["claimants"] > 1).sum()), "Groups with more than one claimant"))
    v.append(("groups_single", int((g["claimants"] == 1).sum()), "Groups with a single claimant"))
    v.append(("floors", int(table["open_above"].sum()), "Claims that are floors ('at least', 'more than', 'thousands')"))
    un = pick("unocha_families", "UNOCHA: families displaced from both districts over 2016-2017", claimant_id="unocha", **fam_enclave_1)
    v.append(("unocha_persons", int(one(table, claimant_id="unocha", unit="individuals", direction="from", place_id="enclave", period_no=1)["lower"]),
              "UNOCHA: the same displacement in individuals, as UNOCHA gives it"))
    pick("iom_november", "IOM: families displaced from both districts, weekly report of 15 November 2017", claimant_id="iom", **fam_enclave_1)
    v.append(("iom_unocha_ratio", ratio(table, dict(claimant_id="iom", **fam_enclave_1), dict(claimant_id="unocha", **fam_enclave_1)),
              "IOM's November 2017 family count divided by UNOCHA's 2016-2017 count (same unit, place and period)"))
    expect_rank(select(table, **fam_enclave_1), "upper", "unocha", largest=False)
    grp = select(table, **fam_enclave_1)
    v.append(("enclave_1_claims", len(grp), "Claims in the group: families displaced from both districts before the January 2018 offensive"))
    v.append(("enclave_1_claimants", _names(grp), "Claimants in that group, with the outlet that carried each"))
    floors = grp[grp["open_above"]]
    v.append(("enclave_1_floor_claimants", _names(floors), "Claimants in that group whose figure is a floor"))
    v.append(("enclave_1_floor", int(floors["lower"].max()) if len(floors) else 0, "The highest floor in that group"))
    pick("azadi_floor", "Local officials via Radio Azadi (rewritten by Afghanistan Times), early January 2018: families displaced from both districts, a floor",
         claimant_id="local_officials", **fam_enclave_1)
    pick("azizi_autumn", "Governor Azizi via DID Press: about this many families displaced from both districts", claimant_id="lutfullah_azizi", **fam_enclave_1)
    pick("iom_january", "IOM: families displaced from Qush Tepa alone, inside the district and to Sheberghan, 10 January 2018",
         claimant_id="iom", unit="families", place_id="qush_tepa", period_no=1)
    pick("karimi_darzab", "Halima Karimi (provincial council): families who fled Darzab alone, January 2018",
         claimant_id="halima_karimi", unit="families", direction="from", place_id="darzab", period_no=1)
    pick("karimi_sheberghan", "Halima Karimi: displaced families living in and around Sheberghan, January 2018",
         claimant_id="halima_karimi", unit="families", direction="at", place_id="sheberghan", period_no=1)
    pick("ocha_darzab_2017", "UNOCHA, June 2017: individuals who fled fighting in Darzab to nearby villages",
         claimant_id="unocha", unit="individuals", place_id="darzab", period_no=1)
    pick("ocha_april_2018", "Authorities via UNOCHA, April 2018: individuals displaced from the two districts and from Sar-e Pul and Faryab districts",
         claimant_id="local_officials", unit="individuals", direction="from", place_id="enclave", period_no=2)
    pick("ocha_april_sheberghan", "Authorities via UNOCHA, April 2018: part of them in two villages of Sheberghan district",
         claimant_id="local_officials", unit="individuals", place_id="sheberghan_district", period_no=2)
    pick("xinhua_residents", "Residents protesting, via Xinhua, August 2018: families who left the two districts",
         claimant_id="residents", unit="families", place_id="enclave", period_no=3)
    pick("azizi_qush_tepa", "Governor Azizi via Ariana News (Pashto), August 2018: displaced families of Qush Tepa, a floor",
         claimant_id="lutfullah_azizi", unit="families", place_id="qush_tepa", period_no=3)
    late_floor = select(table, unit="individuals", period_no=3, open_above=True)
    v.append(("late_individual_floors", len(late_floor), "Floors in individuals from July 2018 on"))
    v.append(("late_individual_floor_claimants", _names(late_floor), "Who gave those floors"))
    v.append(("late_individual_floor", int(late_floor["lower"].max()) if len(late_floor) else 0, "The highest of those floors"))
    v.append(("unocha_lowest", un["claimant"], "Claimant of the lowest figure in the 2016-2017 family group (checked by rank)"))
    return v


def figure_rows(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The rows of one unit's figure: a label per claim, a strip per group, ends of open arrows.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`displacement`.
    unit : {"families", "individuals"}
        The unit drawn; the other unit's claims are never put on the same axis.

    Returns
    -------
    pandas.DataFrame
        The unit's rows with ``row`` (claimant, outlet where it differs, date), ``strip``
        (direction, place and period on two lines), ``arrow_end`` (for a floor, a point to the
        right of the value; for a ceiling, to the left; else the upper bound) and ``label`` (the
        figure as the source bounds it). Ordered by group, then value.
    """
    d = table[table["unit"] == unit].copy()
    if d.empty:
        return d.assign(row=pd.Series(dtype="string"), strip=pd.Series(dtype="string"),
                        arrow_end=pd.Series(dtype="float"), label=pd.Series(dtype="string"))
    a = load_actors().set_index("actor_id")
    known = (a["name"].astype(str) + ";" + a["alt_names"].fillna("").astype(str)).str.lower().str.replace(" ", "")
    via = []
    for cid, outlet in zip(d["claimant_id"].astype(str), d["outlets"].astype(str)):
        names = [n for n in known.get(cid, "").split(";") if n]
        o = outlet.lower().replace(" ", "")
        via.append("" if any(n in o or o in n for n in names) else f" (via {outlet})")
    d["row"] = d["claimant"].astype(str) + pd.Series(via, index=d.index) + ", " + d["when"].astype(str)
    span = d["covers"].ne("") & ~d["covers"].str.startswith("up to")
    d["row"] = d["row"].where(~span, d["claimant"].astype(str) + pd.Series(via, index=d.index) + ", covering " + d["covers"])
    d["row"] = d["row"].where(d["grade"].ne("tertiary"), d["row"] + " [tertiary]")
    head = d["direction"].map({"from": "from ", "at": "living in "}) + d["place"]
    d["strip"] = [textwrap.fill(h, 34) + "\n" + p for h, p in zip(head, d["period"])]
    step = max(float(d["upper"].max()) / float(d["lower"].min()), 10.0) ** 0.2
    lower, upper = d["lower"].astype(float), d["upper"].astype(float)
    d["arrow_end"] = upper.where(~d["open_above"], lower * step).where(~d["open_below"], upper / step)
    d["label"] = d["value"]
    d["x"] = lower.where(~d["open_below"], upper)
    d = d.sort_values(["period_no", "direction", "place", "lower"], ascending=[True, False, True, True])
    return d.reset_index(drop=True)
