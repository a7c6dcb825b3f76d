"""Demo-like data for the report tests: Mali (Kab. Alor) 20/18/4 rooms, Pancor Dao (Lombok Tengah) DAK 2023."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache

from core.testing.factories import (
    CommodityFactory,
    CommodityGroupFactory,
    DakActivityFactory,
    DakAllocationFactory,
    IkmUnitFactory,
    MachineFactory,
    MembershipFactory,
    RoomFactory,
    SentraFactory,
    YearlyFigureFactory,
)


@pytest.fixture(autouse=True)
def fresh_report_cache():
    # Dashboard figures are cached for a minute; each test must see its own data.
    cache.clear()
    yield
    cache.clear()


@dataclass
class Demo:
    mali: object
    pancor_dao: object
    unfunded: object
    belu_sentra: object
    tenun: object
    gerabah: object
    alor_units: list
    loteng_units: list


@pytest.fixture
def demo(alor_desa, belu_desa, loteng_desa):
    sandang = CommodityGroupFactory(code="sandang", name="Sandang")
    kerajinan = CommodityGroupFactory(code="kerajinan", name="Kerajinan dan aneka")
    tenun = CommodityFactory(code="tenun-ikat", name="Tenun ikat", group=sandang, is_priority=True)
    gerabah = CommodityFactory(code="gerabah", name="Gerabah", group=kerajinan, is_priority=True)

    mali = SentraFactory(code="SNT-ALOR-MALI", name="Sentra Tenun Mali", desa=alor_desa, commodity=tenun)
    alor_units = [
        IkmUnitFactory(name=f"Penenun Mali {i}", desa=alor_desa, commodity=tenun, workers_male=1, workers_female=2,
                       production_value=10_000_000, sales=8_000_000)
        for i in range(18)
    ]
    for unit in alor_units:
        MembershipFactory(ikm=unit, sentra=mali)
    for i in range(20):
        if i < 4:
            RoomFactory(sentra=mali, name=f"R{i:02d}", state="aktif", occupant=alor_units[i])
        elif i < 18:
            RoomFactory(sentra=mali, name=f"R{i:02d}", state="terisi", occupant=alor_units[i])
        else:
            RoomFactory(sentra=mali, name=f"R{i:02d}", state="kosong")
    MachineFactory(sentra=mali, quantity=12, condition="baik", funding_source="dak")
    MachineFactory(sentra=mali, quantity=3, condition="rusak_berat", funding_source="")

    pancor_dao = SentraFactory(code="SNT-LOTENG-PANCOR", name="Sentra Gerabah Pancor Dao", desa=loteng_desa, commodity=gerabah)
    loteng_units = [
        IkmUnitFactory(name=f"Perajin Pancor {i}", desa=loteng_desa, commodity=gerabah, workers_male=2, workers_female=4,
                       production_value=50_000_000, sales=40_000_000)
        for i in range(5)
    ]
    allocation = DakAllocationFactory(fiscal_year=2023, kabupaten_kota=loteng_desa.parent.parent, pagu=2_000_000_000,
                                      realisation=1_769_200_000)
    DakActivityFactory(allocation=allocation, sentra=pancor_dao, description="Revitalisasi sentra gerabah",
                       pagu=1_500_000_000, realisation=1_400_000_000)
    YearlyFigureFactory(sentra=pancor_dao, year=2022, workers_total=10, production_value=300_000_000, sales=250_000_000,
                        production_volume=9, volume_unit="ton")
    YearlyFigureFactory(sentra=pancor_dao, year=2024, workers_total=30, production_value=900_000_000, sales=800_000_000,
                        production_volume=18, volume_unit="ton")

    unfunded = SentraFactory(code="SNT-LOTENG-BANYUMULEK", name="Sentra Gerabah Banyumulek", desa=loteng_desa, commodity=gerabah)
    YearlyFigureFactory(sentra=unfunded, year=2022, workers_total=20, production_value=400_000_000, sales=300_000_000)
    YearlyFigureFactory(sentra=unfunded, year=2024, workers_total=22, production_value=420_000_000, sales=330_000_000)

    belu_sentra = SentraFactory(code="SNT-BELU-TENUN", name="Sentra Tenun Belu", desa=belu_desa, commodity=tenun, status="tidak_aktif")
    return Demo(mali, pancor_dao, unfunded, belu_sentra, tenun, gerabah, alor_units, loteng_units)
