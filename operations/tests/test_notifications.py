"""The owner of a long import or export gets an e-mail when it finishes (or fails); notify_user() is the one
way to e-mail a person about their work (census uses it for work returned for correction)."""

from unittest import mock

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy

from core.testing.factories import UserFactory
from imports.models import ImportJob, ImportStatus
from imports.tasks import check_import, commit_import
from operations.notifications import notify_user
from reports.models import ExportJob
from reports.tasks import run_export_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(alor_desa, settings):
    settings.SITE_URL = "https://sentra.example.go.id"
    return UserFactory(username="maria", email="maria@alorkab.go.id", first_name="Maria", role="district", region_id="53.05")


def import_job(owner):
    return ImportJob.objects.create(user=owner, kind="ikm", original_name="unit alor.xlsx", file="imports/x.xlsx")


def finish_check(*, job_id):
    ImportJob.objects.filter(pk=job_id).update(status=ImportStatus.PREVIEW, created_count=120, updated_count=4, refused_count=2)


def test_a_long_import_check_tells_its_owner_the_preview_is_ready(owner, settings):
    settings.NOTIFY_JOB_MIN_SECONDS = 0
    job = import_job(owner)
    with mock.patch("imports.services.import_job_check", side_effect=finish_check):
        check_import.call(job.pk)
    [message] = mail.outbox
    assert message.to == ["maria@alorkab.go.id"] and message.subject == "Pratinjau impor unit alor.xlsx siap"
    assert "120 baru, 4 diubah, 2 ditolak" in message.body and "Halo Maria" in message.body
    assert f"https://sentra.example.go.id/impor/{job.pk}/" in message.body


def test_a_short_job_sends_nothing(owner, settings):
    settings.NOTIFY_JOB_MIN_SECONDS = 3600
    job = import_job(owner)
    with mock.patch("imports.services.import_job_commit"):
        commit_import.call(job.pk)
    assert mail.outbox == []


def test_a_saved_import_says_what_was_written(owner, settings):
    settings.NOTIFY_JOB_MIN_SECONDS = 0
    job = import_job(owner)
    done = lambda job_id: ImportJob.objects.filter(pk=job_id).update(status=ImportStatus.DONE, created_count=7, updated_count=1)  # noqa: E731
    with mock.patch("imports.services.import_job_commit", side_effect=lambda *, job_id: done(job_id)):
        commit_import.call(job.pk)
    assert mail.outbox[0].subject == "Impor unit alor.xlsx selesai disimpan"
    assert "7 data dibuat dan 1 data diubah" in mail.outbox[0].body


def test_a_failed_export_is_reported_even_when_quick(owner, settings):
    settings.NOTIFY_JOB_MIN_SECONDS = 3600
    job = ExportJob.objects.create(user=owner, exporter="tidak-ada", format="csv")
    with pytest.raises(Exception):
        run_export_job.call(str(job.pk))
    assert mail.outbox[0].subject == "Ekspor tidak-ada.csv gagal"
    assert f"/laporan/ekspor/tugas/{job.pk}/" in mail.outbox[0].body


def test_a_long_export_links_to_its_download_page(owner, settings, tmp_path):
    settings.NOTIFY_JOB_MIN_SECONDS, settings.MEDIA_ROOT = 0, str(tmp_path)
    job = ExportJob.objects.create(user=owner, exporter="sentra", format="csv")
    run_export_job.call(str(job.pk))
    assert mail.outbox[0].subject == "Ekspor sentra.csv siap diunduh"
    assert f"https://sentra.example.go.id/laporan/ekspor/tugas/{job.pk}/" in mail.outbox[0].body


def test_a_mail_server_failure_does_not_fail_the_job(owner, settings, tmp_path):
    settings.NOTIFY_JOB_MIN_SECONDS, settings.MEDIA_ROOT = 0, str(tmp_path)
    job = ExportJob.objects.create(user=owner, exporter="sentra", format="csv")
    with mock.patch("operations.notifications.send_mail", side_effect=ConnectionRefusedError):
        run_export_job.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE


def test_notify_user_writes_in_the_persons_language_and_skips_people_without_address(owner):
    owner.language = "en"  # the preference issue 15 adds; read when present
    sent = notify_user(user=owner, subject=gettext_lazy("Impor %(name)s selesai disimpan"),
                       message=gettext_lazy("Berkas %(name)s tidak dapat dibuat. Coba lagi atau hubungi administrator."),
                       params={"name": "a.xlsx"}, link="/impor/")
    assert sent and mail.outbox[0].subject == "Import a.xlsx saved"
    assert "https://sentra.example.go.id/impor/" in mail.outbox[0].body and "Hello Maria" in mail.outbox[0].body
    assert notify_user(user=UserFactory(email="", role="analyst"), subject="x", message="y") is False
    assert len(mail.outbox) == 1
