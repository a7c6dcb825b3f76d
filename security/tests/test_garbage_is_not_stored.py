"""Garbage is not stored (issue 12): negative amounts are refused by the database itself, and the text of every
form and API field goes through the one normaliser (core.text.normalise_text) before it is checked."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.api.serializers import NormalisedCharField, RegistrySerializer
from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory, RoomFactory, SentraFactory, YearlyFigureFactory
from core.text import normalise_text
from facilities.models import Room
from ikm.models import IkmUnit, YearlyFigure
from sentra.models import Sentra
from web.forms import RecordForm

pytestmark = pytest.mark.django_db

HOSTILE = "Tenun\x07 Ina\x1b[31m\x0b\u0085Ba\u200bru\u202e"  # BEL, ESC, VT, NEL, zero-width space, right-to-left override


@pytest.fixture
def client_rw(alor_desa):
    return token_client("53.05", read_write=True)


def test_a_negative_production_capacity_is_a_400_and_not_stored(client_rw):
    unit = IkmUnitFactory(production_capacity=10)
    response = client_rw.patch(f"/api/v1/ikm-units/{unit.pk}/", {"production_capacity": "-5.00"}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "production_capacity"
    assert IkmUnit.objects.get(pk=unit.pk).production_capacity == 10


@pytest.mark.parametrize("model, field, make", [
    (IkmUnit, "production_capacity", lambda: IkmUnitFactory()),
    (Room, "area_m2", lambda: RoomFactory()),
    (YearlyFigure, "production_volume", lambda: YearlyFigureFactory()),
    (IkmUnit, "workers_female", lambda: IkmUnitFactory()),
    (IkmUnit, "investment", lambda: IkmUnitFactory()),
])
def test_the_database_refuses_negative_amounts_and_counts(alor_desa, model, field, make):
    record = make()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**{field: -5})


def test_api_text_is_normalised_before_it_is_stored(client_rw):
    commodity = CommodityFactory(code="tenun-ikat")
    body = {"name": HOSTILE, "owner_name": "\u00a0Maria\u200d ", "desa": "53.05.03.2001", "commodity": commodity.code,
            "address": "Jl. Raya\u2028RT 01\r\n\r\n\r\nDusun\u200b Mali", "product": "Tikar,\u00a0bakul"}
    response = client_rw.post("/api/v1/ikm-units/", body, format="json")
    assert response.status_code == 201, response.content
    unit = IkmUnit.objects.get(pk=response.json()["id"])
    assert unit.name == "Tenun Ina[31m Baru" == normalise_text(HOSTILE)
    assert (unit.owner_name, unit.product) == ("Maria", "Tikar, bakul")
    assert unit.address == "Jl. Raya\nRT 01\n\nDusun Mali"  # addresses keep their lines
    blank = client_rw.patch(f"/api/v1/ikm-units/{unit.pk}/", {"name": "\u200b\u202e "}, format="json")
    assert blank.status_code == 400  # nothing left after cleaning is blank, not a name


def test_form_text_is_normalised_before_it_is_stored(client, alor_staff, alor_desa):
    commodity = CommodityFactory(code="tenun-ikat")
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:create"), {
        "code": "ALR\u200b-9", "name": HOSTILE, "desa": "53.05.03.2001", "commodities": [commodity.pk], "status": "aktif",
        "address": "Jl. Raya\r\nRT 01\u0085Desa\u00a0Mali", "notes": "Baris satu\u2029Baris\u0007 dua",
    })
    assert response.status_code == 302, response.context["form"].errors
    sentra = Sentra.objects.get()
    assert (sentra.code, sentra.name) == ("ALR-9", normalise_text(HOSTILE))
    assert sentra.address == "Jl. Raya\nRT 01\nDesa Mali" and sentra.notes == "Baris satu\nBaris dua"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_writable_text_field_of_every_api_serializer_is_normalised():
    import config.api_urls  # noqa: F401  (imports every app's serializers)

    plain = [
        f"{serializer.__name__}.{name}" for serializer in _subclasses(RegistrySerializer) for name, field in serializer().fields.items()
        if isinstance(field, __import__("rest_framework").serializers.CharField) and not field.read_only
        and not isinstance(field, NormalisedCharField)
    ]
    assert plain == []


def test_every_text_field_of_every_record_form_is_normalised(alor_staff, alor_desa):
    import config.urls  # noqa: F401  (imports every app's forms)
    from django import forms

    sentra = SentraFactory()
    missed = []
    for form_class in _subclasses(RecordForm):
        fields = form_class.base_fields
        data = {name: HOSTILE for name, field in fields.items() if isinstance(field, forms.CharField)}
        form = form_class(data=data, instance=form_class._meta.model(), user=alor_staff, parent=sentra)
        missed += [
            f"{form_class.__name__}.{name}" for name in data
            if form.data[name] != normalise_text(HOSTILE, multiline=isinstance(form.fields[name].widget, forms.Textarea))
        ]
    assert missed == []
