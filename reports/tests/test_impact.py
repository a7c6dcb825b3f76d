"""Pancor Dao, Lombok Tengah: DAK 2023, workers 10 -> 30, beside an unfunded gerabah sentra."""


def test_before_after_of_funded_sentra(client, demo, analyst):
    client.force_login(analyst)
    response = client.get("/laporan/dampak/?year=2023")
    data = response.context["data"]
    assert data["year"] == 2023
    [row] = data["funded"]
    assert row["code"] == "SNT-LOTENG-PANCOR"
    assert (row["before_year"], row["after_year"]) == (2022, 2024)
    assert (row["workers_total_before"], row["workers_total_after"]) == (10, 30)
    assert row["workers_change"] == 200.0
    assert float(row["production_volume_after"]) == 18
    assert "10 → 30" in response.content.decode()


def test_comparable_unfunded_sentra_of_same_commodity(client, demo, analyst):
    client.force_login(analyst)
    [comparison] = client.get("/laporan/dampak/?year=2023").context["data"]["comparison"]
    assert comparison["commodity"] == "Gerabah"
    assert comparison["funded_count"] == 1 and comparison["unfunded_count"] == 1
    assert comparison["funded_workers_total_change"] == 200.0
    assert comparison["unfunded_workers_total_change"] == 10.0


def test_default_year_is_latest_funded(client, demo, analyst):
    client.force_login(analyst)
    assert client.get("/laporan/dampak/").context["data"]["year"] == 2023
