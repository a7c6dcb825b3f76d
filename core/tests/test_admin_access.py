"""The admin is for administrators only, in Indonesian, with search and filters on every model."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTRY_APPS = {"accounts", "regions", "commodities", "sentra", "ikm", "facilities", "funding"}


def registry_model_admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items() if model._meta.app_label in REGISTRY_APPS]


def test_every_registry_model_has_search_and_filters():
    missing = [model.__name__ for model, model_admin in registry_model_admins() if not (model_admin.search_fields and model_admin.list_filter)]
    assert missing == []


@pytest.mark.parametrize("model", [model for model, _ in registry_model_admins()], ids=lambda m: m.__name__)
def test_administrator_opens_each_changelist_with_a_search(client, admin_user, model, alor_desa):
    client.force_login(admin_user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": "alor"}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200


def test_admin_speaks_indonesian(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="id")
    assert "Administrasi" in response.content.decode()
    assert "Keluar" in response.content.decode() or "keluar" in response.content.decode().lower()


@pytest.mark.parametrize("role", ["district", "province", "analyst"])
def test_staff_who_are_not_administrators_cannot_use_the_admin(client, role, alor_desa):
    user = UserFactory(role=role, region_id="53.05" if role != "analyst" else None, is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:sentra_sentra_changelist")).status_code in (302, 403)
    response = client.get("/admin/")
    assert "/admin/sentra/sentra/" not in response.content.decode()
