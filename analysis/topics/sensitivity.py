"""Sensitivity of the findings: what changes when a coding rule is read another way.

The coded data reads vague words by rule ("hundreds" as at least 200, "dozens" as at least 24,
"a few dozen" as at most 36, "scores" as at least 40, "could total" as a ceiling), collapses the
copies of one wire story into one report and leaves tertiary pages out. Each *reading* here changes
one of those rules in the claims themselves (their ``low``/``best``/``high`` and ``qualifier``), runs
the changed claims through :func:`analysis.data.claims.claims_table`, and recomputes the key
statements with the other topics' own functions (:mod:`analysis.topics.collapse` and
:func:`analysis.topics.estimates.triangulate`), so that nothing is computed twice in two ways.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.claims import claims_table, select
from analysis.topics import collapse
from analysis.topics.estimates import triangulate

#: How the codebook reads each vague expression: words (a regular expression on ``value_text``),
#: the qualifier it gets and the value it is read as.
CODEBOOK = {
    "hundreds": (r"\bhundreds\b|\bcentaines\b", "at_least", 200),
    "dozens": (r"\bdozens\b|\bdizaines\b", "at_least", 24),
    "few_dozen": (r"\bfew dozen\b", "at_most", 36),
    "scores": (r"\bscores\b", "at_least", 40),
}


def _raw_claims() -> pd.DataFrame:
    from analysis.data.load import load_claims

    return load_claims()


def vague(claims: pd.DataFrame, words: str) -> pd.Series:
    """Which claims carry a vague expression read by the codebook's rule.

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of :func:`analysis.data.load.load_claims`.
    words : str
        A key of :data:`CODEBOOK`.

    Returns
    -------
    pandas.Series of bool
        True where the claim's own words match and its value is the codebook's reading (so that
        "more than 200" is not taken for "hundreds").
    """
    pattern, qualifier, value = CODEBOOK[words]
    text = claims["value_text"].astype("string").fillna("")
    bound = claims["high"] if qualifier == "at_most" else claims["low"]
    return (
        text.str.contains(pattern, case=False, regex=True).fillna(False)
        & (claims["qualifier"] == qualifier).fillna(False)
        & (bound == value).fillna(False)
    ).astype(bool)


def reread(claims: pd.DataFrame, words: str, value: int) -> pd.DataFrame:
    """The claims with one vague expression read as another value (same qualifier).

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of :func:`analysis.data.load.load_claims`.
    words : str
        A key of :data:`CODEBOOK`.
    value : int
        The new floor (or ceiling, for "a few dozen").

    Returns
    -------
    pandas.DataFrame
        A copy with the matching claims' bound replaced.
    """
    out = claims.copy()
    hit = vague(out, words)
    col = "high" if CODEBOOK[words][1] == "at_most" else "low"
    out.loc[hit, col] = value
    return out


def ceilings_as_central(claims: pd.DataFrame, words: str | None = None) -> pd.DataFrame:
    """The claims with ceilings ("up to", "as many as", "could total") read as central values.

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of :func:`analysis.data.load.load_claims`.
    words : str, optional
        A regular expression on ``value_text``: only the ceilings whose words match are reread
        (such as ``"could total"``); by default every ceiling is.

    Returns
    -------
    pandas.DataFrame
        A copy where each such claim is ``approx`` its ceiling.
    """
    out = claims.copy()
    hit = (out["qualifier"] == "at_most").fillna(False)
    if words:
        hit &= out["value_text"].astype("string").str.contains(words, case=False, regex=True).fillna(False)
    out.loc[hit, "best"] = out.loc[hit, "high"]
    out.loc[hit, "high"] = pd.NA
    out.loc[hit, "qualifier"] = "approx"
    return out


def _interval_text(lower, upper, open_above: bool, open_below: bool) -> str:
    q = "at_least" if open_above else "at_most" if open_below else ("range" if lower != upper else "exact")
    return collapse.value_label(lower, upper, q)


def _range_text(t: pd.DataFrame) -> str:
    """"lowest to highest" of a table of claims or marks, each end as stated."""
    t = t.dropna(subset=["lower"])
    if t.empty:
        return "none"
    lo = t.sort_values(["lower", "upper"]).iloc[0]
    hi = t.sort_values(["upper", "open_above"]).iloc[-1]
    low = _interval_text(lo['lower'], lo['lower'], bool(lo['open_above']), bool(lo['open_below']) and lo['lower'] == lo['upper'])
    high = _interval_text(hi['upper'], hi['upper'], bool(hi['open_above']), bool(hi['open_below']))
    # one figure (or two stated alike) is a single value, not a range
    return low if low == high else f"{low} to {high}"


def statements(table: pd.DataFrame, collapse_copies: bool = True) -> dict:
    """The key statements of the paper, computed from one claims table.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of :func:`analysis.data.claims.claims_table` (under some reading).
    collapse_copies : bool
        Count copies of one story as one report (default) or each outlet item as its own.

    Returns
    -------
    dict
        ``statement -> value`` (text): the range of the counts of surrendered fighters and the
        number of independent reports behind them, the range of the Taleban's captives, the range
        of the dead of both sides in July 2018, the range of the strength estimates of Hekmat's
        group and the reports behind them, the range of the estimates of outside fighters, and the
        range of the family figures in the one displacement group several claimants speak to,
        and the smallest displacement figure stated in persons.
    """
    t = table if collapse_copies else table.assign(report_id=table["source_id"])
    cm = collapse.count_marks(collapse_copies, include_tertiary=True, claims=t)
    fighters = cm[cm["counted"] == "fighters"]
    captured = cm[cm["counted"] == "captured by the Taleban"]
    cas = collapse.casualty_marks(collapse_copies, include_tertiary=True, claims=t)
    both = cas[(cas["quantity"] == "killed") & (cas["side"] == "both sides") & (cas["event_id"] == collapse.OFFENSIVE)]
    nums = t[(t["kind"] == "number") & (t["stance"] == "asserted") & t["lower"].notna()]
    strength = select(nums, quantity="fighters", subject_id="hekmat_group", unit="persons")
    outside = select(nums, quantity="outside_fighters", subject_id="hekmat_group")
    # only the displacement figures are triangulated here (below)
    tri = triangulate(t[t["quantity"] == "displaced"], by=("quantity", "unit")).set_index(["quantity", "unit"])
    out = {
        "Counts of surrendered fighters, lowest to highest": _range_text(fighters),
        "Independent reports behind the surrender counts": str(fighters["report_id"].nunique()),
        "The Taleban's captives, lowest to highest": _range_text(captured),
        "Independent reports of the Taleban's captives": str(captured["report_id"].nunique()),
        "Dead of both sides in July 2018, lowest to highest": _range_text(both),
        "Strength of Hekmat's group, lowest to highest estimate": _range_text(strength),
        "Independent reports behind the strength estimates": str(strength["report_id"].nunique()),
        "Outside fighters with Hekmat (local sources' estimate)": _range_text(outside),
    }
    # displacement figures are compared only inside a comparison group (see
    # analysis.topics.displacement): the one group with several claimants, and the smallest
    # figure in persons, which is all a vague word can move
    from analysis.topics.displacement import period_bounds

    jan, _ = period_bounds()
    fam = select(nums, quantity="displaced", unit="families", place_id="enclave")
    ref = fam["period_end"].fillna(fam["stated_on"]).fillna(fam["published"])
    out["Families displaced from both districts before January 2018, lowest to highest"] = _range_text(fam[ref < jan])
    persons = select(nums, quantity="displaced", unit="persons").dropna(subset=["lower"])
    out["Smallest displacement figure stated in persons"] = (
        _range_text(persons.nsmallest(1, "lower")) if len(persons) else "none")
    for unit in ("families", "persons"):
        if ("displaced", unit) in tri.index:
            out[f"Independent reports of displacement in {unit}"] = str(int(tri.loc[("displaced", unit), "reports"]))
    return out


#: The readings tested, by the name the appendix gives them, in the appendix's order.
READINGS = ('"hundreds"', '"dozens"', '"a few dozen"', '"scores"', '"could total"', "Every ceiling",
            "Copies of one wire story", "Tertiary pages")


def _chosen(only) -> tuple[str, ...]:
    if only is None:
        return READINGS
    if isinstance(only, str):
        only = [only]
    unknown = [name for name in only if name not in READINGS]
    if unknown:
        raise ValueError(f"no reading {', '.join(map(repr, unknown))}; the readings are: {', '.join(READINGS)}")
    return tuple(name for name in READINGS if name in only)


def readings(dozens_floor: int = 36, only=None) -> list[dict]:
    """The alternative readings tested, each against the default.

    Parameters
    ----------
    dozens_floor : int
        The floor the alternative reading gives "dozens" (the codebook's is 24).
    only : list of str, optional
        Names of the readings wanted (see :data:`READINGS`); all of them by default.

    Returns
    -------
    list of dict
        ``reading`` (name), ``default`` and ``alternative`` (in words), ``claims`` (how many
        claims the reading touches), and ``table`` (the claims table under the alternative) and
        ``collapse_copies``.

    Raises
    ------
    ValueError
        For a name in ``only`` that is no reading, listing the readings.
    """
    wanted = _chosen(only)
    raw = _raw_claims()
    rows = []

    def add(name, default, alternative, changed_claims, table, collapse_copies=True):
        rows.append({"reading": name, "default": default, "alternative": alternative, "claims": int(changed_claims),
                     "table": table, "collapse_copies": collapse_copies})

    # the claims table under a reading is built only for the readings asked for
    for words, label, alt, alt_text in (
        ("hundreds", '"hundreds"', 300, "at least 300"),
        ("dozens", '"dozens"', dozens_floor, f"at least {dozens_floor}"),
        ("few_dozen", '"a few dozen"', 48, "at most 48"),
        ("scores", '"scores"', 60, "at least 60"),
    ):
        if label in wanted:
            _, q, v = CODEBOOK[words]
            default = f"{'at least' if q == 'at_least' else 'at most'} {v}"
            add(label, default, alt_text, vague(raw, words).sum(), claims_table(claims=reread(raw, words, alt)))
    could = r"could total|could reach"
    if '"could total"' in wanted:
        n_could = ((raw["qualifier"] == "at_most")
                   & raw["value_text"].astype("string").str.contains(could, case=False, regex=True)).fillna(False).sum()
        add('"could total"', "a ceiling", "a central value", n_could, claims_table(claims=ceilings_as_central(raw, could)))
    if "Every ceiling" in wanted:
        add("Every ceiling", "a ceiling", "a central value", (raw["qualifier"] == "at_most").fillna(False).sum(),
            claims_table(claims=ceilings_as_central(raw)))
    if "Copies of one wire story" in wanted:
        base = claims_table()
        add("Copies of one wire story", "one report", "one report per outlet item", (base["grade"] == "copy").sum(),
            base, False)
    if "Tertiary pages" in wanted:
        full = claims_table(include_tertiary=True)
        add("Tertiary pages", "left out", "included", (full["grade"] == "tertiary").sum(), full)
    return rows


def sensitivity_table(dozens_floor: int = 36, only=None) -> pd.DataFrame:
    """Every key statement under the default reading and under each alternative.

    Parameters
    ----------
    dozens_floor : int
        The floor the alternative reading gives "dozens" (see :func:`readings`).
    only : list of str, optional
        Names of the readings to compute (see :data:`READINGS`); all of them by default.

    Returns
    -------
    pandas.DataFrame
        One row per reading and statement: ``reading``, ``default_reading``,
        ``alternative_reading``, ``claims_touched``, ``statement``, ``default_value``,
        ``alternative_value``, ``changed`` (``yes``/``no``).

    Raises
    ------
    ValueError
        For a name in ``only`` that is no reading, listing the readings.
    """
    chosen = readings(dozens_floor, only)
    base = statements(claims_table())
    rows = []
    for r in chosen:
        alt = statements(r["table"], r["collapse_copies"])
        for statement, value in base.items():
            other = alt.get(statement, "none")
            rows.append(
                {
                    "reading": r["reading"],
                    "default_reading": r["default"],
                    "alternative_reading": r["alternative"],
                    "claims_touched": r["claims"],
                    "statement": statement,
                    "default_value": value,
                    "alternative_value": other,
                    "changed": "yes" if other != value else "no",
                }
            )
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per reading: how many statements change, and which.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of :func:`sensitivity_table`.

    Returns
    -------
    pandas.DataFrame
        ``reading``, ``default_reading``, ``alternative_reading``, ``claims_touched``,
        ``statements``, ``changed`` (count) and ``which`` (``;``-separated statements).
    """
    rows = []
    for reading, g in table.groupby("reading", sort=False):
        ch = g[g["changed"] == "yes"]
        rows.append(
            {
                "reading": reading,
                "default_reading": g["default_reading"].iloc[0],
                "alternative_reading": g["alternative_reading"].iloc[0],
                "claims_touched": int(g["claims_touched"].iloc[0]),
                "statements": len(g),
                "changed": len(ch),
                "which": "; ".join(ch["statement"]),
            }
        )
    return pd.DataFrame(rows)


def key_values(table: pd.DataFrame) -> dict:
    """The values the appendix prints, with descriptions.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of :func:`sensitivity_table`.

    Returns
    -------
    dict
        ``key -> (value, description)``: per reading (keyed by a short slug) the statements
        changed and the claims touched, the default and alternative value of the statements
        the text discusses, and the readings that change nothing.
    """
    s = summary(table)
    slug = {
        '"hundreds"': "hundreds", '"dozens"': "dozens", '"a few dozen"': "few_dozen", '"scores"': "scores",
        '"could total"': "could_total", "Every ceiling": "ceilings", "Copies of one wire story": "copies",
        "Tertiary pages": "tertiary",
    }
    v = {"statements": (int(s["statements"].iloc[0]), "Key statements recomputed under each reading"),
         "readings": (len(s), "Alternative readings tested")}
    for _, r in s.iterrows():
        k = slug[r["reading"]]
        v[f"{k}_changed"] = (int(r["changed"]), f"Statements that change when {r['reading']} is read as {r['alternative_reading']}")
        v[f"{k}_claims"] = (int(r["claims_touched"]), f"Claims touched by the reading of {r['reading']}")
        v[f"{k}_default_reading"] = (r["default_reading"], f"Default reading of {r['reading']}")
        v[f"{k}_alternative_reading"] = (r["alternative_reading"], f"Alternative reading of {r['reading']}")
    v["unchanged_readings"] = (collapse.names_text([r for r in s.loc[s["changed"] == 0, "reading"]]) or "none",
                               "Readings that change no statement")
    t = table.set_index(["reading", "statement"])
    picks = {
        "dozens_surrender": ('"dozens"', "Counts of surrendered fighters, lowest to highest"),
        "hundreds_surrender": ('"hundreds"', "Counts of surrendered fighters, lowest to highest"),
        "scores_both": ('"scores"', "Dead of both sides in July 2018, lowest to highest"),
        "could_strength": ('"could total"', "Strength of Hekmat's group, lowest to highest estimate"),
        "few_dozen_outside": ('"a few dozen"', "Outside fighters with Hekmat (local sources' estimate)"),
        "copies_surrender_reports": ("Copies of one wire story", "Independent reports behind the surrender counts"),
        "copies_strength_reports": ("Copies of one wire story", "Independent reports behind the strength estimates"),
        "tertiary_surrender": ("Tertiary pages", "Counts of surrendered fighters, lowest to highest"),
        "tertiary_strength": ("Tertiary pages", "Strength of Hekmat's group, lowest to highest estimate"),
        "tertiary_both": ("Tertiary pages", "Dead of both sides in July 2018, lowest to highest"),
    }
    for key, (reading, statement) in picks.items():
        row = t.loc[(reading, statement)]
        v[f"{key}_default"] = (row["default_value"], f"{statement}: default reading")
        v[f"{key}_alternative"] = (row["alternative_value"], f"{statement}: when {reading} is read as {row['alternative_reading']}")
    return v
