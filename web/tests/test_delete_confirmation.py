"""Delete asks first and shows what goes with the record (issue 12: "Hapus" on the Mali sentra, 20 rooms and
18 members, deleted at once)."""

import pytest
from django.urls import reverse

from core.testing.factories import (
    CertificationFactory, IkmUnitFactory, MachineFactory, MembershipFactory, RoomFactory, SentraFactory, YearlyFigureFactory,
)
from ikm.models import IkmUnit
from sentra.models import Sentra

pytestmark = pytest.mark.django_db


@pytest.fixture
def mali(alor_desa):
    """The facility at Mali: 20 rooms, 18 occupied by its 18 members, 4 actively used; three machines."""
    sentra = SentraFactory(name="Sentra Mali", code="ALR-MALI", desa=alor_desa)
    members = [IkmUnitFactory(name=f"Anyaman {n:02d}", desa=alor_desa) for n in range(18)]
    for unit in members:
        MembershipFactory(ikm=unit, sentra=sentra)
    for n in range(20):
        occupant = members[n] if n < 18 else None
        state = "kosong" if occupant is None else ("aktif" if n < 4 else "terisi")
        RoomFactory(sentra=sentra, name=f"Ruang {n + 1:02d}", occupant=occupant, state=state)
    for _ in range(3):
        MachineFactory(sentra=sentra)
    YearlyFigureFactory(sentra=sentra, year=2024)
    return sentra


def test_the_detail_page_links_to_a_confirmation_instead_of_deleting(client, alor_staff, mali):
    client.force_login(alor_staff)
    page = client.get(reverse("sentra:detail", args=[mali.pk])).content.decode()
    delete_url = reverse("sentra:delete", args=[mali.pk])
    assert f'<a class="button danger" href="{delete_url}">Hapus</a>' in page
    assert f'action="{delete_url}"' not in page  # no one-click form any more


def test_the_confirmation_shows_rooms_members_and_machines(client, alor_staff, mali):
    client.force_login(alor_staff)
    response = client.get(reverse("sentra:delete", args=[mali.pk]))
    assert response.status_code == 200
    listed = {item["label"]: item["count"] for item in response.context["consequences"]}
    assert listed == {"Ruang produksi": 20, "Ruang yang sedang dipakai": 18, "Anggota (unit IKM)": 18, "Mesin/peralatan": 3,
                      "Kinerja tahunan": 1}
    page = response.content.decode()
    assert "Ruang produksi: 20" in page and "Anggota (unit IKM): 18" in page and "Ya, hapus" in page
    assert Sentra.objects.get(pk=mali.pk).deleted_at is None  # looking deletes nothing


def test_only_a_confirmed_post_deletes(client, alor_staff, mali):
    client.force_login(alor_staff)
    url = reverse("sentra:delete", args=[mali.pk])
    unconfirmed = client.post(url, {"version": mali.version})
    assert unconfirmed.status_code == 302 and unconfirmed["Location"] == url
    assert Sentra.objects.get(pk=mali.pk).deleted_at is None
    confirmed = client.post(url, {"version": mali.version, "confirm": "yes"})
    assert confirmed.status_code == 302
    assert Sentra.all_objects.get(pk=mali.pk).deleted_at is not None


def test_an_ikm_units_confirmation_lists_its_memberships_rooms_and_certificates(client, alor_staff, mali):
    unit = IkmUnit.objects.get(name="Anyaman 00")
    CertificationFactory(ikm=unit, kind="halal", number="ID-1")
    client.force_login(alor_staff)
    response = client.get(reverse("ikm:delete", args=[unit.pk]))
    listed = {item["label"]: (item["count"], item["names"]) for item in response.context["consequences"]}
    assert listed["Keanggotaan sentra"] == (1, ["Sentra Mali"])
    assert listed["Ruang yang dipakai unit ini (tetap tercatat dipakai sampai diubah)"] == (1, ["Sentra Mali: Ruang 01"])
    assert listed["Sertifikasi"][0] == 1


def test_the_confirmation_is_scoped_like_the_record(client, belu_staff, analyst, mali):
    client.force_login(belu_staff)
    assert client.get(reverse("sentra:delete", args=[mali.pk])).status_code == 404
    client.force_login(analyst)
    assert client.get(reverse("sentra:delete", args=[mali.pk])).status_code == 403
