"""--clear removes the synthetic rows and nothing a user entered."""

import pytest

from core.testing.factories import IkmUnitFactory, SentraFactory
from demo.tests.national_fixtures import generate, national_reference  # noqa: F401 (fixture)
from facilities.models import Room
from funding.models import DakAllocation
from ikm.models import IkmUnit, SentraMembership
from sentra.models import Sentra

pytestmark = pytest.mark.django_db


def test_clear_only_removes_synthetic_rows(national_reference):
    real_sentra = SentraFactory(code="SNT-ALOR-01")
    real_unit = IkmUnitFactory(address="Desa Mali")
    generate(sentra=5, ikm=80, seed=11)
    assert Sentra.objects.count() == 6

    generate(clear_only=True)

    assert list(Sentra.objects.all()) == [real_sentra]
    assert list(IkmUnit.objects.all()) == [real_unit]
    assert not SentraMembership.objects.exists()
    assert not Room.objects.exists()
    assert not DakAllocation.objects.exists()


def test_clear_then_generate_replaces_instead_of_adding(national_reference):
    generate(sentra=5, ikm=80, seed=11)
    generate(sentra=5, ikm=80, seed=11, clear=True)

    assert Sentra.objects.count() == 5
    assert IkmUnit.objects.count() == 80
