"""Commodities, kecamatan and desa are matched by name, everyday synonym, code or KBLI; an unknown value gets
suggestions and can be mapped once for the whole file; the template offers drop-downs and lists valid names."""

import io

import openpyxl
import pytest
from django.core.management import call_command

from commodities.models import Commodity
from ikm.models import IkmUnit
from imports.models import RowAction
from imports.services import import_job_answer, import_job_create, import_job_request_commit

from .corpus import csv_text, upload

HEADER = ["Nama Usaha", "Desa/Kelurahan", "Komoditas"]


@pytest.fixture
def reference(named_regions):
    call_command("load_reference", verbosity=0)


@pytest.mark.parametrize("written, code", [
    ("Kopi", "kopi-olahan"), ("Gula Aren", "gula-merah"), ("Kue Kering", "roti-kue"), ("Ikan Asin", "olahan-ikan"),
    ("KOPI OLAHAN", "kopi-olahan"), ("10761", "kopi-olahan"), ("kopi-olahan", "kopi-olahan"), ("Mebel", "meubel-kayu"),
])
def test_everyday_names_resolve(alor_staff, reference, written, code):
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("k.csv", csv_text([HEADER, ["Usaha", "Kuneman", written]]).encode()))
    assert job.created_count == 1, list(job.rows.values_list("reasons", flat=True))
    import_job_request_commit(user=alor_staff, job=job)
    assert IkmUnit.objects.get().commodity.code == code


def test_an_unknown_commodity_is_suggested_and_can_be_mapped_for_the_whole_file(alor_staff, reference):
    rows = [HEADER, ["Usaha 1", "Kuneman", "Kopi Bubuk Robusta Premium"], ["Usaha 2", "Kuneman", "Kopi Bubuk Robusta Premium"]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("k.csv", csv_text(rows).encode()))
    reason = job.rows.get(row_number=2).reasons[0]
    assert "Kolom 'Komoditas' (C)" in reason and "tidak dikenal" in reason and "mungkin maksud Anda: Kopi olahan" in reason
    unknown = job.summary["unknown_values"]["Komoditas"]
    assert unknown[0]["raw"] == "Kopi Bubuk Robusta Premium" and unknown[0]["count"] == 2
    kopi = Commodity.objects.get(code="kopi-olahan")
    assert unknown[0]["suggestions"][0] == ["Kopi olahan", kopi.pk]

    job = import_job_answer(user=alor_staff, job=job, values={"Komoditas": {"Kopi Bubuk Robusta Premium": kopi.pk}})
    assert job.created_count == 2
    import_job_request_commit(user=alor_staff, job=job)
    assert set(IkmUnit.objects.values_list("commodity__code", flat=True)) == {"kopi-olahan"}


def test_a_kecamatan_and_desa_from_another_kabupaten_are_refused_by_name(alor_staff, reference):
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("k.csv", csv_text([
        ["Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas"],
        ["Usaha Belu", "Belu", "Atambua Selatan", "Fatukbot", "Kopi"]]).encode()))
    row = job.rows.get()
    assert row.action == RowAction.REFUSED and "Desa Fatukbot, Kec. Atambua Selatan, Kabupaten Belu" in row.reasons[0]


def test_the_template_has_drop_downs_a_text_nib_column_and_the_valid_names(client, alor_staff, reference):
    client.force_login(alor_staff)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/impor/templat/ikm.xlsx").content))
    data, lists = book["Data"], book["Daftar"]
    assert lists.sheet_state == "hidden"
    headers = [cell.value.rstrip(" *") for cell in data[1]]
    nib = openpyxl.utils.get_column_letter(headers.index("NIB") + 1)
    assert data.column_dimensions[nib].number_format == "@"  # typed NIBs stay 13 digits, never 9.12E+12
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    commodity = openpyxl.utils.get_column_letter(headers.index("Komoditas") + 1)
    desa = openpyxl.utils.get_column_letter(headers.index("Desa/Kelurahan") + 1)
    assert validations[f"{commodity}2"].startswith("'Daftar'!$")
    list_column = {cell.value: cell.column_letter for cell in lists[1]}
    assert [c.value for c in lists[list_column["Komoditas"]][1:]] == sorted(Commodity.objects.values_list("name", flat=True))
    assert {"Kuneman", "Moru"} <= {c.value for c in lists[list_column["Desa/Kelurahan"]][1:]}  # the user's own desa
    column = list_column["Desa/Kelurahan"]
    filled = len([cell for cell in lists[column] if cell.value])
    assert validations[f"{desa}2"] == f"'Daftar'!${column}$2:${column}${filled}"
    instructions = " ".join(str(cell.value) for row in book["Petunjuk"].iter_rows() for cell in row if cell.value)
    assert "Kopi olahan" in instructions and "Gula aren" in instructions and "Alor Barat Daya" in instructions
