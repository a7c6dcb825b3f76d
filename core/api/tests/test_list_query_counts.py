"""Every API list costs the same number of queries for 5 rows as for 500 (names come joined, not per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.api.testing import token_client
from core.testing.factories import (
    CertificationFactory,
    CommodityFactory,
    DakActivityFactory,
    DakAllocationFactory,
    IkmUnitFactory,
    MachineFactory,
    MembershipFactory,
    RoomFactory,
    SentraFactory,
    YearlyFigureFactory,
)
from core.services import record_delete
from regions.models import Region


def sentra_rows(n, ctx):
    SentraFactory.create_batch(n, desa=ctx["desa"], commodity=ctx["commodity"])


def ikm_rows(n, ctx):
    IkmUnitFactory.create_batch(n, desa=ctx["desa"], commodity=ctx["commodity"])


def membership_rows(n, ctx):
    for ikm in IkmUnitFactory.create_batch(n, desa=ctx["desa"], commodity=ctx["commodity"]):
        MembershipFactory(ikm=ikm, sentra=ctx["sentra"])


def certification_rows(n, ctx):
    CertificationFactory.create_batch(n, ikm=ctx["ikm"])


def room_rows(n, ctx):
    RoomFactory.create_batch(n, sentra=ctx["sentra"])


def machine_rows(n, ctx):
    room = RoomFactory(sentra=ctx["sentra"])
    MachineFactory.create_batch(n, sentra=ctx["sentra"], room=room)


def allocation_rows(n, ctx):
    # One allocation per fiscal year and kabupaten/kota: spread them over many kabupaten.
    for _ in range(n):
        index = ctx["allocations"] = ctx.get("allocations", -1) + 1
        kab = ctx.setdefault("kabs", {}).get(index // 15)
        if kab is None:
            kab = ctx["kabs"][index // 15] = Region.objects.create(code=f"53.{10 + index // 15:02d}", name="Kab", level=2, kind="kabupaten", parent_id="53")
        DakAllocationFactory(kabupaten_kota=kab, fiscal_year=2010 + index % 15)


def activity_rows(n, ctx):
    if "allocation" not in ctx:
        ctx["allocation"] = DakAllocationFactory(kabupaten_kota=ctx["desa"].parent.parent, pagu=10**15)
        ctx["room"] = RoomFactory(sentra=ctx["sentra"])
    allocation, room = ctx["allocation"], ctx["room"]
    for activity in DakActivityFactory.create_batch(n, allocation=allocation, sentra=ctx["sentra"]):
        activity.rooms.add(room)


def figure_rows(n, ctx):
    for ikm in IkmUnitFactory.create_batch(n, desa=ctx["desa"], commodity=ctx["commodity"]):
        YearlyFigureFactory(sentra=None, ikm=ikm)


def region_rows(n, ctx):
    start = Region.objects.filter(level=4).count()
    Region.objects.bulk_create(
        Region(code=f"53.05.03.{3000 + start + index:04d}", name="Desa", level=4, kind="desa", parent_id="53.05.03")
        for index in range(n)
    )


def deletion_rows(n, ctx):
    for room in RoomFactory.create_batch(n, sentra=ctx["sentra"]):
        record_delete(user=ctx["admin"], instance=room)


CASES = [
    ("sentra", sentra_rows),
    ("ikm-units", ikm_rows),
    ("memberships", membership_rows),
    ("certifications", certification_rows),
    ("rooms", room_rows),
    ("machines", machine_rows),
    ("dak-allocations", allocation_rows),
    ("dak-activities", activity_rows),
    ("yearly-figures", figure_rows),
    ("regions", region_rows),
    ("commodities", lambda n, ctx: CommodityFactory.create_batch(n)),
    ("deletions", deletion_rows),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured), len(response.json()["results"])


@pytest.mark.django_db
@pytest.mark.parametrize("resource,make_rows", CASES, ids=[case[0] for case in CASES])
def test_list_query_count_is_constant(resource, make_rows, alor_desa, admin_user, django_assert_num_queries):
    commodity = CommodityFactory()
    sentra = SentraFactory(desa=alor_desa, commodity=commodity)
    ctx = {"desa": alor_desa, "commodity": commodity, "sentra": sentra, "admin": admin_user,
           "ikm": IkmUnitFactory(desa=alor_desa, commodity=commodity)}
    client = token_client(None)
    url = f"/api/v1/{resource}/?page_size=1000"
    client.get(url)  # the first request of a token records its use; later ones do not
    make_rows(5, ctx)
    few_queries, few_rows = count_queries(client, url)
    make_rows(495, ctx)
    with django_assert_num_queries(few_queries):
        response = client.get(url)
    assert len(response.json()["results"]) >= few_rows + 495
