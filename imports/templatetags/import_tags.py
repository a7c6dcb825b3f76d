from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """{{ labels|lookup:row.action }}: a dict value by key in a template."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
