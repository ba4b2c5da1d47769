"""Control and governance: territory claimed, schools, the shadow administration and the children.

Every count is kept at the scope its claimant gives it: schools shut in Darzab are never added to
schools destroyed in Darzab, nor a count for both districts compared with one for a single
district. A floor ("more than 75") stays a floor. Copies of one wire story collapse to one report,
which carries the number of outlets that printed it. The shadow administration is the AAN
report's account as told to it by people close to Hekmat: a list of bodies and heads, with no
hierarchy the report does not give (the review's D26).
"""
from __future__ import annotations

import pandas as pd

from analysis.data.actors import actor_families
from analysis.data.claims import claims_table
from analysis.data.load import load_actors, load_administration, load_places, load_sources

#: The districts of the enclave and the composite place that stands for both.
ENCLAVE_PLACES = ("darzab", "qush_tepa", "enclave")
#: Quantities that measure schools and schooling.
SCHOOL_QUANTITIES = ("schools", "schools_shut", "schools_destroyed", "students")
#: Quantities that measure ground held.
TERRITORY_QUANTITIES = ("territory_share", "districts", "villages", "posts_held")
#: Quantities that count children.
CHILD_QUANTITIES = ("children", "children_trained")
#: Words in a claim's scope that make a count of children one about training, recruitment or abduction.
CHILD_SCOPE_WORDS = ("train", "abduct", "school", "taken", "under 18")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_SEASONS = {1: "early", 5: "mid", 9: "late"}
_WIRES = {"Agence France-Presse": "AFP", "Associated Press": "AP", "Reuters": "Reuters"}


def when_text(when, precision) -> str:
    """When a claim was made, at the precision it has: "20 June 2017", "July 2017", "2017".

    Parameters
    ----------
    when : datetime-like or NA
        The stored date (the first day of its period).
    precision : str
        ``day``, ``range`` (printed as the month the span starts in), ``month``, ``season``,
        ``year`` or ``unknown``.

    Returns
    -------
    str
        The date in words, ``"undated"`` when there is none.
    """
    if when is None or pd.isna(when):
        return "undated"
    when = pd.Timestamp(when)
    month = f"{_MONTHS[when.month - 1]} {when.year}"
    if precision == "day":
        return f"{when.day} {month}"
    if precision in ("range", "month"):
        return month
    if precision == "season":
        return f"{_SEASONS.get(when.month, 'part of')} {when.year}"
    return str(when.year)


def value_words(lower, upper, qualifier) -> str:
    """A number as its claimant bounds it: "42", "about 12", "at least 75", "at most 36", "10-15".

    Parameters
    ----------
    lower, upper : int or NA
        The claim's interval.
    qualifier : str
        ``exact``, ``approx``, ``at_least``, ``at_most`` or ``range``.

    Returns
    -------
    str
        The value in words with thousands separators.
    """
    if pd.isna(lower) and pd.isna(upper):
        return "no number"
    lo, hi = (int(v) if pd.notna(v) else None for v in (lower, upper))
    if qualifier == "at_least":
        return f"at least {lo:,}"
    if qualifier == "at_most":
        return f"at most {hi:,}"
    if qualifier == "range" and lo != hi:
        return f"{lo:,}-{hi:,}"
    if qualifier == "approx":
        return f"about {lo:,}"
    return f"{lo:,}"


def _outlet(publisher) -> str:
    p = str(publisher)
    for long, short in _WIRES.items():
        if long in p:
            return short
    return p.split(" (")[0].split(",")[0].strip()


def report_outlet(report_id: str) -> str:
    """The outlet of a report: the original's publisher for reprints (AFP, Reuters, The New York Times).

    Parameters
    ----------
    report_id : str
        A ``report_id`` of :func:`analysis.data.claims.claims_table`.

    Returns
    -------
    str
        A short outlet name.
    """
    pubs = load_sources().set_index("source_id")["publisher"]
    return _outlet(pubs.get(report_id, report_id))


def _by_report(c: pd.DataFrame) -> pd.DataFrame:
    """One row per claimant, report and value: reprints of one story are one claim."""
    key = ["quantity", "place_id", "claimant_id", "report_id", "lower", "upper", "qualifier", "scope_group"]
    c = c.copy()
    c["scope_group"] = c["scope"].fillna("")
    rows = []
    for _, g in c.groupby([c[k].astype("string").fillna("") for k in key], sort=False):
        f = g.sort_values(["grade", "claim_id"]).iloc[0].copy()
        f["outlets"] = g["publisher"].nunique()
        f["outlet_names"] = report_outlet(f["report_id"])
        f["when"] = g["when"].min()
        rows.append(f)
    return pd.DataFrame(rows).drop(columns="scope_group").reset_index(drop=True)


def _frame(c: pd.DataFrame, measure: pd.Series) -> pd.DataFrame:
    places = load_places().set_index("place_id")["name"]
    place = c["place_id"].map(lambda p: "Darzab and Qush Tepa" if p == "enclave" else places.get(p, p))
    place = place.fillna("no place stated")
    return pd.DataFrame(
        {
            "quantity": c["quantity"].astype(str),
            "measure": measure,
            "place_id": c["place_id"].astype(str),
            "place": place,
            "scope": c["scope"].astype(str),
            "lower": c["lower"].astype("Int64"),
            "upper": c["upper"].astype("Int64"),
            "qualifier": c["qualifier"].astype(str),
            "open_above": c["open_above"].astype(bool),
            "open_below": c["open_below"].astype(bool),
            "value": [value_words(lo, hi, q) for lo, hi, q in zip(c["lower"], c["upper"], c["qualifier"])],
            "claimant_id": c["claimant_id"].astype(str),
            "claimant": c["claimant_name"].astype(str),
            "family": c["claimant_family"].astype(str),
            "outlet": c["outlet_names"].astype(str),
            "outlets": c["outlets"].astype(int),
            "report_id": c["report_id"].astype(str),
            "when": pd.to_datetime(c["when"]),
            "said": [when_text(w, p) for w, p in zip(c["when"], c["when_precision"])],
            "locator": c["locator"].astype(str),
        }
    )


def school_measure(quantity: str, subject_family, scope: str) -> str:
    """What a school count measures, in a few words, from its quantity, subject and scope.

    Parameters
    ----------
    quantity : str
        ``schools``, ``schools_shut``, ``schools_destroyed`` or ``students``.
    subject_family : str or NA
        Family of the claim's subject (``hekmat`` for counts of schools under the group).
    scope : str
        The claim's scope words.

    Returns
    -------
    str
        ``"shut"``, ``"shut: girls' schools"``, ``"shut: boys' schools"``, ``"destroyed"``,
        ``"in IS-held areas"``, ``"in total"`` or ``"students"``.
    """
    s = scope.lower()
    if quantity == "students":
        return "students"
    if quantity == "schools_destroyed":
        return "destroyed"
    if quantity == "schools_shut":
        if s.startswith("girls'"):
            return "shut: girls' schools"
        if s.startswith("boys'"):
            return "shut: boys' schools"
        return "shut"
    return "in IS-held areas" if isinstance(subject_family, str) and subject_family == "hekmat" else "in total"


#: Order of the school measures in tables and figures.
SCHOOL_MEASURES = ("in total", "shut", "shut: girls' schools", "shut: boys' schools", "destroyed",
                   "in IS-held areas", "students")


def school_claims(districts=("darzab", "qush_tepa"), include_tertiary: bool = False,
                  claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every count of schools and students for the enclave, one row per claimant, report and value.

    Parameters
    ----------
    districts : sequence of str
        Place ids of the districts shown (``darzab``, ``qush_tepa``); a count for both districts
        together (place ``enclave``) is kept only when both are chosen.
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's (for tests).

    Returns
    -------
    pandas.DataFrame
        ``quantity``, ``measure`` (see :func:`school_measure`), ``place_id``, ``place``, ``scope``,
        ``lower``, ``upper``, ``qualifier``, ``open_above`` (a floor), ``open_below`` (a ceiling),
        ``value`` (in words), ``claimant_id``, ``claimant``, ``family``, ``outlet``, ``outlets``
        (how many outlets printed the report), ``report_id``, ``when``, ``said`` (when, at its
        precision), ``locator``; sorted by measure, place and date.
    """
    places = list(districts) + (["enclave"] if {"darzab", "qush_tepa"} <= set(districts) else [])
    c = claims_table(include_tertiary, claims=claims)
    c = c[c["quantity"].isin(SCHOOL_QUANTITIES) & c["place_id"].isin(places) & (c["kind"] == "number")]
    c = _by_report(c)
    fam = actor_families(c["subject_id"]).reset_index(drop=True)
    measure = pd.Series([school_measure(q, f, str(s)) for q, f, s in zip(c["quantity"], fam, c["scope"])])
    out = _frame(c, measure)
    out["_m"] = out["measure"].map({m: i for i, m in enumerate(SCHOOL_MEASURES)})
    return out.sort_values(["_m", "place", "when", "claimant"]).drop(columns="_m").reset_index(drop=True)


def territory_claims(districts=("darzab", "qush_tepa"), include_tertiary: bool = False,
                     claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every claim of ground held in the enclave: share of a district, districts, villages, posts.

    Parameters
    ----------
    districts : sequence of str
        As for :func:`school_claims`; claims about Jawzjan as a whole are kept too.
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`school_claims`, ``measure`` being the quantity in words; only
        claims about Hekmat's group (or, for posts held, about the government's forces); sorted by
        date.
    """
    places = list(districts) + ["jawzjan"] + (["enclave"] if {"darzab", "qush_tepa"} <= set(districts) else [])
    c = claims_table(include_tertiary, claims=claims)
    c = c[c["quantity"].isin(TERRITORY_QUANTITIES) & c["place_id"].isin(places) & (c["kind"] == "number")]
    fam = actor_families(c["subject_id"])
    c = c[(fam == "hekmat").fillna(False).to_numpy(dtype=bool) | (c["quantity"] == "posts_held").to_numpy(dtype=bool)]
    c = _by_report(c)
    words = {"territory_share": "share of territory, per cent", "districts": "districts",
             "villages": "villages", "posts_held": "posts still held by the government"}
    out = _frame(c, c["quantity"].map(words))
    return out.sort_values(["when", "claimant"]).reset_index(drop=True)


def children_claims(include_tertiary: bool = False, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every count of children said to be trained, recruited, abducted or schooled by the group.

    Parameters
    ----------
    include_tertiary : bool
        Keep claims from Wikipedia-derived pages.
    claims : pandas.DataFrame, optional
        Raw claims to use instead of the data's.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`school_claims` (``measure`` is the quantity), for counts of children
        whose scope speaks of training, abduction, a school, children taken, or fighters under 18;
        sorted by date.
    """
    c = claims_table(include_tertiary, claims=claims)
    c = c[c["quantity"].isin(CHILD_QUANTITIES) & (c["kind"] == "number")]
    scope = c["scope"].fillna("").str.lower()
    c = c[scope.apply(lambda s: any(w in s for w in CHILD_SCOPE_WORDS))]
    c = _by_report(c)
    out = _frame(c, c["quantity"].map({"children": "children", "children_trained": "children trained"}))
    return out.sort_values(["when", "claimant"]).reset_index(drop=True)


def administration() -> pd.DataFrame:
    """The shadow administration as the AAN report describes it: bodies, terms and heads, no hierarchy.

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``body``, ``term`` (the group's own term, empty where the report gives none),
        ``kind`` (council, deputy, unit), ``head`` (``not named`` where the report names
        nobody), ``locator``; the council first, then the deputies, then the units in the data's order.
    """
    a = load_administration()
    names = load_actors().set_index("actor_id")["name"]
    order = {"council": 0, "deputy": 1, "unit": 2}
    out = pd.DataFrame(
        {
            "unit_id": a["unit_id"].astype(str),
            "body": a["name_en"].astype(str),
            "term": a["term"].fillna("").astype(str),
            "kind": a["unit_kind"].astype(str),
            "head": a["head_actor_id"].map(names).fillna("not named").astype(str),
            "locator": a["locator"].astype(str),
        }
    )
    out["_o"] = out["kind"].map(order)
    out["_i"] = range(len(out))
    return out.sort_values(["_o", "_i"]).drop(columns=["_o", "_i"]).reset_index(drop=True)


def schools_table(districts=("darzab", "qush_tepa")) -> pd.DataFrame:
    """AAN's pair of school figures per district (shut and in total), with the share shut.

    Only a claimant's own pair is set side by side: the shut and total counts come from the same
    claimant in the same report, so the share never mixes scopes or sources.

    Parameters
    ----------
    districts : sequence of str
        Place ids of districts.

    Returns
    -------
    pandas.DataFrame
        ``place_id``, ``district``, ``shut``, ``total``, ``share_shut``, ``claimant``,
        ``claimant_id``, ``report_id``; one row per district and claimant-report pair with
        exact values for both.

    Raises
    ------
    ValueError
        For a district with no such pair.
    """
    s = school_claims(districts)
    rows = []
    for d in districts:
        here = s[(s["place_id"] == d) & (s["qualifier"] == "exact")]
        shut = here[here["measure"] == "shut"]
        total = here[here["measure"] == "in total"]
        pairs = shut.merge(total, on=["claimant_id", "report_id"], suffixes=("_s", "_t"))
        if pairs.empty:
            raise ValueError(f"{d!r}: no claimant gives both schools shut and schools in total in one report")
        for _, p in pairs.iterrows():
            rows.append({"place_id": d, "district": p["place_s"], "shut": int(p["lower_s"]),
                         "total": int(p["lower_t"]), "share_shut": round(int(p["lower_s"]) / int(p["lower_t"]), 4),
                         "claimant": p["claimant_s"], "claimant_id": p["claimant_id"], "report_id": p["report_id"]})
    return pd.DataFrame(rows)


def _one(df: pd.DataFrame, **criteria) -> pd.Series:
    """The single row matching the criteria (for a sentence that names its claimant)."""
    from analysis.data.claims import ClaimSelectionError

    m = pd.Series(True, index=df.index)
    for k, v in criteria.items():
        m &= df[k].astype("string") == str(v)
    if m.sum() != 1:
        raise ClaimSelectionError(f"expected one row with {criteria}; found {int(m.sum())}")
    return df[m].iloc[0]


def _names(values) -> str:
    vals = list(dict.fromkeys(str(v) for v in values))
    if len(vals) <= 1:
        return "".join(vals)
    return ", ".join(vals[:-1]) + " and " + vals[-1]


def key_values(districts=("darzab", "qush_tepa"), include_tertiary: bool = False,
               claims: pd.DataFrame | None = None) -> list[tuple[str, object, str]]:
    """Every value the governance section prints, each taken from the claimant the sentence names.

    Parameters
    ----------
    districts : sequence of str
        As for :func:`school_claims`; the values about both districts need both.
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

    out = []

    def put(key, value, description):
        out.append((key, value.item() if hasattr(value, "item") else value, description))

    s = school_claims(districts, include_tertiary, claims)
    pairs = schools_table(districts)
    for _, p in pairs.iterrows():
        d = p["place_id"]
        put(f"schools_shut_{d}", int(p["shut"]), f"Schools shut in {p['district']}, AAN's figure from the education department")
        put(f"schools_total_{d}", int(p["total"]), f"Schools in {p['district']}, AAN's figure from the education department")
        put(f"schools_shut_pct_{d}", round(100 * p["share_shut"]), f"Share of schools shut in {p['district']}, per cent")
    put("schools_shut", int(pairs["shut"].sum()), "Schools shut in the districts shown, AAN's figures added")
    put("schools_total", int(pairs["total"].sum()), "Schools in the districts shown, AAN's figures added")
    put("schools_shut_pct", round(100 * pairs["shut"].sum() / pairs["total"].sum()), "Share shut across the districts shown, per cent")
    put("school_claims", len(s[s["measure"] != "students"]), "Counts of schools, one per claimant, report and value")
    put("school_reports", s.loc[s["measure"] != "students", "report_id"].nunique(), "Reports giving a count of schools")
    if "darzab" in districts:
        tot = s[(s["measure"] == "in total") & (s["place_id"] == "darzab")]
        mid = tot[tot["when"] < pd.Timestamp("2018-01-01")]
        put("darzab_total_2017", int(mid["lower"].max()), "Schools in Darzab as counted in mid-2017")
        put("darzab_total_2017_claims", len(mid), "Mid-2017 claims giving Darzab's schools in total")
        put("darzab_total_2017_outlets", _names(mid["outlet"]), "Outlets giving Darzab's total in mid-2017")
        put("yashen_total_2017", int(_one(mid, claimant_id="abdulhai_yashen")["lower"]),
            "Schools in Darzab per Yashen to Salaam Times, August 2017")
        dest = s[(s["measure"] == "destroyed") & (s["place_id"] == "darzab")]
        top = expect_rank(dest, "lower", "abdul_rahman_mahmoodi")
        put("destroyed_mahmoodi", int(top["lower"]), "Mahmoodi's floor on schools destroyed in Darzab (dozens)")
        put("destroyed_tolo_officials", int(_one(dest, claimant_id="local_officials", outlet="TOLOnews")["lower"]),
            "Schools destroyed in Darzab besides the burned girls' school, local officials to TOLOnews")
        put("destroyed_dozen_claims", int((dest["lower"] == 12).sum()), "Claims putting Darzab's destroyed schools at a dozen")
        put("destroyed_claims", len(dest), "Claims of schools destroyed in Darzab")
        isa = s[(s["measure"] == "in IS-held areas") & (s["place_id"] == "darzab")]
        put("is_areas_dawar", int(_one(isa, claimant_id="baz_muhammad_dawar")["lower"]), "Darzab schools under the group, per Dawar (June 2017)")
        put("is_areas_yashen", int(_one(isa, claimant_id="abdulhai_yashen")["lower"]), "Darzab schools in IS-held areas, per Yashen (August 2017)")
        stu = s[(s["measure"] == "students") & (s["place_id"] == "darzab")]
        put("students_voa", int(_one(stu, claimant_id="voa")["lower"]), "Students enrolled in Darzab's schools, per VOA")
        put("students_yashen", int(_one(stu, claimant_id="abdulhai_yashen")["lower"]), "Yashen's floor on Darzab's students")
        banned = s[(s["claimant_id"] == "former_education_official") & (s["measure"] == "shut")]
        put("banned_darzab", int(_one(banned, place_id="darzab")["lower"]), "Darzab schools IS said it had banned, per a former education official")
        if "qush_tepa" in districts:
            put("banned_qush_tepa", int(_one(banned, place_id="qush_tepa")["lower"]), "Qush Tepa schools IS said it had banned, per the same official")
    if {"darzab", "qush_tepa"} <= set(districts):
        both = s[s["place_id"] == "enclave"]
        put("karimi_shut_floor", int(_one(both, claimant_id="halima_karimi", measure="shut")["lower"]), "Karimi's floor on schools shut in both districts")
        put("karimi_students_floor", int(_one(both, claimant_id="halima_karimi", measure="students")["lower"]), "Karimi's floor on students of the shut schools")
        put("girls_schools", int(_one(both, measure="shut: girls' schools")["lower"]), "Girls' schools among those shut, per the education department")
        put("boys_schools", int(_one(both, measure="shut: boys' schools")["lower"]), "Boys' schools among those shut, per the education department")
    t = territory_claims(districts, include_tertiary, claims)
    put("territory_claims", len(t), "Claims of ground held in the enclave")
    if "darzab" in districts:
        put("share_dawar", int(_one(t, claimant_id="baz_muhammad_dawar", quantity="territory_share")["lower"]), "Share of Darzab taken, per Dawar, June 2017 (per cent)")
        put("posts_dawar", int(_one(t, claimant_id="baz_muhammad_dawar", quantity="posts_held")["lower"]), "Posts the government still held in Darzab, per Dawar")
        put("share_unnamed_darzab", int(_one(t, claimant_id="unnamed_sources", quantity="territory_share")["lower"]), "Floor on the share of Darzab held, unnamed sources, December 2017 (per cent)")
    if {"darzab", "qush_tepa"} <= set(districts):
        put("share_karimi", int(_one(t, claimant_id="halima_karimi", quantity="territory_share")["lower"]), "Karimi's floor on the share of both districts held (per cent)")
    a = administration()
    units = a[a["kind"] == "unit"]
    c = claims_table(include_tertiary, claims=claims)
    put("council_members", int(_one(c, quantity="council_members", claimant_id="close_sources")["best"]), "Members of the council, per sources close to Hekmat")
    put("units", len(units), "Units and courts the AAN report names")
    put("units_named_head", int((units["head"] != "not named").sum()), "Units whose head the report names")
    put("arabic_terms", int((units["term"] != "").sum()), "Units for which the report gives the group's own term")
    put("deputies", int(_one(c, quantity="deputies", claimant_id="aan")["best"]), "Deputies Hekmat appointed, per AAN")
    put("delegation_members", int(_one(c, quantity="delegation_members")["best"]), "Fighters said to have gone with Zikrullah to the ISKP leadership")
    k = children_claims(include_tertiary, claims)
    put("children_claims", len(k), "Counts of children trained, taken or schooled by the group")
    put("children_reports", k["report_id"].nunique(), "Reports giving such counts")
    put("children_300_reports", k.loc[k["lower"] == 300, "report_id"].nunique(), "Reports giving about 300 children")
    put("children_300_outlets", _names(k.loc[k["lower"] == 300, "outlet"]), "Outlets giving about 300 children")
    put("children_darzab", int(_one(k, claimant_id="karimullah")["lower"]), "Children taken from Darzab on 7 November 2017, per Karimullah")
    put("children_trained", int(_one(k, quantity="children_trained")["lower"]), "Abducted children said to be trained, per Mohammad Ismail")
    put("children_surrender_floor", int(_one(k, claimant_id="tolonews")["lower"]), "TOLOnews' floor on child fighters among those who surrendered in August 2018")
    return out
