from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last sign of life of one background worker process (`manage.py run_worker`), read by /readyz.

    In the database rather than the cache so the web nodes see it whichever task backend and cache run.
    """

    name = models.CharField(_("pekerja"), max_length=200, unique=True)  # host:pid
    backend = models.CharField(_("antrean"), max_length=100)
    started_at = models.DateTimeField(_("mulai"))
    last_seen = models.DateTimeField(_("terakhir aktif"), db_index=True)

    class Meta:
        verbose_name = _("detak pekerja latar belakang")
        verbose_name_plural = _("detak pekerja latar belakang")

    def __str__(self):
        return self.name
