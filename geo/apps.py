from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    """Maps of the registry: /peta/, maps on record pages and dashboards, the map picker's endpoints, the
    data-quality list of doubtful coordinates and the GeoJSON API. Reads only; imports point down."""

    name = "geo"
    verbose_name = _("Peta")
