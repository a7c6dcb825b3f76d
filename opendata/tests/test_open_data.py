"""Open data: figures for anyone, equal to the dashboards, with small cells (and what gives them away) hidden."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from core.testing.factories import (
    DakAllocationFactory, IkmUnitFactory, RoomFactory, SentraFactory, UserFactory, region_tree,
)
from accounts.models import Role
from opendata.suppression import suppress
from reports.selectors import aggregate
from reports.selectors.regions import drill_context
from reports.selectors import overview
from reports.selectors.params import dashboard_params
from django.http import QueryDict

SECRET_NAMES = ("Tenun Ina Rahasia", "9912345678901", "Bapak Pemilik", "Jl. Rahasia 7")


@pytest.fixture(autouse=True)
def fresh(settings):
    settings.OPENDATA_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture
def registry(alor_desa, belu_desa, loteng_desa):
    """Alor: 2 small + 5 medium-class units (2 is below the threshold); Belu: 4 small; Lombok Tengah: 6 small."""
    for _ in range(2):
        IkmUnitFactory(desa=alor_desa, workers_male=3, investment=10_000_000, name=SECRET_NAMES[0], owner_name=SECRET_NAMES[2], address=SECRET_NAMES[3])
    IkmUnitFactory(desa=alor_desa, nib=SECRET_NAMES[1], workers_male=30, investment=2_000_000_000)
    for _ in range(4):
        IkmUnitFactory(desa=alor_desa, workers_male=25, investment=2_000_000_000)
    IkmUnitFactory.create_batch(4, desa=belu_desa, workers_male=2, investment=5_000_000)
    IkmUnitFactory.create_batch(6, desa=loteng_desa, workers_male=2, investment=5_000_000)
    for status in ("aktif", "aktif", "aktif", "tutup"):
        SentraFactory(desa=alor_desa, status=status)
    room_sentra = SentraFactory(desa=belu_desa)
    for _ in range(5):
        RoomFactory(sentra=room_sentra)
    DakAllocationFactory(kabupaten_kota=alor_desa.parent.parent, fiscal_year=2023, pagu=1_000_000_000, realisation=884_600_000)


def download(slug, wilayah=""):
    response = Client().get(f"/data/unduh/{slug}.json" + (f"?wilayah={wilayah}" if wilayah else ""))
    assert response.status_code == 200, response.content[:300]
    return {row["region"]: row for row in response.json()["rows"]}


@pytest.mark.django_db
def test_anyone_sees_national_province_and_kabupaten_pages_without_business_data(registry):
    visitor = Client()
    for url in ("/data/", "/data/wilayah/53/", "/data/wilayah/53.05/", "/data/dataset/ikm-kelas/", "/data/katalog.jsonld",
                "/data/unduh/ikm-kelas.csv", "/data/unduh/ikm-kelas.json?wilayah=53"):
        response = visitor.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not any(secret in body for secret in SECRET_NAMES), url
    assert visitor.get("/data/wilayah/53.05.03/").status_code == 404  # kecamatan: not published
    assert visitor.get("/data/wilayah/99/").status_code == 404
    assert visitor.get("/data/unduh/gaji.csv").status_code == 404


@pytest.mark.django_db
def test_small_cells_and_their_complements_are_hidden(registry):
    rows = download("ikm-kelas")
    alor = rows["53.05"]
    # 2 small units: hidden; with 5 medium shown, the total would give it away: the medium cell is hidden too.
    assert alor["units_kecil"] is None and alor["units_menengah"] is None
    assert alor["workers_kecil"] is None and alor["workers_menengah"] is None
    keys = ["units_kecil", "units_menengah", "units_besar", "units_total"]
    # No equation has exactly one hidden cell: not a row (classes add up to the total) ...
    for row in rows.values():
        assert [row[key] for key in keys].count(None) != 1, row
    # ... nor a column (kabupaten/kota add up to their province, provinces to Indonesia).
    for key in keys:
        for parent, children in ((None, ["53", "52"]), ("53", ["53.05", "53.04"]), ("52", ["52.02"])):
            assert [rows[code][key] for code in [*children, parent]].count(None) != 1, (key, parent)
    # What is shown is the truth.
    units = IkmUnitFactory._meta.model.objects
    for code, row in rows.items():
        scoped = units.all() if code is None else units.filter(desa__code__startswith=code + ".")
        if row["units_total"] is not None:
            assert row["units_total"] == scoped.count()


@pytest.fixture
def big_registry(alor_desa, belu_desa):
    """No cell below the threshold: nothing hidden, every figure comparable with the dashboards."""
    IkmUnitFactory.create_batch(3, desa=alor_desa, workers_male=3, investment=10_000_000)
    IkmUnitFactory.create_batch(4, desa=belu_desa, workers_male=25, investment=2_000_000_000)
    for status in ("aktif", "aktif", "aktif", "tutup", "tutup", "tutup"):
        SentraFactory(desa=alor_desa, status=status)
    for _ in range(3):
        SentraFactory(desa=belu_desa, status="kurang_aktif")
    room_sentra = SentraFactory(desa=belu_desa, status="kurang_aktif")
    for _ in range(5):
        RoomFactory(sentra=room_sentra)
    DakAllocationFactory(kabupaten_kota=alor_desa.parent.parent, fiscal_year=2023, pagu=1_000_000_000, realisation=884_600_000)


@pytest.mark.django_db
def test_csv_leaves_hidden_cells_empty(registry):
    lines = Client().get("/data/unduh/ikm-kelas.csv?wilayah=53.05").content.decode().splitlines()
    header, alor = lines[0].split(","), lines[-1].split(",")
    assert alor[0] == "53.05"
    assert alor[header.index("units_kecil")] == ""


@pytest.mark.django_db
def test_figures_match_the_dashboards(big_registry, alor_desa):
    analyst = UserFactory(role=Role.ANALYST)
    for code in ("", "53"):
        dashboard = overview(user=analyst, drill=drill_context(user=analyst, code=code), params=dashboard_params(QueryDict(), code))
        sentra = download("sentra-status", code)
        units = download("ikm-kelas", code)
        for region in dashboard["regions"]:
            assert sentra[region["code"]]["total"] == region["sentra_total"]
            for status, count in region["sentra"].items():
                assert sentra[region["code"]][status] == count
            assert units[region["code"]]["units_total"] == region["count"]
            assert units[region["code"]]["workers_total"] == region["workers_total"]
        assert sentra[code or None]["total"] == dashboard["totals"]["sentra_total"] == 10
    dak = [row for row in Client().get("/data/unduh/dak-fisik-ikm.json").json()["rows"] if row["region"] == "53.05"]
    assert dak == [{"region": "53.05", "region_name": alor_desa.parent.parent.name, "level": 2, "year": 2023, "recipients": 1,
                    "pagu": 1_000_000_000, "realisation": 884_600_000, "absorption_percent": 88.46}]
    rooms = download("ruang-produksi")
    assert rooms["53.04"]["built"] == rooms["53.04"]["kosong"] == 5


@pytest.mark.django_db
def test_dcat_catalogue_describes_every_dataset(registry):
    response = Client().get("/data/katalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    datasets = catalogue["dcat:dataset"]
    assert {d["dct:identifier"] for d in datasets} == {"sentra-status", "sentra-komoditas", "ikm-kelas", "ruang-produksi", "dak-fisik-ikm"}
    for dataset in datasets:
        assert dataset["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
        assert dataset["dct:title"] and dataset["dct:description"] and dataset["dct:publisher"]["foaf:name"]
        assert {d["dcat:mediaType"] for d in dataset["dcat:distribution"]} == {"text/csv", "application/json"}
        assert Client().get(dataset["dcat:distribution"][0]["dcat:downloadURL"]["@id"]).status_code == 200


@pytest.mark.django_db
def test_switched_off_everything_answers_404(registry, settings):
    settings.OPENDATA_ENABLED = False
    for url in ("/data/", "/data/wilayah/53/", "/data/katalog.jsonld", "/data/unduh/ikm-kelas.csv", "/data/dataset/ikm-kelas/"):
        assert Client().get(url).status_code == 404, url


@pytest.mark.django_db
def test_each_address_is_throttled(registry, settings):
    settings.OPENDATA_RATE = "3/min"
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    assert [visitor.get("/data/katalog.jsonld").status_code for _ in range(3)] == [200, 200, 200]
    response = visitor.get("/data/katalog.jsonld")
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert Client(REMOTE_ADDR="203.0.113.10").get("/data/katalog.jsonld").status_code == 200


@pytest.mark.django_db
def test_pages_are_cached_and_cost_a_few_queries(registry, settings, django_assert_max_num_queries):
    settings.OPENDATA_CACHE_SECONDS = 600
    Client().get("/data/")  # fills the cache
    with django_assert_max_num_queries(4):  # region names only
        assert Client().get("/data/wilayah/53/").status_code == 200


def test_complementary_suppression_leaves_no_equation_with_one_unknown():
    cells = {"a": 2, "b": 5, "c": 0, "t": 7, "x": 4, "y": 9, "u": 13}
    hidden = suppress(cells, [["a", "b", "c", "t"], ["x", "y", "u"], ["a", "x", "col"]], threshold=3)
    assert hidden == {"a", "b", "x", "y"}
    assert suppress({"a": 0, "b": 4, "t": 4}, [["a", "b", "t"]], threshold=3) == set()


@pytest.mark.django_db
def test_stale_figures_are_served_while_the_worker_recomputes_them(big_registry, alor_desa, settings):
    from django_tasks_db.models import DBTaskResult

    from opendata.selectors import _key
    from opendata.tasks import refresh_dataset

    settings.OPENDATA_CACHE_SECONDS = 600
    assert download("ikm-kelas")["53.05"]["units_total"] == 3
    IkmUnitFactory.create_batch(3, desa=alor_desa, workers_male=3, investment=10_000_000)
    assert download("ikm-kelas")["53.05"]["units_total"] == 3  # fresh for 10 minutes: no recomputation
    entry = cache.get(_key("ikm-kelas"))
    cache.set(_key("ikm-kelas"), {**entry, "fresh_until": 0}, 600)
    assert download("ikm-kelas")["53.05"]["units_total"] == 3  # stale: served at once, a job queued
    assert DBTaskResult.objects.filter(task_path="opendata.tasks.refresh_dataset").count() == 1
    assert download("ikm-kelas")["53.05"]["units_total"] == 3  # one job, not one per visitor
    assert DBTaskResult.objects.filter(task_path="opendata.tasks.refresh_dataset").count() == 1
    refresh_dataset.call("ikm-kelas")  # what the worker runs
    assert download("ikm-kelas")["53.05"]["units_total"] == 6
