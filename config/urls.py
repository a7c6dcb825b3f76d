from django.contrib import admin
from django.urls import include, path

from accounts.language import set_language

admin.site.site_header = "Registri Sentra IKM"
admin.site.site_title = "Registri Sentra IKM"
admin.site.index_title = "Administrasi"

# A lost database connection anywhere in the stack answers 503, not a traceback (security.views).
handler500 = "security.views.server_error"
handler400 = "security.views.bad_request"  # JSON (413 for an oversized body) under /api/

urlpatterns = [
    path("", include("core.urls")),
    path("", include("operations.urls")),  # /readyz, /metrics
    path("", include("web.urls")),
    path("akun/", include("accounts.urls")),
    path("akun/2fa/", include("security.urls")),
    path("akun/sso/", include("security.oidc_urls")),
    path("i18n/setlang/", set_language, name="set_language"),  # saves the choice on the account (accounts.language)
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("sentra/", include("sentra.urls")),
    path("ikm/", include("ikm.urls")),
    path("fasilitas/", include("facilities.urls")),
    path("dak/", include("funding.urls")),
    path("laporan/", include("reports.urls")),
    path("impor/", include("imports.urls")),
    path("pendataan/", include("census.urls")),
    path("bukti/", include("evidence.urls")),
    path("peta/", include("geo.urls")),
    path("data/", include("opendata.urls")),  # issue 18: open data, no login
]
# No /media/ route in any mode: stored files (uploads, exports) are served only by views that check the
# user's scope first (core/files.py).
