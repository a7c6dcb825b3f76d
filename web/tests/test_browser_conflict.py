"""In Chromium: the issue's conflict, end to end. The second save keeps the colleague's Produk and women
workers; a field both changed is offered side by side and is saved only after a choice."""

import pytest
from playwright.sync_api import expect

from core.testing.factories import IkmUnitFactory
from ikm.models import IkmUnit
from ikm.services import ikm_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_second_save_after_a_conflict_reverts_nothing_and_asks_about_fields_both_changed(login_as, alor_staff, admin_user, live_server):
    unit = IkmUnitFactory(name="Anyaman Ina", owner_name="Maria", product="Tikar, bakul", workers_male=1, workers_female=4)
    page = login_as(alor_staff)
    page.goto(f"{live_server.url}/ikm/{unit.pk}/ubah/")
    page.fill("#id_owner_name", "Maria Goreti")
    page.fill("#id_workers_male", "2")
    # Meanwhile a colleague saves the product, the women workers and the men workers.
    ikm_update(user=admin_user, ikm=unit, data={"product": "Tikar, bakul, topi", "workers_female": 6, "workers_male": 3})

    page.click("button:has-text('Simpan')")
    expect(page.locator("#conflict")).to_contain_text("Tikar, bakul, topi")
    expect(page.locator("#id_product")).to_have_value("Tikar, bakul, topi")  # the colleague's value, not hers
    expect(page.locator("#id_workers_female")).to_have_value("6")
    expect(page.locator("#id_owner_name")).to_have_value("Maria Goreti")
    choices = page.locator("#conflict-choices")
    expect(choices).to_contain_text("Tenaga kerja laki-laki")

    page.click("button:has-text('Simpan')")  # without choosing: refused, nothing written
    expect(page.locator(".field.has-error")).to_contain_text("pilih nilai yang dipakai")
    assert IkmUnit.objects.get(pk=unit.pk).version == 2

    page.check("input[name=resolve_workers_male][value=mine]")
    page.click("button:has-text('Simpan')")
    expect(page.locator(".msg-success")).to_have_text("Data tersimpan.")
    stored = IkmUnit.objects.get(pk=unit.pk)
    assert (stored.product, stored.workers_female, stored.owner_name, stored.workers_male) == ("Tikar, bakul, topi", 6, "Maria Goreti", 2)
