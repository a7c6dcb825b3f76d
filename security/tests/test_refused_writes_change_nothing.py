"""A refused write changes nothing (issue 12, "every write is atomic"): a property over every write.

For every write operation of the API (each POST/PUT/PATCH/DELETE of the OpenAPI schema: create, update,
partial update, delete, upsert by key, bulk), every edit/create/delete/verify form of the UI and the import
commit, generated requests (hypothesis: a read-only or read-write partner, a record inside, outside or
missing, bodies mixing plausible and hostile values, stale If-Match) are sent, and:

    whenever the answer is a 4xx, every row of every registry table and of its history (the audit trail),
    every version and every many-to-many link is exactly as before;  and no answer is a 5xx.

Each operation must be refused at least once, so the property is never vacuous.
"""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.urls import resolve, reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from core.api.testing import token_client
from core.testing.factories import (
    CertificationFactory, CommodityFactory, DakActivityFactory, DakAllocationFactory, DakMenuFactory, EquipmentTypeFactory,
    IkmUnitFactory, MachineFactory, MembershipFactory, RoomFactory, SentraFactory, YearlyFigureFactory,
)
from accounts.models import Role
from census.services import round_open
from core.testing.factories import UserFactory
from security.dbsnapshot import model_fingerprints
from webhooks.models import Delivery, DeliveryStatus, Subscription

from .access_matrix import UI_ROUTES

pytestmark = pytest.mark.django_db

REGISTRY_APPS = ("regions", "commodities", "sentra", "ikm", "facilities", "funding", "core", "reports", "accounts", "webhooks", "census", "evidence")
# Changed by reading, not writing: the token's "last used" stamp.
NOT_REGISTRY = ("apiclients.ApiClient",)
EXAMPLES_PER_OPERATION = 6


def snapshot():
    return model_fingerprints(REGISTRY_APPS, exclude=NOT_REGISTRY)


class Place:
    def __init__(self, desa, tag):
        self.sentra = SentraFactory(desa=desa, code=f"{tag}-S", commodity=COMMODITY[0])
        self.ikm = IkmUnitFactory(desa=desa, nib={"ALR": "9100000000101", "BLU": "9100000000202"}[tag], commodity=COMMODITY[0])
        self.membership = MembershipFactory(ikm=self.ikm, sentra=self.sentra)
        self.room = RoomFactory(sentra=self.sentra, occupant=self.ikm, state="aktif")
        self.machine = MachineFactory(sentra=self.sentra, room=self.room)
        self.certification = CertificationFactory(ikm=self.ikm, number=f"{tag}-C")
        self.figure = YearlyFigureFactory(sentra=self.sentra, year=2023)
        self.allocation = DakAllocationFactory(kabupaten_kota=desa.parent.parent, fiscal_year=2023)
        self.activity = DakActivityFactory(allocation=self.allocation, sentra=self.sentra, menu=DakMenuFactory())
        self.activity.rooms.add(self.room)


COMMODITY = []


@pytest.fixture
def world(alor_desa, belu_desa, alor_staff):
    COMMODITY[:] = [CommodityFactory(code="tenun-ikat", name="Tenun ikat")]
    EquipmentTypeFactory()
    inside, outside = Place(alor_desa, "ALR"), Place(belu_desa, "BLU")  # Belu: a sibling kabupaten of the same province
    rw, other_partner = token_client("53.05", read_write=True), token_client("53.04", read_write=True)
    # Webhook subscriptions belong to a partner: "inside" is the writing token's own, "outside" another partner's.
    inside.webhook, inside.delivery = subscription_with_a_delivery(rw.api_client)
    outside.webhook, outside.delivery = subscription_with_a_delivery(other_partner.api_client)
    # A national census round: one worklist item per sentra, so each place has its own.
    today = timezone.localdate()
    census_round = round_open(user=UserFactory(role=Role.ADMIN, is_superuser=True), data={
        "name": "Pendataan uji", "year": today.year, "start_date": today - timedelta(days=1), "deadline": today + timedelta(days=30),
    })
    for place in (inside, outside):
        place.census_round, place.census_item = census_round, census_round.items.get(sentra=place.sentra)
    return {"inside": inside, "outside": outside, "rw": rw, "ro": token_client("53.05"), "user": alor_staff}


def subscription_with_a_delivery(api_client):
    subscription = Subscription.objects.create(client=api_client, url="https://mitra.example.org/kait", secret="k" * 64)
    delivery = Delivery.objects.create(
        subscription=subscription, event="sentra.updated", resource="sentra", object_id=1, position="1:1", payload={},
        status=DeliveryStatus.FAILED,
    )
    return subscription, delivery


RESOURCE_OBJECT = {
    "sentra": "sentra", "ikm-units": "ikm", "memberships": "membership", "certifications": "certification",
    "yearly-figures": "figure", "rooms": "room", "machines": "machine", "dak-allocations": "allocation", "dak-activities": "activity",
    "webhooks": "webhook",
}


def write_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, methods in sorted(schema["paths"].items()):
        for method in sorted(methods):
            if method in ("post", "put", "patch", "delete"):
                yield path, method.upper()


def values(world):
    """Plausible and hostile values: references in and out of scope, dates both ways round, negatives..."""
    inside, outside = world["inside"], world["outside"]
    refs = [
        inside.sentra.code, outside.sentra.code, inside.ikm.pk, outside.ikm.pk, inside.room.pk, outside.room.pk,
        inside.machine.pk, outside.machine.pk, inside.allocation.pk, outside.allocation.pk, inside.ikm.nib, outside.ikm.nib,
        inside.sentra.desa_id, outside.sentra.desa_id, "53.05", "53.04", "tenun-ikat", "oven", "mesin-peralatan", 999999,
    ]
    plain = [
        "2020-01-01", "2024-06-30", "2019-12-31", "2999-01-01", "aktif", "kosong", "terisi", "halal", "pirt", "baik", "rumah", "dak",
        -5, 0, 3, 2023, 10**13, "-5.00", "1.5", 1.5, "", "x" * 300, "Tenun\x07\x1b\x0b\u0085\u202e\u200b", None, True, [], {},
        [inside.room.pk, outside.room.pk], ["tenun-ikat"], 123456789012345,
    ]
    return st.sampled_from(refs + plain)


def writable_fields(path):
    view = resolve(path).func
    serializer = view.cls.serializer_class()
    return sorted(name for name, field in serializer.fields.items() if not field.read_only)


def concrete(path, world, target):
    place = world.get(target)

    def value(match):
        name = match.group(1)
        if place is None:
            return {"id": "987654", "nib": "9199999999999", "code": "TIDAK-ADA", "delivery_id": "987654"}[name]
        obj = getattr(place, RESOURCE_OBJECT[path.split("/")[3]])
        if name == "delivery_id":
            return str(place.delivery.pk)
        return str({"id": obj.pk, "nib": getattr(obj, "nib", ""), "code": getattr(obj, "code", "")}[name])

    return re.sub(r"\{(\w+)\}", value, path)


def run_property(strategy, send, label):
    """Send every generated request; a 4xx must leave the snapshot unchanged. Returns the statuses seen."""
    seen = []

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def check(case):
        before = snapshot()
        response = send(case)
        seen.append(response.status_code)
        assert response.status_code < 500, (label, case, response.content[:500])
        if 400 <= response.status_code < 500:
            assert snapshot() == before, (label, case, response.status_code, response.content[:300])

    check()
    return seen


@pytest.mark.parametrize("path, method", [pytest.param(p, m, id=f"{m} {p}") for p, m in write_operations()])
def test_a_refused_api_write_changes_nothing(world, path, method):
    fields = writable_fields(
        path.replace("{id}", "1").replace("{nib}", "9100000000001").replace("{code}", "X").replace("{delivery_id}", "1")
    )
    request = st.fixed_dictionaries({
        "who": st.sampled_from(["rw", "rw", "rw", "ro"]),
        "target": st.sampled_from(["inside", "inside", "outside", "missing"]),
        "body": st.dictionaries(st.sampled_from(fields), values(world), max_size=6),
        "if_match": st.sampled_from([None, None, '"0"', "*"]),
        "bulk": st.booleans(),
    })

    def send(case):
        client = world[case["who"]]
        url = concrete(path, world, case["target"])
        body = {"items": [case["body"], case["body"]] if case["bulk"] else [case["body"]]} if url.endswith("/bulk/") else case["body"]
        headers = {"HTTP_IF_MATCH": case["if_match"]} if case["if_match"] else {}
        return client.generic(method, url, __import__("json").dumps(body, default=str), content_type="application/json", **headers)

    seen = run_property(request, send, f"{method} {path}")
    assert any(400 <= status < 500 for status in seen), (path, method, seen)


FORM_ROUTES = [name for name, rule in UI_ROUTES.items() if rule.kind in ("edit", "create", "verify") and not name.startswith("imports:")]


def form_url(name, world, target):
    rule = UI_ROUTES[name]
    place = world.get(target) or world["inside"]
    kwargs, query = {}, ""
    if rule.obj:
        key = {"deleted_sentra": "sentra", "deleted_ikm": "ikm"}.get(rule.obj, rule.obj)
        kwargs["pk"] = getattr(place, key).pk if target != "missing" else 987654
    if rule.query:
        query = f"?{rule.query}={getattr(place, rule.query).pk if target != 'missing' else 987654}"
    return reverse(name, kwargs=kwargs or None) + query


def form_fields(url):
    view = getattr(resolve(url.split("?")[0]).func, "view_class", None)
    form_class = getattr(view, "form_class", None)
    if name_of(url) == "census:sync":  # the phone's upload: a JSON payload and the photos' EXIF beside the photos
        return ["payload", "exif", "version", "confirm"]
    return sorted(form_class.base_fields) if form_class else ["version", "confirm", "kabupaten"]


def name_of(url):
    match = resolve(url.split("?")[0])
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


@pytest.mark.parametrize("name", FORM_ROUTES)
def test_a_refused_form_save_changes_nothing(client, world, analyst, name):
    fields = form_fields(form_url(name, world, "inside"))
    request = st.fixed_dictionaries({
        "who": st.sampled_from(["user", "user", "analyst"]),
        "target": st.sampled_from(["inside", "inside", "outside", "missing"]),
        "data": st.dictionaries(st.sampled_from(fields), values(world).map(lambda v: "" if v is None else v if isinstance(v, (list, str)) else str(v)),
                                max_size=8),
        "version": st.sampled_from(["1", "0", ""]),
    })
    users = {"user": world["user"], "analyst": analyst}

    def send(case):
        data = {key: value for key, value in case["data"].items() if not isinstance(value, list) or value}
        return client.post(form_url(name, world, case["target"]), {**data, "version": case["version"]})

    def refused(response):
        """A form page answers 200 with its errors (409 after a conflict); an action (verify, delete, restore)
        redirects with an error message, or a delete without its confirmation back to the confirmation page."""
        if response.status_code in (200, 403, 404, 409):
            return True
        if response.status_code == 302:
            errors = [m for m in get_messages(response.wsgi_request) if m.level == message_levels.ERROR]
            return bool(errors) or response["Location"] == response.wsgi_request.path
        return False

    seen = []

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=request)
    def check(case):
        client.force_login(users[case["who"]])  # before the snapshot: logging in stamps last_login
        client.cookies.pop("messages", None)  # only this request's messages tell whether it was refused
        before = snapshot()
        response = send(case)
        assert response.status_code < 500, (name, case)
        if refused(response):
            seen.append(response.status_code)
            assert snapshot() == before, (name, case, response.status_code)

    check()
    assert seen, f"{name}: no request was refused"


def test_a_refused_import_commit_changes_nothing(client, world):
    """The import's all-or-nothing commit: the registry changed under the preview, so nothing is written."""
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ikm.services import ikm_update
    from imports.models import ImportStatus
    from imports.services import import_job_create, import_job_request_commit

    unit = world["inside"].ikm
    book = openpyxl.Workbook()
    book.active.append(["NIB", "Nama Usaha", "Desa/Kelurahan", "Komoditas", "Tenaga Kerja Perempuan"])
    book.active.append([unit.nib, unit.name, unit.desa_id, "Tenun ikat", 9])
    book.active.append(["9120001234567", "Usaha Baru", unit.desa_id, "Tenun ikat", 2])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("data.xlsx", out.getvalue(), content_type="application/octet-stream")
    job = import_job_create(user=world["user"], kind="ikm", upload=upload)
    assert job.writable_count == 2, [row.reasons for row in job.rows.all()]
    ikm_update(user=world["user"], ikm=unit, data={"workers_female": 7})  # someone saves after the preview
    before = snapshot()
    job = import_job_request_commit(user=world["user"], job=job)
    assert job.status == ImportStatus.PREVIEW  # refused: back to the (new) preview
    assert snapshot() == before
