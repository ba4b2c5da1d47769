"""The Taleban offensive of January 2018 on the enclave and Hekmat's attacks of February 2018.

Two records meet here. The AAN report of March 2018 gives the offensive's shape: three
directions of attack with their commanders, the places Hekmat's men fell back to, ten days of
fighting from 19 January and the Taleban's withdrawal, with one pair of death tolls from "local
sources". The press gives officials' day-by-day figures (the Jawzjan governor's spokesman to
Salaam Times and Xinhua, a district governor to Afghan Islamic Press), each for one day or one
clash. This module keeps the two apart: every casualty claim with its claimant, outlet, report
and the day or span it counts; the fronts as the report gives them; and the values the paper
prints, each taken from the claimant the sentence names.

An event's *parts* are the events under it through ``parent_event_id``, at any depth. Its
*lead-up* is the battles in Darzab and Qush Tepa that began in the ``LEAD_UP_DAYS`` days before
it and are not coded as parts of it (such as the clashes the press reports from 11 and 14 January
2018, before the start date AAN gives): they are drawn apart, never added to the offensive.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.data.claims import claims_table, one, select

#: The Taleban offensive of January 2018.
JANUARY = "ev_2018_january_offensive"
#: Hekmat's attacks on two ALP checkpoints near the Darzab district centre, 26 February 2018.
FEBRUARY = "ev_2018_feb_attacks"
#: The killing of Mullah Nader's brother, which AAN (¶17) and three press reports tie to the offensive.
TRIGGER = "ev_2018_nader_brother_killed"
#: Quantities of the casualty claims: people killed, wounded and taken prisoner.
CASUALTY_QUANTITIES = ("killed", "wounded", "captured")
#: Days before an event's first day in which a battle in the enclave counts as its lead-up.
LEAD_UP_DAYS = 10
#: Places whose battles belong to the enclave: the two districts and what lies in them.
ENCLAVE_ROOTS = ("enclave", "darzab", "qush_tepa")
#: Subjects whose dead are counted inside a larger subject's figure in the same report.
PART_OF = {"alp": "security_forces", "public_order_police": "security_forces"}
#: The direction a front came from, as the event's label gives it (following AAN ¶9).
DIRECTIONS = {"Southern": "south", "Eastern": "east", "Western": "west", "Northern": "north"}
#: Origins AAN names (¶9) more finely than the events table can hold: the western front is coded as
#: coming from Faryab, but AAN names two districts of it.
FRONT_ORIGINS = {"ev_2018_front_west": ("shirin_tagab", "dawlatabad_faryab")}


def _events(events: pd.DataFrame | None) -> pd.DataFrame:
    if events is None:
        from analysis.data.load import load_events

        events = load_events()
    return events


def _places(places: pd.DataFrame | None) -> pd.DataFrame:
    if places is None:
        from analysis.data.load import load_places

        places = load_places()
    return places


def _claims(claims: pd.DataFrame | None, include_tertiary: bool) -> pd.DataFrame:
    if claims is None:
        c = claims_table(include_tertiary=True)
    elif "report_id" not in claims.columns:
        c = claims_table(include_tertiary=True, claims=claims)
    else:
        c = claims
    if not include_tertiary:
        c = c[c["grade"] != "tertiary"]
    return c


def date_text(start, end, precision) -> str:
    """A date or window at the precision it has: "19 January 2018", "January 2018", "11-25 January 2018".

    Parameters
    ----------
    start, end : pandas.Timestamp
        First and last day.
    precision : str
        ``day``, ``range``, ``month``, ``season`` or ``year``.

    Returns
    -------
    str
        The date in words.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "year":
        return str(start.year)
    if precision == "month":
        return start.strftime("%B %Y")
    if start == end or precision == "day":
        return f"{start.day} {start.strftime('%B %Y')}"
    if start.year == end.year and start.month == end.month:
        return f"{start.day}-{end.day} {end.strftime('%B %Y')}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%B')}-{end.day} {end.strftime('%B %Y')}"
    return f"{start.day} {start.strftime('%B %Y')}-{end.day} {end.strftime('%B %Y')}"


def short_outlet(publisher) -> str:
    """An outlet's short name: the capitals in brackets if any ("AAN"), else the name before a bracket or comma.

    Parameters
    ----------
    publisher : str
        The ``publisher`` of a source, such as "Afghanistan Analysts Network (AAN), War and Peace".
    """
    if not isinstance(publisher, str):
        return publisher
    m = re.search(r"\(([A-Z]{2,})\)", publisher)
    return m.group(1) if m else re.split(r" \(|,", publisher)[0].strip()


def short_claimant(name: str, kind: str) -> str:
    """A claimant's short name for a figure: a person's last name, else the name.

    Parameters
    ----------
    name : str
        The actor's name.
    kind : str
        The actor's kind (``person``, ``collective``, ...).
    """
    if not isinstance(name, str):
        return name
    return name.split()[-1] if kind == "person" else name


def join_words(items) -> str:
    """Join names as prose: "A", "A and B", "A, B and C".

    Parameters
    ----------
    items : iterable of str
        The names, in order.
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def parts(event_id: str, events: pd.DataFrame | None = None) -> list[str]:
    """The event and every event under it through ``parent_event_id``, at any depth.

    Parameters
    ----------
    event_id : str
        The parent event, such as ``JANUARY``.
    events : pandas.DataFrame, optional
        Rows of :func:`analysis.data.load.load_events`; defaults to every event in the data.

    Returns
    -------
    list of str
        Event ids, ``event_id`` first.

    Raises
    ------
    KeyError
        If ``event_id`` is not an event.
    """
    ev = _events(events)
    if event_id not in set(ev["event_id"].astype(str)):
        raise KeyError(f"no event {event_id!r}")
    parent = dict(zip(ev["event_id"].astype(str), ev["parent_event_id"]))
    out = [event_id]
    for eid in parent:
        cur, seen = eid, set()
        while isinstance(parent.get(cur), str) and cur not in seen:
            seen.add(cur)
            cur = parent[cur]
            if cur == event_id:
                out.append(eid)
                break
    return out


def enclave_places(places: pd.DataFrame | None = None) -> set[str]:
    """Place ids in Darzab and Qush Tepa: ``ENCLAVE_ROOTS`` and every place under them.

    Parameters
    ----------
    places : pandas.DataFrame, optional
        Rows of :func:`analysis.data.load.load_places`; defaults to every place in the data.
    """
    p = _places(places)
    parent = dict(zip(p["place_id"].astype(str), p["parent_id"]))
    out = set()
    for pid in parent:
        cur, seen = pid, set()
        while isinstance(cur, str) and cur not in seen:
            if cur in ENCLAVE_ROOTS:
                out.add(pid)
                break
            seen.add(cur)
            cur = parent.get(cur)
    return out


def lead_up(event_id: str, events: pd.DataFrame | None = None, places: pd.DataFrame | None = None) -> list[str]:
    """Battles in the enclave that began in the ``LEAD_UP_DAYS`` before the event and are not its parts.

    Parameters
    ----------
    event_id : str
        The parent event.
    events, places : pandas.DataFrame, optional
        Events and places to use; default to the data's.

    Returns
    -------
    list of str
        Event ids, by first possible day.
    """
    ev = _events(events)
    own = set(parts(event_id, ev))
    row = ev.set_index("event_id").loc[event_id]
    first = row["date_start"] - pd.Timedelta(days=LEAD_UP_DAYS)
    inside = enclave_places(places)
    m = (
        ~ev["event_id"].isin(own)
        & (ev["event_type"] == "Battles")
        & (ev["date_start"] >= first)
        & (ev["date_start"] <= row["date_end"])
        & ev["place_id"].astype("string").isin(inside).fillna(False)
    )
    return ev[m].sort_values(["date_start", "event_id"])["event_id"].astype(str).tolist()


def casualty_claims(event_id: str = JANUARY, include_tertiary: bool = False, claims: pd.DataFrame | None = None,
                    events: pd.DataFrame | None = None, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every number of people killed, wounded or captured in the event, its parts and its lead-up.

    Parameters
    ----------
    event_id : str
        The parent event (``JANUARY`` or ``FEBRUARY``).
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Claims to use (rows of ``claims_table`` or ``load_claims``); default: the data's.
    events, places : pandas.DataFrame, optional
        Events and places to use; default to the data's.

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``claim_id``, ``event_id``, ``clash`` (the event's label),
        ``in_event`` (True for a part, False for the lead-up), ``date_start``, ``date_end``,
        ``date_precision``, ``date`` (the day or span in words), ``quantity``, ``subject_id``,
        ``side`` and ``side_family`` (whose dead), ``part_of`` (a larger side whose figure in
        the same report already counts them), ``claimant_id``, ``claimant``, ``claimant_short``, ``claimant_family``,
        ``outlet`` (the publisher), ``report_id``, ``published``, ``lower``, ``upper``,
        ``qualifier``, ``open_above`` (a floor), ``open_below`` (a ceiling), ``value`` (the
        number in words: "at least 1"), ``restates`` (an outlet's own headline or summary
        repeating a named informant's figure in the same report) and ``locator``.
    """
    from analysis.data.load import load_actors

    ev = _events(events).set_index("event_id")
    own = parts(event_id, _events(events))
    before = lead_up(event_id, _events(events), places)
    c = _claims(claims, include_tertiary)
    c = c[(c["kind"] == "number") & c["quantity"].isin(CASUALTY_QUANTITIES)
          & c["event_id"].astype("string").isin(own + before).fillna(False)].copy()
    actors = load_actors().set_index("actor_id")
    out = pd.DataFrame(
        {
            "claim_id": c["claim_id"].astype(str),
            "event_id": c["event_id"].astype(str),
            "clash": c["event_id"].map(ev["label"]),
            "in_event": c["event_id"].isin(own),
            "date_start": c["event_id"].map(ev["date_start"]),
            "date_end": c["event_id"].map(ev["date_end"]),
            "date_precision": c["event_id"].map(ev["date_precision"].astype(str)),
            "quantity": c["quantity"].astype(str),
            "subject_id": c["subject_id"].astype("string"),
            "side": c["subject_id"].map(actors["name"]).astype("string"),
            "side_family": c["subject_id"].map(actors["family"].astype(str)).astype("string"),
            "claimant_id": c["claimant_id"].astype(str),
            "claimant": c["claimant_name"],
            "claimant_family": c["claimant_family"],
            "claimant_kind": c["claimant_kind"],
            "outlet": c["publisher"].map(short_outlet),
            "report_id": c["report_id"],
            "published": c["published"],
            "lower": c["lower"],
            "upper": c["upper"],
            "qualifier": c["qualifier"].astype(str),
            "open_above": c["open_above"],
            "open_below": c["open_below"],
            "locator": c["source_id"].astype(str) + " " + c["locator"].astype(str),
        }
    )
    out["date"] = [date_text(s, e, p) for s, e, p in zip(out["date_start"], out["date_end"], out["date_precision"])]
    words = {"at_least": "at least ", "at_most": "at most ", "approx": "about "}
    out["value"] = [
        f"{lo}-{hi}" if q == "range" else f"{words.get(q, '')}{lo if q != 'at_most' else hi}"
        for lo, hi, q in zip(out["lower"], out["upper"], out["qualifier"])
    ]
    inside = set(zip(out["event_id"], out["subject_id"].astype(str), out["claimant_id"], out["report_id"].astype(str)))
    out["part_of"] = [
        actors["name"].get(PART_OF[s]) if s in PART_OF and (e, PART_OF[s], cl, r) in inside else pd.NA
        for e, s, cl, r in zip(out["event_id"], out["subject_id"].astype(str), out["claimant_id"], out["report_id"].astype(str))
    ]
    named = out[out["claimant_kind"] != "outlet"]
    named_keys = set(zip(named["event_id"], named["quantity"], named["subject_id"].astype(str), named["report_id"].astype(str)))
    out["restates"] = [
        k == "outlet" and (e, q, s, r) in named_keys
        for k, e, q, s, r in zip(out["claimant_kind"], out["event_id"], out["quantity"],
                                 out["subject_id"].astype(str), out["report_id"].astype(str))
    ]
    out["claimant_short"] = [short_claimant(n, k) for n, k in zip(out["claimant"], out["claimant_kind"])]
    out = out.drop(columns="claimant_kind")
    return out.sort_values(["date_start", "event_id", "quantity", "subject_id", "claim_id"]).reset_index(drop=True)


def casualty_marks(event_id: str = JANUARY, include_tertiary: bool = False, claims: pd.DataFrame | None = None,
                   events: pd.DataFrame | None = None, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """The casualty claims a figure draws: one mark per claim of one report, copies and restatements collapsed.

    Claims of one claimant with one value for one thing in one report (``report_id``: a wire
    story and its reprints) are one mark however many outlets carried them; an outlet's headline
    that restates its named informant's figure, and a side's dead already counted inside a
    larger side's figure, are left to the table.

    Parameters
    ----------
    event_id, include_tertiary, claims, events, places
        As for :func:`casualty_claims`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`casualty_claims` plus ``outlets`` (how many held sources carry
        the mark), ``label`` (claimant's short name, outlet and value) and ``panel`` (what is counted, of
        whom: "Killed: Taleban").
    """
    c = casualty_claims(event_id, include_tertiary, claims, events, places)
    c = c[~c["restates"] & c["part_of"].isna() & c["lower"].notna()].copy()
    key = ["event_id", "quantity", "subject_id", "claimant_id", "lower", "upper", "qualifier", "report_id"]
    c["outlets"] = c.groupby(key, dropna=False)["claim_id"].transform("size")
    c = c.drop_duplicates(key).copy()
    c["label"] = [f"{cl} ({o}): {v}" for cl, o, v in zip(c["claimant_short"], c["outlet"].fillna(""), c["value"])]
    c["panel"] = c["quantity"].str.capitalize() + ": " + c["side"].fillna("side not stated")
    return c.reset_index(drop=True)


def fronts(event_id: str = JANUARY, claims: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
           places: pd.DataFrame | None = None) -> pd.DataFrame:
    """The fronts or attacks of an event as coded from its source: one row per battle that is a direct part.

    Parameters
    ----------
    event_id : str
        The parent event (``JANUARY`` or ``FEBRUARY``).
    claims, events, places : pandas.DataFrame, optional
        Data to use; default to the data's.

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``front`` (the event's label), ``direction`` (where the attack came from
        as the label gives it, "not stated" otherwise), ``led_by`` (the leaders the claims on the
        front name, else the persons coded as its actors), ``came_from`` and ``aimed_at``
        (place names), ``source`` (the report and paragraph the row is coded from),
        ``origin_id`` and ``target_id``.

    Raises
    ------
    ValueError
        If the event has no battles among its direct parts.
    """
    from analysis.data.load import load_actors, load_sources

    ev = _events(events)
    p = _places(places).set_index("place_id")
    actors = load_actors().set_index("actor_id")
    pubs = load_sources().set_index("source_id")["publisher"].to_dict()
    sub = ev[(ev["parent_event_id"] == event_id) & (ev["event_type"] == "Battles")]
    sub = sub[sub["source_id"] == ev.set_index("event_id").loc[event_id, "source_id"]]
    if sub.empty:
        parents = sorted(ev.loc[ev["parent_event_id"].notna(), "parent_event_id"].astype(str).unique())
        raise ValueError(f"{event_id!r} has no battles among its parts; events with parts: {', '.join(parents)}")
    c = _claims(claims, include_tertiary=False)
    leaders = select(c, kind="actor", quantity="leader")
    rows = []
    for e in sub.itertuples():
        named = leaders.loc[leaders["event_id"] == e.event_id, "value_actor_id"].dropna().astype(str).tolist()
        if not named:
            named = [a for a in (e.actor1_id, e.assoc_actor1_id)
                     if isinstance(a, str) and actors.loc[a, "kind"] == "person"]
        m = re.match(r"(\w+) front", str(e.label))
        rows.append(
            {
                "event_id": e.event_id,
                "front": e.label,
                "direction": f"from the {DIRECTIONS[m.group(1)]}" if m and m.group(1) in DIRECTIONS else "not stated",
                "led_by": join_words(actors.loc[a, "name"] for a in dict.fromkeys(named)) or "not named",
                "came_from": (f"{join_words(re.sub(r' [(].*[)]$', '', p.loc[x, 'name']) for x in FRONT_ORIGINS[e.event_id])}"
                              f" ({p.loc[e.origin_place_id, 'name']})" if e.event_id in FRONT_ORIGINS
                              and isinstance(e.origin_place_id, str)
                              else p.loc[e.origin_place_id, "name"] if isinstance(e.origin_place_id, str)
                              else "not stated"),
                "aimed_at": p.loc[e.place_id, "name"] if isinstance(e.place_id, str) else "not stated",
                "source": f"{short_outlet(pubs.get(e.source_id, e.source_id))} {e.locator}",
                "origin_id": e.origin_place_id if isinstance(e.origin_place_id, str) else pd.NA,
                "target_id": e.place_id if isinstance(e.place_id, str) else pd.NA,
            }
        )
    order = {"from the south": 0, "from the east": 1, "from the west": 2, "from the north": 3}
    out = pd.DataFrame(rows)
    out["_o"] = out["direction"].map(order).fillna(9)
    return out.sort_values(["_o", "event_id"]).drop(columns="_o").reset_index(drop=True)


def fall_back_places(event_id: str = JANUARY, events: pd.DataFrame | None = None,
                     places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where Hekmat's men fell back to: the places of the event's parts labelled as fall-backs.

    Parameters
    ----------
    event_id : str
        The parent event.
    events, places : pandas.DataFrame, optional
        Data to use; default to the data's.

    Returns
    -------
    pandas.DataFrame
        ``place_id``, ``place`` (its name, without a bracketed gloss), ``district`` (the
        parent's name) and ``has_point`` (whether the gazetteer gives it coordinates).
    """
    ev = _events(events)
    p = _places(places).set_index("place_id")
    sub = ev[ev["event_id"].isin(parts(event_id, ev)) & ev["label"].str.startswith("Fall-back")]
    pid = sub["place_id"].astype(str)
    return pd.DataFrame(
        {
            "place_id": pid.values,
            "place": [re.sub(r"\s*\(.*\)$", "", p.loc[x, "name"]) for x in pid],
            "district": [p.loc[p.loc[x, "parent_id"], "name"] for x in pid],
            "has_point": [pd.notna(p.loc[x, "latitude"]) for x in pid],
        }
    )


def fall_back_text(fb: pd.DataFrame) -> str:
    """The fall-back places grouped by district, as prose: "A and B in X and to C and D in Y".

    Parameters
    ----------
    fb : pandas.DataFrame
        Output of :func:`fall_back_places`.
    """
    groups = fb.groupby("district", sort=False)["place"].apply(list)
    return " and to ".join(f"{join_words(v)} in {k}" for k, v in groups.items())


def _n(x) -> int:
    return int(x)


def headline_values(event_id: str = JANUARY, include_tertiary: bool = False, claims: pd.DataFrame | None = None,
                    events: pd.DataFrame | None = None, places: pd.DataFrame | None = None) -> list[tuple]:
    """The values the paper prints for the event, each taken from the claimant its sentence names.

    Parameters
    ----------
    event_id : str
        ``JANUARY`` or ``FEBRUARY``.
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages in the counts.
    claims, events, places : pandas.DataFrame, optional
        Data to use; default to the data's.

    Returns
    -------
    list of tuple
        ``(key, value, description)`` for :meth:`Outputs.value`.

    Raises
    ------
    analysis.data.claims.ClaimSelectionError
        If a claim a sentence names is missing or no longer alone.
    """
    c = _claims(claims, include_tertiary)
    ev = _events(events)
    cas = casualty_claims(event_id, include_tertiary, c, ev, places)
    marks = casualty_marks(event_id, include_tertiary, c, ev, places)
    fr = fronts(event_id, c, ev, places)
    own = cas[cas["in_event"]]
    vals = [
        ("parts_coded", len(fr), "Fronts or attacks coded as parts of the event"),
        ("casualty_claims", len(cas), "Casualty claims (killed, wounded, captured) on the event, its parts and lead-up"),
        ("casualty_marks", len(marks), "Casualty marks drawn (copies and restatements collapsed)"),
        ("casualty_claimants", int(own["claimant_id"].nunique()), "Claimants of casualty figures on the event and its parts"),
        ("casualty_reports", int(own["report_id"].nunique()), "Independent reports carrying those figures"),
        ("casualty_claimant_names", join_words(sorted(own["claimant"].dropna().unique())),
         "Claimants of casualty figures on the event and its parts"),
    ]
    ls = dict(claimant_id="local_sources", event_id=event_id, quantity="killed", source_id="aan2018")
    vals += [
        ("local_killed_hekmat", _n(one(c, subject_id="hekmat_group", **ls)["lower"]),
         "Hekmat's fighters killed, according to AAN's local sources"),
    ]
    if event_id == JANUARY:
        aan = dict(claimant_id="aan", event_id=JANUARY, source_id="aan2018")
        gh = dict(claimant_id="mohammad_reza_ghafoori", source_id="salaamtimes_2018_02_01_clashes")
        jan19, jan21 = "ev_2018_01_19_taleban_is_battle", "ev_2018_01_21_taleban_is_battle"
        g19 = _n(one(c, event_id=jan19, quantity="killed", subject_id="hekmat_group", **gh)["lower"])
        g21 = _n(one(c, event_id=jan21, quantity="killed", subject_id="hekmat_group", **gh)["lower"])
        start = one(c, kind="date", quantity="event_date", **aan)
        stop = one(c, kind="date", quantity="event_date", event_id=JANUARY, claimant_id="salaam_times")
        first = one(c, kind="date", quantity="event_date", event_id="ev_2018_01_17_khwaja_arab_clash", **gh)
        taken = select(c, kind="place", quantity="place_taken", event_id=JANUARY, **gh)
        fb = fall_back_places(JANUARY, ev, places)
        xin = dict(event_id="ev_2018_01_14_darzab_clash", claimant_id="mohammad_reza_ghafoori",
                   source_id="xinhua_2018_01_14_darzab_clash")
        aq = one(c, event_id="ev_2018_01_aqsae_captured", quantity="killed", subject_id="hekmat_group")
        aq_ev = ev.set_index("event_id").loc["ev_2018_01_aqsae_captured"]
        vals += [
            ("fronts_claimed", _n(one(c, quantity="fronts", **aan)["lower"]), "Directions of attack AAN reports"),
            ("taleban_fighters_floor", _n(one(c, quantity="fighters", subject_id="taleban", **aan)["lower"]),
             "Floor of the Taleban force AAN reports ('hundreds', read as at least 200)"),
            ("days", _n(one(c, quantity="duration", **aan)["lower"]), "Days the clashes lasted, according to AAN"),
            ("aan_start", date_text(start["value_date_start"], start["value_date_end"], start["value_date_precision"]),
             "First day of the offensive in AAN's account"),
            ("local_killed_taleban", _n(one(c, subject_id="taleban", **ls)["lower"]),
             "Taleban killed, according to AAN's local sources"),
            ("fall_back", fall_back_text(fb), "Where Hekmat's men fell back to, by district (AAN)"),
            ("fall_back_count", len(fb), "Places Hekmat's men fell back to (AAN)"),
            ("fall_back_with_point", int(fb["has_point"].sum()), "Of those, places with a gazetteer point"),
            ("front_leaders", "; ".join(f"{d}, {l}" for d, l in zip(fr["direction"], fr["led_by"])),
             "Leaders of each front as AAN names them"),
            ("ghafoori_first", date_text(first["value_date_start"], first["value_date_end"], first["value_date_precision"]),
             "First day of fighting the governor's spokesman gave Salaam Times"),
            ("st_span", date_text(stop["value_date_start"], stop["value_date_end"], stop["value_date_precision"]),
             "Span of the fighting in Salaam Times' own voice (from the spokesman's first day to the stop)"),
            ("ghafoori_jan19_killed", g19, "IS fighters killed on 19 January, per the governor's spokesman"),
            ("ghafoori_jan19_captured", _n(one(c, event_id=jan19, quantity="captured", **gh)["lower"]),
             "IS fighters captured on 19 January, per the governor's spokesman"),
            ("security_jan19_taleban_killed", _n(one(c, event_id=jan19, quantity="killed", subject_id="taleban",
                                                     claimant_id="security_forces")["lower"]),
             "Taleban killed on 19 January, per the security forces (relayed by the spokesman)"),
            ("ghafoori_jan21_killed", g21, "IS fighters killed on 21 January, per the governor's spokesman"),
            ("ghafoori_jan21_captured", _n(one(c, event_id=jan21, quantity="captured", **gh)["lower"]),
             "IS fighters captured on 21 January, per the governor's spokesman"),
            ("ghafoori_two_days_killed", g19 + g21, "IS fighters killed on 19 and 21 January together, per the spokesman"),
            ("ghafoori_places_taken", len(taken), "Places the spokesman said the Taleban took from IS"),
            ("xinhua_killed_floor", _n(one(c, quantity="killed", **xin)["lower"]),
             "IS fighters killed on 14 January (a floor), per the spokesman to Xinhua"),
            ("xinhua_wounded", _n(one(c, quantity="wounded", **xin)["lower"]),
             "IS fighters wounded on 14 January, per the spokesman to Xinhua"),
            ("aqsae_killed", _n(aq["lower"]), "Daesh fighters killed at Aqsae, per the Qush Tepa district governor to AIP"),
            ("aqsae_date", date_text(aq_ev["date_start"], aq_ev["date_end"], "range"),
             "Window of the Thursday on which the Taleban took Aqsae"),
            ("lead_up_clashes", len(lead_up(JANUARY, ev, places)), "Clashes in the enclave coded before AAN's start date"),
        ]
        trig = c[c["event_id"] == TRIGGER]
        t_aan = one(c, kind="date", quantity="event_date", event_id=TRIGGER, claimant_id="aan", source_id="aan2018")
        vals += [
            ("trigger_date", date_text(t_aan["value_date_start"], t_aan["value_date_end"], t_aan["value_date_precision"]),
             "Day of the killing of Nader's brother, per AAN"),
            ("trigger_gap_days", int((pd.Timestamp(start["value_date_start"]) - pd.Timestamp(t_aan["value_date_start"])).days),
             "Days from the killing of Nader's brother to the start of the offensive, both per AAN"),
            ("trigger_reports", int(trig["report_id"].nunique()), "Independent reports on the killing of Nader's brother"),
        ]
    elif event_id == FEBRUARY:
        aan = dict(claimant_id="aan", source_id="aan2018")
        d = one(c, kind="date", quantity="event_date", event_id=FEBRUARY, **aan)
        sec = one(c, subject_id="security_forces", **ls)
        inside = select(c, subject_id=list(PART_OF), **ls)
        vals += [
            ("date", date_text(d["value_date_start"], d["value_date_end"], d["value_date_precision"]), "Day of the attacks"),
            ("checkpoints", _n(one(c, quantity="checkpoints_attacked", event_id=FEBRUARY, **aan)["lower"]),
             "ALP checkpoints attacked, according to AAN"),
            ("local_killed_security", _n(sec["lower"]), "Security forces killed, according to AAN's local sources"),
            ("local_killed_security_parts", int(inside["lower"].sum()),
             "Of them, the ALP and Public Order Police dead the local sources name"),
            ("qarayi_distance_m", _n(one(c, quantity="distance", unit="metres", event_id="ev_2018_feb_qarayi", **aan)["lower"]),
             "Metres from the Qarayi checkpoint to the district governor's office (AAN)"),
            ("targets", join_words(fr["aimed_at"]), "Villages of the attacked checkpoints"),
        ]
    return vals
