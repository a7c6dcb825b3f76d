"""A dashboard's CSV is a ZIP with one CSV per table (no more four tables stacked in one file), each UTF-8 with
a BOM and the separator and decimal mark that Excel with Indonesian regional settings opens by double click.
List CSVs stay one comma-separated table (other systems read them)."""

import csv
import io
import zipfile

from django.conf import settings


def unzip(response):
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('.zip"')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {name: archive.read(name) for name in archive.namelist()}


def table(raw, delimiter):
    assert raw.startswith("\ufeff".encode())  # BOM: Excel reads UTF-8 (Desa Pancor Dao, "Rp", "→")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_overview_csv_is_one_semicolon_file_per_table(client, demo, analyst):
    client.force_login(analyst)
    page = client.get("/laporan/")
    files = unzip(client.get("/laporan/ekspor/dasbor-ringkasan.csv"))
    assert list(files) == ["00-keterangan.csv", "01-per-wilayah.csv", "02-status-sentra-per-tahun.csv",
                           "03-per-kelompok-komoditas.csv", "04-komoditas-prioritas.csv"]
    regions = table(files["01-per-wilayah.csv"], ";")
    header, *rows = regions
    assert header[:2] == ["Kode wilayah", "Nama wilayah"] and len(header) > 5  # really split on ";"
    totals = page.context["data"]["totals"]
    total_row = rows[-1]
    assert total_row[1] == "Jumlah"
    assert int(total_row[header.index("Unit IKM")]) == totals["count"]
    assert int(total_row[header.index("Nilai produksi unit IKM per tahun (Rp)")]) == totals["production_value"]
    years = table(files["02-status-sentra-per-tahun.csv"], ";")
    assert years[0][0] == "Tahun" and len(years) == 1 + len(page.context["data"]["status_by_year"])
    metadata = dict(table(files["00-keterangan.csv"], ";")[1:])
    assert metadata["Laporan"] == "Dasbor ringkasan sentra dan IKM" and metadata["Pengguna"] == "analis"


def test_decimals_use_the_indonesian_comma_and_english_gets_commas_and_points(client, demo, analyst):
    client.force_login(analyst)
    rows = table(unzip(client.get("/laporan/ekspor/dasbor-fasilitas.csv"))["01-per-wilayah.csv"], ";")
    column = rows[0].index("Aktif (%)")
    assert any("," in row[column] for row in rows[1:])  # 4 of 20 rooms active: 20,0
    assert not any("." in row[column] for row in rows[1:])

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = unzip(client.get("/laporan/ekspor/dasbor-fasilitas.csv"))
    [name] = [name for name in english if name.startswith("01-")]
    rows = table(english[name], ",")
    column = next(index for index, label in enumerate(rows[0]) if "%" in label)
    assert any("." in row[column] for row in rows[1:])


def test_list_csv_keeps_its_comma_contract(client, demo, analyst):
    client.force_login(analyst)
    response = client.get("/laporan/ekspor/sentra.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffKode sentra,Nama sentra,")
