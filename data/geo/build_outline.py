"""Build data/geo/outline.geojson and static/geo/outline.geojson from Natural Earth (world-atlas on npm).

Run once when the source changes (the outputs are committed; nothing is fetched at run time):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python data/geo/build_outline.py /tmp/package/countries-10m.json

world-atlas ships Natural Earth's 1:10m Admin 0 countries (public domain) as TopoJSON; this script decodes
Indonesia and the parts of every other country near it (Timor-Leste, Malaysia, Brunei, Singapore, the
Philippines, Papua New Guinea, Australia and its Indian Ocean territories), and writes:
  data/geo/outline.geojson    full precision, read by core/coordinates.py (in Indonesia or not)
  static/geo/outline.geojson  rounded to about 100 m, drawn by the maps as their base layer
"""

import json
import sys
from pathlib import Path

from shapely import get_parts, make_valid
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape

ROOT = Path(__file__).resolve().parents[2]
INDONESIA = "360"
# Every other country with land in this box is kept (clipped to it): Timor-Leste, Malaysia, Singapore, Brunei,
# the Philippines, Papua New Guinea, Australia and its Indian Ocean territories. Enough to tell "across the
# border" from "at sea off Indonesia".
AROUND = box(90.0, -14.0, 145.0, 10.0)


def decode_arcs(topology):
    """TopoJSON arcs are quantised and delta-encoded; turn them into lists of [lon, lat]."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def geometry(arcs, geom):
    polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
    # Quantised rings can touch themselves; make_valid repairs that so clipping and point tests are exact.
    rings = [[ring(arcs, r) for r in polygon] for polygon in polygons]
    rings = [[r for r in polygon if len(r) >= 4] for polygon in rings]  # islets quantised to a point or a line
    coordinates = [polygon for polygon in rings if polygon and len(polygon[0]) >= 4]
    return polygons_only(make_valid(shape({"type": "MultiPolygon", "coordinates": coordinates})))


def polygons_only(geom):
    """make_valid and clipping can leave slivers as lines or points: keep the areas."""
    parts = []
    for part in get_parts(geom):
        parts.extend(part.geoms if isinstance(part, MultiPolygon) else [part] if isinstance(part, Polygon) else [])
    return MultiPolygon(parts)


def rounded(geom, places):
    def walk(value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
            return [round(value[0], places), round(value[1], places)]
        return [walk(item) for item in value]

    data = mapping(geom)
    return {"type": data["type"], "coordinates": walk(data["coordinates"])}


def main(source):
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        code, name = geom.get("id"), geom["properties"]["name"]
        if geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        if code == INDONESIA:
            features.insert(0, (code, name, geometry(arcs, geom)))
            continue
        clipped = polygons_only(geometry(arcs, geom).intersection(AROUND))
        if not clipped.is_empty:
            features.append((code, name, clipped))
    notice = "Natural Earth 1:10m Admin 0 countries (public domain), via the world-atlas npm package 2.0.2 (ISC)"
    for target, places, tolerance in ((ROOT / "data/geo/outline.geojson", 5, 0), (ROOT / "static/geo/outline.geojson", 3, 0.003)):
        collection = {
            "type": "FeatureCollection",
            "source": notice,
            "features": [
                {"type": "Feature", "properties": {"id": code, "name": name},
                 "geometry": rounded(polygons_only(geom.simplify(tolerance)) if tolerance else geom, places)}
                for code, name, geom in features
            ],
        }
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(collection, separators=(",", ":")))
        print(target, target.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1])
