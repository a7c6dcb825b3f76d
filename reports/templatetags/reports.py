from django import template
from django.utils.http import urlencode

from core.formatting import id_number

from ..links import list_url

register = template.Library()


@register.simple_tag(takes_context=True)
def list_link(context, kind, **params):
    """{% list_link "sentra" region=row.code status="aktif" %}: the list behind a figure, with the page's filters."""
    return list_url(kind, context.get("filter_pairs", ()), **params)


@register.simple_tag(takes_context=True)
def drill_link(context, code, **extra):
    """The same dashboard one region down (or up), keeping the filters."""
    pairs = [(name, value) for name, value in context.get("filter_pairs", ()) if name not in extra and name != "region"]
    if code:
        pairs.insert(0, ("region", code))
    pairs += [(name, value) for name, value in extra.items() if value not in (None, "")]
    return f"{context['request'].path}?{urlencode(pairs)}" if pairs else context["request"].path


@register.simple_tag(takes_context=True)
def export_link(context, identifier, extension):
    from django.urls import reverse

    pairs = list(context.get("filter_pairs", ()))
    drill = context.get("drill")
    if drill is not None and drill.code:
        pairs.insert(0, ("region", drill.code))
    url = reverse("reports:export", args=[identifier, extension])
    return f"{url}?{urlencode(pairs)}" if pairs else url


@register.filter
def rupiah(value):
    """Rp 1.250.000 (whole Rupiah, Indonesian grouping)."""
    if value is None or value == "":
        return "–"
    return "Rp" + id_number(value)


@register.filter
def angka(value):
    if value is None or value == "":
        return "–"
    return id_number(value)


@register.filter
def persen(value, digits=1):
    if value is None or value == "":
        return "–"
    return f"{float(value):.{int(digits)}f}".replace(".", ",") + " %"


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
