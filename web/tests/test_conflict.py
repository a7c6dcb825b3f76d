"""Two people edit the same record: the second save is refused, shows what changed, and keeps their input."""

from django.urls import reverse

from core.testing.factories import IkmUnitFactory, SentraFactory
from ikm.services import ikm_update
from sentra.services import sentra_update


def test_stale_sentra_edit_is_refused_with_the_changes_and_the_users_values(client, alor_staff, admin_user):
    sentra = SentraFactory(code="ALR-001", name="Sentra Mali")
    opened_version = sentra.version
    commodity_id = sentra.commodity_links.get().commodity_id
    sentra_update(user=admin_user, sentra=sentra, data={"name": "Sentra Tenun Mali", "manager_name": "Koperasi Mali"})

    client.force_login(alor_staff)
    response = client.post(reverse("sentra:update", args=[sentra.pk]), {
        "code": "ALR-001", "name": "Sentra Mali", "desa": "53.05.03.2001", "commodities": [commodity_id],
        "status": "kurang_aktif", "version": opened_version,
    })
    assert response.status_code == 409
    page = response.content.decode()
    assert "Data ini baru saja diubah orang lain" in page
    changed = {c["label"]: c for c in response.context["conflict"]["changes"]}
    assert changed["Nama sentra"]["stored"] == "Sentra Tenun Mali"
    assert changed["Nama pengelola"]["stored"] == "Koperasi Mali"
    form = response.context["form"]
    assert form["status"].value() == "kurang_aktif"  # the user's own edit is still in the form
    assert str(form["version"].value()) == "2"  # ... and saving again is now a deliberate overwrite
    sentra.refresh_from_db()
    assert sentra.status == "aktif" and sentra.name == "Sentra Tenun Mali"  # nothing of the other edit was lost


def test_saving_again_after_the_conflict_goes_through(client, alor_staff, admin_user):
    unit = IkmUnitFactory(name="Usaha A")
    ikm_update(user=admin_user, ikm=unit, data={"owner_name": "Ibu Maria"})
    client.force_login(alor_staff)
    data = {"name": "Usaha A", "owner_name": "Ibu Maria", "nib": unit.nib, "desa": unit.desa_id, "commodity": unit.commodity_id,
            "workers_male": 4, "workers_female": 3, "investment": 0, "production_value": 0, "sales": 0,
            "production_place": "rumah"}
    first = client.post(reverse("ikm:update", args=[unit.pk]), {**data, "version": 1})
    assert first.status_code == 409
    second = client.post(reverse("ikm:update", args=[unit.pk]), {**data, "version": first.context["form"]["version"].value()})
    assert second.status_code == 302
    unit.refresh_from_db()
    assert (unit.workers_male, unit.owner_name, unit.version) == (4, "Ibu Maria", 3)
