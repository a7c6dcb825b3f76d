"""Dashboard pages run a fixed number of queries whatever the number of rows (aggregate SQL, no per-row Python)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing.factories import CommodityFactory, IkmUnitFactory, RoomFactory, SentraFactory
from ikm.models import IkmUnit
from facilities.models import Room
from sentra.models import Sentra

PAGES = ["/laporan/", "/laporan/fasilitas/", "/laporan/dak/", "/laporan/dampak/", "/laporan/kemutakhiran/", "/laporan/?region=53.05"]


def _grow(n, desa):
    commodity = CommodityFactory()
    template = IkmUnitFactory(desa=desa, commodity=commodity)
    IkmUnit.objects.bulk_create([IkmUnit(name=f"IKM {i}", desa=desa, commodity=commodity) for i in range(n)])
    sentra = [Sentra(code=f"GROW-{n}-{i}", name=f"Sentra {i}", desa=desa) for i in range(max(1, n // 10))]
    Sentra.objects.bulk_create(sentra)
    host = SentraFactory(desa=desa)
    Room.objects.bulk_create([Room(sentra=host, name=f"R{i}") for i in range(n)])
    return template


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", PAGES)
def test_same_queries_for_5_and_500_rows(client, demo, analyst, alor_desa, settings, url):
    settings.REPORTS_CACHE_SECONDS = 0
    client.force_login(analyst)
    _grow(5, alor_desa)
    small = _count(client, url)
    _grow(500, alor_desa)
    assert _count(client, url) == small


def test_overview_query_budget(client, demo, analyst, settings, django_assert_max_num_queries):
    settings.REPORTS_CACHE_SECONDS = 0
    client.force_login(analyst)
    with django_assert_max_num_queries(25):
        client.get("/laporan/")


def test_cached_dashboard_skips_aggregates(client, demo, analyst, django_assert_max_num_queries):
    client.force_login(analyst)
    client.get("/laporan/")
    with django_assert_max_num_queries(8):
        client.get("/laporan/")
