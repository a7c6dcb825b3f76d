"""The save after a conflict screen writes only what this user changed (issue 12, finding "second save").

The issue's case through the real form: Ibu Maria opens the unit (Produk "Tikar, bakul", 4 women workers);
a colleague saves Produk "Tikar, bakul, topi" and 6 women; Ibu Maria, who only corrected the owner's name,
saves, sees the conflict screen, and saves again. Before, the second save wrote her whole form and reverted
the colleague's two fields; now both edits stand.
"""

import pytest
from django.urls import reverse

from core.testing.factories import CommodityFactory, IkmUnitFactory, SentraFactory
from ikm.models import IkmUnit
from ikm.services import ikm_update
from sentra.models import Sentra
from sentra.services import sentra_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(alor_desa):
    return IkmUnitFactory(name="Anyaman Ina", owner_name="Maria", product="Tikar, bakul", workers_male=1, workers_female=4)


def form_data(unit, **changes):
    data = {
        "name": unit.name, "owner_name": unit.owner_name, "nib": unit.nib or "", "desa": unit.desa_id,
        "commodity": unit.commodity_id, "product": unit.product, "workers_male": unit.workers_male,
        "workers_female": unit.workers_female, "investment": unit.investment, "production_value": unit.production_value,
        "sales": unit.sales, "production_place": unit.production_place, "version": unit.version,
    }
    return {**data, **changes}


def save(client, unit, data):
    return client.post(reverse("ikm:update", args=[unit.pk]), data)


def next_post(response):
    """What the browser sends when the user presses Simpan on the page the server answered with."""
    form = response.context["form"]
    data = {}
    for bound in form:
        value = bound.value()
        data[bound.html_name] = "" if value is None else value
    return data


def test_second_save_after_a_conflict_keeps_the_other_persons_fields(client, alor_staff, admin_user, unit):
    opened = form_data(unit)
    ikm_update(user=admin_user, ikm=unit, data={"product": "Tikar, bakul, topi", "workers_female": 6})
    client.force_login(alor_staff)

    first = save(client, unit, {**opened, "owner_name": "Maria Goreti"})
    assert first.status_code == 409
    form = first.context["form"]
    assert form["product"].value() == "Tikar, bakul, topi" and str(form["workers_female"].value()) == "6"
    assert form["owner_name"].value() == "Maria Goreti"  # her own edit is kept
    assert "Tikar, bakul, topi" in first.content.decode()
    assert not first.context["conflict"]["both"]

    second = save(client, unit, next_post(first))
    assert second.status_code == 302, second.context["form"].errors if second.context else second
    stored = IkmUnit.objects.get(pk=unit.pk)
    assert (stored.product, stored.workers_female, stored.owner_name) == ("Tikar, bakul, topi", 6, "Maria Goreti")
    assert stored.version == 3
    assert stored.history.filter(version=3).get().history_user == alor_staff


def test_a_field_both_changed_needs_an_explicit_choice(client, alor_staff, admin_user, unit):
    opened = form_data(unit)
    ikm_update(user=admin_user, ikm=unit, data={"product": "Tikar, bakul, topi", "workers_female": 6})
    client.force_login(alor_staff)

    first = save(client, unit, {**opened, "workers_female": 5, "owner_name": "Maria Goreti"})
    assert first.status_code == 409
    [both] = first.context["conflict"]["both"]
    assert (both["name"], both["seen"], both["mine"], both["stored"]) == ("workers_female", "4", "5", "6")
    page = first.content.decode()
    assert 'name="resolve_workers_female" value="mine"' in page and 'name="resolve_workers_female" value="theirs"' in page

    unchosen = save(client, unit, next_post(first))
    assert unchosen.status_code == 409
    assert "pilih nilai yang dipakai" in str(unchosen.context["form"].errors["workers_female"])
    assert IkmUnit.objects.get(pk=unit.pk).version == 2  # nothing written without the choice

    chosen = save(client, unit, {**next_post(unchosen), "resolve_workers_female": "theirs"})
    assert chosen.status_code == 302
    stored = IkmUnit.objects.get(pk=unit.pk)
    assert (stored.workers_female, stored.product, stored.owner_name) == (6, "Tikar, bakul, topi", "Maria Goreti")


def test_choosing_ones_own_value_writes_it(client, alor_staff, admin_user, unit):
    opened = form_data(unit)
    ikm_update(user=admin_user, ikm=unit, data={"workers_female": 6})
    client.force_login(alor_staff)
    first = save(client, unit, {**opened, "workers_female": 5})
    chosen = save(client, unit, {**next_post(first), "resolve_workers_female": "mine"})
    assert chosen.status_code == 302
    assert IkmUnit.objects.get(pk=unit.pk).workers_female == 5


def test_a_third_save_by_someone_else_between_is_merged_again(client, alor_staff, admin_user, unit):
    opened = form_data(unit)
    ikm_update(user=admin_user, ikm=unit, data={"product": "Tikar, bakul, topi"})
    client.force_login(alor_staff)
    first = save(client, unit, {**opened, "owner_name": "Maria Goreti"})
    ikm_update(user=admin_user, ikm=unit, data={"workers_male": 9})  # while she reads the conflict screen
    second = save(client, unit, next_post(first))
    assert second.status_code == 409
    third = save(client, unit, next_post(second))
    assert third.status_code == 302
    stored = IkmUnit.objects.get(pk=unit.pk)
    assert (stored.product, stored.workers_male, stored.owner_name) == ("Tikar, bakul, topi", 9, "Maria Goreti")


def test_a_sentras_commodities_changed_by_someone_else_are_not_reverted(client, alor_staff, admin_user, alor_desa):
    tenun, gerabah = CommodityFactory(code="tenun-ikat", name="Tenun ikat"), CommodityFactory(code="gerabah", name="Gerabah")
    sentra = SentraFactory(code="ALR-001", name="Sentra Mali", commodity=tenun)
    opened = {"code": "ALR-001", "name": "Sentra Mali", "desa": sentra.desa_id, "commodities": [tenun.pk], "status": "aktif",
              "version": sentra.version}
    sentra_update(user=admin_user, sentra=sentra, data={"notes": "Dikunjungi"}, commodity_ids=[tenun.pk, gerabah.pk],
                  primary_commodity_id=tenun.pk)
    client.force_login(alor_staff)
    first = client.post(reverse("sentra:update", args=[sentra.pk]), {**opened, "name": "Sentra Tenun Mali"})
    assert first.status_code == 409
    data = next_post(first)
    assert sorted(int(pk) for pk in data["commodities"]) == sorted([tenun.pk, gerabah.pk])
    second = client.post(reverse("sentra:update", args=[sentra.pk]), data)
    assert second.status_code == 302, (second.context["form"].errors, second.context["conflict"])
    stored = Sentra.objects.get(pk=sentra.pk)
    assert stored.name == "Sentra Tenun Mali" and stored.notes == "Dikunjungi"
    assert set(stored.commodity_links.values_list("commodity_id", flat=True)) == {tenun.pk, gerabah.pk}


def test_rooms_a_dak_activity_paid_for_added_by_someone_else_are_not_reverted(client, alor_staff, admin_user, alor_desa):
    from core.testing.factories import DakActivityFactory, RoomFactory
    from funding.models import DakActivity
    from funding.services import dak_activity_update

    sentra = SentraFactory(desa=alor_desa, code="ALR-2")
    old_room, new_room = RoomFactory(sentra=sentra, name="Ruang 1"), RoomFactory(sentra=sentra, name="Ruang 2")
    activity = DakActivityFactory(sentra=sentra, description="Pembangunan ruang")
    activity.rooms.add(old_room)
    opened = {"menu": activity.menu_id, "description": activity.description, "sentra": "ALR-2", "pagu": activity.pagu,
              "realisation": activity.realisation, "rooms": [old_room.pk], "version": activity.version}
    dak_activity_update(user=admin_user, activity=activity, data={"realisation": 50_000_000}, rooms=[old_room, new_room])
    client.force_login(alor_staff)
    url = reverse("funding:activity_update", args=[activity.pk])
    first = client.post(url, {**opened, "description": "Pembangunan dua ruang"})
    assert first.status_code == 409
    second = client.post(url, next_post(first))
    assert second.status_code == 302, second.context["form"].errors
    stored = DakActivity.objects.get(pk=activity.pk)
    assert stored.description == "Pembangunan dua ruang" and stored.realisation == 50_000_000
    assert set(stored.rooms.values_list("pk", flat=True)) == {old_room.pk, new_room.pk}
