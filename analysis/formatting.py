"""How numbers read in prose and tables, and Markdown tables whose cells always render literally.

One formatter for every number the project prints (:func:`format_value`); pandas is imported only
where a table is rendered.
"""
from __future__ import annotations

import math
import re


def format_value(value) -> str:
    """How a value reads in prose or a table: thousands separators, at most two decimals.

    Examples
    --------
    >>> format_value(1030), format_value(4.8544), format_value(2.5), format_value("Darzab")
    ('1,030', '4.85', '2.5', 'Darzab')
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"format_value: {value!r} is not a finite number")
        if value == int(value) and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


#: House style: whole numbers from zero to ten are spelled out in prose.
SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_text(n) -> str:
    """A count as prose prints it: zero to ten in words, larger numbers with thousands separators.

    Examples
    --------
    >>> count_text(3), count_text(10), count_text(1030)
    ('three', 'ten', '1,030')
    """
    if isinstance(n, (int, float)) and not isinstance(n, bool) and float(n).is_integer() and 0 <= n <= 10:
        return SMALL_NUMBERS[int(n)]
    return format_value(n)


def md_cell(text: object, keep_code: bool = False) -> str:
    """Escape text for a Markdown table cell so that it renders literally.

    Pipes, backslashes, asterisks, underscores, backticks, brackets and angle
    brackets are escaped and line breaks folded, so data text can never
    become markup.

    Parameters
    ----------
    text : object
        The cell's content; ``None`` gives an empty cell.
    keep_code : bool
        Leave backtick code spans alone (for the project's own descriptions,
        which mark column names as code).

    Examples
    --------
    >>> md_cell("<script> | *x*")
    '\\\\<script\\\\> \\\\| \\\\*x\\\\*'
    """
    s = "" if text is None else str(text)
    parts = s.split("`") if keep_code else [s]
    if len(parts) % 2 == 0:
        parts = [s]
    out = [_escape(p) if i % 2 == 0 else p.replace("|", "\\|") for i, p in enumerate(parts)]
    return re.sub(r"\s+", " ", "`".join(out)).strip()


def _escape(s: str) -> str:
    s = s.replace("\\", "\\\\")
    for ch in "|*_`<>[]#$@~":
        s = s.replace(ch, "\\" + ch)
    return s


def _fmt(v) -> str:
    import pandas as pd

    if v is None or (not isinstance(v, (list, tuple, str)) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, bool):
        return str(v)
    return format_value(v)


def to_markdown(df, align: dict[str, str] | None = None) -> str:
    """Render a DataFrame as a pandoc/GFM pipe table with every cell escaped.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; column names become the header.
    align : dict of str to str, optional
        ``{"column": "right"}`` etc.; numbers are right-aligned by default.

    Returns
    -------
    str
        The table, ending with a newline.
    """
    import pandas as pd

    align = dict(align or {})
    cols = list(df.columns)
    for c in cols:
        if c not in align:
            align[c] = "right" if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]) else "left"
    body = [[md_cell(_fmt(v)) for v in row] for row in df.itertuples(index=False)]
    head = [md_cell(c) for c in cols]
    # pandoc sizes the columns of a wide table by the length of each column's rule
    rules = []
    for i, c in enumerate(cols):
        cells = [head[i]] + [r[i] for r in body]
        longest = max(len(x) for x in cells)
        word = max((len(w) for x in cells for w in x.split()), default=3)
        dashes = "-" * max(3, word + 1, min(30, longest // 2))
        rules.append({"left": ":" + dashes, "right": dashes + ":", "center": ":" + dashes + ":"}[align[c]])
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(rules) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines) + "\n"
