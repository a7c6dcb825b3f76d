"""Turn a stored sheet into per-row decisions (the preview) and, on commit, into bulk writes.

The preview stores each checked row (values, natural key, id and version of the record to update). For most
kinds the commit writes from those rows (`plan_from_preview`): it only locks the records and checks that none
moved since the preview; if one did, or for kinds that write links after the rows, `build_plan` re-reads the
file inside the transaction with the records locked and refuses if the outcome differs from the preview.
Cost: one pass over the file, reference tables and regions loaded once, existing records fetched with one
array parameter per 20,000 keys, no query per row. On PostgreSQL the preview rows are stored with COPY and
the commit inserts new records straight from them in SQL (core.bulk.insert_from_json); updates and other
databases go through model instances and `records_bulk_upsert`.
"""

from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db.models.fields.json import KeyTransform
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import region_in_scope, scope_code
from core.bulk import json_insert_supported
from core.lookups import ANY_OF_CHUNK
from core.services import records_bulk_create_from_json, records_bulk_upsert

from .files import FileRefused, inspect, read_rows
from .kinds import KINDS
from .kinds.base import AMBIGUOUS, UPDATED_HEADER, VERSION_HEADER, Row, chunks
from .models import RowAction
from .resolvers import RegionResolver
from .values import CellError, integer, normalize

PROGRESS_EVERY = 2000


@dataclass
class Plan:
    rows: list
    notes: list = field(default_factory=list)
    create_source: object = None  # a queryset of stored rows to create in SQL, see plan_from_preview

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    def signature(self):
        """What the user approved: each row's outcome and the exact changes shown in the preview."""
        return sorted((row.number, row.action, row.changes) for row in self.rows if row.action != RowAction.UNCHANGED)


def make_kind(job, regions=None):
    return KINDS[job.kind](user=job.user, scope=scope_code(job.user) or "", regions=regions or RegionResolver())


def _map_headers(kind, header_cells):
    by_name = {}
    for column in kind.columns:
        for name in (column.header, *column.aliases):
            by_name[normalize(name)] = column
    mapping, unknown, seen = [], [], set()
    version_index = None
    for index, cell in enumerate(header_cells):
        if cell is None:
            continue
        name = normalize(cell)
        if name == normalize(VERSION_HEADER):
            version_index = index
            continue
        if name == normalize(UPDATED_HEADER):
            continue
        column = by_name.get(name)
        if column is None:
            unknown.append(str(cell))
            continue
        if column.header in seen:
            raise FileRefused(_("Kolom '%(header)s' muncul lebih dari sekali di baris judul.") % {"header": column.header})
        seen.add(column.header)
        mapping.append((index, column))
    if not mapping:
        raise FileRefused(
            _("Baris judul tidak dikenali untuk %(kind)s. Unduh templat dan gunakan judul kolomnya.") % {"kind": kind.label}
        )
    return mapping, version_index, unknown


def _parse_rows(kind, numbered_rows, progress):
    try:
        _number, header_cells = next(numbered_rows)
    except StopIteration:
        raise FileRefused(_("Berkas tidak berisi data.")) from None
    mapping, version_index, unknown = _map_headers(kind, header_cells)
    parse_version = integer(1)
    parsers = [(index, column.header, column.parse) for index, column in mapping]
    rows = []
    for number, cells in numbered_rows:
        width = len(cells)
        row = Row(number=number, cells={})
        parsed = row.cells
        for index, header, parse in parsers:
            raw = cells[index] if index < width else None
            if raw is None:  # every parser keeps an empty cell empty: skip the call (millions per large file)
                parsed[header] = None
                continue
            try:
                parsed[header] = parse(raw)
            except CellError as error:
                parsed[header] = None
                row.errors.append(f"{header}: {error}")
        if version_index is not None and version_index < width:
            try:
                row.version = parse_version(cells[version_index])
            except CellError as error:
                row.errors.append(f"{VERSION_HEADER}: {error}")
        rows.append(row)
        if progress and len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows), 0, _("Membaca berkas"))
    notes = [_("Kolom tidak dikenal diabaikan: %(names)s") % {"names": ", ".join(unknown)}] if unknown else []
    return rows, notes


def read_plan_rows(job, kind, progress=None):
    with default_storage.open(job.file.name, "rb") as handle:
        file_kind = inspect(handle, job.original_name, default_storage.size(job.file.name))
        return _parse_rows(kind, read_rows(handle, file_kind), progress)


def _decide(kind, row, existing, user):
    """Set row.action, row.reasons, row.changes and row.instance for a row whose cells resolved."""
    if existing is AMBIGUOUS:
        return RowAction.REFUSED, [_("Lebih dari satu data di registri cocok dengan baris ini; tidak dapat dipilih otomatis.")]
    if existing is None:
        reason = kind.missing_existing(row)
        if reason:
            return RowAction.REFUSED, [reason]
        missing = kind.missing_required(row)
        if missing:
            return RowAction.REFUSED, [_("Kolom wajib untuk data baru masih kosong: %(names)s") % {"names": ", ".join(missing)}]
        instance = kind.new_instance(row.data)
        action = RowAction.CREATE
    else:
        if getattr(existing, "deleted_at", None):
            return RowAction.REFUSED, [_("Data ini sudah dihapus di registri; pulihkan dulu sebelum mengimpor.")]
        old_region = kind.region_of(existing)
        if not region_in_scope(user, old_region):
            return RowAction.REFUSED, [_("Data ini milik wilayah %(code)s, di luar cakupan wilayah Anda.") % {"code": old_region}]
        stored_extra = kind.current_extra(existing)
        row.changes = [
            [kind.describe(name), kind.show_value(name, getattr(existing, name)), kind.show_value(name, value)]
            for name, value in row.data.items() if getattr(existing, name) != value
        ] + [
            [kind.describe(name), kind.show_value(name, stored_extra.get(name)), kind.show_value(name, value)]
            for name, value in row.extra.items() if stored_extra.get(name) != value
        ]
        if not row.changes:
            return RowAction.UNCHANGED, []
        if row.version is not None and row.version != existing.version:
            return RowAction.CONFLICT, [
                _("Data ini diubah di registri setelah workbook diunduh (versi di berkas %(file)s, versi sekarang %(now)s); "
                  "unduh workbook isian yang baru lalu ulangi perubahan Anda.") % {"file": row.version, "now": existing.version}
            ]
        for name, value in row.data.items():
            setattr(existing, name, value)
        instance = existing
        action = RowAction.UPDATE
    kind.attach_relations(instance)
    row.instance = instance
    region = kind.region_of(instance)
    if not region_in_scope(user, region):
        return RowAction.REFUSED, [_("Wilayah %(code)s di luar cakupan wilayah Anda.") % {"code": region}]
    reasons = kind.check(instance, row)
    if reasons:
        return RowAction.REFUSED, reasons
    return action, []


def build_plan(job, *, lock=False, progress=None, regions=None):
    kind = make_kind(job, regions)
    rows, notes = read_plan_rows(job, kind, progress)
    kind.prepare(rows)
    for row in rows:
        row.key_label = next((str(row.cells[c.header]) for c in kind.columns[:2] if row.cells.get(c.header) is not None), "")
        try:  # even after a bad cell: the user sees every problem of the row at once
            kind.resolve(row)
        except CellError as error:
            row.errors.append(str(error))
    first_row = {}
    for row in rows:
        if row.key is not None and not row.errors:
            first_row.setdefault(row.key, row.number)
    existing = kind.load_existing(list(first_row), lock=lock)
    for position, row in enumerate(rows, start=1):
        row.action, row.reasons, row.changes, row.instance = RowAction.REFUSED, [], [], None
        if row.errors:
            row.reasons = row.errors
        elif row.key is None:
            row.reasons = [_("Kunci data tidak lengkap. %(help)s") % {"help": kind.key_help}]
        elif first_row[row.key] != row.number:
            row.reasons = [_("Duplikat: data yang sama sudah ada di baris %(row)s berkas ini.") % {"row": first_row[row.key]}]
        else:
            row.action, row.reasons = _decide(kind, row, existing.get(row.key), job.user)
        if progress and position % PROGRESS_EVERY == 0:
            progress(position, len(rows), _("Memeriksa baris"))
    plan = Plan(rows=rows, notes=notes)
    plan.kind = kind
    return plan


def write_plan(plan, user):
    """Write the plan's creates and updates in bulk, each with its history record; call inside a transaction."""
    kind = plan.kind
    creates = [row for row in plan.rows if row.action == RowAction.CREATE]
    updates = [row for row in plan.rows if row.action == RowAction.UPDATE]
    update_fields = sorted({name for row in updates for name in row.data})
    now = timezone.now()
    for row in updates:
        row.instance.updated_at = now  # bulk_update skips auto_now
    records_bulk_upsert(
        user=user, model=kind.model, creates=[row.instance for row in creates], updates=[row.instance for row in updates],
        update_fields=update_fields,
    )
    created = len(creates)
    if plan.create_source is not None:  # rows to create straight from the stored preview (plan_from_preview)
        created += records_bulk_create_from_json(user=user, model=kind.model, rows=plan.create_source)
    kind.after_write([(row, row.instance, True) for row in creates] + [(row, row.instance, False) for row in updates])
    return created, len(updates)


def commits_from_preview(kind_class):
    """Kinds whose checked rows can be written straight from the stored preview: no links written after the
    rows, no related objects to attach, region read from the record itself (no query per row)."""
    from .kinds.base import ImportKind

    return (
        kind_class.after_write is ImportKind.after_write
        and kind_class.attach_relations is ImportKind.attach_relations
        and "__" not in getattr(kind_class.model, "REGION_PATH", "__")
    )


def row_payload(row):
    """What `plan_from_preview` needs to write this row again without reading the file."""
    payload = {"data": row.data, "key": list(row.key) if row.key is not None else None}
    if row.action == RowAction.UPDATE:
        payload.update(pk=row.instance.pk, version=row.instance.version)
    return payload


# Field types whose values come back from the stored JSON already as the Python value the field holds.
JSON_NATIVE_TYPES = {
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "IntegerField", "SmallIntegerField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "CharField", "TextField",
    "SlugField", "EmailField", "URLField", "BooleanField",
}


def _from_json(model):
    """A function turning a stored row's `data` (JSON values) back into field values: to_python only where
    JSON cannot carry the type itself (decimals, dates), once per field rather than once per cell."""
    converters = {}

    def converter(name):
        field = model._meta.get_field(name)
        kind = (field.target_field if field.is_relation else field).get_internal_type()
        return None if kind in JSON_NATIVE_TYPES else field.to_python

    def typed(data):
        values = {}
        for name, value in data.items():
            try:
                convert = converters[name]
            except KeyError:
                convert = converters[name] = converter(name)
            values[name] = convert(value) if convert is not None and value is not None else value
        return values

    return typed


class PreviewMoved(Exception):
    """A record the preview decided about changed (or a new record took a key) before the commit."""


def plan_from_preview(job, stored):
    """Rebuild the plan from the stored, already checked rows; lock what it touches and refuse if anything moved.

    `stored` is the job's ImportRow queryset of create and update rows. Raises PreviewMoved when an updated
    record's version is no longer the one previewed (or it was deleted) or when a record now exists for the
    natural key of a row to create; the caller then falls back to the full re-check. On PostgreSQL the rows
    to create stay in the database: `write_plan` inserts them straight from the stored JSON.
    """
    # No region resolver: nothing is resolved again, the natural keys are already in the payload.
    kind = KINDS[job.kind](user=job.user, scope=scope_code(job.user) or "", regions=None)
    model = kind.model
    typed = _from_json(model)
    creates_in_sql = json_insert_supported(model)
    stored = stored.order_by("row_number")
    to_create = stored.filter(action=RowAction.CREATE)

    creates, updates = [], []
    rows = stored.filter(action=RowAction.UPDATE) if creates_in_sql else stored
    for number, action, payload in rows.values_list("row_number", "action", "payload").iterator(chunk_size=5000):
        row = Row(number=number, cells={}, data=typed(payload["data"]), key=tuple(payload["key"]) if payload.get("key") else None)
        row.action = action
        row.payload = payload
        (creates if action == RowAction.CREATE else updates).append(row)
    manager = getattr(model, "all_objects", model._default_manager)
    current = {}
    for chunk in chunks([row.payload["pk"] for row in updates], ANY_OF_CHUNK):
        current.update((record.pk, record) for record in manager.select_for_update().filter(pk__any_of=chunk))
    for row in updates:
        record = current.get(row.payload["pk"])
        if record is None or record.version != row.payload["version"] or getattr(record, "deleted_at", None):
            raise PreviewMoved
        for name, value in row.data.items():
            setattr(record, name, value)
        row.instance = record
    if creates_in_sql:
        # Every row the user approved must be there with its checked values (a job previewed before values
        # were stored has none): otherwise the full re-check decides.
        if to_create.filter(payload__has_key="data").count() != job.created_count:
            raise PreviewMoved
        keys = [tuple(key) for key in to_create.values_list("payload__key", flat=True).iterator(chunk_size=20_000) if key]
    else:
        keys = [row.key for row in creates if row.key is not None]
    if kind.load_existing(keys, lock=True):
        raise PreviewMoved
    for row in creates:
        row.instance = kind.new_instance(row.data)
    plan = Plan(rows=creates + updates)
    plan.kind = kind
    if creates_in_sql:
        plan.create_source = to_create.values_list(KeyTransform("data", "payload"))
    return plan
