"""What one checked row does: create, update, nothing, or held back (refused, conflict, a question for the user).

Messages never reveal what the user cannot see: a row whose region lies outside the user's region gets one
message naming the regions (by name) whether or not a record exists there, and a natural key (NIB, code)
taken by a record the user cannot change gets one neutral sentence, whether that record lies elsewhere or
was deleted elsewhere.

The pre-filled workbook carries each record's version. When the record changed since the download, the row
is merged three ways against the version the user downloaded (read from the record's history): fields only
the user changed are applied, fields only someone else changed are left as they are now (never reverted),
and a field both changed differently is a conflict the user resolves in the preview.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.scope import region_in_scope, scope_code

from .kinds.base import AMBIGUOUS, chunks
from .models import RowAction
from .values import CellError

MINE, THEIRS = "mine", "theirs"


def out_of_scope_message(kind, user, region):
    scope = scope_code(user)
    where = kind.regions.describe(region) if kind.regions is not None and region else str(region or "?")
    mine = kind.regions.describe(scope) if kind.regions is not None and scope else _("wilayah Anda")
    return _("Wilayah baris ini (%(region)s) di luar wilayah Anda (%(scope)s); baris ini tidak diimpor. Anda hanya dapat "
             "mengimpor data wilayah Anda sendiri.") % {"region": where, "scope": mine}


def _row_region_outside(kind, row, user):
    """The region the row itself names, if it lies outside the user's region (the row's own cells decide)."""
    for name in kind.region_fields:
        region = row.data.get(name)
        if region and not region_in_scope(user, region):
            return region
    return None


def load_snapshots(kind, pairs):
    """{(id, version): historical record} of the versions the rows were downloaded at."""
    history = getattr(kind.model, "history", None)
    if history is None or not pairs:
        return {}
    found = {}
    for chunk in chunks(sorted(pairs), 500):
        condition = Q()
        for pk, version in chunk:
            condition |= Q(id=pk, version=version)
        for record in history.filter(condition).order_by("history_date"):
            found[(record.id, record.version)] = record  # the last state saved at that version
    return found


class Decider:
    def __init__(self, kind, user, options):
        self.kind = kind
        self.user = user
        options = options or {}
        self.row_choices = options.get("rows", {})
        self.all_conflicts = options.get("all_conflicts")
        self.snapshots = {}

    def choice(self, row):
        return self.row_choices.get(str(row.number))

    def decide(self, row, existing, record=None):
        """(action, reasons); sets row.changes and row.instance. `record`: the record named by the ID column."""
        kind, user = self.kind, self.user
        row.point = None
        if existing is AMBIGUOUS:
            return RowAction.REFUSED, [_("Lebih dari satu data di registri cocok dengan baris ini; tidak dapat dipilih otomatis. "
                                         "Isi kolom kuncinya (mis. NIB) agar barisnya jelas.")]
        target = existing
        if row.record_id is not None:
            if record is None or not region_in_scope(user, kind.region_of(record)):
                return RowAction.REFUSED, [_("Data dengan ID %(id)s tidak ditemukan di wilayah Anda; kosongkan kolom ID untuk "
                                             "menambah data baru.") % {"id": row.record_id}]
            if existing is not None and existing.pk != record.pk:
                if region_in_scope(user, kind.region_of(existing)) and not getattr(existing, "deleted_at", None):
                    return RowAction.REFUSED, [_("%(key)s ini sudah dipakai data lain di wilayah Anda (%(other)s); periksa kembali.")
                                               % {"key": kind.key_label_name or _("Kunci data"), "other": existing}]
                return RowAction.REFUSED, [kind.taken_message(row)]
            target = record
        if target is None:
            return self._create(row)
        outside = _row_region_outside(kind, row, user)
        if outside:
            return RowAction.REFUSED, [out_of_scope_message(kind, user, outside)]
        if not region_in_scope(user, kind.region_of(target)):
            return RowAction.REFUSED, [kind.taken_message(row)]
        if getattr(target, "deleted_at", None):
            return RowAction.REFUSED, [_("Data ini ada di daftar data terhapus wilayah Anda; pulihkan dulu (menu daftar > Terhapus) "
                                         "sebelum mengimpor.")]
        return self._update(row, target)

    def _create(self, row):
        kind = self.kind
        reason = kind.missing_existing(row)
        if reason:
            return RowAction.REFUSED, [reason]
        missing = kind.missing_required(row)
        if missing:
            return RowAction.REFUSED, [_("Kolom wajib untuk data baru masih kosong: %(names)s") % {"names": ", ".join(missing)}]
        try:
            kind.finish(row, None, None)
        except CellError as error:
            return RowAction.REFUSED, [str(error)]
        if kind.point_fields:
            point = tuple(row.data.get(name) for name in kind.point_fields)
            row.point = point if point != (None, None) else None
        if kind.lazy_create:
            # Nothing to check beyond the region: no instance now (100,000 of them cost a second); write_plan
            # builds one only when the rows are written through instances rather than from the stored preview.
            row.instance = None
            return self._region_checked(kind.region_of_data(row.data), RowAction.CREATE)
        instance = kind.new_instance(row.data)
        return self._checked(row, instance, RowAction.CREATE)

    def _update(self, row, current):
        kind = self.kind
        try:
            kind.finish(row, current, current)
        except CellError as error:
            return RowAction.REFUSED, [str(error)]
        stored_extra = kind.current_extra(current)
        changed = {name: value for name, value in row.data.items() if getattr(current, name) != value}
        changed_extra = {name: value for name, value in row.extra.items() if stored_extra.get(name) != value}
        if not changed and not changed_extra:
            return RowAction.UNCHANGED, []
        if row.version is not None and row.version != current.version:
            held = self._merge(row, current, changed, changed_extra, stored_extra)
            if held:
                return held
            changed = {name: row.data[name] for name in row.data if name in changed}
            changed_extra = {name: row.extra[name] for name in row.extra if name in changed_extra}
            if not changed and not changed_extra:
                return RowAction.UNCHANGED, []
        row.changes = [
            [kind.describe(name), kind.show_value(name, getattr(current, name)), kind.show_value(name, value)]
            for name, value in changed.items()
        ] + [
            [kind.describe(name), kind.show_value(name, stored_extra.get(name)), kind.show_value(name, value)]
            for name, value in changed_extra.items()
        ]
        for name, value in row.data.items():
            setattr(current, name, value)
        if any(name in changed for name in kind.point_fields):
            # The point as it will be stored: a row giving only the latitude keeps the stored longitude.
            row.point = tuple(getattr(current, name) for name in kind.point_fields)
        return self._checked(row, current, RowAction.UPDATE)

    def _merge(self, row, current, changed, changed_extra, stored_extra):
        """Three-way merge of a row downloaded at row.version; trims row.data/extra to what may be written.
        Returns (CONFLICT, reasons) when a field was changed both in the file and in the registry."""
        kind = self.kind
        snapshot = self.snapshots.get((current.pk, row.version))
        conflicts = []
        keep = {}
        for name, value in changed.items():
            if snapshot is None:
                conflicts.append((name, None))
                continue
            original = getattr(snapshot, name, None)
            if value == original:
                continue  # not the user's change: someone else changed it since; leave their value
            if getattr(current, name) != original:
                conflicts.append((name, original))  # both changed it, differently
                continue
            keep[name] = value
        for name, value in changed_extra.items():
            if name in getattr(kind, "additive_extras", ()):
                continue
            conflicts.append((name, None))
        choice = self.choice(row) or self.all_conflicts
        if conflicts and choice == MINE:
            for name, _original in conflicts:
                if name in changed:
                    keep[name] = changed[name]
            conflicts = []
        elif conflicts and choice == THEIRS:
            for name, _original in conflicts:
                row.extra.pop(name, None)
            conflicts = []
        if conflicts:
            row.changes = [
                [kind.describe(name), kind.show_value(name, getattr(current, name) if name in changed else stored_extra.get(name)),
                 kind.show_value(name, changed.get(name, changed_extra.get(name)))]
                for name, _original in conflicts
            ]
            row.payload_extra["conflicts"] = [
                [kind.describe(name), kind.show_value(name, original) if snapshot is not None else "",
                 *change[1:]] for (name, original), change in zip(conflicts, row.changes)
            ]
            fields = ", ".join(kind.describe(name) for name, _original in conflicts)
            return RowAction.CONFLICT, [
                _("Data ini diubah di registri setelah workbook diunduh (versi di berkas %(file)s, versi sekarang %(now)s) dan "
                  "%(fields)s diubah berbeda oleh Anda dan oleh orang lain. Pilih nilai yang dipakai: nilai berkas atau nilai registri.")
                % {"file": row.version, "now": current.version, "fields": fields}
            ]
        # Only the user's own changes are written; everything else keeps the registry's current value.
        row.data = {name: value for name, value in row.data.items() if name in keep}
        for name in list(row.extra):
            if name not in changed_extra:
                row.extra.pop(name)
        if keep or row.extra:
            row.warnings.append(_("Data ini diubah orang lain setelah workbook diunduh; hanya kolom yang Anda ubah yang disimpan, "
                                  "perubahan orang lain tetap."))
        return None

    def _checked(self, row, instance, action):
        kind, user = self.kind, self.user
        kind.attach_relations(instance)
        row.instance = instance
        held = self._region_checked(kind.region_of(instance), action)
        if held[0] != action:
            return held
        reasons = kind.check(instance, row)
        if reasons:
            return RowAction.REFUSED, reasons
        return action, []

    def _region_checked(self, region, action):
        if not region:
            return RowAction.REFUSED, [_("Wilayah baris ini kosong; isi Desa/Kelurahan (dengan Kecamatan bila perlu) atau Kode Wilayah.")]
        if not region_in_scope(self.user, region):
            return RowAction.REFUSED, [out_of_scope_message(self.kind, self.user, region)]
        return action, []
