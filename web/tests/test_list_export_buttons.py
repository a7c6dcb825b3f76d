"""Every list has "Unduh XLSX / CSV" for exactly the rows its filters show.

The hard case: a provincial officer (sees Alor and Belu, not Lombok Tengah) filters a list to Kab. Alor and
one value; the rows of the sibling kabupaten, of another value and outside the officer's province must all
stay out of the file, and every row the page shows must be in it. The link is read from the page itself.
"""

import csv
import io
import re
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.testing.factories import (
    DakActivityFactory, DakAllocationFactory, EquipmentTypeFactory, IkmUnitFactory, MachineFactory, RoomFactory, SentraFactory,
    YearlyFigureFactory,
)

pytestmark = pytest.mark.django_db


def export_href(html, kind):
    match = re.search(rf'<a class="button" href="([^"]+)" data-export="{kind}">', html)
    assert match, f"no {kind} export button"
    return unescape(match.group(1))


def csv_rows(client, href):
    response = client.get(href)
    assert response.status_code == 200, response.content[:300]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(client, href):
    response = client.get(href)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = book.worksheets[1]  # the first sheet is "Keterangan" (filters, date, scope)
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(header, row)) for row in rows]


def page_and_rows(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    shown = [row["cells"][0]["text"] for row in response.context["table"]["rows"]]
    return response.content.decode(), shown


@pytest.fixture
def world(alor_desa, belu_desa, loteng_desa):
    """Two kinds of record in Alor, the same in Belu (same province) and in Lombok Tengah (another province)."""
    kinds = EquipmentTypeFactory(code="oven", name="Oven"), EquipmentTypeFactory(code="mixer", name="Mixer")
    made = {}
    for desa, tag in ((alor_desa, "alor"), (belu_desa, "belu"), (loteng_desa, "loteng")):
        for status in ("aktif", "tutup"):
            sentra = SentraFactory(desa=desa, status=status, name=f"Sentra {tag} {status}", code=f"T-{tag}-{status}")
            IkmUnitFactory(desa=desa, name=f"Usaha {tag} {status}", workers_male=25 if status == "tutup" else 1)
            RoomFactory(sentra=sentra, name=f"Ruang {tag} {status}")
            MachineFactory(sentra=sentra, description=f"Mesin {tag} {status}", equipment_type=kinds[status == "tutup"],
                           condition="baik" if status == "aktif" else "rusak_berat")
            YearlyFigureFactory(sentra=sentra, year=2022 if status == "aktif" else 2024)
            made[(tag, status)] = sentra
        for year in (2022, 2024):
            allocation = DakAllocationFactory(kabupaten_kota=desa.parent.parent, fiscal_year=year)
            DakActivityFactory(allocation=allocation, description=f"Kegiatan {tag} {year}", sentra=made[(tag, "aktif")])
    return made


CASES = [
    # list URL name, filters, column of the export matching the list's first column, expected first-column texts
    ("sentra:list", {"region": "53.05", "status": "aktif"}, "Nama sentra", ["Sentra alor aktif"]),
    ("ikm:list", {"region": "53.05", "ikm_class": "kecil"}, "Nama usaha", ["Usaha alor aktif"]),
    ("facilities:room_list", {"region": "53.05", "q": "aktif"}, "Nama/nomor ruang", ["Ruang alor aktif"]),
    ("facilities:machine_list", {"region": "53.05", "condition": "rusak_berat"}, "Jenis mesin/peralatan", ["Mixer"]),
    ("funding:allocation_list", {"region": "53.05", "year": "2024"}, "Tahun anggaran", ["2024"]),
    ("funding:activity_list", {"region": "53.05", "year": "2022"}, "Uraian kegiatan", ["Kegiatan alor 2022"]),
    ("ikm:figure_list", {"region": "53.05", "year": "2024"}, "Tahun", ["2024"]),
]


@pytest.mark.parametrize("url_name,filters,column,expected", CASES, ids=[case[0] for case in CASES])
def test_export_of_a_filtered_list_has_exactly_the_lists_rows(client, ntt_staff, world, url_name, filters, column, expected):
    client.force_login(ntt_staff)
    html, shown = page_and_rows(client, reverse(url_name), filters)
    assert shown == expected  # the filters really narrow the page: one row of six in scope
    for kind, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        href = export_href(html, kind)
        assert "page=" not in href
        rows = read(client, href)
        assert sorted(str(row[column]) for row in rows) == sorted(shown), kind


def test_export_without_filters_has_every_row_in_scope_and_none_outside(client, ntt_staff, world):
    client.force_login(ntt_staff)
    html, shown = page_and_rows(client, reverse("sentra:list"), {})
    rows = csv_rows(client, export_href(html, "csv"))
    names = sorted(row["Nama sentra"] for row in rows)
    assert names == sorted(shown) == ["Sentra alor aktif", "Sentra alor tutup", "Sentra belu aktif", "Sentra belu tutup"]


def test_search_and_page_two_export_the_whole_filtered_list(client, alor_staff, world):
    """The page number is not a filter: the export of page 2 is the whole filtered list, search included."""
    for n in range(60):
        SentraFactory(name=f"Tenun {n:02d}", code=f"TN-{n:02d}")
    client.force_login(alor_staff)
    html, shown = page_and_rows(client, reverse("sentra:list"), {"q": "tenun", "page": "2"})
    assert len(shown) == 10
    rows = csv_rows(client, export_href(html, "csv"))
    assert sorted(row["Nama sentra"] for row in rows) == [f"Tenun {n:02d}" for n in range(60)]
