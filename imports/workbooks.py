"""Workbooks handed to users: an empty template per record type and the pre-filled workbook of their region.

Written with XlsxWriter in constant-memory mode; every text goes through write_string so a value that
starts with '=' can never become a formula in the user's Excel.
"""

import datetime
import io
from decimal import Decimal

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formatting import id_number

from .conf import limit
from .kinds.base import UPDATED_HEADER, VERSION_HEADER

CODE_HEADERS = {"Kode Wilayah", "NIB", "NIB Pengguna", "Kode Sentra"}


def _write(sheet, row, col, value, formats):
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int):
        sheet.write_number(row, col, value, formats["integer"])
    elif isinstance(value, Decimal):
        sheet.write_number(row, col, float(value), formats["decimal"])
    elif isinstance(value, datetime.datetime):
        sheet.write_string(row, col, timezone.localtime(value).strftime("%Y-%m-%d %H:%M"))
    elif isinstance(value, datetime.date):
        sheet.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), formats["date"])
    else:
        sheet.write_string(row, col, str(value))


def _formats(book):
    return {
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}),
        "required": book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True, "valign": "top"}),
        "info": book.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1, "text_wrap": True, "valign": "top"}),
        "text": book.add_format({"num_format": "@"}),
        "integer": book.add_format({"num_format": "#,##0"}),
        "decimal": book.add_format({"num_format": "#,##0.00####"}),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
    }


def _data_sheet(book, kind, formats, *, with_version):
    sheet = book.add_worksheet("Data")
    headers = [column.header for column in kind.columns]
    for col, column in enumerate(kind.columns):
        fmt = formats["required"] if column.required else formats["header"]
        sheet.write_string(0, col, column.header + (" *" if column.required else ""), fmt)
        sheet.set_column(col, col, max(12, min(32, len(column.header) + 4)), formats["text"] if column.header in CODE_HEADERS else None)
        if column.choices:
            sheet.data_validation(1, col, limit("IMPORT_MAX_ROWS"), col, {"validate": "list", "source": list(column.choices), "error_type": "warning"})
    if with_version:
        for offset, header in enumerate((VERSION_HEADER, UPDATED_HEADER)):
            sheet.write_string(0, len(headers) + offset, header, formats["info"])
            sheet.set_column(len(headers) + offset, len(headers) + offset, 18)
    sheet.freeze_panes(1, 0)
    return sheet


def _instructions(book, kind, formats, *, prefilled):
    sheet = book.add_worksheet("Petunjuk")
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 90)
    lines = [
        (_("Templat impor: %(kind)s") % {"kind": kind.label}, None),
        (_("Isi lembar 'Data' mulai baris 2; jangan ubah baris judul."), None),
        (_("Kunci data"), str(kind.key_help)),
        (_("Kolom bertanda *"), _("Wajib diisi untuk data baru.")),
        (_("Sel kosong"), _("Tidak mengubah nilai yang tersimpan (sel kosong tidak pernah menghapus data).")),
        (_("Angka"), _("Rupiah bilangan bulat tanpa desimal; boleh ditulis 1.250.000. Tanggal: 31/12/2024.")),
        (_("Rumus"), _("Tidak diterima: isi nilai saja (Salin, lalu Tempel Khusus > Nilai).")),
        (_("Batas"), _("Paling banyak %(rows)s baris dan %(mb)s MB per berkas; format .xlsx atau .csv (judul kolom sama).")
         % {"rows": id_number(limit("IMPORT_MAX_ROWS")), "mb": limit("IMPORT_MAX_BYTES") // 1048576}),
    ]
    if prefilled:
        lines.append((_("Versi"), _("Jangan diubah. Jika data diubah orang lain di registri setelah workbook ini diunduh, "
                                     "baris Anda ditandai konflik dan tidak ditimpa.")))
    row = 0
    for title, text in lines:
        sheet.write_string(row, 0, title, formats["title"] if row == 0 else formats["wrap"])
        if text:
            sheet.write_string(row, 1, text, formats["wrap"])
        row += 1
    row += 1
    sheet.write_string(row, 0, _("Kolom"), formats["header"])
    sheet.write_string(row, 1, _("Keterangan / pilihan / contoh"), formats["header"])
    for column in kind.columns:
        row += 1
        parts = [str(column.help)] if column.help else []
        if column.choices:
            parts.append(_("Pilihan: %(choices)s") % {"choices": "; ".join(column.choices)})
        if column.example is not None:
            parts.append(_("Contoh: %(example)s") % {"example": column.example})
        sheet.write_string(row, 0, column.header + (" *" if column.required else ""), formats["wrap"])
        sheet.write_string(row, 1, " ".join(parts) or "-", formats["wrap"])


def template_workbook(kind):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = _formats(book)
    _data_sheet(book, kind, formats, with_version=False)
    _instructions(book, kind, formats, prefilled=False)
    book.close()
    return buffer.getvalue()


def prefilled_workbook(kind, user, stream):
    """Write the user's own records of this kind, with Versi and Terakhir Diubah for conflict detection."""
    book = xlsxwriter.Workbook(stream, {"constant_memory": True})
    formats = _formats(book)
    sheet = _data_sheet(book, kind, formats, with_version=True)
    width = len(kind.columns)
    for number, record in enumerate(kind.export_queryset(user).iterator(chunk_size=2000), start=1):
        for col, value in enumerate(kind.export_cells(record)):
            _write(sheet, number, col, value, formats)
        _write(sheet, number, width, record.version, formats)
        _write(sheet, number, width + 1, record.updated_at, formats)
    _instructions(book, kind, formats, prefilled=True)
    book.close()
