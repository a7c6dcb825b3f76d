"""On a phone-sized screen in Debian's Chromium: a visit with a photo recorded with the connection cut,
synced once when it comes back (even when the first answer is lost), then returned by the province,
corrected, resubmitted and approved, which changes the registry and its history."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from census.models import Decision, ItemState, Transition, Visit, WorklistItem
from census.services import kabupaten_submit, visit_record, visit_review
from evidence.models import Evidence
from evidence.samples import sample_jpeg
from facilities.models import Room
from ikm.models import SentraMembership
from sentra.models import Sentra

from .conftest import payload, photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "has_touch": True}


def open_field_app(page, live_server):
    page.goto(f"{live_server.url}/pendataan/lapangan/")
    expect(page.locator("body[data-ready='1']")).to_be_attached(timeout=15000)
    # The service worker is installed and controls the page (after one reload), with the shell cached.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    expect(page.locator("body[data-ready='1']")).to_be_attached(timeout=15000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)


def test_offline_visit_with_photo_is_synced_exactly_once(login_as, live_server, context, alor_staff, mali_item, mali, tmp_path):
    page = login_as(alor_staff)
    open_field_app(page, live_server)
    expect(page.get_by_test_id("item-ALR-MALI")).to_be_visible()
    expect(page.get_by_test_id("item-BLU-FTB")).to_have_count(0)  # Belu is not the Alor officer's

    context.set_offline(True)
    page.reload()  # the app shell and the worklist come from the phone, not the server
    expect(page.get_by_test_id("network")).to_have_text("Luring")
    page.get_by_test_id("item-ALR-MALI").get_by_role("button").click()
    page.check("input[name=found_status][value=aktif]")
    page.get_by_label("IKM Mali 3").uncheck()  # no longer producing
    page.locator("[data-room='%d'] [name=room-state]" % mali["rooms"][2].pk).select_option("kosong")
    page.locator("[data-room='%d'] [name=room-occupant]" % mali["rooms"][2].pk).select_option("")
    page.locator("[data-machine] [name=machine-condition]").select_option("rusak_ringan")
    page.fill("#notes", "Dicatat tanpa sinyal")
    camera = tmp_path / "kamera.jpg"
    camera.write_bytes(sample_jpeg(width=2400, height=1800, taken_at="2027:03:14 09:30:05", latitude=-8.2184, longitude=124.5539))
    page.set_input_files("#photos", str(camera))
    expect(page.locator("#photo-previews img")).to_have_count(1)
    page.get_by_test_id("save-visit").click()
    expect(page.get_by_test_id("queue-entry")).to_have_attribute("data-state", "pending")
    assert Visit.objects.count() == 0  # nothing reached the server

    # Back online, the first answer is lost on the way (the server stored it): the retry must not store it twice.
    posts = []

    def lose_first_answer(route):
        posts.append(route.request.url)
        response = route.fetch()
        if len(posts) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    context.route(re.compile(r".*/pendataan/lapangan/kirim/$"), lose_first_answer)
    context.set_offline(False)
    expect(page.get_by_test_id("queue-entry")).to_have_attribute("data-state", "retry", timeout=15000)
    page.get_by_test_id("sync-now").click()
    expect(page.get_by_test_id("queue-entry")).to_have_attribute("data-state", "sent", timeout=15000)
    assert len(posts) == 2
    assert Visit.objects.count() == 1 and Evidence.objects.count() == 1
    visit = Visit.objects.get()
    assert (visit.found_status, visit.notes, visit.officer_id) == ("aktif", "Dicatat tanpa sinyal", alor_staff.pk)
    assert [m.producing for m in visit.members.order_by("membership__ikm__name")] == [True, True, False]
    assert visit.machines.get().condition == "rusak_ringan"
    evidence = Evidence.objects.get()
    assert max(evidence.width, evidence.height) == 1600  # shrunk in the browser
    assert evidence.exif_source == "browser" and str(evidence.exif_latitude) == "-8.218400"
    assert evidence.taken_at is not None and evidence.taken_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).hour == 9
    assert WorklistItem.objects.get(pk=mali_item.pk).state == ItemState.VISITED
    expect(page.get_by_test_id("item-ALR-MALI")).to_contain_text("Sudah dikunjungi")


def test_province_returns_officer_corrects_and_approval_changes_the_registry(
    page, login_as, live_server, alor_staff, ntt_staff, mali_item, mali,
):
    first, _ = visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali, found_status="tidak_aktif"), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=mali_item.round, kabupaten_code="53.05")

    login_as(ntt_staff)
    page.goto(f"{live_server.url}/pendataan/butir/{mali_item.pk}/")
    expect(page.get_by_test_id("visit").first.locator("img")).to_be_visible()  # the photo, through the scoped view
    page.check("input[name=decision][value=return]")
    page.fill("textarea[name=comment]", "Status tidak sesuai foto: sentra tampak aktif.")
    page.click("button:has-text('Simpan keputusan')")
    expect(page.get_by_test_id("item-state")).to_have_text("Dikembalikan untuk perbaikan")
    assert Sentra.objects.get(pk=mali["sentra"].pk).status == "kurang_aktif"

    page.context.clear_cookies()
    login_as(alor_staff)
    open_field_app(page, live_server)
    card = page.get_by_test_id("item-ALR-MALI")
    expect(card).to_contain_text("Status tidak sesuai foto: sentra tampak aktif.")
    card.get_by_role("button", name="Catat perbaikan").click()
    page.check("input[name=found_status][value=aktif]")
    page.get_by_label("IKM Mali 3").uncheck()
    page.locator("[data-room='%d'] [name=room-state]" % mali["rooms"][2].pk).select_option("kosong")
    page.set_input_files("#photos", files=[{"name": "ulang.jpg", "mimeType": "image/jpeg", "buffer": sample_jpeg()}])
    expect(page.locator("#photo-previews img")).to_have_count(1)
    page.get_by_test_id("save-visit").click()
    expect(page.get_by_test_id("queue-entry")).to_have_attribute("data-state", "sent", timeout=15000)
    page.goto(f"{live_server.url}/pendataan/{mali_item.round_id}/daftar/")
    page.get_by_test_id("submit-worklist").click()
    expect(page.locator(".msg-success")).to_contain_text("1 kunjungan dikirim")

    page.context.clear_cookies()
    login_as(ntt_staff)
    page.goto(f"{live_server.url}/pendataan/butir/{mali_item.pk}/")
    page.check("input[name=decision][value=approve]")
    page.click("button:has-text('Simpan keputusan')")
    expect(page.get_by_test_id("item-state")).to_have_text("Disetujui")

    second = Visit.objects.exclude(pk=first.pk).get()
    sentra = Sentra.objects.get(pk=mali["sentra"].pk)
    assert sentra.status == "aktif" and sentra.last_verified_by_id == alor_staff.pk
    reason = f"pendataan ulang: putaran {mali_item.round_id}, kunjungan {second.pk}"
    assert sentra.history.order_by("-history_date").first().history_change_reason == reason
    room = Room.objects.get(pk=mali["rooms"][2].pk)
    assert (room.state, room.occupant_id) == ("kosong", None)
    assert room.history.order_by("-history_date").first().history_change_reason == reason
    ended = SentraMembership.objects.get(pk=mali["memberships"][2].pk)
    assert ended.left_on == second.visited_on and ended.history.order_by("-history_date").first().history_change_reason == reason
    assert list(Transition.objects.filter(item=mali_item).values_list("to_state", flat=True)) == [
        "visited", "submitted", "returned", "visited", "submitted", "approved",
    ]
