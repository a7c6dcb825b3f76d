"""What a feed row means to one client: the record as the API shows it now, and the event it amounts to.

The feed stores only which record changed and where; the body comes from the resource's own selector and
serializer, read after the row was committed. So the body is never older than the change, it goes through
accounts.scope like every read (a record outside the client's region has no body: for that client it is
gone), and it is byte for byte what `GET /api/v1/<resource>/<id>/` would answer.

Events, per client: `created` (a new record, or one that entered the client's region), `updated`,
`deleted` (deleted, or no longer visible to this client: moved out of its region, or its parent deleted;
`reason` says which).
"""

import functools

from django.utils.module_loading import import_string

from accounts.scope import code_within

# API resource name -> its viewset (selector + serializer, and optionally `representation_context(user=, records=)`
# for what its serializer reads from the view's context). New resources add a line.
VIEWSETS = {
    "sentra": "sentra.api.views.SentraViewSet",
    "ikm-units": "ikm.api.views.IkmUnitViewSet",
    "memberships": "ikm.api.views.SentraMembershipViewSet",
    "certifications": "ikm.api.views.CertificationViewSet",
    "yearly-figures": "ikm.api.views.YearlyFigureViewSet",
    "rooms": "facilities.api.views.RoomViewSet",
    "machines": "facilities.api.views.MachineViewSet",
    "dak-allocations": "funding.api.views.DakAllocationViewSet",
    "dak-activities": "funding.api.views.DakActivityViewSet",
    # Census is always installed; its tables' triggers are census/migrations/0002 (changes/triggers.py CENSUS_SOURCES).
    "census-items": "census.api.views.CensusItemViewSet",
    "census-visits": "census.api.views.CensusVisitViewSet",
}
RESOURCE_NAMES = tuple(VIEWSETS)


def register_resource(name, viewset_path):
    """Let a later app (census) add a resource whose table it also gave a trigger (changes/triggers.py)."""
    VIEWSETS[name] = viewset_path
    viewset.cache_clear()


def resource_names():
    return tuple(VIEWSETS)

CREATED, UPDATED, DELETED = "created", "updated", "deleted"
EVENTS = (CREATED, UPDATED, DELETED)
REASON_DELETED, REASON_OUT_OF_SCOPE = "deleted", "out_of_scope"


@functools.cache
def viewset(resource):
    return import_string(VIEWSETS[resource])


def representations(*, user, resource, ids, request=None):
    """{id: the record as the API shows it to `user`} for the ids the user may see now (one query per resource)."""
    view = viewset(resource)
    records = view.selector(user=user).filter(pk__in=list(ids))
    context = {"request": request}
    extra_context = getattr(view, "representation_context", None)
    if extra_context is not None:
        records = list(records)
        context.update(extra_context(user=user, records=records))
    serializer = view.serializer_class(records, many=True, context=context)
    return {item["id"]: item for item in serializer.data}


def representations_for_rows(*, user, rows, request=None):
    """{(resource, id): body} for feed rows, one query per resource present."""
    wanted = {}
    for row in rows:
        wanted.setdefault(row["resource"], set()).add(row["object_id"])
    bodies = {}
    for resource, ids in wanted.items():
        for object_id, body in representations(user=user, resource=resource, ids=ids, request=request).items():
            bodies[(resource, object_id)] = body
    return bodies


def event_for(*, scope, row, body):
    """(event, reason) of feed row `row` for a client of `scope` whose current view of the record is `body`."""
    if body is not None:
        entered = row["old_region"] is None or not code_within(scope, row["old_region"])
        return (CREATED if row["operation"] == "I" or entered else UPDATED), None
    moved_out = row["new_region"] is not None and not code_within(scope, row["new_region"])
    return DELETED, (REASON_OUT_OF_SCOPE if moved_out else REASON_DELETED)


def latest_per_record(rows):
    """One row per record, at its last position: the body is the same for all (read now), and the net change
    runs from the first row's region and operation (a creation stays a creation) to the last row's."""
    merged = {}
    for row in rows:
        key = (row["resource"], row["object_id"])
        first = merged.get(key)
        if first is None:
            merged[key] = row
        else:
            merged[key] = {**row, "old_region": first["old_region"], "operation": "I" if first["operation"] == "I" else row["operation"]}
    return sorted(merged.values(), key=lambda row: row["position"])
