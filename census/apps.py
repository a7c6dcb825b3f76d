from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CensusConfig(AppConfig):
    name = "census"
    verbose_name = _("Pendataan ulang sentra")

    def ready(self):
        # History pages name an approved visit (round, officer, reviewer) as the source of the changes it wrote.
        from web.history import register_reason_source

        from .selectors.history import approval_sources

        register_reason_source(approval_sources)
