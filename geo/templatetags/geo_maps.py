"""Template tags for the maps: base-map settings, the sentra map's strings and its data URL."""

import json

from django import template
from django.conf import settings
from django.http import QueryDict
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

# Filters of the dashboards that the sentra FilterSet also knows; the others (year, DAK menu) do not move sentra.
SENTRA_FILTERS = ("commodity_group", "commodity", "priority", "status")


@register.simple_tag
def map_settings():
    """data-* attributes of the base map: the outline the app draws, or the deployment's tile server."""
    return format_html(
        'data-outline="{}" data-tiles="{}" data-attribution="{}"',
        static("geo/outline.geojson"), settings.MAP_TILE_URL, settings.MAP_TILE_ATTRIBUTION,
    )


@register.simple_tag
def sentra_map_strings():
    return json.dumps({
        "loading": _("Memuat peta…"),
        "failed": _("Data peta tidak dapat dimuat."),
        "count": _("%(placed)s dari %(total)s sentra punya koordinat."),
        "status": _("Status"),
        "members": _("Anggota"),
        "rooms": _("Ruang"),
        "occupied": _("terisi"),
        "active": _("aktif"),
        "verified": _("Terakhir diverifikasi"),
        "never": _("belum pernah"),
        "open": _("Buka data sentra"),
    })


@register.simple_tag
def sentra_points_url(region="", pairs=(), **extra):
    """/peta/data/ for a region and the sentra filters among `pairs` ((key, value) of a dashboard's filters)."""
    query = QueryDict(mutable=True)
    if region:
        query["region"] = region
    for key, value in pairs or ():
        if key in SENTRA_FILTERS and value not in ("", None):
            query.appendlist(key, value)
    for key, value in extra.items():
        if value not in ("", None):
            query[key] = value
    encoded = query.urlencode()
    return reverse("geo:data") + ("?" + encoded if encoded else "")


@register.simple_tag
def region_map_centre(region, user):
    from geo.selectors import region_centre, scope_centre

    centre = region_centre(user=user, code=region) if region else scope_centre(user)
    return json.dumps(centre or scope_centre(user))
