"""The rise, 2015-2017: when Hekmat went over to IS, the fighting of 2016-2017 and the fall of Darzab.

Three things are read here, each as the sources state them and never reconciled:

- the dates given for Hekmat's switch to IS/ISKP (claims of ``switch_date`` about him or his
  group) and for his group's first hold on ground in the districts, each kept at its own
  precision (a claim of "2015" is the whole year) with its claimant, report and the date it was
  made;
- the numbers and the perpetrators claimed for the clashes and attacks of 2016-2017;
- the fall of Darzab's countryside in June 2017 and of its district centre, with every account
  of who took what.

Copies of one wire story collapse to one report, which carries the number of outlets that
printed it.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.actors import actor_names
from analysis.data.claims import claims_table
from analysis.data.load import load_events
from analysis.topics.governance import report_outlet, value_words

#: Subjects whose switch of allegiance dates the enclave's start.
SWITCH_SUBJECTS = ("qari_hekmat", "hekmat_group")
#: Events whose date claims also date the group's start in the districts.
START_EVENTS = ("ev_2015_hekmat_iskp", "ev_2016_hekmat_takes_qush_tepa")
#: The clashes and attacks of 2016-2017 this section reads, in order.
FIGHTING_EVENTS = (
    "ev_2016_qush_tepa_attack",
    "ev_2017_icrc_staff_killed",
    "ev_2017_04_darzab_taleban_daesh_clash",
    "ev_2017_mirza_olang",
    "ev_2017_10_03_gardan_shirbik",
    "ev_2017_october_offensive",
    "ev_2017_10_taleban_counteroffensive",
    "ev_2017_10_chaqma_chaghur_retaken",
    "ev_2017_taleban_first_attack",
)
#: The fall of Darzab's countryside.
DARZAB_FALLS = "ev_2017_darzab_falls"
#: The AAN's events that date October 2017 in contradictory ways.
OCTOBER_EVENTS = ("ev_2017_october_offensive", "ev_2017_taleban_first_attack", "ev_2018_hekmat_expansion",
                  "ev_2017_10_taleban_counteroffensive")
#: Counted quantities reported for the fighting.
TOLL_QUANTITIES = ("killed", "wounded", "killed_and_wounded", "staff_missing", "captured", "abducted", "missing",
                   "territory_share", "posts_held", "villages", "displaced", "fighters", "checkpoints_attacked",
                   "checkpoints_surrendered", "groups_switched")
#: Actor claims that say who did, claimed or received something.
ACTOR_QUANTITIES = ("perpetrator", "credit", "surrendered_to", "leader")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_WIRES = {"Agence France-Presse": "AFP", "Associated Press": "AP", "Reuters": "Reuters"}


def window_text(start, end, precision) -> str:
    """A date window at the precision it has: "2015", "October 2016", "May-October 2017".

    Parameters
    ----------
    start, end : datetime-like
        First and last day the claim allows.
    precision : str
        ``day``, ``range``, ``month``, ``season`` or ``year``.

    Returns
    -------
    str
        The window in words; a range is given by its months, a day by its day.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "year" or (start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
                               and start.year == end.year):
        return str(start.year)
    if precision == "day" or start == end:
        return f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year and start.month == end.month:
        if precision == "month" or (start.day == 1 and end == start + pd.offsets.MonthEnd(0)):
            return f"{_MONTHS[start.month - 1]} {start.year}"
        return f"{start.day}-{end.day} {_MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{_MONTHS[start.month - 1]}-{_MONTHS[end.month - 1]} {start.year}"
    return f"{_MONTHS[start.month - 1]} {start.year}-{_MONTHS[end.month - 1]} {end.year}"


def said_text(when, precision) -> str:
    """When a claim was made: "20 June 2017" to the day, else the month, else "undated".

    Parameters
    ----------
    when : datetime-like or NA
        The stored date.
    precision : str
        Its precision (``day``, ``range``, ``month``, ``season``, ``year``, ``unknown``).

    Returns
    -------
    str
        The date in words.
    """
    if when is None or pd.isna(when):
        return "undated"
    when = pd.Timestamp(when)
    if precision == "day":
        return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"
    if precision in ("month", "range", "season"):
        return f"{_MONTHS[when.month - 1]} {when.year}"
    return str(when.year)


def outlet(publisher) -> str:
    """A short outlet name from a publisher string: wire agencies by their abbreviation.

    Parameters
    ----------
    publisher : str
        The source's publisher.

    Returns
    -------
    str
        Such as ``"Reuters"`` or ``"Salam Watandar"``.
    """
    p = str(publisher)
    for long, short in _WIRES.items():
        if long in p:
            return short
    return p.split(" (")[0].split(",")[0].strip()


def _collapse(c: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """One row per ``key``: reprints of one story count once, with their outlets."""
    rows = []
    for _, g in c.groupby([c[k].astype("string").fillna("") for k in key], sort=False):
        f = g.sort_values(["grade", "claim_id"]).iloc[0].copy()
        f["outlets"] = g["source_id"].nunique()
        f["outlet_names"] = report_outlet(f["report_id"])
        f["when"] = g["when"].min()
        rows.append(f)
    return pd.DataFrame(rows).reset_index(drop=True)


def switch_dates(include_tertiary: bool = False, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every dating of Hekmat's switch to IS/ISKP and of his group's start in the districts.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's (for tests).

    Returns
    -------
    pandas.DataFrame
        One row per claimant, report and window: ``what`` (``switch`` for a switch date,
        ``start in the districts`` for a dating of the group's first hold or base there), ``claimant_id``, ``claimant``, ``family``,
        ``start``, ``end``, ``precision``, ``window`` (in words), ``words`` (the source's
        words), ``group`` (the group joined, for a switch), ``report_id``, ``outlet``,
        ``outlets``, ``when`` and ``said`` (when the claim was made, at its precision),
        ``locator``; sorted by start, end and claimant.
    """
    c = claims_table(include_tertiary, claims=claims)
    sw = (c["quantity"] == "switch_date") & c["subject_id"].isin(SWITCH_SUBJECTS)
    ev = (c["quantity"] == "event_date") & c["event_id"].isin(START_EVENTS)
    d = c[(sw | ev) & (c["kind"] == "date") & c["value_date_start"].notna()].copy()
    d = _collapse(d, ["quantity", "claimant_id", "value_date_start", "value_date_end", "report_id"])
    what = ["switch" if q == "switch_date" else "start in the districts" for q in d["quantity"]]
    out = pd.DataFrame(
        {
            "what": what,
            "claimant_id": d["claimant_id"].astype(str),
            "claimant": d["claimant_name"].astype(str),
            "family": d["claimant_family"].astype(str),
            "start": pd.to_datetime(d["value_date_start"]),
            "end": pd.to_datetime(d["value_date_end"]),
            "precision": d["value_date_precision"].astype(str),
            "window": [window_text(s, e, p) for s, e, p in
                       zip(d["value_date_start"], d["value_date_end"], d["value_date_precision"])],
            "words": d["value_text"].astype(str),
            "group": actor_names(d["value_actor_id"]).fillna("").astype(str).to_numpy(),
            "report_id": d["report_id"].astype(str),
            "outlet": d["outlet_names"].astype(str),
            "outlets": d["outlets"].astype(int),
            "when": pd.to_datetime(d["when"]),
            "said": [said_text(w, p) for w, p in zip(d["when"], d["when_precision"])],
            "locator": d["locator"].astype(str),
        }
    )
    return out.sort_values(["start", "end", "claimant"]).reset_index(drop=True)


def switch_years(dates: pd.DataFrame) -> pd.DataFrame:
    """How many reports and claimants put the switch in each year (windows that span years apart).

    Parameters
    ----------
    dates : pandas.DataFrame
        Rows of :func:`switch_dates`.

    Returns
    -------
    pandas.DataFrame
        ``year`` (or ``"spans years"``), ``claims``, ``reports``, ``claimants`` (names, joined
        with commas); switch claims only.
    """
    s = dates[dates["what"] == "switch"].copy()
    s["year"] = [str(a.year) if a.year == b.year else "spans years" for a, b in zip(s["start"], s["end"])]
    rows = []
    for y, g in s.groupby("year"):
        rows.append({"year": y, "claims": len(g), "reports": g["report_id"].nunique(),
                     "claimants": ", ".join(dict.fromkeys(g["claimant"]))})
    return pd.DataFrame(rows)


def _event_frame(ids) -> pd.DataFrame:
    e = load_events().set_index("event_id")
    e = e.loc[[i for i in ids if i in e.index]]
    return e


def fighting_tolls(include_tertiary: bool = False, claims: pd.DataFrame | None = None, events=FIGHTING_EVENTS) -> pd.DataFrame:
    """Every number claimed for the clashes and attacks of 2016-2017, one row per claimant and report.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's.
    events : sequence of str
        The events read (default :data:`FIGHTING_EVENTS`).

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``event`` (the coder's label), ``event_date`` (the event's window at its
        precision), ``quantity``, ``subject`` (whose dead or wounded), ``value`` (in words),
        ``lower``, ``upper``, ``qualifier``, ``open_above`` (a floor), ``open_below`` (a ceiling),
        ``scope``, ``claimant_id``, ``claimant``, ``family``, ``outlet``, ``outlets``,
        ``report_id``, ``said``, ``locator``; in event order.
    """
    c = claims_table(include_tertiary, claims=claims)
    c = c[c["event_id"].isin(events) & (c["kind"] == "number") & c["quantity"].isin(TOLL_QUANTITIES)]
    c = _collapse(c, ["event_id", "quantity", "subject_id", "claimant_id", "report_id", "lower", "upper", "scope"])
    ev = _event_frame(events)
    order = {e: i for i, e in enumerate(events)}
    out = pd.DataFrame(
        {
            "event_id": c["event_id"].astype(str),
            "event": c["event_id"].map(ev["label"]).astype(str),
            "event_date": [window_text(ev.loc[e, "date_start"], ev.loc[e, "date_end"], ev.loc[e, "date_precision"])
                           for e in c["event_id"]],
            "quantity": c["quantity"].astype(str),
            "subject": actor_names(c["subject_id"]).fillna("").astype(str).to_numpy(),
            "value": [value_words(lo, hi, q) for lo, hi, q in zip(c["lower"], c["upper"], c["qualifier"])],
            "lower": c["lower"].astype("Int64"),
            "upper": c["upper"].astype("Int64"),
            "qualifier": c["qualifier"].astype(str),
            "open_above": c["open_above"].astype(bool),
            "open_below": c["open_below"].astype(bool),
            "scope": c["scope"].astype(str),
            "claimant_id": c["claimant_id"].astype(str),
            "claimant": c["claimant_name"].astype(str),
            "family": c["claimant_family"].astype(str),
            "outlet": c["outlet_names"].astype(str),
            "outlets": c["outlets"].astype(int),
            "report_id": c["report_id"].astype(str),
            "said": [said_text(w, p) for w, p in zip(c["when"], c["when_precision"])],
            "locator": c["locator"].astype(str),
        }
    )
    out["_o"] = out["event_id"].map(order)
    return out.sort_values(["_o", "quantity", "subject", "claimant"]).drop(columns="_o").reset_index(drop=True)


def who_did_it(include_tertiary: bool = False, claims: pd.DataFrame | None = None, events=FIGHTING_EVENTS) -> pd.DataFrame:
    """Who each claimant says did, led, claimed or received each event: perpetrators and credit.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's.
    events : sequence of str
        The events read.

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``event``, ``role`` (perpetrator, credit, surrendered_to, leader),
        ``actor`` (the actor named), ``stance`` (``asserted`` or ``denied``: a denied credit is a
        claim of responsibility the claimant says was not made), ``words``, ``claimant_id``,
        ``claimant``, ``family``, ``outlet``, ``outlets``, ``report_id``, ``said``, ``locator``;
        one row per claimant, report, role and actor, in event order.
    """
    c = claims_table(include_tertiary, claims=claims)
    c = c[c["event_id"].isin(events) & (c["kind"] == "actor") & c["quantity"].isin(ACTOR_QUANTITIES)]
    c = _collapse(c, ["event_id", "quantity", "value_actor_id", "stance", "claimant_id", "report_id"])
    ev = _event_frame(events)
    order = {e: i for i, e in enumerate(events)}
    out = pd.DataFrame(
        {
            "event_id": c["event_id"].astype(str),
            "event": c["event_id"].map(ev["label"]).astype(str),
            "role": c["quantity"].astype(str),
            "actor": actor_names(c["value_actor_id"]).fillna("").astype(str).to_numpy(),
            "actor_id": c["value_actor_id"].astype(str),
            "stance": c["stance"].astype(str),
            "words": c["value_text"].astype(str),
            "claimant_id": c["claimant_id"].astype(str),
            "claimant": c["claimant_name"].astype(str),
            "family": c["claimant_family"].astype(str),
            "outlet": c["outlet_names"].astype(str),
            "outlets": c["outlets"].astype(int),
            "report_id": c["report_id"].astype(str),
            "said": [said_text(w, p) for w, p in zip(c["when"], c["when_precision"])],
            "locator": c["locator"].astype(str),
        }
    )
    out["_o"] = out["event_id"].map(order)
    return out.sort_values(["_o", "role", "said", "claimant"]).drop(columns="_o").reset_index(drop=True)


def darzab_events() -> list[str]:
    """The fall of Darzab's countryside, its sub-events and the takings of the district centre in its weeks.

    Returns
    -------
    list of str
        :data:`DARZAB_FALLS`, the events whose parent it is, and every event at the Darzab
        district centre whose window overlaps June 2017, in date order.
    """
    e = load_events()
    falls = e[e["event_id"] == DARZAB_FALLS].iloc[0]
    sub = e["parent_event_id"] == DARZAB_FALLS
    lo = falls["date_start"].replace(day=1)
    hi = falls["date_end"]
    centre = (e["place_id"] == "darzab_centre") & (e["date_start"] <= hi) & (e["date_end"] >= lo)
    keep = e[(e["event_id"] == DARZAB_FALLS) | sub | centre].sort_values(["date_start", "event_id"])
    return list(keep["event_id"])


def darzab_accounts(include_tertiary: bool = False, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who took Darzab in June 2017, by each account: actor claims and dates, claimant by claimant.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's.

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``event``, ``event_date``, ``role`` (perpetrator, credit, surrendered_to),
        ``actor``, ``stance``, ``words``, ``claimant``, ``family``, ``outlet``, ``outlets``,
        ``report_id``, ``said``, ``locator``.
    """
    ids = darzab_events()
    a = who_did_it(include_tertiary, claims, events=ids)
    ev = _event_frame(ids)
    a.insert(2, "event_date", [window_text(ev.loc[e, "date_start"], ev.loc[e, "date_end"], ev.loc[e, "date_precision"])
                               for e in a["event_id"]])
    return a


def october_accounts(include_tertiary: bool = False, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the AAN says of October 2017 in each of its texts: whose offensive, when, in which paragraph.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's.

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``event`` (the coder's label), ``kind`` (date or actor), ``says`` (the
        window, or the actor named), ``words`` (the source's words), ``report_id``,
        ``outlet``, ``said``, ``locator``; the AAN's own claims only, by report and paragraph.
    """
    c = claims_table(include_tertiary, claims=claims)
    c = c[c["event_id"].isin(OCTOBER_EVENTS) & (c["claimant_id"] == "aan") & c["kind"].isin(["date", "actor"])
          & c["quantity"].isin(["event_date", "perpetrator"])]
    c = _collapse(c, ["event_id", "kind", "value_date_start", "value_date_end", "value_actor_id", "report_id"])
    ev = load_events().set_index("event_id")
    says = []
    for _, r in c.iterrows():
        if r["kind"] == "date":
            says.append(window_text(r["value_date_start"], r["value_date_end"], r["value_date_precision"]))
        else:
            says.append(str(actor_names(pd.Series([r["value_actor_id"]])).iloc[0]))
    out = pd.DataFrame(
        {
            "event_id": c["event_id"].astype(str),
            "event": c["event_id"].map(ev["label"]).astype(str),
            "kind": c["kind"].astype(str),
            "says": says,
            "words": c["value_text"].astype(str),
            "report_id": c["report_id"].astype(str),
            "outlet": c["outlet_names"].astype(str),
            "said": [said_text(w, p) for w, p in zip(c["when"], c["when_precision"])],
            "locator": c["locator"].astype(str),
        }
    )
    return out.sort_values(["said", "report_id", "locator", "kind"]).reset_index(drop=True)


def key_values(include_tertiary: bool = False, claims: pd.DataFrame | None = None) -> list[tuple[str, object, str]]:
    """Every value the section on the rise prints, each taken from the claimant its sentence names.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's.

    Returns
    -------
    list of tuple
        ``(key, value, description)``.

    Raises
    ------
    analysis.data.claims.ClaimSelectionError
        When a named claimant's claim is missing or no longer single.
    analysis.data.claims.RankChanged
        When the claimant a sentence ranks first no longer is.
    """
    from analysis.data.claims import expect_rank
    from analysis.topics.governance import _names, _one

    out = []

    def put(key, value, description):
        out.append((key, value.item() if hasattr(value, "item") else value, description))

    d = switch_dates(include_tertiary, claims)
    sw = d[d["what"] == "switch"]
    put("switch_claims", len(sw), "Datings of Hekmat's switch, one per claimant, report and window")
    put("switch_reports", sw["report_id"].nunique(), "Reports dating the switch")
    put("switch_claimants", sw["claimant_id"].nunique(), "Claimants dating the switch")
    years = switch_years(d)
    put("switch_years", int((years["year"] != "spans years").sum()), "Calendar years the switch is put in")
    named = sorted(y for y in years["year"] if y != "spans years")
    put("switch_first_year", str(named[0]), "Earliest calendar year the switch is put in")
    put("switch_last_year", str(named[-1]), "Latest calendar year the switch is put in")
    put("switch_2015_claimants", _names(_one(years, year="2015")["claimants"].split(", ")), "Who puts the switch in 2015")
    aan = _one(sw, claimant_id="aan", report_id="aan2018")
    put("aan_2018_window", aan["window"], "AAN's year of the switch, March 2018 report")
    aan17 = sw[(sw["claimant_id"] == "aan") & (sw["report_id"] != "aan2018")]
    put("aan_2017_window", _one(aan17, claimant_id="aan")["window"], "AAN's year of the switch, November 2017 piece")
    put("aan_2017_mirrors", int(_one(aan17, claimant_id="aan")["outlets"]), "Mirrors on the shelf of AAN's November 2017 piece")
    first = expect_rank(sw, "when", "abdul_hafiz_khashay", largest=False)
    put("khashay_window", first["window"], "Window of Khashay's 'recently joined' (Salam Watandar)")
    put("khashay_said", first["said"], "When Khashay spoke")
    nyt = _one(sw, claimant_id="local_officials", outlet="The New York Times")
    put("nyt_window", nyt["window"], "Window of the NYT's local officials' 'recently switched'")
    put("nyt_said", nyt["said"], "When the NYT story ran")
    rt = sw[sw["report_id"] == "orig_reuters_2017_11_reign_of_terror"]
    put("reuters17_residents_window", _one(rt, claimant_id="residents")["window"], "Residents' window, Reuters November 2017")
    put("reuters17_officials_window", _one(rt, claimant_id="local_officials")["window"], "Local officials' window, Reuters November 2017")
    rt18 = sw[sw["report_id"] == "orig_reuters_2018_04_07_hekmat_killed"]
    put("reuters18_window", _one(rt18, claimant_id="reuters")["window"], "Reuters' own year of the switch, April 2018")
    put("ariana_window", _one(sw, claimant_id="ariana_news")["window"], "Ariana News' year of the switch, April 2018")
    st = d[d["what"] != "switch"]
    put("presstv_window", _one(st, claimant_id="hekmatullah_aminzada")["window"], "Aminzada's start of the Qush Tepa stronghold")
    put("xinhua_window", _one(st, claimant_id="xinhua")["window"], "Xinhua's window for IS taking a Taleban base in Darzab")
    put("rfi_window", _one(st, claimant_id="rfi")["window"], "RFI's window for IS appearing in the area")

    t = fighting_tolls(include_tertiary, claims)
    w = who_did_it(include_tertiary, claims)
    icrc = t[t["event_id"] == "ev_2017_icrc_staff_killed"]
    put("icrc_killed", int(_one(icrc, claimant_id="icrc", quantity="killed")["lower"]), "ICRC staff killed, per the ICRC")
    put("icrc_missing", int(_one(icrc, claimant_id="icrc", quantity="staff_missing")["lower"]), "ICRC staff missing, per the ICRC")
    iw = w[w["event_id"] == "ev_2017_icrc_staff_killed"]
    blame = iw[(iw["role"] == "perpetrator") & (iw["actor_id"] == "hekmat_group")]
    put("icrc_blame_claimants", _names(blame["claimant"]), "Who blamed Hekmat's group or IS for the ICRC killing")
    put("icrc_blame_reports", blame["report_id"].nunique(), "Reports blaming the group")
    nocred = iw[(iw["role"] == "credit") & (iw["stance"] == "denied")]
    put("icrc_no_credit_reports", nocred["report_id"].nunique(), "Reports noting that no IS branch claimed the killing")
    apr = t[t["event_id"] == "ev_2017_04_darzab_taleban_daesh_clash"]
    put("april_police", int(_one(apr, claimant_id="anp")["lower"]), "Killed on both sides in April 2017, per the police (about)")
    put("april_turkistani", int(_one(apr, claimant_id="rahmatullah_turkistani")["lower"]), "Killed on both sides in April 2017, per Turkistani")
    mo = t[t["event_id"] == "ev_2017_mirza_olang"]
    put("mirza_killed_floor", int(_one(mo, claimant_id="sar_e_pul_governor", quantity="killed")["lower"]), "Sar-e Pul governor's floor on Mirza Olang residents killed")
    put("mirza_abducted_ceiling", int(_one(mo, claimant_id="sar_e_pul_governor", quantity="abducted")["upper"]), "Sar-e Pul governor's ceiling on families abducted")
    put("mirza_girls_missing", int(_one(mo, claimant_id="sar_e_pul_governor", quantity="missing")["lower"]), "Girls missing, per the Sar-e Pul governor (about)")
    mw = w[(w["event_id"] == "ev_2017_mirza_olang") & (w["role"] == "perpetrator")]
    put("mirza_is_blamers", _names(mw.loc[mw["actor_id"] == "iskp", "claimant"]), "Who named IS among the Mirza Olang attackers")
    gs = t[t["event_id"] == "ev_2017_10_03_gardan_shirbik"]
    put("gardan_is_killed", int(_one(gs, claimant_id="aminullah_amin", quantity="killed", subject="Qari Hekmat's group")["lower"]), "IS fighters killed at Gardan and Shirbik, per Amin")
    put("gardan_taleban_killed", int(_one(gs, claimant_id="aminullah_amin", quantity="killed", subject="Taleban")["lower"]), "Taleban killed at Gardan and Shirbik, per Amin")
    put("gardan_villages", int(_one(gs, quantity="villages")["lower"]), "Villages the group took, per Amin")
    cq = t[(t["event_id"] == "ev_2017_10_chaqma_chaghur_retaken") & (t["subject"] == "Qari Hekmat's group")]
    put("chaqma_presstv", int(_one(cq, claimant_id="presstv", quantity="killed")["lower"]), "IS dead at Chaqma Chaghur, Press TV in its own voice")
    put("chaqma_aminzada", int(_one(cq, claimant_id="hekmatullah_aminzada", open_above=True)["lower"]), "Aminzada's floor on IS dead ('dozens')")
    co = t[t["event_id"] == "ev_2017_10_taleban_counteroffensive"]
    put("october_taleban_floor", int(_one(co, claimant_id="aan")["lower"]), "AAN's floor on Taleban fighters in the late-October counter-offensive ('hundreds')")

    fa = fighting_tolls(include_tertiary, claims, events=darzab_events())
    fl = fa[fa["event_id"] == DARZAB_FALLS]
    put("darzab_share_dawar", int(_one(fl, claimant_id="baz_muhammad_dawar", quantity="territory_share")["lower"]), "Share of Darzab taken, per Dawar (per cent)")
    put("darzab_killed_officials", int(_one(fl, claimant_id="local_officials", quantity="killed")["lower"]), "Government fighters killed, local officials' floor (NYT)")
    put("darzab_killed_dawar", int(_one(fl, claimant_id="baz_muhammad_dawar", quantity="killed")["lower"]), "Police and soldiers killed, per Dawar (NYT)")
    put("darzab_displaced", int(_one(fl, claimant_id="unocha")["lower"]), "People who fled the Darzab fighting, per UNOCHA (about)")
    put("darzab_checkpoints", int(_one(fl, claimant_id="risk_advisory")["upper"]), "Risk Advisory's ceiling on checkpoints attacked")
    ct = fa[fa["event_id"] == "ev_2017_darzab_centre_taleban"]
    gov = ct[(ct["claimant_id"] == "taleban") & (ct["quantity"] == "killed") & (ct["subject"] != "Taleban")]
    put("centre_taleban_police_killed", int(_one(gov, claimant_id="taleban")["lower"]), "Police and militia killed, per the Taleban's claim of the centre")
    ia = fa[fa["event_id"] == "ev_2017_darzab_centre_is_attack"]
    put("centre_is_attack_is_killed", int(_one(ia, subject="Qari Hekmat's group")["lower"]), "IS fighters killed in the repelled attack on the centre, per local officials (LWJ)")
    a = darzab_accounts(include_tertiary, claims)
    put("darzab_account_claimants", a["claimant_id"].nunique(), "Claimants naming who took, held or lost Darzab in June 2017")
    put("darzab_account_reports", a["report_id"].nunique(), "Reports naming them")
    fall_dates = claims_table(include_tertiary, claims=claims)
    fall_dates = fall_dates[(fall_dates["event_id"] == DARZAB_FALLS) & (fall_dates["kind"] == "date")]
    put("darzab_date_reports", fall_dates["report_id"].nunique(), "Reports dating the fall of Darzab")
    return out
