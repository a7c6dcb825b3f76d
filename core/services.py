"""Generic write path shared by every app's services: scope check, validation, version, audit.

Per-model services (`sentra_create`, `room_update`, ...) call these and add their own rules. Every write
records who did it through django-simple-history, including bulk writes (see `records_bulk_upsert`).

Every check comes before any write (scope of every region touched, field and model validation, uniqueness
with scope-aware messages, links inside one kabupaten/kota, version), and a write that touches several rows
runs in one transaction: a refused request leaves every row, version and history entry as it was.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.scope import ensure_can_verify, ensure_can_write

from .bulk import copy_create, copy_supported, copy_update, insert_from_json, json_distinct
from .dberrors import as_validation_error as _as_validation_error  # never the database's own text
from .exceptions import ConflictError
from .links import link_errors, linked_regions, move_errors
from .lookups import ANY_OF_CHUNK
from .models import Tombstone
from .regionpath import region_code_of
from .testhooks import pause_if_asked
from .tombstones import tombstones_for
from .uniqueness import unique_errors


def _changes_since(instance, expected_version):
    """Fields whose stored value differs from the version the caller had open."""
    history = getattr(type(instance), "history", None)
    if history is None:
        return []
    seen = history.filter(**{type(instance)._meta.pk.attname: instance.pk, "version": expected_version}).order_by("-history_date").first()
    current = instance.history.order_by("-history_date").first()
    if seen is None or current is None:
        return []
    delta = current.diff_against(seen)
    return [(change.field, change.old, change.new) for change in delta.changes]


def _merge(errors, error):
    for key, items in error.update_error_dict({}).items():
        errors.setdefault(key, []).extend(items)


def validate_for_write(user, instance, *, old_region=None):
    """Every check a write needs, before anything is written; raises PermissionDenied or ValidationError.

    Scope: the record's region (and the one it leaves, `old_region`) and both ends of each of its links must
    be the user's. Then the model's own validation, its non-unique constraints, uniqueness (scope-aware
    messages, soft-deleted records included), and links inside one kabupaten/kota.
    """
    new_region = region_code_of(instance)
    ensure_can_write(user, old_region, new_region, *linked_regions(instance))
    errors = {}
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        _merge(errors, error)
    model = type(instance)
    # A field that already failed (Paris as latitude) is not reported again by the CHECK that also covers it.
    already_refused = set(errors)
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint):
            continue
        try:
            constraint.validate(model, instance, exclude=already_refused)
        except ValidationError as error:
            errors.setdefault(NON_FIELD_ERRORS, []).append(error)
    for key, items in unique_errors(user, instance).items():
        errors.setdefault(key, []).extend(items)
    for key, message in link_errors(instance).items():
        errors.setdefault(key, []).append(ValidationError(message, code="other_kabupaten"))
    if old_region and new_region and old_region != new_region:
        for key, message in move_errors(instance).items():
            errors.setdefault(key, []).append(ValidationError(message, code="linked_elsewhere"))
    if errors:
        raise ValidationError(errors)


def _save(instance, user, reason, update_fields=None):
    instance._history_user = user
    instance._change_reason = reason
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError as error:
        raise _as_validation_error(error) from error


@transaction.atomic
def record_create(*, user, model, data, reason="create"):
    instance = model(**data)
    validate_for_write(user, instance)
    _save(instance, user, reason)
    return instance


@transaction.atomic
def record_update(*, user, instance, data, expected_version=None, reason="update"):
    """Apply `data` to a fresh, locked copy of `instance`; refuse if its version moved past `expected_version`."""
    model = type(instance)
    manager = getattr(model, "all_objects", model._default_manager)
    current = manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and current.version != int(expected_version):
        raise ConflictError(current, int(expected_version), _changes_since(current, int(expected_version)))
    old_region = region_code_of(current)
    ensure_can_write(user, old_region)
    for name, value in data.items():
        setattr(current, name, value)
    validate_for_write(user, current, old_region=old_region)
    current.version += 1
    _save(current, user, reason)
    return current


@transaction.atomic
def record_delete(*, user, instance, expected_version=None):
    """Soft-delete records that support it (undoable), hard-delete the rest; both leave an audit record."""
    ensure_can_write(user, region_code_of(instance))
    if hasattr(instance, "deleted_at"):
        return record_update(
            user=user, instance=instance, data={"deleted_at": timezone.now()}, expected_version=expected_version, reason="delete"
        )
    current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and current.version != int(expected_version):
        raise ConflictError(current, int(expected_version), _changes_since(current, int(expected_version)))
    instance._history_user = user
    try:
        tombstones = tombstones_for(instance)  # before the rows go; ProtectedError is an IntegrityError too
        instance.delete()
    except IntegrityError as error:
        raise _as_validation_error(error) from error
    Tombstone.objects.bulk_create(tombstones)
    return instance


def record_restore(*, user, instance):
    return record_update(user=user, instance=instance, data={"deleted_at": None}, reason="restore")


def record_verify(*, user, instance):
    """Confirm the record is still right without editing it: stamps last_verified_*, leaves version alone."""
    ensure_can_verify(user, region_code_of(instance))
    instance.last_verified_at = timezone.now()
    instance.last_verified_by = user
    _save(instance, user, "verify", update_fields=["last_verified_at", "last_verified_by"])
    return instance


def _refuse_stale(model, updates):
    """Lock the rows about to be updated and refuse if any moved past the version the caller read."""
    if not updates:
        return
    read = {instance.pk: instance.version for instance in updates}
    ids = list(read)
    stored = []
    for start in range(0, len(ids), ANY_OF_CHUNK):
        chunk = ids[start : start + ANY_OF_CHUNK]
        stored += model._base_manager.select_for_update().filter(pk__any_of=chunk).values_list("pk", "version")
    for pk, version in stored:
        if version != read[pk]:
            current = model._base_manager.get(pk=pk)
            raise ConflictError(current, read[pk], _changes_since(current, read[pk]))


@transaction.atomic
def records_bulk_upsert(*, user, model, creates, updates, update_fields, batch_size=1000):
    """Write many validated instances at once, each with its audit record (signals miss bulk writes)."""
    for instance in [*creates, *updates]:
        ensure_can_write(user, region_code_of(instance))
    _refuse_stale(model, updates)
    now = timezone.now()
    for instance in updates:
        instance.version += 1
        instance.updated_at = now  # bulk updates skip auto_now
    if copy_supported(model):
        # PostgreSQL: COPY rows and history rows (core/bulk.py), ~20x faster than the simple-history batches.
        try:
            copy_create(user=user, model=model, instances=creates, reason="bulk create")
            copy_update(user=user, model=model, instances=updates, fields=[*update_fields, "version", "updated_at"], reason="bulk update")
        except IntegrityError as error:
            raise _as_validation_error(error) from error
        pause_if_asked("bulk-write")  # tests only: a worker killed here must leave nothing behind
        return creates, updates
    try:
        if creates:
            bulk_create_with_history(creates, model, batch_size=batch_size, default_user=user, default_change_reason="bulk create")
        if updates:
            bulk_update_with_history(
                updates, model, [*update_fields, "version", "updated_at"], batch_size=batch_size,
                default_user=user, default_change_reason="bulk update",
            )
    except IntegrityError as error:
        raise _as_validation_error(error) from error
    pause_if_asked("bulk-write")  # tests only: a worker killed here must leave nothing behind
    return creates, updates


@transaction.atomic
def records_bulk_create_from_json(*, user, model, rows):
    """Create one record, with its audit row, per JSON object of `rows` (a values_list queryset of one jsonb
    expression: attname -> value), without the values passing through Python (PostgreSQL; callers check
    core.bulk.json_insert_supported). Every region about to be written is checked against the user's scope
    first; nothing is written if one is outside. Returns the number created."""
    rows_sql, rows_params = rows.query.sql_with_params()
    for code in json_distinct(rows_sql, rows_params, f"{model.REGION_PATH}_id"):
        ensure_can_write(user, code)
    try:
        created = insert_from_json(user=user, model=model, rows_sql=rows_sql, rows_params=rows_params, reason="bulk create")
    except IntegrityError as error:
        raise _as_validation_error(error) from error
    pause_if_asked("bulk-write")  # tests only: a worker killed here must leave nothing behind
    return created
