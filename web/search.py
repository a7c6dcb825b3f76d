"""One search box for the whole registry (top bar of every page): sentra by name, code or manager and IKM units
by name, NIB, owner or product, in the user's region, through each list's own FilterSet `q` (so the search
here finds exactly what the list would, with the same index), a few of each with a link to the full list."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.search import similar
from core.text import normalise_text
from ikm.filtersets import IkmUnitFilterSet
from ikm.selectors import ikm_list
from sentra.filtersets import SentraFilterSet
from sentra.selectors import sentra_list

SHOWN_PER_KIND = 10
MAX_QUERY_LENGTH = 100


def _kinds():
    return [
        {"key": "sentra", "label": _("Sentra"), "selector": sentra_list, "filterset": SentraFilterSet,
         "list_url": reverse("sentra:list"), "detail": "sentra:detail", "describe": lambda s: f"{s.code} · {s.desa.name}"},
        {"key": "ikm", "label": _("Unit IKM"), "selector": ikm_list, "filterset": IkmUnitFilterSet,
         "list_url": reverse("ikm:list"), "detail": "ikm:detail", "describe": lambda u: f"NIB {u.nib or '-'} · {u.desa.name}"},
    ]


def _shown(kind, row):
    return {"name": row.name, "about": kind["describe"](row), "url": reverse(kind["detail"], kwargs={"pk": row.pk})}


def suggestions(*, user, query):
    """When nothing matches: records with a word like the query (a typo away), on PostgreSQL's trigram index."""
    found = []
    for kind in _kinds():
        found += [_shown(kind, row) for row in similar(kind["selector"](user=user), query) or ()]
    return found


def search_results(*, user, query):
    """Per kind: up to SHOWN_PER_KIND matches the user may see, whether there are more, and the list's link;
    and the reasons a query was refused (too short to use the index), in the list's own words."""
    results, refusals = [], []
    for kind in _kinds():
        filterset = kind["filterset"]({"q": query}, queryset=kind["selector"](user=user))
        if not filterset.is_valid():
            refusals += [message for message in filterset.errors.get("q", []) if message not in refusals]
            continue
        rows = list(filterset.qs.order_by("name", "pk")[: SHOWN_PER_KIND + 1])
        results.append({
            "label": kind["label"],
            "items": [_shown(kind, row) for row in rows[:SHOWN_PER_KIND]],
            "more": len(rows) > SHOWN_PER_KIND,
            "list_url": f"{kind['list_url']}?{urlencode({'q': query})}",
        })
    return results, refusals


@login_required
def global_search(request):
    query = normalise_text(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    results, refusals = search_results(user=request.user, query=query) if query else ([], [])
    found = any(group["items"] for group in results)
    return render(request, "web/search.html", {
        "query": query, "results": results, "refusals": refusals, "found": found,
        "suggestions": suggestions(user=request.user, query=query) if query and not found and not refusals else [],
    })
