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

from operations import workers

logger = logging.getLogger("operations.worker")


class Command(BaseCommand):
    help = "Jalankan pekerja latar belakang (impor, ekspor) sesuai TASKS_BACKEND, dengan detak untuk /readyz."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Kerjakan antrean yang ada lalu berhenti")
        parser.add_argument("--interval", type=float, default=1.0, help="Jeda antar-pemeriksaan antrean basis data (detik)")

    def handle(self, *args, burst, interval, **options):
        name = f"{socket.gethostname()}:{os.getpid()}"
        started_at = timezone.now()
        stop = threading.Event()
        self._beat(name, started_at)
        beater = threading.Thread(target=self._beat_forever, args=(name, started_at, stop), daemon=True, name="heartbeat")
        beater.start()
        logger.info("worker %s started on %s", name, workers.backend_path())
        try:
            self._run_backend(burst=burst, interval=interval, name=name)
        finally:
            stop.set()
            beater.join(timeout=5)
            try:
                workers.heartbeat_forget(name=name)
            except DatabaseError:
                pass
            logger.info("worker %s stopped", name)

    def _run_backend(self, *, burst, interval, name):
        backend = workers.backend_path()
        if backend == workers.RQ_BACKEND:
            # Each job runs in a forked work horse: the memory of a 100,000-row import is given back after it.
            call_command("rqworker", *settings.TASKS["default"].get("QUEUES", ["default"]),
                         job_class="django_tasks_rq.Job", name=name.replace(":", "-"), burst=burst)
        elif backend == workers.DB_BACKEND:
            call_command("db_worker", interval=interval, batch=burst, worker_id=name[:64], reload=False)
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
