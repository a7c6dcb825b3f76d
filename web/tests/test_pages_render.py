"""Every data-entry page renders for a kabupaten officer (smoke test over list, detail, form and history pages)."""

import pytest
from django.urls import reverse

from core.testing.factories import (
    CertificationFactory, DakActivityFactory, DakAllocationFactory, IkmUnitFactory, MachineFactory, MembershipFactory,
    RoomFactory, SentraFactory, YearlyFigureFactory,
)


@pytest.fixture
def records(alor_staff):
    sentra = SentraFactory()
    ikm = IkmUnitFactory()
    MembershipFactory(ikm=ikm, sentra=sentra)
    CertificationFactory(ikm=ikm)
    allocation = DakAllocationFactory()
    return {
        "sentra": sentra, "ikm": ikm, "room": RoomFactory(sentra=sentra), "machine": MachineFactory(sentra=sentra),
        "allocation": allocation, "activity": DakActivityFactory(allocation=allocation, sentra=sentra),
        "figure": YearlyFigureFactory(sentra=sentra),
    }


PAGES = [
    ("home", None), ("sentra:list", None), ("sentra:create", None), ("sentra:deleted", None),
    ("sentra:detail", "sentra"), ("sentra:update", "sentra"), ("sentra:history", "sentra"),
    ("ikm:list", None), ("ikm:create", None), ("ikm:deleted", None),
    ("ikm:detail", "ikm"), ("ikm:update", "ikm"), ("ikm:history", "ikm"),
    ("ikm:figure_list", None), ("ikm:figure_detail", "figure"), ("ikm:figure_update", "figure"), ("ikm:figure_history", "figure"),
    ("facilities:room_list", None), ("facilities:room_detail", "room"), ("facilities:room_update", "room"),
    ("facilities:room_history", "room"),
    ("facilities:machine_list", None), ("facilities:machine_detail", "machine"), ("facilities:machine_update", "machine"),
    ("facilities:machine_history", "machine"),
    ("funding:allocation_list", None), ("funding:allocation_create", None), ("funding:allocation_detail", "allocation"),
    ("funding:allocation_update", "allocation"), ("funding:allocation_history", "allocation"),
    ("funding:activity_list", None), ("funding:activity_detail", "activity"), ("funding:activity_update", "activity"),
    ("funding:activity_history", "activity"),
]


@pytest.mark.parametrize("name,key", PAGES)
def test_page_renders(client, alor_staff, records, name, key):
    client.force_login(alor_staff)
    url = reverse(name, args=[records[key].pk]) if key else reverse(name)
    response = client.get(url)
    assert response.status_code == 200, url


@pytest.mark.parametrize("name,parent", [
    ("facilities:room_create", "sentra"), ("facilities:machine_create", "sentra"), ("ikm:figure_create", "sentra"),
    ("ikm:figure_create", "ikm"), ("ikm:certification_create", "ikm"), ("ikm:participation_create", "ikm"),
    ("ikm:membership_create", "ikm"), ("funding:activity_create", "allocation"),
])
def test_child_create_pages_render(client, alor_staff, records, name, parent):
    client.force_login(alor_staff)
    response = client.get(reverse(name) + f"?{parent}={records[parent].pk}")
    assert response.status_code == 200


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("sentra:list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
