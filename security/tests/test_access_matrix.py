"""Access matrix for every UI route x every role x an object inside and outside the role's scope.

Expected answers follow from the kind of route (access_matrix.py); lists, dashboards, exports and search
pages are also checked for leaks: a scoped user's page must not name an out-of-scope record, and must not
change at all when more out-of-scope data appears (so not even a count leaks).
"""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from reports.exporters import EXPORTERS

from .access_matrix import NOT_IN_MATRIX, UI_ROUTES
from .access_world import ANON_LIKE, PLACES, ROLES, hidden_markers, nearest_outside, normalised

OK, LOGIN, FORBIDDEN, NOT_FOUND = "ok", "login", 403, 404


def named_routes():
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")

    return sorted(set(walk(get_resolver().url_patterns)))


EDITORS, VERIFIERS = ("district", "kecamatan", "admin"), ("district", "kecamatan", "province", "admin")


def expected(kind, role, inside, visible=None):
    """The acceptable answers (a set) for one role on one route, inside or outside the role's scope
    (`visible`: whether the role may see that object, from access_world.World.visible)."""
    if kind == "public":
        return {OK}
    if kind == "logout":
        return {LOGIN}
    if role in ANON_LIKE:  # partner tokens do not open the browser UI; 404 before the login check is fine too
        return {LOGIN, NOT_FOUND}
    visible = (inside or role in ("analyst", "admin")) if visible is None else visible
    hidden = {NOT_FOUND} if not visible else set()
    if kind == "login":
        return {OK}
    if kind == "read":
        return {OK} if visible else {NOT_FOUND}
    if kind == "edit":
        return ({OK} if visible else {NOT_FOUND}) if role in EDITORS else {FORBIDDEN} | hidden
    if kind == "verify":
        return ({OK} if visible else {NOT_FOUND}) if role in VERIFIERS else {FORBIDDEN} | hidden
    if kind == "create":
        return {OK} if role in EDITORS else {FORBIDDEN}
    if kind == "own":
        return {OK} if inside else {NOT_FOUND}
    if kind == "admin":
        return {OK} if role == "admin" else {FORBIDDEN}
    if kind == "review":
        return ({OK} if visible else {NOT_FOUND}) if role in ("province", "admin") else {FORBIDDEN} | hidden
    raise AssertionError(f"unknown kind {kind}")


# Write actions are judged by what they did, not only by the status (a refusal may redirect with a message).
EFFECTS = {
    "verify": lambda obj: obj.last_verified_at is not None,
    "delete": lambda obj: obj.deleted_at is not None,
    "restore": lambda obj: obj.deleted_at is None,
}


def outcome(response, method, effect=None):
    status = response.status_code
    if status in (301, 302) and "/akun/masuk/" in response.get("Location", ""):
        return LOGIN
    if status in (FORBIDDEN, NOT_FOUND) or status >= 500 or status == 401:
        return status
    if effect is not None:
        return OK if effect() else FORBIDDEN  # refused with a message instead of a 403 page
    if method == "GET" and status != 200:
        return status
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # a download that breaks halfway is not an answer
    return OK


def url_for(name, rule, world, role, inside, identifier=None):
    """The URL to request, and the object it names (or None)."""
    kwargs = {key: value for key, value in rule.kwargs.items() if not key.startswith("?")}
    query = {key[1:]: value for key, value in rule.kwargs.items() if key.startswith("?")}
    if identifier:
        kwargs["identifier"] = identifier
    target = None
    if rule.obj:
        target = world.obj(rule.obj, inside, role, fresh=rule.method == "POST")
        kwargs["pk"] = target.pk
    if rule.query:
        query[rule.query] = world.obj(rule.query, inside, role).pk
    url = reverse(name, kwargs=kwargs or None)
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""), target


def request(world, role, method, url, data=None):
    client = world.clients[role]
    return client.post(url, data or {}) if method == "POST" else client.get(url)


def test_every_route_has_an_entry():
    missing = [
        name for name in named_routes()
        if name not in UI_ROUTES and not any(name.startswith(prefix) for prefix in NOT_IN_MATRIX if prefix)
        and name != ""
    ]
    assert missing == [], f"add these routes to security/tests/access_matrix.py: {missing}"
    stale = [name for name in UI_ROUTES if name not in named_routes()]
    assert stale == [], f"routes no longer in the URL configuration: {stale}"


def route_params():
    return [pytest.param(name, rule, id=name) for name, rule in UI_ROUTES.items()]


@pytest.mark.parametrize("name, rule", route_params())
def test_route_answers_each_role_as_the_matrix_says(world, name, rule):
    identifiers = sorted(EXPORTERS) if rule.kwargs.get("identifier") == "*" else [None]
    places = (True, False) if (rule.obj or rule.query) else (True,)
    mismatches = []
    for identifier in identifiers:
        for role in ROLES:
            for inside in places:
                try:
                    url, target = url_for(name, rule, world, role, inside, identifier)
                except NoReverseMatch as error:
                    pytest.fail(f"{name}: {error}")
                action = EFFECTS.get(name.split(":")[-1]) if rule.method == "POST" and target is not None else None
                effect = (lambda: action(type(target)._base_manager.get(pk=target.pk))) if action else None
                got = outcome(request(world, role, rule.method, url, rule.data), rule.method, effect)
                key = rule.obj or rule.query
                want = expected(rule.kind, role, inside, world.visible(key, inside, role) if key else None)
                if got not in want:
                    mismatches.append(f"{role} {'inside' if inside else 'outside'} {url}: got {got}, expected {want}")
    assert not mismatches, "\n".join(["", *mismatches])


def leak_params():
    for name, rule in UI_ROUTES.items():
        if not rule.leak_check:
            continue
        if rule.kwargs.get("identifier") == "*":
            for identifier in sorted(EXPORTERS):
                yield pytest.param(name, rule, identifier, id=f"{name}[{identifier}]")
        else:
            yield pytest.param(name, rule, None, id=name)


@pytest.mark.parametrize("name, rule, identifier", list(leak_params()))
def test_lists_and_dashboards_leak_nothing_out_of_scope(world, name, rule, identifier):
    for role in ("kecamatan", "district", "province"):
        public_region = rule.kwargs.get("code") if rule.kind == "public" else None
        if public_region and PLACES[nearest_outside(role)][0].startswith(public_region + "."):
            # A public page of a region is the same for everyone: it must change when that region's data does
            # (the kecamatan role's nearest outside place is another kecamatan of the same kabupaten).
            continue
        url, _target = url_for(name, rule, world, role, True, identifier)
        before = request(world, role, "GET", url)
        assert before.status_code == 200, (role, url, before.status_code)
        body = normalised(before)
        for marker in hidden_markers(role):
            assert marker.encode() not in body, f"{role} sees an out-of-scope record ({marker}) on {url}"
        world.add_outside_batch(role)
        after = normalised(request(world, role, "GET", url))
        assert after == body, f"{role}: {url} changed when only out-of-scope data changed (a count leaks)"
