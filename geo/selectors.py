"""Every read of the maps: points of the sentra in the user's scope, one sentra's popup, region centres and the
records whose coordinates look wrong. All start from the apps' scoped selectors (accounts.scope)."""

from datetime import timedelta
from statistics import median

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language

from accounts.scope import NATIONAL, region_in_scope, scope_code
from core.selectors import visible
from facilities.models import RoomState
from ikm.models import IkmUnit
from reports.selectors.cache import cached
from sentra.filtersets import SentraFilterSet
from sentra.models import Sentra, SentraStatus
from sentra.selectors import sentra_list

from .capitals import CAPITALS, INDONESIA_CENTRE
from .checks import flag_points

# Verification age buckets the map colours by: within half the allowed age, within it, older, never.
FRESHNESS = ("recent", "valid", "stale", "never")
MAP_COLUMNS = ("id", "lat", "lon", "status", "fresh")
STATUSES = [value for value, _label in SentraStatus.choices]
# Zoom levels a region opens at: country, province, kabupaten/kota, kecamatan, desa.
ZOOM = {0: 5, 1: 7, 2: 10, 3: 12, 4: 14}


def filtered_sentra(*, user, params):
    """The sentra list's own FilterSet over the user's sentra (ValidationError on a bad filter, as the API)."""
    filterset = SentraFilterSet(params, queryset=visible(Sentra, user))
    if not filterset.is_valid():
        from django.core.exceptions import ValidationError

        raise ValidationError(filterset.errors)
    return filterset.qs


def _freshness(verified_at, now):
    if verified_at is None:
        return 3
    age = now - verified_at
    allowed = timedelta(days=settings.VERIFICATION_MAX_AGE_DAYS)
    return 0 if age <= allowed / 2 else 1 if age <= allowed else 2


def map_points(*, user, params):
    """Compact map data: one short array per placed sentra, cached per scope and filters like the dashboards.

    11,000 sentra make ~300 KB of JSON this way (names come with the popup, on click).
    """
    pairs = [(key, value) for key in sorted(params) for value in params.getlist(key)]

    def build():
        queryset = filtered_sentra(user=user, params=params)
        total = queryset.count()
        now = timezone.now()
        status_index = {value: index for index, value in enumerate(STATUSES)}
        rows = [
            [pk, round(float(lat), 5), round(float(lon), 5), status_index.get(status, 0), _freshness(verified, now)]
            for pk, lat, lon, status, verified in queryset.filter(latitude__isnull=False)
            .order_by().values_list("id", "latitude", "longitude", "status", "last_verified_at").iterator(chunk_size=5000)
        ]
        return {"columns": MAP_COLUMNS, "rows": rows, "total": total, "placed": len(rows)}

    return cached("geo-map", user=user, pairs=pairs, build=build)


def sentra_popup(*, user, pk):
    """What a marker's popup says; Sentra.DoesNotExist outside the user's scope (looks like absent)."""
    sentra = sentra_list(user=user).prefetch_related(None).select_related("desa__parent__parent").get(pk=pk)
    members = sentra.memberships.filter(left_on__isnull=True).count()
    rooms = sentra.rooms.aggregate(
        total=Count("id"),
        occupied=Count("id", filter=~Q(state=RoomState.KOSONG)),
        active=Count("id", filter=Q(state=RoomState.AKTIF)),
    )
    return {
        "id": sentra.pk,
        "name": sentra.name,
        "code": sentra.code,
        "status": sentra.status,
        "status_label": str(sentra.get_status_display()),
        "desa": sentra.desa.name,
        "kabupaten": sentra.desa.parent.parent.name,
        "members": members,
        "rooms": rooms,
        "last_verified_at": sentra.last_verified_at.date().isoformat() if sentra.last_verified_at else None,
    }


def _placed_median(code, user):
    """Median point of the placed sentra and units inside region `code` that the user may see, or None."""
    points = []
    for model in (Sentra, IkmUnit):
        queryset = visible(model, user).filter(Q(desa_id=code) | Q(desa__code__startswith=code + "."), latitude__isnull=False)
        points += queryset.order_by().values_list("latitude", "longitude")[:2000]
    if not points:
        return None
    return median(float(p[0]) for p in points), median(float(p[1]) for p in points)


def region_centre(*, user, code):
    """Where a map opens for region `code` (any level): its records, else the nearest ancestor's, walking up no
    higher than the user's own scope (a centre computed from another kabupaten's records would say where they
    are); then the province capital, then Indonesia. None when `code` is outside the user's scope."""
    if not region_in_scope(user, code):
        return None
    scope = scope_code(user)
    parts = code.split(".")
    for level in range(len(parts), 0, -1):
        prefix = ".".join(parts[:level])
        if scope != NATIONAL and level < len(scope.split(".")):
            break
        point = _placed_median(prefix, user)
        if point is not None:
            return {"lat": round(point[0], 5), "lon": round(point[1], 5), "zoom": ZOOM[level], "level": level, "source": "records"}
    capital = CAPITALS.get(parts[0])
    if capital:
        return {"lat": capital[0], "lon": capital[1], "zoom": ZOOM[1] + 1, "level": 1, "source": "capital"}
    return {"lat": INDONESIA_CENTRE[0], "lon": INDONESIA_CENTRE[1], "zoom": ZOOM[0], "level": 0, "source": "country"}


def scope_centre(user):
    """Where /peta/ opens for this user: their region, or all of Indonesia."""
    scope = scope_code(user)
    if not scope:
        return {"lat": INDONESIA_CENTRE[0], "lon": INDONESIA_CENTRE[1], "zoom": ZOOM[0], "level": 0, "source": "country"}
    return region_centre(user=user, code=scope)


def flagged_records(*, user, region=""):
    """Placed sentra and IKM units in the user's scope (and `region`) whose point looks wrong, with the reasons.

    Each kabupaten/kota is judged against its own records only, so what a user sees depends on nothing outside
    their scope. Cached per scope like the dashboards (a national pass reads every placed record once).
    """

    def build():
        rows = []
        for kind, queryset in (("sentra", visible(Sentra, user)), ("ikm", visible(IkmUnit, user))):
            if region:
                queryset = queryset.filter(Q(desa_id=region) | Q(desa__code__startswith=region + "."))
            rows += [
                (kind, *row) for row in queryset.filter(latitude__isnull=False).order_by()
                .values_list("id", "desa_id", "latitude", "longitude", "name").iterator(chunk_size=5000)
            ]
        # flag_points wants (kind, pk, desa, lat, lon, ...) grouped by kabupaten: sort by desa code.
        rows = sorted(((kind, pk, desa, lat, lon, name) for kind, pk, desa, lat, lon, name in rows), key=lambda row: row[2])
        return [
            {"kind": row[0], "id": row[1], "desa": row[2], "lat": float(row[3]), "lon": float(row[4]), "name": row[5], "warnings": warnings}
            for row, warnings in flag_points(rows)
        ]

    # The reasons are sentences in the reader's language: the language is part of the key.
    return cached("geo-quality", user=user, pairs=[("region", region), ("lang", get_language())], build=build)

