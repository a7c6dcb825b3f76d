"""Rooms, and the membership writes that touch rooms (a unit leaving a sentra gives its rooms back).

Membership services live here rather than in ikm/ because they must vacate rooms, and rooms point at
memberships' units and sentra (dependencies point one way: ikm <- facilities).
"""

from django.db import transaction
from django.utils import timezone

from accounts.scope import ensure_can_write
from core.exceptions import ConflictError
from core.regionpath import region_code_of
from core.services import _changes_since, record_delete, record_update, validate_for_write
from ikm.models import SentraMembership

from .models import Room, RoomState


def room_assign(*, user, room, occupant, state, expected_version=None):
    """Give a room to a member IKM (occupied or actively used) or free it (occupant None, state empty)."""
    return record_update(
        user=user, instance=room, data={"occupant": occupant, "state": state}, expected_version=expected_version
    )


def _held_rooms(membership):
    return list(Room.objects.select_for_update().filter(occupant_id=membership.ikm_id, sentra_id=membership.sentra_id).order_by("pk"))


def _vacate(user, rooms):
    for room in rooms:
        ensure_can_write(user, region_code_of(room))  # every room first: a refusal must come before any write
    for room in rooms:
        room_assign(user=user, room=room, occupant=None, state=RoomState.KOSONG)


def rooms_vacate_for(*, user, ikm, sentra):
    _vacate(user, list(Room.objects.select_for_update().filter(occupant=ikm, sentra=sentra).order_by("pk")))


def _locked(membership, expected_version):
    current = SentraMembership.objects.select_for_update().select_related("ikm", "sentra").get(pk=membership.pk)
    if expected_version is not None and current.version != int(expected_version):
        raise ConflictError(current, int(expected_version), _changes_since(current, int(expected_version)))
    return current


@transaction.atomic
def membership_update(*, user, membership, data, expected_version=None):
    """Change a membership (dates, or the unit/sentra it links); ending it (`left_on` set while open) or moving
    it to another unit or sentra frees the rooms the unit held in that sentra, each room with its audit record. Everything is checked on the
    membership as it will be stored before any room or the membership is written, in one transaction."""
    current = _locked(membership, expected_version)
    ends = current.left_on is None and data.get("left_on", None) is not None
    relinks = current.left_on is None and any(
        name in data and getattr(data[name], "pk", data[name]) != getattr(current, f"{name}_id") for name in ("ikm", "sentra")
    )
    if not (ends or relinks):
        return record_update(user=user, instance=current, data=data, expected_version=expected_version)
    old_region = region_code_of(current)
    ensure_can_write(user, old_region)
    proposed = SentraMembership.objects.select_related("ikm", "sentra").get(pk=current.pk)
    for name, value in data.items():
        setattr(proposed, name, value)
    validate_for_write(user, proposed, old_region=old_region)
    rooms = _held_rooms(current)
    _vacate(user, rooms)
    return record_update(user=user, instance=current, data=data, expected_version=expected_version)


def membership_end(*, user, membership, left_on=None, expected_version=None):
    """End a sentra membership; rooms the unit still holds there are vacated first, each with its audit record."""
    return membership_update(
        user=user, membership=membership, data={"left_on": left_on or timezone.localdate()}, expected_version=expected_version
    )


@transaction.atomic
def membership_delete(*, user, membership, expected_version=None):
    """Remove a membership recorded by mistake; the rooms the unit held in that sentra are freed first (audited)."""
    current = _locked(membership, expected_version)
    ensure_can_write(user, region_code_of(current))
    rooms = _held_rooms(current) if current.left_on is None else []
    _vacate(user, rooms)
    return record_delete(user=user, instance=current, expected_version=expected_version)

