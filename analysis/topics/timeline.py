"""Chronology of the enclave: happenings (events) kept apart from publications (sources).

An event is drawn over the span its date precision allows (one day, a range, a month, a season,
a year); a publication is the date a source on the shelf appeared. The two are different things:
a report published on 1 August 2018 may describe a killing of 2016. Events are laid out in lanes
by their ACLED event type, and within a lane packed into rows so that no two marks (or labels)
overlap. Only the events with the most independent reports are labelled (:func:`main_events`), so
that the figure stays legible; the rule is part of this module, not of the figure.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.claims import claims_table
from analysis.data.load import load_actors, load_events, load_places, load_sources

#: Lanes of the timeline, top to bottom (ACLED event types; Riots has no event in the data).
LANES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

#: Places that count as the enclave: the two districts, the area coded for both, and what lies in them.
ENCLAVE_PLACES = ("darzab", "qush_tepa", "enclave")

#: An event whose date span is longer than this many days is "undated within the period" and not drawn.
MAX_DRAWN_DAYS = 366

#: Labelled events by default: this many, with the most independent reports.
N_LABELS = 12

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def _day(d: pd.Timestamp) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def span_text(start, end, precision: str) -> str:
    """A date printed at the precision it has: "8 February 2017", "June 2017", "11-30 June 2017".

    Parameters
    ----------
    start, end : pandas.Timestamp or None
        First and last day the date allows (``end`` may be missing for a day or a period whose
        end follows from the precision).
    precision : str
        ``day``, ``range``, ``month``, ``season``, ``year`` or ``unknown``.

    Returns
    -------
    str
        The date in words; ``"undated"`` when there is no start or the precision is unknown.
    """
    if start is None or pd.isna(start) or precision == "unknown":
        return "undated"
    start = pd.Timestamp(start)
    end = start if end is None or pd.isna(end) else pd.Timestamp(end)
    if precision == "day":
        return _day(start)
    if precision == "year":
        return str(start.year) if end.year == start.year else f"{start.year}-{end.year}"
    if precision == "season" and end == start:
        end = start + pd.DateOffset(months=4) - pd.Timedelta(days=1)
    if precision in ("month", "season"):
        if start.year == end.year and start.month == end.month:
            return f"{MONTHS[start.month - 1]} {start.year}"
        if start.year == end.year:
            return f"{MONTHS[start.month - 1]}-{MONTHS[end.month - 1]} {start.year}"
        return f"{MONTHS[start.month - 1]} {start.year}-{MONTHS[end.month - 1]} {end.year}"
    if start == end:
        return _day(start)
    # a range: between two days
    if start.year == end.year and start.month == end.month:
        return f"{start.day}-{end.day} {MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]}-{_day(end)}"
    return f"{_day(start)}-{_day(end)}"


def span_phrase(start, end, precision: str) -> str:
    """A date as a prepositional phrase for prose: "on 8 February 2017", "between 11 June and 30 June
    2017" (the month repeated, so that no bare day number stands alone), "between 29 July and
    1 August 2016", "in June 2017", "in 2015".

    Parameters
    ----------
    start, end : pandas.Timestamp or None
        As for :func:`span_text`.
    precision : str
        As for :func:`span_text`.

    Returns
    -------
    str
        The phrase; ``"at an unknown date"`` when the date is unknown.
    """
    text = span_text(start, end, precision)
    if text == "undated":
        return "at an unknown date"
    start = pd.Timestamp(start)
    end = start if end is None or pd.isna(end) else pd.Timestamp(end)
    if precision == "day" or (precision == "range" and start == end):
        return f"on {text}"
    if precision == "range":
        if start.year == end.year:
            return f"between {start.day} {MONTHS[start.month - 1]} and {_day(end)}"
        return f"between {_day(start)} and {_day(end)}"
    if "-" in text:
        first, last = text.split("-", 1)
        return f"between {first} and {last}"
    return f"in {text}"


def _check_years(start: int, end: int) -> None:
    if start > end:
        raise ValueError(f"start ({start}) is after end ({end})")


def _in_enclave(place_ids: pd.Series) -> pd.Series:
    parent = load_places().set_index("place_id")["parent_id"].to_dict()

    def inside(pid) -> bool:
        seen = set()
        while isinstance(pid, str) and pid not in seen:
            if pid in ENCLAVE_PLACES:
                return True
            seen.add(pid)
            pid = parent.get(pid)
        return False

    return place_ids.map(inside).astype(bool)


def events(start: int = 2015, end: int = 2018) -> pd.DataFrame:
    """Every event whose date span overlaps the years ``start`` to ``end``, with how it is reported.

    Events coded only from tertiary (Wikipedia-derived) pages are left out, since no claim may rest
    on them alone; parts of larger events (fronts, single attacks) are kept, with their parent.

    Parameters
    ----------
    start, end : int
        First and last year (inclusive).

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``label``, ``date_start``, ``date_end``, ``date_precision``, ``when``
        (the date in words, at its precision), ``span_days``, ``drawn`` (span at most
        :data:`MAX_DRAWN_DAYS`; longer spans are dates the sources leave open over the period),
        ``lane`` (ACLED event type), ``sub_event_type``, ``family`` (of the initiating actor,
        ``other`` when none is coded), ``in_enclave`` (the place lies in Darzab or Qush Tepa),
        ``part_of`` (label of the parent event), ``reports`` (independent reports with a claim
        about the event; copies of one wire story are one report), ``claims`` and ``sources``.

    Raises
    ------
    ValueError
        If ``start`` is after ``end``.
    """
    _check_years(start, end)
    ev = load_events()
    grades = load_sources().set_index("source_id")["grade"].astype(str)
    ev = ev[ev["source_id"].map(grades) != "tertiary"]
    ev = ev[(ev["date_end"].dt.year >= start) & (ev["date_start"].dt.year <= end)].copy()
    fam = load_actors().set_index("actor_id")["family"].astype(str)
    c = claims_table(include_tertiary=False)
    c = c[c["event_id"].notna()]
    per = c.groupby("event_id").agg(reports=("report_id", "nunique"), claims=("claim_id", "size"),
                                    sources=("source_id", "nunique"))
    ev = ev.join(per, on="event_id")
    for col in ("reports", "claims", "sources"):
        ev[col] = ev[col].fillna(0).astype(int)
    labels = load_events().set_index("event_id")["label"]
    ev["part_of"] = ev["parent_event_id"].map(labels).astype("string")
    ev["lane"] = ev["event_type"].astype(str)
    ev["sub_event_type"] = ev["sub_event_type"].astype(str)
    ev["date_precision"] = ev["date_precision"].astype(str)
    ev["family"] = ev["actor1_id"].map(fam).fillna("other").astype(str)
    ev["in_enclave"] = _in_enclave(ev["place_id"])
    ev["span_days"] = (ev["date_end"] - ev["date_start"]).dt.days + 1
    ev["drawn"] = ev["span_days"] <= MAX_DRAWN_DAYS
    ev["when"] = [span_text(s, e, p) for s, e, p in zip(ev["date_start"], ev["date_end"], ev["date_precision"])]
    cols = ["event_id", "label", "date_start", "date_end", "date_precision", "when", "span_days", "drawn", "lane",
            "sub_event_type", "family", "in_enclave", "part_of", "reports", "claims", "sources"]
    return ev[cols].sort_values(["date_start", "event_id"]).reset_index(drop=True)


def main_events(ev: pd.DataFrame, n: int = N_LABELS) -> pd.DataFrame:
    """The events labelled in the figure: the ``n`` drawn events with the most independent reports.

    Ties are broken by the number of claims, then by date, so the choice is fixed by the data.

    Parameters
    ----------
    ev : pandas.DataFrame
        Rows of :func:`events`.
    n : int
        How many events to label.

    Returns
    -------
    pandas.DataFrame
        The chosen rows, most-reported first.
    """
    if n < 0:
        raise ValueError(f"n must be at least 0; got {n}")
    drawn = ev[ev["drawn"] & (ev["reports"] > 0)]
    return drawn.sort_values(["reports", "claims", "date_start"], ascending=[False, False, True]).head(n)


def layout(ev: pd.DataFrame, labelled, start: int, end: int, chars_across: float = 120.0) -> pd.DataFrame:
    """Rows for the drawn events: each lane packed so that no two marks or labels overlap.

    Parameters
    ----------
    ev : pandas.DataFrame
        Rows of :func:`events`.
    labelled : iterable of str
        Event ids whose label is printed beside the mark (see :func:`main_events`).
    start, end : int
        The years shown; they set where a label has to move to the left of its mark.
    chars_across : float
        About how many label characters fit across the plotting area; sets the room a label takes.

    Returns
    -------
    pandas.DataFrame
        The drawn events with ``row`` (0 at the top of its lane), ``y`` (``-row``, so that rows
        run downwards), ``x_end`` (the day after the last day, for drawing a span), ``point``
        (dated to one day), ``text`` (the label with its date unless the label already gives it, or empty), ``label_x`` and
        ``label_ha`` (``left`` or ``right`` of the mark).
    """
    _check_years(start, end)
    lo, hi = pd.Timestamp(f"{start}-01-01"), pd.Timestamp(f"{end}-12-31")
    day_per_char = (hi - lo).days / chars_across
    gap = pd.Timedelta(days=round(day_per_char))
    labelled = set(labelled)
    d = ev[ev["drawn"]].copy()
    d["x_end"] = d["date_end"] + pd.Timedelta(days=1)
    d["point"] = d["span_days"] == 1
    d["text"] = [("" if eid not in labelled else lab if w in lab else f"{lab} ({w})") for eid, lab, w in zip(d["event_id"], d["label"], d["when"])]
    width = pd.to_timedelta(np.ceil(d["text"].str.len() * day_per_char), unit="D")
    right_room = d["x_end"] + gap + width <= hi
    d["label_ha"] = np.where(right_room, "left", "right")
    d["label_x"] = np.where(right_room, d["x_end"] + gap, d["date_start"] - gap)
    has = d["text"] != ""
    d["occ_lo"] = d["date_start"].where(~has | right_room, d["date_start"] - gap - width)
    d["occ_hi"] = d["x_end"].where(~has | ~right_room, d["x_end"] + gap + width)
    pad = pd.Timedelta(days=round(2 * day_per_char))
    rows = []
    for _, lane in d.sort_values(["date_start", "event_id"]).groupby("lane", sort=False):
        ends: list[pd.Timestamp] = []
        for idx, r in lane.iterrows():
            for i, last in enumerate(ends):
                if r["occ_lo"] > last + pad:
                    ends[i] = r["occ_hi"]
                    rows.append((idx, i))
                    break
            else:
                ends.append(r["occ_hi"])
                rows.append((idx, len(ends) - 1))
    d["row"] = pd.Series(dict(rows)).astype(int)
    d["y"] = -d["row"]
    d["label_x"] = pd.to_datetime(d["label_x"])
    return d.drop(columns=["occ_lo", "occ_hi"]).sort_values(["lane", "row", "date_start"]).reset_index(drop=True)


def publications(start: int = 2015, end: int = 2018) -> pd.DataFrame:
    """Sources on the shelf by month of publication: the publications, kept apart from the happenings.

    Tertiary pages are left out; a source known only to a range, month or season is counted in the
    month its period begins; undated sources cannot be placed (see :func:`undated_publications`).

    Parameters
    ----------
    start, end : int
        First and last year (inclusive).

    Returns
    -------
    pandas.DataFrame
        ``month`` (first day), ``grade`` (``primary`` or ``copy``) and ``sources`` (held sources
        published that month), one row per month and grade that has any.
    """
    _check_years(start, end)
    s = load_sources()
    s = s[s["held"].fillna(False).astype(bool) & (s["grade"].astype(str) != "tertiary") & s["published"].notna()]
    s = s[(s["published"].dt.year >= start) & (s["published"].dt.year <= end)].copy()
    s["month"] = s["published"].dt.to_period("M").dt.to_timestamp()
    s["grade"] = s["grade"].astype(str)
    out = s.groupby(["month", "grade"]).size().rename("sources").reset_index()
    return out.sort_values(["month", "grade"]).reset_index(drop=True)


def undated_publications() -> int:
    """How many held (non-tertiary) sources show no publication date at all.

    Returns
    -------
    int
    """
    s = load_sources()
    held = s["held"].fillna(False).astype(bool) & (s["grade"].astype(str) != "tertiary")
    return int((held & s["published"].isna()).sum())


def lane_counts(ev: pd.DataFrame) -> pd.DataFrame:
    """Events per lane: all, drawn, dated to the day, and in Darzab or Qush Tepa.

    Parameters
    ----------
    ev : pandas.DataFrame
        Rows of :func:`events`.

    Returns
    -------
    pandas.DataFrame
        ``lane``, ``events``, ``drawn``, ``day``, ``in_enclave``, in the order of :data:`LANES`
        (lanes without events left out).
    """
    g = ev.groupby("lane")
    out = pd.DataFrame({
        "events": g.size(),
        "drawn": g["drawn"].sum(),
        "day": g["date_precision"].apply(lambda p: int((p == "day").sum())),
        "in_enclave": g["in_enclave"].sum(),
    }).astype(int)
    order = [lane for lane in LANES if lane in out.index]
    return out.loc[order].rename_axis("lane").reset_index()


def event_row(ev: pd.DataFrame, event_id: str) -> pd.Series:
    """One event of :func:`events`, for a sentence that names it.

    Parameters
    ----------
    ev : pandas.DataFrame
        Rows of :func:`events`.
    event_id : str
        The event.

    Raises
    ------
    KeyError
        If the event is not in the window (or was removed from the data).
    """
    found = ev[ev["event_id"] == event_id]
    if len(found) != 1:
        raise KeyError(f"event {event_id!r} is not among the events of the window")
    return found.iloc[0]


def chronology(start: int = 2015, end: int = 2018) -> pd.DataFrame:
    """The events the chronology paragraph names, with their dates in words and their reports.

    Parameters
    ----------
    start, end : int
        Years of the window.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`events` for the events of :data:`CHRONOLOGY` that fall in the window,
        indexed by the short key the paper uses, with ``key`` as a column too.
    """
    ev = events(start, end)
    rows = []
    for key, eid in CHRONOLOGY.items():
        hit = ev[ev["event_id"] == eid]
        if len(hit):
            rows.append(hit.iloc[0].to_dict() | {"key": key})
    return pd.DataFrame(rows).set_index("key", drop=False)


#: The events the chronology paragraph names, by the key its values use.
CHRONOLOGY = {
    "switch": "ev_2015_hekmat_iskp",
    "qush_tepa_2016": "ev_2016_qush_tepa_attack",
    "icrc": "ev_2017_icrc_staff_killed",
    "darzab_falls": "ev_2017_darzab_falls",
    "schools": "ev_2017_darzab_schools_destroyed",
    "mirza_olang": "ev_2017_mirza_olang",
    "january": "ev_2018_january_offensive",
    "february": "ev_2018_feb_attacks",
    "hekmat_killed": "ev_2018_hekmat_killed",
    "successor": "ev_2018_habib_rahman_succeeds",
    "july": "ev_2018_july_offensive",
    "surrender": "ev_2018_surrender",
}
