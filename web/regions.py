"""Region picker endpoint: the children of one region, limited to the user's scope (a few dozen rows)."""

import re

from django.contrib.auth.decorators import login_required
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
