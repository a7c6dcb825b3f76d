"""The CSV of a list carries labels, local dates and empty cells the same way on PostgreSQL and SQLite."""

import csv
import io

from django.utils import timezone

from sentra.models import Sentra


def _rows(client, url):
    text = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_sentra_csv_cells(client, demo, analyst):
    Sentra.objects.filter(pk=demo.belu_sentra.pk).update(last_verified_at=timezone.now(), address="-Jl. Timor")
    client.force_login(analyst)
    rows = _rows(client, "/laporan/ekspor/sentra.csv?region=53.04")
    header, [belu] = rows[0], rows[1:]
    cell = dict(zip(header, belu))
    assert cell["Kode sentra"] == "SNT-BELU-TENUN"
    assert cell["Status"] == "Tidak aktif"
    assert cell["Komoditas utama"] == "Tenun ikat"
    assert cell["Kabupaten/Kota"] == "Kabupaten Belu"
    assert cell["Alamat"] == "'-Jl. Timor"
    assert cell["Terakhir diverifikasi"] == timezone.localdate().isoformat()
    assert cell["Tahun berdiri"] == "" and cell["Nama pengelola"] == ""


def test_ikm_csv_numbers_equal_dashboard(client, demo, analyst):
    client.force_login(analyst)
    rows = _rows(client, "/laporan/ekspor/ikm.csv?region=52")
    header, body = rows[0], rows[1:]
    workers = header.index("Tenaga kerja total")
    value = header.index("Nilai produksi per tahun (Rp)")
    totals = client.get("/laporan/?region=52").context["data"]["totals"]
    assert sum(int(row[workers]) for row in body) == totals["workers_total"] == 30
    assert sum(int(row[value]) for row in body) == totals["production_value"]
    assert {row[header.index("Kelas industri")] for row in body} == {"Industri kecil"}
    assert {row[header.index("Tempat produksi")] for row in body} == {"Di rumah"}


def test_machine_csv_has_condition_labels(client, demo, analyst):
    # A field named "condition" once collided with When(condition=...) in the SQL labels.
    client.force_login(analyst)
    rows = _rows(client, "/laporan/ekspor/mesin.csv")
    header, body = rows[0], rows[1:]
    conditions = sorted(row[header.index("Kondisi")] for row in body)
    assert conditions == ["Baik", "Rusak berat"]
    assert sorted(row[header.index("Sumber dana")] for row in body) == ["", "DAK Fisik Bidang IKM"]


def test_every_list_export_streams_on_this_database(client, demo, analyst):
    from reports.exporters.lists import LIST_EXPORTERS

    client.force_login(analyst)
    for exporter in LIST_EXPORTERS:
        rows = _rows(client, f"/laporan/ekspor/{exporter.identifier}.csv")
        assert len(rows[0]) == len(exporter.fields), exporter.identifier
