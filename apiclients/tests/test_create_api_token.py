import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from apiclients.models import ApiClient
from apiclients.services import key_digest


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


@pytest.mark.django_db
def test_command_prints_a_working_key_once_and_stores_only_its_hash(belu_desa):
    key, message = run("--name", "Portal Kab. Belu", "--region", "53.04")
    client = ApiClient.objects.get(name="Portal Kab. Belu")
    assert client.region_id == "53.04" and not client.read_write
    assert "53.04" in message and "hanya baca" in message
    assert client.key_hash == key_digest(key) and key not in (client.key_hash, client.key_prefix)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/sentra/").status_code == 200


@pytest.mark.django_db
def test_read_write_flag_and_national_scope(db):
    run("--name", "SIINas", "--read-write")
    client = ApiClient.objects.get(name="SIINas")
    assert client.read_write and client.region_id is None
    assert client.user.has_usable_password() is False  # the service user cannot log in


@pytest.mark.django_db
def test_unknown_region_is_refused(db):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run("--name", "X", "--region", "99.99")
    assert not ApiClient.objects.exists()


@pytest.mark.django_db
def test_duplicate_name_is_refused(db):
    run("--name", "Mitra")
    with pytest.raises(CommandError):
        run("--name", "Mitra")
