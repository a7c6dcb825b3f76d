"""Bench 4: XLSX export of ALL IKM units (reports' XlsxWriter, constant memory).

Targets: at least 200,000 cells/s, peak memory at most 300 MB (getrusage ru_maxrss of the exporting process,
which runs alone in a fresh child process), a valid file whose sheets stay under Excel's 1,048,576-row limit.
Informative ratio: export time vs PostgreSQL COPY of the same query (to CSV) in the same run.
Validity is checked without loading a million rows: the zip's CRCs, the workbook's sheet list, and each
sheet's row count from its XML (streamed).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile

from common import parser, peak_rss_mb, report, setup_django, skip

NAME = "export_xlsx"
MIN_CELLS_PER_S = 200_000
MAX_RSS_MB = 300
EXCEL_ROWS = 1_048_576


def child(path, max_rows):
    from django.http import QueryDict

    from common import bench_user
    from reports.exporters.lists import IkmListExporter
    from reports.exporters.writers import XlsxWriter

    exporter = IkmListExporter(user=bench_user(), params=QueryDict(""))
    writer = XlsxWriter(path)
    if max_rows:
        writer.max_rows = max_rows
    started = time.perf_counter()
    rows = writer.write(exporter)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rss_mb": peak_rss_mb(), "rows": rows, "columns": len(exporter.fields)}))


def sheet_rows(path):
    """{sheet xml name: number of <row> elements}, streamed; raises if the zip is corrupt."""
    counts = {}
    with zipfile.ZipFile(path) as book:
        bad = book.testzip()
        if bad:
            raise ValueError(f"corrupt member {bad}")
        names = re.findall(rb'<sheet [^>]*name="([^"]+)"', book.read("xl/workbook.xml"))
        for member in sorted(n for n in book.namelist() if n.startswith("xl/worksheets/sheet")):
            count, tail = 0, b""
            with book.open(member) as stream:
                while block := stream.read(1 << 20):
                    data = tail + block
                    count += data.count(b"<row ")
                    tail = data[-5:]
                    count -= tail.count(b"<row ")  # counted again with the next block
            counts[member] = count + tail.count(b"<row ")
    return [n.decode() for n in names], counts


def copy_seconds():
    from django.db import connection

    from export_csv import exporter_and_sql

    _exporter, statement = exporter_and_sql()
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
        for _block in copy:
            pass
    return time.perf_counter() - started


def main():
    p = parser(__doc__)
    p.add_argument("--child", default="", help=argparse_suppress())
    p.add_argument("--max-rows", type=int, default=0, help="split sheets earlier than Excel's limit (to see splitting)")
    args = p.parse_args()
    setup_django(args.db)
    if args.child:
        return child(args.child, args.max_rows)
    try:
        from reports.exporters.writers import XlsxWriter  # noqa: F401
    except ImportError as error:
        return skip(NAME, f"XLSX exporter not available ({error})")
    baseline = copy_seconds()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "ikm.xlsx")
        command = [sys.executable, __file__, "--db", args.db, "--child", path, "--max-rows", str(args.max_rows)]
        output = subprocess.run(command, capture_output=True, text=True)
        if output.returncode:
            return report(NAME, passed=False, summary=f"export failed: {output.stderr.strip().splitlines()[-1][:300]}")
        run = json.loads(output.stdout.strip().splitlines()[-1])
        size_mb = os.path.getsize(path) / 1e6
        try:
            titles, counts = sheet_rows(path)
            valid = all(count <= EXCEL_ROWS for count in counts.values()) and len(titles) == len(counts)
            data_rows = sum(counts.values())
        except (ValueError, zipfile.BadZipFile, KeyError) as error:
            titles, counts, valid, data_rows = [], {}, False, 0
            print(f"  invalid workbook: {error}")
    cells = run["rows"] * run["columns"]
    rate = cells / run["seconds"]
    passed = rate >= MIN_CELLS_PER_S and run["rss_mb"] <= MAX_RSS_MB and valid
    return report(
        NAME,
        passed=passed,
        summary=(
            f"{run['rows']:,} rows x {run['columns']} columns = {cells:,} cells in {run['seconds']:.1f} s = {rate:,.0f} cells/s "
            f"(target >= {MIN_CELLS_PER_S:,}); peak RSS {run['rss_mb']:.0f} MB (target <= {MAX_RSS_MB}); {size_mb:.0f} MB file, "
            f"sheets {titles} with {list(counts.values())} rows (valid: {valid}); {run['seconds'] / baseline:.1f}x COPY ({baseline:.1f} s)"
        ),
        rows=run["rows"], cells_per_s=round(rate), export_s=round(run["seconds"], 1), peak_rss_mb=round(run["rss_mb"]),
        copy_s=round(baseline, 1), sheets=titles, sheet_rows=list(counts.values()), valid=valid, xml_rows=data_rows,
    )


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main() or 0)
