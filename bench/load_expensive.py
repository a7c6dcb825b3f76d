"""Bench 10: the load bench (bench/load.py) with half its requests expensive (issue 16).

Beside the ordinary pages (lists, details, dashboard, API pages), four national analysts (each their own user)
search for a unit's full name, the same words reversed and a word matching nothing, sort by investment, open
the last page, a keyset page 900,000 rows deep and an old ?page=2000 link, export a kecamatan's units as CSV,
and search through the API; beside them a dinas officer imports workbooks of 200 new units over HTTP, one after
the other (upload, preview, save: bench/load_import.py). Targets: zero errors (a 429 from the per-user limit is
the bound working, a 302 an export handed to the worker), every import saved, p99 of the ordinary pages under
1 s while the expensive requests and the imports run.

    .venv/bin/python bench/load_expensive.py --db URL [--redis redis://127.0.0.1:6379/15] [--seconds 60]
"""

import sys

import load

if __name__ == "__main__":
    sys.exit(load.main(mix="expensive") or 0)
