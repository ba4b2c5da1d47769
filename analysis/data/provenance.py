"""Check that the data says what its sources say.

Each claim records the source's own words for its value (``value_text``) and
each event the source's words for its date (``date_text``). This module finds
those words in the cited paragraph of the pinned source text, parses the
numbers back out of them and compares them with the coded values and dates.
The source texts are not part of the project: they are read from
:func:`analysis.paths.sources_dir`.
"""
from __future__ import annotations

import calendar
import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from analysis import paths
from analysis.data.validate import locator_paragraphs

#: Number words and the coding rules for vague quantities. "hundreds" counts as
#: at least two hundred and "a few dozen" as at most three dozen; both rules are
#: stated in the claims' notes and in the codebook.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "couple": 2,
    "dozen": 12, "hundred": 100, "hundreds": 200,
}
PHRASES = {"few dozen": 36}

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}


def normalise(text: str) -> str:
    """Fold case, typographic quotes and runs of white space for matching."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def paragraphs(text: str) -> list[str]:
    """Split a source text into paragraphs: non-empty blocks between blank lines.

    Parameters
    ----------
    text : str
        The whole source text.

    Returns
    -------
    list of str
        Paragraph ``N`` of the locator convention is ``paragraphs(text)[N - 1]``.
    """
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return [b.strip() for b in blocks if b.strip()]


def parse_numbers(value_text: str) -> list[int]:
    """Return the numbers a short value phrase states, in order.

    Parameters
    ----------
    value_text : str
        Such as ``"some 10 to 15"``, ``"eight"``, ``"1,030"`` or ``"a dozen"``.

    Returns
    -------
    list of int
        ``[10, 15]``, ``[8]``, ``[1030]``, ``[12]``; empty for a phrase with
        no number.

    Examples
    --------
    >>> parse_numbers("not more than a few dozen")
    [36]
    >>> parse_numbers("some 5,000")
    [5000]
    """
    text = normalise(value_text)
    found: list[tuple[int, int]] = []
    for phrase, n in PHRASES.items():
        for m in re.finditer(rf"\b{phrase}\b", text):
            found.append((m.start(), n))
            text = text[: m.start()] + " " * len(phrase) + text[m.end() :]
    for m in re.finditer(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b", text):
        found.append((m.start(), int(m.group().replace(",", ""))))
    for m in re.finditer(r"[a-z]+", text):
        if m.group() in NUMBER_WORDS:
            found.append((m.start(), NUMBER_WORDS[m.group()]))
    return [n for _, n in sorted(found)]


@dataclass(frozen=True)
class SourceText:
    """A source's pinned text, split into paragraphs."""

    source_id: str
    path: Path
    paragraphs: tuple[str, ...]

    def cited(self, locator: str) -> str:
        """Return the paragraphs a locator names, joined by blank lines."""
        nums = locator_paragraphs(locator)
        return "\n\n".join(self.paragraphs[n - 1] for n in nums if 0 < n <= len(self.paragraphs))


class SourceMismatch(RuntimeError):
    """The source text on disk is not the one the data's locators refer to."""


def load_source_texts(directory: Path, root: Path | None = None) -> dict[str, SourceText]:
    """Read every source of ``sources.csv`` from ``directory`` and check its hash.

    Parameters
    ----------
    directory : pathlib.Path
        Directory with the plain-text copies named in ``sources.file_name``.
    root : pathlib.Path, optional
        Project root; defaults to this project.

    Returns
    -------
    dict of str to SourceText

    Raises
    ------
    SourceMismatch
        If a file is missing, its SHA-256 differs from ``sources.sha256`` or
        its paragraph count from ``sources.paragraphs``.
    """
    root = Path(root) if root else paths.ROOT
    out = {}
    with open(root / "data" / "raw" / "sources.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            p = Path(directory) / row["file_name"]
            if not p.exists():
                raise SourceMismatch(f"{row['source_id']}: {p} does not exist")
            data = p.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest != row["sha256"]:
                raise SourceMismatch(
                    f"{row['source_id']}: {p} has sha256 {digest}, the data pins {row['sha256']}"
                )
            paras = tuple(paragraphs(data.decode("utf-8")))
            if len(paras) != int(row["paragraphs"]):
                raise SourceMismatch(
                    f"{row['source_id']}: {p} has {len(paras)} paragraphs, the data says {row['paragraphs']}"
                )
            out[row["source_id"]] = SourceText(row["source_id"], p, paras)
    return out


def _rows(root: Path, table: str):
    with open(root / "data" / "raw" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        prev = reader.line_num
        for cells in reader:
            yield prev + 1, dict(zip(header, cells))
            prev = reader.line_num


def _not_cited(texts: dict[str, SourceText], row: dict, column: str) -> str | None:
    """Why ``row[column]`` is not found in the row's cited paragraph(s), or None if it is."""
    src = texts.get(row["source_id"])
    if src is None:
        return f"no text for source {row['source_id']}"
    if normalise(row[column]) not in normalise(src.cited(row["locator"])):
        return f"{column} {row[column]!r} is not in {row['locator']}"
    return None


def check_claims(texts: dict[str, SourceText], root: Path | None = None) -> list[str]:
    """Check every claim's value words against its cited paragraph.

    A claim passes when its ``value_text`` occurs in the cited paragraph(s) and
    the numbers parsed from it are exactly its non-empty ``low``, ``best`` and
    ``high`` values, in that order.

    Parameters
    ----------
    texts : dict of str to SourceText
        From :func:`load_source_texts`.
    root : pathlib.Path, optional
        Project root; defaults to this project.

    Returns
    -------
    list of str
        One ``claims.csv:line: claim_id: problem`` message per failure.
    """
    root = Path(root) if root else paths.ROOT
    problems = []
    for line, row in _rows(root, "claims"):
        where = f"claims.csv:{line}: {row['claim_id']}"
        missing = _not_cited(texts, row, "value_text")
        if missing:
            problems.append(f"{where}: {missing}")
            if row["source_id"] not in texts:
                continue
        coded = [int(row[c]) for c in ("low", "best", "high") if row[c] != ""]
        stated = parse_numbers(row["value_text"])
        if coded != stated:
            problems.append(
                f"{where}: value_text {row['value_text']!r} states {stated}, the row codes {coded}"
            )
    return problems


def _date_facts(date_text: str) -> tuple[set[int], set[int], set[int]]:
    text = normalise(date_text)
    years = {int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)}
    months = {MONTHS[w] for w in re.findall(r"[a-z]+", text) if w in MONTHS}
    days = set()
    for m in re.finditer(r"\b(\d{1,2})\s+([a-z]+)", text):
        if m.group(2) in MONTHS:
            days.add(int(m.group(1)))
    return years, months, days


def check_events(texts: dict[str, SourceText], root: Path | None = None) -> list[str]:
    """Check every event's date words against its cited paragraph and its dates.

    An event passes when its ``date_text`` occurs in the cited paragraph(s) and
    every year, month and day it names agrees with ``date_start`` (or, for a
    year, with ``date_end``). An event whose date is inferred has no
    ``date_text`` and must explain itself in ``date_note``.

    Parameters
    ----------
    texts : dict of str to SourceText
        From :func:`load_source_texts`.
    root : pathlib.Path, optional
        Project root; defaults to this project.

    Returns
    -------
    list of str
        One ``events.csv:line: event_id: problem`` message per failure.
    """
    root = Path(root) if root else paths.ROOT
    problems = []
    for line, row in _rows(root, "events"):
        where = f"events.csv:{line}: {row['event_id']}"
        if row["date_text"] == "":
            if row["date_note"] == "":
                problems.append(f"{where}: no date_text and no date_note saying how the date was inferred")
            continue
        missing = _not_cited(texts, row, "date_text")
        if missing:
            problems.append(f"{where}: {missing}")
            continue
        years, months, days = _date_facts(row["date_text"])
        start = row["date_start"].split("-")
        end = row["date_end"].split("-")
        if years and not years <= {int(start[0]), int(end[0])}:
            problems.append(f"{where}: date_text names {sorted(years)}, the row is dated {row['date_start']}")
        if months and int(start[1]) not in months:
            problems.append(f"{where}: date_text names month(s) {sorted(months)}, date_start is {row['date_start']}")
        if days and int(start[2]) not in days:
            problems.append(f"{where}: date_text names day(s) {sorted(days)}, date_start is {row['date_start']}")
        if not (years or months or days) and row["date_note"] == "":
            problems.append(f"{where}: date_text {row['date_text']!r} names no date; explain in date_note")
    return problems
