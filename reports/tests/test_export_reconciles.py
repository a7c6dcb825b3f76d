"""The XLSX export opens with openpyxl and its totals equal the dashboard's for the same filters."""

import io

import openpyxl


def _book(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _last_row(sheet):
    return [cell.value for cell in list(sheet.iter_rows())[-1]]


def test_overview_xlsx_totals_equal_dashboard(client, demo, analyst):
    client.force_login(analyst)
    totals = client.get("/laporan/?region=53").context["data"]["totals"]
    book = _book(client.get("/laporan/ekspor/dasbor-ringkasan.xlsx?region=53"))
    assert book.sheetnames[0] == "Keterangan"
    header = [cell.value for cell in book["Per wilayah"][1]]
    total_row = dict(zip(header, _last_row(book["Per wilayah"])))
    assert total_row["Nama wilayah"] == "Jumlah"
    assert total_row["Sentra total"] == totals["sentra_total"] == 2
    assert total_row["Unit IKM"] == totals["count"] == 18
    assert total_row["Tenaga kerja perempuan"] == totals["workers_female"] == 36
    assert total_row["Nilai produksi unit IKM per tahun (Rp)"] == totals["production_value"]
    assert "Rp" in book["Per wilayah"].cell(2, header.index("Nilai produksi unit IKM per tahun (Rp)") + 1).number_format


def test_metadata_sheet_states_filters_date_scope_and_source(client, demo, ntt_staff):
    client.force_login(ntt_staff)
    book = _book(client.get("/laporan/ekspor/ikm.xlsx?commodity=tenun-ikat"))
    meta = {row[0]: row[1] for row in book["Keterangan"].iter_rows(values_only=True)}
    assert meta["Laporan"] == "Daftar unit IKM"
    assert "Registri Sentra IKM" in meta["Sumber"]
    assert meta["Cakupan wilayah pengguna"].startswith("53")
    assert meta["Filter: commodity"] == "tenun-ikat"
    assert meta["Dibuat pada"]


def test_list_export_sums_equal_dashboard(client, demo, analyst):
    client.force_login(analyst)
    totals = client.get("/laporan/").context["data"]["totals"]
    sheet = _book(client.get("/laporan/ekspor/ikm.xlsx")).worksheets[1]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == totals["count"]
    column = header.index("Tenaga kerja total")
    assert sum(row[column] for row in body) == totals["workers_total"]
    column = header.index("Nilai produksi per tahun (Rp)")
    assert sum(row[column] for row in body) == totals["production_value"]


def test_facilities_and_dak_exports_equal_dashboard(client, demo, analyst):
    client.force_login(analyst)
    rooms = _book(client.get("/laporan/ekspor/dasbor-fasilitas.xlsx"))["Per wilayah"]
    header = [cell.value for cell in rooms[1]]
    total_row = dict(zip(header, _last_row(rooms)))
    assert (total_row["Ruang total"], total_row["Ruang terisi"], total_row["Ruang aktif digunakan"]) == (20, 18, 4)
    dak = client.get("/laporan/dak/").context["data"]
    assert dak["totals"]["absorption_percent"] == 88.46
    sheet = _book(client.get("/laporan/ekspor/dasbor-dak.xlsx")).worksheets[2]
    assert _last_row(sheet)[2:] == [dak["totals"]["pagu"], dak["totals"]["realisation"], 88.46]


def test_csv_matches_and_streams(client, demo, analyst):
    client.force_login(analyst)
    response = client.get("/laporan/ekspor/sentra.csv?status=aktif")
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kode sentra,Nama sentra,Status")
    assert len(lines) - 1 == client.get("/laporan/?status=aktif").context["data"]["totals"]["sentra_total"] == 3


def test_invalid_filter_is_a_clear_error(client, demo, analyst):
    client.force_login(analyst)
    response = client.get("/laporan/ekspor/sentra.xlsx?status=hilang")
    assert response.status_code == 400
    assert "status" in response.content.decode()
