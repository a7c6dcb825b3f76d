"""Turn a stored file into per-row decisions (the preview) and, on commit, into bulk writes.

The check reads the sheet the job names with its layout and mapping (setup.py, reading.py), resolves names
and keys (the kind), then decides each row (decide.py). The preview stores each checked row (values,
natural key, id and version of the record to update). For most kinds the commit writes from those rows
(`plan_from_preview`): it only locks the records and checks that none moved since the preview; if one did,
or for kinds that write links after the rows, `build_plan` re-reads the file inside the transaction with the
records locked and refuses if the outcome differs from the preview.
Cost: one pass over the file, reference tables and regions loaded once, existing records fetched with one
array parameter per 20,000 keys, no query per row. On PostgreSQL the preview rows are stored with COPY and
the commit inserts new records straight from them in SQL (core.bulk.insert_from_json); updates and other
databases go through model instances and `records_bulk_upsert`.
"""

from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTransform
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_code
from core.bulk import json_insert_supported
from core.lookups import ANY_OF_CHUNK
from core.services import records_bulk_create_from_json, records_bulk_upsert

from .coordinates import check_points
from .decide import Decider, load_snapshots
from .files import FileRefused, open_book
from .kinds import KINDS
from .kinds.base import Row, chunks
from .models import RowAction
from .reading import column_labels, read_rows
from .resolvers import RegionResolver, UnknownValue
from .values import CellError

PROGRESS_EVERY = 2000
# Rows created per INSERT ... SELECT at commit: progress is reported between these.
CREATE_CHUNK = 25_000


@dataclass
class Plan:
    rows: list
    notes: list = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    create_source: object = None  # a queryset of stored rows to create in SQL, see plan_from_preview
    create_numbers: list = field(default_factory=list)  # their row numbers, to write them in chunks
    create_total: int = 0
    link_source: object = None  # stored rows to create whose links are written after them

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    def signature(self):
        """What the user approved: each row's outcome and the exact changes shown in the preview."""
        return sorted((row.number, row.action, row.changes) for row in self.rows if row.action != RowAction.UNCHANGED)


def make_kind(job, regions=None):
    return KINDS[job.kind](user=job.user, scope=scope_code(job.user) or "", regions=regions or RegionResolver(), options=job.options)


def read_plan_rows(job, kind, progress=None, book=None):
    """The job's file read with its sheet, layout, mapping and options: a reading.ReadResult.
    `book`: the already opened file (the check opens it once for the analysis and the rows)."""
    if book is None:
        with default_storage.open(job.file.name, "rb") as handle:
            book = open_book(handle, job.original_name, default_storage.size(job.file.name))
            try:
                return read_plan_rows(job, kind, progress, book)
            finally:
                book.close()
    if book.info(job.sheet_name) is None:
        raise FileRefused(_("Lembar '%(name)s' tidak ada lagi di berkas.") % {"name": job.sheet_name})
    sheet = book.sheet(job.sheet_name)
    result = read_rows(kind, sheet, job.layout, job.mapping, job.options, progress)
    result.notes = [*book.notes, *sheet.notes, *result.notes]
    return result


def _labelled(error, labels):
    message = str(error)
    column = getattr(error, "column", None)
    if column and column in labels:
        return _("Kolom %(column)s: %(message)s") % {"column": labels[column], "message": message}
    return message


def _resolve(kind, rows, labels, unknown):
    first, second = (column.header for column in kind.columns[:2])
    for row in rows:
        cells = row.cells
        label = cells.get(first)
        if label is None:
            label = cells.get(second)
        row.key_label = "" if label is None else str(label)
        try:  # even after a bad cell: the user sees every problem of the row at once
            kind.resolve(row)
        except UnknownValue as error:
            row.errors.append(_labelled(error, labels))
            entry = unknown.setdefault(error.column or "", {})
            item = entry.setdefault(error.raw, {"raw": error.raw, "count": 0, "suggestions": [[name, pk] for name, pk in error.suggestions]})
            item["count"] += 1
        except CellError as error:
            row.errors.append(_labelled(error, labels))


def _keys(row):
    keys = []
    if row.record_id is not None:
        keys.append(("record", row.record_id))
    if row.key is not None:
        keys.append(row.key)
    return keys


def build_plan(job, *, lock=False, progress=None, regions=None, book=None):
    kind = make_kind(job, regions)
    result = read_plan_rows(job, kind, progress, book) if book is not None else read_plan_rows(job, kind, progress)
    rows = result.rows
    active = [row for row in rows if not row.skip]
    labels = column_labels(job.mapping)
    kind.prepare(active)
    unknown = {}
    _resolve(kind, active, labels, unknown)
    first_row = {}
    for row in active:
        if not row.errors:
            for key in _keys(row):
                first_row.setdefault(key, row.number)
    existing = kind.load_existing([key for key in first_row if key[0] != "record"], lock=lock)
    by_id = kind.load_ids([key[1] for key in first_row if key[0] == "record"], lock=lock) if kind.record_id else {}
    kind.after_load([*existing.values(), *by_id.values()])
    decider = Decider(kind, job.user, job.options)
    stale = set()
    for row in active:
        if row.version is not None and not row.errors:
            record = by_id.get(row.record_id) if row.record_id is not None else existing.get(row.key)
            if record is not None and hasattr(record, "version") and record.version != row.version:
                stale.add((record.pk, row.version))
    decider.snapshots = load_snapshots(kind, stale)
    total = len(rows)
    for position, row in enumerate(rows, start=1):
        row.action, row.reasons, row.changes, row.instance = RowAction.REFUSED, [], [], None
        if row.skip:
            row.action = RowAction.SKIPPED
            row.reasons = [_("Baris jumlah (JUMLAH/TOTAL); dilewati.") if row.skip == "total" else
                           _("Baris ini disembunyikan di berkas (mungkin usaha yang sudah tutup); dilewati kecuali Anda menyertakan baris tersembunyi.")]
            continue
        keys = _keys(row)
        if row.errors:
            row.reasons = row.errors + row.questions
        elif not keys:
            row.reasons = [_("Kunci data tidak lengkap. %(help)s") % {"help": kind.key_help}]
        elif any(first_row[key] != row.number for key in keys):
            earlier = min(first_row[key] for key in keys)
            row.reasons = [_("Duplikat: data yang sama sudah ada di baris %(row)s berkas ini.") % {"row": earlier}]
        elif row.questions:
            row.action, row.reasons = RowAction.REVIEW, row.questions
        else:
            record = by_id.get(row.record_id) if row.record_id is not None else None
            row.action, row.reasons = decider.decide(row, existing.get(row.key) if row.key is not None else None, record)
        if progress and position % PROGRESS_EVERY == 0:
            progress(position, total, _("Memeriksa baris"))
    _similar(kind, job, rows, decider, lock)
    check_points(kind, rows)
    for row in rows:
        if row.action in (RowAction.CREATE, RowAction.UPDATE):
            row.link = kind.link_payload(row)
    plan = Plan(rows=rows, notes=result.notes, summary={**result.summary, "unknown_values": {
        column: sorted(values.values(), key=lambda item: -item["count"])[:30] for column, values in unknown.items()
    }})
    plan.kind = kind
    return plan


def _similar(kind, job, rows, decider, lock):
    """New rows that may be a stored record written differently: held for the user's decision, or merged
    into that record when the user chose so (the bug this prevents: a NIB added in a workbook made a copy)."""
    creates = [row for row in rows if row.action == RowAction.CREATE and row.record_id is None]
    if not creates:
        return
    similar = kind.find_similar(creates)
    if not similar:
        return
    choices = job.options.get("rows", {})
    every = job.options.get("all_similar")
    wanted = {}
    for row in creates:
        if row.number not in similar:
            continue
        pk, name = similar[row.number]
        choice = choices.get(str(row.number)) or (f"update:{pk}" if every == "update" else every)
        label = _("'%(name)s' (tanpa NIB) di %(region)s") % {"name": name, "region": kind.show_value("desa_id", row.data.get("desa_id"))}
        row.payload_extra["candidate"] = {"pk": pk, "label": label}
        if choice == "create":
            row.warnings.append(_("Mungkin sama dengan %(unit)s; tetap dibuat sebagai data baru atas pilihan Anda.") % {"unit": label})
        elif choice == f"update:{pk}":
            wanted[row.number] = pk
        else:
            row.action = RowAction.REVIEW
            row.reasons = [_("Mungkin sama dengan %(unit)s yang sudah ada di registri. Pilih: perbarui data itu, atau buat data baru.")
                           % {"unit": label}]
    if not wanted:
        return
    records = kind.load_ids(sorted(set(wanted.values())), lock=lock)
    kind.after_load(list(records.values()))
    taken = set()
    for row in creates:
        pk = wanted.get(row.number)
        if pk is None:
            continue
        if pk in taken:
            row.action, row.reasons = RowAction.REFUSED, [_("Data yang sama sudah diperbarui oleh baris lain berkas ini.")]
            continue
        taken.add(pk)
        row.record_id = pk  # from here on the row updates that record, as if the file had named it
        row.action, row.reasons = decider.decide(row, None, records.get(pk))


def _link_items(rows):
    return [(row.instance.pk if row.instance is not None else None, row.key, row.link) for row in rows if row.link]


def write_plan(plan, user, progress=None):
    """Write the plan's creates and updates in bulk, each with its history record; call inside a transaction."""
    kind = plan.kind
    creates = [row for row in plan.rows if row.action == RowAction.CREATE]
    updates = [row for row in plan.rows if row.action == RowAction.UPDATE]
    for row in creates:
        if row.instance is None:  # checked without one (ImportKind.lazy_create)
            row.instance = kind.new_instance(row.data)
            kind.attach_relations(row.instance)
    update_fields = sorted({name for row in updates for name in row.data})
    now = timezone.now()
    for row in updates:
        row.instance.updated_at = now  # bulk_update skips auto_now
    total = len(creates) + len(updates) + (plan.create_total if plan.create_source is not None else 0)
    if progress:
        progress(0, total, _("Menyimpan perubahan"))
    records_bulk_upsert(
        user=user, model=kind.model, creates=[row.instance for row in creates], updates=[row.instance for row in updates],
        update_fields=update_fields,
    )
    created = len(creates)
    if progress:
        progress(created + len(updates), total, _("Menulis data baru"))
    if plan.create_source is not None:  # rows to create straight from the stored preview (plan_from_preview)
        created += _create_from_preview(plan, user, progress, done=created + len(updates), total=total)
    kind.after_write([(row, row.instance, True) for row in creates] + [(row, row.instance, False) for row in updates])
    items = _link_items(creates + updates)
    if plan.link_source is not None:
        items += [(None, tuple(payload["key"]) if payload.get("key") else None, payload["links"]) for (payload,) in plan.link_source]
    if items:
        if progress:
            progress(created + len(updates), created + len(updates), _("Menyimpan keanggotaan dan tautan"))
        kind.write_links(items)
    return created, len(updates)


def _create_from_preview(plan, user, progress, *, done, total):
    """INSERT ... SELECT from the stored preview rows, in chunks so the page can show progress."""
    source, numbers = plan.create_source, plan.create_numbers
    created = 0
    for start in range(0, len(numbers), CREATE_CHUNK):
        first, last = numbers[start], numbers[min(start + CREATE_CHUNK, len(numbers)) - 1]
        rows = source.filter(row_number__gte=first, row_number__lte=last).values_list(KeyTransform("data", "payload"))
        created += records_bulk_create_from_json(user=user, model=plan.kind.model, rows=rows)
        if progress:
            progress(done + created, total, _("Menulis data baru"))
    return created


def commits_from_preview(kind_class):
    """Kinds whose checked rows can be written straight from the stored preview: no links written after the
    rows through instances, no related objects to attach, region read from the record itself (no query per row)."""
    from .kinds.base import ImportKind

    return (
        kind_class.after_write is ImportKind.after_write
        and kind_class.attach_relations is ImportKind.attach_relations
        and "__" not in getattr(kind_class.model, "REGION_PATH", "__")
    )


def row_payload(row):
    """What `plan_from_preview` needs to write this row again without reading the file; for rows held back,
    what the page shows about them (a possible duplicate, the fields in conflict)."""
    if row.action not in (RowAction.CREATE, RowAction.UPDATE):
        return row.payload_extra
    payload = {"data": row.data, "key": list(row.key) if row.key is not None else None}
    if row.action == RowAction.UPDATE:
        payload.update(pk=row.instance.pk, version=row.instance.version)
    if row.link:
        payload["links"] = row.link
    if row.extra:
        payload["extra"] = row.extra  # shown in the preview (e.g. a new sentra's primary commodity)
    return payload


# Field types whose values come back from the stored JSON already as the Python value the field holds.
JSON_NATIVE_TYPES = {
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "IntegerField", "SmallIntegerField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "CharField", "TextField",
    "SlugField", "EmailField", "URLField", "BooleanField",
}


def json_values(model):
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


def _typed_links(links):
    if links and links.get("joined_on"):
        import datetime

        links = {**links, "joined_on": datetime.date.fromisoformat(str(links["joined_on"])[:10])}
    return links


def plan_from_preview(job, stored):
    """Rebuild the plan from the stored, already checked rows; lock what it touches and refuse if anything moved.

    `stored` is the job's ImportRow queryset of create and update rows. Raises PreviewMoved when an updated
    record's version is no longer the one previewed (or it was deleted) or when a record now exists for the
    natural key of a row to create; the caller then falls back to the full re-check. On PostgreSQL the rows
    to create stay in the database: `write_plan` inserts them straight from the stored JSON.
    """
    # No region resolver: nothing is resolved again, the natural keys are already in the payload.
    kind = KINDS[job.kind](user=job.user, scope=scope_code(job.user) or "", regions=None, options=job.options)
    model = kind.model
    typed = json_values(model)
    creates_in_sql = json_insert_supported(model)
    stored = stored.order_by("row_number")
    to_create = stored.filter(action=RowAction.CREATE)

    creates, updates = [], []
    rows = stored.filter(action=RowAction.UPDATE) if creates_in_sql else stored
    for number, action, payload in rows.values_list("row_number", "action", "payload").iterator(chunk_size=5000):
        row = Row(number=number, cells={}, data=typed(payload["data"]), key=tuple(payload["key"]) if payload.get("key") else None)
        row.action = action
        row.payload = payload
        row.link = _typed_links(payload.get("links"))
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
        # One pass over the stored rows to create: their numbers (to write them in chunks), natural keys and
        # whether they carry checked values and links. Every row the user approved must be there with its
        # checked values (a job previewed before values were stored has none): otherwise the full re-check decides.
        numbers, keys, linked = [], [], []
        with_data = 0
        rows = to_create.annotate(
            has_data=RawSQL("payload ? 'data'", []), has_links=RawSQL("payload ? 'links'", []),
        ).values_list("row_number", "payload__key", "has_data", "has_links")
        for number, key, has_data, has_links in rows.iterator(chunk_size=20_000):
            numbers.append(number)
            with_data += has_data
            if key:
                keys.append(tuple(key))
            if has_links:
                linked.append(number)
        if with_data != job.created_count:
            raise PreviewMoved
    else:
        keys = [row.key for row in creates if row.key is not None]
    if kind.load_existing(keys, lock=True):
        raise PreviewMoved
    for row in creates:
        row.instance = kind.new_instance(row.data)
    plan = Plan(rows=creates + updates)
    plan.kind = kind
    if creates_in_sql:
        plan.create_source = to_create
        plan.create_numbers = numbers
        plan.create_total = len(numbers)
        plan.link_source = [
            ({**payload, "links": _typed_links(payload["links"])},)
            for (payload,) in (to_create.filter(payload__has_key="links").values_list("payload") if linked else [])
        ]
    return plan
