"""Generated sentra codes per kabupaten/kota (sentra.codes): offered on the create form, editable, and the next
free number taken at the moment of saving, so two officers saving at once never collide."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.testing.factories import CommodityFactory, SentraFactory, UserFactory
from sentra.codes import next_sentra_code, sentra_create_numbered
from sentra.models import Sentra


def form_data(client, **overrides):
    page = client.get(reverse("sentra:create"))
    form = page.context["form"]
    data = {"code": form.initial.get("code", ""), "code_offered": form.initial.get("code_offered", ""), "name": "Sentra Baru",
            "desa": "53.05.03.2001", "commodities": [CommodityFactory().pk], "status": "aktif"}
    return {**data, **overrides}


@pytest.mark.django_db
def test_the_next_free_number_of_the_kabupaten(alor_desa, belu_desa):
    for code in ("5305-001", "5305-003", "DEMO-5305-009", "5304-017", "5305-3X"):
        SentraFactory(code=code)
    SentraFactory(code="5305-004", deleted_at=timezone.now())  # a deleted sentra keeps its code (it can be restored)
    assert next_sentra_code("53.05") == "5305-005"
    assert next_sentra_code("53.04") == "5304-018"
    assert next_sentra_code("52.02") == "5202-001"
    SentraFactory(code="5305-999")
    assert next_sentra_code("53.05") == "5305-1000"


def test_create_form_offers_the_code_and_explains_it(client, alor_staff):
    SentraFactory(code="5305-001")
    client.force_login(alor_staff)
    html = client.get(reverse("sentra:create")).content.decode()
    assert 'value="5305-002"' in html and "SNT-" not in html
    assert "kode kabupaten/kota tanpa titik dan nomor urut berikutnya" in html


def test_kept_offer_takes_the_next_number_when_someone_saved_first(client, alor_staff):
    client.force_login(alor_staff)
    data = form_data(client)
    assert data["code"] == "5305-001"
    SentraFactory(code="5305-001")  # a colleague saved a sentra after this form was opened
    response = client.post(reverse("sentra:create"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Sentra.objects.get(name="Sentra Baru").code == "5305-002"


def test_an_own_code_is_kept_and_a_taken_one_refused(client, alor_staff):
    client.force_login(alor_staff)
    client.post(reverse("sentra:create"), form_data(client, code="ALR-TNM-01"))
    assert Sentra.objects.get(name="Sentra Baru").code == "ALR-TNM-01"
    response = client.post(reverse("sentra:create"), form_data(client, code="ALR-TNM-01", name="Sentra Kedua"))
    assert "Kode sentra ini sudah dipakai." in response.content.decode()
    assert not Sentra.objects.filter(name="Sentra Kedua").exists()


def test_an_empty_code_is_generated_from_the_chosen_desa(client, admin_user, belu_desa):
    client.force_login(admin_user)  # national: no kabupaten to offer a code for until a desa is chosen
    data = form_data(client, code="", desa="53.04.22.1004")
    assert data["code_offered"] == ""
    response = client.post(reverse("sentra:create"), data)
    assert response.status_code == 302
    assert Sentra.objects.get(name="Sentra Baru").code == "5304-001"


def test_edit_form_still_requires_a_code(client, alor_staff):
    sentra = SentraFactory(code="5305-001")
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:update", args=[sentra.pk]), {
        "code": "", "name": sentra.name, "desa": "53.05.03.2001", "commodities": [sentra.commodities.get().pk], "status": "aktif",
        "version": sentra.version,
    })
    assert "code" in response.context["form"].errors
    sentra.refresh_from_db()
    assert sentra.code == "5305-001"


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_get_consecutive_codes(alor_desa):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and parallel connections are what is being tested; SQLite serialises all writers")
    from security.tests.test_concurrency import run_in_threads

    officers = [UserFactory(username=f"alor{n}", role="district", region_id="53.05") for n in range(4)]
    commodity = CommodityFactory()

    def save(index):
        sentra = sentra_create_numbered(user=officers[index], data={"name": f"Sentra {index}", "desa": alor_desa},
                                        commodity_ids=[commodity.pk])
        return sentra.code

    results = run_in_threads(4, save)
    assert sorted(results) == ["5305-001", "5305-002", "5305-003", "5305-004"], results
