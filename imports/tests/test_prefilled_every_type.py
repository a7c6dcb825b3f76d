"""Every record type's pre-filled workbook imports back unchanged: export and import speak the same columns."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.factories import (
    CertificationFactory, DakActivityFactory, DakAllocationFactory, DakMenuFactory, EquipmentTypeFactory, IkmUnitFactory,
    MachineFactory, MembershipFactory, RoomFactory, SentraFactory,
)
from ikm.models import YearlyFigure
from imports.kinds import KINDS
from imports.services import import_job_create


@pytest.fixture
def one_of_each(named_regions, tenun):
    sentra = SentraFactory(code="SNT-1", commodity=tenun, founding_year=2010, status="kurang_aktif", origin="tumbuh_sendiri",
                           latitude="-8.243100", longitude="124.410200", designation_date="2020-12-31")
    unit = IkmUnitFactory(nib="9120000000001", commodity=tenun, production_capacity="12.50", capacity_unit="lembar", investment=25_000_000)
    MembershipFactory(sentra=sentra, ikm=unit)
    room = RoomFactory(sentra=sentra, name="Ruang 1", state="aktif", occupant=unit, area_m2="24.00")
    MachineFactory(sentra=sentra, room=room, equipment_type=EquipmentTypeFactory(code="gedogan", name="Gedogan"),
                   description="Bantuan DAK", quantity=4, condition="rusak_ringan", funding_source="dak", year_acquired=2023)
    allocation = DakAllocationFactory(fiscal_year=2023, pagu=2_500_000_000, realisation=2_211_500_000)
    DakActivityFactory(allocation=allocation, menu=DakMenuFactory(code="rumah-produksi", name="Rumah produksi bersama"),
                       sentra=sentra, description="Rumah produksi tenun", pagu=750_000_000, realisation=700_000_000)
    CertificationFactory(ikm=unit, kind="pirt", number="123456789012345", issued_on="2022-01-31", valid_until="2027-01-31")
    YearlyFigure.objects.create(year=2023, sentra=sentra, region_id=sentra.desa_id, workers_male=10, workers_female=20,
                                workers_total=30, production_volume="18.00", volume_unit="ton")


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_untouched_prefilled_workbook_imports_back_unchanged(client, alor_staff, one_of_each, kind):
    client.force_login(alor_staff)
    response = client.get(f"/impor/isian/{kind}.xlsx")
    content = b"".join(response.streaming_content)
    job = import_job_create(user=alor_staff, kind=kind, upload=SimpleUploadedFile(f"isian-{kind}.xlsx", io.BytesIO(content).read()))
    reasons = list(job.rows.values_list("row_number", "action", "reasons", "changes"))
    assert (job.unchanged_count, job.created_count, job.updated_count, job.refused_count, job.conflict_count) == (1, 0, 0, 0, 0), reasons
