from django.utils import timezone

from core.verification import ensure_not_own_change
from core.services import record_create, record_delete, record_restore, record_update, record_verify

from .models import IkmUnit, SentraMembership, YearlyFigure


def ikm_create(*, user, data):
    return record_create(user=user, model=IkmUnit, data=data)


def ikm_update(*, user, ikm, data, expected_version=None):
    return record_update(user=user, instance=ikm, data=data, expected_version=expected_version)


def ikm_delete(*, user, ikm, expected_version=None):
    return record_delete(user=user, instance=ikm, expected_version=expected_version)


def ikm_restore(*, user, ikm):
    return record_restore(user=user, instance=ikm)


def ikm_verify(*, user, ikm):
    """"Data masih valid" (core.verification): never by the person who made the latest change."""
    ensure_not_own_change(user, ikm)
    return record_verify(user=user, instance=ikm)


def membership_join(*, user, ikm, sentra, joined_on=None):
    return record_create(
        user=user, model=SentraMembership, data={"ikm": ikm, "sentra": sentra, "joined_on": joined_on or timezone.localdate()}
    )


def _figure_region(data):
    subject = data.get("sentra") or data.get("ikm")
    return subject.desa_id if subject is not None else None


def yearly_figure_create(*, user, data):
    return record_create(user=user, model=YearlyFigure, data={**data, "region_id": _figure_region(data)})


def yearly_figure_update(*, user, figure, data, expected_version=None):
    if "sentra" in data or "ikm" in data:
        data = {**data, "region_id": _figure_region({"sentra": data.get("sentra", figure.sentra), "ikm": data.get("ikm", figure.ikm)})}
    return record_update(user=user, instance=figure, data=data, expected_version=expected_version)
