"""Every rule here must be refused by the database itself, bypassing forms and full_clean()."""

import pytest
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from core.testing.factories import (
    CertificationFactory,
    DakActivityFactory,
    DakAllocationFactory,
    IkmUnitFactory,
    MachineFactory,
    MembershipFactory,
    RoomFactory,
    SentraFactory,
    YearlyFigureFactory,
)
from facilities.models import Room
from ikm.models import IkmUnit

pytestmark = pytest.mark.django_db


def refused(callable_):
    # PostgreSQL reports an over-long value as DataError; both mean the database said no.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        callable_()


def test_negative_worker_count_is_refused(alor_desa):
    refused(lambda: IkmUnitFactory(workers_male=-1))


def test_negative_machine_quantity_is_refused(alor_desa):
    refused(lambda: MachineFactory(quantity=-3))


@pytest.mark.parametrize("nib", ["123", "12345678901234", "12345678901a3", ""])
def test_nib_that_is_not_13_digits_is_refused(alor_desa, nib):
    refused(lambda: IkmUnitFactory(nib=nib))


def test_duplicate_nib_is_refused(alor_desa):
    IkmUnitFactory(nib="1234567890123")
    refused(lambda: IkmUnitFactory(nib="1234567890123"))


def test_units_without_nib_may_coexist(alor_desa):
    IkmUnitFactory(nib=None)
    IkmUnitFactory(nib=None)
    assert IkmUnit.objects.filter(nib__isnull=True).count() == 2


@pytest.mark.parametrize("number", ["12345", "1234567890123456", "12345678901234x"])
def test_pirt_that_is_not_15_digits_is_refused(alor_desa, number):
    refused(lambda: CertificationFactory(kind="pirt", number=number))


def test_valid_pirt_is_accepted(alor_desa):
    assert CertificationFactory(kind="pirt", number="123456789012345").pk


def test_realisation_above_allocation_is_refused(alor_desa):
    refused(lambda: DakAllocationFactory(pagu=100, realisation=101))


def test_activity_realisation_above_its_pagu_is_refused(alor_desa):
    refused(lambda: DakActivityFactory(pagu=100, realisation=101))


@pytest.mark.parametrize("year_offset", [None, 2])
def test_fiscal_year_outside_2010_to_next_year_is_refused(alor_desa, year_offset):
    year = 2009 if year_offset is None else timezone.localdate().year + year_offset
    refused(lambda: DakAllocationFactory(fiscal_year=year))


def test_fiscal_year_next_year_is_accepted(alor_desa):
    assert DakAllocationFactory(fiscal_year=timezone.localdate().year + 1).pk


def test_yearly_figure_after_next_year_is_refused(alor_desa):
    refused(lambda: YearlyFigureFactory(year=timezone.localdate().year + 2))


def test_fiscal_year_cannot_be_updated_past_next_year(alor_desa):
    allocation = DakAllocationFactory(fiscal_year=2020)
    refused(lambda: type(allocation).objects.filter(pk=allocation.pk).update(fiscal_year=timezone.localdate().year + 5))


def test_room_occupied_by_ikm_of_another_sentra_is_refused(alor_desa):
    home, other = SentraFactory(), SentraFactory()
    outsider = MembershipFactory(sentra=other).ikm
    refused(lambda: RoomFactory(sentra=home, state="terisi", occupant=outsider))


def test_room_occupied_by_former_member_is_refused(alor_desa):
    membership = MembershipFactory(left_on=timezone.localdate())
    refused(lambda: RoomFactory(sentra=membership.sentra, state="aktif", occupant=membership.ikm))


def test_room_occupied_by_member_is_accepted_and_cannot_move_to_another_sentra(alor_desa):
    membership = MembershipFactory()
    room = RoomFactory(sentra=membership.sentra, state="aktif", occupant=membership.ikm)
    other = SentraFactory()
    refused(lambda: Room.objects.filter(pk=room.pk).update(sentra=other))


def test_membership_cannot_end_while_member_holds_a_room(alor_desa):
    membership = MembershipFactory()
    RoomFactory(sentra=membership.sentra, state="terisi", occupant=membership.ikm)
    refused(lambda: type(membership).objects.filter(pk=membership.pk).update(left_on=timezone.localdate()))


def test_empty_room_with_occupant_is_refused(alor_desa):
    membership = MembershipFactory()
    refused(lambda: RoomFactory(sentra=membership.sentra, state="kosong", occupant=membership.ikm))


def test_occupied_room_without_occupant_is_refused(alor_desa):
    refused(lambda: RoomFactory(state="aktif", occupant=None))


def test_sentra_has_one_primary_commodity(alor_desa):
    from core.testing.factories import CommodityFactory
    from sentra.models import SentraCommodity

    sentra = SentraFactory()
    refused(lambda: SentraCommodity.objects.create(sentra=sentra, commodity=CommodityFactory(), is_primary=True))
