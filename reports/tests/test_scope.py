"""A provincial user's dashboards, exports and aggregates contain nothing from other provinces."""

import io

import openpyxl
import pytest


@pytest.mark.parametrize("page", ["", "fasilitas/", "dak/", "dampak/", "kemutakhiran/"])
def test_provincial_dashboard_has_no_other_province(client, demo, ntt_staff, page):
    client.force_login(ntt_staff)
    response = client.get(f"/laporan/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lombok" not in html and "Pancor" not in html and "52.02" not in html


def test_provincial_user_starts_at_own_province_and_cannot_leave_it(client, demo, ntt_staff):
    client.force_login(ntt_staff)
    response = client.get("/laporan/")
    assert response.context["drill"].code == "53"
    assert [row["code"] for row in response.context["data"]["regions"]] == ["53.04", "53.05"]
    assert client.get("/laporan/?region=52").status_code == 404
    assert client.get("/laporan/?region=52.02").status_code == 404


def test_district_user_sees_only_their_kabupaten(client, demo, alor_staff):
    client.force_login(alor_staff)
    data = client.get("/laporan/").context["data"]
    assert data["totals"]["sentra_total"] == 1
    assert client.get("/laporan/?region=53.04").status_code == 404
    assert client.get("/laporan/?region=53").status_code == 404


@pytest.mark.parametrize("identifier", ["sentra", "ikm", "dak-alokasi", "kinerja", "dasbor-ringkasan", "dasbor-dak", "dasbor-dampak"])
def test_provincial_exports_have_no_other_province(client, demo, ntt_staff, identifier):
    client.force_login(ntt_staff)
    content = b"".join(client.get(f"/laporan/ekspor/{identifier}.csv").streaming_content)
    if content[:2] == b"PK":  # a dashboard: a ZIP with one CSV per table
        import zipfile

        archive = zipfile.ZipFile(io.BytesIO(content))
        content = b"".join(archive.read(name) for name in archive.namelist())
        assert archive.namelist() and all(name.endswith(".csv") for name in archive.namelist())
    csv_text = content.decode("utf-8-sig")
    assert "Lombok" not in csv_text and "52.02" not in csv_text and "Pancor" not in csv_text
    response = client.get(f"/laporan/ekspor/{identifier}.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    for sheet in book.worksheets[1:]:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and ("52.02" in v or "Lombok" in v) for v in row)


def test_provincial_aggregates_api(client, demo, ntt_staff):
    client.force_login(ntt_staff)
    results = client.get("/api/v1/aggregates/ikm/?group_by=region&level=1").json()["results"]
    assert [row["region"] for row in results] == ["53"]
    assert client.get("/api/v1/aggregates/dak/?group_by=year").json()["results"] == []
