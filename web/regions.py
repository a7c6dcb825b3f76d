"""Region picker endpoint: the children of one region, limited to the user's scope (a few dozen rows)."""

import re

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from accounts.scope import NATIONAL, code_within, scope_code
from regions.models import Region, ancestor_codes


REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?")


def visible_children(user, parent_code):
    """Children of `parent_code` ("" = provinces) that lie in the user's scope or on the way down to it."""
    scope = scope_code(user)
    if scope is None:
        return Region.objects.none()
    children = Region.objects.filter(parent__isnull=True) if not parent_code else Region.objects.filter(parent_id=parent_code)
    if scope == NATIONAL or code_within(scope, parent_code):
        return children
    # Above the user's region: only the one child leading to it (Kab. Alor staff see NTT, then Alor).
    return children.filter(code__in=ancestor_codes(scope))


@require_GET
@login_required
def region_children(request):
    parent = request.GET.get("induk", "").strip()
    if parent and not REGION_CODE.fullmatch(parent):
        return JsonResponse({"results": []})  # not a region code (a NUL byte reached PostgreSQL: a 500)
    rows = visible_children(request.user, parent).order_by("code").values_list("code", "name", "level")
    return JsonResponse({"results": [{"code": code, "name": name, "level": level} for code, name, level in rows]})


def _chain(code):
    parts = code.split(".") if code else []
    return [".".join(parts[: index + 1]) for index in range(len(parts))]


def picker_levels(user, value, depth):
    """The selects of a region picker as the page first shows them, in one query (no request from the browser):
    each level's choices along the chain of `value` (or, without a value, along the single choices the user has:
    Kab. Alor staff get NTT and Alor picked for them). Returns (levels, chosen code): each level is
    {"options": [(code, name)], "selected": code or ""}; a level below the chosen chain has no options."""
    scope = scope_code(user)
    if scope is None:
        return [{"options": [], "selected": ""} for _level in range(depth)], ""
    value = (value or "").strip()
    # Only a region code can pick a chain: a tampered filter value (a NUL byte, a word) starts from the top.
    chain = _chain(value)[:depth] if REGION_CODE.fullmatch(value) else []
    on_the_way = set(ancestor_codes(scope)) if scope != NATIONAL else set()
    children = {}

    def fetch(parents):
        """Visible children of `parents` ("" = provinces), in one query."""
        parents = [parent for parent in parents if parent not in children]
        if not parents:
            return
        condition = Q(parent_id__in=[parent for parent in parents if parent])
        if "" in parents:
            condition |= Q(parent__isnull=True)
        for parent in parents:
            children[parent] = []
        for code, name, parent in Region.objects.filter(condition).order_by("code").values_list("code", "name", "parent_id"):
            parent = parent or ""
            if scope == NATIONAL or code_within(scope, parent) or code in on_the_way:
                children[parent].append((code, name))

    # One query for the root and every level along the value and the user's own region; a deeper single choice
    # (a kecamatan with one desa) costs one more.
    fetch(["", *chain[: depth - 1], *_chain(scope)[: depth - 1]])
    levels, parent, chosen = [], "", ""
    for index in range(depth):
        if parent is not None:
            fetch([parent])
        options = children.get(parent, []) if parent is not None else []
        selected = chain[index] if index < len(chain) else ""
        if not selected and index >= len(chain) and len(options) == 1:
            selected = options[0][0]  # the user's own province or kabupaten: picked for them, as the page used to do
        if selected and selected not in {code for code, _name in options}:
            selected = ""
        levels.append({"options": options, "selected": selected})
        chosen = selected or chosen
        parent = selected or None
    return levels, chosen
