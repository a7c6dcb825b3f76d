"""The home page after login: counts of the user's region, each linking into the filtered list."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core.testing.factories import IkmUnitFactory, MembershipFactory, RoomFactory, SentraFactory
from sentra.models import Sentra


def test_login_lands_on_home(client, alor_staff):
    response = client.post(reverse("login"), {"username": "alor", "password": "rahasia-uji-123"})
    assert response["Location"] == reverse("home")


def test_home_counts_and_links(client, alor_staff):
    active = SentraFactory(status="aktif")
    SentraFactory(status="tutup")
    member = MembershipFactory(sentra=active)
    IkmUnitFactory()
    RoomFactory(sentra=active)
    RoomFactory(sentra=active, state="aktif", occupant=member.ikm)
    Sentra.objects.filter(pk=active.pk).update(last_verified_at=timezone.now() - timedelta(days=10), updated_at=timezone.now() - timedelta(days=11))
    client.force_login(alor_staff)
    context = client.get(reverse("home")).context
    assert context["sentra_total"] == 2
    by_status = {s["value"]: s for s in context["sentra_by_status"]}
    assert by_status["aktif"]["count"] == 1 and by_status["tutup"]["count"] == 1
    assert by_status["tutup"]["url"] == "/sentra/?status=tutup"
    assert context["ikm_total"] == 2
    assert context["rooms_total"] == 2
    assert {r["label"]: r["count"] for r in context["rooms_by_state"]}["Aktif digunakan"] == 1
    assert context["sentra_stale"] == 1 and context["ikm_stale"] == 2
    assert context["sentra_stale_url"] == "/sentra/?verified=stale"


def test_status_link_filters_the_list(client, alor_staff):
    SentraFactory(name="Masih jalan", status="aktif")
    SentraFactory(name="Sudah tutup", status="tutup")
    client.force_login(alor_staff)
    page = client.get("/sentra/?status=tutup").content.decode()
    assert "Sudah tutup" in page and "Masih jalan" not in page
