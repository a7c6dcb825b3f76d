"""No existence oracle (issue 12): "does not exist" and "exists, but not yours" get the same answer.

Filters compare ids as plain values (never against the whole table); uniqueness errors say "already
registered" only about a record the user can see, and a neutral sentence otherwise; the database's own text
(constraint names, conflicting values) never reaches a client.
"""

import django_filters
import pytest
from django.urls import reverse
from django.utils import timezone

from core.api.testing import token_client
from core.testing.factories import CertificationFactory, CommodityFactory, IkmUnitFactory, MembershipFactory, SentraFactory
from ikm.models import IkmUnit
from sentra.models import Sentra

pytestmark = pytest.mark.django_db

ALREADY = "sudah terdaftar"
NEUTRAL = "Nilai ini tidak dapat dipakai"
DATABASE_WORDS = ("duplicate key", "unique constraint", "UNIQUE constraint", "ikm_ikmunit", "sentra_sentra", "DETAIL", "Key (")


def all_filtersets():
    import commodities.filtersets, core.filtersets, facilities.filtersets, funding.filtersets, ikm.filtersets  # noqa: E401
    import regions.filtersets, sentra.filtersets  # noqa: E401

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return [cls for cls in walk(django_filters.FilterSet) if cls.__module__.split(".")[0] in
            ("commodities", "core", "facilities", "funding", "ikm", "regions", "sentra")]


def test_no_filterset_checks_an_id_against_a_whole_table():
    found = [
        f"{filterset.__name__}.{name}" for filterset in all_filtersets() for name, flt in filterset.base_filters.items()
        if isinstance(flt, (django_filters.ModelChoiceFilter, django_filters.ModelMultipleChoiceFilter))
    ]
    assert found == []


@pytest.fixture
def world(alor_desa, belu_desa):
    """Kab. Belu's partner token; a unit with a membership and a certificate in Kab. Alor (a sibling kabupaten
    of the same province: outside Belu's scope)."""
    alor_unit = IkmUnitFactory(desa=alor_desa, nib="9100000000777")
    alor_sentra = SentraFactory(desa=alor_desa, code="ALR-777")
    MembershipFactory(ikm=alor_unit, sentra=alor_sentra)
    CertificationFactory(ikm=alor_unit, kind="halal", number="ID-ALOR-777")
    return {"client": token_client("53.04", read_write=True), "unit": alor_unit, "sentra": alor_sentra}


ID_FILTERS = {  # filter -> (value naming the Alor record, value naming nothing)
    "ikm": (lambda w: w["unit"].pk, lambda w: 987654321),
    "sentra": (lambda w: w["sentra"].code, lambda w: "TIDAK-ADA"),
    "nib": (lambda w: w["unit"].nib, lambda w: "9199999999999"),
    "region": (lambda w: "53.05", lambda w: "53.99"),
}


@pytest.mark.parametrize("path", ["/api/v1/memberships/", "/api/v1/certifications/", "/api/v1/ikm-units/", "/api/v1/sentra/",
                                  "/api/v1/rooms/", "/api/v1/machines/", "/api/v1/yearly-figures/", "/api/v1/dak-activities/"])
def test_an_out_of_scope_id_and_a_missing_one_get_the_same_answer(world, path):
    client = world["client"]
    from django.urls import resolve

    filterset = resolve(path).func.cls.filterset_class
    checked = 0
    for name, (inside_other_region, missing) in ID_FILTERS.items():
        if name not in filterset.base_filters:
            continue
        out_of_scope = client.get(path, {name: inside_other_region(world)})
        absent = client.get(path, {name: missing(world)})
        assert (out_of_scope.status_code, out_of_scope.json()) == (absent.status_code, absent.json()), (path, name)
        checked += 1
    assert checked, path


def test_the_issues_membership_walk_learns_nothing(world):
    client = world["client"]
    answers = {client.get(f"/api/v1/memberships/?ikm={pk}").content for pk in (world["unit"].pk, 987654321)}
    assert answers == {b'{"next":null,"previous":null,"results":[]}'}
    assert client.get("/api/v1/certifications/?ikm=abc").status_code == 400  # not an id at all: same for everyone


def assert_neutral(response, *fields):
    text = response.content.decode()
    assert response.status_code == 400, text[:300]
    assert NEUTRAL in text and ALREADY not in text, text[:500]
    assert not any(word in text for word in DATABASE_WORDS), text[:500]
    if fields:
        assert {e["field"] for e in response.json()["errors"]} >= set(fields), response.json()


def test_a_nib_held_by_a_deleted_unit_elsewhere_is_refused_neutrally(world, alor_desa):
    IkmUnit.objects.filter(pk=world["unit"].pk).update(deleted_at=timezone.now())
    commodity = CommodityFactory(code="tenun-ikat")
    body = {"name": "Tenun Belu", "desa": "53.04.22.1004", "commodity": commodity.code}
    assert_neutral(world["client"].put(f"/api/v1/ikm-units/by-nib/{world['unit'].nib}/", body, format="json"), "nib")
    assert_neutral(world["client"].post("/api/v1/ikm-units/", {**body, "nib": world["unit"].nib}, format="json"), "nib")
    bulk = world["client"].post("/api/v1/ikm-units/bulk/", {"items": [{**body, "nib": world["unit"].nib}]}, format="json")
    assert_neutral(bulk, "items.0.nib")


def test_a_sentra_code_of_a_deleted_sentra_elsewhere_is_refused_neutrally(world):
    Sentra.objects.filter(pk=world["sentra"].pk).update(deleted_at=timezone.now())
    commodity = CommodityFactory(code="tenun-ikat")
    body = {"name": "Sentra Belu", "desa": "53.04.22.1004", "commodity_codes": [commodity.code]}
    assert_neutral(world["client"].put("/api/v1/sentra/by-code/ALR-777/", body, format="json"), "code")
    assert_neutral(world["client"].post("/api/v1/sentra/bulk/", {"items": [{**body, "code": "ALR-777"}]}, format="json"), "items.0.code")


def test_a_certificate_number_of_another_region_is_refused_neutrally_and_an_own_one_plainly(world, belu_desa):
    belu_unit = IkmUnitFactory(desa=belu_desa)
    CertificationFactory(ikm=belu_unit, kind="halal", number="ID-BELU-1")
    client = world["client"]
    assert_neutral(client.post("/api/v1/certifications/", {"ikm": belu_unit.pk, "kind": "halal", "number": "ID-ALOR-777"}, format="json"))
    own = client.post("/api/v1/certifications/", {"ikm": belu_unit.pk, "kind": "halal", "number": "ID-BELU-1"}, format="json")
    assert own.status_code == 400 and "Nomor sertifikat ini sudah terdaftar." in own.content.decode()


def test_forms_say_already_registered_only_about_the_users_own_records(client, world, belu_desa, belu_staff):
    own = IkmUnitFactory(desa=belu_desa, nib="9100000000888")
    commodity = CommodityFactory(code="tenun-ikat")
    client.force_login(belu_staff)
    data = {"name": "Tenun Baru", "desa": "53.04.22.1004", "commodity": commodity.pk, "workers_male": 1, "workers_female": 1,
            "investment": 0, "production_value": 0, "sales": 0, "production_place": "rumah"}
    mine = client.post(reverse("ikm:create"), {**data, "nib": own.nib})
    assert "NIB ini sudah terdaftar untuk unit IKM lain." in str(mine.context["form"].errors["nib"])
    elsewhere = client.post(reverse("ikm:create"), {**data, "nib": world["unit"].nib})
    assert NEUTRAL in str(elsewhere.context["form"].errors["nib"]) and ALREADY not in elsewhere.content.decode()
    assert not IkmUnit.objects.filter(name="Tenun Baru").exists()


def test_a_database_refusal_is_worded_by_us(world, alor_desa):
    """The rare clash between the service's check and the write (a concurrent insert): the database's text is
    replaced by a sentence of our own."""
    from django.db import IntegrityError, transaction

    from core.dberrors import integrity_error_message

    try:
        with transaction.atomic():
            IkmUnitFactory(desa=alor_desa, nib=world["unit"].nib)
    except IntegrityError as error:
        message = integrity_error_message(error)
    assert not any(word in message for word in DATABASE_WORDS)
    assert message.startswith("Data tidak dapat disimpan")
