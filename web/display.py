"""Turning record values into the text a page shows: Indonesian numbers, dates, choice labels, empty as a dash."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.formats import date_format, number_format
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

EMPTY = "—"


def format_value(value, name=""):
    """`name` (field or accessor) lets years and versions print as 2009, not 2.009."""
    if value is None or value == "":
        return EMPTY
    if name and isinstance(value, int) and not isinstance(value, bool) and ("year" in name or name.endswith("version")):
        return str(value)
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, (int, Decimal, float)):
        return number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def resolve(obj, accessor):
    """`accessor` is a callable or a dotted path ("desa.name"); choice fields show their label."""
    if callable(accessor):
        return accessor(obj)
    target = obj
    parts = accessor.split(".")
    for part in parts[:-1]:
        target = getattr(target, part, None)
        if target is None:
            return None
    last = parts[-1]
    display = getattr(target, f"get_{last}_display", None)
    return display() if display else getattr(target, last, None)


def field_label(model, name):
    """The field's verbose name, capitalised; "desa.name" is labelled by its first step ("Desa/kelurahan")."""
    try:
        return capfirst(model._meta.get_field(name.split(".")[0]).verbose_name)
    except Exception:  # noqa: BLE001 - non-field names (properties, annotations) label themselves
        return name


def choice_label(model, name, value):
    """Stored choice values ("kurang_aktif") shown by their label ("Kurang aktif") in history and conflicts."""
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return value
    if model_field.is_relation or not model_field.choices:
        return value  # a foreign key's "choices" would be every row of its table (83,762 desa)
    return dict(model_field.flatchoices).get(value, value)


class Column:
    """One column of a table: header, how to read the value, optional sort key and badge class."""

    def __init__(self, label, accessor, *, order=None, numeric=False, badge=None):
        self.label = label
        self.accessor = accessor
        self.order = order
        self.numeric = numeric
        self.badge = badge  # attribute whose raw value becomes a css class ("badge-aktif")

    def cell(self, obj):
        value = resolve(obj, self.accessor)
        name = self.accessor if isinstance(self.accessor, str) else ""
        css = "num" if self.numeric else ""
        badge = f"badge badge-{getattr(obj, self.badge)}" if self.badge else ""
        return {"text": format_value(value, name), "css": css, "badge": badge}


def row_html(row, labels=None):
    """The `<tr>` of a row, written here rather than by a template loop over its cells (issue 6, bench/load.py:
    the nested loop was a fifth of a list page). Escaped exactly as the template's autoescape would.
    `labels` (escaped column headers) become data-label attributes: on a phone each row is a card whose cells
    show their header beside the value (static/css/app.css, table.cards)."""
    parts = ["<tr>"]
    for index, cell in enumerate(row["cells"]):
        text = escape(cell["text"])
        label = f' data-label="{labels[index]}"' if labels else ""
        parts.append(f'<td{label} class="{escape(cell["css"])}">' if cell["css"] else f"<td{label}>")
        if index == 0 and row["url"]:
            parts.append(f'<a href="{escape(row["url"])}">{text}</a>')
        elif cell["badge"]:
            parts.append(f'<span class="{escape(cell["badge"])}">{text}</span>')
        else:
            parts.append(text)
        parts.append("</td>")
    parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above went through conditional_escape


def table(objects, columns, url_name=None, *, title="", add_url=None, empty=None):
    """Rows ready for templates/web/_table.html (templates cannot call functions with arguments)."""
    rows = []
    labels = [escape(str(column.label)) for column in columns]
    for obj in objects:
        row = {"pk": obj.pk, "url": reverse(url_name, args=[obj.pk]) if url_name else None, "cells": [column.cell(obj) for column in columns]}
        row["html"] = row_html(row, labels)
        rows.append(row)
    return {"title": title, "columns": columns, "rows": rows, "add_url": add_url, "empty": empty or _("Belum ada data.")}
