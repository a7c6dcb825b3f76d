"""Registers as dinas offices keep them, built in code: title rows, merged two-row headers, their own column
names, hidden sheets and rows, total rows with SUM formulas (and the values Excel saved), text numbers in both
conventions, non-breaking and zero-width spaces; as .xlsx (XlsxWriter, which writes a formula's saved value),
.ods (the OpenDocument XML written directly), .xls (xlwt, test-only) and CSV in the encodings offices use."""

import io
import zipfile
from xml.sax.saxutils import escape

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

NBSP, ZWSP = "\u00a0", "\u200b"

# A kabupaten register: title, subtitle, empty row, a two-row header ("Tenaga Kerja" merged over L and P),
# a row numbering the columns, then data. Columns use the office's own names.
TITLE = "DATA INDUSTRI KECIL DAN MENENGAH KABUPATEN ALOR TAHUN 2024"
SUBTITLE = "Dinas Perindustrian dan Perdagangan Kabupaten Alor"
TOP = ["No", "No. NIB", "Nama Usaha", "Pemilik", "Kecamatan", "Desa/Kel", "Komoditi", "Tenaga Kerja", None, "Nilai Investasi",
       "Kapasitas Produksi", "Satuan", "Omset per Tahun"]
BOTTOM = [None, None, None, None, None, None, None, "L", "P", None, None, None, None]
DATA = [
    # no, NIB (zero-width spaces, as copied from a web page), name (NBSP), owner, kec, desa, commodity, L, P, investment, capacity, unit, sales
    [1, f"9120{ZWSP}0012{ZWSP}34567", f"Tenun{NBSP}Ina", "Ina Bara", "Alor Barat Daya", "Kuneman", "Tenun ikat", 1, 5,
     "Rp 25.000.000", "1.250,5", "lembar", "Rp 60.000.000,-"],
    [2, "9120001234568", "Tenun Maria", "Maria Lake", "Alor Selatan", "Moru", "tenun", 0, 3, 10_000_000, "0,75", "ton", 45_000_000],
    [3, "9120001234569", "Tenun Lama (tutup)", "Yakob", "Alor Barat Daya", "Kuneman", "Tenun ikat", 1, 1, 5_000_000, None, None, None],
]
HIDDEN_DATA_ROW = 3  # the third data row: a closed business the office hid in Excel


def _two_row_header(sheet, start, merged_format=None):
    for col, text in enumerate(TOP):
        if text is None:
            continue
        if text == "Tenaga Kerja":
            sheet.merge_range(start, col, start, col + 1, text, merged_format)
        elif BOTTOM[col] is None:
            sheet.merge_range(start, col, start + 1, col, text, merged_format)
        else:
            sheet.write_string(start, col, text)
    for col, text in enumerate(BOTTOM):
        if text is not None:
            sheet.write_string(start + 1, col, text)
    for col in range(len(TOP)):  # the row numbering the columns under the header: (1) (2) (3) ...
        sheet.write_string(start + 2, col, f"({col + 1})")


def register_xlsx(*, hidden_sheet=True, extra_visible_sheet=False, data=DATA, hide_row=True):
    """The Alor register: last year's data on a hidden first sheet, this year's on 'IKM 2024' with a title,
    a merged two-row header, a hidden row, and a JUMLAH row of SUM formulas whose values Excel saved."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    merged = book.add_format({"bold": True, "align": "center", "valign": "vcenter"})
    if hidden_sheet:
        old = book.add_worksheet("IKM 2023")
        _two_row_header(old, 0, merged)
        old.write_row(3, 0, [1, "9120009999991", "Usaha Tahun Lalu", "X", "Alor Barat Daya", "Kuneman", "Tenun ikat", 9, 9, 1, None, None, None])
    sheet = book.add_worksheet("IKM 2024")
    sheet.merge_range(0, 0, 0, len(TOP) - 1, TITLE, merged)
    sheet.merge_range(1, 0, 1, len(TOP) - 1, SUBTITLE, merged)
    _two_row_header(sheet, 3, merged)
    first = 6
    for offset, row in enumerate(data):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(first + offset, col, value)
            else:
                sheet.write_number(first + offset, col, value)
        if hide_row and offset + 1 == HIDDEN_DATA_ROW:
            sheet.set_row(first + offset, None, None, {"hidden": True})
    total = first + len(data)
    sheet.write_string(total, 2, "JUMLAH")
    for col, saved in ((7, sum(r[7] for r in data)), (8, sum(r[8] for r in data))):
        letter = "HI"[col - 7]
        sheet.write_formula(total, col, f"=SUM({letter}{first + 1}:{letter}{total})", None, saved)
    if extra_visible_sheet:
        other = book.add_worksheet("Rekap Sentra")
        other.write_row(0, 0, ["Nama Usaha", "Komoditi", "Desa/Kel"])
        other.write_row(1, 0, ["Usaha Rekap", "Tenun ikat", "Kuneman"])
    sheet.activate()
    if hidden_sheet:
        old.hide()
    book.close()
    return buffer.getvalue()


def simple_xlsx(rows, sheet_name="Data"):
    """One sheet, rows written as given (strings stay text, numbers stay numbers)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(sheet_name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    book.close()
    return buffer.getvalue()


def _ods_cell(value, formula=None):
    if value is None and formula is None:
        return "<table:table-cell/>"
    attrs = f' table:formula="of:={escape(formula)}"' if formula else ""
    if isinstance(value, (int, float)):
        return f'<table:table-cell{attrs} office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    if value is None:  # a formula without a saved value
        return f"<table:table-cell{attrs}/>"
    return f'<table:table-cell{attrs} office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods_bytes(tables):
    """tables: [(name, hidden, [(row_hidden, [cell or (value, formula)])])] -> an .ods file as LibreOffice writes it."""
    body = []
    for name, hidden, rows in tables:
        body.append(f'<table:table table:name="{escape(name)}" table:style-name="{"ta2" if hidden else "ta1"}">')
        for row_hidden, cells in rows:
            visibility = ' table:visibility="collapse"' if row_hidden else ""
            rendered = "".join(_ods_cell(*cell) if isinstance(cell, tuple) else _ods_cell(cell) for cell in cells)
            body.append(f"<table:table-row{visibility}>{rendered}</table:table-row>")
        body.append("</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2">'
        '<office:automatic-styles>'
        '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
        "</office:automatic-styles><office:body><office:spreadsheet>" + "".join(body) + "</office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        )
        package.writestr("content.xml", content)
    return out.getvalue()


def xls_bytes(sheets):
    """sheets: [(name, hidden, [(row_hidden, [values])], merges)] -> an Excel 97-2003 .xls (xlwt, tests only)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, hidden, rows, merges in sheets:
        sheet = book.add_sheet(name)
        if hidden:
            sheet.visibility = 1
        merged_cells = set()
        for (r0, c0), (r1, c1), text in merges:
            sheet.write_merge(r0, r1, c0, c1, text)
            merged_cells.update({(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)})
        for r, (row_hidden, values) in enumerate(rows):
            for c, value in enumerate(values):
                if value is not None and (r, c) not in merged_cells:
                    sheet.write(r, c, value)
            if row_hidden:
                sheet.row(r).hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(rows, delimiter=";"):
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)
