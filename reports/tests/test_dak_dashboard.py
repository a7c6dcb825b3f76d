"""DAK Fisik IKM: pagu, realisation and absorption by year and recipient, activities by menu, reconciliation."""

from core.testing.factories import DakActivityFactory, DakAllocationFactory, MachineFactory, RoomFactory


def test_absorption_by_year_and_recipient(client, demo, analyst):
    client.force_login(analyst)
    data = client.get("/laporan/dak/").context["data"]
    assert data["year"] == 2023
    [year] = data["by_year"]
    assert (year["pagu"], year["realisation"], year["absorption_percent"]) == (2_000_000_000, 1_769_200_000, 88.46)
    [recipient] = data["recipients"]
    assert recipient["name"] == "Kabupaten Lombok Tengah"
    [menu] = data["by_menu"]
    assert (menu["count"], menu["pagu"]) == (1, 1_500_000_000)


def test_reconciliation_lists(client, demo, analyst):
    # An activity funds a sentra of its allocation's own kabupaten/kota (core/links.py): one allocation each.
    alor = DakAllocationFactory(kabupaten_kota=demo.mali.desa.parent.parent, fiscal_year=2023)
    belu = DakAllocationFactory(kabupaten_kota=demo.belu_sentra.desa.parent.parent, fiscal_year=2023)
    linked = DakActivityFactory(allocation=alor, sentra=demo.mali, description="Oven")
    linked.machines.add(MachineFactory(sentra=demo.mali, funding_source="dak"))
    linked.rooms.add(RoomFactory(sentra=demo.mali, name="Baru"))
    DakActivityFactory(allocation=belu, sentra=demo.belu_sentra, description="Alat tenun Belu")
    client.force_login(analyst)
    data = client.get("/laporan/dak/").context["data"]
    unlinked = {activity.description for activity in data["unlinked_activities"]["rows"]}
    assert unlinked == {"Revitalisasi sentra gerabah", "Alat tenun Belu"}
    assert data["unfunded_machines"]["count"] == 1  # Mali's 3 machines in rusak_berat with no source
    assert [sentra.code for sentra in data["inactive_funded_sentra"]["rows"]] == ["SNT-BELU-TENUN"]


def test_links_to_lists(client, demo, analyst):
    client.force_login(analyst)
    html = client.get("/laporan/dak/").content.decode()
    assert "/dak/kegiatan/?region=52.02&amp;year=2023" in html
    assert "funding_source=none" in html
