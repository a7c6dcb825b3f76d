"""The synthetic national registry carries plausible points: on land, grouped by kabupaten, none flagged as far
from its kabupaten; and an older generated database gets them from `synthetic_coordinates`."""

import pytest
from django.core.management import call_command

from core.coordinates import Placement, great_circle_km
from demo.tests.national_fixtures import generate, national_reference  # noqa: F401 (fixture)
from geo.checks import flag_points
from sentra.models import Sentra

pytestmark = pytest.mark.django_db


def placed():
    return list(Sentra.objects.order_by("desa_id").values_list("id", "desa_id", "latitude", "longitude"))


def test_generated_sentra_are_on_land_near_their_kabupaten(national_reference):
    generate(sentra=30, ikm=300, seed=7)
    rows = placed()
    assert len(rows) == 30 and all(lat is not None for _pk, _desa, lat, _lon in rows)
    for _pk, _desa, lat, lon in rows:
        placement = Placement(lat, lon)
        assert placement.refusal is None and not placement.at_sea
    alor = [(float(lat), float(lon)) for _pk, desa, lat, lon in rows if desa.startswith("53.05.")]
    assert max(great_circle_km(*a, *b) for a in alor for b in alor) < 40  # one kabupaten, one group
    assert list(flag_points([("sentra", *row) for row in rows])) == []


def test_an_older_database_gets_its_points(national_reference):
    generate(sentra=12, ikm=100, seed=3)
    Sentra.objects.update(latitude=None, longitude=None)
    call_command("synthetic_coordinates", stdout=open("/dev/null", "w"))
    assert not Sentra.objects.filter(latitude__isnull=True).exists()
