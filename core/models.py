"""Abstract bases shared by the registry's records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackedModel(models.Model):
    """Creation/update stamps and a version counter.

    `version` is bumped by every service write; the UI and the API compare it to refuse lost updates.
    """

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True, db_index=True)
    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)

    class Meta:
        abstract = True


class LiveManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeletableModel(models.Model):
    """A record that is hidden, not erased, when deleted, so the delete can be undone and synced."""

    deleted_at = models.DateTimeField(_("dihapus"), null=True, blank=True, editable=False, db_index=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self):
        return self.deleted_at is not None


class VerifiableModel(models.Model):
    """'Data masih valid': kept apart from the last edit so a record can be confirmed without changing it."""

    last_verified_at = models.DateTimeField(_("terakhir diverifikasi"), null=True, blank=True, editable=False)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Tombstone(models.Model):
    """A hard-deleted record (or one moved out of a region), kept so partner systems syncing with
    `updated_since` learn of the deletion.

    Soft-deleted records (sentra, IKM units) need none: they stay readable with `deleted_at` set.
    `region` is not a real foreign key: the row must outlive anything it points at.
    """

    REGION_PATH = "region"

    model = models.CharField(_("model"), max_length=60)
    object_id = models.CharField(_("ID"), max_length=64)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="+",
    )
    deleted_at = models.DateTimeField(_("dihapus"), db_index=True)
    # Set when the record was not deleted but moved to this region (written by the change feed's trigger,
    # changes/triggers.py): for clients of the old region it is gone, for those who see `moved_to` it is not.
    moved_to = models.CharField(_("pindah ke wilayah"), max_length=13, null=True, blank=True)

    class Meta:
        verbose_name = _("catatan penghapusan")
        verbose_name_plural = _("catatan penghapusan")
        ordering = ["deleted_at", "id"]
        indexes = [models.Index(fields=["model", "deleted_at"], name="tombstone_model_time_idx")]

    def __str__(self):
        return f"{self.model}#{self.object_id} {self.deleted_at:%Y-%m-%d %H:%M}"
