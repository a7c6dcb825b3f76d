"""Demo census round (`manage.py load_demo`): a national round in progress whose deadline has passed.

Kab. Alor: Sentra Tenun Ikat Moramam approved; the Mali facility visited (20 rooms: 18 occupied, 4 actively
used, as the registry says) with a photo, sent and waiting for the NTT reviewer; Sentra Bambu Kabola returned
for correction. Lombok Tengah approved, Balikpapan sent, Kab. Belu not visited at all: the overdue kabupaten.
Every step goes through the census services, so the demo is the real workflow, transitions and history included.
"""

import datetime
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from facilities.models import Machine, Room
from ikm.models import SentraMembership
from sentra.models import Sentra

from .models import Decision, Round
from .services import kabupaten_submit, round_open, visit_record, visit_review
from evidence.samples import sample_jpeg

DEMO_ROUND = "Pendataan Ulang Sentra IKM (contoh)"
KEY_NAMESPACE = uuid.UUID("7b0e1a52-4a5e-4d1c-9a53-1a3c0de5e1a1")


def _payload(sentra, *, status, visited_on, lat=None, lon=None, notes="", rooms=None, producing=None):
    memberships = list(SentraMembership.objects.filter(sentra=sentra, left_on__isnull=True))
    return {
        "key": str(uuid.uuid5(KEY_NAMESPACE, f"{sentra.code}-{status}-{visited_on}")),
        "visited_on": visited_on.isoformat(), "found_status": status, "latitude": lat, "longitude": lon, "notes": notes,
        "members": [{"membership": m.pk, "producing": producing(m) if producing else True} for m in memberships],
        "rooms": rooms if rooms is not None else [
            {"room": room.pk, "state": room.state, "occupant": room.occupant_id} for room in Room.objects.filter(sentra=sentra)
        ],
        "machines": [{"machine": m.pk, "condition": m.condition} for m in Machine.objects.filter(sentra=sentra)],
        "base_versions": {
            "sentra": sentra.version,
            "rooms": {str(r.pk): r.version for r in Room.objects.filter(sentra=sentra)},
            "machines": {str(m.pk): m.version for m in Machine.objects.filter(sentra=sentra)},
            "memberships": {str(m.pk): m.version for m in memberships},
        },
    }


def _photo(name, taken, lat, lon, text):
    data = sample_jpeg(taken_at=taken.strftime("%Y:%m:%d %H:%M:%S"), latitude=lat, longitude=lon, text=text)
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def _visit(officer, item, sentra, *, status, visited_on, lat, lon, notes="", photo_text=""):
    taken = datetime.datetime.combine(visited_on, datetime.time(10, 15))
    payload = {**_payload(sentra, status=status, visited_on=visited_on, lat=lat, lon=lon, notes=notes), "item": item.pk}
    visit, _created = visit_record(
        user=officer, item_id=item.pk, payload=payload,
        photos=[_photo(f"{sentra.code}.jpg", taken, lat, lon, photo_text or sentra.name)],
    )
    return visit


def census_demo_load():
    """Create the demo round once (all demo blocks must exist); returns True when created."""
    if Round.objects.filter(name=DEMO_ROUND).exists() or not Sentra.objects.filter(code="DEMO-5305-003").exists():
        return False
    users = {user.username: user for user in User.objects.filter(username__in=["admin", "ntt", "alor", "loteng", "balikpapan"])}
    today = timezone.localdate()
    round_ = round_open(user=users["admin"], data={
        "name": DEMO_ROUND, "year": today.year, "start_date": today - datetime.timedelta(days=40),
        "deadline": today - datetime.timedelta(days=3),
    })
    items = {item.sentra.code: item for item in round_.items.select_related("sentra")}
    sentra = {code: item.sentra for code, item in items.items()}
    day = today - datetime.timedelta(days=12)

    # Kab. Alor: three visits by the district officer, sent together.
    _visit(users["alor"], items["DEMO-5305-001"], sentra["DEMO-5305-001"], status="aktif", visited_on=day,
           lat="-8.253100", lon="124.412300", notes="Kelompok tenun aktif; 40 alat tenun gedogan dan 4 ATBM semi mesin.")
    _visit(users["alor"], items["DEMO-5305-003"], sentra["DEMO-5305-003"], status="kurang_aktif", visited_on=day + datetime.timedelta(days=1),
           lat="-8.218400", lon="124.553900",
           notes="20 ruang: 18 terisi, hanya 4 yang aktif berproduksi; 2 ruang kosong.", photo_text="Sentra IKM Mali")
    _visit(users["alor"], items["DEMO-5305-002"], sentra["DEMO-5305-002"], status="tidak_aktif", visited_on=day + datetime.timedelta(days=2),
           lat="-8.226000", lon="124.531000", notes="Tidak ada perajin di lokasi saat kunjungan.")
    kabupaten_submit(user=users["alor"], round=round_, kabupaten_code="53.05")
    visit_review(user=users["ntt"], item=items["DEMO-5305-001"], decision=Decision.APPROVE)
    visit_review(user=users["ntt"], item=items["DEMO-5305-002"], decision=Decision.RETURN,
                 comment="Foto tidak memperlihatkan sentra. Mohon foto papan nama dan ruang produksi, dan tanyakan ke kepala desa apakah perajin pindah.")

    # Lombok Tengah approved (by the ministry administrator: no NTB reviewer among the demo users).
    _visit(users["loteng"], items["DEMO-5202-001"], sentra["DEMO-5202-001"], status="aktif", visited_on=day,
           lat="-8.586700", lon="116.318200", notes="Produksi berjalan; oven, mixer dan vacuum frying berfungsi.")
    kabupaten_submit(user=users["loteng"], round=round_, kabupaten_code="52.02")
    visit_review(user=users["admin"], item=items["DEMO-5202-001"], decision=Decision.APPROVE)

    # Balikpapan sent, waiting for review; Belu (DEMO-5304-001) never visited: overdue.
    _visit(users["balikpapan"], items["DEMO-6471-001"], sentra["DEMO-6471-001"], status="aktif", visited_on=day,
           lat="-1.162000", lon="116.991000", notes="Amplang dan kerupuk singkong diproduksi di rumah anggota.")
    kabupaten_submit(user=users["balikpapan"], round=round_, kabupaten_code="64.71")
    return True
