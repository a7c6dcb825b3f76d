"""Bench 2: API list of IKM units (page of 100, nested region and commodity names).

(a) /api/v1/ikm-units/?page_size=100 through the whole Django stack (middleware, token auth, DRF) vs a raw SQL
    query plus orjson producing the same JSON (checked equal before timing): target at most 2x.
(b) a cursor page at depth 900,000 (or 90% of the table) vs the first page: target within 1.5x.
Server time = in-process request handling (django.test.Client), no network; median of repeated requests.
"""

import base64
import sys
from datetime import timezone as dt_timezone
from urllib.parse import urlencode

from common import parser, report, setup_django, skip, synthetic_rows, timed

NAME = "api_list"
URL = "/api/v1/ikm-units/"
MAX_RATIO = 2.0
MAX_DEPTH_RATIO = 1.5
REPEAT = 15

RAW_SQL = """
SELECT u.id, u.name, u.owner_name, u.nib, u.desa_id, d.name, k.code, k.name, kk.code, kk.name, p.code, p.name,
       u.address, c.code, c.name, u.product, u.workers_male, u.workers_female, u.investment, u.production_capacity,
       u.capacity_unit, u.production_value, u.sales, u.production_place, u.last_verified_at, u.version,
       u.created_at, u.updated_at, u.deleted_at, u.workers_unsplit, u.latitude, u.longitude
FROM ikm_ikmunit u
JOIN commodities_commodity c ON c.id = u.commodity_id
JOIN regions_region d ON d.code = u.desa_id
LEFT JOIN regions_region k ON k.code = d.parent_id
LEFT JOIN regions_region kk ON kk.code = k.parent_id
LEFT JOIN regions_region p ON p.code = kk.parent_id
WHERE u.deleted_at IS NULL AND u.id > %s
ORDER BY u.id
LIMIT %s
"""


def ikm_class(workers, investment):
    from ikm.models.unit import classify

    return classify(workers, investment).value


def raw_page(after_id, size=100):
    """The baseline: one SQL query, dicts built by hand, orjson."""
    import orjson
    from django.conf import settings
    from django.db import connection
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(settings.TIME_ZONE)

    def stamp(value):
        return value.astimezone(zone).isoformat() if value is not None else None

    def summary(code, name):
        return {"code": code, "name": name} if code is not None else None

    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL, [after_id, size])
        rows = cursor.fetchall()
    results = []
    for r in rows:
        workers_total = r[16] + r[17] + r[29]
        results.append({
            "id": r[0], "name": r[1], "owner_name": r[2], "nib": r[3], "desa": r[4],
            "region": {"desa": summary(r[4], r[5]), "kecamatan": summary(r[6], r[7]),
                       "kabupaten_kota": summary(r[8], r[9]), "provinsi": summary(r[10], r[11])},
            "address": r[12], "commodity": r[13], "commodity_name": r[14], "product": r[15],
            "workers_male": r[16], "workers_female": r[17], "workers_unsplit": r[29], "workers_total": workers_total, "investment": r[18],
            "ikm_class": ikm_class(workers_total, r[18]),
            "production_capacity": None if r[19] is None else f"{r[19]:.2f}", "capacity_unit": r[20],
            "production_value": r[21], "sales": r[22], "production_place": r[23], "last_verified_at": stamp(r[24]),
            "version": r[25], "created_at": stamp(r[26]), "updated_at": stamp(r[27]), "deleted_at": stamp(r[28]),
            "is_deleted": r[28] is not None,
            "latitude": None if r[30] is None else f"{r[30]:.6f}", "longitude": None if r[31] is None else f"{r[31]:.6f}",
        })
    last = rows[-1][0] if rows else after_id
    token = base64.b64encode(urlencode({"p": f"[{last}]"}).encode()).decode()
    return orjson.dumps({"next": f"http://testserver{URL}?cursor={token}&page_size={size}", "previous": None, "results": results})


def main():
    args = parser(__doc__).parse_args()
    setup_django(args.db)
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("api-ikm-unit-list")
        from apiclients.services import api_client_create
    except (NoReverseMatch, ImportError) as error:
        return skip(NAME, f"API not built yet ({error})")
    import orjson
    from django.db import connection
    from django.test import Client

    rows = synthetic_rows()
    if rows < 1000:
        return skip(NAME, f"only {rows} IKM units: run generate_national first")
    api_client, key = api_client_create(name="bench api_list", throttle_rate="100000/min")
    try:
        client = Client(HTTP_AUTHORIZATION=f"Token {key}")
        first = client.get(URL, {"page_size": 100})
        if first.status_code != 200:
            return report(NAME, passed=False, summary=f"API answered {first.status_code}: {first.content[:300]!r}")
        api_results = orjson.loads(first.content)["results"]
        raw_results = orjson.loads(raw_page(0))["results"]
        same = api_results == raw_results
        if not same:
            differing = sorted({k for a, b in zip(api_results, raw_results) for k in a if a.get(k) != b.get(k)})
            print(f"  note: baseline JSON differs from the API in {differing or 'shape'}; compare field lists")

        api_time, _ = timed(lambda: client.get(URL, {"page_size": 100}), REPEAT)
        raw_time, _ = timed(lambda: raw_page(0), REPEAT)

        depth = min(900_000, int(rows * 0.9))
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM ikm_ikmunit WHERE deleted_at IS NULL ORDER BY id OFFSET %s LIMIT 1", [depth - 1])
            deep_id = cursor.fetchone()[0]
        # The cursor's position is the JSON list of the order's values (core/api/pagination.py): [id] here.
        token = base64.b64encode(urlencode({"p": f"[{deep_id}]"}).encode()).decode()
        deep = client.get(URL, {"page_size": 100, "cursor": token})
        deep_ok = deep.status_code == 200 and len(orjson.loads(deep.content)["results"]) > 0
        deep_time, _ = timed(lambda: client.get(URL, {"page_size": 100, "cursor": token}), REPEAT)
        first_time, _ = timed(lambda: client.get(URL, {"page_size": 100}), REPEAT)
    finally:
        user = api_client.user
        api_client.delete()
        user.delete()

    ratio = api_time / raw_time
    depth_ratio = deep_time / first_time
    passed = same and deep_ok and ratio <= MAX_RATIO and depth_ratio <= MAX_DEPTH_RATIO
    return report(
        NAME,
        passed=passed,
        summary=(
            f"{rows:,} units: page of 100 via API {api_time * 1000:.1f} ms vs raw SQL+orjson {raw_time * 1000:.1f} ms = "
            f"{ratio:.2f}x (target <= {MAX_RATIO}x, same JSON: {same}); cursor page at depth {depth:,} "
            f"{deep_time * 1000:.1f} ms vs first page {first_time * 1000:.1f} ms = {depth_ratio:.2f}x (target <= {MAX_DEPTH_RATIO}x)"
        ),
        rows=rows, ratio=round(ratio, 2), depth_ratio=round(depth_ratio, 2), api_ms=round(api_time * 1000, 1),
        raw_ms=round(raw_time * 1000, 1), deep_ms=round(deep_time * 1000, 1), first_ms=round(first_time * 1000, 1), same_json=same,
    )


if __name__ == "__main__":
    sys.exit(main() or 0)
