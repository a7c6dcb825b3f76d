"""A partner token scoped to Kab. Belu (53.04) never sees, nor changes, a Kab. Alor (53.05) record."""

import pytest

from core.api.testing import token_client
from core.testing.factories import (
    CertificationFactory,
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

LISTS = [
    "regions", "commodities", "sentra", "ikm-units", "memberships", "certifications", "rooms", "machines",
    "dak-allocations", "dak-activities", "yearly-figures", "deletions",
]


def make_records(desa):
    sentra = SentraFactory(desa=desa, name=f"Sentra {desa.code}")
    ikm = IkmUnitFactory(desa=desa)
    room = RoomFactory(sentra=sentra)
    allocation = DakAllocationFactory(kabupaten_kota=desa.parent.parent)
    return {
        "sentra": sentra,
        "ikm-units": ikm,
        "memberships": MembershipFactory(ikm=ikm, sentra=sentra),
        "certifications": CertificationFactory(ikm=ikm),
        "rooms": room,
        "machines": MachineFactory(sentra=sentra, room=room),
        "dak-allocations": allocation,
        "dak-activities": DakActivityFactory(allocation=allocation, sentra=sentra),
        "yearly-figures": YearlyFigureFactory(sentra=sentra),
    }


@pytest.fixture
def alor_records(alor_desa, admin_user):
    records = make_records(alor_desa)
    record_delete(user=admin_user, instance=RoomFactory(sentra=records["sentra"], name="Dibongkar"))  # a tombstone
    return records


@pytest.fixture
def belu_records(belu_desa):
    return make_records(belu_desa)


@pytest.mark.django_db
@pytest.mark.parametrize("read_write", [False, True])
def test_lists_hold_no_alor_record(alor_records, belu_records, read_write):
    client = token_client("53.04", read_write=read_write)
    for resource in LISTS:
        for query in ("", "?updated_since=2000-01-01T00:00:00Z", "?region=53.05", "?page_size=1000"):
            if resource in ("regions", "commodities") and query.startswith(("?updated_since", "?region")):
                continue  # catalogues have neither filter: an unknown parameter is refused (test_query_contract.py)
            response = client.get(f"/api/v1/{resource}/{query}")
            assert response.status_code == 200, (resource, query, response.content[:300])
            assert b"53.05" not in response.content, (resource, query)
            assert b"Alor" not in response.content, (resource, query)
            if resource in alor_records:
                ids = {row["id"] for row in response.json()["results"]}
                assert alor_records[resource].pk not in ids, (resource, query)


@pytest.mark.django_db
def test_belu_sees_its_own_records(alor_records, belu_records):
    client = token_client("53.04")
    for resource, record in belu_records.items():
        assert client.get(f"/api/v1/{resource}/{record.pk}/").status_code == 200, resource


@pytest.mark.django_db
def test_alor_records_answer_404_to_read_and_write(alor_records, belu_records):
    client = token_client("53.04", read_write=True)
    for resource, record in alor_records.items():
        url = f"/api/v1/{resource}/{record.pk}/"
        assert client.get(url).status_code == 404, resource
        assert client.patch(url, {}, format="json").status_code == 404, resource
        assert client.put(url, {}, format="json").status_code == 404, resource
        assert client.delete(url).status_code == 404, resource
        record.refresh_from_db()
    sentra = alor_records["sentra"]
    sentra.refresh_from_db()
    assert sentra.deleted_at is None and sentra.version == 1


@pytest.mark.django_db
def test_natural_keys_of_alor_are_not_found_nor_writable(alor_records, belu_records):
    client = token_client("53.04", read_write=True)
    ikm, sentra = alor_records["ikm-units"], alor_records["sentra"]
    assert client.get(f"/api/v1/ikm-units/by-nib/{ikm.nib}/").status_code == 404
    assert client.get(f"/api/v1/sentra/by-code/{sentra.code}/").status_code == 404
    response = client.put(f"/api/v1/ikm-units/by-nib/{ikm.nib}/", {"name": "Diambil alih", "desa": "53.04.22.1004", "commodity": ikm.commodity.code}, format="json")
    assert response.status_code == 400  # the NIB is taken; the Alor unit itself is untouched
    ikm.refresh_from_db()
    assert ikm.name != "Diambil alih" and ikm.desa_id.startswith("53.05")


@pytest.mark.django_db
def test_alor_cannot_be_referenced_or_written_into(alor_records, belu_records):
    client = token_client("53.04", read_write=True)
    alor_sentra, alor_ikm = alor_records["sentra"], alor_records["ikm-units"]
    response = client.post("/api/v1/rooms/", {"sentra": alor_sentra.code, "name": "R9"}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "sentra"
    response = client.post("/api/v1/memberships/", {"ikm": alor_ikm.pk, "sentra": belu_records["sentra"].code}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "ikm"
    response = client.post(
        "/api/v1/sentra/", {"code": "BARU-1", "name": "Sentra baru", "desa": "53.05.03.2001"}, format="json"
    )
    assert response.status_code == 403
    response = client.patch(f"/api/v1/sentra/{belu_records['sentra'].pk}/", {"desa": "53.05.03.2001"}, format="json")
    assert response.status_code == 403
    belu_sentra = belu_records["sentra"]
    belu_sentra.refresh_from_db()
    assert belu_sentra.desa_id == "53.04.22.1004"


@pytest.mark.django_db
def test_a_national_token_does_see_alor(alor_records, belu_records):
    # Guards the test above against passing vacuously (e.g. every list empty).
    client = token_client(None)
    for resource in LISTS:
        if resource == "commodities":
            continue
        query = "" if resource == "regions" else "?updated_since=2000-01-01T00:00:00Z"
        response = client.get(f"/api/v1/{resource}/{query}")
        assert b"53.05" in response.content or resource in ("memberships", "certifications"), resource
        if resource in alor_records:
            assert alor_records[resource].pk in {row["id"] for row in response.json()["results"]}, resource
