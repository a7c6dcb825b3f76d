from core.selectors import visible

from .models import Machine, Room


def room_list(*, user):
    return visible(Room, user).select_related("sentra__desa", "occupant").filter(sentra__deleted_at__isnull=True)


def machine_list(*, user):
    return (
        visible(Machine, user)
        .select_related("sentra__desa", "room", "equipment_type")
        .filter(sentra__deleted_at__isnull=True)
    )
