"""'Data masih valid' without editing, the stale list, history of changes and undo of a delete."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core.testing.factories import IkmUnitFactory, SentraFactory
from ikm.models import IkmUnit
from sentra.models import Sentra
from sentra.services import sentra_update


def test_verify_button_stamps_the_sentra_without_a_new_version(client, alor_staff):
    sentra = SentraFactory()
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:verify", args=[sentra.pk]), follow=True)
    sentra.refresh_from_db()
    assert sentra.last_verified_by == alor_staff and sentra.version == 1
    assert "data masih valid" in response.content.decode()


def test_verify_ikm(client, ntt_staff):
    unit = IkmUnitFactory()
    client.force_login(ntt_staff)  # provincial staff verify, even though they do not edit
    client.post(reverse("ikm:verify", args=[unit.pk]))
    unit.refresh_from_db()
    assert unit.last_verified_by == ntt_staff


def test_stale_list_shows_only_overdue_records(client, alor_staff):
    fresh = SentraFactory(name="Baru diverifikasi")
    overdue = SentraFactory(name="Lama sekali")
    Sentra.objects.filter(pk=fresh.pk).update(last_verified_at=timezone.now())
    Sentra.objects.filter(pk=overdue.pk).update(last_verified_at=timezone.now() - timedelta(days=400))
    client.force_login(alor_staff)
    page = client.get(reverse("sentra:list") + "?verified=stale").content.decode()
    assert "Lama sekali" in page and "Baru diverifikasi" not in page
    home = client.get(reverse("home"))
    assert home.context["sentra_stale"] == 1


def test_history_shows_who_and_old_and_new_values(client, alor_staff):
    sentra = SentraFactory(name="Sentra Lama")
    sentra_update(user=alor_staff, sentra=sentra, data={"name": "Sentra Baru"})
    client.force_login(alor_staff)
    response = client.get(reverse("sentra:history", args=[sentra.pk]))
    entry = response.context["entries"][0]
    assert entry["who"] == "alor"
    assert {"label": "Nama sentra", "old": "Sentra Lama", "new": "Sentra Baru"} in entry["changes"]
    page = response.content.decode()
    assert "Sentra Lama" in page and "Sentra Baru" in page


def test_delete_then_restore_a_sentra(client, alor_staff):
    sentra = SentraFactory(name="Sentra Terhapus")
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:delete", args=[sentra.pk]), {"version": sentra.version, "confirm": "yes"})
    assert response["Location"] == reverse("sentra:deleted")
    assert not Sentra.objects.filter(pk=sentra.pk).exists()
    assert "Sentra Terhapus" not in client.get(reverse("sentra:list")).content.decode()
    assert "Sentra Terhapus" in client.get(reverse("sentra:deleted")).content.decode()
    client.post(reverse("sentra:restore", args=[sentra.pk]))
    assert Sentra.objects.filter(pk=sentra.pk).exists()
    reasons = list(sentra.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[-2:] == ["delete", "restore"]


def test_delete_then_restore_an_ikm_unit(client, alor_staff):
    unit = IkmUnitFactory()
    client.force_login(alor_staff)
    client.post(reverse("ikm:delete", args=[unit.pk]), {"version": unit.version, "confirm": "yes"})
    assert not IkmUnit.objects.filter(pk=unit.pk).exists()
    client.post(reverse("ikm:restore", args=[unit.pk]))
    assert IkmUnit.objects.filter(pk=unit.pk).exists()


def test_delete_with_a_stale_version_is_refused(client, alor_staff, admin_user):
    sentra = SentraFactory()
    sentra_update(user=admin_user, sentra=sentra, data={"name": "Diubah orang lain"})
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:delete", args=[sentra.pk]), {"version": 1, "confirm": "yes"}, follow=True)
    assert Sentra.objects.filter(pk=sentra.pk).exists()
    assert "telah diubah oleh pengguna lain" in response.content.decode()


def test_history_shows_choice_labels_and_years_as_written(client, alor_staff):
    sentra = SentraFactory(founding_year=2009)
    sentra_update(user=alor_staff, sentra=sentra, data={"status": "kurang_aktif", "founding_year": 2010})
    client.force_login(alor_staff)
    changes = client.get(reverse("sentra:history", args=[sentra.pk])).context["entries"][0]["changes"]
    assert {"label": "Status", "old": "Aktif", "new": "Kurang aktif"} in changes
    assert {"label": "Tahun berdiri", "old": "2009", "new": "2010"} in changes


def test_detail_page_prints_numbers_the_indonesian_way(client, alor_staff):
    unit = IkmUnitFactory(investment=1_250_000)
    client.force_login(alor_staff)
    page = client.get(reverse("ikm:detail", args=[unit.pk])).content.decode()
    assert "1.250.000" in page


def test_history_of_a_sentra_includes_commodity_changes(client, alor_staff):
    from core.testing.factories import CommodityFactory
    from sentra.services import sentra_set_commodities

    sentra = SentraFactory()
    gerabah = CommodityFactory(name="Gerabah")
    sentra_set_commodities(user=alor_staff, sentra=sentra, commodity_ids=[gerabah.pk])
    client.force_login(alor_staff)
    entries = client.get(reverse("sentra:history", args=[sentra.pk])).context["entries"]
    added = [e for e in entries if e["what"] == "Komoditas ditambahkan" and e["who"] == "alor"]
    assert added and added[0]["changes"][0]["label"] == "Gerabah (utama)"
    assert any(e["what"] == "Komoditas dilepas" for e in entries)
