"""Bench 8: query counts are tested in the suite (same count for 5 and 500 rows); this checks the tests exist
and runs them (on SQLite, as `make test` would without DATABASE_URL, so it needs no generated data)."""

import os
import re
import subprocess
import sys

from common import ROOT, parser, report

NAME = "query_counts"
# Where each kind of list is covered: list pages (web), API lists (core.api), report API aggregates, import pages.
PATTERN = re.compile(r"django_assert_num_queries|CaptureQueriesContext")


def query_count_tests():
    found = []
    for folder, _dirs, files in os.walk(ROOT):
        if ".venv" in folder or "/." in folder:
            continue
        for name in files:
            if name.startswith("test_") and name.endswith(".py"):
                path = os.path.join(folder, name)
                text = open(path, encoding="utf-8").read()
                if PATTERN.search(text) and "500" in text:
                    found.append(os.path.relpath(path, ROOT))
    return sorted(found)


def main():
    parser(__doc__).parse_args()
    files = query_count_tests()
    if not files:
        return report(NAME, passed=False, summary="no test compares query counts for 5 and 500 rows")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", *files], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    last = (run.stdout.strip().splitlines() or ["(no output)"])[-1]
    return report(NAME, passed=run.returncode == 0, summary=f"{len(files)} test files ({', '.join(files)}): {last}", files=files)


if __name__ == "__main__":
    sys.exit(main() or 0)
