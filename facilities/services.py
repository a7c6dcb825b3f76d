from django.db import transaction
from django.utils import timezone

from core.services import record_update

from .models import Room, RoomState


def room_assign(*, user, room, occupant, state, expected_version=None):
    """Give a room to a member IKM (occupied or actively used) or free it (occupant None, state empty)."""
    return record_update(
        user=user, instance=room, data={"occupant": occupant, "state": state}, expected_version=expected_version
    )


def rooms_vacate_for(*, user, ikm, sentra):
    for room in Room.objects.filter(occupant=ikm, sentra=sentra):
        room_assign(user=user, room=room, occupant=None, state=RoomState.KOSONG)


@transaction.atomic
def membership_end(*, user, membership, left_on=None):
    """End a sentra membership; rooms the unit still holds there are vacated first, each with its audit record."""
    rooms_vacate_for(user=user, ikm=membership.ikm, sentra=membership.sentra)
    return record_update(user=user, instance=membership, data={"left_on": left_on or timezone.localdate()})
