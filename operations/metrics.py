"""Prometheus metrics beyond django-prometheus's request metrics: background jobs and the queue.

Task durations and failures are observed in the process that runs the task (tasklog.py): the worker serves
them on its own port (`run_worker --metrics-port`). Queue depth, worker heartbeats and import/export jobs by
status are read from the database and the queue when the app's /metrics is scraped, so every node agrees.
"""

from django.db.models import Count
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily

TASK_DURATION = Histogram(
    "sentra_task_duration_seconds", "Run time of background tasks (imports, exports)", ["task", "status"],
    buckets=(0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600),
)
TASK_FAILURES = Counter("sentra_task_failures", "Background tasks that ended in an error", ["task"])


class JobsCollector:
    """Scrape-time gauges: queue depth, live workers, age of the last heartbeat, import/export jobs by status."""

    def collect(self):
        from imports.models import ImportJob
        from reports.models import ExportJob

        from . import workers

        depth = GaugeMetricFamily("sentra_queue_depth", "Background tasks waiting to start", labels=["backend"])
        depth.add_metric([workers.backend_path()], workers.queue_depth())
        yield depth
        yield GaugeMetricFamily("sentra_workers_alive", "Workers with a recent heartbeat", value=workers.live_workers().count())
        last = workers.last_heartbeat()
        age = GaugeMetricFamily("sentra_worker_heartbeat_age_seconds", "Seconds since the last worker heartbeat (-1: never)")
        age.add_metric([], (timezone.now() - last).total_seconds() if last else -1)
        yield age
        for name, model in (("import", ImportJob), ("export", ExportJob)):
            family = GaugeMetricFamily(f"sentra_{name}_jobs", f"{name.capitalize()} jobs kept, by status", labels=["status"])
            for row in model.objects.order_by().values("status").annotate(n=Count("pk")):
                family.add_metric([row["status"]], row["n"])
            yield family


JOBS_REGISTRY = CollectorRegistry(auto_describe=False)
JOBS_REGISTRY.register(JobsCollector())
