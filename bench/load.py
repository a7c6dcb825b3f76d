"""Bench 7: gunicorn on 127.0.0.1 under a bounded mixed load (lists, details, dashboard, API) for 60 s.

The load comes from a second process (bench/loadgen.py, threads + http.client, loopback only). Targets:
zero errors, p99 under 1 s; reported: requests/s and its ratio to /healthz requests/s on the same server
with the same concurrency (the cost of the framework and the database round trip alone).
"""

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import ROOT, parser, report, setup_django, skip, synthetic_rows

NAME = "load"
HOST = "127.0.0.1"
MAX_P99_MS = 1000


def wait_ready(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def sample_ids(table, count):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE deleted_at IS NULL ORDER BY md5(id::text) LIMIT %s", [count])
        return [row[0] for row in cursor.fetchall()]


def mixed_plan(session_cookie, token):
    browser = {"Cookie": f"sessionid={session_cookie}", "Accept-Language": "id"}
    api = {"Authorization": f"Token {token}", "Accept": "application/json"}
    ikm_ids, sentra_ids = sample_ids("ikm_ikmunit", 100), sample_ids("sentra_sentra", 100)
    plan = [
        ["/sentra/", browser, 10],
        ["/ikm/", browser, 10],
        ["/ikm/?q=Sari", browser, 4],
        ["/laporan/", browser, 10],
        ["/api/v1/ikm-units/?page_size=100", api, 12],
        ["/api/v1/sentra/?page_size=100", api, 4],
    ]
    plan += [[f"/ikm/{pk}/", browser, 20 / len(ikm_ids)] for pk in ikm_ids]
    plan += [[f"/sentra/{pk}/", browser, 15 / len(sentra_ids)] for pk in sentra_ids]
    plan += [[f"/api/v1/ikm-units/{pk}/", api, 15 / len(ikm_ids)] for pk in ikm_ids]
    return plan


def analyst_sessions(count):
    """Session cookies of `count` national analysts (each their own user: the per-user limits apply per user)."""
    from django.conf import settings
    from django.test import Client

    from common import bench_user

    cookies = []
    for number in range(1, count + 1):
        client = Client()
        client.force_login(_analyst(number))
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


def _analyst(number):
    from accounts.models import User

    user, _ = User.objects.get_or_create(username=f"bench-analyst-{number}", defaults={"role": "analyst"})
    return user


def expensive_plan(cookies, token):
    """What analysts searching at the same time send (issue 16): a unit's full name, the same words reversed, a
    word matching nothing, a sort by investment, the last page, a keyset page 900,000 rows deep, an old
    ?page=2000 link, an API search and a kecamatan's CSV export. A 429 (too many searches or downloads of one
    user at once) is the bound doing its work, not an error; a 302 is an export handed to the worker."""
    import base64

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT name, desa_id FROM ikm_ikmunit WHERE deleted_at IS NULL ORDER BY md5(id::text) LIMIT 1")
        name, desa = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM ikm_ikmunit WHERE deleted_at IS NULL")
        depth = int(cursor.fetchone()[0] * 0.9)
        cursor.execute("SELECT name, id FROM ikm_ikmunit WHERE deleted_at IS NULL ORDER BY name, id OFFSET %s LIMIT 1", [depth])
        deep = cursor.fetchone()
    words = name.split()
    cursor_token = base64.urlsafe_b64encode(json.dumps(list(deep), separators=(",", ":")).encode()).decode().rstrip("=")
    quote = urllib.parse.quote
    paths = [
        (f"/ikm/?q={quote(name)}", 3), (f"/ikm/?q={quote(' '.join(reversed(words[-2:])))}", 3), ("/ikm/?q=zqxvjw", 2),
        ("/ikm/?ordering=-investment", 2), ("/ikm/?terakhir=1", 1), (f"/ikm/?after={cursor_token}", 2), ("/ikm/?page=2000", 1),
        (f"/ikm/?region={desa[:5]}&ordering=-investment", 2),
        (f"/laporan/ekspor/ikm.csv?region={desa[:8]}", 2),
    ]
    plan = []
    for cookie in cookies:
        browser = {"Cookie": f"sessionid={cookie}", "Accept-Language": "id"}
        plan += [[path, browser, weight / len(cookies), {"kind": "expensive", "ok": [200, 302, 429]}] for path, weight in paths]
    api = {"Authorization": f"Token {token}", "Accept": "application/json"}
    plan.append([f"/api/v1/ikm-units/?q={quote(name)}", api, 2, {"kind": "expensive", "ok": [200, 429]}])
    return plan


def run_load(port, plan, seconds, threads):
    output = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("loadgen.py")), "--seconds", str(seconds), "--threads", str(threads)],
        input=json.dumps({"host": HOST, "port": port, "requests": plan}), capture_output=True, text=True, timeout=seconds + 120,
    )
    if output.returncode:
        raise RuntimeError(output.stderr[-2000:])
    return json.loads(output.stdout.strip().splitlines()[-1])


def main(mix="ordinary"):
    """`mix="expensive"` (bench/load_expensive.py): the ordinary mix plus, in equal weight, what four analysts
    searching, sorting, paging deep and exporting send; the target is then on the ordinary pages' p99."""
    name = NAME if mix == "ordinary" else "load_expensive"
    p = parser(__doc__)
    p.add_argument("--port", type=int, default=8105)
    p.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    p.add_argument("--threads", type=int, default=8, help="concurrent client threads")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--healthz-seconds", type=float, default=20)
    p.add_argument("--redis", default="", help="REDIS_URL: cache and sessions shared by the workers (else per-worker memory)")
    args = p.parse_args()
    if args.redis:
        os.environ["REDIS_URL"] = args.redis
        os.environ["SESSION_ENGINE"] = "django.contrib.sessions.backends.cached_db"
    setup_django(args.db)
    from django.conf import settings
    from django.test import Client

    from common import bench_user

    try:
        from apiclients.services import api_client_create
    except ImportError as error:
        return skip(name, f"API tokens not built yet ({error})")
    rows = synthetic_rows()
    browser_client = Client()
    browser_client.force_login(bench_user())  # a real session row, as after the login form
    session_cookie = browser_client.cookies[settings.SESSION_COOKIE_NAME].value
    api_client, token = api_client_create(name="bench load", throttle_rate="1000000/min")
    importer = officer = None
    if mix == "expensive":
        from load_import import Importer, district_officer, prepared_workbooks

        officer, kabupaten, desa = district_officer()
        officer_client = Client()
        officer_client.force_login(officer)
        books = prepared_workbooks(desa, max(20, int(args.seconds)))
        importer = Importer(args.port, officer_client.cookies[settings.SESSION_COOKIE_NAME].value, books)
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"{HOST}:{args.port}", "--workers", str(args.workers),
         "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT,
    )
    try:
        if not wait_ready(args.port):
            return report(name, passed=False, summary=f"gunicorn did not answer /healthz on {HOST}:{args.port}")
        plan = mixed_plan(session_cookie, token)
        if mix == "expensive":
            for entry in plan:
                entry.append({"kind": "ordinary"})
            ordinary_weight = sum(entry[2] for entry in plan)
            extra = expensive_plan(analyst_sessions(4), token)
            scale = ordinary_weight / sum(entry[2] for entry in extra)  # half the requests are expensive
            plan += [[path, headers, weight * scale, options] for path, headers, weight, options in extra]
        run_load(args.port, plan, 5, args.threads)  # warm-up: imports, connections, caches
        if importer:
            importer.start()
        mixed = run_load(args.port, plan, args.seconds, args.threads)
        if importer:
            importer.stop.set()
            importer.join(timeout=180)
        health = run_load(args.port, [["/healthz", {}, 1]], args.healthz_seconds, args.threads)
    finally:
        server.terminate()
        server.wait(timeout=30)
        user = api_client.user
        api_client.delete()
        user.delete()
        if mix == "expensive":
            from accounts.models import User
            from load_import import remove_imports

            User.objects.filter(username__startswith="bench-analyst-").delete()
            remove_imports(officer)

    ratio = mixed["rps"] / health["rps"] if health["rps"] else 0
    for endpoint, figures in mixed["endpoints"].items():
        print(f"  {endpoint}: {figures['n']} requests, p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms")
    if mix == "expensive":
        kinds = mixed["kinds"]
        ordinary, expensive = kinds.get("ordinary", {}), kinds.get("expensive", {})
        refused = mixed["status"].get("429", 0)
        imports = importer.summary()
        passed = (mixed["errors"] == 0 and ordinary.get("p99_ms") is not None and ordinary["p99_ms"] < MAX_P99_MS
                  and imports["errors"] == 0 and imports["imports"] > 0)
        return report(
            name,
            passed=passed,
            summary=(
                f"{rows:,} units, gunicorn {args.workers} workers, {args.threads} client threads, half the requests expensive "
                f"(4 analysts: name searches, nothing-matching searches, sorts, last/deep pages, kecamatan CSV exports, API search), "
                f"{mixed['seconds']:.0f} s: {mixed['requests']:,} requests, {mixed['errors']} errors {mixed['error_detail'] or ''}, "
                f"{mixed['rps']} req/s; ordinary pages p50 {ordinary.get('p50_ms')} ms, p99 {ordinary.get('p99_ms')} ms "
                f"(target < {MAX_P99_MS} ms); expensive p50 {expensive.get('p50_ms')} ms, p99 {expensive.get('p99_ms')} ms; "
                f"{refused} answered 429 (per-user limit); beside them a dinas officer of {kabupaten.name} imported "
                f"{imports['imports']} workbooks ({imports['rows']:,} units) over HTTP, upload+preview p50 "
                f"{imports['upload_and_preview_p50_ms']} ms, save p50 {imports['save_p50_ms']} ms, {imports['errors']} errors "
                f"{imports['error_detail'] or ''}"
            ),
            imports=imports,
            rows=rows, workers=args.workers, threads=args.threads, rps=mixed["rps"], errors=mixed["errors"], kinds=kinds,
            status=mixed["status"], endpoints=mixed["endpoints"],
        )
    passed = mixed["errors"] == 0 and mixed["p99_ms"] is not None and mixed["p99_ms"] < MAX_P99_MS
    return report(
        NAME,
        passed=passed,
        summary=(
            f"{rows:,} units, gunicorn {args.workers} workers, {args.threads} client threads, "
            f"cache {'Redis' if args.redis else 'per-worker memory'}, {mixed['seconds']:.0f} s: "
            f"{mixed['requests']:,} requests, {mixed['errors']} errors {mixed['error_detail'] or ''}, "
            f"{mixed['rps']} req/s, p50 {mixed['p50_ms']} ms, p95 {mixed['p95_ms']} ms, p99 {mixed['p99_ms']} ms "
            f"(target < {MAX_P99_MS} ms); /healthz {health['rps']} req/s -> mixed/healthz = {ratio:.2f}"
        ),
        rows=rows, redis=bool(args.redis), workers=args.workers, threads=args.threads, rps=mixed["rps"], healthz_rps=health["rps"], ratio=round(ratio, 3), errors=mixed["errors"],
        p50_ms=mixed["p50_ms"], p95_ms=mixed["p95_ms"], p99_ms=mixed["p99_ms"], requests=mixed["requests"], status=mixed["status"],
        endpoints=mixed["endpoints"],
    )


if __name__ == "__main__":
    sys.exit(main() or 0)
