from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "Operasi"

    def ready(self):
        from . import tasklog  # noqa: F401  (task signals: job metrics and the job id on worker log lines)
