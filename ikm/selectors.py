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
