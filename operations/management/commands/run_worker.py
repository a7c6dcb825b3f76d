"""The background worker for whichever TASKS_BACKEND is configured, recording a heartbeat for /readyz.

systemd (deploy/systemd/sentra-worker.service) and compose run this; `make run` too. Several may run at once.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection
from django.utils import timezone
from prometheus_client import start_http_server

from operations import workers

logger = logging.getLogger("operations.worker")


class Command(BaseCommand):
    help = "Jalankan pekerja latar belakang (impor, ekspor) sesuai TASKS_BACKEND, dengan detak untuk /readyz."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Kerjakan antrean yang ada lalu berhenti")
        parser.add_argument("--interval", type=float, default=1.0, help="Jeda antar-pemeriksaan antrean basis data (detik)")
        parser.add_argument("--max-jobs", type=int, default=None,
                            help="Berhenti setelah sekian tugas (systemd/compose menyalakannya lagi: memori kembali bersih)")
        parser.add_argument("--metrics-port", type=int, default=int(os.environ.get("WORKER_METRICS_PORT", "0")),
                            help="Sajikan metrik Prometheus pekerja (durasi dan kegagalan tugas) di port ini; 0 = mati")
        parser.add_argument("--metrics-addr", default=os.environ.get("WORKER_METRICS_ADDR", "127.0.0.1"))

    def handle(self, *args, burst, interval, max_jobs, metrics_port, metrics_addr, **options):
        name = f"{socket.gethostname()}:{os.getpid()}"
        if metrics_port:
            # Tasks run in this process (no fork per job), so its own registry holds every task's timing.
            start_http_server(metrics_port, addr=metrics_addr)
        started_at = timezone.now()
        stop = threading.Event()
        self._beat(name, started_at)
        beater = threading.Thread(target=self._beat_forever, args=(name, started_at, stop), daemon=True, name="heartbeat")
        beater.start()
        logger.info("worker %s started on %s", name, workers.backend_path())
        try:
            self._run_backend(burst=burst, interval=interval, name=name, max_jobs=max_jobs)
        finally:
            stop.set()
            beater.join(timeout=5)
            try:
                workers.heartbeat_forget(name=name)
            except DatabaseError:
                pass
            logger.info("worker %s stopped", name)

    def _run_backend(self, *, burst, interval, name, max_jobs):
        backend = workers.backend_path()
        if backend == workers.RQ_BACKEND:
            # SimpleWorker runs each job in this process (no fork per job), so the job's metrics stay here;
            # --max-jobs and the supervisor's restart give memory back after big imports instead.
            call_command("rqworker", *settings.TASKS["default"].get("QUEUES", ["default"]),
                         job_class="django_tasks_rq.Job", worker_class="rq.worker.SimpleWorker",
                         name=name.replace(":", "-"), burst=burst, max_jobs=max_jobs)
        elif backend == workers.DB_BACKEND:
            call_command("db_worker", interval=interval, batch=burst, worker_id=name[:64], reload=False, max_tasks=max_jobs)
        else:
            self.stderr.write(f"TASKS_BACKEND {backend} runs tasks without a worker; nothing to do.")

    def _beat(self, name, started_at):
        try:
            workers.heartbeat_beat(name=name, started_at=started_at)
        except DatabaseError as error:  # the database is down: /readyz says so anyway; try again next beat
            logger.warning("worker heartbeat failed: %s", error)

    def _beat_forever(self, name, started_at, stop):
        while not stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
            self._beat(name, started_at)
            connection.close()  # this thread's own connection, never held between beats
