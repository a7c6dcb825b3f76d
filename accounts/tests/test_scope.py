import pytest
from django.core.exceptions import PermissionDenied

from accounts.scope import ensure_can_verify, ensure_can_write, region_in_scope, scope_queryset
from core.testing.factories import SentraFactory
from django.contrib.auth.models import AnonymousUser
from sentra.models import Sentra

pytestmark = pytest.mark.django_db


@pytest.fixture
def sentra_alor(alor_desa):
    return SentraFactory(desa=alor_desa, name="Sentra Alor")


@pytest.fixture
def sentra_belu(belu_desa):
    return SentraFactory(desa=belu_desa, name="Sentra Belu")


@pytest.fixture
def sentra_loteng(loteng_desa):
    return SentraFactory(desa=loteng_desa, name="Sentra Lombok Tengah")


def names(user):
    return set(scope_queryset(Sentra.objects.all(), user).values_list("name", flat=True))


def test_district_staff_see_only_their_kabupaten(alor_staff, sentra_alor, sentra_belu, sentra_loteng):
    assert names(alor_staff) == {"Sentra Alor"}


def test_province_staff_see_their_province(ntt_staff, sentra_alor, sentra_belu, sentra_loteng):
    assert names(ntt_staff) == {"Sentra Alor", "Sentra Belu"}


def test_analysts_and_admins_see_everything(analyst, admin_user, sentra_alor, sentra_belu, sentra_loteng):
    assert names(analyst) == names(admin_user) == {"Sentra Alor", "Sentra Belu", "Sentra Lombok Tengah"}


def test_anonymous_and_inactive_users_see_nothing(alor_staff, sentra_alor):
    assert names(AnonymousUser()) == set()
    alor_staff.is_active = False
    assert names(alor_staff) == set()


def test_a_code_prefix_is_not_a_region_prefix(alor_staff):
    # 53.05 must not cover a hypothetical 53.051: scope works on whole code segments.
    assert region_in_scope(alor_staff, "53.05.03.2001")
    assert not region_in_scope(alor_staff, "53.051")
    assert not region_in_scope(alor_staff, "53.04.22.1004")


def test_writes_outside_scope_are_refused(alor_staff, ntt_staff, analyst):
    ensure_can_write(alor_staff, "53.05.03.2001")
    with pytest.raises(PermissionDenied):
        ensure_can_write(alor_staff, "53.04.22.1004")
    with pytest.raises(PermissionDenied):
        ensure_can_write(ntt_staff, "53.05.03.2001")  # provincial staff read and verify, they do not edit
    with pytest.raises(PermissionDenied):
        ensure_can_write(analyst, "53.05.03.2001")


def test_provincial_staff_may_verify_inside_their_province_only(ntt_staff):
    ensure_can_verify(ntt_staff, "53.05.03.2001")
    with pytest.raises(PermissionDenied):
        ensure_can_verify(ntt_staff, "52.02.03.2005")
