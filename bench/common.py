"""Shared plumbing of the benchmarks: database choice, Django setup, timing, verdict lines.

Every bench compares the subject with a baseline measured IN THE SAME RUN on the same data, because absolute
times on a shared 2-core machine are noise; the verdict is about the ratio (and absolute limits where the
issue sets them). Each bench prints one machine-readable line `RESULT {json}` that bench/run_all.py collects.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sentra_national")


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--db", default=DEFAULT_DB, help="DATABASE_URL of the database filled by generate_national")
    return p


def setup_django(db):
    """Configure Django for measuring: production-like (DEBUG off, so no query log grows in memory)."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = db
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    # Plain HTTP on loopback (production terminates TLS in front); static files unhashed, no collectstatic needed.
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def bench_user(role="analyst"):
    """A national-scope user for the measured requests (created once, no usable password)."""
    from accounts.models import User

    user, _ = User.objects.get_or_create(username=f"bench-{role}", defaults={"role": role})
    return user


def timed(function, repeat=1):
    """Median wall time of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def peak_rss_mb():
    """Peak resident set size of THIS process so far (getrusage ru_maxrss, KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_rows():
    from ikm.models import IkmUnit

    return IkmUnit.objects.count()


def report(name, *, passed, summary, **figures):
    """Print the verdict line and the RESULT line; `passed` is True, False or None (skipped)."""
    verdict = "SKIP" if passed is None else ("PASS" if passed else "FAIL")
    # Other work on the same machine skews absolute times (ratios less): the load average says how busy it was.
    load = round(os.getloadavg()[0], 1)
    print(f"{verdict} {name}: {summary} [load average {load}]")
    print("RESULT " + json.dumps({"name": name, "verdict": verdict, "summary": summary, "loadavg": load, **figures}, default=str))
    sys.stdout.flush()
    return 0 if passed is not False else 1


def skip(name, reason):
    return report(name, passed=None, summary=f"SKIP: {reason}")
