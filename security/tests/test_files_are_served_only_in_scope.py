"""Stored files reach a browser only through a view that checks the user (issue 12: import uploads were served
to anonymous users at /media/imports/... under `make run`, with guessable names)."""

import importlib
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from core.files import file_response, random_name
from reports.models import ExportJob

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_no_media_route_exists_even_with_debug_on(client, alor_staff):
    import config.urls

    name = default_storage.save("imports/2026/11/isian-ikm-53.05.xlsx", ContentFile(b"PK rahasia"))
    with override_settings(DEBUG=True):
        importlib.reload(config.urls)
        clear_url_caches()
        try:
            assert client.get(f"/media/{name}").status_code == 404  # anonymous
            client.force_login(alor_staff)
            assert client.get(f"/media/{name}").status_code == 404
        finally:
            importlib.reload(config.urls)
            clear_url_caches()


def test_an_uploaded_import_is_stored_under_a_random_name(alor_staff, alor_desa):
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from imports.services import import_job_create

    book = openpyxl.Workbook()
    book.active.append(["NIB", "Nama Usaha"])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("isian-ikm-53.05-20261130.xlsx", out.getvalue())
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload)
    assert re.fullmatch(r"imports/[0-9a-f]{32}\.xlsx", job.file.name), job.file.name
    assert job.original_name == "isian-ikm-53.05-20261130.xlsx"  # kept on the record, never in the path
    assert default_storage.exists(job.file.name)


def test_random_names_keep_only_a_plain_extension():
    assert re.fullmatch(r"evidence/[0-9a-f]{32}\.jpg", random_name("evidence/", "Foto Ibu Maria.JPG"))
    assert re.fullmatch(r"x/[0-9a-f]{32}", random_name("x", "../../etc/passwd"))
    assert random_name("x", "a.csv") != random_name("x", "a.csv")


def test_an_export_file_is_served_only_to_its_owner(client, alor_staff, belu_staff):
    name = default_storage.save(random_name("exports", "x") + "/sentra.csv", ContentFile(b"kode;nama\n"))
    job = ExportJob.objects.create(user=alor_staff, exporter="sentra", format="csv", params=[], status=ExportJob.Status.DONE, file_name=name)
    url = reverse("reports:job_download", args=[job.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(belu_staff)
    assert client.get(url).status_code == 404
    client.force_login(alor_staff)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"kode;nama\n"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="sentra.csv"' in response["Content-Disposition"]


def test_a_background_export_is_stored_under_a_random_folder(alor_staff, alor_desa):
    from reports.services import export_job_create, export_job_run

    job = export_job_create(user=alor_staff, exporter_identifier="sentra", export_format="csv", params=[])
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert re.fullmatch(r"exports/[0-9a-f]{32}/.+\.csv", job.file_name), job.file_name


def test_the_web_server_can_send_the_bytes_after_the_app_decided(settings):
    settings.PROTECTED_FILES_ACCEL_PREFIX = "/_files/"
    name = default_storage.save("exports/abc/sentra.csv", ContentFile(b"x"))
    response = file_response(name, filename="sentra.csv")
    assert response["X-Accel-Redirect"] == f"/_files/{name}" and response.content == b""
