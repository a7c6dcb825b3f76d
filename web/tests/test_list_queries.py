"""List pages cost the same number of queries for 5 rows as for 500, and never count the whole table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commodities.models import Commodity
from core.testing.factories import (
    CommodityFactory, DakActivityFactory, DakAllocationFactory, DakMenuFactory, EquipmentTypeFactory, IkmUnitFactory, MachineFactory,
    RoomFactory, SentraFactory, YearlyFigureFactory,
)
from funding.models import DakAllocation
from ikm.models import IkmUnit
from sentra.models import Sentra, SentraCommodity


def make_sentra(n):
    commodity = Commodity.objects.first() or CommodityFactory()
    start = Sentra.all_objects.count()
    desa_id = SentraFactory.build().desa_id
    rows = Sentra.objects.bulk_create(Sentra(code=f"Q{start + i:06d}", name=f"Sentra {start + i}", desa_id=desa_id) for i in range(n))
    SentraCommodity.objects.bulk_create(SentraCommodity(sentra=s, commodity=commodity, is_primary=True) for s in rows)
    return rows


def make_ikm(n):
    template = IkmUnitFactory.build(commodity=Commodity.objects.first() or CommodityFactory())
    start = IkmUnit.all_objects.count()
    IkmUnit.objects.bulk_create(
        IkmUnit(name=f"Usaha {start + i}", nib=f"{8000000000000 + start + i}", desa_id=template.desa_id, commodity=template.commodity)
        for i in range(n)
    )


def make_rooms(n):
    sentra = make_sentra(1)[0]
    for i in range(n):
        RoomFactory.build(sentra=sentra).save()


def make_machines(n):
    sentra = make_sentra(1)[0]
    kind = EquipmentTypeFactory()
    MachineFactory._meta.model.objects.bulk_create(MachineFactory.build(sentra=sentra, equipment_type=kind) for _ in range(n))


def make_activities(n):
    allocation = DakAllocation.objects.first() or DakAllocationFactory(pagu=10**12)
    menu = DakMenuFactory()
    DakActivityFactory._meta.model.objects.bulk_create(
        DakActivityFactory.build(allocation=allocation, menu=menu, pagu=1000) for _ in range(n)
    )


def make_figures(n):
    sentra_rows = make_sentra(n)
    YearlyFigureFactory._meta.model.objects.bulk_create(
        YearlyFigureFactory.build(sentra=s, region_id=s.desa_id) for s in sentra_rows
    )


LISTS = [
    ("sentra:list", make_sentra, 500),
    ("ikm:list", make_ikm, 500),
    ("facilities:room_list", make_rooms, 120),
    ("facilities:machine_list", make_machines, 500),
    ("funding:activity_list", make_activities, 500),
    ("ikm:figure_list", make_figures, 500),
]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("name,make,many", LISTS)
def test_list_query_count_does_not_grow_with_rows(client, alor_staff, name, make, many, django_assert_num_queries):
    client.force_login(alor_staff)
    make(5)
    url = reverse(name) + "?page=1"
    few = queries_for(client, url)
    make(many)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["table"]["rows"]) == 50
    assert response.context["next_url"]  # more rows than one page: a "next" link...
    counts = [sql.upper() for sql in queries_for(client, url) if "COUNT(" in sql.upper()]
    # ... and the only count is bounded (LIMIT 1001 inside: "lebih dari 1.000"), never COUNT(*) of the table
    assert counts and all("LIMIT 1001" in sql for sql in counts)


def test_allocation_list_query_count_is_constant(client, alor_staff, alor_desa, django_assert_num_queries):
    client.force_login(alor_staff)
    kabupaten = alor_desa.parent.parent
    DakAllocation.objects.bulk_create(DakAllocation(fiscal_year=2010 + i, kabupaten_kota=kabupaten, pagu=1000) for i in range(3))
    few = len(queries_for(client, reverse("funding:allocation_list")))
    DakAllocation.objects.bulk_create(DakAllocation(fiscal_year=2013 + i, kabupaten_kota=kabupaten, pagu=1000) for i in range(12))
    with django_assert_num_queries(few):
        client.get(reverse("funding:allocation_list"))


def test_second_page_follows_the_first_without_overlap(client, alor_staff):
    make_sentra(60)
    client.force_login(alor_staff)
    first = client.get(reverse("sentra:list"))
    second = client.get(reverse("sentra:list") + "?page=2")
    names = lambda r: [row["cells"][0]["text"] for row in r.context["table"]["rows"]]  # noqa: E731
    assert len(names(first)) == 50 and len(names(second)) == 10
    assert not set(names(first)) & set(names(second))
    assert second.context["next_url"] is None and second.context["previous_url"]
