"""A small census world: the Mali facility of Kab. Alor (members, 4 rooms, a machine) and a Belu sentra,
a national round opened by the administrator, and helpers to build a phone's visit payload."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from census.services import round_open
from core.testing.factories import EquipmentTypeFactory, IkmUnitFactory, MachineFactory, MembershipFactory, RoomFactory, SentraFactory
from evidence.samples import sample_jpeg


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORTS_CACHE_SECONDS = 0


@pytest.fixture
def mali(alor_desa):
    sentra = SentraFactory(code="ALR-MALI", name="Sentra IKM Mali", desa=alor_desa, status="kurang_aktif")
    units = [IkmUnitFactory(name=f"IKM Mali {n}", desa=alor_desa) for n in range(1, 4)]
    memberships = [MembershipFactory(ikm=unit, sentra=sentra, joined_on=datetime.date(2020, 1, 1)) for unit in units]
    rooms = [RoomFactory(sentra=sentra, name=f"Ruang {n:02d}") for n in range(1, 5)]
    for room, unit, state in zip(rooms, units, ["aktif", "terisi", "terisi"]):
        room.occupant, room.state = unit, state
        room.save()
    machine = MachineFactory(sentra=sentra, equipment_type=EquipmentTypeFactory(code="alat-tenun-gedogan", name="Alat tenun gedogan"), quantity=10)
    return {"sentra": sentra, "units": units, "memberships": memberships, "rooms": rooms, "machine": machine}


@pytest.fixture
def belu_sentra(belu_desa):
    return SentraFactory(code="BLU-FTB", name="Sentra Furnitur Fatukbot", desa=belu_desa)


@pytest.fixture
def census_round(admin_user, mali, belu_sentra, ntt_staff):
    today = timezone.localdate()
    return round_open(user=admin_user, data={
        "name": "Pendataan uji", "year": today.year, "start_date": today - datetime.timedelta(days=10), "deadline": today + datetime.timedelta(days=20),
    })


@pytest.fixture
def mali_item(census_round, mali):
    return census_round.items.get(sentra=mali["sentra"])


def photo(name="foto.jpg", **kwargs):
    return SimpleUploadedFile(name, sample_jpeg(**kwargs), content_type="image/jpeg")


def payload(item, mali, **overrides):
    """What the phone sends for the Mali visit: 2 of 3 members producing, rooms as found, machine damaged."""
    memberships, rooms, units = mali["memberships"], mali["rooms"], mali["units"]
    data = {
        "key": str(uuid.uuid4()), "item": item.pk, "visited_on": timezone.localdate().isoformat(), "found_status": "aktif",
        "latitude": "-8.218400", "longitude": "124.553900", "accuracy": 12, "notes": "Ramai\u00a0berproduksi",
        "members": [
            {"membership": memberships[0].pk, "producing": True}, {"membership": memberships[1].pk, "producing": True},
            {"membership": memberships[2].pk, "producing": False},
        ],
        "new_members": [{"name": "Tenun Ibu Maria", "owner_name": "Maria", "product": "kain tenun"}],
        "rooms": [
            {"room": rooms[0].pk, "state": "aktif", "occupant": units[0].pk},
            {"room": rooms[1].pk, "state": "aktif", "occupant": units[1].pk},
            {"room": rooms[2].pk, "state": "kosong", "occupant": None},
            {"room": rooms[3].pk, "state": "kosong", "occupant": None},
        ],
        "machines": [{"machine": mali["machine"].pk, "condition": "rusak_ringan"}],
        "base_versions": {
            "sentra": mali["sentra"].version,
            "rooms": {str(r.pk): r.version for r in rooms},
            "machines": {str(mali["machine"].pk): mali["machine"].version},
            "memberships": {str(m.pk): m.version for m in memberships},
        },
    }
    data.update(overrides)
    return data
