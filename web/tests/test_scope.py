"""A kabupaten officer sees only their own region: lists, details, forms, history, pickers."""

import pytest
from django.urls import reverse

from core.testing.factories import IkmUnitFactory, RoomFactory, SentraFactory
from regions.models import Region


@pytest.fixture
def alor_and_belu(alor_desa, belu_desa):
    alor = SentraFactory(name="Sentra Alor", desa=alor_desa)
    belu = SentraFactory(name="Sentra Belu", desa=belu_desa)
    return alor, belu


def test_lists_show_only_the_users_region(client, alor_staff, alor_and_belu, belu_desa):
    IkmUnitFactory(name="Usaha Belu", desa=belu_desa)
    IkmUnitFactory(name="Usaha Alor")
    client.force_login(alor_staff)
    sentra_page = client.get(reverse("sentra:list")).content.decode()
    assert "Sentra Alor" in sentra_page and "Sentra Belu" not in sentra_page
    ikm_page = client.get(reverse("ikm:list")).content.decode()
    assert "Usaha Alor" in ikm_page and "Usaha Belu" not in ikm_page


def test_region_filter_outside_scope_finds_nothing(client, alor_staff, alor_and_belu, belu_desa):
    client.force_login(alor_staff)
    page = client.get(reverse("sentra:list") + "?region=53.04").content.decode()
    assert "Sentra Belu" not in page


@pytest.mark.parametrize("name", ["sentra:detail", "sentra:update", "sentra:history"])
def test_out_of_scope_record_pages_answer_404(client, alor_staff, alor_and_belu, name):
    _, belu = alor_and_belu
    client.force_login(alor_staff)
    assert client.get(reverse(name, args=[belu.pk])).status_code == 404


@pytest.mark.parametrize("name", ["sentra:verify", "sentra:delete"])
def test_out_of_scope_actions_answer_404(client, alor_staff, alor_and_belu, name):
    _, belu = alor_and_belu
    client.force_login(alor_staff)
    assert client.post(reverse(name, args=[belu.pk])).status_code == 404


def test_out_of_scope_parent_answers_404_on_child_forms(client, alor_staff, alor_and_belu):
    _, belu = alor_and_belu
    room = RoomFactory(sentra=belu)
    client.force_login(alor_staff)
    assert client.get(reverse("facilities:room_create") + f"?sentra={belu.pk}").status_code == 404
    assert client.get(reverse("facilities:room_detail", args=[room.pk])).status_code == 404


def test_province_staff_see_both_kabupaten(client, ntt_staff, alor_and_belu):
    client.force_login(ntt_staff)
    page = client.get(reverse("sentra:list")).content.decode()
    assert "Sentra Alor" in page and "Sentra Belu" in page


def test_home_counts_only_the_users_region(client, alor_staff, alor_and_belu):
    client.force_login(alor_staff)
    assert client.get(reverse("home")).context["sentra_total"] == 1


def test_region_picker_offers_only_the_way_to_the_users_region(client, alor_staff, alor_desa, belu_desa, loteng_desa):
    client.force_login(alor_staff)
    children = lambda parent: [r["code"] for r in client.get(reverse("web:region_children"), {"induk": parent}).json()["results"]]  # noqa: E731
    assert children("") == ["53"]
    assert children("53") == ["53.05"]
    assert children("53.05") == ["53.05.03"]
    assert children("53.05.03") == ["53.05.03.2001"]
    assert children("53.04") == []
    assert children("52") == []


def test_region_picker_for_national_users_starts_with_provinces(client, analyst, alor_desa, loteng_desa):
    client.force_login(analyst)
    results = client.get(reverse("web:region_children")).json()["results"]
    assert [r["code"] for r in results] == ["52", "53"]
    assert Region.objects.count() > 2


def test_province_staff_read_and_verify_but_see_no_edit_buttons(client, ntt_staff, alor_and_belu):
    alor, _ = alor_and_belu
    client.force_login(ntt_staff)
    response = client.get(reverse("sentra:detail", args=[alor.pk]))
    assert response.context["edit_url"] is None and response.context["delete_url"] is None
    assert response.context["verify_url"] == reverse("sentra:verify", args=[alor.pk])
    assert client.post(reverse("sentra:update", args=[alor.pk]), {"name": "x"}).status_code == 403
