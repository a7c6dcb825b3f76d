"""A token stops working on the very next request, whichever way it was revoked (issue 6 kept this uncached).

The token look-up (apiclients.services.api_principal_for_key) reads the database on every request, so every
change path counts, including ones that bypass services and signals (`queryset.update`). Each test revokes
through one path and shows the next request is refused, or sees the new scope/permission at once.
"""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apiclients.models import ApiClient, ApiPrincipal
from apiclients.services import api_client_rotate_key, api_client_update, api_principal_for_key
from core.api.testing import token_client
from core.testing.factories import SentraFactory

URL = "/api/v1/sentra/"


@pytest.fixture
def alor(alor_desa):
    client = token_client("53.05", read_write=True, name="Portal Alor")
    assert client.get(URL).status_code == 200  # warm: a look-up that any cache would now hold
    return client


@pytest.mark.django_db
def test_deactivated_through_the_service_is_refused_at_once(alor):
    alor.api_client.is_active = False
    api_client_update(client=alor.api_client)
    assert alor.get(URL).status_code == 401


@pytest.mark.django_db
def test_rotated_key_is_refused_at_once_and_the_new_key_works(alor):
    new_key = api_client_rotate_key(client=alor.api_client)
    assert alor.get(URL).status_code == 401
    alor.credentials(HTTP_AUTHORIZATION=f"Token {new_key}")
    assert alor.get(URL).status_code == 200


@pytest.mark.django_db
def test_plain_model_save_and_queryset_update_revoke_at_once(alor):
    record = ApiClient.objects.get(pk=alor.api_client.pk)
    record.is_active = False
    record.save()
    assert alor.get(URL).status_code == 401
    ApiClient.objects.filter(pk=record.pk).update(is_active=True)
    assert alor.get(URL).status_code == 200
    ApiClient.objects.filter(pk=record.pk).update(is_active=False)  # no signal fires here
    assert alor.get(URL).status_code == 401


@pytest.mark.django_db
def test_deactivated_service_user_is_refused_at_once(alor):
    user = alor.api_client.user
    user.is_active = False
    user.save()
    assert alor.get(URL).status_code == 401
    type(user).objects.filter(pk=user.pk).update(is_active=True)
    assert alor.get(URL).status_code == 200
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert alor.get(URL).status_code == 401


@pytest.mark.django_db
def test_admin_deactivation_and_admin_rotation_revoke_at_once(client, admin_user, alor):
    record = alor.api_client
    client.force_login(admin_user)
    response = client.post(
        "/admin/apiclients/apiclient/", {"action": "rotate_keys", "_selected_action": [record.pk]}
    )
    assert response.status_code == 302
    assert alor.get(URL).status_code == 401
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    new_key = next(text.rsplit(" ", 1)[1] for text in shown if "Token untuk Portal Alor" in text)
    alor.credentials(HTTP_AUTHORIZATION=f"Token {new_key}")
    assert alor.get(URL).status_code == 200
    response = client.post(
        f"/admin/apiclients/apiclient/{record.pk}/change/",
        {"name": "Portal Alor", "region": "53.05", "read_write": "on", "throttle_rate": ""},  # "aktif" unticked
    )
    assert response.status_code == 302
    assert alor.get(URL).status_code == 401


@pytest.mark.django_db
def test_scope_and_write_permission_changes_apply_to_the_next_request(alor, belu_desa):
    from regions.models import Region

    alor_sentra, belu_sentra = SentraFactory(), SentraFactory(desa=belu_desa)
    assert [row["id"] for row in alor.get(URL).json()["results"]] == [alor_sentra.pk]
    record = alor.api_client
    record.region = Region.objects.get(code="53.04")
    record.read_write = False
    api_client_update(client=record)
    assert [row["id"] for row in alor.get(URL).json()["results"]] == [belu_sentra.pk]
    assert alor.get(f"{URL}{alor_sentra.pk}/").status_code == 404
    assert alor.patch(f"{URL}{belu_sentra.pk}/", {"name": "X"}, format="json").status_code == 403


@pytest.mark.django_db
def test_look_up_is_one_query_and_loads_what_the_orm_would(alor):
    key = alor.key
    with CaptureQueriesContext(connection) as queries:
        principal = api_principal_for_key(key)
        client = principal.api_client  # joined, no second query
        assert client.user is principal
    assert len(queries) == 1
    expected = ApiPrincipal.objects.select_related("api_client").get(pk=principal.pk)
    for field in ApiPrincipal._meta.concrete_fields:
        assert getattr(principal, field.attname) == getattr(expected, field.attname), field.name
    for field in ApiClient._meta.concrete_fields:
        assert getattr(client, field.attname) == getattr(expected.api_client, field.attname), field.name
    assert principal._state.adding is False and principal._state.db == expected._state.db
    assert principal.is_national is False and principal.can_edit_records is True and principal.region_id == "53.05"


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "tanpa-titik", ".", "x" * 300])
def test_malformed_keys_find_nobody(alor, key):
    assert api_principal_for_key(key) is None


@pytest.mark.django_db
def test_prefix_with_a_wrong_secret_finds_nobody(alor):
    assert api_principal_for_key(alor.api_client.key_prefix + ".salah") is None
    assert api_principal_for_key(alor.key) is not None
