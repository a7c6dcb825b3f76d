from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Registri Sentra IKM"
admin.site.site_title = "Registri Sentra IKM"
admin.site.index_title = "Administrasi"

# A lost database connection anywhere in the stack answers 503, not a traceback (security.views).
handler500 = "security.views.server_error"
handler400 = "security.views.bad_request"  # JSON (413 for an oversized body) under /api/

urlpatterns = [
    path("", include("core.urls")),
    path("", include("web.urls")),
    path("akun/", include("accounts.urls")),
    path("akun/2fa/", include("security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("sentra/", include("sentra.urls")),
    path("ikm/", include("ikm.urls")),
    path("fasilitas/", include("facilities.urls")),
    path("dak/", include("funding.urls")),
    path("laporan/", include("reports.urls")),
    path("impor/", include("imports.urls")),
]
# No /media/ route in any mode: stored files (uploads, exports) are served only by views that check the
# user's scope first (core/files.py).
