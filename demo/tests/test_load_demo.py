"""The two set-up data commands on the real region list: counts, idempotence, and the demo facts."""

import pytest
from django.core.management import call_command

from accounts.models import User
from facilities.models import Room
from ikm.models import IkmUnit, YearlyFigure
from regions.models import Region
from regions.services import regions_load
from sentra.models import Sentra

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_regions_then_reference_then_demo_load_once_and_repeat_without_change():
    first = regions_load()
    assert first.created == Region.objects.count() == 91_599
    assert dict(Region.objects.values_list("level").annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("code"))) == {
        1: 38, 2: 514, 3: 7_285, 4: 83_762,
    }
    assert Region.objects.get(code="53.05").name == "Kabupaten Alor"
    assert Region.objects.get(code="52.02.03.2005").parent_id == "52.02.03"
    again = regions_load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 91_599)

    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    counts = (Sentra.objects.count(), IkmUnit.objects.count(), Room.objects.count(), YearlyFigure.objects.count())
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert (Sentra.objects.count(), IkmUnit.objects.count(), Room.objects.count(), YearlyFigure.objects.count()) == counts

    mali = Sentra.objects.get(code="DEMO-5305-003")
    rooms = Room.objects.filter(sentra=mali)
    assert rooms.count() == 20
    assert rooms.exclude(state="kosong").count() == 18
    assert rooms.filter(state="aktif").count() == 4

    pancor = Sentra.objects.get(name__contains="Pancor Dao")
    assert pancor.desa_id == "52.02.03.2005" and pancor.manager_type == "koperasi"
    figures = {f.year: f for f in pancor.yearly_figures.all()}
    assert figures[2022].workers_total == 10 and figures[2024].workers_total == 30
    assert figures[2024].production_volume > 18
    assert pancor.dak_activities.filter(allocation__fiscal_year=2023).exists()
    assert {m.equipment_type.code for m in pancor.machines.all()} >= {"oven", "mixer", "vacuum-frying"}

    moramam = Sentra.objects.get(code="DEMO-5305-001")
    assert {m.equipment_type.code for m in moramam.machines.all()} == {"alat-tenun-gedogan", "atbm-semi-mesin"}
    belu = IkmUnit.objects.filter(desa__code__startswith="53.04.")
    assert belu.filter(commodity__code="meubel-kayu").count() == 85
    assert belu.filter(commodity__code="tenun-ikat").count() == 60
    assert Sentra.objects.get(code="DEMO-5304-001").desa_id == "53.04.22.1004"
    assert Sentra.objects.filter(desa__code__startswith="64.71.", name__contains="Teritip").exists()

    assert set(User.objects.values_list("username", flat=True)) >= {"admin", "analis", "ntt", "alor", "belu", "loteng", "balikpapan"}
    assert User.objects.get(username="alor").check_password("sentra-demo-2026")
    # Bulk-created Belu units still carry an audit record naming who created them.
    history = IkmUnit.history.filter(name="Usaha Meubel Belu 01").get()
    assert history.history_type == "+" and history.history_user.username == "admin"
