"""`make prod-smoke`: the production path without containers, start to finish, then everything stopped.

Starts, from this checkout: a PostgreSQL database of its own (unique name, dropped at the end), Redis (its own
redis-server on a free port, or SMOKE_REDIS_URL), two gunicorn instances with DEBUG=false and production
settings (real SECRET_KEY, ALLOWED_HOSTS, HTTPS as seen behind the TLS proxy, JSON logs), two background
workers on the Redis queue (django-tasks-rq). Then, over HTTP only: logs in on one app server and uses the
session on the other, uploads a workbook, polls the job, commits it, exports, downloads; proves that the
cache and the API throttle are shared between the two app servers; reads /readyz and /metrics, the workers'
metrics and the JSON logs; checks the workers e-mailed the job owner; runs housekeeping; backs up and restores
into an empty database and folder. Exits non-zero at the first failure.

Settings: SMOKE_ADMIN_DATABASE_URL (a role that may CREATE DATABASE; default postgres://postgres@127.0.0.1:5432/postgres),
SMOKE_DB_NAME (default sentra_smoke_<pid>_<random>), SMOKE_REDIS_URL (else its own redis-server), SMOKE_PORT_BASE (default 8117: app servers on +0 and +1, worker
metrics on +2 and +3, own Redis on +4).
"""

import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
STARTED = time.monotonic()
CHECKS = []


def say(text):
    print(f"[prod-smoke {time.monotonic() - STARTED:6.1f}s] {text}", flush=True)


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    CHECKS.append(what)
    say(f"ok: {what}")


def free_port(preferred):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]


class Browser:
    """Plain HTTP to one app server, as the TLS proxy forwards it (X-Forwarded-Proto: https), keeping cookies
    by hand: the session cookie is Secure and would not be sent over plain HTTP by a cookie jar. With
    `scheme="http"` it talks to a server without the proxy (bench/load_import.py)."""

    def __init__(self, port, cookies=None, scheme="https"):
        self.port, self.cookies, self.scheme = port, cookies if cookies is not None else {}, scheme

    def request(self, method, path, body=None, headers=None):
        connection = HTTPConnection("127.0.0.1", self.port, timeout=60)
        origin = f"{self.scheme}://127.0.0.1:{self.port}"
        sent = {
            "Host": f"127.0.0.1:{self.port}", "Accept-Language": "id", "Origin": origin, "Referer": origin + path,
            **({"X-Forwarded-Proto": "https"} if self.scheme == "https" else {}),
            **({"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}),
            **(headers or {}),
        }
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in ('""', ""):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
        connection.close()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post_form(self, path, fields):
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        return self.request("POST", path, urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded"})

    def post_file(self, path, fields, file_field, filename, content):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
            f"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode() + content + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def wait_for(what, probe, timeout=180, interval=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = probe()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


def workbook(rows):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


class Stack:
    def __init__(self):
        self.run_id = f"{os.getpid()}_{secrets.token_hex(3)}"
        self.tmp = Path(tempfile.mkdtemp(prefix="sentra-smoke-"))
        self.processes = []
        base = int(os.environ.get("SMOKE_PORT_BASE", "8117"))
        self.app_ports = [free_port(base), free_port(base + 1)]
        self.metrics_ports = [free_port(base + 2), free_port(base + 3)]
        self.redis_port = free_port(base + 4)
        self.admin_url = os.environ.get("SMOKE_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        self.db_name = os.environ.get("SMOKE_DB_NAME") or f"sentra_smoke_{self.run_id}"
        self.redis_url = os.environ.get("SMOKE_REDIS_URL")
        self.metrics_token = secrets.token_urlsafe(24)
        admin = urlparse(self.admin_url)
        self.database_url = admin._replace(path=f"/{self.db_name}").geturl()
        self.env = None

    # --- services -------------------------------------------------------------------------------------
    def admin_sql(self, statement):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(statement)

    def start_redis(self):
        if self.redis_url:
            return
        server = shutil.which("redis-server")
        if server is None:
            raise SystemExit("prod-smoke needs Redis: install redis-server or set SMOKE_REDIS_URL")
        self.spawn("redis", [server, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                            "--dir", str(self.tmp)])
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        wait_for("redis", lambda: socket.create_connection(("127.0.0.1", self.redis_port), timeout=1).close() or True, timeout=30)

    def production_env(self):
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_"))},
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "BEHIND_TLS_PROXY": "true",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "TASKS_BACKEND": "django_tasks_rq.RQBackend",
            "SESSION_ENGINE": "django.contrib.sessions.backends.cache",  # sessions only in Redis: sharing is real
            "STATIC_ROOT": str(self.tmp / "static"),
            "MEDIA_ROOT": str(self.tmp / "media"),
            "IMPORT_SYNC_MAX_BYTES": "0",  # every import goes through the workers
            "REPORTS_DIRECT_EXPORT_MAX_ROWS": "0",
            "METRICS_TOKEN": self.metrics_token,
            "METRICS_ALLOWED_IPS": "",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.tmp / "mail"),
            "NOTIFY_JOB_MIN_SECONDS": "0",
            "SITE_URL": f"https://127.0.0.1:{self.app_ports[0]}",
            "WORKER_HEARTBEAT_SECONDS": "2",
            "LOG_LEVEL": "INFO",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2",
            "TMPDIR": str(self.tmp),
            "PYTHONUNBUFFERED": "1",
        }

    def spawn(self, name, argv, env=None):
        log = open(self.tmp / f"{name}.log", "wb")
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append((name, process, log))
        return process

    def manage(self, *args, capture=False):
        began = time.monotonic()
        result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        say(f"manage.py {args[0]}: {time.monotonic() - began:.1f}s")
        return result.stdout.strip() if capture else None

    def log_lines(self, name):
        return (self.tmp / f"{name}.log").read_text(errors="replace").splitlines()

    def up(self):
        self.start_redis()
        self.env = self.production_env()
        self.admin_sql(f'CREATE DATABASE "{self.db_name}"')
        say(f"database {self.db_name}, redis {self.redis_url}, app servers {self.app_ports}")
        # One manage.py process for the set-up (each start costs seconds): migrate, regions of NTT (the
        # import's kabupaten; the whole country only adds minutes), reference data, collectstatic with the
        # production manifest storage, check --deploy, a dinas user and two API tokens.
        wilayah = self.tmp / "wilayah"
        wilayah.mkdir()
        for path in (ROOT / "data" / "wilayah").glob("*.csv"):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            (wilayah / path.name).write_text(lines[0] + "".join(line for line in lines[1:] if line.startswith("53")), encoding="utf-8")
        tokens = json.loads(self.manage("shell", "-c", f"""
import json
from django.core.management import call_command
from accounts.models import User
from apiclients.services import api_client_create
from regions.models import Region
call_command("migrate", "--noinput", verbosity=0)
call_command("load_regions", directory={str(wilayah)!r}, verbosity=0)
call_command("load_reference", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
call_command("check", "--deploy", "--fail-level", "WARNING")
User.objects.create_user("maria", "maria@alorkab.go.id", "tenun-ikat-moramam-2026", role="district", region_id="53.05", first_name="Maria")
alor = Region.objects.get(code="53.05")
_client, key = api_client_create(name="Portal Kab. Alor", region=alor, read_write=False, throttle_rate="")
_client, throttled = api_client_create(name="Uji batas", region=alor, read_write=False, throttle_rate="5/min")
print(json.dumps([key, throttled]))
""", capture=True).splitlines()[-1])
        self.api_token, self.throttled_token = tokens
        say("migrated, regions and reference loaded, static collected, check --deploy clean")
        for index, port in enumerate(self.app_ports):
            self.spawn(f"gunicorn-{index}", [PY, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "config.wsgi:application"],
                       env={**self.env, "GUNICORN_BIND": f"127.0.0.1:{port}"})
        for index, port in enumerate(self.metrics_ports):
            self.spawn(f"worker-{index}", [PY, "manage.py", "run_worker", "--metrics-port", str(port)], env=self.env)
        for port in self.app_ports:
            wait_for(f"gunicorn on {port}", lambda port=port: Browser(port).get("/healthz")[0] == 200, timeout=120)

    def down(self):
        for name, process, log in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process, log in reversed(self.processes):
            began = time.monotonic()
            try:
                process.wait(timeout=30)
                say(f"{name} stopped in {time.monotonic() - began:.1f}s")
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            log.close()
        for name in (self.db_name, f"{self.db_name}_restore"):
            try:
                self.admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as error:  # noqa: BLE001  (report, keep cleaning up)
                say(f"could not drop {name}: {error}")
        if os.environ.get("SMOKE_REDIS_URL"):
            import redis

            redis.Redis.from_url(self.redis_url).flushdb()


# --- the checks ---------------------------------------------------------------------------------------
def scenario(stack):
    a, b = stack.app_ports
    readiness = wait_for("both workers' heartbeats", lambda: (
        (status_body := Browser(a).get("/readyz"))[0] == 200 and json.loads(status_body[2])["checks"]["worker"]["alive"] == 2
        and json.loads(status_body[2])
    ), timeout=120)
    check(readiness["checks"]["queue"]["backend"] == "django_tasks_rq.RQBackend", "readyz: database, cache, RQ queue and 2 live workers")

    # Log in on app server A; the session (in Redis) works on app server B.
    browser_a = Browser(a)
    status, headers, _ = browser_a.get("/akun/masuk/")
    check(status == 200 and "strict-transport-security" in headers, "login page over the production settings (HSTS on)")
    status, headers, _ = browser_a.post_form("/akun/masuk/", {"username": "maria", "password": "tenun-ikat-moramam-2026", "next": "/"})
    check(status == 302 and "sessionid" in browser_a.cookies, "log in on app server A")
    browser_b = Browser(b, browser_a.cookies)
    status, _, body = browser_b.get("/impor/")
    check(status == 200 and b"Maria" in body, "the session made on A is valid on B")

    # Import: upload on A, the workers check it, poll and commit on B, the workers save it.
    rows = [["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas", "Tenaga Kerja Perempuan"]]
    rows += [[f"99{n:011d}", f"Tenun Smoke {n}", "Alor", "Alor Barat Daya", "Moru", "Tenun ikat", n] for n in range(1, 4)]
    status, headers, _ = browser_a.post_file("/impor/", {"kind": "ikm"}, "file", "unit-ikm-alor.xlsx", workbook(rows))
    check(status == 302 and headers["location"].startswith("/impor/"), "workbook uploaded on A")
    job_path = headers["location"]

    def job_status():
        code, _, payload = browser_b.get(job_path + "status.json")
        return json.loads(payload) if code == 200 and not json.loads(payload)["running"] else None

    status_json = wait_for("import preview", job_status)
    check(status_json["status"] == "preview", "workers checked the workbook (polled on B)")
    status, headers, _ = browser_b.post_form(job_path + "simpan/", {})
    check(status == 302, "commit requested on B")
    status_json = wait_for("import commit", job_status)
    check(status_json["status"] == "done", "workers saved the import")
    status, _, body = Browser(a).get("/api/v1/ikm-units/?q=Tenun%20Smoke", {"Authorization": f"Token {stack.api_token}"})
    check(status == 200, f"the API answers the token's search ({status}: {body[:200]!r})")
    names = sorted(item["name"] for item in json.loads(body)["results"] if item["name"].startswith("Tenun Smoke"))
    check(status == 200 and names == ["Tenun Smoke 1", "Tenun Smoke 2", "Tenun Smoke 3"], "the API (token) lists the 3 imported units")

    # Export in the background (B), poll its page, download on A.
    status, headers, _ = browser_b.get("/laporan/ekspor/ikm.csv?background=1")
    check(status == 302 and "/laporan/ekspor/tugas/" in headers["location"], "export queued on B")
    export_path = headers["location"]
    wait_for("export file", lambda: b"/unduh/" in browser_b.get(export_path)[2])
    status, headers, body = browser_a.get(export_path + "unduh/")
    text = body.decode("utf-8-sig")
    check(status == 200 and all(f"Tenun Smoke {n}" in text for n in (1, 2, 3)), "export downloaded on A holds the imported units")

    # Throttle shared between app servers: 5 requests per minute for this token, spread over A and B.
    answers = [Browser(port).get("/api/v1/sentra/", {"Authorization": f"Token {stack.throttled_token}"})[0] for port in (a, b, a, b, a, b)]
    check(answers == [200] * 5 + [429], f"API throttle counted across both app servers ({answers})")

    # Metrics: protected; requests, queue and jobs on the app; task timings on the workers.
    check(Browser(a).get("/metrics")[0] == 403, "metrics refused without the token")
    status, _, body = Browser(a).get("/metrics", {"Authorization": f"Bearer {stack.metrics_token}"})
    text = body.decode()
    check(status == 200 and "django_http_requests_total_by_method_total" in text and 'sentra_import_jobs{status="done"} 1.0' in text
          and "sentra_queue_depth" in text and "sentra_workers_alive 2.0" in text, "app metrics: requests, queue depth, jobs, workers")
    worker_metrics = ""
    for port in stack.metrics_ports:
        connection = HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/metrics")
        worker_metrics += connection.getresponse().read().decode()
    for task in ("imports.tasks.check_import", "imports.tasks.commit_import", "reports.tasks.run_export_job"):
        check(f'sentra_task_duration_seconds_count{{status="successful",task="{task}"}} 1.0' in worker_metrics,
              f"worker metrics: duration of {task}")

    # Notifications: the workers e-mailed the job owner (file-based mail backend).
    mails = "".join(path.read_text(errors="replace") for path in (stack.tmp / "mail").glob("*.log"))
    check("Pratinjau impor unit-ikm-alor.xlsx siap" in mails and "Ekspor ikm.csv siap diunduh" in mails
          and "maria@alorkab.go.id" in mails, "workers e-mailed the owner when the import and export finished")

    # Housekeeping on the Redis queue (nothing is old yet), then last night's backup restored into an empty
    # database and an empty folder: same rows, same files.
    archive = stack.tmp / "cadangan.tar"
    stack.admin_sql(f'CREATE DATABASE "{stack.db_name}_restore"')
    output, saved, restored = json.loads(stack.manage("shell", "-c", f"""
import io, json
from django.core.management import call_command
outputs = []
for args in (["housekeeping"], ["backup", "--output", {str(archive)!r}],
             ["restore", "--input", {str(archive)!r}, "--database-url", {stack.database_url + "_restore"!r},
              "--media-root", {str(stack.tmp / "restored-media")!r}]):
    buffer = io.StringIO()
    call_command(*args, stdout=buffer)
    outputs.append(buffer.getvalue().strip())
print(json.dumps(outputs))
""", capture=True).splitlines()[-1])
    check(output.startswith("removed: import_files=0, import_rows=0, export_jobs=0, task_results=0, orphan_files=0, "
                            "change_feed=0, webhook_deliveries=0"), f"housekeeping ({output})")
    counts = saved.split(": ", 1)[1].rstrip(".")
    check(restored.endswith(counts + ".") and " 2 berkas" in counts, f"backup restored into an empty database and folder ({counts})")


def logs_are_json(stack):
    access = []
    for name in ("gunicorn-0", "gunicorn-1", "worker-0", "worker-1"):
        lines = [line for line in stack.log_lines(name) if line.strip()]
        parsed = [json.loads(line) for line in lines if line.startswith("{")]
        check(lines and len(parsed) == len(lines), f"{name}: every log line is JSON ({len(lines)} lines)")
        check(all("request_id" in line or line["logger"].startswith(("gunicorn", "rq")) for line in parsed),
              f"{name}: app lines carry request_id")
        access += [line for line in parsed if line.get("logger") == "sentra.access"]
    check(access and all(line["request_id"] for line in access), f"{len(access)} access lines, each with its request id")
    task_lines = [json.loads(line) for name in ("worker-0", "worker-1") for line in stack.log_lines(name)
                  if line.startswith("{") and '"task started"' in line]
    check(len(task_lines) == 3 and all(line["request_id"] == line["task_id"].replace("-", "") for line in task_lines),
          "worker lines of each task carry the task id as request id")


def main():
    stack = Stack()
    failed = None
    try:
        stack.up()
        scenario(stack)
        logs_are_json(stack)
    except BaseException as error:  # noqa: BLE001  (report it, stop everything, exit non-zero)
        failed = error
    finally:
        stack.down()
    if failed is not None:
        say(f"FAILED: {failed!r}")
        for name, _process, _log in stack.processes:
            tail = stack.log_lines(name)[-25:]
            print(f"--- {name}.log (last {len(tail)} lines)\n" + "\n".join(tail), file=sys.stderr)
        shutil.rmtree(stack.tmp, ignore_errors=True)
        return 1
    shutil.rmtree(stack.tmp, ignore_errors=True)
    say(f"all {len(CHECKS)} checks passed; everything stopped, database {stack.db_name} dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
