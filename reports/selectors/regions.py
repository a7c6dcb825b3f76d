"""Which region a dashboard shows, and the regions one level below it (the drill-down)."""

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.scope import code_within, region_in_scope, scope_code
from core.filters import region_code_validator
from regions.models import Region


class DrillContext:
    """The region being viewed (None = Indonesia) and the level its rows roll up to."""

    def __init__(self, region, scope):
        self.region = region
        self.scope = scope
        self.code = region.code if region else ""
        self.child_level = min((region.level + 1) if region else 1, 4)
        self.can_drill = region is None or region.level < 4

    @property
    def name(self):
        return self.region.name if self.region else _("Indonesia")

    def breadcrumbs(self):
        """(code, name) from the top the user may see down to this region."""
        crumbs = [] if self.scope else [("", _("Indonesia"))]
        if self.region:
            ancestors = Region.objects.filter(code__in=self.region.ancestor_codes).order_by("level")
            crumbs += [(r.code, r.name) for r in ancestors if code_within(self.scope, r.code)]
        return crumbs


def drill_context(*, user, code):
    """Resolve `?region=` for a dashboard: default is the user's own scope; outside it or unknown is a 404."""
    scope = scope_code(user)
    if scope is None:
        raise Http404(_("Tidak ada data yang dapat Anda lihat."))
    code = (code or "").strip() or scope
    if not code:
        return DrillContext(None, scope)
    try:
        region_code_validator(code)
    except Exception as error:
        raise Http404(_("Kode wilayah tidak dikenal.")) from error
    if not region_in_scope(user, code):
        raise Http404(_("Wilayah ini di luar cakupan Anda."))
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404(_("Kode wilayah tidak dikenal."))
    return DrillContext(region, scope)


def region_names(codes):
    codes = {code for code in codes if code}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
