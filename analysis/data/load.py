"""Typed loaders: one ``load_*`` function per table, each validated first.

The columns' dtypes follow ``datapackage.json``: dates become ``datetime64``,
enumerated strings ordered categoricals (in the descriptor's order), integers
nullable ``Int64``, numbers ``Float64``, booleans ``boolean`` and other text the
``string`` dtype.
The loaders' docstrings are generated from the descriptor too, so that the
documentation of a column lives in one place.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data.schema import Resource, resource
from analysis.data.validate import check

_validated: dict[Path, tuple] = {}
#: Typed tables already read, by root, table and the package's fingerprint: callers get copies.
_tables: dict[tuple, pd.DataFrame] = {}

#: Names of the tables loaded in this process, so that a run can show (and the
#: runner check) that it read only the tables it declares.
LOADED: set[str] = set()


def _fingerprint(root: Path) -> tuple:
    files = [root / "data" / "datapackage.json", *sorted((root / "data" / "raw").glob("*.csv"))]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def ensure_valid(root: Path | None = None) -> tuple:
    """Validate the package once per change of its files; return what identifies their state.

    Parameters
    ----------
    root : pathlib.Path, optional
        Project root; defaults to this project.

    Returns
    -------
    tuple
        The root and the size and modification time of each file of the package: tables derived
        from the package can be kept under this key, which changes whenever one of its files does.

    Raises
    ------
    analysis.data.validate.DataValidationError
        Listing every problem, if the data is invalid.
    """
    root = Path(root) if root else paths.ROOT
    fp = _fingerprint(root)
    if _validated.get(root) != fp:
        check(root)
        _validated[root] = fp
    return root, fp


def _typed(df: pd.DataFrame, res: Resource) -> pd.DataFrame:
    out = {}
    for f in res.fields:
        col = df[f.name].replace("", pd.NA)
        if f.type == "date":
            out[f.name] = pd.to_datetime(col, format="%Y-%m-%d")
        elif f.type == "integer":
            out[f.name] = pd.to_numeric(col).astype("Int64")
        elif f.type == "number":
            out[f.name] = pd.to_numeric(col).astype("Float64")
        elif f.type == "boolean":
            out[f.name] = col.map({"true": True, "false": False}).astype("boolean")
        elif f.enum is not None:
            out[f.name] = pd.Categorical(col, categories=list(f.enum), ordered=True)
        else:
            out[f.name] = col.astype("string")
    return pd.DataFrame(out, index=df.index)


def load_table(name: str, root: Path | None = None) -> pd.DataFrame:
    """Load one table of the package as a typed, validated DataFrame.

    Parameters
    ----------
    name : str
        Table name, as in ``datapackage.json``.
    root : pathlib.Path, optional
        Project root; defaults to this project.

    Returns
    -------
    pandas.DataFrame
        One row per record, columns in descriptor order.

    Raises
    ------
    analysis.data.validate.DataValidationError
        If any table breaks the schema or a rule (all problems are listed).
    KeyError
        If there is no such table.
    """
    root = Path(root) if root else paths.ROOT
    res = resource(name, root / "data" / "datapackage.json")
    state = ensure_valid(root)
    LOADED.add(name)
    key = (name, state)
    if key not in _tables:
        raw = pd.read_csv(root / "data" / res.path, dtype=str, keep_default_na=False, encoding="utf-8")
        _tables[key] = _typed(raw, res)
    return _tables[key].copy()


def _dtype_label(f) -> str:
    if f.type == "date":
        return "datetime64"
    if f.type == "integer":
        return "Int64"
    if f.type == "number":
        return "Float64"
    if f.type == "boolean":
        return "boolean"
    if f.enum is not None:
        return "category"
    return "string"


def _docstring(name: str) -> str:
    res = resource(name)
    lines = [
        f"Load the {res.title.lower()} table (``{res.path}``), validated and typed.",
        "",
        res.description,
        "",
        "Parameters",
        "----------",
        "root : pathlib.Path, optional",
        "    Project root; defaults to this project.",
        "",
        "Returns",
        "-------",
        "pandas.DataFrame",
        f"    Primary key: {', '.join(res.primary_key)}. Columns:",
        "",
    ]
    for f in res.fields:
        req = ", required" if f.required else ""
        lines.append(f"    - ``{f.name}`` ({_dtype_label(f)}{req}): {f.description}")
    lines += [
        "",
        "Raises",
        "------",
        "analysis.data.validate.DataValidationError",
        "    If the data breaks the schema or a rule; every problem is listed.",
    ]
    return "\n".join(lines)


def _make_loader(name: str):
    def loader(root: Path | None = None) -> pd.DataFrame:
        return load_table(name, root)

    loader.__name__ = loader.__qualname__ = f"load_{name}"
    loader.__doc__ = _docstring(name)
    return loader


load_sources = _make_loader("sources")
load_places = _make_loader("places")
load_actors = _make_loader("actors")
load_affiliations = _make_loader("affiliations")
load_events = _make_loader("events")
load_claims = _make_loader("claims")
load_administration = _make_loader("administration")

__all__ = [
    "ensure_valid",
    "load_table",
    "load_sources",
    "load_places",
    "load_actors",
    "load_affiliations",
    "load_events",
    "load_claims",
    "load_administration",
]
