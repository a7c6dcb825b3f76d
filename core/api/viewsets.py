"""Base viewsets: a resource is a selector, a serializer, a FilterSet and (for writes) its services.

    class RoomViewSet(RegistryViewSet):
        selector = staticmethod(room_list)
        serializer_class = RoomSerializer
        filterset_class = RoomFilterSet

Reads go through the app selector (so through accounts.scope: out of scope is 404); writes go through
`create_record` / `update_record` / `delete_record`, which call the app services (audit, version, scope).
"""

from django.conf import settings
from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from django.utils.translation import gettext as _
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from core.services import record_create, record_delete, record_update

from .conditional import etag_for, expected_version
from core.bounded import QueryTooSlow, TooManyAtOnce, statement_timeout, user_slot

from .errors import ListTooSlow, PayloadTooLarge, TooManyAtOnceError
from .metadata import RegistryMetadata
from .pagination import RegistryCursorPagination
from .params import check_query_params, registry_query_params
from .parsers import RegistryJSONParser
from .permissions import RegistryPermission
from .renderers import OrjsonRenderer
from .schema import RegistryAutoSchema

TRUE_VALUES = {"1", "true", "yes", "on"}


class RegistryReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    selector = None  # `<entity>_list(*, user)` of the app
    brief_fields = ("id",)
    soft_deletable = False
    pagination_class = RegistryCursorPagination
    permission_classes = [RegistryPermission]
    schema = RegistryAutoSchema()
    parser_classes = [RegistryJSONParser]  # one body format: fewer ways to be misread
    metadata_class = RegistryMetadata
    renderer_classes = [OrjsonRenderer, BrowsableAPIRenderer]
    # Optional fast path for list responses: an object with `columns(only)` (the `.values()` columns needed)
    # and `rows(values_rows, only)` (dicts exactly as the serializer would write them). See ikm/api/lean.py.
    lean_list = None
    # Optional selector for that fast path when no filter is named: `<entity>_rows(*, user, columns, ...)`, the
    # same scope (accounts.scope through the app's selectors) as `.values(*columns)` rows, built without the
    # annotations and joins only model instances use.
    lean_selector = None
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return self.selector(user=self.request.user, **self.selector_kwargs())

    def selector_kwargs(self):
        if self.soft_deletable and self.includes_deleted():
            return {"include_deleted": True}
        return {}

    def includes_deleted(self):
        # An incremental sync must learn of deletions: deleted rows come back with `deleted_at` set.
        return self.action == "list" and bool(self.request.query_params.get("updated_since"))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_params(request, *registry_query_params(self))  # unknown or repeated parameters: 400 (issue 18)
        if any("\x00" in key or "\x00" in value for key, values in request.query_params.lists() for value in [key, *values]):
            raise ValidationError({"query": [_("Parameter tidak boleh mengandung karakter NUL.")]})
        length = request.META.get("CONTENT_LENGTH") or "0"
        limit = getattr(settings, "API_MAX_BODY_BYTES", 4 * 1024 * 1024)
        if length.isdigit() and int(length) > limit:
            raise PayloadTooLarge(_("Isi permintaan melebihi %(limit)s byte.") % {"limit": limit})

    def get_serializer(self, *args, **kwargs):
        if self.request is not None and self.request.method == "GET" and "only" not in kwargs:
            kwargs["only"] = self.requested_fields()
        return super().get_serializer(*args, **kwargs)

    def requested_fields(self):
        """?fields=a,b keeps those fields; ?brief=1 keeps the resource's brief fields; None keeps all."""
        params = self.request.query_params
        if params.get("fields"):
            names = {name.strip() for name in params["fields"].split(",") if name.strip()}
            known = set(self.get_serializer_class()._declared_fields) | set(self.get_serializer_class().Meta.fields)
            unknown = sorted(names - known)
            if unknown:
                raise ValidationError({"fields": [_("Kolom tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)}]})
            return names
        if params.get("brief", "").lower() in TRUE_VALUES:
            return set(self.brief_fields)
        return None

    def list(self, request, *args, **kwargs):
        """Every list statement is bounded in time; a search also takes one of the user's slots for expensive
        requests (core/bounded.py): too slow is 503, too many at once 429, both with a message, never a 500."""
        searching = bool((request.query_params.get("q") or "").strip())
        if not searching and self.is_plain_national_page():
            return self.bounded_list(request, *args, **kwargs)
        try:
            if searching:
                with user_slot(request.user, "list"), statement_timeout():
                    return self.bounded_list(request, *args, **kwargs)
            with statement_timeout():
                return self.bounded_list(request, *args, **kwargs)
        except QueryTooSlow:
            raise ListTooSlow() from None
        except TooManyAtOnce:
            raise TooManyAtOnceError() from None

    def is_plain_national_page(self):
        """A national user's page with no filter, search or sort: a primary-key range read at any depth, needing
        neither the statement timeout nor the list planning (their transaction was a tenth of such a page)."""
        from accounts.scope import NATIONAL, scope_code

        unbounded = {"cursor", "page_size", "fields", "brief"}
        return scope_code(self.request.user) == NATIONAL and set(self.request.query_params) <= unbounded

    def bounded_list(self, request, *args, **kwargs):
        if self.lean_list is None:
            return super().list(request, *args, **kwargs)
        only = self.requested_fields()
        model = self.get_serializer_class().Meta.model
        ordering = self.paginator.get_ordering(request, model._default_manager.none(), self)
        columns = list(self.lean_list.columns(only))
        needed = ["id" if name == "pk" else name for name in (o.lstrip("-") for o in ordering)]  # cursor position
        columns += [name for name in needed if name not in columns]
        if self.lean_selector is not None and not self.names_a_filter():
            rows = self.lean_selector(user=request.user, columns=tuple(columns), **self.selector_kwargs())
        else:
            rows = self.filter_queryset(self.get_queryset()).values(*columns)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.lean_list.rows(page, only))

    def filter_queryset(self, queryset):
        if self.lean_list is not None and self.action == "list" and not self.names_a_filter():
            # Every filter of these FilterSets leaves the queryset as it is on empty input (ikm/api/lean.py):
            # building the FilterSet and its form only to learn that was a tenth of a page's time.
            return queryset
        return super().filter_queryset(queryset)

    def names_a_filter(self):
        names = tuple(self.filterset_class.base_filters) if self.filterset_class else ()
        return any(key.startswith(names) for key in self.request.query_params) or any(
            backend is not DjangoFilterBackend for backend in self.filter_backends
        )

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return self.respond(instance)

    def respond(self, instance, status_code=status.HTTP_200_OK):
        headers = {}
        etag = etag_for(instance)
        if etag:
            headers["ETag"] = etag
        return Response(self.get_serializer(instance).data, status=status_code, headers=headers)


class RegistryViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, RegistryReadOnlyViewSet):
    def create_record(self, data):
        return record_create(user=self.request.user, model=self.get_queryset().model, data=data)

    def update_record(self, instance, data, expected_version):
        return record_update(user=self.request.user, instance=instance, data=data, expected_version=expected_version)

    def delete_record(self, instance, expected_version):
        record_delete(user=self.request.user, instance=instance, expected_version=expected_version)

    def reload(self, instance):
        """The record as the list shows it (joined names), read through the selector."""
        return self.selector(user=self.request.user).get(pk=instance.pk)

    # Each write request is one transaction: a service that writes several rows (a membership and the rooms
    # it frees, a sentra and its commodities) is all or nothing even when the viewset calls two services.
    @transaction.atomic
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.create_record(dict(serializer.validated_data))
        return self.respond(self.reload(instance), status.HTTP_201_CREATED)

    @transaction.atomic
    def update(self, request, *args, partial=False, **kwargs):
        instance = self.get_object()
        version = expected_version(request, instance)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = self.update_record(instance, dict(serializer.validated_data), version)
        return self.respond(self.reload(instance))

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self.delete_record(instance, expected_version(request, instance))
        return Response(status=status.HTTP_204_NO_CONTENT)
