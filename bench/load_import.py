"""A kabupaten office importing its register over HTTP while bench/load_expensive.py's load runs (issue 16).

One thread in the bench process plays a dinas officer of the kabupaten of a sampled unit: it uploads a
workbook of new units (the import template's headers, desa codes of that kabupaten), waits for the preview
(checked in the request, as for any file up to IMPORT_SYNC_MAX_BYTES), saves it, and starts again with the next
workbook, for as long as the load runs. Every step is timed; any answer other than the expected one is an
error. The imported units (NIB prefix NIB_PREFIX), their history, the jobs and their preview rows are removed
afterwards and the tables vacuumed, so the registry is as it was.
"""

import json
import re
import threading
import time

from import_workbook import sample_rows, workbook

NIB_PREFIX = "97"
USERNAME = "bench-dinas-import"
ROWS_PER_WORKBOOK = 200


def district_officer():
    """A dinas officer of the kabupaten of a sampled unit, and that kabupaten's desa codes."""
    from django.db import connection

    from accounts.models import User
    from regions.models import Region

    with connection.cursor() as cursor:
        cursor.execute("SELECT desa_id FROM ikm_ikmunit WHERE deleted_at IS NULL ORDER BY md5(id::text) LIMIT 1")
        kabupaten = Region.objects.get(code=cursor.fetchone()[0][:5])
    user, _ = User.objects.update_or_create(username=USERNAME, defaults={"role": "district", "region": kabupaten})
    desa = list(Region.objects.filter(level=4, code__startswith=kabupaten.code + ".").values_list("code", flat=True))
    return user, kabupaten, desa


class Importer(threading.Thread):
    """Uploads, previews and saves workbooks against the server until `stop` is set."""

    def __init__(self, port, session_cookie, workbooks):
        from deploy.prod_smoke import Browser  # the smoke test's client: cookies, CSRF field, multipart

        super().__init__(daemon=True)
        self.browser, self.workbooks = Browser(port, {"sessionid": session_cookie}, scheme="http"), workbooks
        self.stop = threading.Event()
        self.imports, self.rows_saved, self.errors, self.step_ms = 0, 0, [], {"upload": [], "save": []}

    def timed(self, step, send, *args):
        started = time.perf_counter()
        answer = send(*args)
        self.step_ms[step].append((time.perf_counter() - started) * 1000)
        return answer

    def run(self):
        status, _, _ = self.browser.get("/impor/")  # the CSRF cookie, as a browser gets it
        if status != 200 or "csrftoken" not in self.browser.cookies:
            self.errors.append(f"GET /impor/ answered {status} without a CSRF cookie")
            return
        for number, (content, rows) in enumerate(self.workbooks):
            if self.stop.is_set():
                return
            try:
                self.import_one(number, content, rows)
            except Exception as error:  # a reset connection is an error of the run, not a crash of the bench
                self.errors.append(f"{type(error).__name__}: {error}")
        self.errors.append("ran out of prepared workbooks before the load ended")

    def import_one(self, number, content, rows):
        status, headers, _ = self.timed("upload", self.browser.post_file, "/impor/", {"kind": "ikm"}, "file",
                                        f"register-{number}.xlsx", content)
        job_path = headers.get("location", "")
        if status != 302 or not re.fullmatch(r"/impor/\d+/", job_path):
            self.errors.append(f"upload answered {status} {job_path}")
            return
        preview = self.job_status(job_path)
        if preview.get("status") != "preview":
            self.errors.append(f"preview of workbook {number}: {preview}")
            return
        status, _, _ = self.timed("save", self.browser.post_form, job_path + "simpan/", {})
        saved = self.job_status(job_path)
        if status != 302 or saved.get("status") != "done":
            self.errors.append(f"save of workbook {number} answered {status}: {saved}")
            return
        self.imports += 1
        self.rows_saved += rows

    def job_status(self, job_path):
        status, _, body = self.browser.get(job_path + "status.json")
        return json.loads(body) if status == 200 else {"http": status}

    def summary(self):
        def p50(values):
            return round(sorted(values)[len(values) // 2]) if values else None

        return {"imports": self.imports, "rows": self.rows_saved, "errors": len(self.errors), "error_detail": self.errors[:3],
                "upload_and_preview_p50_ms": p50(self.step_ms["upload"]), "save_p50_ms": p50(self.step_ms["save"])}


def prepared_workbooks(desa, count):
    """`count` workbooks of ROWS_PER_WORKBOOK new units each (distinct NIBs), desa codes of the officer's kabupaten."""
    from imports.kinds import KINDS

    books = []
    for number in range(count):
        rows = sample_rows(ROWS_PER_WORKBOOK, nib_prefix=NIB_PREFIX, start=number * ROWS_PER_WORKBOOK, desa=desa)
        books.append((workbook(KINDS["ikm"], rows), len(rows)))
    return books


def remove_imports(user):
    """Every unit, history row, job and preview row the importer wrote, and the officer; then VACUUM, so no dead
    rows stay."""
    from django.db import connection

    from imports.models import ImportJob

    ImportJob.objects.filter(user=user).delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ikm_ikmunit WHERE nib LIKE %s", [NIB_PREFIX + "%"])
        cursor.execute("DELETE FROM ikm_historicalikmunit WHERE nib LIKE %s", [NIB_PREFIX + "%"])
    user.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        time.sleep(1.1)  # the server's sessions' counts reach the statistics before VACUUM resets them
        cursor.execute("VACUUM (ANALYZE) ikm_ikmunit, ikm_historicalikmunit, imports_importrow, imports_importjob, reports_ikmrollup")
