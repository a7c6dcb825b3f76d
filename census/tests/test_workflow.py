"""The round's workflow through the services: open, visit (exactly once), submit, return, correct, approve,
and what approval writes into the registry (values, history rows naming the round and visit)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from census.models import Decision, ItemState, Transition, Visit, VisitMember, WorklistItem
from census.services import kabupaten_submit, round_open, visit_record, visit_review
from census.services.apply import REASON_PATTERN
from core.testing.factories import SentraFactory
from evidence.models import Evidence
from facilities.models import Machine, Room
from ikm.models import SentraMembership
from sentra.models import Sentra
from sentra.services import sentra_update

from .conftest import payload, photo

pytestmark = pytest.mark.django_db


def test_opening_a_round_lists_every_live_sentra_once_with_its_kabupaten(census_round, mali, belu_sentra, alor_desa):
    SentraFactory(code="ALR-DEL", desa=alor_desa, deleted_at=timezone.now())
    items = {item.sentra.code: item for item in census_round.items.select_related("sentra")}
    assert set(items) == {"ALR-MALI", "BLU-FTB"}
    assert (items["ALR-MALI"].kabupaten_id, items["ALR-MALI"].province_id) == ("53.05", "53")
    assert items["BLU-FTB"].kabupaten_id == "53.04"
    assert census_round.item_count == 2
    assert all(item.state == ItemState.OPEN for item in items.values())


def test_a_provincial_round_leaves_other_provinces_out(admin_user, mali, loteng_desa):
    SentraFactory(code="LTG-1", desa=loteng_desa)
    today = timezone.localdate()
    round_ = round_open(user=admin_user, data={"name": "NTB saja", "year": today.year, "start_date": today, "deadline": today}, province_codes=["52"])
    assert list(round_.items.values_list("sentra__code", flat=True)) == ["LTG-1"]
    assert list(round_.provinces.values_list("code", flat=True)) == ["52"]


@pytest.mark.parametrize("user_fixture", ["alor_staff", "ntt_staff", "analyst"])
def test_only_administrators_open_rounds(request, user_fixture, mali):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        round_open(user=request.getfixturevalue(user_fixture), data={"name": "x", "year": today.year, "start_date": today, "deadline": today})


def test_a_deadline_before_the_start_is_refused(admin_user, mali):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        round_open(user=admin_user, data={"name": "x", "year": today.year, "start_date": today, "deadline": today - datetime.timedelta(days=1)})


def test_a_visit_is_stored_with_its_rows_photo_and_transition(alor_staff, mali_item, mali):
    data = payload(mali_item, mali)
    visit, created = visit_record(user=alor_staff, item_id=mali_item.pk, payload=data, photos=[photo(latitude=-8.2, longitude=124.5)])
    assert created
    visit.refresh_from_db()
    assert visit.notes == "Ramai berproduksi"  # the one text normaliser (NBSP to space)
    assert (visit.latitude, visit.gps_accuracy_m) == (pytest.approx(visit.latitude), 12)
    assert str(visit.latitude) == "-8.218400"
    assert VisitMember.objects.filter(visit=visit, producing=False).count() == 1
    assert visit.new_members.get().name == "Tenun Ibu Maria"
    evidence = Evidence.objects.get()
    assert evidence.object_id == str(visit.pk) and evidence.region_id == mali["sentra"].desa_id
    assert evidence.taken_at is not None and str(evidence.exif_latitude) == "-8.200000"
    item = WorklistItem.objects.get(pk=mali_item.pk)
    assert (item.state, item.current_visit_id, item.found_status) == (ItemState.VISITED, visit.pk, "aktif")
    assert Transition.objects.get(item=item).to_state == ItemState.VISITED
    # Recording changes nothing in the registry.
    assert Sentra.objects.get(pk=mali["sentra"].pk).status == "kurang_aktif"
    assert Machine.objects.get().condition == "baik"


def test_the_same_key_stores_the_visit_once(alor_staff, mali_item, mali):
    data = payload(mali_item, mali)
    first, created = visit_record(user=alor_staff, item_id=mali_item.pk, payload=data, photos=[photo()])
    again, created_again = visit_record(user=alor_staff, item_id=mali_item.pk, payload=data, photos=[photo(), photo()])
    assert created and not created_again and again.pk == first.pk
    assert Visit.objects.count() == 1 and Evidence.objects.count() == 1 and Transition.objects.count() == 1


def test_a_key_of_someone_elses_visit_is_refused(alor_staff, admin_user, mali_item, mali):
    from census.services.visits import DuplicateKey

    data = payload(mali_item, mali)
    visit_record(user=alor_staff, item_id=mali_item.pk, payload=data, photos=[photo()])
    with pytest.raises(DuplicateKey):
        visit_record(user=admin_user, item_id=mali_item.pk, payload=data, photos=[photo()])


@pytest.mark.parametrize("change, field", [
    ({"found_status": "hidup"}, "found_status"),
    ({"visited_on": "2999-01-01"}, "visited_on"),
    ({"latitude": "123.5"}, "latitude"),
    ({"found_status": "merged", "merged_into": "TIDAK-ADA"}, "merged_into"),
    ({"found_status": "moved", "moved_address": ""}, "moved_address"),
])
def test_bad_visits_are_refused_and_nothing_is_written(alor_staff, mali_item, mali, change, field):
    with pytest.raises(ValidationError) as error:
        visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali, **change), photos=[photo()])
    assert field in error.value.message_dict
    assert Visit.objects.count() == 0 and Evidence.objects.count() == 0
    assert WorklistItem.objects.get(pk=mali_item.pk).state == ItemState.OPEN


def test_a_room_given_to_a_member_who_stopped_producing_is_refused(alor_staff, mali_item, mali):
    data = payload(mali_item, mali)
    data["rooms"][2] = {"room": mali["rooms"][2].pk, "state": "terisi", "occupant": mali["units"][2].pk}
    with pytest.raises(ValidationError) as error:
        visit_record(user=alor_staff, item_id=mali_item.pk, payload=data, photos=[photo()])
    assert "rooms" in error.value.message_dict


def test_a_visit_needs_a_photo(alor_staff, mali_item, mali):
    with pytest.raises(ValidationError) as error:
        visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[])
    assert "photos" in error.value.message_dict


def test_other_kabupaten_and_reviewers_cannot_record(belu_staff, ntt_staff, mali_item, mali):
    for user in (belu_staff, ntt_staff):
        with pytest.raises(PermissionDenied):
            visit_record(user=user, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    assert Visit.objects.count() == 0


def _submitted(alor_staff, mali_item, mali, **overrides):
    visit, _ = visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali, **overrides), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=mali_item.round, kabupaten_code="53.05")
    return visit


def test_submission_return_correction_and_approval(alor_staff, ntt_staff, mali_item, mali):
    first = _submitted(alor_staff, mali_item, mali)
    assert WorklistItem.objects.get(pk=mali_item.pk).state == ItemState.SUBMITTED
    with pytest.raises(ValidationError):
        visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])  # sent: closed
    with pytest.raises(ValidationError):
        visit_review(user=ntt_staff, item=mali_item, decision=Decision.RETURN, comment="")  # a return says why
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.RETURN, comment="Foto ruang 3 kurang jelas")
    assert WorklistItem.objects.get(pk=mali_item.pk).state == ItemState.RETURNED
    assert Sentra.objects.get(pk=mali["sentra"].pk).last_verified_at is None  # a return writes nothing

    second = _submitted(alor_staff, mali_item, mali)
    item = WorklistItem.objects.get(pk=mali_item.pk)
    assert item.current_visit_id == second.pk != first.pk
    visit_review(user=ntt_staff, item=item, decision=Decision.APPROVE)
    item.refresh_from_db()
    assert item.state == ItemState.APPROVED
    states = list(Transition.objects.filter(item=item).values_list("from_state", "to_state", "user__username", "comment"))
    assert states == [
        ("open", "visited", "alor", ""), ("visited", "submitted", "alor", ""), ("submitted", "returned", "ntt", "Foto ruang 3 kurang jelas"),
        ("returned", "visited", "alor", ""), ("visited", "submitted", "alor", ""), ("submitted", "approved", "ntt", ""),
    ]


def test_approval_writes_the_findings_with_the_visit_as_source(alor_staff, ntt_staff, mali_item, mali):
    visit = _submitted(alor_staff, mali_item, mali)
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.APPROVE)
    sentra = Sentra.objects.get(pk=mali["sentra"].pk)
    assert sentra.status == "aktif" and sentra.last_verified_at is not None and sentra.last_verified_by == alor_staff
    assert str(sentra.latitude) == "-8.218400"  # it had no point yet
    rooms = {room.name: (room.state, room.occupant_id) for room in Room.objects.all()}
    units = mali["units"]
    assert rooms == {"Ruang 01": ("aktif", units[0].pk), "Ruang 02": ("aktif", units[1].pk), "Ruang 03": ("kosong", None), "Ruang 04": ("kosong", None)}
    ended = SentraMembership.objects.get(pk=mali["memberships"][2].pk)
    assert ended.left_on == visit.visited_on
    assert SentraMembership.objects.filter(sentra=sentra, left_on__isnull=True).count() == 2
    assert Machine.objects.get().condition == "rusak_ringan"
    expected = f"pendataan ulang: putaran {mali_item.round_id}, kunjungan {visit.pk}"
    for model, pk in [(Sentra, sentra.pk), (Room, mali["rooms"][1].pk), (Room, mali["rooms"][2].pk), (SentraMembership, ended.pk), (Machine, mali["machine"].pk)]:
        latest = model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id").first()
        assert latest.history_change_reason == expected, model
        assert REASON_PATTERN.match(latest.history_change_reason).group("visit") == str(visit.pk)
        assert latest.history_user_id == alor_staff.pk
    # Unchanged records get no history row from the census.
    assert not Room.history.filter(id=mali["rooms"][0].pk, history_change_reason=expected).exists()
    assert not Room.history.filter(id=mali["rooms"][3].pk, history_change_reason=expected).exists()


def test_a_record_changed_after_download_is_a_conflict_never_merged_silently(alor_staff, ntt_staff, admin_user, mali_item, mali):
    _submitted(alor_staff, mali_item, mali)
    sentra_update(user=admin_user, sentra=mali["sentra"], data={"manager_name": "UPT Mali baru"})
    with pytest.raises(ValidationError) as error:
        visit_review(user=ntt_staff, item=mali_item, decision=Decision.APPROVE)
    assert error.value.code == "conflict"
    assert Sentra.objects.get(pk=mali["sentra"].pk).status == "kurang_aktif"
    assert WorklistItem.objects.get(pk=mali_item.pk).state == ItemState.SUBMITTED
    from census.selectors import visit_conflicts

    conflicts = visit_conflicts(WorklistItem.objects.get(pk=mali_item.pk).current_visit)
    assert [c["label"] for c in conflicts] == [str(Sentra.objects.get(pk=mali["sentra"].pk))]
    assert any(change["new"] == "UPT Mali baru" for change in conflicts[0]["changes"])
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.APPROVE, accept_conflicts=True)
    sentra = Sentra.objects.get(pk=mali["sentra"].pk)
    assert (sentra.status, sentra.manager_name) == ("aktif", "UPT Mali baru")  # the other edit is kept


def test_district_staff_cannot_review_and_other_provinces_cannot_either(alor_staff, loteng_staff, mali_item, mali):
    from core.testing.factories import UserFactory
    from accounts.models import Role

    ntb = UserFactory(username="ntb", role=Role.PROVINCE, region_id="52")
    _submitted(alor_staff, mali_item, mali)
    for user in (alor_staff, loteng_staff, ntb):
        with pytest.raises(PermissionDenied):
            visit_review(user=user, item=mali_item, decision=Decision.APPROVE)
    assert WorklistItem.objects.get(pk=mali_item.pk).state == ItemState.SUBMITTED


def test_nothing_to_submit_is_said(alor_staff, census_round):
    with pytest.raises(ValidationError):
        kabupaten_submit(user=alor_staff, round=census_round, kabupaten_code="53.05")


def test_a_sentra_found_merged_is_closed_with_a_note(alor_staff, ntt_staff, mali_item, mali, alor_desa):
    SentraFactory(code="ALR-TARGET", name="Sentra tujuan", desa=alor_desa)
    visit = _submitted(alor_staff, mali_item, mali, found_status="merged", merged_into="ALR-TARGET")
    assert visit.merged_into.code == "ALR-TARGET"
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.APPROVE)
    sentra = Sentra.objects.get(pk=mali["sentra"].pk)
    assert sentra.status == "tutup" and "ALR-TARGET" in sentra.notes
