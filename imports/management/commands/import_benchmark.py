"""Time the import path on generated data: `manage.py import_benchmark --rows 10000 [--kabupaten 53.05] [--keep]`.

Builds an IKM workbook with loose region names spread over the kabupaten's real desa, then runs the
preview and the commit exactly as a user's upload does and prints rows per second for each phase.
Everything is rolled back at the end unless --keep is given.
"""

import io
import time

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Role, User
from commodities.models import Commodity
from regions.models import Region

from ...models import ImportJob
from ...services import import_job_check, import_job_commit, import_job_create

HEADER = ["NIB", "Nama Usaha", "Nama Pemilik", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas",
          "Tenaga Kerja Laki-laki", "Tenaga Kerja Perempuan", "Nilai Investasi (Rp)", "Omzet per Tahun (Rp)"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure import speed (rows/s) for preview and commit on a generated IKM workbook."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--kabupaten", default="53.05")
        parser.add_argument("--keep", action="store_true", help="keep the imported rows instead of rolling back")

    def handle(self, *args, rows, kabupaten, keep, **options):
        kab = Region.objects.filter(code=kabupaten, level=2).first()
        desas = list(Region.objects.filter(code__startswith=kabupaten + ".", level=4).select_related("parent", "parent__parent__parent"))
        commodities = list(Commodity.objects.values_list("name", flat=True)[:10])
        if kab is None or not desas or not commodities:
            raise CommandError("Load regions and reference data first (load_regions, load_reference).")
        started = time.perf_counter()
        content = self._workbook(rows, kab, desas, commodities)
        self.stdout.write(f"generated {rows} rows, {len(content) / 1048576:.1f} MB in {time.perf_counter() - started:.1f}s")
        try:
            with transaction.atomic():
                user, _ = User.objects.get_or_create(username="import-benchmark", defaults={"role": Role.ADMIN})
                with self.settings_sync_off():
                    job = import_job_create(user=user, kind="ikm", upload=SimpleUploadedFile("bench.xlsx", content))
                started = time.perf_counter()
                import_job_check(job_id=job.pk)
                check_seconds = time.perf_counter() - started
                job.refresh_from_db()
                self.stdout.write(f"preview: {job.created_count} create, {job.updated_count} update, {job.unchanged_count} unchanged, "
                    f"{job.refused_count} refused in {check_seconds:.1f}s = {rows / check_seconds:,.0f} rows/s")
                started = time.perf_counter()
                import_job_commit(job_id=job.pk)
                commit_seconds = time.perf_counter() - started
                job = ImportJob.objects.get(pk=job.pk)
                self.stdout.write(f"commit ({job.status}): {commit_seconds:.1f}s = {rows / commit_seconds:,.0f} rows/s")
                total = check_seconds + commit_seconds
                self.stdout.write(self.style.SUCCESS(f"preview + commit: {total:.1f}s = {rows / total:,.0f} rows/s"))
                if not keep:
                    raise Rollback
        except Rollback:
            self.stdout.write("rolled back (use --keep to keep the rows)")

    def settings_sync_off(self):
        from django.test.utils import override_settings

        return override_settings(IMPORT_SYNC_MAX_BYTES=0, TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})

    def _workbook(self, rows, kab, desas, commodities):
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Data")
        sheet.append(HEADER)
        loose = [kab.name, kab.name.upper(), kab.name.replace("Kabupaten ", "Kab. "), kab.name.split(" ", 1)[-1]]
        for i in range(rows):
            desa = desas[i % len(desas)]
            sheet.append([
                f"{9300000000000 + i}", f"Usaha Uji {i}", f"Pemilik {i}", desa.parent.parent.parent.name, loose[i % 4],
                desa.parent.name, desa.name, commodities[i % len(commodities)], i % 5, i % 7, (i % 90) * 1_000_000, (i % 50) * 2_500_000,
            ])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
