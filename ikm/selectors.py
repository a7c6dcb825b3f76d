import functools

from core.selectors import visible

from .models import Certification, IkmUnit, ProgrammeParticipation, SentraMembership, YearlyFigure


def ikm_list(*, user, include_deleted=False):
    return (
        visible(IkmUnit, user, include_deleted=include_deleted)
        .with_class()
        .select_related("desa__parent__parent__parent", "commodity__group", "last_verified_by")
    )


def ikm_api_list(*, user, include_deleted=False):
    """ikm_list with only the joins the API resource prints (region path and commodity names)."""
    return ikm_list(user=user, include_deleted=include_deleted).select_related(None).select_related(
        "desa__parent__parent__parent", "commodity"
    )


def ikm_api_rows(*, user, columns, include_deleted=False):
    """The units the user may see as `.values(*columns)` rows, for the API's list path (ikm/api/lean.py).

    Scoped by `visible` like every read. Building `.values()` over the region path (30 columns, 4 joins) was
    about a tenth of a 100-row page (issue 6), so the unscoped `.values()` query is built once per column
    set and cloned; the scope filter is added to the clone on every call.
    """
    return visible(IkmUnit, user, queryset=_unit_values(tuple(columns), include_deleted).all())


@functools.lru_cache(maxsize=64)
def _unit_values(columns, include_deleted):
    manager = IkmUnit.all_objects if include_deleted else IkmUnit._default_manager
    return manager.values(*columns)  # never evaluated: only cloned


def ikm_get(*, user, pk, include_deleted=False):
    return ikm_list(user=user, include_deleted=include_deleted).get(pk=pk)


def membership_list(*, user):
    return visible(SentraMembership, user).select_related("ikm", "sentra").filter(ikm__deleted_at__isnull=True)


def certification_list(*, user):
    return visible(Certification, user).select_related("ikm").filter(ikm__deleted_at__isnull=True)


def participation_list(*, user):
    return visible(ProgrammeParticipation, user).select_related("ikm", "programme")


def yearly_figure_list(*, user):
    return visible(YearlyFigure, user).select_related("sentra", "ikm", "region__parent__parent__parent")
