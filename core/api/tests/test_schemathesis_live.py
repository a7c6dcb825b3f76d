"""schemathesis against a LIVE server over HTTP (issue 12): the `st` command line in its own process sends
generated requests over a real socket to the test server, as a read-write partner of Kab. Belu, bounded by
--max-time. Not one answer may be a server error.

The in-process run (test_schemathesis.py) also checks every answer against the schema; this one checks what
only a real server shows: the whole stack (WSGI server, middleware, body limits, connection handling) under
hostile input. MAX_TIME keeps it inside the CI budget; the report of a failure names the request to replay.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.api.testing import token_client
from core.testing.factories import (
    CertificationFactory, DakActivityFactory, DakAllocationFactory, IkmUnitFactory, MachineFactory, MembershipFactory, RoomFactory,
    SentraFactory, YearlyFigureFactory,
)

# Seconds of fuzzing (the whole test takes some more); SCHEMATHESIS_MAX_TIME=600 for a long hunt by hand.
MAX_TIME = int(os.environ.get("SCHEMATHESIS_MAX_TIME", "30"))
ST = Path(sys.executable).with_name("st")


@pytest.fixture
def registry(alor_desa, belu_desa):
    """A few records of every kind in Kab. Belu (the token's region) and Kab. Alor (a sibling kabupaten);
    returns Belu's, whose ids the run uses for the routes that name one record."""
    made = {}
    for desa in (alor_desa, belu_desa):
        sentra = SentraFactory(desa=desa)
        unit = IkmUnitFactory(desa=desa)
        allocation = DakAllocationFactory(kabupaten_kota=desa.parent.parent)
        membership = MembershipFactory(ikm=unit, sentra=sentra)
        room = RoomFactory(sentra=sentra, occupant=unit, state="aktif")
        made = {
            "sentra": sentra, "ikm-units": unit, "memberships": membership,
            "certifications": CertificationFactory(ikm=unit), "rooms": room, "machines": MachineFactory(sentra=sentra, room=room),
            "dak-allocations": allocation, "dak-activities": DakActivityFactory(allocation=allocation, sentra=sentra),
            "yearly-figures": YearlyFigureFactory(sentra=sentra),
        }
    return made


def config_file(folder, records):
    """Routes naming one record get a real one of Belu: updates and deletes then reach the services with
    generated bodies instead of stopping at a 404."""
    lines = []
    for resource, record in records.items():
        lines += ["[[operations]]", f"include-path = '/api/v1/{resource}/{{id}}/'", f'parameters = {{ "path.id" = {record.pk} }}', ""]
    lines += ["[[operations]]", "include-path = '/api/v1/ikm-units/by-nib/{nib}/'", f'parameters = {{ "path.nib" = "{records["ikm-units"].nib}" }}', ""]
    lines += ["[[operations]]", "include-path = '/api/v1/sentra/by-code/{code}/'", f'parameters = {{ "path.code" = "{records["sentra"].code}" }}', ""]
    path = folder / "schemathesis.toml"
    path.write_text("\n".join(lines))
    return path


def schema_file(folder):
    """The schema the server publishes at /api/v1/schema/, written once to a file (generating it takes seconds;
    the run would time out waiting for it over the socket)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    path = folder / "schema.json"
    path.write_bytes(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    return path


@pytest.mark.django_db(transaction=True)
def test_no_server_error_over_http(live_server, registry, tmp_path):
    client = token_client("53.04", read_write=True)
    command = [
        str(ST), "--config-file", str(config_file(tmp_path, registry)), "run", str(schema_file(tmp_path)), "--url", live_server.url,
        "--header", f"Authorization: Token {client.key}",
        "--checks", "not_a_server_error",
        "--phases", "examples,coverage,fuzzing",
        "--max-time", str(MAX_TIME), "--workers", "1", "--seed", "12", "--request-timeout", "20",
        "--suppress-health-check", "all", "--report", "junit", "--report-dir", str(tmp_path),
    ]
    # Run in the test's folder: `st` keeps a cache (.schemathesis/) where it runs, not in the repository.
    result = subprocess.run(command, capture_output=True, text=True, timeout=MAX_TIME + 120, cwd=tmp_path)
    print(result.stdout[-3000:])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
