"""Strong password rules (AUTH_PASSWORD_VALIDATORS) apply where users set passwords."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "pendek1",  # shorter than 10 characters
        "1234567890123",  # numbers only
        "password123",  # a common password
        "qwertyuiop",  # a common password
        "siti.rahayu.alor",  # too close to the user's own name
    ],
)
def test_weak_passwords_are_refused(password):
    user = User(username="siti.rahayu", first_name="Siti", last_name="Rahayu", email="siti.rahayu.alor@example.id")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_passphrase_is_accepted():
    validate_password("tenun-ikat-alor-2026", User(username="siti"))


def test_password_change_page_refuses_a_weak_password_and_keeps_the_old(client, alor_staff):
    client.force_login(alor_staff)
    response = client.post(
        reverse("password_change"),
        {"old_password": "rahasia-uji-123", "new_password1": "12345678901", "new_password2": "12345678901"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    alor_staff.refresh_from_db()
    assert alor_staff.check_password("rahasia-uji-123")
