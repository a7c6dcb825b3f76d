from django.urls import include, path

from . import guide, home, regions, search

app_name_patterns = [
    path("wilayah/anak/", regions.region_children, name="region_children"),
]

# "home" stays un-namespaced: settings.LOGIN_REDIRECT_URL names it.
urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("bantuan/", guide.help_page, name="help"),
    path("cari/", search.global_search, name="search"),
    path("", include((app_name_patterns, "web"))),
]
