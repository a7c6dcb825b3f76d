"""Bad-input catalogue: hostile and broken input through the real forms, API and import upload.

Every case must get a clear refusal (right status, the problem named in Indonesian) AND leave every registry
table and its history table (the audit trail) exactly as it was: same row counts, same versions.
Add a case by appending to CASES; the figure for the README is len(CASES).
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory, SentraFactory

from .catalogue_support import Case, json_body, registry_snapshot, rewrite_zip, upload, xlsx_bytes

TEN_MB = "x" * (10 * 1024 * 1024)
EXISTING_NIB = "9120000000001"
IMPORT_HEADER = ["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas"]
IMPORT_ROW = ["9120001234567", "Tenun Ina", "Kabupaten Alor", "Wilayah 53.05.03", "Wilayah 53.05.03.2001", "Tenun ikat"]


class World:
    """Logged-in clients and existing records the cases aim at."""

    def __init__(self, client, alor_staff, belu_desa):
        self.web = client
        self.web.force_login(alor_staff)
        self.commodity = CommodityFactory(code="tenun-ikat", name="Tenun ikat")
        self.unit = IkmUnitFactory(nib=EXISTING_NIB, name="Tenun Ibu Maria")
        self.sentra = SentraFactory(code="ALR-001", name="Sentra Tenun Mali")
        self.belu_desa = belu_desa
        self.api = token_client("53.05", read_write=True, name="Mitra Alor rw")
        self.api_ro = token_client("53.05", read_write=False, name="Mitra Alor ro")

    # --- forms ---------------------------------------------------------------------------------------
    def ikm_form(self, **overrides):
        data = {
            "name": "Tenun Baru", "owner_name": "Maria", "nib": "", "desa": "53.05.03.2001", "commodity": self.commodity.pk,
            "workers_male": 1, "workers_female": 2, "investment": 5_000_000, "production_value": 0, "sales": 0,
            "production_place": "rumah", **overrides,
        }
        return self.web.post(reverse("ikm:create"), data)

    def ikm_edit(self, **overrides):
        data = {
            "name": self.unit.name, "owner_name": "", "nib": EXISTING_NIB, "desa": "53.05.03.2001", "commodity": self.unit.commodity_id,
            "workers_male": 2, "workers_female": 3, "investment": 0, "production_value": 0, "sales": 0,
            "production_place": "rumah", "version": self.unit.version, **overrides,
        }
        return self.web.post(reverse("ikm:update", args=[self.unit.pk]), data)

    def sentra_form(self, **overrides):
        data = {"code": "ALR-002", "name": "Sentra Gerabah", "desa": "53.05.03.2001", "commodities": [self.commodity.pk],
                "status": "aktif", **overrides}
        return self.web.post(reverse("sentra:create"), data)

    def certification_form(self, **overrides):
        data = {"kind": "pirt", "number": "123456789012345", "issued_on": "2024-01-10", "valid_until": "2029-01-10", **overrides}
        return self.web.post(reverse("ikm:certification_create") + f"?ikm={self.unit.pk}", data)

    def figure_form(self, **overrides):
        data = {"year": 2024, "workers_male": 3, "production_value": 1_000_000, **overrides}
        return self.web.post(reverse("ikm:figure_create") + f"?sentra={self.sentra.pk}", data)

    def allocation_form(self, **overrides):
        data = {"fiscal_year": 2024, "kabupaten_kota": "53.05", "pagu": 1_000_000_000, "realisation": 0, **overrides}
        return self.web.post(reverse("funding:allocation_create"), data)

    # --- API -----------------------------------------------------------------------------------------
    def ikm_body(self, **overrides):
        return {"name": "Tenun API", "owner_name": "Maria", "desa": "53.05.03.2001", "commodity": self.commodity.code, **overrides}

    def api_create(self, **overrides):
        return self.api.post("/api/v1/ikm-units/", self.ikm_body(**overrides), format="json")

    def api_raw(self, body, content_type="application/json"):
        return self.api.generic("POST", "/api/v1/ikm-units/", body, content_type=content_type)

    # --- imports -------------------------------------------------------------------------------------
    def import_file(self, name, content, kind="ikm"):
        return self.web.post(reverse("imports:home"), {"kind": kind, "file": upload(name, content)}, follow=True)


def form(case_id, send, *fields, says=(), marks=()):
    return Case(case_id, "form", send, status=(200,), field_errors=fields, says=says, marks=list(marks))


def api(case_id, send, *says, status=(400,)):
    return Case(case_id, "api", send, status=status, says=says)


def imp(case_id, send, *says):
    return Case(case_id, "import", send, status=(200,), says=says)


def xml_bomb():
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        b'<c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    return rewrite_zip(xlsx_bytes([IMPORT_HEADER, IMPORT_ROW]), replace={"xl/worksheets/sheet1.xml": lol})


def zip_bomb():
    return rewrite_zip(xlsx_bytes([IMPORT_HEADER, IMPORT_ROW]), extra={"xl/media/padding.bin": b"\0" * (30 * 1024 * 1024)})


def csv_bytes(rows):
    return "\n".join(";".join(str(cell) for cell in row) for row in rows).encode()


CASES = [
    # ---- data-entry forms (UI) ----
    form("form-ikm-nul-in-name", lambda w: w.ikm_form(name="Tenun\x00Ina"), "name"),
    form("form-ikm-name-too-long", lambda w: w.ikm_form(name="x" * 5000), "name"),
    Case("form-ikm-10mb-name", "form", lambda w: w.ikm_form(name=TEN_MB), status=(400, 413), says=("tidak dapat diproses",)),
    form("form-ikm-negative-workers", lambda w: w.ikm_form(workers_male=-3), "workers_male"),
    form("form-ikm-huge-workers", lambda w: w.ikm_form(workers_female=10**12), "workers_female"),
    form("form-ikm-implausible-workers", lambda w: w.ikm_form(workers_female=10**9), "workers_female"),
    form("form-ikm-huge-investment", lambda w: w.ikm_form(investment=10**30), "investment"),
    form("form-ikm-money-with-decimals", lambda w: w.ikm_form(investment="1500000.50"), "investment"),
    form("form-ikm-workers-not-a-number", lambda w: w.ikm_form(workers_male="banyak"), "workers_male"),
    form("form-ikm-nib-12-digits", lambda w: w.ikm_form(nib="912000000000"), "nib", says=("13 digit",)),
    form("form-ikm-nib-letters", lambda w: w.ikm_form(nib="91200000000AB"), "nib", says=("13 digit",)),
    form("form-ikm-nib-duplicate", lambda w: w.ikm_form(nib=EXISTING_NIB), "nib"),
    form("form-ikm-unknown-desa", lambda w: w.ikm_form(desa="99.99.99.9999"), "desa"),
    form("form-ikm-desa-out-of-scope", lambda w: w.ikm_form(desa=w.belu_desa.code), "desa"),
    form("form-ikm-kabupaten-instead-of-desa", lambda w: w.ikm_form(desa="53.05"), "desa"),
    form("form-ikm-unknown-commodity", lambda w: w.ikm_form(commodity=999999), "commodity"),
    form("form-ikm-blank-name", lambda w: w.ikm_form(name="   "), "name"),
    form("form-ikm-unknown-choice", lambda w: w.ikm_form(production_place="di-bulan"), "production_place"),
    form("form-ikm-edit-nib-invalid", lambda w: w.ikm_edit(nib="123"), "nib"),
    form("form-ikm-edit-negative-sales", lambda w: w.ikm_edit(sales=-1), "sales"),
    form("form-sentra-founded-1800", lambda w: w.sentra_form(founding_year=1800), "founding_year"),
    form("form-sentra-founded-in-future", lambda w: w.sentra_form(founding_year=2999), "founding_year"),
    form("form-sentra-impossible-date", lambda w: w.sentra_form(designation_date="2024-13-45"), "designation_date"),
    form("form-sentra-latitude-200", lambda w: w.sentra_form(latitude="200"), "latitude"),
    form("form-sentra-duplicate-code", lambda w: w.sentra_form(code="ALR-001"), "code"),
    form("form-sentra-no-commodity", lambda w: w.sentra_form(commodities=[]), "commodities"),
    form("form-certification-pirt-14-digits", lambda w: w.certification_form(number="12345678901234"), says=("15 digit",)),
    form("form-certification-ends-before-it-starts", lambda w: w.certification_form(valid_until="2020-01-01")),
    form("form-figure-year-1800", lambda w: w.figure_form(year=1800), says=("Tahun paling awal",)),
    form("form-figure-year-far-future", lambda w: w.figure_form(year=3000), "year"),
    form("form-figure-negative-value", lambda w: w.figure_form(production_value=-5), "production_value"),
    form("form-dak-negative-pagu", lambda w: w.allocation_form(pagu=-1), "pagu"),
    form("form-dak-district-out-of-scope", lambda w: w.allocation_form(kabupaten_kota="53.04"), "kabupaten_kota"),
    # ---- REST API ----
    api("api-nul-in-name", lambda w: w.api_create(name="Tenun\x00Ina"), "Karakter null tidak diizinkan"),
    api("api-10mb-string", lambda w: w.api_create(name=TEN_MB), "melebihi", status=(400, 413)),
    api("api-negative-workers", lambda w: w.api_create(workers_male=-1), "workers_male"),
    api("api-huge-number", lambda w: w.api_create(investment=10**40), "investment"),
    api("api-float-money", lambda w: w.api_create(investment=1.5), "investment"),
    api("api-wrong-type-list-as-name", lambda w: w.api_create(name=["a", "b"]), "name"),
    api("api-wrong-type-text-as-number", lambda w: w.api_create(workers_female="lima"), "workers_female"),
    api("api-nib-invalid", lambda w: w.api_create(nib="12345"), "13 digit"),
    api("api-nib-duplicate", lambda w: w.api_create(nib=EXISTING_NIB), "nib"),
    api("api-unknown-desa", lambda w: w.api_create(desa="99.99.99.9999"), "desa"),
    api("api-desa-out-of-scope", lambda w: w.api_create(desa=w.belu_desa.code), "di luar cakupan wilayah Anda", status=(403,)),
    api("api-unknown-commodity", lambda w: w.api_create(commodity="tidak-ada"), "commodity"),
    api("api-malformed-json", lambda w: w.api_raw('{"name": "Tenun", '), "JSON"),
    api("api-array-instead-of-object", lambda w: w.api_raw("[1, 2, 3]")),
    api("api-wrong-content-type", lambda w: w.api_raw("name=Tenun", content_type="text/plain"), status=(415,)),
    api("api-upsert-key-mismatch", lambda w: w.api.put(f"/api/v1/ikm-units/by-nib/{EXISTING_NIB}/", w.ikm_body(nib="9120000000002"), format="json"), "nib"),
    api(
        "api-bulk-one-bad-item-refuses-all",
        lambda w: w.api.post(
            "/api/v1/ikm-units/bulk/", {"items": [w.ikm_body(nib="9120000000003"), w.ikm_body(nib="9120000000004", workers_male=-1)]}, format="json"
        ),
        "workers_male",
    ),
    api("api-patch-negative-sales", lambda w: w.api.patch(f"/api/v1/ikm-units/{w.unit.pk}/", {"sales": -10}, format="json"), "sales"),
    api(
        "api-certification-date-out-of-range",
        lambda w: w.api.post("/api/v1/certifications/", {"ikm": w.unit.pk, "kind": "halal", "number": "ID123", "valid_until": "10000-01-01"}, format="json"),
        "valid_until",
    ),
    api("api-read-only-token-writes", lambda w: w.api_ro.post("/api/v1/ikm-units/", w.ikm_body(), format="json"), status=(403,)),
    api("api-no-token-writes", lambda w: APIClient().post("/api/v1/ikm-units/", w.ikm_body(), format="json"), status=(401, 403)),
    # ---- import upload ----
    imp("import-exe-renamed-xlsx", lambda w: w.import_file("data.xlsx", b"MZ\x90\x00 program, bukan Excel" * 20), "bukan berkas Excel"),
    imp("import-old-xls", lambda w: w.import_file("data.xls", b"\xd0\xcf\x11\xe0 old excel"), ".xlsx"),
    imp("import-zip-bomb", lambda w: w.import_file("data.xlsx", zip_bomb()), "zip bomb"),
    imp("import-xml-bomb", lambda w: w.import_file("data.xlsx", xml_bomb()), "DTD"),
    imp("import-csv-formula", lambda w: w.import_file("data.csv", csv_bytes([IMPORT_HEADER, ["9120001234567", "=cmd|' /C calc'!A0", "Kabupaten Alor", "", "Wilayah 53.05.03.2001", "Tenun ikat"]])), "rumus"),
    imp("import-xlsx-formula", lambda w: w.import_file("data.xlsx", xlsx_bytes([IMPORT_HEADER, ["9120001234567", '=HYPERLINK("http://x")', "Kabupaten Alor", "", "Wilayah 53.05.03.2001", "Tenun ikat"]])), "rumus"),
    imp("import-nul-bytes", lambda w: w.import_file("data.csv", "NIB;Nama Usaha\n9120001234567;Tenun\x00Ina\n".encode()), "NUL"),
    imp("import-headerless", lambda w: w.import_file("data.xlsx", xlsx_bytes([["apa", "ini"], [1, 2]])), "Baris judul tidak dikenali"),
]


@pytest.fixture
def world(client, alor_staff, belu_desa):
    return World(client, alor_staff, belu_desa)


@pytest.mark.django_db
@pytest.mark.parametrize("case", [pytest.param(case, id=case.id, marks=case.marks) for case in CASES])
def test_bad_input_is_refused_clearly_and_changes_nothing(world, case):
    before = registry_snapshot()
    response = case.send(world)
    body = json_body(response) if case.channel == "api" else response.content.decode(errors="replace")

    assert response.status_code in case.status, (response.status_code, body[:500])
    assert "Traceback" not in body
    for fragment in case.says:
        assert fragment in body, (fragment, body[:1500])
    if case.field_errors:
        errors = response.context["form"].errors
        assert set(case.field_errors) <= set(errors), errors
    if case.channel == "form" and response.status_code == 200:
        assert response.context["form"].errors, "a refused form must say why"
    assert registry_snapshot() == before


def test_the_catalogue_is_big_and_covers_every_channel():
    channels = {case.channel for case in CASES}
    assert len(CASES) >= 40 and channels == {"form", "api", "import"}
    assert len({case.id for case in CASES}) == len(CASES)
