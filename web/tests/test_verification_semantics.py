"""What verification means after an edit (core.verification, README "Verification"): dinas staff enter,
someone else verifies. An edit never verifies; a record new or changed since its last verification awaits
verification; the person who made the latest change cannot confirm it; "Diverifikasi oleh" is a full name."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core.testing.factories import CommodityFactory, SentraFactory
from core.verification import AWAITING, OVERDUE, VERIFIED, verification_state
from sentra.models import Sentra


def create_sentra_by_form(client, user):
    commodity = CommodityFactory(name="Tenun ikat")
    client.force_login(user)
    response = client.post(reverse("sentra:create"), {
        "code": "ALR-777", "name": "Sentra Tenun Baru", "desa": "53.05.03.2001", "commodities": [commodity.pk], "status": "aktif",
    })
    assert response.status_code == 302, response.context["form"].errors
    return Sentra.objects.get(code="ALR-777")


def listed(client, verified):
    return [row["cells"][0]["text"] for row in client.get(reverse("sentra:list"), {"verified": verified}).context["table"]["rows"]]


def test_a_new_record_awaits_verification_by_someone_else(client, alor_staff, ntt_staff):
    alor_staff.first_name, alor_staff.last_name = "Petrus", "Lamma"
    alor_staff.save()
    ntt_staff.first_name, ntt_staff.last_name = "Maria", "Bataona"
    ntt_staff.save()
    sentra = create_sentra_by_form(client, alor_staff)
    assert verification_state(sentra) == AWAITING
    assert listed(client, "stale") == listed(client, "awaiting") == ["Sentra Tenun Baru"]
    assert client.get(reverse("home")).context["sentra_awaiting"] == 1

    page = client.get(reverse("sentra:detail", args=[sentra.pk]))
    html = page.content.decode()
    assert "Menunggu verifikasi (baru atau diubah sesudah verifikasi terakhir)" in html
    assert page.context["verify_url"] is None and 'data-testid="verify-note"' in html  # no button for one's own change

    history_before = sentra.history.count()
    refused = client.post(reverse("sentra:verify", args=[sentra.pk]), follow=True)
    assert "Perubahan terakhir data ini Anda buat sendiri" in refused.content.decode()
    sentra.refresh_from_db()
    assert sentra.last_verified_at is None and sentra.history.count() == history_before

    client.force_login(ntt_staff)  # the provincial office verifies what the dinas entered
    client.post(reverse("sentra:verify", args=[sentra.pk]))
    sentra.refresh_from_db()
    assert sentra.last_verified_by == ntt_staff and verification_state(sentra) == VERIFIED
    assert listed(client, "stale") == [] and listed(client, "fresh") == ["Sentra Tenun Baru"]
    html = client.get(reverse("sentra:detail", args=[sentra.pk])).content.decode()
    assert "<dd>Maria Bataona</dd>" in html and "<dd>ntt</dd>" not in html  # full name, as the history shows it

    # An edit afterwards does not verify: the record waits again.
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:update", args=[sentra.pk]), {
        "code": "ALR-777", "name": "Sentra Tenun Baru", "desa": "53.05.03.2001", "commodities": [sentra.commodities.get().pk],
        "status": "kurang_aktif", "version": sentra.version,
    })
    assert response.status_code == 302
    sentra.refresh_from_db()
    assert sentra.last_verified_by == ntt_staff and verification_state(sentra) == AWAITING
    assert listed(client, "awaiting") == ["Sentra Tenun Baru"] and listed(client, "fresh") == []


def test_a_colleague_at_the_same_dinas_may_verify(client, alor_staff):
    from core.testing.factories import UserFactory

    sentra = create_sentra_by_form(client, alor_staff)
    colleague = UserFactory(username="alor2", role="district", region_id="53.05")
    client.force_login(colleague)
    assert client.get(reverse("sentra:detail", args=[sentra.pk])).context["verify_url"]
    client.post(reverse("sentra:verify", args=[sentra.pk]))
    sentra.refresh_from_db()
    assert sentra.last_verified_by == colleague


def test_overdue_is_unchanged_but_verified_too_long_ago(client, alor_staff):
    old = SentraFactory(name="Lama")
    now = timezone.now()
    Sentra.objects.filter(pk=old.pk).update(updated_at=now - timedelta(days=500), last_verified_at=now - timedelta(days=400))
    old.refresh_from_db()
    assert verification_state(old) == OVERDUE
    client.force_login(alor_staff)
    assert listed(client, "overdue") == ["Lama"] and listed(client, "awaiting") == [] and listed(client, "stale") == ["Lama"]


def test_freshness_dashboard_counts_a_changed_record_as_not_verified(client, analyst, alor_desa):
    kept, changed = SentraFactory(desa=alor_desa), SentraFactory(desa=alor_desa)
    now = timezone.now()
    Sentra.objects.filter(pk=kept.pk).update(updated_at=now - timedelta(days=40), last_verified_at=now - timedelta(days=30))
    Sentra.objects.filter(pk=changed.pk).update(updated_at=now - timedelta(days=1), last_verified_at=now - timedelta(days=30))
    client.force_login(analyst)
    data = client.get("/laporan/kemutakhiran/").context["data"]
    assert (data["totals"]["sentra_fresh"], data["totals"]["sentra_total"]) == (1, 2)
