"""Issue 18's promises: a logged-out visitor sees aggregates only, and a kabupaten page stays the same when
other provinces' data changes; webhook bodies never carry a record outside the subscriber's region."""

import json

import pytest
from django.test import Client

from changes import selectors as feed
from webhooks.models import Delivery
from webhooks.services import dispatch_changes, subscription_create

from .access_world import OUTSIDE, normalised

PUBLIC_URLS = ["/data/", "/data/wilayah/53/", "/data/wilayah/53.05/", "/data/katalog.jsonld", "/data/dataset/ikm-kelas/"]
DOWNLOADS = [f"/data/unduh/{slug}.{fmt}{query}" for slug in ("sentra-status", "sentra-komoditas", "ikm-kelas", "ruang-produksi", "dak-fisik-ikm")
             for fmt in ("csv", "json") for query in ("", "?wilayah=53.05")]


def record_texts(world):
    """Every name, code, NIB, owner, address and note of the world's records: none may appear in public."""
    texts = set()
    for objects in world.objects.values():
        for obj in objects.values():
            for field in ("name", "code", "nib", "owner_name", "address", "notes", "number", "description", "source"):
                value = getattr(obj, field, None)
                if isinstance(value, str) and len(value) > 4:
                    texts.add(value)
    return texts


def test_logged_out_visitors_see_no_record_only_figures(world):
    visitor = Client()
    secrets = record_texts(world)
    assert secrets
    for url in PUBLIC_URLS + DOWNLOADS:
        response = visitor.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert OUTSIDE not in body and not [text for text in secrets if text in body], url


def test_a_kabupaten_page_and_download_do_not_change_with_other_provinces(world):
    visitor = Client()
    urls = ["/data/wilayah/53.05/", *[url for url in DOWNLOADS if "wilayah=53.05" in url and "json" not in url]]
    before = {url: normalised(visitor.get(url)) for url in urls}  # without the per-response CSRF token
    world.add_outside_batch("province")  # the province role's nearest outside place: another province (NTB)
    world.add_outside_batch("province")
    for url in urls:
        assert normalised(visitor.get(url)) == before[url], url


def test_webhook_bodies_carry_nothing_outside_the_region(world, monkeypatch):
    monkeypatch.setattr(feed, "safe_horizon", lambda connection=None: None)  # read this test's own writes
    client = world.clients["token_ro"].api_client  # Kab. Alor
    subscription = subscription_create(client=client, url="https://mitra.example/hook")
    subscription.start_txid = subscription.start_change = 0  # everything the world wrote, from the beginning
    subscription.save()
    world.add_outside_batch("token_ro")
    while dispatch_changes()[1]:
        pass
    payloads = json.dumps(list(Delivery.objects.filter(subscription=subscription).values_list("payload", flat=True)))
    assert "ALOR" in payloads  # it did receive its own region's records
    assert OUTSIDE not in payloads and "52.02" not in payloads
