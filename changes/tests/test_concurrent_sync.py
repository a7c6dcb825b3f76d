"""The proof of issue 18: a slow partner syncing Kab. Alor while others write ends with exactly the server's data.

PostgreSQL only (its transactions commit out of order; SQLite runs one writer at a time). Writers in their
own threads and connections, all committing for real (transactional_db):
  - a LONG transaction that writes early (so it holds a low txid) and commits last,
  - a 10,000-row IKM import through the real import services (COPY preview, INSERT ... SELECT commit),
  - edits, moves of sentra between Alor and Belu (rooms follow), hard deletes and soft deletes.
The partner follows docs/api.md: take /changes/head/, walk every list page by page (slowly), then read the
feed from the head until the writers are done and the feed has caught up. Its copy must equal the lists.
"""

import io
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction
from django.utils import timezone

from accounts.models import Role
from core.api.testing import token_client
from core.services import record_delete, record_update
from core.testing.factories import (
    CommodityFactory, IkmUnitFactory, MachineFactory, MembershipFactory, RoomFactory, SentraFactory, UserFactory, region_tree,
)
from facilities.models import Room
from ikm.models import IkmUnit
from imports.kinds import KINDS
from imports.models import ImportStatus
from imports.services import import_job_create, import_job_request_commit
from sentra.models import Sentra

from .conftest import apply, wait_for_horizon

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="commit order only varies on PostgreSQL")

RESOURCES = ("sentra", "ikm-units", "memberships", "certifications", "yearly-figures", "rooms", "machines",
             "dak-allocations", "dak-activities")
IMPORT_ROWS = 10_000


def walk_lists(client, pause):
    """First load: every list, page by page (the way a partner's first load runs)."""
    copy = {}
    for resource in RESOURCES:
        url = f"/api/v1/{resource}/?page_size=500"
        while url:
            body = client.get(url).json()
            copy.update({(resource, row["id"]): row for row in body["results"]})
            url = body["next"]
            time.sleep(pause)
    return copy


def import_csv(commodity):
    headers = [column.header for column in KINDS["ikm"].columns]
    values = {"NIB": None, "Nama Usaha": None, "Kode Wilayah": "53.05.03.2001", "Komoditas": commodity.code,
              "Tenaga Kerja Laki-laki": "2", "Tenaga Kerja Perempuan": "3"}
    out = io.StringIO()
    out.write(";".join(headers) + "\n")
    for n in range(IMPORT_ROWS):
        row = {**values, "NIB": f"97{n:011d}", "Nama Usaha": f"Usaha Impor {n}"}
        out.write(";".join(row.get(header) or "" for header in headers) + "\n")
    return out.getvalue().encode()


class Writers:
    def __init__(self, admin, alor_desa, belu_desa, commodity):
        self.admin, self.alor, self.belu, self.commodity = admin, alor_desa, belu_desa, commodity
        self.errors = []
        self.long_started = threading.Event()
        self.others_done = threading.Event()

    def run(self, target):
        def wrapped():
            try:
                target()
            except Exception as error:  # reported by the test, not lost in a thread
                self.errors.append(repr(error))
            finally:
                connections.close_all()

        thread = threading.Thread(target=wrapped)
        thread.start()
        return thread

    def long_transaction(self):
        # Only its own sentra: a lock on anything the others write (an IKM unit's roll-up row) would stall them.
        sentra = Sentra.objects.get(code="PANJANG")
        with transaction.atomic():
            record_update(user=self.admin, instance=sentra, data={"notes": "diperbarui oleh transaksi panjang"})
            self.long_started.set()  # it holds a txid older than every writer's below
            self.others_done.wait(timeout=120)  # and stays open while they commit
            record_update(user=self.admin, instance=sentra, data={"name": "Sentra Terakhir Diubah"})

    def importer(self):
        self.long_started.wait(timeout=30)
        content = import_csv(self.commodity)
        job = import_job_create(user=self.admin, kind="ikm", upload=SimpleUploadedFile("ikm.csv", content))
        job.refresh_from_db()
        assert job.status == ImportStatus.PREVIEW and job.created_count == IMPORT_ROWS, (job.status, job.messages[:3])
        job = import_job_request_commit(user=self.admin, job=job)
        assert job.status == ImportStatus.DONE, job.status

    def editor(self):
        self.long_started.wait(timeout=30)
        for round_ in range(3):
            # Only sentra without members may change kabupaten (issue 12's link rules); their rooms follow.
            movable = Sentra.objects.filter(code__startswith="PINDAH")
            alor_sentra = movable.filter(desa=self.alor).order_by("-id").first()
            record_update(user=self.admin, instance=alor_sentra, data={"desa": self.belu})  # leaves Alor with its rooms
            belu_sentra = movable.filter(desa=self.belu).exclude(pk=alor_sentra.pk).order_by("id").first()
            record_update(user=self.admin, instance=belu_sentra, data={"desa": self.alor})  # enters Alor
            room = Room.objects.filter(sentra__desa=self.alor).exclude(sentra__code="PANJANG").order_by("id").first()
            if room is not None:
                record_delete(user=self.admin, instance=room)
            unit = IkmUnit.objects.filter(desa=self.alor).order_by("id")[round_]
            record_update(user=self.admin, instance=unit, data={"name": f"Diubah {round_}"})
            record_delete(user=self.admin, instance=IkmUnit.objects.filter(desa=self.alor).order_by("-id")[round_ + 1])
            Sentra.objects.filter(desa=self.alor).exclude(code="PANJANG").update(status="kurang_aktif", updated_at=timezone.now())
            time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_slow_reader_ends_with_exactly_the_servers_data(settings):
    settings.IMPORT_SYNC_MAX_BYTES = 50 * 1024 * 1024  # check and commit in the writer's thread, not a worker
    alor_desa = region_tree("53.05.03.2001", {"53": "Nusa Tenggara Timur", "53.05": "Kabupaten Alor"})
    belu_desa = region_tree("53.04.22.1004", {"53.04": "Kabupaten Belu"})
    admin = UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True)
    commodity = CommodityFactory(code="tenun-ikat", name="Tenun ikat")
    for desa in (alor_desa, alor_desa, alor_desa, belu_desa, belu_desa):
        sentra = SentraFactory(desa=desa, commodity=commodity)
        unit = IkmUnitFactory(desa=desa, commodity=commodity)
        MembershipFactory(ikm=unit, sentra=sentra)
        room = RoomFactory(sentra=sentra)
        MachineFactory(sentra=sentra, room=room)
    for n, desa in enumerate((alor_desa, alor_desa, belu_desa, belu_desa)):
        movable = SentraFactory(code=f"PINDAH-{n}", desa=desa, commodity=commodity)  # no members: it may move
        MachineFactory(sentra=movable, room=RoomFactory(sentra=movable))
    IkmUnitFactory.create_batch(10, desa=alor_desa, commodity=commodity)
    RoomFactory(sentra=SentraFactory(code="PANJANG", desa=alor_desa, commodity=commodity))
    partner = token_client("53.05", name="Portal Alor")

    writers = Writers(admin, alor_desa, belu_desa, commodity)
    head = partner.get("/api/v1/changes/head/").json()["position"]  # 1. before the first load
    threads = [writers.run(writers.long_transaction)]
    writers.long_started.wait(timeout=30)
    threads += [writers.run(writers.importer), writers.run(writers.editor)]
    copy = walk_lists(partner, pause=0.02)  # 2. first load, while they write

    position, pages = head, 0  # 3. follow the feed while they write, slowly
    while any(thread.is_alive() for thread in threads[1:]):
        body = partner.get("/api/v1/changes/", {"after": position, "page_size": 1000}).json()
        apply(copy, body["results"])
        position, pages = body["next_position"], pages + 1
        time.sleep(0.05)
    writers.others_done.set()  # only now does the long transaction commit
    for thread in threads:
        thread.join(timeout=300)
    assert not writers.errors, writers.errors

    wait_for_horizon()
    while True:
        body = partner.get("/api/v1/changes/", {"after": position, "page_size": 1000}).json()
        apply(copy, body["results"])
        position, pages = body["next_position"], pages + 1
        if not body["has_more"]:
            break

    server = walk_lists(partner, pause=0)
    assert IkmUnit.all_objects.filter(nib__startswith="97").count() == IMPORT_ROWS
    assert sum(1 for resource, _id in server if resource == "ikm-units") > IMPORT_ROWS
    assert Sentra.objects.get(name="Sentra Terakhir Diubah")  # the long transaction did commit, last
    missing = sorted(set(server) - set(copy))
    extra = sorted(set(copy) - set(server))
    stale = sorted(key for key in set(server) & set(copy) if server[key] != copy[key])
    assert (missing, extra, stale) == ([], [], []), f"after {pages} feed pages"
