"""Every page carries the Content-Security-Policy and the other security headers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def login_page(client):
    return client.get(reverse("login"))


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_csp_allows_only_this_site_and_no_inline_script(login_page):
    directives = csp_directives(login_page)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    policy = login_page["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "http" not in policy


@pytest.mark.parametrize(
    "header, value",
    [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ],
)
def test_security_headers_on_html_pages(login_page, header, value):
    assert login_page[header] == value


def test_headers_on_api_and_health_responses_too(client):
    for url in ("/healthz", "/api/v1/schema/"):
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "Content-Security-Policy" in response


def test_logged_in_pages_have_the_headers(client, alor_staff):
    client.force_login(alor_staff)
    response = client.get(reverse("password_change"))
    assert response.status_code == 200
    assert csp_directives(response)["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
