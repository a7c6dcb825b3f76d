"""Bench: the map's data at national scale (11,000 sentra), against baselines measured in the same run.

Subjects (server time in process, django.test.Client, median of REPEAT):
- /peta/data/ for a national analyst, cold (cache emptied) and warm; its size, plain and gzip;
- /peta/data/ for a kabupaten user (Kab. Alor), cold;
- /api/v1/geo/sentra/ (GeoJSON of every placed sentra, national token-less session), cold;
- /peta/kualitas/ national, cold (every placed record checked against its kabupaten).
Baselines: the raw SQL that reads the same columns, and the sentra list's first page (/sentra/), national.
Targets: cold national map data within MAX_LIST_RATIO x the list's first page and within MAX_SQL_RATIO x the raw
SQL; warm under MAX_WARM_S; gzip size under MAX_GZIP_KB. The database needs coordinates: generate_national writes
them; an older one gets them from `manage.py synthetic_coordinates` (run on a copy, never on sentra_national).
"""

import gzip
import sys

from common import bench_user, parser, report, setup_django, skip, timed

NAME = "map_data"
REPEAT = 5
MAX_LIST_RATIO, MAX_SQL_RATIO, MAX_WARM_S, MAX_GZIP_KB = 3.0, 8.0, 0.100, 400
RAW_SQL = (
    "SELECT id, latitude, longitude, status, last_verified_at FROM sentra_sentra "
    "WHERE deleted_at IS NULL AND latitude IS NOT NULL"
)


def main():
    args = parser(__doc__).parse_args()
    setup_django(args.db)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from sentra.models import Sentra

    placed = Sentra.objects.filter(latitude__isnull=False).count()
    if placed < 1000:
        return skip(NAME, f"only {placed} placed sentra: run `manage.py synthetic_coordinates` on a copy first")
    analyst = Client()
    analyst.force_login(bench_user())
    district = Client()
    district.force_login(User.objects.get_or_create(username="bench-alor", defaults={"role": "district", "region_id": "53.05"})[0])

    def cold(client, url, **headers):
        cache.clear()
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL)
            return cursor.fetchall()

    raw_s, rows = timed(raw, REPEAT)
    list_s, _ = timed(lambda: cold(analyst, "/sentra/"), REPEAT)
    map_s, response = timed(lambda: cold(analyst, "/peta/data/"), REPEAT)
    body = response.content
    zipped = len(gzip.compress(body, 6))
    analyst.get("/peta/data/")
    warm_s, _ = timed(lambda: analyst.get("/peta/data/"), REPEAT * 4)
    district_s, district_response = timed(lambda: cold(district, "/peta/data/"), REPEAT)
    geojson_s, geojson = timed(lambda: cold(analyst, "/api/v1/geo/sentra/", HTTP_ACCEPT="application/json"), 3)
    quality_s, _ = timed(lambda: cold(analyst, "/peta/kualitas/"), 3)

    list_ratio, sql_ratio = map_s / list_s, map_s / raw_s
    passed = list_ratio <= MAX_LIST_RATIO and sql_ratio <= MAX_SQL_RATIO and warm_s <= MAX_WARM_S and zipped / 1024 <= MAX_GZIP_KB
    return report(
        NAME,
        passed=passed,
        summary=(
            f"{len(rows):,} placed sentra: /peta/data/ cold {map_s * 1000:.0f} ms = {list_ratio:.2f}x the list's first page "
            f"({list_s * 1000:.0f} ms, target <= {MAX_LIST_RATIO}x) and {sql_ratio:.1f}x raw SQL ({raw_s * 1000:.0f} ms, "
            f"target <= {MAX_SQL_RATIO}x); warm {warm_s * 1000:.1f} ms (target <= {MAX_WARM_S * 1000:.0f}); "
            f"{len(body) / 1024:.0f} KB, {zipped / 1024:.0f} KB gzip (target <= {MAX_GZIP_KB}); Kab. Alor cold "
            f"{district_s * 1000:.0f} ms ({len(district_response.json()['rows'])} points); GeoJSON API {geojson_s * 1000:.0f} ms "
            f"({len(geojson.content) / 1024:.0f} KB); quality list national {quality_s * 1000:.0f} ms"
        ),
        placed=len(rows), map_cold_ms=round(map_s * 1000, 1), map_warm_ms=round(warm_s * 1000, 2), list_ms=round(list_s * 1000, 1),
        raw_sql_ms=round(raw_s * 1000, 1), list_ratio=round(list_ratio, 2), sql_ratio=round(sql_ratio, 2),
        kb=round(len(body) / 1024), gzip_kb=round(zipped / 1024), district_ms=round(district_s * 1000, 1),
        geojson_ms=round(geojson_s * 1000, 1), quality_ms=round(quality_s * 1000, 1),
    )


if __name__ == "__main__":
    sys.exit(main() or 0)
