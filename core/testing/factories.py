"""factory_boy factories shared by every app's tests. Regions are small hand-made trees, not the full list."""

import factory
from django.utils import timezone

from accounts.models import Role, User
from commodities.models import Commodity, CommodityGroup
from facilities.models import EquipmentType, Machine, Room
from funding.models import DakActivity, DakAllocation, DakMenu
from ikm.models import Certification, IkmUnit, Programme, SentraMembership, YearlyFigure
from regions.models import Region
from sentra.models import Sentra, SentraCommodity


def region_tree(desa_code, names=None):
    """Create (or reuse) a desa and all its ancestors from a code like 53.05.03.2001; returns the desa."""
    names = names or {}
    parts = desa_code.split(".")
    parent = None
    kinds = {1: "provinsi", 2: "kabupaten", 3: "kecamatan", 4: "desa"}
    for level in range(1, len(parts) + 1):
        code = ".".join(parts[:level])
        parent, _ = Region.objects.get_or_create(
            code=code,
            defaults={"name": names.get(code, f"Wilayah {code}"), "level": level, "kind": kinds[level], "parent": parent},
        )
    return parent


class CommodityGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommodityGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"kelompok-{n}")
    name = factory.Sequence(lambda n: f"Kelompok {n}")


class CommodityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commodity
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"komoditas-{n}")
    name = factory.Sequence(lambda n: f"Komoditas {n}")
    group = factory.SubFactory(CommodityGroupFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.DISTRICT
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SentraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sentra
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"SNT-{n:05d}")
    name = factory.Sequence(lambda n: f"Sentra {n}")
    desa = factory.LazyFunction(lambda: region_tree("53.05.03.2001"))

    @factory.post_generation
    def commodity(obj, create, extracted, **kwargs):
        if create:
            SentraCommodity.objects.create(sentra=obj, commodity=extracted or CommodityFactory(), is_primary=True)


class IkmUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IkmUnit

    name = factory.Sequence(lambda n: f"Usaha {n}")
    owner_name = "Pemilik"
    nib = factory.Sequence(lambda n: f"{9100000000000 + n}")
    desa = factory.LazyFunction(lambda: region_tree("53.05.03.2001"))
    commodity = factory.SubFactory(CommodityFactory)
    workers_male = 2
    workers_female = 3


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SentraMembership

    ikm = factory.SubFactory(IkmUnitFactory)
    sentra = factory.SubFactory(SentraFactory)
    joined_on = factory.LazyFunction(lambda: timezone.localdate())


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    ikm = factory.SubFactory(IkmUnitFactory)
    kind = "halal"
    number = factory.Sequence(lambda n: f"ID{n:012d}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = "e-smart-ikm"
    name = "e-Smart IKM"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    sentra = factory.SubFactory(SentraFactory)
    name = factory.Sequence(lambda n: f"Ruang {n:02d}")


class EquipmentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentType
        django_get_or_create = ("code",)

    code = "oven"
    name = "Oven"


class MachineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Machine

    sentra = factory.SubFactory(SentraFactory)
    equipment_type = factory.SubFactory(EquipmentTypeFactory)
    quantity = 1


class DakMenuFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DakMenu
        django_get_or_create = ("code",)

    code = "mesin-peralatan"
    name = "Pengadaan mesin dan peralatan"


class DakAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DakAllocation

    fiscal_year = 2023
    kabupaten_kota = factory.LazyFunction(lambda: region_tree("53.05.03.2001").parent.parent)
    pagu = 1_000_000_000
    realisation = 0


class DakActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DakActivity

    allocation = factory.SubFactory(DakAllocationFactory)
    menu = factory.SubFactory(DakMenuFactory)
    description = "Pengadaan oven"
    pagu = 100_000_000


class YearlyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyFigure

    year = 2023
    sentra = factory.SubFactory(SentraFactory)
    region = factory.LazyAttribute(lambda o: (o.sentra or o.ikm).desa)
    workers_total = 10
