""".ods details calamine does not give: hidden rows and columns, merged cells, formulas and their saved values.

content.xml is read with defusedxml's streaming parser (inspect_package has already refused any DTD), one
table at a time, clearing each row once read. Repeated rows and columns (`number-rows-repeated`) count as
LibreOffice shows them, so row numbers match what the user sees.
"""

import zipfile

from .ooxml import Formula, SheetMeta

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
# A run of repeated empty rows or columns this long is the sheet's blank tail, not data.
MAX_REPEAT = 100_000


def _int(element, name, default=1):
    try:
        return max(1, int(element.get(f"{TABLE}{name}", default)))
    except ValueError:
        return default


def _hidden(element):
    return element.get(f"{TABLE}visibility") in ("collapse", "filter")


def _read_row(row, number, meta):
    column = 0
    for cell in row:
        tag = cell.tag
        if tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            continue
        repeat = min(_int(cell, "number-columns-repeated"), MAX_REPEAT)
        if tag == f"{TABLE}table-cell":
            formula = cell.get(f"{TABLE}formula")
            if formula:
                has_value = cell.get(f"{OFFICE}value-type") is not None
                text = formula.split(":", 1)[-1].lstrip("=")  # "of:=SUM([.B2:.B9])"
                for offset in range(min(repeat, 256)):
                    meta.formulas.setdefault(number, []).append(Formula(column=column + offset, has_value=has_value, text=text[:120]))
            spanned_columns, spanned_rows = _int(cell, "number-columns-spanned"), _int(cell, "number-rows-spanned")
            if spanned_columns > 1 or spanned_rows > 1:
                meta.merges.append(((number - 1, column), (number + spanned_rows - 2, column + spanned_columns - 1)))
        column += repeat


def ods_meta(fileobj, sheet_name):
    from defusedxml.ElementTree import iterparse

    meta = SheetMeta()
    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as package, package.open("content.xml") as content:
        inside = False
        number = 0
        column = 0
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if tag == f"{TABLE}table":
                if event == "start":
                    inside = element.get(f"{TABLE}name") == sheet_name
                elif inside:
                    break
                else:
                    element.clear()
                continue
            if not inside or event != "end":
                continue
            if tag == f"{TABLE}table-column":
                repeat = min(_int(element, "number-columns-repeated"), MAX_REPEAT)
                if _hidden(element):
                    meta.hidden_columns.update(range(column, column + repeat))
                column += repeat
            elif tag == f"{TABLE}table-row":
                repeat = _int(element, "number-rows-repeated")
                if _hidden(element):
                    meta.hidden_rows.update(range(number + 1, number + 1 + min(repeat, MAX_REPEAT)))
                _read_row(element, number + 1, meta)
                number += repeat
                element.clear()
    fileobj.seek(0)
    return meta
