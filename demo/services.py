"""Demo registry drawn from real sentra reported in the press and by Kemenperin, so a newcomer sees a living registry.

Facts kept from the sources: Alor (tenun ikat at Desa Moramam on gedogan vs semi-ATBM looms, Sentra Bambu in
Kec. Kabola, the facility at Mali with 20 rooms of which 18 occupied and only 4 actively used), Lombok Tengah
(Sentra IKM Olahan Pangan at Dusun Pancor Dao, Desa Aik Darek, DAK 2023, run by a koperasi, workers 10 -> 30,
production above 18 t/year with oven, mixer and vacuum frying), Kota Balikpapan (Sentra Industri Kecil Teritip:
amplang and kerupuk singkong), Kab. Belu (85 furniture businesses, about 60 tenun ikat groups, a planned furniture
sentra at Kel. Fatukbot). Names of businesses and people, NIBs and amounts other than those are invented and
marked as demo ("DEMO-" codes, NIBs starting 99).
"""

import datetime
import math
from decimal import Decimal

from django.db import transaction

from accounts.models import Role, User
from commodities.models import Commodity
from core.services import record_create, records_bulk_upsert
from facilities.models import EquipmentType, FundingSource, Machine, Room, RoomState
from facilities.services import room_assign
from funding.models import DakMenu
from funding.services import dak_activity_create, dak_allocation_create
from ikm.models import IkmUnit
from ikm.services import ikm_create, membership_join, yearly_figure_create
from regions.models import Region
from sentra.models import Sentra
from sentra.services import sentra_create, sentra_verify

DEMO_PASSWORD = "sentra-demo-2026"

DEMO_USERS = [
    # username, role, region, full name
    ("admin", Role.ADMIN, None, "Administrator Registri"),
    ("analis", Role.ANALYST, None, "Analis Ditjen IKMA"),
    ("ntt", Role.PROVINCE, "53", "Staf Disperindag Provinsi NTT"),
    ("alor", Role.DISTRICT, "53.05", "Staf Disperindag Kab. Alor"),
    ("belu", Role.DISTRICT, "53.04", "Staf Disperindag Kab. Belu"),
    ("loteng", Role.DISTRICT, "52.02", "Staf Disperindag Kab. Lombok Tengah"),
    ("balikpapan", Role.DISTRICT, "64.71", "Staf Disperindagkop Kota Balikpapan"),
]


def demo_users_ensure():
    """Create the demo users (or reset them to their documented role, region and password)."""
    users = {}
    for username, role, region, full_name in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "region_id": region,
                "first_name": first,
                "last_name": last,
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        users[username] = user
    return users


class _Builder:
    def __init__(self, admin):
        self.admin = admin
        self.commodity = {c.code: c for c in Commodity.objects.all()}
        self.equipment = {e.code: e for e in EquipmentType.objects.all()}
        self.menu = {m.code: m for m in DakMenu.objects.all()}
        self._nib = 9900000000000
        self._placed = 0

    def region(self, code):
        return Region.objects.get(code=code)

    def next_nib(self):
        self._nib += 1
        return str(self._nib)

    def near(self, sentra):
        """A point within about a kilometre of the sentra (members' workshops around it), or none if it has none."""
        if sentra.latitude is None:
            return {}
        self._placed += 1
        angle, radius = self._placed * 2.39996, 0.002 + 0.0015 * (self._placed % 6)  # golden-angle spiral, in degrees
        return {"latitude": round(sentra.latitude + Decimal(radius * math.sin(angle)), 6),
                "longitude": round(sentra.longitude + Decimal(radius * math.cos(angle)), 6)}

    def sentra(self, *, commodities, **data):
        data["desa"] = self.region(data["desa"])
        ids = [self.commodity[code].pk for code in commodities]
        return sentra_create(user=self.admin, data=data, commodity_ids=ids, primary_commodity_id=ids[0])

    def unit(self, sentra, *, commodity, name, male, female, **extra):
        unit = ikm_create(
            user=self.admin,
            data={
                "name": name,
                "nib": self.next_nib(),
                "desa": sentra.desa,
                "commodity": self.commodity[commodity],
                "workers_male": male,
                "workers_female": female,
                **self.near(sentra),
                **extra,
            },
        )
        membership_join(user=self.admin, ikm=unit, sentra=sentra, joined_on=datetime.date(2019, 1, 15))
        return unit

    def rooms(self, sentra, count):
        return [record_create(user=self.admin, model=Room, data={"sentra": sentra, "name": f"Ruang {n:02d}"}) for n in range(1, count + 1)]

    def machine(self, sentra, equipment, quantity, **extra):
        return record_create(
            user=self.admin,
            model=Machine,
            data={"sentra": sentra, "equipment_type": self.equipment[equipment], "quantity": quantity, **extra},
        )

    def figure(self, subject, year, **values):
        key = "sentra" if isinstance(subject, Sentra) else "ikm"
        return yearly_figure_create(user=self.admin, data={key: subject, "year": year, **values})


def _alor(b):
    moramam = b.sentra(
        code="DEMO-5305-001",
        name="Sentra Tenun Ikat Moramam",
        desa="53.05.03.2014",
        address="Desa Moramam, Kec. Alor Barat Daya",
        latitude=Decimal("-8.315000"), longitude=Decimal("124.415000"),
        commodities=["tenun-ikat"],
        origin="tumbuh_sendiri",
        manager_type="kelompok",
        manager_name="Kelompok Tenun Ikat Moramam",
        status="aktif",
        founding_year=2008,
    )
    for n in range(1, 9):
        b.unit(moramam, commodity="tenun-ikat", name=f"Kelompok Tenun Moramam {n}", male=0, female=6, production_place="rumah")
    # Most weavers still work on back-strap gedogan looms; a few semi-ATBM looms came with a later programme.
    b.machine(moramam, "alat-tenun-gedogan", 40, condition="baik", funding_source=FundingSource.SWADAYA)
    b.machine(moramam, "atbm-semi-mesin", 4, condition="baik", year_acquired=2021, funding_source=FundingSource.APBD)
    b.figure(moramam, 2023, unit_count=8, workers_total=48, workers_male=0, workers_female=48, production_volume=520, volume_unit="lembar", production_value=390_000_000, sales=360_000_000)
    sentra_verify(user=b.admin, sentra=moramam)

    bambu = b.sentra(
        code="DEMO-5305-002",
        name="Sentra Bambu Kabola",
        desa="53.05.10.1001",
        address="Kec. Kabola",
        latitude=Decimal("-8.180000"), longitude=Decimal("124.490000"),
        commodities=["anyaman-bambu", "furnitur-rotan-bambu"],
        origin="tumbuh_sendiri",
        manager_type="kelompok",
        manager_name="Kelompok Perajin Bambu Kabola",
        status="kurang_aktif",
    )
    for n in range(1, 6):
        b.unit(bambu, commodity="anyaman-bambu", name=f"Perajin Bambu Kabola {n}", male=2, female=1)
    b.machine(bambu, "mesin-serut-bambu", 2, condition="rusak_ringan", year_acquired=2017, funding_source="")

    mali = b.sentra(
        code="DEMO-5305-003",
        name="Sentra IKM Mali",
        desa="53.05.10.2004",
        address="Kawasan Mali, Kec. Kabola",
        latitude=Decimal("-8.150000"), longitude=Decimal("124.580000"),
        commodities=["tenun-ikat", "olahan-pangan-lain"],
        origin="dibangun_pemerintah",
        manager_type="dinas",
        manager_name="Dinas Perindustrian dan Perdagangan Kab. Alor",
        asset_owner="Pemerintah Kabupaten Alor",
        status="kurang_aktif",
        founding_year=2019,
    )
    members = [
        b.unit(mali, commodity="tenun-ikat" if n % 2 else "olahan-pangan-lain", name=f"IKM Mali {n:02d}", male=1, female=2, production_place="sentra")
        for n in range(1, 19)
    ]
    rooms = b.rooms(mali, 20)
    # 20 rooms: 18 handed to members, of which only 4 are actively used; 2 stand empty.
    for index, (room, member) in enumerate(zip(rooms, members)):
        room_assign(user=b.admin, room=room, occupant=member, state=RoomState.AKTIF if index < 4 else RoomState.TERISI)
    allocation = dak_allocation_create(
        user=b.admin, data={"fiscal_year": 2019, "kabupaten_kota": b.region("53.05"), "pagu": 3_150_000_000, "realisation": 3_012_400_000}
    )
    dak_activity_create(
        user=b.admin,
        data={"allocation": allocation, "menu": b.menu["pembangunan-sentra"], "sentra": mali,
              "description": "Pembangunan gedung sentra IKM Mali (20 ruang produksi)", "pagu": 2_800_000_000, "realisation": 2_705_000_000},
        rooms=rooms,
    )


def _lombok_tengah(b):
    pancor = b.sentra(
        code="DEMO-5202-001",
        name="Sentra IKM Olahan Pangan Pancor Dao",
        desa="52.02.03.2005",
        address="Dusun Pancor Dao, Desa Aik Darek, Kec. Batukliang",
        latitude=Decimal("-8.580000"), longitude=Decimal("116.320000"),
        commodities=["kerupuk-keripik-amplang", "roti-kue"],
        origin="dibangun_pemerintah",
        manager_type="koperasi",
        manager_name="Koperasi Produsen Pancor Dao",
        asset_owner="Pemerintah Kabupaten Lombok Tengah",
        status="aktif",
        founding_year=2023,
    )
    units = [b.unit(pancor, commodity="kerupuk-keripik-amplang", name=f"UKM Olahan Pancor Dao {n}", male=2, female=4, production_place="sentra") for n in range(1, 6)]
    rooms = b.rooms(pancor, 5)
    for room, unit in zip(rooms, units):
        room_assign(user=b.admin, room=room, occupant=unit, state=RoomState.AKTIF)
    machines = [
        b.machine(pancor, "oven", 2, year_acquired=2023, funding_source=FundingSource.DAK),
        b.machine(pancor, "mixer", 2, year_acquired=2023, funding_source=FundingSource.DAK),
        b.machine(pancor, "vacuum-frying", 1, year_acquired=2023, funding_source=FundingSource.DAK),
        b.machine(pancor, "continuous-sealer", 1, year_acquired=2023, funding_source=FundingSource.DAK),
    ]
    allocation = dak_allocation_create(
        user=b.admin, data={"fiscal_year": 2023, "kabupaten_kota": b.region("52.02"), "pagu": 6_500_000_000, "realisation": 5_750_000_000}
    )
    dak_activity_create(
        user=b.admin,
        data={"allocation": allocation, "menu": b.menu["pembangunan-sentra"], "sentra": pancor,
              "description": "Pembangunan sentra IKM olahan pangan Pancor Dao", "pagu": 4_200_000_000, "realisation": 3_960_000_000},
        rooms=rooms,
    )
    dak_activity_create(
        user=b.admin,
        data={"allocation": allocation, "menu": b.menu["mesin-peralatan"], "sentra": pancor,
              "description": "Oven, mixer, vacuum frying dan sealer", "pagu": 1_100_000_000, "realisation": 1_050_000_000},
        machines=machines,
    )
    # Before and after DAK 2023: workers 10 -> 30, production above 18 t/year.
    b.figure(pancor, 2022, unit_count=5, workers_total=10, production_volume=6, volume_unit="ton", production_value=540_000_000, sales=480_000_000)
    b.figure(pancor, 2024, unit_count=5, workers_total=30, production_volume=18.5, volume_unit="ton", production_value=1_850_000_000, sales=1_700_000_000)
    sentra_verify(user=b.admin, sentra=pancor)


def _balikpapan(b):
    teritip = b.sentra(
        code="DEMO-6471-001",
        name="Sentra Industri Kecil Teritip",
        desa="64.71.01.1003",
        address="Kelurahan Teritip, Kec. Balikpapan Timur",
        latitude=Decimal("-1.190000"), longitude=Decimal("116.990000"),
        commodities=["kerupuk-keripik-amplang"],
        origin="tumbuh_sendiri",
        manager_type="kelompok",
        manager_name="Paguyuban IKM Teritip",
        status="aktif",
    )
    for n, product in enumerate(["Amplang ikan", "Amplang ikan", "Kerupuk singkong", "Kerupuk singkong", "Amplang udang", "Kerupuk singkong"], start=1):
        b.unit(teritip, commodity="kerupuk-keripik-amplang", name=f"IKM {product} Teritip {n}", male=1, female=3, product=product, production_place="rumah")
    b.figure(teritip, 2023, unit_count=6, workers_total=24, production_value=720_000_000, sales=690_000_000)


def _belu(b):
    fatukbot = b.sentra(
        code="DEMO-5304-001",
        name="Sentra Furnitur Fatukbot (rencana)",
        desa="53.04.22.1004",
        address="Kelurahan Fatukbot, Kec. Atambua Selatan",
        latitude=Decimal("-9.110000"), longitude=Decimal("124.890000"),
        commodities=["meubel-kayu"],
        origin="dibangun_pemerintah",
        manager_type="dinas",
        manager_name="Dinas Perindustrian Kab. Belu",
        status="rencana",
        notes="Direncanakan untuk menampung usaha meubel di Belu.",
    )
    desa = fatukbot.desa
    furniture, tenun = b.commodity["meubel-kayu"], b.commodity["tenun-ikat"]
    # 85 furniture businesses and about 60 tenun ikat groups across the kabupaten: one bulk write, audited.
    units = [
        IkmUnit(name=f"Usaha Meubel Belu {n:02d}", nib=b.next_nib(), desa=desa, commodity=furniture, workers_male=3, workers_female=0, investment=45_000_000,
                **b.near(fatukbot))
        for n in range(1, 86)
    ] + [
        IkmUnit(name=f"Kelompok Tenun Ikat Belu {n:02d}", desa=desa, commodity=tenun, workers_male=0, workers_female=7, investment=8_000_000,
                **b.near(fatukbot))
        for n in range(1, 61)
    ]
    for unit in units:
        unit.full_clean()
    records_bulk_upsert(user=b.admin, model=IkmUnit, creates=units, updates=[], update_fields=[])


DEMO_BLOCKS = [("DEMO-5305-001", _alor), ("DEMO-5202-001", _lombok_tengah), ("DEMO-6471-001", _balikpapan), ("DEMO-5304-001", _belu)]


@transaction.atomic
def demo_load():
    """Create demo users and any demo block not yet present; returns the codes of blocks created."""
    users = demo_users_ensure()
    builder = _Builder(users["admin"])
    builder._nib = max([int(n) for n in IkmUnit.all_objects.filter(nib__startswith="99").values_list("nib", flat=True)] or [builder._nib])
    created = []
    for marker, block in DEMO_BLOCKS:
        if not Sentra.all_objects.filter(code=marker).exists():
            block(builder)
            created.append(marker)
    from census.demo import census_demo_load  # the census round lives in its own app (issue 13)

    if census_demo_load():
        created.append("pendataan ulang")
    return created

