"""Bench 9: every list a national analyst clicks, against the same list's unfiltered first page (issue 16).

For each list (HTML /ikm/, /sentra/, rooms, machines, DAK allocations and activities, yearly figures; API
ikm-units, sentra, rooms, machines) the baseline is its own unfiltered first page, measured in this run; each
variant (a unit's full name, a word matching nothing, two words reversed, an owner's name, a NIB, a part of
many words, every
sortable column both ways, the last page, a keyset page 900,000 rows deep, an old ?page=2000 link, region
filters at the four levels, a region with a sort) is timed the same way and divided by it.

Targets: HTML and API variants at most 3x their baseline; API region filters at most 2x; the national
freshness report cold (reports cache emptied) at most 100 ms. Server time = in-process request handling
(django.test.Client, no network), median of REPEAT after one warm-up request.

    .venv/bin/python bench/list_pages.py --db postgres://postgres@127.0.0.1:5432/sentra_national [--verbose]
"""

import re
import sys
from urllib.parse import urlencode

from common import bench_user, parser, report, setup_django, skip, synthetic_rows, timed

NAME = "list_pages"
MAX_RATIO = 3.0
MAX_REGION_API_RATIO = 2.0
MAX_FRESHNESS_COLD_S = 0.100
REPEAT = 7
NOTHING = "zqxvjw"
PART = "sari"  # part of 188 words of the generated names (Sari, Lestari, Sarinah, ...): the trigram path


def sample_unit():
    """A unit in the middle of the table with a name of three words or more, an owner and a NIB."""
    from ikm.models import IkmUnit

    middle = IkmUnit.objects.count() // 2
    units = IkmUnit.objects.filter(nib__isnull=False).exclude(owner_name="").order_by("pk")[middle : middle + 200]
    return next(unit for unit in units if len(unit.name.split()) >= 3)


def first_sentra_code():
    from sentra.models import Sentra

    return Sentra.objects.order_by("pk").values_list("code", flat=True).first()


def regions_of(unit):
    code = unit.desa_id
    return [code[:2], code[:5], code[:8], code]


def html_cases(unit):
    words = unit.name.split()
    province, kabupaten, kecamatan, desa = regions_of(unit)
    ikm = [
        ("q=full name", {"q": unit.name}),
        ("q=nothing", {"q": NOTHING}),
        ("q=two words reversed", {"q": f"{words[-1]} {words[-2]}"}),
        ("q=owner", {"q": unit.owner_name}),
        ("q=NIB", {"q": unit.nib}),
        ("q=one common word", {"q": next(word for word in words if len(word) >= 3)}),
        (f"q=part of many words ({PART})", {"q": PART}),
        ("q=too short (refused)", {"q": "ab"}),
        *[(f"ordering={o}", {"ordering": o}) for o in ("name", "-name", "investment", "-investment")],
        ("last page", {"terakhir": "1"}),
        ("?page=2000 (old link)", {"page": "2000"}),
        ("?page=20 (deepest offset)", {"page": "20"}),
        ("region level 1", {"region": province}),
        ("region level 2", {"region": kabupaten}),
        ("region level 3", {"region": kecamatan}),
        ("region level 4", {"region": desa}),
        ("region 1 + -investment", {"region": province, "ordering": "-investment"}),
        ("region 2 + q=nothing", {"region": kabupaten, "q": NOTHING}),
        ("certification=halal", {"certification": "halal"}), ("certification=sni (none)", {"certification": "sni"}),
        ("ikm_class=besar (none)", {"ikm_class": "besar"}), ("ikm_class=kecil", {"ikm_class": "kecil"}),
        ("ikm_class=menengah", {"ikm_class": "menengah"}), ("sentra=<one sentra's members>", {"sentra": first_sentra_code()}),
        ("verified=fresh", {"verified": "fresh"}), ("verified=stale", {"verified": "stale"}),
        ("commodity=<one>", {"commodity": unit.commodity.code}),
    ]
    sentra = [
        ("q=tenun", {"q": "tenun"}), ("q=nothing", {"q": NOTHING}),
        *[(f"ordering={o}", {"ordering": o}) for o in ("name", "-name", "code", "-code", "status", "-status")],
        ("last page", {"terakhir": "1"}), ("region level 1", {"region": province}), ("region level 2", {"region": kabupaten}),
        ("status=tidak_aktif", {"status": "tidak_aktif"}), ("dak_funded=true", {"dak_funded": "true"}),
        ("verified=stale", {"verified": "stale"}), ("commodity=<one>", {"commodity": unit.commodity.code}),
    ]
    small = [("q=nothing", {"q": NOTHING}), ("last page", {"terakhir": "1"}), ("region level 1", {"region": province}),
             ("region level 2", {"region": kabupaten})]
    return [
        ("/ikm/", ikm), ("/sentra/", sentra), ("/fasilitas/ruang/", small), ("/fasilitas/mesin/", small),
        ("/dak/alokasi/", [("region level 1", {"region": province}), ("ordering=-pagu", {"ordering": "-pagu"}), ("last page", {"terakhir": "1"})]),
        ("/dak/kegiatan/", small), ("/ikm/kinerja/", [("region level 1", {"region": province}), ("last page", {"terakhir": "1"})]),
    ]


def api_cases(unit):
    words = unit.name.split()
    province, kabupaten, kecamatan, desa = regions_of(unit)
    regions = [(f"region level {n}", {"region": code}, MAX_REGION_API_RATIO) for n, code in enumerate(regions_of(unit), 1)]
    return [
        ("/api/v1/ikm-units/", [
            *regions,
            ("q=full name", {"q": unit.name}, MAX_RATIO), ("q=nothing", {"q": NOTHING}, MAX_RATIO),
            ("q=two words reversed", {"q": f"{words[-1]} {words[-2]}"}, MAX_RATIO),
            (f"q=part of many words ({PART})", {"q": PART}, MAX_RATIO),
            *[(f"ordering={o}", {"ordering": o}, MAX_RATIO) for o in ("name", "-investment", "-updated_at")],
            ("region 1 + -investment", {"region": province, "ordering": "-investment"}, MAX_RATIO),
        ]),
        ("/api/v1/sentra/", [*regions[:2], ("q=nothing", {"q": NOTHING}, MAX_RATIO)]),
        ("/api/v1/rooms/", [*regions[:2], ("q=nothing", {"q": NOTHING}, MAX_RATIO)]),
        ("/api/v1/machines/", [*regions[:2], ("q=nothing", {"q": NOTHING}, MAX_RATIO)]),
    ]


def deep_cursor(client):
    """The "Berikutnya" link of a page 900,000 rows deep: a keyset position taken from the database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM ikm_ikmunit WHERE deleted_at IS NULL")
        depth = int(cursor.fetchone()[0] * 0.9)
        cursor.execute("SELECT name, id FROM ikm_ikmunit WHERE deleted_at IS NULL ORDER BY name, id OFFSET %s LIMIT 1", [depth])
        name, pk = cursor.fetchone()
    import base64
    import json

    token = base64.urlsafe_b64encode(json.dumps([name, pk], separators=(",", ":")).encode()).decode().rstrip("=")
    return depth, {"after": token, "page": "18001"}


def measure(client, url, params=None):
    full = url + ("?" + urlencode(params) if params else "")
    response = client.get(full)
    seconds, _ = timed(lambda: client.get(full), REPEAT)
    return seconds, response


def main():
    p = parser(__doc__)
    p.add_argument("--verbose", action="store_true", help="print every case")
    args = p.parse_args()
    setup_django(args.db)
    from django.core.cache import cache
    from django.test import Client

    rows = synthetic_rows()
    if rows < 1000:
        return skip(NAME, f"only {rows} IKM units: run generate_national first")
    client = Client()
    client.force_login(bench_user())
    unit = sample_unit()
    results, failures = [], []

    def check(label, seconds, baseline, limit, response, expect_rows=None):
        ratio = seconds / baseline
        ok = response.status_code == 200 and ratio <= limit
        if ok and expect_rows is not None:
            ok = expect_rows(response)
        results.append({"case": label, "ms": round(seconds * 1000, 1), "ratio": round(ratio, 2), "limit": limit, "ok": ok})
        if not ok:
            failures.append(f"{label} {ratio:.2f}x (status {response.status_code})")
        if args.verbose or not ok:
            print(f"  {'ok ' if ok else 'BAD'} {label}: {seconds * 1000:.1f} ms = {ratio:.2f}x (limit {limit}x)")

    def found_unit(response):  # a NIB is unique: the unit itself is on the page
        return unit.nib in response.content.decode()

    def found_some(response):  # a name shared by many units: a page of matches, not the empty message
        return "Tidak ada data yang cocok" not in response.content.decode()

    for url, cases in html_cases(unit):
        baseline, first = measure(client, url)
        if first.status_code != 200:
            return report(NAME, passed=False, summary=f"{url} answered {first.status_code}")
        if args.verbose:
            print(f"  baseline {url}: {baseline * 1000:.1f} ms")
        for label, params in cases:
            seconds, response = measure(client, url, params)
            wants = None
            if url == "/ikm/" and label.startswith(("q=full", "q=two", "q=owner", "q=one", "q=part")):
                wants = found_some
            elif url == "/ikm/" and label == "q=NIB":
                wants = found_unit
            check(f"HTML {url} {label}", seconds, baseline, MAX_RATIO, response, wants)
        if url == "/ikm/":
            depth, params = deep_cursor(client)
            seconds, response = measure(client, url, params)
            check(f"HTML /ikm/ keyset page at depth {depth:,}", seconds, baseline, MAX_RATIO, response,
                  lambda r: len(re.findall(r"<tr", r.content.decode())) > 10)

    for url, cases in api_cases(unit):
        baseline, first = measure(client, url)
        if first.status_code != 200:
            return report(NAME, passed=False, summary=f"{url} answered {first.status_code}")
        if args.verbose:
            print(f"  baseline {url}: {baseline * 1000:.1f} ms")
        for label, params, limit in cases:
            seconds, response = measure(client, url, params)
            wants = (lambda r: len(r.json()["results"]) > 0) if label.startswith(("q=full", "q=two", "q=part")) else None
            check(f"API {url} {label}", seconds, baseline, limit, response, wants)

    def cold_freshness():
        cache.clear()
        return client.get("/laporan/kemutakhiran/")

    freshness_cold, response = timed(cold_freshness, REPEAT)
    freshness_ok = response.status_code == 200 and freshness_cold <= MAX_FRESHNESS_COLD_S
    if not freshness_ok:
        failures.append(f"freshness cold {freshness_cold * 1000:.0f} ms")
    print(f"  freshness report cold: {freshness_cold * 1000:.1f} ms (limit {MAX_FRESHNESS_COLD_S * 1000:.0f} ms)")

    worst = max(results, key=lambda r: r["ratio"] / r["limit"])
    passed = not failures
    return report(
        NAME,
        passed=passed,
        summary=(
            f"{rows:,} units, {len(results)} list variants vs their unfiltered first page: worst {worst['case']} "
            f"{worst['ratio']}x (limit {worst['limit']}x); {len(failures)} over the limit"
            + (f" ({'; '.join(failures[:6])})" if failures else "")
            + f"; freshness report cold {freshness_cold * 1000:.0f} ms (limit {MAX_FRESHNESS_COLD_S * 1000:.0f} ms)"
        ),
        rows=rows, cases=results, freshness_cold_ms=round(freshness_cold * 1000, 1),
    )


if __name__ == "__main__":
    sys.exit(main() or 0)
