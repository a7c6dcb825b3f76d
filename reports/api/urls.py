from django.urls import path

from .views import AGGREGATE_VIEWS, ReportDetailView, ReportListView

# /api/v1/aggregates/<resource>/ and /api/v1/reports/<identifier>/
urlpatterns = [
    *[path(f"aggregates/{name.replace('_', '-')}/", view.as_view(), name=f"api-aggregates-{name}") for name, view in AGGREGATE_VIEWS.items()],
    path("reports/", ReportListView.as_view(), name="api-reports"),
    path("reports/<slug:identifier>/", ReportDetailView.as_view(), name="api-report"),
]
