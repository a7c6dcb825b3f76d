from django.db.models import Prefetch

from core.selectors import visible

from .models import Sentra, SentraCommodity


def sentra_list(*, user, include_deleted=False):
    return visible(Sentra, user, include_deleted=include_deleted).select_related(
        "desa__parent__parent__parent", "last_verified_by"
    ).prefetch_related(Prefetch("commodity_links", queryset=SentraCommodity.objects.select_related("commodity__group")))


def sentra_get(*, user, pk, include_deleted=False):
    """The sentra if the user may see it; Sentra.DoesNotExist otherwise (out of scope looks like absent)."""
    return sentra_list(user=user, include_deleted=include_deleted).get(pk=pk)
