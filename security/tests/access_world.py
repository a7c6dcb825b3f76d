"""The world the access matrix runs in: one of every object in each of four places.

    alor    Kec. 53.05.03 of Kab. Alor (NTT): inside every scoped role's region
    kec     a sibling kecamatan in Kab. Alor (53.05.04): outside a kecamatan-level officer's region
    belu    the sibling kabupaten Kab. Belu (53.04), same province: outside a kabupaten officer's region
    loteng  Kab. Lombok Tengah in another province (52.02): outside a provincial officer's region

Each role's "outside" object is the one in the NEAREST place outside its scope (a scope compared on too short
a prefix shows up at once), and objects carry their place's marker in names and codes, so a leak anywhere in
a page shows up: a role must never see the marker of any place outside its scope.
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

from .census_world import CENSUS_KEYS, census_object

ALOR_DESA, KEC_DESA, BELU_DESA, LOTENG_DESA = "53.05.03.2001", "53.05.04.2001", "53.04.22.1004", "52.02.03.2005"
PLACES = {  # place -> (desa, marker)
    "alor": (ALOR_DESA, "ALOR"), "kec": (KEC_DESA, "RAHASIAKEC"), "belu": (BELU_DESA, "RAHASIABELU"),
    "loteng": (LOTENG_DESA, "RAHASIALOTENG"),
}
ROLE_SCOPE = {  # the region each role works in (None: national, or no region at all)
    "district": "53.05", "kecamatan": "53.05.03", "province": "53", "token_ro": "53.05", "token_rw": "53.05",
    "analyst": None, "admin": None, "anonymous": None,
}
KABUPATEN_LEVEL = ("allocation", "activity")
OUTSIDE = PLACES["loteng"][1]  # the marker of another province: nothing of it may reach Alor or the public
ANON_LIKE = ("anonymous", "token_ro", "token_rw")
SESSION_ROLES = ("district", "kecamatan", "province", "analyst", "admin")
ROLES = ("anonymous", *SESSION_ROLES, "token_ro", "token_rw")


def place_inside(role, place):
    scope = ROLE_SCOPE[role]
    code = PLACES[place][0]
    return scope is None or code == scope or code.startswith(scope + ".")


def nearest_outside(role):
    """The place closest to the role's region that lies outside it (any place for national roles)."""
    return next((place for place in ("kec", "belu", "loteng") if not place_inside(role, place)), "loteng")


def hidden_markers(role):
    """Markers of every place outside the role's scope: none may appear on the role's pages."""
    if ROLE_SCOPE[role] is None:
        return []
    return [marker for place, (_desa, marker) in PLACES.items() if not place_inside(role, place)]


class World:
    def __init__(self, user_factories):
        region_tree(ALOR_DESA, {"53": "Nusa Tenggara Timur", "53.05": "Kabupaten Alor"})
        region_tree(KEC_DESA)
        region_tree(BELU_DESA, {"53.04": "Kabupaten Belu"})
        region_tree(LOTENG_DESA, {"52": "Nusa Tenggara Barat", "52.02": "Kabupaten Lombok Tengah"})
        self.users = {role: make() for role, make in user_factories.items()}  # after the regions they point at
        users = self.users
        self.commodity = CommodityFactory(code="tenun-ikat", name="Tenun ikat")
        self.batches = 0
        self.serial = 0
        self.years = {}
        self.objects = {place: self._make(marker, desa) for place, (desa, marker) in PLACES.items()}
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
                    "allocation", "activity", "tombstone",
                    "census_round", "census_item", "census_visit", "evidence"):
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
        if key in CENSUS_KEYS:
            return census_object(self, key, tag, unique, desa, parent)
        raise KeyError(key)

    def _other_client(self):
        if not hasattr(self, "other_client"):
            self.other_client = token_client("52.02", name="Mitra lain").api_client
        return self.other_client

    def add_outside_batch(self, role):
        """More data just outside the role's scope (a new kecamatan, kabupaten or province next to it); the
        role's pages must not change at all (not even a count)."""
        self.batches += 1
        place = nearest_outside(role)
        desa = {
            "kec": f"53.05.{40 + self.batches:02d}.2001",  # another kecamatan of Kab. Alor
            "belu": f"53.04.{40 + self.batches:02d}.2001",  # another kecamatan of Kab. Belu
            "loteng": f"52.{10 + self.batches:02d}.01.2001",  # another kabupaten in NTB
        }[place]
        self._make(PLACES[place][1], region_tree(desa).code, suffix=str(self.batches))

    def place_for(self, inside, role):
        return "alor" if inside else nearest_outside(role)

    def visible(self, key, inside, role):
        """Whether `role` may see the `key` object of its inside (or nearest outside) place: written apart
        from accounts.scope on purpose, so a wrong scope comparison there cannot hide here too."""
        if ROLE_SCOPE[role] is None or not inside:
            return ROLE_SCOPE[role] is None
        scope = ROLE_SCOPE[role]
        code = "53.05" if key in KABUPATEN_LEVEL else ALOR_DESA  # DAK lives at the kabupaten/kota
        return code == scope or code.startswith(scope + ".")

    def obj(self, key, inside, role, fresh=False):
        if key == "webhook":  # a token client's own subscription (inside), or another client's (outside)
            from webhooks.models import Delivery
            from webhooks.services import subscription_create

            client = self.clients[role]
            owner = client.api_client if inside and hasattr(client, "api_client") else self._other_client()
            subscription = subscription_create(client=owner, url="https://mitra.example/hook")
            subscription.delivery_pk = Delivery.objects.create(
                subscription=subscription, event="rooms.created", resource="rooms", object_id=1, position="0.1", payload={}
            ).pk
            return subscription
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
        place = self.place_for(inside, role)
        desa, marker = PLACES[place]
        if key == "region":
            return Region.objects.get(code=desa)
        if fresh:  # write actions change their object: every role gets its own (parents are shared)
            parents = {name: obj for name, obj in self.objects[place].items() if name == "allocation"}
            return self._build(key, marker, desa, parents)
        return self.objects[place][key]


CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
NONCE = re.compile(rb'nonce="[^"]*"')


def normalised(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # xlsx (its XML parts) or a dashboard's ZIP of CSV files: compare their text
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            # 00-keterangan.csv states the minute the file was made (and the user's own scope): no data to leak.
            content = b"".join(
                package.read(name) for name in sorted(package.namelist())
                if name.endswith((".xml", ".csv")) and "docProps" not in name and name != "00-keterangan.csv"
            )
    return NONCE.sub(b"", CSRF.sub(b"", content))
