import pytest
from django.utils import timezone

from core.api.testing import token_client
from core.testing.factories import IkmUnitFactory, MembershipFactory, RoomFactory, SentraFactory
from facilities.models import Room
from ikm.models import YearlyFigure


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


@pytest.mark.django_db
def test_join_and_end_membership_vacates_rooms(client):
    sentra, unit = SentraFactory(), IkmUnitFactory()
    response = client.post("/api/v1/memberships/", {"ikm": unit.pk, "sentra": sentra.code}, format="json")
    assert response.status_code == 201, response.content
    membership_id = response.json()["id"]
    room = RoomFactory(sentra=sentra)
    assert client.patch(f"/api/v1/rooms/{room.pk}/", {"occupant": unit.pk, "state": "aktif"}, format="json").status_code == 200
    response = client.patch(f"/api/v1/memberships/{membership_id}/", {"left_on": timezone.localdate().isoformat()}, format="json")
    assert response.status_code == 200 and response.json()["is_current"] is False
    assert Room.objects.get(pk=room.pk).occupant is None


@pytest.mark.django_db
def test_second_open_membership_is_a_400(client):
    membership = MembershipFactory()
    response = client.post("/api/v1/memberships/", {"ikm": membership.ikm_id, "sentra": membership.sentra.code}, format="json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_pirt_number_rule_is_enforced(client):
    unit = IkmUnitFactory()
    response = client.post("/api/v1/certifications/", {"ikm": unit.pk, "kind": "pirt", "number": "123"}, format="json")
    assert response.status_code == 400
    response = client.post("/api/v1/certifications/", {"ikm": unit.pk, "kind": "pirt", "number": "123456789012345"}, format="json")
    assert response.status_code == 201
    assert client.get(f"/api/v1/certifications/?nib={unit.nib}").json()["results"][0]["ikm_name"] == unit.name


@pytest.mark.django_db
def test_yearly_figure_takes_its_region_from_the_subject(client):
    sentra = SentraFactory()
    response = client.post("/api/v1/yearly-figures/", {"year": 2023, "sentra": sentra.code, "workers_total": 30}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["region"]["kabupaten_kota"]["code"] == "53.05"
    assert YearlyFigure.objects.get().region_id == sentra.desa_id
    response = client.post("/api/v1/yearly-figures/", {"year": 2024}, format="json")
    assert response.status_code == 400
