"""Table rows are written in Python (web.display.row_html) for speed: the HTML must be exactly what the former
template loop over the cells wrote, escaping included."""

from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from web.display import row_html

# The loop that templates/web/_table.html used before (issue 6): the reference for every row.
FORMER_LOOP = Template(
    '{% for cell in row.cells %}<td{% if cell.css %} class="{{ cell.css }}"{% endif %}>{% if forloop.first and row.url %}'
    '<a href="{{ row.url }}">{{ cell.text }}</a>{% elif cell.badge %}<span class="{{ cell.badge }}">{{ cell.text }}</span>'
    "{% else %}{{ cell.text }}{% endif %}</td>{% endfor %}"
)


def cell(text, css="", badge=""):
    return {"text": text, "css": css, "badge": badge}


ROWS = [
    {"url": "/ikm/1/", "cells": [cell("Tenun <Ikat> & \"Sumba\""), cell("1.250.000", css="num"), cell("Aktif", badge="badge badge-aktif")]},
    {"url": None, "cells": [cell("<script>alert(1)</script>"), cell(_("Ya")), cell("—")]},
    {"url": "/sentra/2/?a=1&b='x'", "cells": [cell("O'Brien"), cell(mark_safe("<b>aman</b>")), cell("x", css='num" onmouseover="y')]},
    {"url": "/x/", "cells": [cell("first", badge="badge badge-tutup"), cell("z", badge='b" onclick="evil')]},
    {"url": "/y/", "cells": []},
]


def test_row_html_equals_the_former_template_loop():
    for row in ROWS:
        expected = "<tr>" + FORMER_LOOP.render(Context({"row": row})) + "</tr>"
        assert row_html(row) == expected


def test_labels_become_data_label_attributes():
    from django.utils.html import conditional_escape

    row = {"url": "/ikm/1/", "cells": [cell("Tenun"), cell("1.250", css="num")]}
    labels = [conditional_escape(label) for label in ("Nama usaha", 'Investasi "Rp"')]  # web.display.table escapes once
    assert row_html(row, labels) == (
        '<tr><td data-label="Nama usaha"><a href="/ikm/1/">Tenun</a></td>'
        '<td data-label="Investasi &quot;Rp&quot;" class="num">1.250</td></tr>'
    )
