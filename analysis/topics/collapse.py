"""The collapse of the enclave, July-August 2018: the Taleban offensive, the surrender and its aftermath.

Every count, date and credit claim about the July 2018 offensive (the event and the events that
are part of it), the surrender of 31 July-1 August 2018 and the protest that followed, by
claimant. Copies of one wire story are one independent report: by default the claims of one
claimant about one thing with one value in one report collapse into one *mark*, with the number
of outlets that carried it. What is counted is kept apart (fighters, commanders, women and
children, child fighters among them, foreigners who gave themselves up to the Taleban, and the
Taleban's captives, which are not a surrender to the government). A floor stays a floor: the
``open_above`` and ``open_below`` flags travel with every mark.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.claims import claims_table, one, select
from analysis.formatting import count_text

#: The Taleban offensive of July 2018 (its parts hang under it through ``parent_event_id``).
OFFENSIVE = "ev_2018_july_offensive"
#: The surrender of Hekmat's men to the government, 31 July-1 August 2018.
SURRENDER = "ev_2018_surrender"
#: Events after the surrender that belong to its aftermath.
AFTERMATH = ("ev_2018_08_sheberghan_protest",)

#: Quantities that count people who gave themselves up or were taken.
COUNT_QUANTITIES = ("surrendered", "captured", "children")
#: Quantities of the casualty claims of the offensive.
CASUALTY_QUANTITIES = ("killed", "wounded", "killed_and_wounded")

#: Order of what is counted, for tables and figures.
COUNTED = (
    "fighters",
    "commanders",
    "women and children",
    "child fighters among them",
    "foreign fighters, to the Taleban",
    "captured by the Taleban",
)

#: Who is credited or received the surrender, by the actor named: the side it stands for.
SIDES = {
    "taleban": "Taleban",
    "security_forces": "Afghan government forces",
    "afghan_national_army": "Afghan government forces",
    "afghan_government": "Afghan government forces",
    "anp": "Afghan government forces",
    "us_forces": "US forces",
}

_KEY = ["event_id", "quantity", "subject_id", "unit", "claimant_id", "lower", "upper", "qualifier", "report_id"]


def _distinct(joined: pd.Series) -> int:
    return len({x for v in joined.dropna() for x in str(v).split("; ") if x})


def offensive_events(events: pd.DataFrame | None = None) -> list[str]:
    """The offensive and every event that is part of it, at any depth.

    Parameters
    ----------
    events : pandas.DataFrame, optional
        Rows of :func:`analysis.data.load.load_events`; defaults to every event in the data.

    Returns
    -------
    list of str
        Event ids, the offensive first.
    """
    if events is None:
        from analysis.data.load import load_events

        events = load_events()
    parent = dict(zip(events["event_id"].astype(str), events["parent_event_id"]))
    out = [OFFENSIVE]
    for eid in parent:
        cur, seen = eid, set()
        while isinstance(parent.get(cur), str) and cur not in seen:
            seen.add(cur)
            cur = parent[cur]
            if cur == OFFENSIVE:
                out.append(eid)
                break
    return out


def collapse_claims(include_tertiary: bool = False, claims: pd.DataFrame | None = None,
                    events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every claim about the offensive, its parts, the surrender and the aftermath.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from tertiary (Wikipedia-derived) pages.
    claims : pandas.DataFrame, optional
        Claims to use: rows of :func:`analysis.data.claims.claims_table` or of
        :func:`analysis.data.load.load_claims`; defaults to every claim in the data.
    events : pandas.DataFrame, optional
        Events to find the offensive's parts in; defaults to every event in the data.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`analysis.data.claims.claims_table` whose ``event_id`` is the offensive,
        one of its parts or an aftermath event.
    """
    if claims is None:
        c = claims_table(include_tertiary=True)
    elif "report_id" not in claims.columns:
        c = claims_table(include_tertiary=True, claims=claims)
    else:
        c = claims
    if not include_tertiary:
        c = c[c["grade"] != "tertiary"]
    wanted = offensive_events(events) + list(AFTERMATH)
    return c[c["event_id"].astype("string").isin(wanted).fillna(False)].reset_index(drop=True)


def what_is_counted(claims: pd.DataFrame) -> pd.Series:
    """What each count of people who gave themselves up or were taken counts.

    Parameters
    ----------
    claims : pandas.DataFrame
        Number claims with ``quantity``, ``subject_id``, ``unit`` and ``scope``.

    Returns
    -------
    pandas.Series
        One of :data:`COUNTED` for claims of :data:`COUNT_QUANTITIES`, missing otherwise. A
        count of women or children (by subject or by the scope's words) is kept apart from the
        fighters; the Taleban's captives are not a surrender to the government.
    """
    q = claims["quantity"].astype("string")
    subj = claims["subject_id"].astype("string").fillna("")
    unit = claims["unit"].astype("string").fillna("")
    scope = claims["scope"].astype("string").fillna("").str.lower()
    family_words = scope.str.contains(r"\bwomen\b|\bchildren\b", regex=True)
    out = pd.Series(pd.NA, index=claims.index, dtype="string")
    out[q == "surrendered"] = "fighters"
    out[(q == "surrendered") & (unit == "commanders")] = "commanders"
    out[(q == "surrendered") & (subj.str.endswith("_families") | family_words)] = "women and children"
    out[(q == "surrendered") & (subj == "foreign_fighters")] = "foreign fighters, to the Taleban"
    out[(q == "children") & (subj == "foreign_fighters")] = "foreign fighters, to the Taleban"
    out[(q == "children") & (subj != "foreign_fighters")] = "child fighters among them"
    out[q == "captured"] = "captured by the Taleban"
    return out


def value_label(lower, upper, qualifier) -> str:
    """A count as the source states it: a floor as "at least", a ceiling as "at most".

    Parameters
    ----------
    lower, upper : int
        The interval of the claim.
    qualifier : str
        ``exact``, ``approx``, ``at_least``, ``at_most`` or ``range``.

    Returns
    -------
    str
        Such as ``"at least 150"``, ``"about 250"``, ``"200-250"`` or ``"152"``.
    """
    lo, hi = int(lower), int(upper)
    if qualifier == "at_least":
        return f"at least {lo:,}"
    if qualifier == "at_most":
        return f"at most {hi:,}"
    if qualifier == "approx":
        return f"about {lo:,}"
    if lo != hi:
        return f"{lo:,}-{hi:,}"
    return f"{lo:,}"


def marks(claims: pd.DataFrame, collapse_copies: bool = True) -> pd.DataFrame:
    """Number claims as marks: one per claimant, value and independent report.

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of :func:`analysis.data.claims.claims_table` (asserted numbers are kept).
    collapse_copies : bool
        Collapse the claims that copies of one story carry into one mark (default); with
        ``False`` every claim is its own mark, as if each outlet were an independent witness.

    Returns
    -------
    pandas.DataFrame
        One row per mark: ``event_id``, ``quantity``, ``subject_id``, ``unit``, ``claimant_id``,
        ``claimant_name``, ``claimant_family``, ``lower``, ``upper``, ``qualifier``,
        ``open_above`` (a floor), ``open_below`` (a ceiling), ``value`` (as stated), ``scope``
        (the first claim's), ``report_id``, ``outlets`` (how many outlets carried it),
        ``outlet_names``, ``source_ids``, ``claims`` and ``claim_ids`` (``;``-separated), ``when``
        (earliest).
    """
    n = claims[(claims["kind"] == "number") & (claims["stance"] == "asserted") & claims["lower"].notna()].copy()
    if not collapse_copies:
        n["report_id"] = n["source_id"]
    keys = n[_KEY].astype("string").fillna("")
    # groups numbered in order of first appearance; each mark takes its earliest claim's fields
    n["_mark"] = n.groupby([keys[c] for c in _KEY], sort=False).ngroup()
    first = n.sort_values(["when", "claim_id"]).drop_duplicates("_mark").set_index("_mark").sort_index()
    grouped = n.groupby("_mark", sort=True)

    def joined(col: str, unique: bool = True) -> pd.Series:
        d = n[["_mark", col]].dropna()
        if unique:
            d = d.drop_duplicates()
        d = d.sort_values(["_mark", col])
        return d.groupby("_mark")[col].agg("; ".join).reindex(first.index, fill_value="")

    outlet_names, source_ids, claim_ids = joined("publisher"), joined("source_id"), joined("claim_id", unique=False)
    outlets, counts, when = grouped["publisher"].nunique(), grouped.size(), grouped["when"].min()
    rows = [
        {
            **{c: rec[c] for c in _KEY},
            "claimant_name": rec["claimant_name"],
            "claimant_family": rec["claimant_family"],
            "open_above": bool(rec["open_above"]),
            "open_below": bool(rec["open_below"]),
            "value": value_label(rec["lower"], rec["upper"], rec["qualifier"]),
            "scope": rec["scope"],
            "outlets": int(outlets[g]),
            "outlet_names": outlet_names[g],
            "source_ids": source_ids[g],
            "claims": int(counts[g]),
            "claim_ids": claim_ids[g],
            "when": when[g],
        }
        for g, rec in zip(first.index, first.to_dict("records"))
    ]
    cols = _KEY + ["claimant_name", "claimant_family", "open_above", "open_below", "value", "scope",
                   "outlets", "outlet_names", "source_ids", "claims", "claim_ids", "when"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("lower", "upper"):
        out[c] = out[c].astype("Int64")
    return out.sort_values(["when", "claimant_name", "lower"]).reset_index(drop=True)


def count_marks(collapse_copies: bool = True, include_tertiary: bool = False,
                claims: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every count of people who surrendered or were captured, one mark per report, by what it counts.

    Parameters
    ----------
    collapse_copies : bool
        One mark per independent report (default) or one per claim.
    include_tertiary : bool
        Keep claims from tertiary pages.
    claims, events : pandas.DataFrame, optional
        As for :func:`collapse_claims`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`marks` plus ``counted`` (one of :data:`COUNTED`), sorted by what is
        counted and then by the lower bound.
    """
    c = collapse_claims(include_tertiary, claims, events)
    c = c[c["quantity"].isin(COUNT_QUANTITIES)]
    m = marks(c, collapse_copies)
    m.insert(0, "counted", what_is_counted(m).astype("string"))
    m = m[m["counted"].notna()].copy()
    m["order"] = m["counted"].map({k: i for i, k in enumerate(COUNTED)})
    return m.sort_values(["order", "lower", "upper", "claimant_name"]).drop(columns="order").reset_index(drop=True)


def count_ranges(count_marks_df: pd.DataFrame) -> pd.DataFrame:
    """Per thing counted: how many marks, claimants, reports and outlets, and the range of the counts.

    Parameters
    ----------
    count_marks_df : pandas.DataFrame
        Rows of :func:`count_marks`.

    Returns
    -------
    pandas.DataFrame
        One row per ``counted``: ``marks``, ``claimants``, ``reports`` (independent reports),
        ``outlets`` (distinct outlet items carrying them), ``lowest`` (smallest lower bound)
        and ``lowest_value`` (that count as stated), ``highest`` (largest upper bound) and
        ``highest_value``, ``highest_open`` (the highest is a floor: the record sets no ceiling),
        and ``claimant_names``.
    """
    rows = []
    for counted, g in count_marks_df.groupby("counted", sort=False):
        lo = g.sort_values(["lower", "upper"]).iloc[0]
        hi = g.sort_values(["upper", "open_above"]).iloc[-1]
        rows.append(
            {
                "counted": counted,
                "marks": len(g),
                "claimants": g["claimant_id"].nunique(),
                "reports": g["report_id"].nunique(),
                "outlets": _distinct(g["source_ids"]),
                "lowest": int(lo["lower"]),
                "lowest_value": lo["value"],
                "highest": int(hi["upper"]),
                "highest_value": hi["value"],
                "highest_open": bool(hi["open_above"]),
                "claimant_names": "; ".join(sorted(g["claimant_name"].dropna().unique())),
            }
        )
    return pd.DataFrame(rows)


def casualty_marks(collapse_copies: bool = True, include_tertiary: bool = False,
                   claims: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The casualty claims of the offensive and its clashes, one mark per report.

    Parameters
    ----------
    collapse_copies, include_tertiary : bool
        As for :func:`count_marks`.
    claims, events : pandas.DataFrame, optional
        As for :func:`collapse_claims`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`marks` for killed, wounded and killed-and-wounded claims, plus
        ``side`` (whose dead: ``Taleban``, ``IS (Hekmat's men)``, ``both sides``, ``civilians``).
    """
    c = collapse_claims(include_tertiary, claims, events)
    m = marks(c[c["quantity"].isin(CASUALTY_QUANTITIES)], collapse_copies)
    side = {"taleban": "Taleban", "hekmat_group": "IS (Hekmat's men)", "civilians": "civilians"}
    m.insert(0, "side", m["subject_id"].astype("string").map(side).fillna("both sides").astype("string"))
    return m


def _claimant_marks(marks_df: pd.DataFrame, claimant_id, order: list[str], **criteria) -> pd.DataFrame:
    """One claimant's marks meeting ``criteria``, sorted by ``order``; an error if there is none."""
    from analysis.data.claims import ClaimSelectionError

    m = select(marks_df, claimant_id=claimant_id, **criteria)
    if m.empty:
        raise ClaimSelectionError(f"no mark of {claimant_id!r} with {criteria!r}")
    return m.sort_values(order)


def claimant_marks(marks_df: pd.DataFrame, claimant_id: str | list, **criteria) -> str:
    """The values one claimant gave, as text: "153 (CNN); at least 150 (Daily Sabah)".

    Parameters
    ----------
    marks_df : pandas.DataFrame
        Rows of :func:`marks` or :func:`count_marks`.
    claimant_id : str or list of str
        The claimant (or claimants taken as one voice, such as a movement and its spokesman).
    **criteria
        Further columns and values, as for :func:`analysis.data.claims.select`.

    Returns
    -------
    str
        The claimant's values in order of size, each with the outlets that carried it.

    Raises
    ------
    analysis.data.claims.ClaimSelectionError
        If the claimant gave no such value.
    """
    m = _claimant_marks(marks_df, claimant_id, ["lower", "upper"], **criteria)
    outlets = m["outlet_names"].str.replace(r" \([^)]*\)", "", regex=True).str.replace("; ", ", ")
    return "; ".join(f"{v} ({o})" for v, o in zip(m["value"], outlets))


def claimant_values(marks_df: pd.DataFrame, claimant_id: str | list, **criteria) -> str:
    """The values one claimant gave, grouped by value: "17 (VOA) and 153 (CNN and Daily Sabah)".

    Like :func:`claimant_marks`, but each distinct value is printed once with every outlet that
    carried it, so that one figure repeated in several reports reads as one figure.

    Parameters
    ----------
    marks_df : pandas.DataFrame
        Rows of :func:`marks` or :func:`count_marks`.
    claimant_id : str or list of str
        The claimant (or claimants taken as one voice).
    **criteria
        Further columns and values, as for :func:`analysis.data.claims.select`.

    Raises
    ------
    analysis.data.claims.ClaimSelectionError
        If the claimant gave no such value.
    """
    m = _claimant_marks(marks_df, claimant_id, ["lower", "upper", "when"], **criteria)
    outlets = m["outlet_names"].str.replace(r" \([^)]*\)", "", regex=True)
    parts = []
    for value in dict.fromkeys(m["value"]):
        names = list(dict.fromkeys(n for o in outlets[m["value"] == value] for n in o.split("; ")))
        parts.append(f"{value} ({names_text(names)})")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def named_count(claims: pd.DataFrame, **criteria) -> str:
    """The one count a sentence attributes to a claimant, as stated, selected with ``one``.

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of :func:`collapse_claims` (or any claims table).
    **criteria
        What the claim is: quantity, claimant_id, subject_id, event_id, unit...

    Returns
    -------
    str
        The value as stated (see :func:`value_label`).

    Raises
    ------
    analysis.data.claims.ClaimSelectionError
        If not exactly one claim matches.
    """
    c = one(claims, **criteria)
    return value_label(c["lower"], c["upper"], c["qualifier"])


def date_claims(event_id: str = OFFENSIVE, collapse_copies: bool = True, include_tertiary: bool = False,
                claims: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """When each claimant dates an event: the window each claim allows, one row per report.

    Parameters
    ----------
    event_id : str
        The offensive (default) or the surrender.
    collapse_copies, include_tertiary : bool
        As for :func:`count_marks`.
    claims, events : pandas.DataFrame, optional
        As for :func:`collapse_claims`.

    Returns
    -------
    pandas.DataFrame
        ``claimant_id``, ``claimant_name``, ``claimant_family``, ``start``, ``end``,
        ``precision``, ``words`` (the source's words), ``report_id``, ``outlets``,
        ``outlet_names``, ``when`` (when it was said); sorted by start and end.
    """
    c = collapse_claims(include_tertiary, claims, events)
    d = c[(c["kind"] == "date") & (c["event_id"] == event_id) & c["value_date_start"].notna()].copy()
    if not collapse_copies:
        d["report_id"] = d["source_id"]
    key = ["claimant_id", "value_date_start", "value_date_end", "report_id"]
    rows = []
    for _, g in d.groupby([d[k].astype("string") for k in key], sort=False):
        f = g.sort_values("claim_id").iloc[0]
        rows.append(
            {
                "claimant_id": f["claimant_id"],
                "claimant_name": f["claimant_name"],
                "claimant_family": f["claimant_family"],
                "start": f["value_date_start"],
                "end": f["value_date_end"],
                "precision": f["value_date_precision"],
                "words": f["value_text"],
                "report_id": f["report_id"],
                "outlets": g["publisher"].nunique(),
                "outlet_names": "; ".join(sorted(g["publisher"].dropna().unique())),
                "when": g["when"].min(),
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(["start", "end", "claimant_name"]).reset_index(drop=True)


def date_text(start, end, precision) -> str:
    """A date window at the precision it has: "12 July 2018", "July 2018", "31 July-1 August 2018".

    Parameters
    ----------
    start, end : pandas.Timestamp
        The window.
    precision : str
        ``day``, ``range``, ``month``, ``season`` or ``year``.

    Returns
    -------
    str
        The window in words.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "year":
        return f"{start.year}"
    if precision == "month" or (start.day == 1 and end == start + pd.offsets.MonthEnd(0)):
        return start.strftime("%B %Y")
    if start == end:
        return f"{start.day} {start.strftime('%B %Y')}"
    if start.year == end.year and start.month == end.month:
        return f"{start.day}-{end.day} {end.strftime('%B %Y')}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%B')}-{end.day} {end.strftime('%B %Y')}"
    return f"{start.day} {start.strftime('%B %Y')}-{end.day} {end.strftime('%B %Y')}"


def credit_claims(collapse_copies: bool = True, include_tertiary: bool = False,
                  claims: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who gets the credit for the collapse, and to whom the fighters gave themselves up.

    Parameters
    ----------
    collapse_copies, include_tertiary : bool
        As for :func:`count_marks`.
    claims, events : pandas.DataFrame, optional
        As for :func:`collapse_claims`.

    Returns
    -------
    pandas.DataFrame
        One row per claimant, side and report: ``question`` (``credit`` or ``surrendered_to``),
        ``event_id``, ``side`` (see :data:`SIDES`), ``named`` (the actor named),
        ``claimant_id``, ``claimant_name``, ``claimant_family``, ``report_id``, ``outlets``,
        ``outlet_names``, ``source_ids``, ``when``.
    """
    c = collapse_claims(include_tertiary, claims, events)
    c = c[c["quantity"].isin(["credit", "surrendered_to"]) & (c["stance"] == "asserted")].copy()
    if not collapse_copies:
        c["report_id"] = c["source_id"]
    from analysis.data.actors import actor_names

    c["side"] = c["value_actor_id"].astype("string").map(SIDES).fillna("other").astype("string")
    key = ["quantity", "event_id", "side", "claimant_id", "report_id"]
    rows = []
    for _, g in c.groupby([c[k].astype("string") for k in key], sort=False):
        f = g.iloc[0]
        rows.append(
            {
                "question": f["quantity"],
                "event_id": f["event_id"],
                "side": f["side"],
                "named": "; ".join(sorted(actor_names(g["value_actor_id"]).dropna().unique())),
                "claimant_id": f["claimant_id"],
                "claimant_name": f["claimant_name"],
                "claimant_family": f["claimant_family"],
                "report_id": f["report_id"],
                "outlets": g["publisher"].nunique(),
                "outlet_names": "; ".join(sorted(g["publisher"].dropna().unique())),
                "source_ids": "; ".join(sorted(g["source_id"].unique())),
                "when": g["when"].min(),
            }
        )
    return pd.DataFrame(rows).sort_values(["question", "side", "when", "claimant_name"]).reset_index(drop=True)


def credit_summary(credit: pd.DataFrame) -> pd.DataFrame:
    """Per question and side: how many claimants and independent reports, and who they are.

    Parameters
    ----------
    credit : pandas.DataFrame
        Rows of :func:`credit_claims`.

    Returns
    -------
    pandas.DataFrame
        ``question``, ``side``, ``claimants``, ``reports``, ``outlets`` (distinct outlet items),
        ``claimant_names`` (``;``-separated) and ``families`` (claimant family codes).
    """
    rows = []
    for (q, side), g in credit.groupby(["question", "side"], sort=True):
        rows.append(
            {
                "question": q,
                "side": side,
                "claimants": g["claimant_id"].nunique(),
                "reports": g["report_id"].nunique(),
                "outlets": _distinct(g["source_ids"]),
                "claimant_names": "; ".join(sorted(g["claimant_name"].dropna().unique())),
                "families": "; ".join(sorted(g["claimant_family"].dropna().unique())),
            }
        )
    return pd.DataFrame(rows)


def names_text(names) -> str:
    """A list of names as prose: "A, B and C".

    Parameters
    ----------
    names : iterable of str
        Names, in the order to print them (duplicates dropped).

    Returns
    -------
    str
        The names joined with commas and a final "and".
    """
    from analysis.topics.sources import prose_name

    n = list(dict.fromkeys(prose_name(x) for x in names if isinstance(x, str) and x))
    if len(n) <= 1:
        return "".join(n)
    return ", ".join(n[:-1]) + " and " + n[-1]


def _clusters(marks_df: pd.DataFrame, n: int = 3) -> str:
    """The most frequent stated values among marks, as text: "150 (12 marks), 200 (13)"."""
    counts = marks_df.groupby("lower").size().sort_values(ascending=False, kind="stable").head(n)
    items = [f"{int(v):,} ({count_text(k)} marks)" if i == 0 else f"{int(v):,} ({count_text(k)})"
             for i, (v, k) in enumerate(sorted(counts.items()))]
    return names_text(items)


def key_values(collapse_copies: bool = True, include_tertiary: bool = False,
               claims: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> dict:
    """Every value the section on the collapse prints, with its description.

    Claimant-named values are that claimant's own (selected with ``one`` from the non-tertiary
    reports, or listed per outlet), and a sentence naming the holder of the highest or lowest
    count is checked with ``expect_rank``.

    Parameters
    ----------
    collapse_copies, include_tertiary : bool
        As for :func:`count_marks`.
    claims, events : pandas.DataFrame, optional
        As for :func:`collapse_claims`.

    Returns
    -------
    dict
        ``key -> (value, description)``.

    Raises
    ------
    analysis.data.claims.ClaimSelectionError, analysis.data.claims.RankChanged
        When a named claimant's value is missing or doubled, or a rank the text states changes.
    """
    from analysis.data.claims import expect_rank

    c = collapse_claims(include_tertiary, claims, events)
    own = c[c["grade"] != "tertiary"]
    cm = count_marks(collapse_copies, include_tertiary, claims, events)
    rng = count_ranges(cm).set_index("counted")
    fighters = cm[cm["counted"] == "fighters"]
    cas = casualty_marks(collapse_copies, include_tertiary, claims, events)
    credit = credit_claims(collapse_copies, include_tertiary, claims, events)
    cs = credit_summary(credit).set_index(["question", "side"])
    dates = date_claims(OFFENSIVE, collapse_copies, include_tertiary, claims, events)
    taleban_voice = ["taleban", "zabihullah_mujahid"]
    v = {}

    def put(key, value, description):
        v[key] = (value, description)

    f = rng.loc["fighters"]
    put("fighters_marks", int(f["marks"]), "Counts of surrendered fighters (one mark per claimant, value and report)")
    put("fighters_claimants", int(f["claimants"]), "Claimants of those counts")
    put("fighters_reports", int(f["reports"]), "Independent reports behind the counts of surrendered fighters")
    put("fighters_outlets", int(f["outlets"]), "Outlet items carrying those counts")
    low = expect_rank(fighters, "lower", "rferl", largest=False)
    put("fighters_lowest", low["value"], "Lowest count of surrendered fighters, as stated (RFE/RL's own voice)")
    high = expect_rank(fighters, "upper", "local_officials", largest=True)
    put("fighters_highest", high["value"], "Highest count of surrendered fighters, as stated (local officials)")
    put("fighters_highest_outlet", high["outlet_names"], "Outlet quoting the local officials' highest count")
    put("fighters_highest_open", "a floor" if bool(high["open_above"]) else "not a floor",
        "Whether the highest count is a floor")
    put("fighters_floors", int(fighters["open_above"].sum()), "Counts of surrendered fighters stated as floors")
    put("fighters_clusters", _clusters(fighters), "The most frequent stated values among the counts of fighters")
    put("nemat_count", named_count(own, quantity="surrendered", claimant_id="mufti_nemat"),
        "Mufti Nemat's count of his own men who gave themselves up")
    put("mod_count", named_count(own, quantity="surrendered", claimant_id="mod"),
        "The defence ministry's count of surrendered fighters")
    put("azizi_count", named_count(own, quantity="surrendered", claimant_id="lutfullah_azizi"),
        "The Jawzjan governor's count of surrendered fighters")
    put("nicholson_count", named_count(own, quantity="surrendered", claimant_id="john_nicholson"),
        "General Nicholson's count of surrendered fighters")
    put("jowzjani_counts", claimant_values(fighters, "faqir_mohammad_jowzjani"),
        "The Jawzjan police chief's counts, by outlet")
    put("rezaie_counts", claimant_values(fighters, "mohammad_hanif_rezaie"),
        "The army corps spokesman's counts of surrendered fighters, by outlet")
    put("women_children", claimant_values(cm, "mohammad_hanif_rezaie", counted="women and children"),
        "The army corps spokesman's counts of women and children, by outlet")
    put("commanders_lowest", int(rng.loc["commanders", "lowest"]), "Fewest commanders said to have surrendered")
    put("commanders_highest", int(rng.loc["commanders", "highest"]), "Most commanders said to have surrendered")
    put("children_count", named_count(own, quantity="children", subject_id="hekmat_group"),
        "Child and teenage fighters among the surrendered (TOLOnews)")
    cap = rng.loc["captured by the Taleban"]
    put("captured_lowest", int(cap["lowest"]), "Lowest count of the Taleban's captives")
    put("captured_highest", int(cap["highest"]), "Highest count of the Taleban's captives")
    put("captured_reports", int(cap["reports"]), "Independent reports of the Taleban's captives")
    cap_tal = select(cm, claimant_id=taleban_voice, counted="captured by the Taleban")
    put("captured_taleban_reports", int(cap_tal["report_id"].nunique()),
        "Independent reports giving the Taleban's own count of their captives")
    put("captured_taleban_lowest", int(cap_tal["lower"].min()), "Lowest of the Taleban's own counts of their captives")
    put("captured_taleban_highest", int(cap_tal["upper"].max()), "Highest of the Taleban's own counts of their captives")
    put("captured_taleban", claimant_values(cm, taleban_voice, counted="captured by the Taleban"),
        "The Taleban's own counts of their captives, by outlet")
    put("foreign_to_taleban", named_count(own, quantity="surrendered", subject_id="foreign_fighters"),
        "Foreign fighters shown giving themselves up to the Taleban (LWJ)")
    # casualties
    put("ghafoori_taleban_killed", named_count(own, quantity="killed", claimant_id="mohammad_reza_ghafoori", subject_id="taleban"),
        "Taleban dead according to the Jawzjan governor's spokesman, mid-July")
    put("ghafoori_is_killed", named_count(own, quantity="killed", claimant_id="mohammad_reza_ghafoori", subject_id="hekmat_group"),
        "IS dead according to the Jawzjan governor's spokesman, mid-July")
    put("ghafoori_casualties", named_count(own, quantity="killed_and_wounded", claimant_id="mohammad_reza_ghafoori"),
        "Dead and wounded of both sides according to the same spokesman (Pasbanan)")
    put("mod_taleban_killed", named_count(own, quantity="killed", claimant_id="mod", subject_id="taleban"),
        "Taleban dead according to the defence ministry")
    put("mod_is_killed", named_count(own, quantity="killed", claimant_id="mod", subject_id="hekmat_group"),
        "IS dead according to the defence ministry")
    put("mod_wounded", named_count(own, quantity="wounded", claimant_id="mod"),
        "Wounded of both sides according to the defence ministry")
    ck = cas[cas["quantity"] == "killed"]
    put("taleban_is_killed", claimant_values(ck, taleban_voice, subject_id="hekmat_group", event_id=OFFENSIVE),
        "IS dead according to the Taleban, by outlet")
    put("taleban_own_killed", claimant_values(ck, taleban_voice, subject_id="taleban", event_id=OFFENSIVE),
        "The Taleban's own dead according to the Taleban, by outlet")
    both = ck[(ck["side"] == "both sides") & (ck["event_id"] == OFFENSIVE)]
    put("both_killed_lowest", both.sort_values("lower").iloc[0]["value"], "Lowest count of the dead of both sides in the offensive")
    put("both_killed_highest", both.sort_values(["upper", "open_above"]).iloc[-1]["value"], "Highest count of the dead of both sides")
    put("both_killed_reports", both["report_id"].nunique(), "Independent reports counting the dead of both sides")
    # dates
    put("start_reports", int(dates["report_id"].nunique()), "Independent reports dating the offensive")
    put("start_windows", int(len(dates)), "Date windows given for the offensive (one per claimant and report)")
    first = expect_rank(dates, "start", "zabihullah_amani", largest=False)
    put("start_earliest", date_text(first["start"], first["end"], first["precision"]),
        "Earliest window for the start of the fighting (Sar-e Pul governor's spokesman, via AFP)")
    day = dates[(dates["precision"] == "day") & (dates["start"] == dates.loc[dates["precision"] == "day", "start"].min())]
    put("start_day", date_text(day["start"].iloc[0], day["end"].iloc[0], "day"), "Earliest start dated to the day")
    put("start_day_claimants", names_text(day["claimant_name"]), "Who dates the start to that day")
    tal = one(dates.rename(columns={"claimant_id": "claimant"}), claimant="taleban")
    put("start_taleban", date_text(tal["start"], tal["end"], tal["precision"]),
        "Window implied by the Taleban's statement that the attack began several days before")
    # credit
    for key, side in (("taleban", "Taleban"), ("government", "Afghan government forces"), ("us", "US forces")):
        row = cs.loc[("credit", side)]
        put(f"credit_{key}_claimants", int(row["claimants"]), f"Claimants crediting {side}")
        put(f"credit_{key}_reports", int(row["reports"]), f"Independent reports crediting {side}")
    cr = credit[credit["question"] == "credit"]
    put("credit_government_names", names_text(sorted(cr.loc[cr["side"] == "Afghan government forces", "claimant_name"])),
        "Who credits Afghan government forces")
    put("credit_us_names", names_text(sorted(cr.loc[cr["side"] == "US forces", "claimant_name"])), "Who credits US forces")
    gov_tal = cr[(cr["side"] == "Taleban") & cr["claimant_family"].isin(["government", "elected"])]
    put("credit_taleban_officials", names_text(sorted(gov_tal["claimant_name"])),
        "Afghan officials and councillors who credit the Taleban")
    both_sides = set(cr.loc[cr["side"] == "Taleban", "claimant_id"]) & set(cr.loc[cr["side"] != "Taleban", "claimant_id"])
    put("credit_both_names", names_text(sorted(cr.loc[cr["claimant_id"].isin(both_sides), "claimant_name"].unique())),
        "Claimants who credit the Taleban and another side")
    st = credit[credit["question"] == "surrendered_to"]
    put("surrendered_to_gov_reports", int(st.loc[st["side"] == "Afghan government forces", "report_id"].nunique()),
        "Independent reports saying the fighters gave themselves up to the government's forces")
    put("surrendered_to_other", int(st.loc[(st["side"] != "Afghan government forces") & (st["event_id"] == SURRENDER), "report_id"].nunique()),
        "Reports naming any other recipient of the surrender of 31 July-1 August")
    put("protesters", named_count(own, quantity="protesters"), "Protesters in Sheberghan (Xinhua)")
    return v
