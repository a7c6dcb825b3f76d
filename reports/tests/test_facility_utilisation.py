"""Mali, Kab. Alor: 20 rooms, 18 occupied (terisi or aktif), only 4 actively used."""

from core.testing.factories import IkmUnitFactory, MembershipFactory, RoomFactory, SentraFactory


def test_dashboard_shows_20_18_4(client, demo, analyst):
    client.force_login(analyst)
    response = client.get("/laporan/fasilitas/")
    totals = response.context["data"]["totals"]
    assert (totals["rooms"], totals["occupied"], totals["active"]) == (20, 18, 4)
    html = response.content.decode()
    assert 'data-testid="rooms-total">20<' in html
    assert 'data-testid="rooms-occupied">18<' in html
    assert 'data-testid="rooms-active">4<' in html


def test_idle_sentra_come_first(client, demo, analyst, alor_desa):
    busy = SentraFactory(code="SNT-BUSY", desa=alor_desa)
    for i in range(3):
        unit = IkmUnitFactory(desa=alor_desa)
        MembershipFactory(ikm=unit, sentra=busy)
        RoomFactory(sentra=busy, name=f"B{i}", state="aktif", occupant=unit)
    client.force_login(analyst)
    worst = client.get("/laporan/fasilitas/").context["data"]["worst"]
    assert [row["sentra__code"] for row in worst] == ["SNT-ALOR-MALI", "SNT-BUSY"]
    mali = worst[0]
    assert (mali["rooms"], mali["occupied"], mali["active"], mali["idle_occupied"], mali["empty"]) == (20, 18, 4, 14, 2)


def test_figures_link_to_the_filtered_room_list(client, demo, analyst):
    client.force_login(analyst)
    html = client.get("/laporan/fasilitas/?region=53.05").content.decode()
    assert "/fasilitas/ruang/?sentra=SNT-ALOR-MALI&amp;state=aktif" in html
    assert "/fasilitas/ruang/?region=53.05.03&amp;state=kosong" in html


def test_machines_by_condition(client, demo, analyst):
    client.force_login(analyst)
    machines = client.get("/laporan/fasilitas/").context["data"]["totals"]["machines"]
    assert machines["baik"] == 12 and machines["rusak_berat"] == 3
