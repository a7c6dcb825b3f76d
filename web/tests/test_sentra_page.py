"""The sentra page reaches everything about the sentra: its DAK history (by year, amounts, what each activity
paid for), the printable profile and "Tambah anggota"."""

from django.urls import reverse

from core.testing.factories import (
    DakActivityFactory, DakAllocationFactory, EquipmentTypeFactory, MachineFactory, RoomFactory, SentraFactory,
)


def test_sentra_page_shows_its_dak_history_with_what_it_paid_for(client, alor_staff, belu_desa):
    sentra = SentraFactory(name="Sentra Tenun Mali", founding_year=2008)
    other = SentraFactory(name="Sentra Lain")
    room = RoomFactory(sentra=sentra, name="Ruang 07")
    oven = MachineFactory(sentra=sentra, equipment_type=EquipmentTypeFactory(code="oven", name="Oven"), quantity=2)
    kab = sentra.desa.parent.parent
    older = DakActivityFactory(allocation=DakAllocationFactory(kabupaten_kota=kab, fiscal_year=2019), sentra=sentra,
                               description="Pembangunan gedung sentra", pagu=3_000_000_000, realisation=2_950_000_000)
    older.rooms.add(room)
    newer = DakActivityFactory(allocation=DakAllocationFactory(kabupaten_kota=kab, fiscal_year=2023), sentra=sentra,
                               description="Pengadaan oven", pagu=150_000_000, realisation=148_500_000)
    newer.machines.add(oven)
    DakActivityFactory(allocation=newer.allocation, sentra=other, description="Kegiatan sentra lain")
    client.force_login(alor_staff)
    response = client.get(reverse("sentra:detail", args=[sentra.pk]))
    [dak] = [section for section in response.context["sections"] if section["title"] == "Riwayat DAK Fisik Bidang IKM"]
    rows = [[cell["text"] for cell in row["cells"]] for row in dak["rows"]]
    assert rows == [
        ["2023", "Pengadaan mesin dan peralatan", "Pengadaan oven", "150.000.000", "148.500.000", "Oven x2"],
        ["2019", "Pengadaan mesin dan peralatan", "Pembangunan gedung sentra", "3.000.000.000", "2.950.000.000", "Ruang 07"],
    ]
    html = response.content.decode()
    assert f'href="/laporan/sentra/{sentra.pk}/profil/"' in html and "Profil cetak" in html
    assert "Kegiatan sentra lain" not in html
    assert ">2008<" in html and "2.008" not in html  # founding year, no thousands separator


def test_sentra_without_dak_says_so(client, alor_staff):
    sentra = SentraFactory()
    client.force_login(alor_staff)
    html = client.get(reverse("sentra:detail", args=[sentra.pk])).content.decode()
    assert "Riwayat DAK Fisik Bidang IKM" in html and "Belum pernah menerima DAK." in html


def test_sentra_page_offers_tambah_anggota_to_editors_only(client, alor_staff, ntt_staff):
    sentra = SentraFactory()
    add = reverse("ikm:member_add") + f"?sentra={sentra.pk}"
    client.force_login(alor_staff)
    assert f'href="{add}">Tambah anggota<' in client.get(reverse("sentra:detail", args=[sentra.pk])).content.decode()
    client.force_login(ntt_staff)  # provincial staff read and verify, they do not edit
    assert "Tambah anggota" not in client.get(reverse("sentra:detail", args=[sentra.pk])).content.decode()
