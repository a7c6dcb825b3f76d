import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import ConflictError
from core.testing.factories import CommodityFactory, SentraFactory
from sentra.models import Sentra, SentraCommodity
from sentra.services import sentra_create, sentra_delete, sentra_restore, sentra_update, sentra_verify

pytestmark = pytest.mark.django_db


def test_district_staff_create_a_sentra_with_a_primary_commodity(alor_staff, alor_desa):
    tenun, gerabah = CommodityFactory(), CommodityFactory()
    sentra = sentra_create(
        user=alor_staff, data={"code": "S-1", "name": "Sentra Tenun", "desa": alor_desa},
        commodity_ids=[tenun.pk, gerabah.pk], primary_commodity_id=gerabah.pk,
    )
    assert sentra.primary_commodity == gerabah
    assert SentraCommodity.objects.filter(sentra=sentra).count() == 2
    assert sentra.history.get().history_user == alor_staff


def test_primary_commodity_can_move_to_another(alor_staff, alor_desa):
    tenun, gerabah = CommodityFactory(), CommodityFactory()
    sentra = sentra_create(user=alor_staff, data={"code": "S-1", "name": "S", "desa": alor_desa}, commodity_ids=[tenun.pk, gerabah.pk])
    sentra_update(user=alor_staff, sentra=sentra, data={}, commodity_ids=[tenun.pk, gerabah.pk], primary_commodity_id=gerabah.pk)
    assert Sentra.objects.get(pk=sentra.pk).primary_commodity == gerabah


def test_creating_in_another_kabupaten_is_refused_and_writes_nothing(alor_staff, belu_desa):
    with pytest.raises(PermissionDenied):
        sentra_create(user=alor_staff, data={"code": "S-2", "name": "S", "desa": belu_desa})
    assert not Sentra.all_objects.exists()


def test_moving_a_sentra_into_another_kabupaten_is_refused(alor_staff, alor_desa, belu_desa):
    sentra = SentraFactory(desa=alor_desa)
    with pytest.raises(PermissionDenied):
        sentra_update(user=alor_staff, sentra=sentra, data={"desa": belu_desa})
    assert Sentra.objects.get(pk=sentra.pk).desa_id == alor_desa.code


def test_editing_another_kabupatens_sentra_is_refused(alor_staff, belu_desa):
    sentra = SentraFactory(desa=belu_desa, name="Belu")
    with pytest.raises(PermissionDenied):
        sentra_update(user=alor_staff, sentra=sentra, data={"name": "Diubah"})
    with pytest.raises(PermissionDenied):
        sentra_delete(user=alor_staff, sentra=sentra)
    assert Sentra.objects.get(pk=sentra.pk).name == "Belu"


def test_invalid_data_is_refused_with_a_message_in_indonesian(alor_staff, alor_desa):
    SentraFactory(code="S-1", desa=alor_desa)
    with pytest.raises(ValidationError) as error:
        sentra_create(user=alor_staff, data={"code": "S-1", "name": "S", "desa": alor_desa})
    assert "Kode sentra ini sudah dipakai." in str(error.value)


def test_stale_version_is_a_conflict_listing_what_changed(alor_staff, alor_desa):
    sentra = SentraFactory(desa=alor_desa, name="Asli", version=1)
    sentra.history.all().delete()
    opened = Sentra.objects.get(pk=sentra.pk)
    sentra_update(user=alor_staff, sentra=sentra, data={"name": "Versi rekan"}, expected_version=1)
    with pytest.raises(ConflictError) as conflict:
        sentra_update(user=alor_staff, sentra=opened, data={"name": "Versi saya"}, expected_version=1)
    assert Sentra.objects.get(pk=sentra.pk).name == "Versi rekan"
    assert conflict.value.instance.version == 2


def test_conflict_lists_changed_fields_when_history_has_the_opened_version(alor_staff, alor_desa):
    sentra = sentra_create(user=alor_staff, data={"code": "S-9", "name": "Asli", "desa": alor_desa})
    sentra_update(user=alor_staff, sentra=sentra, data={"name": "Versi rekan", "status": "kurang_aktif"}, expected_version=1)
    with pytest.raises(ConflictError) as conflict:
        sentra_update(user=alor_staff, sentra=sentra, data={"name": "Versi saya"}, expected_version=1)
    changed = {field: (old, new) for field, old, new in conflict.value.changes}
    assert changed["name"] == ("Asli", "Versi rekan")
    assert changed["status"] == ("aktif", "kurang_aktif")


def test_delete_is_soft_and_can_be_undone(alor_staff, alor_desa):
    sentra = sentra_create(user=alor_staff, data={"code": "S-3", "name": "S", "desa": alor_desa})
    sentra_delete(user=alor_staff, sentra=sentra)
    assert not Sentra.objects.filter(pk=sentra.pk).exists()
    assert Sentra.all_objects.get(pk=sentra.pk).is_deleted
    sentra_restore(user=alor_staff, sentra=Sentra.all_objects.get(pk=sentra.pk))
    assert Sentra.objects.filter(pk=sentra.pk).exists()
    assert [h.history_change_reason for h in Sentra.history.filter(id=sentra.pk).order_by("history_date")] == ["create", "delete", "restore"]


def test_verifying_stamps_who_and_when_without_editing(ntt_staff, alor_desa):
    sentra = SentraFactory(desa=alor_desa)
    before = Sentra.objects.get(pk=sentra.pk)
    sentra_verify(user=ntt_staff, sentra=sentra)
    after = Sentra.objects.get(pk=sentra.pk)
    assert after.last_verified_by == ntt_staff and after.last_verified_at is not None
    assert (after.version, after.updated_at) == (before.version, before.updated_at)


def test_provincial_staff_cannot_edit(ntt_staff, alor_desa):
    sentra = SentraFactory(desa=alor_desa)
    with pytest.raises(PermissionDenied):
        sentra_update(user=ntt_staff, sentra=sentra, data={"name": "x"})
