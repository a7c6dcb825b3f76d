from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.verification import ensure_not_own_change
from core.services import record_create, record_delete, record_restore, record_update, record_verify

from .models import Sentra, SentraCommodity


def _checked_commodities(commodity_ids, primary_commodity_id):
    """(ids without repeats, primary id): the primary one must be among them (defaults to the first)."""
    commodity_ids = list(dict.fromkeys(int(pk) for pk in commodity_ids))
    if primary_commodity_id is None and commodity_ids:
        primary_commodity_id = commodity_ids[0]
    if primary_commodity_id is not None and int(primary_commodity_id) not in commodity_ids:
        raise ValidationError({"primary_commodity": _("Komoditas utama harus termasuk komoditas sentra.")})
    return commodity_ids, int(primary_commodity_id) if primary_commodity_id is not None else None


@transaction.atomic
def sentra_set_commodities(*, user, sentra, commodity_ids, primary_commodity_id=None):
    """Replace the sentra's commodities; the primary one must be among them (defaults to the first)."""
    commodity_ids, primary_commodity_id = _checked_commodities(commodity_ids, primary_commodity_id)
    links = {link.commodity_id: link for link in sentra.commodity_links.all()}

    def save(link):
        link._history_user = user
        link.save()

    for commodity_id, link in links.items():
        if commodity_id not in commodity_ids:
            link._history_user = user
            link.delete()
        elif link.is_primary and commodity_id != primary_commodity_id:
            # Demote first: the database allows one primary per sentra at any moment.
            link.is_primary = False
            save(link)
    for commodity_id in commodity_ids:
        link = links.get(commodity_id) or SentraCommodity(sentra=sentra, commodity_id=commodity_id)
        is_primary = commodity_id == primary_commodity_id
        if link.pk is None or link.is_primary != is_primary:
            link.is_primary = is_primary
            save(link)


@transaction.atomic
def sentra_create(*, user, data, commodity_ids=(), primary_commodity_id=None):
    if commodity_ids:
        _checked_commodities(commodity_ids, primary_commodity_id)  # every check before any write
    sentra = record_create(user=user, model=Sentra, data=data)
    if commodity_ids:
        sentra_set_commodities(user=user, sentra=sentra, commodity_ids=commodity_ids, primary_commodity_id=primary_commodity_id)
    return sentra


@transaction.atomic
def sentra_update(*, user, sentra, data, expected_version=None, commodity_ids=None, primary_commodity_id=None):
    if commodity_ids is not None:
        _checked_commodities(commodity_ids, primary_commodity_id)  # every check before any write
    sentra = record_update(user=user, instance=sentra, data=data, expected_version=expected_version)
    if commodity_ids is not None:
        sentra_set_commodities(user=user, sentra=sentra, commodity_ids=commodity_ids, primary_commodity_id=primary_commodity_id)
    return sentra


def sentra_delete(*, user, sentra, expected_version=None):
    return record_delete(user=user, instance=sentra, expected_version=expected_version)


def sentra_restore(*, user, sentra):
    return record_restore(user=user, instance=sentra)


def sentra_verify(*, user, sentra):
    """"Data masih valid" (core.verification): never by the person who made the latest change."""
    ensure_not_own_change(user, sentra)
    return record_verify(user=user, instance=sentra)
