"""Bench 13: a national census round opens in seconds and its dashboard meets the dashboard targets.

On a COPY of sentra_national (11,000 sentra, 1,000,000 IKM units; `createdb -T sentra_national
sentra_national_i13`, then `manage.py migrate` on the copy), in one run:

1. Opening: `census.services.round_open` for the whole country (one worklist item per sentra, bulk_create),
   against the baseline of the same rows written by one `INSERT ... SELECT` in SQL. Target: at most 5 s.
2. Dashboard: 60 % of the items are then marked approved with a spread of findings (SQL: the bench measures
   reading, not the review workflow), and `GET /pendataan/<round>/` is timed as the national analyst, cold
   (cache emptied) and warm, beside `/laporan/` measured the same way. Targets: warm at most 300 ms, cold at
   most 2 s (issue 6's dashboard targets).
3. Dashboard map: `GET /pendataan/<round>/peta.json` (every item as a compact row) cold and warm, beside
   `/peta/data/` (the registry map's points of the same sentra) cold. Targets: cold at most MAX_MAP_RATIO x
   `/peta/data/`, gzip at most MAX_MAP_GZIP_KB. `generate_national` writes coordinates; an older copy gets them
   from `manage.py synthetic_coordinates`.
Everything the bench creates is removed at the end (the round and its items).
"""

import gzip
import json
import sys
import time

from common import parser, report, setup_django, timed

NAME = "census_round"
MAX_OPEN_S, MAX_WARM_S, MAX_COLD_S = 5.0, 0.300, 2.0
MAX_MAP_RATIO, MAX_MAP_GZIP_KB = 2.0, 400
REPEAT = 5


def main():
    args = parser(__doc__).parse_args()
    setup_django(args.db)
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from census.models import Round, WorklistItem
    from census.services import round_open
    from common import bench_user
    from sentra.models import Sentra

    admin = bench_user("admin")
    analyst = bench_user("analyst")
    sentra_count = Sentra.objects.count()
    if sentra_count < 1000:
        return report(NAME, passed=None, summary=f"SKIP: only {sentra_count} sentra; fill the copy with generate_national")

    # Baseline: the same rows in one INSERT ... SELECT, rolled back.
    probe = Round.objects.create(name="bench-baseline", year=2027, start_date=timezone.localdate(), deadline=timezone.localdate())
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO census_worklistitem (round_id, sentra_id, kabupaten_id, province_id, state, sentra_version, found_status, updated_at) "
                "SELECT %s, id, substr(desa_id, 1, 5), substr(desa_id, 1, 2), 'open', version, '', now() FROM sentra_sentra WHERE deleted_at IS NULL",
                [probe.pk],
            )
        baseline = time.perf_counter() - started
        transaction.set_rollback(True)
    probe.delete()

    today = timezone.localdate()
    started = time.perf_counter()
    round_ = round_open(user=admin, data={"name": "bench-national", "year": today.year, "start_date": today - timezone.timedelta(days=30), "deadline": today - timezone.timedelta(days=1)})
    opening = time.perf_counter() - started
    try:
        items = round_.item_count
        with connection.cursor() as cursor:
            # 60 % approved with findings spread over the statuses; 10 % submitted; the rest open.
            cursor.execute(
                "UPDATE census_worklistitem SET state = CASE WHEN id %% 10 < 6 THEN 'approved' WHEN id %% 10 = 6 THEN 'submitted' ELSE 'open' END, "
                "found_status = CASE WHEN id %% 10 >= 7 THEN '' WHEN id %% 5 = 0 THEN 'tidak_aktif' WHEN id %% 7 = 0 THEN 'tutup' ELSE 'aktif' END "
                "WHERE round_id = %s", [round_.pk],
            )
            cursor.execute("ANALYZE census_worklistitem")
        client = Client()
        client.force_login(analyst)

        def page_times(url):
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")

            def cold():
                cache.clear()
                return client.get(url)

            cold_time, _ = timed(cold, REPEAT)
            client.get(url)
            warm_time, _ = timed(lambda: client.get(url), REPEAT * 4)
            return cold_time, warm_time

        census_cold, census_warm = page_times(f"/pendataan/{round_.pk}/")
        reports_cold, reports_warm = page_times("/laporan/")
        api_cold, _ = page_times(f"/api/v1/census-rounds/{round_.pk}/figures/")
        map_cold, map_warm = page_times(f"/pendataan/{round_.pk}/peta.json")
        registry_map_cold, _ = page_times("/peta/data/")
        map_body = client.get(f"/pendataan/{round_.pk}/peta.json").content
        map_placed, map_gzip_kb = len(json.loads(map_body)["rows"]), len(gzip.compress(map_body, 6)) / 1024
    finally:
        WorklistItem.objects.filter(round=round_).delete()
        round_.delete()
    map_ratio = map_cold / registry_map_cold
    passed = (opening <= MAX_OPEN_S and census_warm <= MAX_WARM_S and census_cold <= MAX_COLD_S
              and map_ratio <= MAX_MAP_RATIO and map_gzip_kb <= MAX_MAP_GZIP_KB)
    summary = (
        f"round of {items:,} sentra opened in {opening:.2f} s (<= {MAX_OPEN_S:.0f} s) vs INSERT ... SELECT {baseline:.2f} s = {opening / baseline:.1f}x; "
        f"dashboard /pendataan/<id>/ cold {census_cold * 1000:.0f} ms (<= 2000), warm {census_warm * 1000:.0f} ms (<= 300); "
        f"/laporan/ in the same run cold {reports_cold * 1000:.0f} ms, warm {reports_warm * 1000:.0f} ms "
        f"(census/reports cold {census_cold / reports_cold:.2f}x); API figures cold {api_cold * 1000:.0f} ms; "
        f"map /pendataan/<id>/peta.json ({map_placed:,} points) cold {map_cold * 1000:.0f} ms = {map_ratio:.2f}x /peta/data/ "
        f"({registry_map_cold * 1000:.0f} ms, target <= {MAX_MAP_RATIO}x), warm {map_warm * 1000:.1f} ms, "
        f"{len(map_body) / 1024:.0f} KB, {map_gzip_kb:.0f} KB gzip (target <= {MAX_MAP_GZIP_KB})"
    )
    return report(NAME, passed=passed, summary=summary, opening_s=opening, baseline_s=baseline, cold_s=census_cold, warm_s=census_warm,
                  reports_cold_s=reports_cold, reports_warm_s=reports_warm, items=items, map_cold_s=map_cold, map_warm_s=map_warm,
                  registry_map_cold_s=registry_map_cold, map_ratio=round(map_ratio, 2), map_gzip_kb=round(map_gzip_kb), map_points=map_placed)


if __name__ == "__main__":
    sys.exit(main())
