"""Pages answer tampered input with a 404 or a message, never a server error (issue 12, probes beyond the list):
ids beyond any column's range, versions that are not numbers, odd query strings."""

import pytest
from django.urls import reverse

from core.testing.factories import IkmUnitFactory, SentraFactory
from sentra.models import Sentra

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def test_tampered_urls_are_never_a_server_error(client, alor_staff):
    SentraFactory()
    client.force_login(alor_staff)
    urls = [
        f"/sentra/{HUGE}/", f"/api/v1/sentra/{HUGE}/", f"/ikm/{HUGE}/ubah/", f"/fasilitas/ruang/baru/?sentra={HUGE}",
        "/ikm/sertifikasi/baru/?ikm=1e5", "/sentra/?page=abc", "/ikm/?ordering=__class__", "/sentra/?region=%00",
        "/laporan/?region=53.%25", "/wilayah/anak/?induk=%00", f"/laporan/sentra/{HUGE}/profil/",
    ]
    answers = {url: client.get(url).status_code for url in urls}
    assert all(status < 500 for status in answers.values()), answers


@pytest.mark.parametrize("version", ["abc", "²", HUGE, "-1"])
def test_an_action_with_a_tampered_version_is_refused_with_a_message(client, alor_staff, version):
    sentra = SentraFactory()
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:delete", args=[sentra.pk]), {"version": version, "confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Versi data tidak dikenal" in response.content.decode()
    assert Sentra.objects.get(pk=sentra.pk).version == 1


def test_a_form_with_a_tampered_version_is_refused(client, alor_staff):
    unit = IkmUnitFactory()
    client.force_login(alor_staff)
    response = client.post(reverse("ikm:update", args=[unit.pk]), {"name": "x", "version": "1", "base_version": HUGE})
    assert response.status_code == 200 and response.context["form"].errors


def test_a_nul_byte_in_any_filter_of_any_list_page_is_never_a_server_error(client, alor_staff):
    """PostgreSQL refuses NUL bytes in text: every filter value must be checked before it reaches a query."""
    from security.tests.access_matrix import UI_ROUTES

    SentraFactory()
    client.force_login(alor_staff)
    failed = {}
    for name, rule in UI_ROUTES.items():
        if rule.kind != "login" or rule.kwargs or rule.method != "GET":
            continue
        url = reverse(name)
        page = client.get(url)
        filterset = page.context.get("filterset") if page.context else None
        names = list(filterset.filters) if filterset is not None else ["q", "region", "year", "kind", "status"]
        response = client.get(url, {name: "a\x00b" for name in names})
        if response.status_code >= 500:
            failed[url] = response.status_code
    assert failed == {}
