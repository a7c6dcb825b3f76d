"""Bench 5: import of a 100,000-row IKM workbook (validate + upsert) vs COPY FROM of the same rows.

The workbook is written here as an office fills the import template: a title row above the template's headers
(sheet "Data"), a "No" column counting the rows, every 10th sales figure typed as text ("Rp 25.000.000,-"),
new units (NIB prefix "98", never a real NIB). So the whole reading path runs: sheet and header detection,
the mapping, text normalisation, number conventions, hidden/total-row and formula checks, possible-duplicate
look-up, the column summary. The import runs as the background worker would: import_job_create,
import_job_check (validate, preview), import_job_commit (write all or nothing, with history, progress through
a second connection). Baseline: COPY FROM STDIN of the same rows, already resolved, into ikm_ikmunit, rolled
back. Targets: at most 60 s, at most 4x the COPY time. The imported units, the job and its preview rows are
deleted afterwards and the tables vacuumed, so no dead rows are left behind.
"""

import io
import sys
import time

from common import parser, report, setup_django, skip

NAME = "import_workbook"
MAX_SECONDS = 60
MAX_RATIO = 4.0
NIB_PREFIX = "98"


def sample_rows(count, *, nib_prefix=NIB_PREFIX, start=0, desa=None):
    """(nib, name, owner, desa code, commodity id, commodity name, workers m/f, investment, ...) drawn from the registry;
    rows numbered from `start`, in the given desa codes (else any of the first 5,000 desa)."""
    import random

    from commodities.models import Commodity
    from regions.models import Region

    rng = random.Random(6)
    desa = desa or list(Region.objects.filter(level=4).values_list("code", flat=True)[:5000])
    commodities = list(Commodity.objects.values_list("id", "name"))
    rows = []
    for n in range(start, start + count):
        commodity_id, commodity_name = commodities[n % len(commodities)]
        rows.append({
            "nib": f"{nib_prefix}{n:011d}", "name": f"Usaha Impor {n}", "owner": f"Pemilik {n}", "desa": rng.choice(desa),
            "address": f"Jl. Uji No. {n % 300}", "commodity_id": commodity_id, "commodity": commodity_name,
            "product": "produk uji", "male": rng.randint(0, 9), "female": rng.randint(0, 9),
            "investment": rng.randint(1, 900) * 1_000_000, "value": rng.randint(1, 900) * 1_000_000,
            "sales": rng.randint(1, 900) * 1_000_000,
        })
    return rows


def workbook(kind, rows):
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True})
    sheet = book.add_worksheet("Data")
    headers = ["No", *(column.header for column in kind.columns)]
    sheet.write_string(0, 0, "DATA IKM (UJI IMPOR)")
    for col, header in enumerate(headers):
        sheet.write_string(1, col, header)
    cells = {"NIB": "nib", "Nama Usaha": "name", "Nama Pemilik": "owner", "Kode Wilayah": "desa", "Alamat": "address",
             "Komoditas": "commodity", "Produk": "product", "Tenaga Kerja Laki-laki": "male",
             "Tenaga Kerja Perempuan": "female", "Nilai Investasi (Rp)": "investment",
             "Nilai Produksi per Tahun (Rp)": "value", "Omzet per Tahun (Rp)": "sales"}
    for number, row in enumerate(rows, start=2):
        sheet.write_number(number, 0, number - 1)
        for col, header in enumerate(headers[1:], start=1):
            value = row.get(cells.get(header, ""))
            if header == "Omzet per Tahun (Rp)" and number % 10 == 0:
                sheet.write_string(number, col, f"Rp {value:,},-".replace(",", "."))  # "Rp 25.000.000,-"
            elif isinstance(value, int):
                sheet.write_number(number, col, value)
            elif value:
                sheet.write_string(number, col, value)
    book.close()
    return buffer.getvalue()


def copy_from(rows):
    """Baseline: the same rows, resolved, loaded with COPY FROM into ikm_ikmunit; rolled back."""
    from django.db import connection, transaction

    columns = ("created_at", "updated_at", "version", "name", "owner_name", "nib", "desa_id", "address", "commodity_id",
               "product", "workers_male", "workers_female", "investment", "production_value", "sales", "production_place",
               "capacity_unit")
    started = time.perf_counter()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor, cursor.copy(f"COPY ikm_ikmunit ({', '.join(columns)}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(("now()", "now()", 1, r["name"], r["owner"], r["nib"], r["desa"], r["address"], r["commodity_id"],
                                    r["product"], r["male"], r["female"], r["investment"], r["value"], r["sales"], "rumah", ""))
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # deferred FK checks count too, as at the import's commit
            elapsed = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


class _Rollback(Exception):
    pass


def remove_imported():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ikm_ikmunit WHERE nib LIKE %s", [NIB_PREFIX + "%"])
        cursor.execute("DELETE FROM ikm_historicalikmunit WHERE nib LIKE %s", [NIB_PREFIX + "%"])
        if connection.vendor == "postgresql":
            # Every session's counts of the rows just written or deleted must reach the statistics before VACUUM
            # resets them (otherwise they arrive up to a second later and read as dead rows the vacuum left):
            # this one's now, the commit's closed progress connection's within a second.
            cursor.execute("SELECT pg_stat_force_next_flush()")
            time.sleep(1.1)
            # 100,000 dead rows per run would otherwise slow the next run (and both sides of other benches)
            # and leave the planner's statistics describing a table that no longer exists. The roll-up's
            # counters and the job's preview rows were rewritten too.
            cursor.execute(
                "VACUUM (ANALYZE) ikm_ikmunit, ikm_historicalikmunit, imports_importrow, imports_importjob, reports_ikmrollup"
            )


def dead_rows():
    """Dead tuples the run left in the tables it wrote (0 after the vacuum, as the next run needs)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT COALESCE(SUM(n_dead_tup), 0) FROM pg_stat_user_tables WHERE relname IN "
            "('ikm_ikmunit', 'ikm_historicalikmunit', 'imports_importrow', 'imports_importjob')"
        )
        return int(cursor.fetchone()[0])


def main():
    p = parser(__doc__)
    p.add_argument("--rows", type=int, default=100_000)
    args = p.parse_args()
    setup_django(args.db)
    try:
        from imports.kinds import KINDS
        from imports.models import ImportJob, ImportStatus
        from imports.services import import_job_check, import_job_commit, import_job_create, import_job_request_commit
    except ImportError as error:
        return skip(NAME, f"importer not built yet ({error})")
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from common import bench_user

    if connection.vendor != "postgresql":
        return skip(NAME, "needs PostgreSQL (the baseline is COPY FROM)")
    ImportJob.objects.filter(original_name="ikm-100k.xlsx").delete()
    remove_imported()
    rows = sample_rows(args.rows)
    user = bench_user("admin")
    kind = KINDS["ikm"]  # the class: its columns are the template headers
    content = workbook(kind, rows)
    baseline = copy_from(rows)
    try:
        started = time.perf_counter()
        job = import_job_create(user=user, kind="ikm", upload=SimpleUploadedFile("ikm-100k.xlsx", content))
        if job.status != ImportStatus.PREVIEW:
            import_job_check(job_id=job.pk)  # what the worker does for a file this size
        job.refresh_from_db()
        checked = time.perf_counter() - started
        if job.status != ImportStatus.PREVIEW or job.created_count != args.rows:
            return report(NAME, passed=False, summary=f"preview {job.status}: {job.created_count} creates, {job.refused_count} refused; {job.messages[:3]}")
        job = import_job_request_commit(user=user, job=job)
        if job.status == ImportStatus.SAVING:
            import_job_commit(job_id=job.pk)
        job.refresh_from_db()
        total = time.perf_counter() - started
        from ikm.models import IkmUnit

        imported = IkmUnit.objects.filter(nib__startswith=NIB_PREFIX).count()
    finally:
        ImportJob.objects.filter(original_name="ikm-100k.xlsx").delete()  # its preview rows first: then one vacuum
        remove_imported()
    dead = dead_rows()
    ratio = total / baseline
    passed = job.status == ImportStatus.DONE and imported == args.rows and total <= MAX_SECONDS and ratio <= MAX_RATIO
    return report(
        NAME,
        passed=passed,
        summary=(
            f"{args.rows:,}-row workbook ({len(content) / 1e6:.1f} MB): check {checked:.1f} s + commit {total - checked:.1f} s = "
            f"{total:.1f} s (target <= {MAX_SECONDS} s), {imported:,} units written, status {job.status}; "
            f"COPY FROM {baseline:.1f} s -> {ratio:.1f}x (target <= {MAX_RATIO}x); dead rows left {dead}"
        ),
        rows=args.rows, seconds=round(total, 1), check_s=round(checked, 1), commit_s=round(total - checked, 1),
        copy_s=round(baseline, 2), ratio=round(ratio, 1), imported=imported, dead_rows=dead,
    )


if __name__ == "__main__":
    sys.exit(main() or 0)
