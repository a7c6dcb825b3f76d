"""The world the access matrix runs in: one of every object inside Kab. Alor and one outside (Lombok Tengah).

Outside objects carry the marker OUTSIDE in their names and codes, so a leak anywhere in a page shows up.
"""

import io
import re
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from core.api.testing import token_client
from core.testing.factories import (
    CertificationFactory, CommodityFactory, MembershipFactory, DakActivityFactory, DakAllocationFactory, IkmUnitFactory, MachineFactory,
    RoomFactory, SentraFactory, YearlyFigureFactory, region_tree,
)
from core.models import Tombstone
from imports.models import ImportJob, ImportStatus, WorkbookJob
from regions.models import Region
from reports.models import ExportJob

OUTSIDE = "RAHASIALOTENG"
ALOR_DESA, LOTENG_DESA = "53.05.03.2001", "52.02.03.2005"
ANON_LIKE = ("anonymous", "token_ro", "token_rw")
SESSION_ROLES = ("district", "province", "analyst", "admin")
ROLES = ("anonymous", *SESSION_ROLES, "token_ro", "token_rw")


class World:
    def __init__(self, user_factories):
        region_tree(ALOR_DESA, {"53": "Nusa Tenggara Timur", "53.05": "Kabupaten Alor"})
        region_tree(LOTENG_DESA, {"52": "Nusa Tenggara Barat", "52.02": "Kabupaten Lombok Tengah"})
        self.users = {role: make() for role, make in user_factories.items()}  # after the regions they point at
        users = self.users
        self.commodity = CommodityFactory(code="tenun-ikat", name="Tenun ikat")
        self.batches = 0
        self.serial = 0
        self.years = {}
        self.objects = {True: self._make("ALOR", ALOR_DESA), False: self._make(OUTSIDE, LOTENG_DESA)}
        self.clients = {}
        for role in ROLES:
            if role.startswith("token"):
                self.clients[role] = token_client("53.05", read_write=role == "token_rw", name=f"Mitra {role}")
            else:
                client = Client(raise_request_exception=False)
                if role != "anonymous":
                    client.force_login(users[role])
                self.clients[role] = client

    def _make(self, marker, desa_code, suffix=""):
        made = {}
        for key in ("sentra", "deleted_sentra", "ikm", "deleted_ikm", "certification", "membership", "figure", "room", "machine",
                    "allocation", "activity", "tombstone"):
            made[key] = self._build(key, marker + suffix, desa_code, made)
        return made

    def _build(self, key, tag, desa_code, made=None):
        """One object of `key`, named with `tag`; parents come from `made` or are built too."""
        made = made if made is not None else {}
        desa = Region.objects.get(code=desa_code)
        self.serial += 1
        unique = f"{tag[:14]}{self.serial}"

        def parent(name):
            if name not in made:
                made[name] = self._build(name, tag, desa_code, made)
            return made[name]

        if key == "sentra":
            return SentraFactory(name=f"Sentra {unique}", code=f"{unique}-S", desa=desa, commodity=self.commodity)
        if key == "deleted_sentra":
            return SentraFactory(
                name=f"Sentra terhapus {unique}", code=f"{unique}-D", desa=desa, deleted_at=timezone.now(), commodity=self.commodity
            )
        if key == "ikm":
            return IkmUnitFactory(name=f"Usaha {unique}", desa=desa, commodity=self.commodity)
        if key == "deleted_ikm":
            return IkmUnitFactory(name=f"Usaha terhapus {unique}", desa=desa, commodity=self.commodity, deleted_at=timezone.now())
        if key == "certification":
            return CertificationFactory(ikm=parent("ikm"), number=f"{unique}-C")
        if key == "membership":
            return MembershipFactory(ikm=parent("ikm"), sentra=parent("sentra"))
        if key == "tombstone":
            return Tombstone.objects.create(model="ikm.certification", object_id=f"{unique}-T", region_id=desa.code, deleted_at=timezone.now())
        if key == "figure":
            return YearlyFigureFactory(sentra=parent("sentra"), source=f"Sumber {unique}")
        if key == "room":
            return RoomFactory(sentra=parent("sentra"), name=f"Ruang {unique}")
        if key == "machine":
            return MachineFactory(sentra=parent("sentra"))
        if key == "allocation":
            kabupaten = desa.parent.parent
            year = self.years[kabupaten.code] = self.years.get(kabupaten.code, 2009) + 1  # one allocation per year
            return DakAllocationFactory(kabupaten_kota=kabupaten, notes=f"Pagu {unique}", fiscal_year=year)
        if key == "activity":
            return DakActivityFactory(allocation=parent("allocation"), description=f"Kegiatan {unique}")
        raise KeyError(key)

    def add_outside_batch(self):
        """More out-of-scope data; a scoped user's pages must not change at all (not even a count)."""
        self.batches += 1
        # A new kabupaten in NTB each time (one DAK allocation per kabupaten and year).
        desa = region_tree(f"52.{10 + self.batches:02d}.01.2001")
        self._make(OUTSIDE, desa.code, suffix=str(self.batches))

    def obj(self, key, inside, role, fresh=False):
        if key == "import_job":
            owner = self.users[role] if inside and role in self.users else self.users["other"]
            return ImportJob.objects.create(
                user=owner, kind="ikm", original_name="data.xlsx", file=ContentFile(b"x", name="data.xlsx"), status=ImportStatus.PREVIEW
            )
        if key == "workbook_job":
            owner = self.users[role] if inside and role in self.users else self.users["other"]
            job = WorkbookJob(user=owner, kind="ikm", status=WorkbookJob.Status.DONE, download_name="isian.xlsx")
            job.file.save("isian.xlsx", ContentFile(b"x"), save=False)
            job.save()
            return job
        if key == "export_job":
            owner = self.users[role] if inside and role in self.users else self.users["other"]
            name = default_storage.save("exports/test.csv", ContentFile(b"a;b\n"))
            return ExportJob.objects.create(user=owner, exporter="sentra", format="csv", params=[], status=ExportJob.Status.DONE, file_name=name)
        if key == "region":
            return Region.objects.get(code=ALOR_DESA if inside else LOTENG_DESA)
        if fresh:  # write actions change their object: every role gets its own (parents are shared)
            parents = {name: obj for name, obj in self.objects[inside].items() if name == "allocation"}
            return self._build(key, "ALOR" if inside else OUTSIDE, ALOR_DESA if inside else LOTENG_DESA, parents)
        return self.objects[inside][key]


CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
NONCE = re.compile(rb'nonce="[^"]*"')


def normalised(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # xlsx: compare the text of its XML parts
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            content = b"".join(package.read(name) for name in sorted(package.namelist()) if name.endswith(".xml") and "docProps" not in name)
    return NONCE.sub(b"", CSRF.sub(b"", content))
