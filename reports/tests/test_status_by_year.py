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


def _entered(code, **fields):
    from core.testing.factories import SentraFactory

    return SentraFactory(code=code, name=code, **fields)


def test_sentra_count_from_their_founding_year_not_from_their_data_entry(client, analyst, alor_desa):
    """Moramam (founded 2008) and a sentra founded three years ago, both entered this year: every year since
    their founding shows them, with the status they were entered with; data entry day is not their birthday."""
    this_year = timezone.localdate().year
    _entered("OLD", founding_year=2008, desa=alor_desa)
    _entered("RECENT", founding_year=this_year - 3, desa=alor_desa, status="kurang_aktif")
    _entered("UNKNOWN", founding_year=None, desa=alor_desa)  # no founding year: from its record only
    client.force_login(analyst)
    rows = {row["year"]: row for row in client.get("/laporan/").context["data"]["status_by_year"]}
    assert rows[this_year - 5]["aktif"] == 1 and rows[this_year - 5]["total"] == 1
    assert rows[this_year - 3]["kurang_aktif"] == 1 and rows[this_year - 3]["total"] == 2
    assert rows[this_year - 1]["total"] == 2
    assert rows[this_year]["aktif"] == 2 and rows[this_year]["kurang_aktif"] == 1


def test_closing_date_comes_from_the_history(client, analyst, alor_desa):
    """Founded 2008, recorded aktif two years ago, closed last year: aktif until then, tutup from then on."""
    this_year = timezone.localdate().year
    sentra = _entered("CLOSED", founding_year=2008, desa=alor_desa)
    _history_at(sentra, this_year - 2)
    sentra.status = "tutup"
    sentra.save()
    Sentra.history.filter(id=sentra.pk, status="tutup").update(history_date=timezone.make_aware(datetime(this_year - 1, 3, 1)))
    client.force_login(analyst)
    rows = {row["year"]: row for row in client.get("/laporan/").context["data"]["status_by_year"]}
    assert [rows[year]["aktif"] for year in range(this_year - 5, this_year - 1)] == [1, 1, 1, 1]
    assert rows[this_year - 1]["tutup"] == 1 and rows[this_year - 1]["aktif"] == 0
    assert rows[this_year]["tutup"] == 1


def test_a_sentra_first_recorded_closed_is_not_counted_before_its_record(client, analyst, alor_desa):
    this_year = timezone.localdate().year
    _entered("GONE", founding_year=2008, desa=alor_desa, status="tutup")
    client.force_login(analyst)
    page = client.get("/laporan/")
    rows = {row["year"]: row for row in page.context["data"]["status_by_year"]}
    assert rows[this_year - 1]["total"] == 0 and rows[this_year]["tutup"] == 1
    assert "tanggal tutupnya tidak diketahui" in page.content.decode()  # the rule is stated on the page
