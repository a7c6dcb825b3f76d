"""E-mail to one person about their work: a long import or export finished, work returned for correction.

Other apps call notify_user(); it never raises (a mail server down must not fail the job that finished) and
writes in the person's language. Subjects and messages are passed as lazy translations with %-style params,
so they are rendered in that language, e.g. from census:

    from operations.notifications import notify_user
    notify_user(
        user=item.officer,
        subject=gettext_lazy("Pendataan %(sentra)s dikembalikan untuk diperbaiki"),
        message=gettext_lazy("%(reviewer)s mengembalikan kunjungan Anda: %(comment)s"),
        params={"sentra": item.sentra.name, "reviewer": reviewer.get_full_name(), "comment": review.comment},
        link=reverse("census:item", args=[item.pk]),
    )
"""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("operations.notifications")


def language_of(user):
    # A language preference on the user (issue 15) wins; otherwise the site default (Indonesian).
    preferred = getattr(user, "language", "") or getattr(user, "preferred_language", "")
    return preferred if preferred in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute_url(link):
    return link if not link or "://" in link else settings.SITE_URL + link


def notify_user(*, user, subject, message, params=None, link=None):
    """Send `user` one e-mail; True when it went out. Nothing happens without an address or a mail server."""
    if not user.email or not settings.EMAIL_ENABLED:
        return False
    params = params or {}
    with translation.override(language_of(user)):
        subject_text = " ".join((str(subject) % params).split())  # one line: headers cannot hold newlines
        body = render_to_string("operations/email/notification.txt", {
            "user": user, "message": str(message) % params, "link": absolute_url(link),
        })
    try:
        send_mail(subject_text, body, None, [user.email])
    except Exception:  # SMTP down or refusing: log it, the job itself succeeded
        logger.exception("notification to user %s failed", user.pk)
        return False
    logger.info("notification sent", extra={"user_id": user.pk, "subject": subject_text})
    return True


def _import_message(job):
    from imports.models import ImportStatus

    params = {"name": job.original_name, "created": job.created_count, "updated": job.updated_count,
              "refused": job.refused_count, "conflicts": job.conflict_count}
    if job.status == ImportStatus.PREVIEW:
        return (_("Pratinjau impor %(name)s siap"),
                _("Pemeriksaan berkas %(name)s selesai: %(created)s baru, %(updated)s diubah, %(refused)s ditolak, "
                  "%(conflicts)s konflik. Periksa pratinjaunya, lalu simpan."), params)
    if job.status == ImportStatus.DONE:
        return (_("Impor %(name)s selesai disimpan"),
                _("Berkas %(name)s sudah disimpan ke registri: %(created)s data dibuat dan %(updated)s data diubah."), params)
    return (_("Impor %(name)s tidak selesai"),
            _("Berkas %(name)s tidak tersimpan (%(status)s). Buka halaman impor untuk melihat alasannya."),
            {**params, "status": job.get_status_display()})


def notify_import_finished(*, job_id):
    from imports.models import ImportJob

    job = ImportJob.objects.select_related("user").get(pk=job_id)
    subject, message, params = _import_message(job)
    return notify_user(user=job.user, subject=subject, message=message, params=params,
                       link=reverse("imports:job", args=[job.pk]))


def notify_export_finished(*, job_id):
    from reports.models import ExportJob

    job = ExportJob.objects.select_related("user").get(pk=job_id)
    params = {"name": f"{job.exporter}.{job.format}", "rows": job.rows_done}
    if job.status == ExportJob.Status.DONE:
        subject, message = _("Ekspor %(name)s siap diunduh"), _("Berkas %(name)s (%(rows)s baris) siap diunduh.")
    else:
        subject, message = _("Ekspor %(name)s gagal"), _("Berkas %(name)s tidak dapat dibuat. Coba lagi atau hubungi administrator.")
    return notify_user(user=job.user, subject=subject, message=message, params=params, link=reverse("reports:job", args=[job.pk]))


NOTIFIERS = {"import": notify_import_finished, "export": notify_export_finished}


@contextmanager
def notify_when_long(*, kind, job_id):
    """Around a background task: when it ran NOTIFY_JOB_MIN_SECONDS or longer (or failed), tell its owner."""
    started = time.monotonic()
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        if failed or time.monotonic() - started >= settings.NOTIFY_JOB_MIN_SECONDS:
            try:
                NOTIFIERS[kind](job_id=job_id)
            except Exception:  # the job row itself is gone or unreadable: nothing to tell
                logger.exception("notification for %s job %s failed", kind, job_id)
