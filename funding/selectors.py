from core.selectors import visible

from .models import DakActivity, DakAllocation


def dak_allocation_list(*, user):
    return visible(DakAllocation, user).select_related("kabupaten_kota__parent")


def dak_activity_list(*, user):
    return visible(DakActivity, user).select_related("allocation__kabupaten_kota", "menu", "sentra")
