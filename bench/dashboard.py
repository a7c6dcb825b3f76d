"""Bench 6: national dashboard (/laporan/) server time, cold and warm, at 1,000,000 vs 100,000 IKM units.

Targets: warm at most 300 ms, cold at most 2 s, and the time at the big database at most 2x the time at the
small one (cost must not grow with the row count). Cold = the reports cache emptied before the request;
warm = the same request again. Server time = in-process request handling (django.test.Client), median.
The small database is a second generate_national run (--ikm 100000): pass it as --db-small.
"""

import json
import subprocess
import sys

from common import parser, report, setup_django, skip, synthetic_rows, timed

NAME = "dashboard"
URL = "/laporan/"
MAX_WARM_S, MAX_COLD_S, MAX_GROWTH = 0.300, 2.0, 2.0
REPEAT = 5


def child():
    """Measure one database (the one Django was set up with) and print JSON."""
    from django.core.cache import cache
    from django.test import Client

    from common import bench_user

    client = Client()
    client.force_login(bench_user())
    response = client.get(URL)
    if response.status_code != 200:
        print(json.dumps({"error": f"{URL} answered {response.status_code}"}))
        return

    def cold():
        cache.clear()
        return client.get(URL)

    cold_time, _ = timed(cold, REPEAT)
    client.get(URL)
    warm_time, _ = timed(lambda: client.get(URL), REPEAT * 4)
    print(json.dumps({"rows": synthetic_rows(), "cold": cold_time, "warm": warm_time}))


def measure(db):
    output = subprocess.run([sys.executable, __file__, "--db", db, "--child"], capture_output=True, text=True)
    if output.returncode:
        raise RuntimeError(output.stderr[-2000:])
    return json.loads(output.stdout.strip().splitlines()[-1])


def main():
    p = parser(__doc__)
    p.add_argument("--db-small", default="postgres://postgres@127.0.0.1:5432/sentra_national_100k")
    p.add_argument("--child", action="store_true")
    args = p.parse_args()
    setup_django(args.db)
    if args.child:
        return child()
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("reports:overview")
    except NoReverseMatch as error:
        return skip(NAME, f"dashboard not built yet ({error})")
    big = measure(args.db)
    if "error" in big:
        return report(NAME, passed=False, summary=big["error"])
    try:
        small = measure(args.db_small)
    except RuntimeError as error:
        small = {"error": str(error).strip().splitlines()[-1]}
    if "error" not in small and not 0 < small["rows"] < big["rows"]:
        small = {"error": f"it holds {small['rows']:,} units; fill it with generate_national --ikm 100000"}
    if "error" in small:
        growth = None
        growth_text = f"small database unavailable ({small['error'][:120]}): growth not measured"
    else:
        growth = big["cold"] / small["cold"]
        growth_text = (
            f"cold at {small['rows']:,} units {small['cold'] * 1000:.0f} ms -> at {big['rows']:,} {growth:.2f}x "
            f"(target <= {MAX_GROWTH}x)"
        )
    passed = big["warm"] <= MAX_WARM_S and big["cold"] <= MAX_COLD_S and (growth is None or growth <= MAX_GROWTH)
    return report(
        NAME,
        passed=passed,
        summary=(
            f"{big['rows']:,} units: warm {big['warm'] * 1000:.0f} ms (target <= {MAX_WARM_S * 1000:.0f}), cold "
            f"{big['cold'] * 1000:.0f} ms (target <= {MAX_COLD_S * 1000:.0f}); {growth_text}"
        ),
        rows=big["rows"], warm_ms=round(big["warm"] * 1000, 1), cold_ms=round(big["cold"] * 1000, 1),
        small_rows=small.get("rows"), small_cold_ms=round(small["cold"] * 1000, 1) if "cold" in small else None,
        growth=round(growth, 2) if growth else None,
    )


if __name__ == "__main__":
    sys.exit(main() or 0)
