"""Reads opt in to the replica; writes and ordinary reads stay on the primary."""

import pytest

from config.db_routers import ReplicaRouter, read_from_replica, reads_from_replica, reporting_database
from core.testing.factories import SentraFactory
from sentra.models import Sentra


@pytest.fixture
def with_replica(monkeypatch):
    # Stands for REPLICA_DATABASE_URL being set (DATABASES cannot be safely changed at run time).
    monkeypatch.setattr("config.db_routers.replica_configured", lambda: True)


def test_without_replica_everything_uses_default(monkeypatch):
    monkeypatch.setattr("config.db_routers.replica_configured", lambda: False)
    with read_from_replica():
        assert Sentra.objects.all().db == "default"
    assert reporting_database() == "default"


def test_reads_inside_block_use_replica(with_replica):
    assert Sentra.objects.all().db == "default"
    with read_from_replica():
        assert Sentra.objects.all().db == "replica"
    assert Sentra.objects.all().db == "default"
    assert reporting_database() == "replica"


def test_decorated_view_reads_from_replica(with_replica):
    @reads_from_replica
    def view():
        return Sentra.objects.all().db

    assert view() == "replica"


def test_writes_always_go_to_default(with_replica):
    router = ReplicaRouter()
    with read_from_replica():
        assert router.db_for_write(Sentra) == "default"
    assert router.allow_migrate("replica", "sentra") is False
    assert router.allow_migrate("default", "sentra") is True


@pytest.mark.django_db
def test_objects_from_both_aliases_may_be_related(alor_desa):
    sentra = SentraFactory()
    other = Sentra.objects.get(pk=sentra.pk)
    other._state.db = "replica"
    assert ReplicaRouter().allow_relation(sentra, other) is True
