"""Validate the raw tables against ``datapackage.json`` and the rules it cannot express.

Every problem is collected, none stops the others from being found, and each
is reported as ``file:line: column: rule (value)`` so that a coder can go
straight to the cell. The schema part (types, required, enums, patterns,
ranges, keys) is driven by the descriptor; the cross-field rules are listed in
:data:`RULES`.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from analysis import paths
from analysis.data.schema import Field, Resource, resources

LOCATOR_RE = re.compile(r"^¶([1-9][0-9]*)(?:-([1-9][0-9]*))?$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", re.ASCII)
INT_RE = re.compile(r"^-?[0-9]+$", re.ASCII)
NUMBER_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$", re.ASCII)
BOOLEAN = {"true": True, "false": False}
#: Whole numbers beyond this are refused whatever the schema says: no count in this data comes near
#: it, and pandas' 64-bit integers would overflow long before arithmetic on them could be trusted.
INT_LIMIT = 10**12
#: The longest cell accepted; a longer one is reported (and the rest of the table still checked).
CELL_LIMIT = 20_000
#: Characters that must never appear in a cell: NUL and the other C0 controls but tab and line breaks.
#: Control characters a cell may not hold. A carriage return is among them: a CSV written with "\n"
#: line endings would not quote it, and the cell would split its row in the output.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f]")
csv.field_size_limit(2**31 - 1)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell (or row, or file) of the data.

    Attributes
    ----------
    file : str
        CSV file name, such as ``claims.csv``.
    line : int
        Physical line in the file where the offending record starts (the
        header is line 1).
    column : str
        Column name, or ``-`` for a problem of the whole row or file.
    rule : str
        The rule that is broken.
    value : str
        The offending value(s), as written.
    """

    file: str
    line: int
    column: str
    rule: str
    value: str = ""

    def __str__(self) -> str:
        shown = self.value if self.value != "" else "empty"
        return f"{self.file}:{self.line}: {self.column}: {self.rule} ({shown})"


class DataValidationError(ValueError):
    """Raised when the data breaks the schema or a rule; lists every problem."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        n = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the data:\n{lines}")


def _problem_order(p: Problem):
    return (p.file, p.line, p.column, p.rule, p.value)


@dataclass
class Row:
    """A data record: its starting line, raw cells by column and parsed values."""

    line: int
    raw: dict[str, str]
    value: dict[str, object]


@dataclass
class Table:
    """A table as read for validation."""

    resource: Resource
    rows: list[Row]
    readable: bool = True


# --------------------------------------------------------------------- reading


def _decode(path: Path, res: Resource, problems: list[Problem]) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 4]
        problems.append(
            Problem(res.file_name, line, "-", "encoding: file is not valid UTF-8", bad.hex(" "))
        )
        text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        problems.append(
            Problem(res.file_name, 1, "-", "encoding: byte-order mark at the start of the file; save as UTF-8 without BOM", "EF BB BF")
        )
        text = text[1:]
    return text


def _read_records(text: str, res: Resource, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    prev_end = 0
    try:
        for cells in reader:
            records.append((prev_end + 1, cells))
            prev_end = reader.line_num
    except csv.Error as exc:
        msg = str(exc)
        if "unexpected end of data" in msg or "expected after '\"'" in msg:
            rule = "csv: unbalanced quote in the record starting here"
        else:
            rule = f"csv: {msg}"
        problems.append(
            Problem(res.file_name, prev_end + 1, "-", rule + "; rows after it were not checked")
        )
    return records


def _check_header(header: list[str], res: Resource, problems: list[Problem]) -> bool:
    expected = [f.name for f in res.fields]
    ok = True
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(res.file_name, 1, name, "header: duplicate column", name))
            ok = False
        seen.add(name)
        if name not in expected:
            problems.append(
                Problem(res.file_name, 1, name, "header: unknown column, not in datapackage.json", name)
            )
            ok = False
    for name in expected:
        if name not in header:
            problems.append(Problem(res.file_name, 1, name, "header: missing column", name))
            ok = False
    if ok and header != expected:
        problems.append(
            Problem(res.file_name, 1, "-", "header: columns not in datapackage.json order", ",".join(header))
        )
        ok = False
    return ok


def _parse_cell(f: Field, raw: str) -> tuple[object, str | None]:
    """Return (value, rule broken or None) for one non-empty cell."""
    if f.type == "date":
        if not DATE_RE.match(raw):
            return None, "type: not a date in YYYY-MM-DD form"
        try:
            return dt.date.fromisoformat(raw), None
        except ValueError:
            return None, "type: impossible date"
    if f.type == "integer":
        if not INT_RE.match(raw):
            other = any(c.isdigit() and not c.isascii() for c in raw)
            return None, "type: not a whole number" + (" in ASCII digits (0-9)" if other else "")
        value = int(raw)
        if abs(value) >= INT_LIMIT:
            return None, f"range: beyond {INT_LIMIT:,}, not a plausible count"
        return value, None
    if f.type == "number":
        if not NUMBER_RE.match(raw):
            other = any(c.isdigit() and not c.isascii() for c in raw)
            return None, "type: not a finite decimal number" + (" in ASCII digits (0-9)" if other else "")
        return float(raw), None
    if f.type == "boolean":
        if raw not in BOOLEAN:
            return None, "type: not true or false"
        return BOOLEAN[raw], None
    return raw, None


def _check_cell(f: Field, raw: str, res: Resource, line: int, problems: list[Problem]) -> object:
    if len(raw) > CELL_LIMIT:
        problems.append(Problem(res.file_name, line, f.name, f"size: longer than {CELL_LIMIT:,} characters", raw[:40] + "..."))
        return None
    bad = CONTROL_RE.search(raw)
    if bad:
        problems.append(Problem(res.file_name, line, f.name, f"character: control character U+{ord(bad.group()):04X} in the cell", raw.encode("unicode_escape").decode()[:80]))
        return None
    if raw == "":
        if f.required:
            problems.append(Problem(res.file_name, line, f.name, "required: value missing", raw))
        return None
    value, broken = _parse_cell(f, raw)
    if broken:
        problems.append(Problem(res.file_name, line, f.name, broken, raw))
        return None
    if f.enum is not None and value not in f.enum:
        allowed = ", ".join(f.enum)
        problems.append(Problem(res.file_name, line, f.name, f"enum: not one of {allowed}", raw))
        return None
    if f.pattern is not None and not re.fullmatch(f.pattern, raw):
        problems.append(Problem(res.file_name, line, f.name, f"pattern: does not match {f.pattern}", raw))
        return None
    if f.minimum is not None and value < f.minimum:
        problems.append(Problem(res.file_name, line, f.name, f"minimum: less than {f.minimum:g}", raw))
        return None
    if f.maximum is not None and value > f.maximum:
        problems.append(Problem(res.file_name, line, f.name, f"maximum: more than {f.maximum:g}", raw))
        return None
    return value


def read_table(path: Path, res: Resource, problems: list[Problem]) -> Table:
    """Read one CSV for validation, recording every schema problem.

    Parameters
    ----------
    path : pathlib.Path
        The CSV file.
    res : Resource
        Its metadata from the descriptor.
    problems : list of Problem
        Problems found are appended here.

    Returns
    -------
    Table
        The rows that could be read, with parsed values for the cells that
        passed their checks (``None`` otherwise).
    """
    if not path.exists():
        problems.append(Problem(res.file_name, 0, "-", "file: missing"))
        return Table(res, [], readable=False)
    text = _decode(path, res, problems)
    records = _read_records(text, res, problems)
    if not records:
        problems.append(Problem(res.file_name, 1, "-", "empty table: no header and no rows"))
        return Table(res, [], readable=False)
    header_line, header = records[0]
    complete = _check_header(header, res, problems)
    fields = {f.name: f for f in res.fields}
    # a cell of a field that is free text, or empty where that is allowed, cannot break a rule once its
    # row is known to hold no control character and no oversized cell: such cells skip the checks
    free = {name for name, f in fields.items()
            if f.type == "string" and f.enum is None and f.pattern is None and f.minimum is None and f.maximum is None}
    optional = {name for name, f in fields.items() if not f.required}
    # the other cells of such a row are checked once per distinct value of a column: ids, codes and
    # dates repeat from row to row, and a cell that passed passes wherever it stands
    passed: dict[tuple[str, str], object] = {}
    in_order = header == list(fields)
    known = [name for name in header if name in fields]
    rows: list[Row] = []
    for line, cells in records[1:]:
        if cells == []:
            problems.append(Problem(res.file_name, line, "-", "blank row"))
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    res.file_name,
                    line,
                    "-",
                    f"row has {len(cells)} cells but the header has {len(header)}",
                    ",".join(cells)[:80],
                )
            )
            continue
        if in_order:
            raw = dict(zip(header, cells))
        else:
            raw = {name: "" for name in fields}
            raw.update((name, cell) for name, cell in zip(header, cells) if name in fields)
        if max(map(len, cells)) <= CELL_LIMIT and not CONTROL_RE.search("".join(cells)):
            value = {}
            for name in known:
                cell = raw[name]
                if (cell and name in free) or (not cell and name in optional):
                    value[name] = cell or None
                elif (name, cell) in passed:
                    value[name] = passed[name, cell]
                else:
                    found = len(problems)
                    value[name] = _check_cell(fields[name], cell, res, line, problems)
                    if len(problems) == found:
                        passed[name, cell] = value[name]
        else:
            value = {name: _check_cell(fields[name], raw[name], res, line, problems) for name in header if name in fields}
        if not in_order:
            value.update((name, None) for name in fields if name not in value)
        rows.append(Row(line, raw, value))
    if not rows and len(records) == 1:
        problems.append(Problem(res.file_name, 2, "-", "empty table: header but no data rows"))
    # with a column missing or unknown the rows were still checked, but keys into this table are not
    return Table(res, rows, readable=complete)


# ----------------------------------------------------------------- keys


def _check_keys(tables: dict[str, Table], problems: list[Problem]) -> None:
    for table in tables.values():
        res = table.resource
        for f in res.fields:
            if not f.unique or f.name in res.primary_key:
                continue
            _duplicates(table, (f.name,), "unique", problems)
        if res.primary_key:
            _duplicates(table, res.primary_key, "primary key", problems)
    for table in tables.values():
        res = table.resource
        for fk in res.foreign_keys:
            target = tables.get(fk.resource)
            if target is None or not target.readable:
                continue
            known = {r.raw[fk.reference] for r in target.rows}
            for row in table.rows:
                v = row.raw.get(fk.field, "")
                if v != "" and v not in known:
                    problems.append(
                        Problem(
                            res.file_name,
                            row.line,
                            fk.field,
                            f"foreign key: no {fk.resource}.{fk.reference} with this value",
                            v,
                        )
                    )


def _duplicates(table: Table, cols: tuple[str, ...], rule: str, problems: list[Problem]) -> None:
    first: dict[tuple, int] = {}
    for row in table.rows:
        key = tuple(row.raw[c] for c in cols)
        if any(k == "" for k in key):
            continue
        if key in first:
            problems.append(
                Problem(
                    table.resource.file_name,
                    row.line,
                    ",".join(cols),
                    f"{rule}: duplicate of line {first[key]}",
                    ",".join(key),
                )
            )
        else:
            first[key] = row.line


# ----------------------------------------------------------- cross-field rules

RuleFn = Callable[[dict[str, Table]], Iterable[Problem]]
#: Cross-field rules, by the table they apply to.
RULES: list[tuple[str, str, RuleFn]] = []


def rule(table: str, description: str):
    """Register a cross-field rule (used as a decorator).

    Parameters
    ----------
    table : str
        Table the rule reads, or ``*`` for a rule over several tables.
    description : str
        What the rule requires, for the codebook.
    """

    def deco(fn: RuleFn) -> RuleFn:
        RULES.append((table, description, fn))
        return fn

    return deco


def _order(table: Table, a: str, b: str, name: str) -> Iterable[Problem]:
    for row in table.rows:
        va, vb = row.value.get(a), row.value.get(b)
        if va is not None and vb is not None and va > vb:
            yield Problem(table.resource.file_name, row.line, b, name, f"{a}={row.raw[a]}, {b}={row.raw[b]}")


@rule("claims", "low <= best <= high")
def _claims_order(tables):
    t = tables["claims"]
    for row in t.rows:
        vals = [(c, row.value.get(c)) for c in ("low", "best", "high")]
        present = [(c, v) for c, v in vals if v is not None]
        for (_c1, v1), (c2, v2) in zip(present, present[1:]):
            if v1 > v2:
                shown = ", ".join(f"{c}={row.raw[c]}" for c, _ in present)
                yield Problem(t.resource.file_name, row.line, c2, "order: low <= best <= high", shown)
                break


QUALIFIER_NEEDS = {
    "exact": ({"best"}, {"low", "high"}),
    "approx": ({"best"}, {"low", "high"}),
    "at_least": ({"low"}, {"best", "high"}),
    "at_most": ({"high"}, {"low", "best"}),
    "range": ({"low", "high"}, {"best"}),
}

#: What each kind of claim must state, and what it must leave empty.
KIND_NEEDS = {
    "number": ({"qualifier", "unit", "scope"}, {"value_date_start", "value_date_end", "value_date_precision", "value_place_id"}),
    "date": ({"value_date_start", "value_date_end", "value_date_precision"}, {"low", "best", "high", "qualifier", "unit", "value_place_id"}),
    "place": ({"value_place_id", "event_id"}, {"low", "best", "high", "qualifier", "unit", "value_date_start", "value_date_end"}),
    "actor": ({"value_actor_id"}, {"low", "best", "high", "qualifier", "unit", "value_date_start", "value_date_end", "value_place_id"}),
    "presence": ({"subject_id"}, {"low", "best", "high", "qualifier", "unit", "value_date_start", "value_date_end", "value_place_id"}),
}


@rule("claims", "each kind of claim gives its own values: a number its qualifier, unit and values; a date its dates; a place its place; an actor its actor; a presence its group")
def _claims_kind(tables):
    t = tables["claims"]
    for row in t.rows:
        kind = row.value.get("kind")
        if kind not in KIND_NEEDS:
            continue
        need, forbid = KIND_NEEDS[kind]
        for c in sorted(need):
            if row.raw[c] == "":
                yield Problem(t.resource.file_name, row.line, c, f"kind: a {kind} claim needs {c}", row.raw[c])
        for c in sorted(forbid):
            if row.raw[c] != "":
                yield Problem(t.resource.file_name, row.line, c, f"kind: a {kind} claim takes no {c}", row.raw[c])


@rule("claims", "qualifier matches the values given")
def _claims_qualifier(tables):
    t = tables["claims"]
    for row in t.rows:
        q = row.value.get("qualifier")
        if q not in QUALIFIER_NEEDS or row.value.get("kind") != "number":
            continue
        need, forbid = QUALIFIER_NEEDS[q]
        for c in sorted(need):
            if row.raw[c] == "":
                yield Problem(t.resource.file_name, row.line, c, f"qualifier: {q} needs {c}", row.raw[c])
        for c in sorted(forbid):
            if row.raw[c] != "":
                yield Problem(t.resource.file_name, row.line, c, f"qualifier: {q} takes no {c}", row.raw[c])


@rule("claims", "value_date_start <= value_date_end")
def _claims_value_dates(tables):
    yield from _order(tables["claims"], "value_date_start", "value_date_end", "order: value_date_start <= value_date_end")


#: Columns that point back into their own table, and must never point at their own row.
SELF_REFERENCES = {
    "places": ("place_id", "parent_id"),
    "events": ("event_id", "parent_event_id"),
    "actors": ("actor_id", "possibly_same_as"),
    "sources": ("source_id", "copy_of"),
    "administration": ("unit_id", "parent_unit_id"),
    "affiliations": ("actor_id", "group_id"),
}


@rule("*", "no row refers to itself or, through its parents, back to itself (places, events, administration, copies)")
def _self_references(tables):
    for name, (key, ref) in SELF_REFERENCES.items():
        t = tables.get(name)
        if t is None or not t.readable:
            continue
        parent = {r.raw[key]: r.raw[ref] for r in t.rows if r.raw.get(ref)}
        for row in t.rows:
            here = row.raw[key]
            if not row.raw.get(ref):
                continue
            if row.raw[ref] == here:
                yield Problem(t.resource.file_name, row.line, ref, f"reference: refers to its own row ({key} {here})", row.raw[ref])
                continue
            if name == "affiliations" or name == "actors":
                continue
            seen, cur = {here}, row.raw[ref]
            while cur in parent and cur not in seen:
                seen.add(cur)
                cur = parent[cur]
            if cur == here:
                yield Problem(t.resource.file_name, row.line, ref, "reference: a chain of parents leads back to this row", row.raw[ref])


@rule("sources", "a held source has its file, hash, paragraph count, coverage and language; an original that is not held has none; a copy names what it copies")
def _sources_held(tables):
    t = tables["sources"]
    for row in t.rows:
        held = row.value.get("held")
        for c in ("sha256", "paragraphs", "file_name", "coverage", "language"):
            if held is True and row.raw[c] == "":
                yield Problem(t.resource.file_name, row.line, c, "held: a held source needs " + c, "")
            if held is False and row.raw[c] != "" and c != "language":
                yield Problem(t.resource.file_name, row.line, c, "held: a source not held has no " + c, row.raw[c])
        if row.raw["grade"] == "copy" and row.raw["copy_of"] == "":
            yield Problem(t.resource.file_name, row.line, "copy_of", "grade: a copy names the source it reprints", "")
        if row.raw["grade"] == "primary" and row.raw["copy_of"] != "":
            yield Problem(t.resource.file_name, row.line, "copy_of", "grade: a primary source reprints nothing", row.raw["copy_of"])
        if row.raw["published"] == "" and row.raw["date_precision"] != "unknown":
            yield Problem(t.resource.file_name, row.line, "published", "required: value missing unless date_precision is unknown", "")


@rule("*", "rows cite a source whose text is held")
def _cited_sources_held(tables):
    sources = _sources_by_id(tables)
    for t in tables.values():
        if "source_id" not in {f.name for f in t.resource.fields} or t.resource.name == "sources":
            continue
        for row in t.rows:
            src = sources.get(row.raw.get("source_id", ""))
            if src is not None and src.get("held") is False:
                yield Problem(t.resource.file_name, row.line, "source_id", "source: not held, so no paragraph of it can be cited", row.raw["source_id"])


@rule("claims", "period_start <= period_end")
def _claims_period(tables):
    yield from _order(tables["claims"], "period_start", "period_end", "order: period_start <= period_end")


@rule("events", "date_start <= date_end")
def _events_dates(tables):
    yield from _order(tables["events"], "date_start", "date_end", "order: date_start <= date_end")


@rule("affiliations", "start <= end")
def _affiliation_dates(tables):
    yield from _order(tables["affiliations"], "start", "end", "order: start <= end")


@rule("sources", "coverage_start <= published <= coverage_end")
def _source_dates(tables):
    t = tables["sources"]
    yield from _order(t, "coverage_start", "coverage_end", "order: coverage_start <= coverage_end")
    yield from _order(t, "coverage_start", "published", "order: coverage_start <= published")
    yield from _order(t, "published", "coverage_end", "order: published <= coverage_end")


@rule("events", "sub_event_type belongs to event_type")
def _events_taxonomy(tables):
    t = tables["events"]
    taxonomy = t.resource.extras.get("x-event-types", {})
    for row in t.rows:
        et, st = row.value.get("event_type"), row.value.get("sub_event_type")
        if et and st and st not in taxonomy.get(et, []):
            yield Problem(
                t.resource.file_name,
                row.line,
                "sub_event_type",
                f"taxonomy: not a sub-event type of {et}",
                st,
            )


@rule("places", "coordinates come with their gazetteer source")
def _places_coords(tables):
    t = tables["places"]
    for row in t.rows:
        has = [row.raw[c] != "" for c in ("latitude", "longitude", "coord_source", "geo_precision")]
        if any(has) and not all(has):
            yield Problem(
                t.resource.file_name,
                row.line,
                "latitude",
                "coordinates: latitude, longitude, coord_source and geo_precision go together",
                ",".join(row.raw[c] for c in ("latitude", "longitude", "coord_source", "geo_precision")),
            )


def locator_paragraphs(locator: str) -> list[int]:
    """Return the paragraph numbers a locator such as ``¶9`` or ``¶9-10`` names.

    Parameters
    ----------
    locator : str
        ``¶N`` or ``¶N-M``.

    Returns
    -------
    list of int
        ``[N]`` or ``[N, N+1, ..., M]``; empty if the locator is malformed.
    """
    m = LOCATOR_RE.match(locator or "")
    if not m:
        return []
    a = int(m.group(1))
    b = int(m.group(2) or a)
    return list(range(a, b + 1))


def _sources_by_id(tables) -> dict[str, dict]:
    src = tables.get("sources")
    if src is None:
        return {}
    return {r.raw["source_id"]: r.value for r in src.rows}


LOCATOR_COLUMNS = ("locator", "assessment_locator")


@rule("*", "locators name paragraphs that exist in their source")
def _locators(tables):
    sources = _sources_by_id(tables)
    for t in tables.values():
        cols = [c for c in LOCATOR_COLUMNS if c in {f.name for f in t.resource.fields}]
        for row in t.rows:
            src = sources.get(row.raw.get("source_id", ""))
            if not src or src.get("paragraphs") is None:
                continue
            n = src["paragraphs"]
            for c in cols:
                raw = row.raw[c]
                if row.value.get(c) is None:
                    continue
                m = LOCATOR_RE.match(raw)
                a, b = int(m.group(1)), int(m.group(2) or m.group(1))
                if b < a:
                    yield Problem(t.resource.file_name, row.line, c, "locator: range runs backwards", raw)
                elif b > n:
                    yield Problem(
                        t.resource.file_name,
                        row.line,
                        c,
                        f"locator: source {row.raw['source_id']} has only {n} paragraphs",
                        raw,
                    )


DATED_COLUMNS = {
    # an event's span may reach past its coding source's date (other reports date it too), but not its start
    "events": ("date_start",),
    "claims": ("period_start", "period_end", "stated_on", "value_date_start", "value_date_end"),
    "affiliations": ("start", "end"),
    "administration": ("as_of",),
}


@rule("*", "dates fall within their source's coverage")
def _coverage(tables):
    sources = _sources_by_id(tables)
    for name, cols in DATED_COLUMNS.items():
        t = tables.get(name)
        if t is None:
            continue
        for row in t.rows:
            src = sources.get(row.raw.get("source_id", ""))
            if not src or src.get("coverage_start") is None or src.get("coverage_end") is None:
                continue
            lo, hi = src["coverage_start"], src["coverage_end"]
            for c in cols:
                v = row.value.get(c)
                if v is not None and not (lo <= v <= hi):
                    yield Problem(
                        t.resource.file_name,
                        row.line,
                        c,
                        f"coverage: outside {row.raw['source_id']}'s coverage {lo} to {hi}",
                        row.raw[c],
                    )


# ------------------------------------------------------------------- driver


def read_package(root: Path | None = None) -> tuple[dict[str, Table], list[Problem]]:
    """Read every table of the package for validation.

    Parameters
    ----------
    root : pathlib.Path, optional
        Project root; defaults to this project.

    Returns
    -------
    tables : dict of str to Table
    problems : list of Problem
        Schema problems found while reading (types, required, enums, ...).
    """
    root = Path(root) if root else paths.ROOT
    descriptor = root / "data" / "datapackage.json"
    problems: list[Problem] = []
    tables = {}
    for name, res in resources(descriptor).items():
        tables[name] = read_table(root / "data" / res.path, res, problems)
    return tables, problems


def validate_package(root: Path | None = None) -> list[Problem]:
    """Validate every table and every rule; return all problems found.

    Parameters
    ----------
    root : pathlib.Path, optional
        Project root whose ``data/`` is checked; defaults to this project.

    Returns
    -------
    list of Problem
        Sorted by file and line; empty when the data is valid.

    Examples
    --------
    >>> validate_package()
    []
    """
    tables, problems = read_package(root)
    _check_keys(tables, problems)
    for table, _desc, fn in RULES:
        if table != "*" and (table not in tables or not tables[table].readable):
            continue
        problems.extend(fn(tables))
    return sorted(set(problems), key=_problem_order)


def check(root: Path | None = None) -> None:
    """Raise :class:`DataValidationError` listing every problem, if there is any.

    Parameters
    ----------
    root : pathlib.Path, optional
        Project root; defaults to this project.
    """
    problems = validate_package(root)
    if problems:
        raise DataValidationError(problems)
