from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.formatting import id_number

register = template.Library()


@register.simple_tag
def cell(value, column, threshold):
    """A table cell: numbers grouped the Indonesian way; a hidden cell says why, never its value."""
    if value is None:
        if column.kind in ("count", "sum"):
            return format_html('<span class="hidden-cell" title="{}">•</span>', _("Disembunyikan: kurang dari %(n)s atau pelengkap") % {"n": threshold})
        return "–"
    if column.kind == "money" and column.key != "recipients":
        return "Rp" + id_number(value)
    if column.kind == "percent":
        return f"{float(value):.2f}".replace(".", ",") + " %"
    if column.kind == "year":
        return str(value)
    return id_number(value)


@register.simple_tag
def opendata_link():
    """The menu link to the open data, or nothing when it is switched off (OPENDATA_ENABLED)."""
    from django.conf import settings
    from django.urls import reverse

    if not getattr(settings, "OPENDATA_ENABLED", True):
        return ""
    return format_html('<a href="{}">{}</a>', reverse("opendata:home"), _("Data terbuka"))
