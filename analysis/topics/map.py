"""Where the enclave lies: province polygons, gazetteer points and schematic directions of attack.

The province outlines are Natural Earth's public-domain 1:10m admin-1 polygons, extracted once
into ``data/geo/provinces.geojson`` by ``scripts/geo/build_provinces.py`` (see
``data/geo/README.md``); nothing is downloaded when the map is drawn. The set has no district
boundaries, so the enclave's two districts cannot be outlined: Darzab is marked by its GeoNames
district-centre point, and Qush Tepa, which the gazetteer extract lacks, is named in the caption.

Points come only from the coordinates in ``places.csv`` (copied from GeoNames, never typed).
The January 2018 directions of attack are drawn as *schematic* arrows: AAN gives directions
(from the south, east and west), not routes or targets, so each arrow only points from that
side towards the Darzab centre, its length fixed by ``ARROW_KM`` and not by any place.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.topics.offensive_2018 import FEBRUARY, FRONT_ORIGINS, JANUARY, fronts, parts

#: The committed province polygons.
PROVINCES_FILE = paths.DATA / "geo" / "provinces.geojson"
#: The point the schematic arrows point at: the Darzab district centre (a gazetteer point).
ANCHOR = "darzab_centre"
#: Length of a schematic arrow and the gap it leaves before the anchor, in kilometres.
ARROW_KM = (38.0, 7.0)
#: Unit vectors (east, north) of the side an attack came from.
SIDES = {"from the south": (0.0, -1.0), "from the east": (1.0, 0.0), "from the west": (-1.0, 0.0),
         "from the north": (0.0, 1.0)}
#: How each drawn place is marked, by place id; other district centres are "district centre".
ROLES = {
    "darzab": "Enclave district (centre)",
    "sheberghan": "Provincial capital",
}
#: Province names as the prose spells them (AAN's spelling), for the polygon names Natural Earth uses.
PROVINCE_NAMES = {"Jowzjan": "Jawzjan", "Sar-e Pol": "Sar-e Pul"}
KM_PER_DEGREE = 111.32


def front_origins() -> set[str]:
    """Place ids of the origins of the January 2018 fronts: the coded ones and those of :data:`FRONT_ORIGINS`."""
    f = fronts(JANUARY)
    ids = set(f["origin_id"].dropna())
    for eid in f["event_id"]:
        ids |= set(FRONT_ORIGINS.get(eid, ()))
    return ids


def provinces(path: Path | None = None) -> pd.DataFrame:
    """The province polygons as vertices, one row per vertex, for ``geom_polygon``.

    Parameters
    ----------
    path : pathlib.Path, optional
        A GeoJSON FeatureCollection of Polygon or MultiPolygon features with a ``name``
        property; defaults to ``PROVINCES_FILE``.

    Returns
    -------
    pandas.DataFrame
        ``province``, ``iso``, ``piece`` (one id per outer ring, the ``group`` aesthetic),
        ``order``, ``longitude`` and ``latitude``. Holes are left out (the provinces have none;
        a hole would raise).

    Raises
    ------
    ValueError
        For a geometry other than Polygon or MultiPolygon, or a polygon with a hole.
    """
    doc = json.loads(Path(path or PROVINCES_FILE).read_text(encoding="utf-8"))
    rows = []
    for feature in doc["features"]:
        props, geom = feature["properties"], feature["geometry"]
        if geom["type"] == "Polygon":
            polygons = [geom["coordinates"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["coordinates"]
        else:
            raise ValueError(f"{props.get('name')}: geometry {geom['type']} is not a polygon")
        for k, rings in enumerate(polygons):
            if len(rings) > 1:
                raise ValueError(f"{props.get('name')}: polygon {k} has a hole, which geom_polygon cannot draw")
            piece = f"{props.get('iso_3166_2')}-{k}"
            for i, (lon, lat) in enumerate(rings[0]):
                name = props.get("name_en") or props["name"]
                rows.append((PROVINCE_NAMES.get(name, name), props.get("iso_3166_2"), piece, i, lon, lat))
    return pd.DataFrame(rows, columns=["province", "iso", "piece", "order", "longitude", "latitude"])


def province_labels(polys: pd.DataFrame) -> pd.DataFrame:
    """Where to write each province's name: the area centroid of its largest ring.

    Parameters
    ----------
    polys : pandas.DataFrame
        Output of :func:`provinces`.

    Returns
    -------
    pandas.DataFrame
        ``province``, ``longitude``, ``latitude``.
    """
    rows = []
    for (prov, _piece), g in polys.groupby(["province", "piece"], sort=False):
        x, y = g["longitude"].to_numpy(), g["latitude"].to_numpy()
        cross = x[:-1] * y[1:] - x[1:] * y[:-1]
        a = cross.sum() / 2
        if a == 0:
            continue
        cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * a)
        cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * a)
        rows.append((prov, abs(a), cx, cy))
    df = pd.DataFrame(rows, columns=["province", "area", "longitude", "latitude"])
    df = df.sort_values("area", ascending=False).drop_duplicates("province")
    return df[["province", "longitude", "latitude"]].reset_index(drop=True)


def bounds(polys: pd.DataFrame) -> tuple[float, float, float, float]:
    """The polygons' extent: ``(lon_min, lon_max, lat_min, lat_max)``.

    Parameters
    ----------
    polys : pandas.DataFrame
        Output of :func:`provinces`.
    """
    return (float(polys["longitude"].min()), float(polys["longitude"].max()),
            float(polys["latitude"].min()), float(polys["latitude"].max()))


def map_places(polys: pd.DataFrame | None = None, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """The gazetteer points inside the polygons' extent that the map draws, with their role.

    Points are district centres and towns (``places.csv`` rows with coordinates, kind
    ``district`` or ``city``); a district-centre row and its district's row that share one
    gazetteer point are drawn once, under the district. The origins of the January 2018 fronts
    are marked as such.

    Parameters
    ----------
    polys : pandas.DataFrame, optional
        Output of :func:`provinces`; defaults to the committed polygons.
    places : pandas.DataFrame, optional
        Rows of :func:`analysis.data.load.load_places`; defaults to the data's.

    Returns
    -------
    pandas.DataFrame
        ``place_id``, ``name``, ``kind``, ``role``, ``gazetteer_name``, ``coord_source``,
        ``longitude``, ``latitude``.
    """
    if places is None:
        from analysis.data.load import load_places

        places = load_places()
    lon0, lon1, lat0, lat1 = bounds(provinces() if polys is None else polys)
    p = places[places["latitude"].notna() & places["kind"].isin(["district", "city"])].copy()
    p["longitude"] = p["longitude"].astype(float)
    p["latitude"] = p["latitude"].astype(float)
    p = p[p["longitude"].between(lon0, lon1) & p["latitude"].between(lat0, lat1)]
    # one point, one mark: a district and its centre share the gazetteer entry
    p = p.sort_values("kind", key=lambda k: k.map({"district": 0, "city": 1})).drop_duplicates(["longitude", "latitude"])
    origins = front_origins()
    p["role"] = [
        ROLES.get(pid, "Origin district of a January 2018 front" if pid in origins else "Other district centre")
        for pid in p["place_id"]
    ]
    cols = ["place_id", "name", "kind", "role", "gazetteer_name", "coord_source", "longitude", "latitude"]
    return p[cols].sort_values("place_id").reset_index(drop=True)


def unplaced(places: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Places of the enclave, the January offensive and the February attacks that have no gazetteer point.

    Parameters
    ----------
    places, events : pandas.DataFrame, optional
        Rows of ``load_places`` and ``load_events``; default to the data's.

    Returns
    -------
    pandas.DataFrame
        ``place_id``, ``name``, ``kind`` of each place named as the target or origin of the
        events (or a part of them) or one of the two districts, that lacks coordinates; composite
        areas (the enclave as a whole) and provinces are left out, since no point could stand
        for them.
    """
    if places is None:
        from analysis.data.load import load_places

        places = load_places()
    if events is None:
        from analysis.data.load import load_events

        events = load_events()
    ids = parts(JANUARY, events) + parts(FEBRUARY, events)
    ev = events[events["event_id"].isin(ids)]
    extra = [pid for eid in ev["event_id"] for pid in FRONT_ORIGINS.get(eid, ())]
    named = list(dict.fromkeys(["darzab", "qush_tepa"] + ev["place_id"].dropna().astype(str).tolist()
                               + ev["origin_place_id"].dropna().astype(str).tolist() + extra))
    p = places.set_index("place_id").loc[named].reset_index()
    p = p[p["latitude"].isna() & ~p["kind"].isin(["province", "country"]) & (p["place_id"] != "enclave")]
    return p[["place_id", "name", "kind"]].reset_index(drop=True)


def schematic_arrows(places: pd.DataFrame | None = None) -> pd.DataFrame:
    """The January 2018 directions of attack as schematic arrows pointing at the Darzab centre.

    Each arrow starts ``ARROW_KM[0]`` km from the anchor on the side AAN names and stops
    ``ARROW_KM[1]`` km short of it; only the side is data, the length and end are drawing choices.

    Parameters
    ----------
    places : pandas.DataFrame, optional
        Rows of ``load_places``; defaults to the data's.

    Returns
    -------
    pandas.DataFrame
        ``direction``, ``led_by``, ``x``, ``y`` (start), ``xend``, ``yend`` (tip), and
        ``label`` ("from the south (schematic)").

    Raises
    ------
    ValueError
        If a front's direction is not one of ``SIDES`` or the anchor has no point.
    """
    if places is None:
        from analysis.data.load import load_places

        places = load_places()
    a = places.set_index("place_id").loc[ANCHOR]
    if pd.isna(a["latitude"]):
        raise ValueError(f"the anchor {ANCHOR!r} has no gazetteer point")
    lon, lat = float(a["longitude"]), float(a["latitude"])
    kx = KM_PER_DEGREE * math.cos(math.radians(lat))
    rows = []
    for f in fronts(JANUARY).itertuples():
        if f.direction not in SIDES:
            raise ValueError(f"front {f.event_id}: direction {f.direction!r} is not one of {', '.join(SIDES)}")
        dx, dy = SIDES[f.direction]
        far, near = ARROW_KM
        rows.append({
            "direction": f.direction, "led_by": f.led_by,
            "x": lon + dx * far / kx, "y": lat + dy * far / KM_PER_DEGREE,
            "xend": lon + dx * near / kx, "yend": lat + dy * near / KM_PER_DEGREE,
            "label": f"{f.direction} (schematic)",
        })
    return pd.DataFrame(rows)


def scale_bar(polys: pd.DataFrame, km: float = 50.0) -> pd.DataFrame:
    """A scale bar of ``km`` kilometres at the lower left of the polygons' extent.

    Parameters
    ----------
    polys : pandas.DataFrame
        Output of :func:`provinces`.
    km : float
        Length of the bar.

    Returns
    -------
    pandas.DataFrame
        One row: ``x``, ``xend``, ``y`` and ``label``.
    """
    lon0, lon1, lat0, lat1 = bounds(polys)
    y = lat0 + 0.04 * (lat1 - lat0)
    x = lon0 + 0.03 * (lon1 - lon0)
    return pd.DataFrame({"x": [x], "xend": [x + km / (KM_PER_DEGREE * math.cos(math.radians(y)))], "y": [y],
                         "label": [f"{km:g} km"]})


def aspect_ratio(polys: pd.DataFrame) -> float:
    """The y/x ratio that makes a degree of longitude as long as it is at the map's middle latitude.

    Parameters
    ----------
    polys : pandas.DataFrame
        Output of :func:`provinces`.
    """
    _, _, lat0, lat1 = bounds(polys)
    return 1 / math.cos(math.radians((lat0 + lat1) / 2))
