"""Run every benchmark (each in its own process) and print a results table; exit 1 if any target failed.

    .venv/bin/python bench/run_all.py [--db URL] [--only export_csv,load]

The database must be filled first (see bench/README.md): load_regions, load_reference, generate_national.
"""

import json
import subprocess
import sys
from pathlib import Path

from common import parser

HERE = Path(__file__).resolve().parent
# Cheap and independent first; the 60-second load tests last.
BENCHES = ["query_counts", "api_list", "list_pages", "dashboard", "export_csv", "export_xlsx", "import_workbook", "load", "load_expensive"]


def main():
    p = parser(__doc__)
    p.add_argument("--only", default="", help="comma-separated subset of: " + ", ".join(BENCHES))
    args = p.parse_args()
    chosen = [name for name in BENCHES if not args.only or name in args.only.split(",")]
    results = []
    for name in chosen:
        print(f"== {name}", flush=True)
        run = subprocess.run([sys.executable, str(HERE / f"{name}.py"), "--db", args.db], capture_output=True, text=True)
        lines = run.stdout.splitlines()
        found = [json.loads(line[len("RESULT "):]) for line in lines if line.startswith("RESULT ")]
        for line in lines:
            if not line.startswith("RESULT "):
                print("   " + line)
        if found:
            results.append(found[-1])
        else:
            tail = (run.stderr.strip().splitlines() or ["no output"])[-1]
            results.append({"name": name, "verdict": "FAIL", "summary": f"crashed: {tail[:300]}"})
            print("   crashed: " + tail[:300])
    print("\n| bench | verdict | result |\n|---|---|---|")
    for result in results:
        print(f"| {result['name']} | {result['verdict']} | {result['summary']} |")
    return 1 if any(result["verdict"] == "FAIL" for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
