from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.api.errors import api_not_found

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include("reports.api.urls")),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Registry resources (issue 4): list/retrieve/create/update/delete within the caller's region scope.
    path("", include("regions.api.urls")),
    path("", include("commodities.api.urls")),
    path("", include("sentra.api.urls")),
    path("", include("ikm.api.urls")),
    path("", include("facilities.api.urls")),
    path("", include("funding.api.urls")),
    path("", include("core.api.urls")),
    path("", include("census.api.urls")),
    path("", include("geo.api.urls")),
    path("", include("changes.api.urls")),  # issue 18: change feed
    path("", include("webhooks.api.urls")),  # issue 18: webhook subscriptions
    # Anything else under /api/v1/ answers in the API's JSON error shape, not the HTML 404 page.
    re_path(r"^[\s\S]*\Z", api_not_found),  # [\s\S], not ".": also a path with a newline in it
]
