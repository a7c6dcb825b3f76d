"""Share of records verified within 12 months per region; the most overdue regions first."""

from datetime import timedelta

from django.utils import timezone

from ikm.models import IkmUnit
from sentra.models import Sentra


def test_share_verified_and_most_overdue(client, demo, analyst):
    now = timezone.now()
    # Verified a month ago and not changed since (core.verification: a later change would await a new verification).
    entered = now - timedelta(days=31)
    IkmUnit.objects.filter(desa__code__startswith="52.").update(last_verified_at=now - timedelta(days=30), updated_at=entered)
    Sentra.objects.filter(code="SNT-LOTENG-PANCOR").update(last_verified_at=now - timedelta(days=30), updated_at=entered)
    Sentra.objects.filter(code="SNT-ALOR-MALI").update(last_verified_at=now - timedelta(days=400))
    client.force_login(analyst)
    data = client.get("/laporan/kemutakhiran/").context["data"]
    regions = {row["code"]: row for row in data["regions"]}
    assert regions["52"]["ikm_percent"] == 100.0 and regions["52"]["sentra_percent"] == 50.0
    assert regions["53"]["percent"] == 0.0
    assert [row["code"] for row in data["overdue"]] == ["53", "52"]
    assert data["totals"]["records"] == 27 and data["totals"]["stale"] == 27 - 6


def test_links_to_stale_lists(client, demo, analyst):
    client.force_login(analyst)
    html = client.get("/laporan/kemutakhiran/").content.decode()
    assert "/sentra/?region=53&amp;verified=fresh" in html
