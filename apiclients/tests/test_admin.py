import pytest
from django.contrib.messages import get_messages

from apiclients.models import ApiClient
from apiclients.services import key_digest


@pytest.mark.django_db
def test_admin_creates_a_client_and_shows_the_key_once(client, admin_user, belu_desa):
    client.force_login(admin_user)
    response = client.post(
        "/admin/apiclients/apiclient/add/",
        {"name": "Portal Belu", "region": "53.04", "read_write": "on", "is_active": "on", "throttle_rate": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    record = ApiClient.objects.get(name="Portal Belu")
    assert record.region_id == "53.04" and record.read_write
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    key = next(text.rsplit(" ", 1)[1] for text in shown if "Token untuk Portal Belu" in text)
    assert record.key_hash == key_digest(key)
    assert key in client.get(response.url).content.decode()  # shown on the page after saving...
    page = client.get(f"/admin/apiclients/apiclient/{record.pk}/change/").content.decode()  # ...and never again
    assert key not in page and record.key_hash not in page


@pytest.mark.django_db
def test_admin_change_updates_the_scope_of_the_service_user(client, admin_user, belu_desa, alor_desa):
    from apiclients.services import api_client_create
    from regions.models import Region

    record, _ = api_client_create(name="Mitra", region=Region.objects.get(code="53.04"))
    client.force_login(admin_user)
    response = client.post(
        f"/admin/apiclients/apiclient/{record.pk}/change/",
        {"name": "Mitra", "region": "53.05", "is_active": "on", "throttle_rate": ""},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    record.user.refresh_from_db()
    assert record.user.region_id == "53.05"
