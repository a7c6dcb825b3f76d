"""Sentra by status at the end of each year, read from the sentra's audit history."""

from datetime import datetime

from django.utils import timezone

from sentra.models import Sentra


def _history_at(sentra, year):
    # Move the sentra's history back in time, as if recorded then.
    Sentra.history.filter(id=sentra.pk).update(history_date=timezone.make_aware(datetime(year, 6, 1)))


def test_status_changes_show_per_year(client, demo, analyst):
    this_year = timezone.localdate().year
    for sentra in (demo.mali, demo.pancor_dao, demo.unfunded, demo.belu_sentra):
        _history_at(sentra, this_year - 3)
    belu = demo.belu_sentra
    # Belu was active three years ago (first history row), became tidak_aktif this year.
    Sentra.history.filter(id=belu.pk).update(status="aktif")
    belu.status = "tidak_aktif"
    belu.save()
    client.force_login(analyst)
    rows = {row["year"]: row for row in client.get("/laporan/").context["data"]["status_by_year"]}
    assert rows[this_year - 4]["total"] == 0
    assert rows[this_year - 3]["aktif"] == 4 and rows[this_year - 3]["tidak_aktif"] == 0
    assert rows[this_year]["aktif"] == 3 and rows[this_year]["tidak_aktif"] == 1


def test_deleted_sentra_stop_counting(client, demo, analyst):
    this_year = timezone.localdate().year
    demo.mali.deleted_at = timezone.now()
    demo.mali.save()
    client.force_login(analyst)
    rows = {row["year"]: row for row in client.get("/laporan/").context["data"]["status_by_year"]}
    assert rows[this_year]["total"] == 3
