"""The change feed: one row per write to a registry record, written by database triggers (changes/triggers.py).

Triggers, not services, write these rows, so nothing that reaches the table escapes the feed: the services'
saves, bulk_create, queryset.update(), COPY and the import's INSERT ... SELECT alike, in the same transaction
as the write (a rolled-back write leaves no row).

The feed's order is (txid, id), not time: `txid` is the writing transaction's id (PostgreSQL
`pg_current_xact_id()`), `id` a sequence. Readers only take rows whose transaction is older than the oldest
one still running (changes/selectors.py), so a long transaction that commits late can never be skipped.
On SQLite, writers are serialised (one write transaction at a time, ids in commit order): txid is 0.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Operation(models.TextChoices):
    INSERT = "I", _("dibuat")
    UPDATE = "U", _("diubah")
    DELETE = "D", _("dihapus")


class Change(models.Model):
    """A record of `resource` (its API name) was written; regions before and after say whose scope it touched.

    Regions are codes, not foreign keys: the row must outlive what it points at. `old_region` is empty for
    a creation, `new_region` for a deletion; a write to a child (a room) or a parent's move (its sentra went
    to another desa) carries the region the child's scope is decided by.
    """

    id = models.BigAutoField(primary_key=True)
    txid = models.BigIntegerField(_("transaksi"))
    resource = models.CharField(_("sumber daya"), max_length=32)
    object_id = models.BigIntegerField(_("ID data"))
    operation = models.CharField(_("operasi"), max_length=1, choices=Operation.choices)
    old_region = models.CharField(_("wilayah sebelum"), max_length=13, null=True, blank=True)
    new_region = models.CharField(_("wilayah sesudah"), max_length=13, null=True, blank=True)
    version = models.PositiveIntegerField(_("versi"), null=True, blank=True)
    changed_at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("perubahan")
        verbose_name_plural = _("perubahan")
        # The feed is read in (txid, id) order from a position: one index range scan per page.
        indexes = [models.Index(fields=["txid", "id"], name="change_position_idx")]

    def __str__(self):
        return f"{self.resource}#{self.object_id} {self.operation} @ {self.txid}.{self.id}"


class FeedStart(models.Model):
    """One row: the feed's oldest position still kept (manage.py prune_changes removes older rows). A client
    asking from an earlier position would miss what was removed: it is told to load again (410)."""

    txid = models.BigIntegerField(default=0)
    change = models.BigIntegerField(default=0)
    pruned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("awal umpan perubahan")
        verbose_name_plural = _("awal umpan perubahan")
