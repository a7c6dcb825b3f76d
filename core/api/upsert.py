"""Upsert by natural key (NIB, sentra code), one record or up to 1,000 in one all-or-nothing request.

A record found under the key (within the caller's scope, deleted ones included: an upsert brings them
back) is updated, otherwise created. A bulk request is validated item by item first; if any item fails,
nothing is written and every failure is reported with its index and field path. Bulk writes go through
core.services.records_bulk_upsert, which writes the audit records the signals would miss.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.validators import UniqueValidator

from accounts.scope import region_in_scope
from core.regionpath import region_code_of
from core.services import records_bulk_upsert
from core.uniqueness import neutral_unique_message

from .conditional import expected_version
from .errors import PreconditionFailed, django_validation_detail

BULK_LIMIT = 1000


def _error(message, code):
    return [ErrorDetail(message, code=code)]


class NaturalKeyUpsertMixin:
    natural_key = None  # model field, e.g. "nib"
    region_field = "desa"  # field to blame when a record lies outside the caller's scope

    def all_in_scope(self):
        kwargs = {"include_deleted": True} if self.soft_deletable else {}
        return self.selector(user=self.request.user, **kwargs)

    def split_related(self, data):
        """Pop what records_bulk_upsert cannot write (many-to-many); returned to `after_bulk_write`."""
        return {}

    def after_bulk_write(self, instance, related):
        pass

    # one record -------------------------------------------------------------------------------
    def key_response(self, request, value):
        with transaction.atomic():  # all or nothing, like every write request (core/api/viewsets.py)
            return self._key_response(request, value)

    def _key_response(self, request, value):
        if request.method == "GET":
            instance = self.get_queryset().filter(**{self.natural_key: value}).first()
            if instance is None:
                raise Http404
            return self.respond(instance)
        if not isinstance(request.data, Mapping):
            raise ValidationError({"non_field_errors": _error(_("Isi permintaan harus berupa objek JSON."), "invalid")})
        if self.natural_key in request.data and request.data[self.natural_key] != value:
            raise ValidationError({self.natural_key: _error(_("Harus sama dengan nilai di alamat (URL)."), "key_mismatch")})
        data = {**request.data, self.natural_key: value}
        existing = self.all_in_scope().filter(**{self.natural_key: value}).first()
        if existing is None:
            if request.headers.get("If-Match"):
                raise PreconditionFailed()
            try:
                with transaction.atomic():
                    serializer = self.get_serializer(data=data)
                    serializer.is_valid(raise_exception=True)
                    instance = self.create_record(dict(serializer.validated_data))
                return self.respond(self.reload(instance), status.HTTP_201_CREATED)
            except (ValidationError, DjangoValidationError):
                # A concurrent upsert may have created the key between our look-up and our insert:
                # then this request is an update of that record, not an error.
                existing = self.all_in_scope().filter(**{self.natural_key: value}).first()
                if existing is None:
                    raise
        version = expected_version(request, existing)
        serializer = self.get_serializer(existing, data=data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if getattr(existing, "deleted_at", None) is not None:
            changes["deleted_at"] = None
        instance = self.update_record(existing, changes, version)
        return self.respond(self.reload(instance))

    # many records -----------------------------------------------------------------------------
    def bulk_response(self, request):
        with transaction.atomic():
            return self._bulk_response(request)

    def _bulk_response(self, request):
        items = self._bulk_items(request.data)
        model = self.get_queryset().model
        keys = [item.get(self.natural_key) for item in items if isinstance(item, Mapping)]
        keys = [key for key in keys if isinstance(key, str) and "\x00" not in key]
        existing = {getattr(obj, self.natural_key): obj for obj in self.all_in_scope().filter(**{f"{self.natural_key}__in": keys})}
        # Keys held by records the caller cannot see (other regions, deleted ones elsewhere): refused with the
        # neutral message of core.uniqueness, which says nothing of whose the key is; found in one query.
        taken = set(model._base_manager.filter(**{f"{self.natural_key}__in": keys}).values_list(self.natural_key, flat=True))
        taken -= set(existing)
        errors, plan, seen = {}, [], set()
        serializer = self._bulk_serializer()
        for index, item in enumerate(items):
            try:
                key = item.get(self.natural_key) if isinstance(item, Mapping) else None
                if isinstance(key, str) and key in taken:
                    raise ValidationError({self.natural_key: _error(neutral_unique_message(), "unavailable")})
                plan.append(self._plan_item(model, serializer, item, existing, seen))
            except ValidationError as error:
                errors[index] = error.detail
        if errors:
            raise ValidationError({"items": [errors.get(index, {}) for index in range(len(items))]})
        creates = [instance for instance, is_new, _r, _f in plan if is_new]
        updates = [instance for instance, is_new, _r, _f in plan if not is_new]
        update_fields = sorted({name for _i, is_new, _r, fields in plan if not is_new for name in fields})
        try:
            with transaction.atomic():
                records_bulk_upsert(user=request.user, model=model, creates=creates, updates=updates, update_fields=update_fields)
                for instance, _new, related, _f in plan:
                    self.after_bulk_write(instance, related)
        except DjangoValidationError:
            self._raise_constraint_errors(model, plan)
            raise
        results = [
            {"index": index, "id": instance.pk, "key": getattr(instance, self.natural_key), "result": "created" if is_new else "updated"}
            for index, (instance, is_new, _r, _f) in enumerate(plan)
        ]
        return Response({"created": len(creates), "updated": len(updates), "items": results})

    def _bulk_items(self, data):
        if not isinstance(data, Mapping) or set(data) != {"items"} or not isinstance(data["items"], list):
            raise ValidationError({"items": _error(_("Kirim objek {\"items\": [...]} berisi daftar data."), "invalid")})
        items = data["items"]
        if not 1 <= len(items) <= BULK_LIMIT:
            raise ValidationError(
                {"items": _error(_("Jumlah data per permintaan 1 sampai %(limit)s.") % {"limit": BULK_LIMIT}, "bulk_size")}
            )
        return items

    def _bulk_serializer(self):
        """One serializer for every item (building its fields costs more than validating an item).

        Its unique-key validator is dropped: `bulk_response` checks all keys in one query instead.
        """
        serializer = self.get_serializer(data={})
        key_field = serializer.fields[self.natural_key]
        key_field.validators = [v for v in key_field.validators if not isinstance(v, UniqueValidator)]
        return serializer

    def _raise_constraint_errors(self, model, plan):
        """After the database refused the batch: find which items break a constraint, by index."""
        relations = [field.name for field in model._meta.concrete_fields if field.is_relation]
        errors = {}
        for index, (instance, _new, _r, _f) in enumerate(plan):
            try:
                instance.validate_constraints(exclude=relations)
            except DjangoValidationError as error:
                errors[index] = django_validation_detail(error)
        if errors:
            raise ValidationError({"items": [errors.get(index, {}) for index in range(len(plan))]})

    def _plan_item(self, model, serializer, item, existing, seen):
        if not isinstance(item, Mapping):
            raise ValidationError({"non_field_errors": _error(_("Setiap butir harus berupa objek JSON."), "invalid")})
        key = item.get(self.natural_key)
        if isinstance(key, str) and key in seen:
            raise ValidationError({self.natural_key: _error(_("Kunci ini muncul lebih dari sekali dalam permintaan."), "duplicate")})
        seen.add(key if isinstance(key, str) else None)
        instance = existing.get(key) if isinstance(key, str) else None
        _refuse_stale_item(instance, item)
        serializer.instance, serializer.initial_data = instance, item
        for cached in ("_validated_data", "_errors", "_data"):
            serializer.__dict__.pop(cached, None)
        if not serializer.is_valid():
            raise ValidationError(serializer.errors)
        data = dict(serializer.validated_data)
        related = self.split_related(data)
        is_new = instance is None
        if is_new:
            instance = model(**data)
        else:
            for name, value in data.items():
                setattr(instance, name, value)
            if getattr(instance, "deleted_at", None) is not None:
                instance.deleted_at = None
                data["deleted_at"] = None
            # bulk_update does not run auto_now: stamp it so `updated_since` sees the change.
            instance.updated_at = timezone.now()
        # The serializer already checked references (within scope) and unique keys; the model checks the rest.
        relations = [field.name for field in model._meta.concrete_fields if field.is_relation]
        try:
            # Constraints cost a query each: the database checks them on write (see _raise_constraint_errors).
            instance.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except DjangoValidationError as error:
            raise ValidationError(django_validation_detail(error)) from error
        if not region_in_scope(self.request.user, region_code_of(instance)):
            raise ValidationError({self.region_field: _error(_("Wilayah di luar cakupan wilayah Anda."), "out_of_scope")})
        return instance, is_new, related, [model._meta.get_field(name).name for name in data]


def _refuse_stale_item(instance, item):
    """An item carrying the `version` it was read at is refused (per item) if the record moved on since (issue 18).

    Items without `version` update whatever is stored (last write wins), as a PUT without If-Match does."""
    if instance is None or "version" not in item:
        return
    sent = item["version"]
    if isinstance(sent, bool) or not isinstance(sent, int):
        raise ValidationError({"version": _error(_("Versi harus bilangan bulat (nilai version yang Anda baca)."), "invalid")})
    if sent != instance.version:
        raise ValidationError({"version": _error(
            _("Data ini telah diubah sejak versi %(sent)s yang Anda baca (sekarang versi %(now)s).") % {"sent": sent, "now": instance.version},
            "conflict",
        )})


def upsert_schema(serializer_class, key_name):
    """extend_schema for the by-key (GET/PUT) and bulk actions of a resource."""
    name = serializer_class.__name__.removesuffix("Serializer")
    # Bulk items may carry the `version` they were read at (refused per item if stale): declared for clients.
    item = type(f"{name}BulkItemSerializer", (serializer_class,), {"version": serializers.IntegerField(
        required=False, min_value=1, help_text="Versi yang Anda baca; jika data sudah berubah, butir ini ditolak (code conflict)."
    )})
    bulk_request = inline_serializer(f"{name}BulkRequest", {"items": item(many=True)})
    bulk_result = inline_serializer(
        f"{name}BulkResult",
        {
            "created": serializers.IntegerField(),
            "updated": serializers.IntegerField(),
            "items": inline_serializer(
                f"{name}BulkResultItem",
                {
                    "index": serializers.IntegerField(),
                    "id": serializers.IntegerField(),
                    "key": serializers.CharField(help_text=key_name),
                    "result": serializers.ChoiceField(choices=["created", "updated"]),
                },
                many=True,
            ),
        },
    )
    by_key = extend_schema(
        methods=["PUT"],
        request=serializer_class,
        responses={200: serializer_class, 201: serializer_class},
        description=f"Buat atau perbarui menurut {key_name} (201 jika baru, 200 jika sudah ada). If-Match opsional.",
    )
    by_key_get = extend_schema(methods=["GET"], responses={200: serializer_class})
    bulk = extend_schema(
        request=bulk_request,
        responses={200: bulk_result},
        description=(
            f"Buat/perbarui sampai 1.000 data sekaligus menurut {key_name}; semua atau tidak sama sekali. "
            "Galat per butir memuat index dan jalur kolom (items.<index>.<kolom>)."
        ),
    )
    return by_key, by_key_get, bulk
