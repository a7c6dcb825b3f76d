"""Dashboard filters: the subset of the lists' FilterSet parameters that every dashboard understands."""

from django.utils.datastructures import MultiValueDict

# Same names as the FilterSets of sentra, ikm, facilities and funding, so a dashboard link can pass them on.
DASHBOARD_FILTERS = ("commodity_group", "commodity", "priority", "status", "year")


def dashboard_params(query, region_code=""):
    """A MultiValueDict of the known filters (empty values dropped) plus `region`, ready for a FilterSet."""
    params = MultiValueDict()
    for name in DASHBOARD_FILTERS:
        values = [value.strip() for value in query.getlist(name) if value and value.strip()]
        if values:
            params.setlist(name, values)
    if region_code:
        params["region"] = region_code
    return params


def without(params, *names):
    copy = params.copy()
    for name in names:
        copy.pop(name, None)
    return copy


def as_pairs(params):
    """Flat (name, value) pairs: a cache key and a query string both come from this."""
    return [(name, value) for name in sorted(params) for value in params.getlist(name)]
