"""Joining an IKM unit to a sentra: pick the sentra (or, from the sentra page, the unit) from a search inside the
user's scope; nothing typed by heart, nothing outside the region offered or accepted."""

from django.urls import reverse

from core.testing.factories import IkmUnitFactory, MembershipFactory, SentraFactory
from ikm.models import SentraMembership


def test_ikm_side_offers_the_sentra_of_the_scope_and_searches_by_name_or_code(client, alor_staff, belu_desa):
    unit = IkmUnitFactory()
    moramam = SentraFactory(name="Sentra Tenun Ikat Moramam", code="DEMO-5305-001")
    bambu = SentraFactory(name="Sentra Bambu Kabola", code="DEMO-5305-002")
    SentraFactory(name="Sentra Tenun Belu", code="DEMO-5304-001", desa=belu_desa)  # sibling kabupaten: never offered
    client.force_login(alor_staff)
    url = reverse("ikm:membership_create") + f"?ikm={unit.pk}"
    page = client.get(url).content.decode()
    assert "Kode sentra" not in page and "SNT-00001" not in page
    assert "Sentra Tenun Ikat Moramam (DEMO-5305-001)" in page and "Sentra Bambu Kabola" in page
    assert "Sentra Tenun Belu" not in page
    by_name = client.get(f"{url}&q=bambu").content.decode()
    assert "Sentra Bambu Kabola" in by_name and "Moramam" not in by_name
    by_code = client.get(f"{url}&q=5305-001").content.decode()
    assert "Moramam" in by_code and "Bambu" not in by_code
    assert "Tenun Belu" not in client.get(f"{url}&q=tenun").content.decode()

    response = client.post(url, {"q": "bambu", "sentra": bambu.code, "joined_on": "2024-03-01"})
    assert response.status_code == 302
    membership = SentraMembership.objects.get(ikm=unit)
    assert membership.sentra == bambu and str(membership.joined_on) == "2024-03-01"
    assert membership.history.get().history_user == alor_staff
    # A current membership is not offered again.
    assert "Sentra Bambu Kabola" not in client.get(url).content.decode()
    assert moramam.code in client.get(url).content.decode()


def test_a_posted_sentra_outside_the_scope_is_refused_and_nothing_is_written(client, alor_staff, belu_desa):
    unit = IkmUnitFactory()
    belu = SentraFactory(code="DEMO-5304-001", desa=belu_desa)
    client.force_login(alor_staff)
    response = client.post(reverse("ikm:membership_create") + f"?ikm={unit.pk}", {"sentra": belu.code})
    assert response.status_code == 200
    assert "Pilihan tidak ditemukan di wilayah kerja Anda" in response.content.decode()
    assert not SentraMembership.objects.exists()


def test_tambah_anggota_from_the_sentra_page(client, alor_staff, belu_desa):
    sentra = SentraFactory(name="Sentra Tenun Mali")
    already = MembershipFactory(sentra=sentra, ikm=IkmUnitFactory(name="Tenun Ina Bunga")).ikm
    wanted = IkmUnitFactory(name="Tenun Lipa Mali", nib="9912345678901", owner_name="Maria Padafani")
    IkmUnitFactory(name="Tenun Belu Atambua", desa=belu_desa)
    client.force_login(alor_staff)
    url = reverse("ikm:member_add") + f"?sentra={sentra.pk}"
    page = client.get(f"{url}&q=tenun").content.decode()
    assert "Tenun Lipa Mali · NIB 9912345678901 · Maria Padafani" in page
    assert "Tenun Ina Bunga" not in page  # already a member
    assert "Tenun Belu Atambua" not in page  # outside the scope
    assert "Tenun Lipa Mali" in client.get(f"{url}&q=99123456").content.decode()  # by NIB
    response = client.post(url, {"q": "tenun", "ikm": wanted.pk, "joined_on": "2025-01-06"})
    assert response["Location"] == reverse("sentra:detail", args=[sentra.pk])
    assert set(SentraMembership.objects.filter(sentra=sentra).values_list("ikm", flat=True)) == {already.pk, wanted.pk}
    detail = client.get(response["Location"]).content.decode()
    assert "Tenun Lipa Mali" in detail


def test_tambah_anggota_refuses_a_unit_outside_the_scope(client, alor_staff, belu_desa):
    sentra = SentraFactory()
    outsider = IkmUnitFactory(desa=belu_desa)
    client.force_login(alor_staff)
    response = client.post(reverse("ikm:member_add") + f"?sentra={sentra.pk}", {"ikm": outsider.pk})
    assert "Pilihan tidak ditemukan di wilayah kerja Anda" in response.content.decode()
    assert not SentraMembership.objects.exists()


def test_many_matches_ask_to_narrow_the_search(client, alor_staff):
    sentra = SentraFactory()
    for n in range(30):
        IkmUnitFactory(name=f"Usaha Tenun {n:02d}")
    client.force_login(alor_staff)
    response = client.get(reverse("ikm:member_add") + f"?sentra={sentra.pk}&q=tenun")
    assert len(response.context["form"].fields["ikm"].choices) == 25
    assert 'data-testid="pick-more"' in response.content.decode()
