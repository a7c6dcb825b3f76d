"""Everything on the printable one-page profile of a sentra, in a fixed number of queries."""

from django.db.models import Count, F, Q, Sum

from facilities.models import MachineCondition, RoomState
from facilities.selectors import machine_list, room_list
from funding.selectors import dak_activity_list
from ikm.selectors import membership_list, yearly_figure_list
from sentra.selectors import sentra_get


def sentra_profile(*, user, pk):
    sentra = sentra_get(user=user, pk=pk)
    rooms = room_list(user=user).filter(sentra=sentra).order_by().aggregate(
        rooms=Count("id"),
        occupied=Count("id", filter=Q(state__in=[RoomState.TERISI, RoomState.AKTIF])),
        active=Count("id", filter=Q(state=RoomState.AKTIF)),
        empty=Count("id", filter=Q(state=RoomState.KOSONG)),
    )
    members = membership_list(user=user).filter(sentra=sentra, left_on__isnull=True).order_by().aggregate(
        units=Count("ikm_id", distinct=True),
        workers_male=Sum("ikm__workers_male"),
        workers_female=Sum("ikm__workers_female"),
        workers_total=Sum(F("ikm__workers_male") + F("ikm__workers_female") + F("ikm__workers_unsplit")),
        production_value=Sum("ikm__production_value"),
        sales=Sum("ikm__sales"),
    )
    machines = list(
        machine_list(user=user).filter(sentra=sentra).order_by("equipment_type__name")
        .values("equipment_type__name", "condition").annotate(quantity=Sum("quantity"))
    )
    conditions = dict(MachineCondition.choices)
    for machine in machines:
        machine["condition_label"] = conditions.get(machine["condition"], machine["condition"] or "–")
    figures = list(yearly_figure_list(user=user).filter(sentra=sentra).order_by("-year")[:5])
    activities = list(
        dak_activity_list(user=user).filter(sentra=sentra).prefetch_related("rooms", "machines__equipment_type")
        .order_by("-allocation__fiscal_year", "id")
    )
    for activity in activities:
        activity.paid_for = ", ".join([room.name for room in activity.rooms.all()] + [str(m) for m in activity.machines.all()])
    region_chain = []
    region = sentra.desa
    while region is not None:
        region_chain.insert(0, region)
        region = region.parent
    return {
        "sentra": sentra,
        "regions": region_chain,
        "rooms": rooms,
        "idle_occupied": rooms["occupied"] - rooms["active"],
        "members": members,
        "machines": machines,
        "figures": figures,
        "activities": activities,
    }
