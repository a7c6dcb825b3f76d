import hmac
import ipaddress
import os

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from .health import readiness
from .metrics import JOBS_REGISTRY


@never_cache
def readyz(request):
    """200 when this node can serve and its jobs get done, 503 otherwise; the body says which part failed."""
    ready, checks = readiness()
    return JsonResponse({"status": "ok" if ready else "error", "checks": checks}, status=200 if ready else 503)


def metrics_allowed(request):
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip().encode(), token.encode()):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(item, strict=False) for item in settings.METRICS_ALLOWED_IPS)


@never_cache
def metrics(request):
    """Prometheus text format: django-prometheus's request metrics, task metrics, queue and job gauges."""
    if not metrics_allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # several gunicorn/worker processes: add up their files
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry) + generate_latest(JOBS_REGISTRY), content_type=CONTENT_TYPE_LATEST)
