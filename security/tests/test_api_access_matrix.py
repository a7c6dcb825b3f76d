"""API access matrix: every operation of the OpenAPI schema x every role x an object inside and outside scope.

Operations come from drf-spectacular's schema, so a new endpoint is checked the moment it exists; one whose
path has no rule below fails test_every_api_operation_has_a_rule. Lists and aggregates are also checked for
leaks (no out-of-scope name, and no change at all when only out-of-scope data changes).
"""

import json
import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from .access_world import ROLES, hidden_markers

OK, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED = "ok", 403, 404, "unauthenticated"

# First path segment -> the world object its {id}/{code}/{nib} names; None = national catalogue (visible to all).
RESOURCES = {
    "sentra": "sentra", "ikm-units": "ikm", "memberships": "membership", "certifications": "certification",
    "yearly-figures": "figure", "rooms": "room", "machines": "machine", "dak-allocations": "allocation",
    "dak-activities": "activity", "deletions": "tombstone", "regions": "region", "commodities": None,
    "census-rounds": "census_round", "census-items": "census_item", "census-visits": "census_visit", "aggregates": None, "reports": None, "schema": None, "docs": None,
    "geo": None,
    "changes": None,  # issue 18: the change feed, scoped like the lists (leak-checked below)
    "webhooks": "webhook",  # issue 18: a token client's own subscriptions (kind "partner")
}
WRITERS = ("district", "kecamatan", "admin", "token_rw")
NATIONAL = ("analyst", "admin")


def operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, methods in sorted(schema["paths"].items()):
        for method in sorted(methods):
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method.upper()


def resource_of(path):
    return path.removeprefix("/api/v1/").split("/")[0]


def classify(path, method):
    """(kind, object key) of one operation."""
    resource = resource_of(path)
    if resource not in RESOURCES:
        return None, None
    has_param = "{" in path
    if resource == "webhooks":
        return "partner", RESOURCES[resource] if has_param else None
    if method == "GET":
        if resource in ("schema", "docs"):
            return "login", None
        if not has_param:
            return "list", None
        return ("catalogue", None) if RESOURCES[resource] is None else ("read", RESOURCES[resource])
    if not has_param:
        return "write-collection", None
    if "/by-" in path:
        return "upsert-by-key", RESOURCES[resource]
    return "write-object", RESOURCES[resource]


def expected(kind, role, inside, visible=None):
    if role == "anonymous":
        return {UNAUTHENTICATED}
    visible = (inside or role in NATIONAL) if visible is None else visible
    if kind in ("login", "list", "catalogue"):
        return {OK}
    if kind == "read":
        return {OK} if visible else {NOT_FOUND}
    if kind == "write-collection":
        return {OK} if role in WRITERS else {FORBIDDEN}
    if kind == "upsert-by-key":
        # A key outside the caller's scope is invisible: the PUT is judged as a create (400 for our empty body),
        # never as an update of the hidden record.
        if role in WRITERS:
            return {OK} if visible else {OK, NOT_FOUND}
        return {FORBIDDEN} | (set() if visible else {NOT_FOUND})
    if kind == "write-object":
        if role in WRITERS:
            return {OK} if visible else {NOT_FOUND}
        return {FORBIDDEN} | (set() if visible else {NOT_FOUND})
    if kind == "partner":
        # Webhook subscriptions: token clients only (read-only ones too), each its own; browser sessions 403.
        if not role.startswith("token"):
            return {FORBIDDEN}
        return {OK} if inside else {NOT_FOUND}
    raise AssertionError(kind)


def outcome(response):
    status = response.status_code
    if status in (401, 403) and response.wsgi_request.META.get("HTTP_AUTHORIZATION") is None and not response.wsgi_request.user.is_authenticated:
        return UNAUTHENTICATED
    if status in (FORBIDDEN, NOT_FOUND) or status >= 500 or status == 401:
        return status
    # 2xx, or a refusal of the (empty) body itself: validation 400, 409 conflict, 412/428 If-Match rules.
    return OK


def concrete_path(path, world, role, inside, key, fresh):
    if "{" not in path:
        return path
    if key is None:  # catalogues
        values = {"id": world.commodity.pk, "identifier": "sentra"}
        return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)
    target = world.obj(key, inside, role, fresh=fresh)
    values = {"id": target.pk, "code": getattr(target, "code", ""), "nib": getattr(target, "nib", ""),
              "delivery_id": getattr(target, "delivery_pk", "")}
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


def send(world, role, method, url):
    client = world.clients[role]
    if method == "GET":
        return client.get(url, HTTP_ACCEPT="application/json")
    return client.generic(method, url, "{}", content_type="application/json", HTTP_ACCEPT="application/json")


def test_every_api_operation_has_a_rule():
    unknown = [f"{method} {path}" for path, method in operations() if classify(path, method)[0] is None]
    assert unknown == [], f"add these API resources to RESOURCES in {__name__}: {unknown}"


@pytest.mark.parametrize("path, method", [pytest.param(p, m, id=f"{m} {p}") for p, m in operations()])
def test_api_operation_answers_each_role_as_the_matrix_says(world, path, method):
    kind, key = classify(path, method)
    places = (True, False) if key is not None or (kind == "catalogue") else (True,)
    if kind == "partner" and key is None:
        places = (True,)
    mismatches = []
    for role in ROLES:
        for inside in places:
            url = concrete_path(path, world, role, inside, key, fresh=method != "GET")
            got = outcome(send(world, role, method, url))
            want = expected(kind, role, inside, world.visible(key, inside, role) if key else None)
            if got not in want:
                mismatches.append(f"{role} {'inside' if inside else 'outside'} {method} {url}: got {got}, expected {want}")
    assert not mismatches, "\n".join(["", *mismatches])


def comparable(path, body):
    """The change feed's position moves with every write anywhere (it says the server is in use, nothing about a
    record or a count): compare the items only."""
    if path.startswith("/api/v1/changes/"):
        return body.get("results", [])
    return body


LIST_OPERATIONS = [pytest.param(p, id=p) for p, m in operations() if m == "GET" and classify(p, m)[0] == "list"]


@pytest.mark.parametrize("path", LIST_OPERATIONS)
def test_api_lists_and_aggregates_leak_nothing_out_of_scope(world, path):
    for role in ("kecamatan", "district", "province", "token_ro", "token_rw"):
        before = send(world, role, "GET", path)
        assert before.status_code == 200, (role, path, before.status_code)
        body = json.dumps(comparable(path, before.json()), sort_keys=True)
        raw = json.dumps(before.json(), sort_keys=True)
        for marker in hidden_markers(role):
            assert marker not in raw, f"{role} sees an out-of-scope record ({marker}) in {path}"
        world.add_outside_batch(role)
        after = json.dumps(comparable(path, send(world, role, "GET", path).json()), sort_keys=True)
        assert after == body, f"{role}: {path} changed when only out-of-scope data changed (a count leaks)"
