"""Shared users for every test, as in healthchecks: one per role, inside and outside Kab. Alor."""

import os

import pytest
from django.utils import translation

from accounts.models import Role
from core.testing.factories import UserFactory, region_tree


@pytest.fixture(autouse=True)
def default_language():
    # A request with Accept-Language: en leaves English active in the thread; each test starts in Indonesian.
    translation.activate("id")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    # Uploads and exports that tests write go to a temporary folder, never into the checkout's media/ (where
    # they piled up, and where parallel test processes would share one folder).
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher costs ~0.5 s per password on purpose; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ALOR_DESA = "53.05.03.2001"  # a desa in Kab. Alor (53.05), NTT (53)
BELU_DESA = "53.04.22.1004"  # Kel. Fatukbot, Kab. Belu (53.04), NTT
LOTENG_DESA = "52.02.03.2005"  # Desa Aik Darek, Kab. Lombok Tengah (52.02), NTB (52)


@pytest.fixture
def alor_desa(db):
    return region_tree(ALOR_DESA, {"53": "Nusa Tenggara Timur", "53.05": "Kabupaten Alor"})


@pytest.fixture
def belu_desa(db):
    return region_tree(BELU_DESA, {"53": "Nusa Tenggara Timur", "53.04": "Kabupaten Belu"})


@pytest.fixture
def loteng_desa(db):
    return region_tree(LOTENG_DESA, {"52": "Nusa Tenggara Barat", "52.02": "Kabupaten Lombok Tengah"})


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def analyst(db):
    return UserFactory(username="analis", role=Role.ANALYST)


@pytest.fixture
def ntt_staff(alor_desa):
    return UserFactory(username="ntt", role=Role.PROVINCE, region_id="53")


@pytest.fixture
def alor_staff(alor_desa):
    return UserFactory(username="alor", role=Role.DISTRICT, region_id="53.05")


@pytest.fixture
def belu_staff(belu_desa):
    return UserFactory(username="belu", role=Role.DISTRICT, region_id="53.04")


@pytest.fixture
def loteng_staff(loteng_desa):
    return UserFactory(username="loteng", role=Role.DISTRICT, region_id="52.02")


# --- Browser tests (Playwright driving Debian's Chromium; never a downloaded browser) ---------------------
# Playwright's sync API runs an event loop in the test thread; Django would then refuse ORM calls made by
# the test itself (factories, asserts) as "async unsafe" although they are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Chromium sends Accept-Language en-US; the dinas staff the UI is for browse in Indonesian.
    return {**browser_context_args, "locale": "id-ID"}


@pytest.fixture
def login_as(page, live_server):
    """Log `user` in through the real login form; returns the page, now on the user's home page."""

    def login(user, password="rahasia-uji-123"):
        page.goto(f"{live_server.url}/akun/masuk/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return login
