"""Check that the data says what its sources say.

Each claim records the source's own words for its value (``value_text``) and each event the
source's words for its date (``date_text``). This module finds those words in the cited paragraph
of the pinned text of every held source, parses numbers back out of them (digits in any script,
number words in the languages of the sources, from ``number_words.tsv``) and compares them with the
coded values and dates. The source texts are not part of the project: they are read from
:func:`analysis.paths.sources_dir`. A source whose text is missing is reported in one line and its
rows are skipped; the others are still checked.
"""
from __future__ import annotations

import calendar
import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from analysis import paths
from analysis.data.validate import locator_paragraphs

WORDS_FILE = Path(__file__).with_name("number_words.tsv")

#: Month names in the languages whose dates are checked (English, French, Italian).
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m: i for i, m in enumerate(
    ["", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]) if m})
MONTHS.update({m: i for i, m in enumerate(
    ["", "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"]) if m})
#: Invisible characters that copies of web pages carry and that matching ignores.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\ufeff\u2060"), None)


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[int, str, str]]:
    """The number words and phrases the parser reads: ``{words: (value, language, note)}``.

    The vague ones carry their coding rule in the note ("hundreds" is read as at least 200, "a few
    dozen" as at most 36); the codebook lists them all.
    """
    out = {}
    with open(WORDS_FILE, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[normalise(row["word"])] = (int(row["value"]), row["language"], row["note"])
    return out


def _words_for(language: str | None) -> dict[str, int]:
    """Number words of one language (all languages when None), with their values."""
    return {w: v for w, (v, lang, _note) in number_words().items() if language is None or lang == language}


def normalise(text: str) -> str:
    """Fold case, typographic quotes, invisible characters and runs of white space for matching."""
    text = text.translate(INVISIBLE)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\xa0", " ")
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


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)


def parse_numbers(value_text: str, language: str | None = None) -> list[int]:
    """Return the numbers a short value phrase states, in order.

    Digits in any script are read (Persian and Arabic-Indic included), thousands separators dropped;
    number words and phrases come from ``number_words.tsv``.

    Parameters
    ----------
    value_text : str
        Such as ``"some 10 to 15"``, ``"eight"``, ``"1,030"``, ``"a dozen"`` or ``"۲۳۰"``.
    language : str, optional
        ISO 639-1 code of the source: only that language's number words are read (Italian
        "due" is two, English "due" is not a number). By default every language's.

    Returns
    -------
    list of int
        ``[10, 15]``, ``[8]``, ``[1030]``, ``[12]``, ``[230]``; empty for a phrase with no number.

    Examples
    --------
    >>> parse_numbers("not more than a few dozen")
    [36]
    >>> parse_numbers("some 5,000"), parse_numbers("۲۳۰"), parse_numbers("une dizaine")
    ([5000], [230], [10])
    """
    text = _ascii_digits(normalise(value_text))
    text = re.sub(r"(?<=\d)[٬,.\u066c](?=\d{3}\b)", "", text)
    words = _words_for(language)
    found: list[tuple[int, int]] = []
    for w in sorted(words, key=len, reverse=True):
        if " " in w or not w.isascii() or any(c.isdigit() for c in w):
            for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text):
                found.append((m.start(), words[w]))
                text = text[: m.start()] + " " * len(w) + text[m.end():]
    for m in re.finditer(r"\d+", text):
        found.append((m.start(), int(m.group())))
    for m in re.finditer(r"\w+", text):
        if m.group() in words and not m.group().isdigit():
            found.append((m.start(), words[m.group()]))
    return [n for _, n in sorted(found)]


@dataclass(frozen=True)
class SourceText:
    """A source's pinned text, split into paragraphs."""

    source_id: str
    path: Path
    paragraphs: tuple[str, ...]
    language: str = "en"

    def cited(self, locator: str) -> str:
        """Return the paragraphs a locator names, joined by blank lines."""
        nums = locator_paragraphs(locator)
        return "\n\n".join(self.paragraphs[n - 1] for n in nums if 0 < n <= len(self.paragraphs))


class SourceMismatch(RuntimeError):
    """The source text on disk is not the one the data's locators refer to."""


@dataclass
class Texts:
    """The held source texts that could be read, and one line for each that could not."""

    texts: dict[str, SourceText] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> SourceText:
        return self.texts[key]

    def __contains__(self, key: str) -> bool:
        return key in self.texts

    def get(self, key: str):
        """The text of a source, or None."""
        return self.texts.get(key)

    def __len__(self) -> int:
        return len(self.texts)


def _read_sources(root: Path) -> list[dict]:
    with open(root / "data" / "raw" / "sources.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load_source_texts(directory: Path, root: Path | None = None, strict: bool = False) -> Texts:
    """Read the text of every held source of ``sources.csv`` from ``directory`` and check it.

    Parameters
    ----------
    directory : pathlib.Path
        Directory with the plain-text copies named in ``sources.file_name``.
    root : pathlib.Path, optional
        Project root; defaults to this project.
    strict : bool
        Raise on the first missing or changed text instead of recording it.

    Returns
    -------
    Texts
        The texts read, and for each source that could not be read a one-line reason.

    Raises
    ------
    SourceMismatch
        With ``strict``, if a file is missing, its SHA-256 differs from ``sources.sha256`` or its
        paragraph count from ``sources.paragraphs``.
    """
    root = Path(root) if root else paths.ROOT
    out = Texts()
    for row in _read_sources(root):
        if row.get("held", "true") != "true":
            continue
        p = Path(directory) / row["file_name"]
        reason = None
        if not p.is_file():
            reason = f"{row['source_id']}: text {row['file_name']} not found in {directory}"
        else:
            data = p.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest != row["sha256"]:
                reason = f"{row['source_id']}: {p} has sha256 {digest}, the data pins {row['sha256']}"
            else:
                paras = tuple(paragraphs(data.decode("utf-8")))
                if str(len(paras)) != row["paragraphs"]:
                    reason = f"{row['source_id']}: {p} has {len(paras)} paragraphs, the data says {row['paragraphs']}"
                else:
                    out.texts[row["source_id"]] = SourceText(row["source_id"], p, paras, row.get("language") or "en")
        if reason:
            if strict:
                raise SourceMismatch(reason)
            out.missing[row["source_id"]] = reason
    return out


def _rows(root: Path, table: str):
    with open(root / "data" / "raw" / f"{table}.csv", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        prev = reader.line_num
        for cells in reader:
            yield prev + 1, dict(zip(header, cells))
            prev = reader.line_num


def _not_cited(src: SourceText, row: dict, column: str) -> str | None:
    """Why ``row[column]`` is not found in the row's cited paragraph(s), or None if it is."""
    if normalise(row[column]) not in normalise(src.cited(row["locator"])):
        return f"{column} {row[column]!r} is not in {row['locator']}"
    return None


def _date_facts(date_text: str) -> tuple[set[int], set[int], set[int]]:
    text = _ascii_digits(normalise(date_text))
    years = {int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)}
    months = {MONTHS[w] for w in re.findall(r"[^\W\d_]+", text) if w in MONTHS}
    days = set()
    for m in re.finditer(r"\b(\d{1,2})(?:er|st|nd|rd|th)?\s+([^\W\d_]+)", text):
        if m.group(2) in MONTHS:
            days.add(int(m.group(1)))
    for m in re.finditer(r"\b([^\W\d_]+)\s+(\d{1,2})\b", text):
        if m.group(1) in MONTHS:
            days.add(int(m.group(2)))
    return years, months, days


def _dates_agree(date_text: str, start: str, end: str) -> str | None:
    """Why the dates named in ``date_text`` do not fit ``start``..``end``, or None."""
    years, months, days = _date_facts(date_text)
    if not (start and end):
        return None
    s, e = [int(x) for x in start.split("-")], [int(x) for x in end.split("-")]
    span_years = set(range(s[0], e[0] + 1))
    if years and not years & span_years:
        return f"names year(s) {sorted(years)}, the row has {start} to {end}"
    if months and s[0] == e[0]:
        span_months = set(range(s[1], e[1] + 1))
        if not months & span_months:
            return f"names month(s) {sorted(months)}, the row has {start} to {end}"
    if days and s[:2] == e[:2] and not any(s[2] <= d <= e[2] for d in days):
        return f"names day(s) {sorted(days)}, the row has {start} to {end}"
    return None


def check_claims(texts: Texts, root: Path | None = None) -> list[str]:
    """Check every claim's value words against its cited paragraph.

    A claim passes when its ``value_text`` occurs in the cited paragraph(s) and, for a number, the
    numbers parsed from it are exactly its non-empty ``low``, ``best`` and ``high`` values in that
    order; for a date, the years, months and days it names fall within its value dates.

    Parameters
    ----------
    texts : Texts
        From :func:`load_source_texts`; claims of sources without a text are skipped.
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
        src = texts.get(row["source_id"])
        if src is None:
            continue
        where = f"claims.csv:{line}: {row['claim_id']}"
        missing = _not_cited(src, row, "value_text")
        if missing:
            problems.append(f"{where}: {missing}")
        if row.get("kind", "number") == "number":
            try:
                coded = [int(row[c]) for c in ("low", "best", "high") if row[c] != ""]
            except ValueError:
                continue  # validation reports it
            stated = parse_numbers(row["value_text"], src.language)
            if coded != stated:
                problems.append(f"{where}: value_text {row['value_text']!r} states {stated}, the row codes {coded}")
        elif row.get("kind") == "date":
            why = _dates_agree(row["value_text"], row["value_date_start"], row["value_date_end"])
            if why:
                problems.append(f"{where}: value_text {row['value_text']!r} {why}")
    return problems


def check_events(texts: Texts, root: Path | None = None) -> list[str]:
    """Check every event's date words against its cited paragraph and its dates.

    An event passes when its ``date_text`` occurs in the cited paragraph(s) and every year, month
    and day it names fits ``date_start`` to ``date_end``. An event whose date is inferred has no
    ``date_text`` and must explain itself in ``date_note``.

    Parameters
    ----------
    texts : Texts
        From :func:`load_source_texts`; events of sources without a text are skipped.
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
        src = texts.get(row["source_id"])
        if src is None:
            continue
        missing = _not_cited(src, row, "date_text")
        if missing:
            problems.append(f"{where}: {missing}")
            continue
        why = _dates_agree(row["date_text"], row["date_start"], row["date_end"])
        if why:
            problems.append(f"{where}: date_text {row['date_text']!r} {why}")
    return problems


@cache
def _number_pattern(language: str) -> re.Pattern:
    words = sorted((w for w in _words_for(language) if not any(c.isdigit() for c in w)), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?<!\w)(?:\d[\d,.\u066b\u066c]*\d|\d|" + alternatives + r")(?!\w)")


def _coded_words(root: Path) -> dict[tuple[str, int], list[str]]:
    """Words the data codes, by (source, paragraph): values, dates, and the years of coded dates."""
    spans: dict[tuple[str, int], list[str]] = {}
    for table, cols in {
        "claims": ("value_text", "period_start", "period_end", "stated_on", "value_date_start", "value_date_end"),
        "events": ("date_text", "date_start", "date_end"),
        "affiliations": ("start", "end"),
        "administration": ("as_of",),
    }.items():
        for _line, row in _rows(root, table):
            words = [row.get(c, "") for c in cols]
            words = [w[:4] if re.match(r"\d{4}-\d\d-\d\d$", w) else w for w in words if w]
            for n in locator_paragraphs(row.get("locator", "")):
                spans.setdefault((row["source_id"], n), []).extend(words)
    return spans


def read_exceptions(path: Path) -> list[dict]:
    """Numbers in the source texts deliberately left uncoded, each with its reason (``uncoded_numbers.csv``)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def uncoded_numbers(texts: Texts, exceptions: list[dict], root: Path | None = None) -> list[str]:
    """Numerals and number words in the held texts that no claim, event, date or listed exception covers.

    Parameters
    ----------
    texts : Texts
        From :func:`load_source_texts`.
    exceptions : list of dict
        Rows with ``source_id``, ``paragraph``, ``words`` and ``reason``.
    root : pathlib.Path, optional
        Project root; defaults to this project.

    Returns
    -------
    list of str
        ``source ¶N: 'words' in ...context...`` for each number nothing covers.
    """
    root = Path(root) if root else paths.ROOT
    spans = _coded_words(root)
    for e in exceptions:
        spans.setdefault((e["source_id"], int(e["paragraph"])), []).append(e["words"])
    missing = []
    for sid, src in sorted(texts.texts.items()):
        pattern = _number_pattern(src.language)
        for n, para in enumerate(src.paragraphs, start=1):
            norm = normalise(para)
            covered = [False] * len(norm)
            for words in spans.get((sid, n), []):
                w = normalise(words)
                if not w:
                    continue
                for m in re.finditer(re.escape(w), norm):
                    covered[m.start():m.end()] = [True] * (m.end() - m.start())
            for m in pattern.finditer(norm):
                if not all(covered[m.start():m.end()]):
                    ctx = norm[max(0, m.start() - 30): m.end() + 30]
                    missing.append(f"{sid} ¶{n}: {m.group()!r} in ...{ctx}...")
    return missing
