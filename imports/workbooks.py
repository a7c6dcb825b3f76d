"""Workbooks handed to users: an empty template per record type and the pre-filled workbook of their region.

Written with XlsxWriter (the pre-filled one in constant-memory mode); every text goes through write_string
so a value that starts with '=' can never become a formula in the user's Excel. Code columns (NIB, region
and sentra codes, certificate numbers) are formatted as Text so Excel keeps every digit (no 9.12E+12).
Columns with a fixed list (commodities, the user's kecamatan and desa, statuses...) get a drop-down fed
from the hidden 'Daftar' sheet; the 'Petunjuk' sheet explains every column and lists the valid names.
"""

import datetime
import io
from decimal import Decimal

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_code
from commodities.models import Commodity
from core.formatting import id_number
from regions.models import Region

from .conf import limit
from .kinds.base import ID_HEADER, UPDATED_HEADER, VERSION_HEADER

CODE_HEADERS = {"Kode Wilayah", "NIB", "NIB Pengguna", "Kode Sentra", "Nomor Sertifikat", "Nomor SK Penetapan"}
LIST_SHEET = "Daftar"
# A desa list longer than this (a province or the whole country) is left out of the drop-downs.
MAX_REGION_LIST = 5000
PROGRESS_EVERY = 1000


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
        sheet.write_string(row, col, str(value), formats["text"])


def _formats(book):
    return {
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}),
        "required": book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True, "valign": "top"}),
        "info": book.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1, "text_wrap": True, "valign": "top"}),
        "text": book.add_format({"num_format": "@"}),
        "integer": book.add_format({"num_format": "#,##0"}),
        "plain": book.add_format({"num_format": "0"}),
        "decimal": book.add_format({"num_format": "#,##0.00####"}),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
    }


def _region_names(user):
    """(kecamatan names, desa names) of the user's region, or empty lists when it is too large for a drop-down."""
    scope = scope_code(user)
    if not scope or len(scope) < 2:
        return [], []
    regions = Region.objects.filter(code__startswith=scope + ".")
    kecamatan = sorted(set(regions.filter(level=3).values_list("name", flat=True))) if len(scope) <= 5 else []
    desa_query = regions.filter(level=4)
    if desa_query.count() > MAX_REGION_LIST:
        return kecamatan, []
    return kecamatan, sorted(set(desa_query.values_list("name", flat=True)))


def reference_lists(kind, user):
    """{column header: [valid values]} for the drop-downs and the instructions."""
    lists = {}
    headers = {column.header for column in kind.columns}
    commodities = list(Commodity.objects.order_by("name").values_list("name", flat=True))
    for header in ("Komoditas", "Komoditas Utama"):
        if header in headers:
            lists[header] = commodities
    if "Jenis Peralatan" in headers:
        from facilities.models import EquipmentType

        lists["Jenis Peralatan"] = list(EquipmentType.objects.order_by("name").values_list("name", flat=True))
    if "Menu Kegiatan" in headers:
        from funding.models import DakMenu

        lists["Menu Kegiatan"] = list(DakMenu.objects.filter(is_active=True).order_by("sort_order", "name").values_list("name", flat=True))
    if "Kecamatan" in headers or "Desa/Kelurahan" in headers:
        kecamatan, desa = _region_names(user)
        if kecamatan and "Kecamatan" in headers:
            lists["Kecamatan"] = kecamatan
        if desa and "Desa/Kelurahan" in headers:
            lists["Desa/Kelurahan"] = desa
    for column in kind.columns:
        if column.choices:
            lists[column.header] = list(column.choices)
    return lists


def _list_sheet(book, lists, formats):
    """The hidden sheet the drop-downs read from; returns {header: '=Daftar!$A$2:$A$n'}."""
    if not lists:
        return {}
    sheet = book.add_worksheet(LIST_SHEET)
    sources = {}
    for col, (header, items) in enumerate(lists.items()):
        sheet.write_string(0, col, header, formats["header"])
        for row, item in enumerate(items, start=1):
            sheet.write_string(row, col, str(item))
        letter = xlsxwriter.utility.xl_col_to_name(col)
        sources[header] = f"='{LIST_SHEET}'!${letter}$2:${letter}${len(items) + 1}"
    sheet.hide()
    return sources


def _data_sheet(book, kind, formats, *, with_version):
    sheet = book.add_worksheet("Data")
    for col, column in enumerate(kind.columns):
        fmt = formats["required"] if column.required else formats["header"]
        sheet.write_string(0, col, column.header + (" *" if column.required else ""), fmt)
        sheet.set_column(col, col, max(12, min(32, len(column.header) + 4)), formats["text"] if column.header in CODE_HEADERS else None)
    if with_version:
        extra = [VERSION_HEADER, UPDATED_HEADER] + ([ID_HEADER] if kind.record_id else [])
        for offset, header in enumerate(extra):
            sheet.write_string(0, len(kind.columns) + offset, header, formats["info"])
            sheet.set_column(len(kind.columns) + offset, len(kind.columns) + offset, 18)
    sheet.freeze_panes(1, 0)
    return sheet


def _validations(sheet, kind, sources):
    last = limit("IMPORT_MAX_ROWS")
    for col, column in enumerate(kind.columns):
        source = sources.get(column.header)
        if source:
            sheet.data_validation(1, col, last, col, {
                "validate": "list", "source": source, "error_type": "warning", "ignore_blank": True,
                "error_title": _("Nilai di luar daftar"),
                "error_message": _("Nilai ini tidak ada di daftar. Nama lain yang dikenal tetap diterima; periksa lembar Petunjuk."),
            })


def _instructions(book, kind, formats, *, prefilled, lists):
    sheet = book.add_worksheet("Petunjuk")
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 100)
    lines = [
        (_("Templat impor: %(kind)s") % {"kind": kind.label}, None),
        (_("Isi lembar 'Data' mulai baris 2; jangan ubah baris judul."), None),
        (_("Kunci data"), str(kind.key_help)),
        (_("Kolom bertanda *"), _("Wajib diisi untuk data baru.")),
        (_("Sel kosong"), _("Tidak mengubah nilai yang tersimpan (sel kosong tidak pernah menghapus data). Tanda '-' dibaca sebagai sel kosong.")),
        (_("Angka"), _("Rupiah bilangan bulat; boleh ditulis 1.250.000 atau 1,250,000 (cara baca ditentukan per kolom; yang meragukan "
                       "ditanyakan di pratinjau). Desimal: 0,75. Tanggal: 31/12/2024.")),
        (_("Rumus"), _("Nilai hasil rumus yang tersimpan dibaca; baris JUMLAH/TOTAL dilewati. Rumus tanpa nilai tersimpan ditandai per baris.")),
        (_("Baris tersembunyi"), _("Baris dan lembar yang disembunyikan tidak dibaca kecuali Anda memilihnya di pratinjau.")),
        (_("Batas"), _("Paling banyak %(rows)s baris dan %(mb)s MB per berkas; format .xlsx, .xls, .ods atau .csv.")
         % {"rows": id_number(limit("IMPORT_MAX_ROWS")), "mb": limit("IMPORT_MAX_BYTES") // 1048576}),
    ]
    if prefilled:
        lines.append((_("Versi, ID"), _("Jangan diubah. Jika data diubah orang lain setelah workbook ini diunduh, hanya kolom yang Anda "
                                          "ubah yang disimpan; kolom yang diubah Anda dan orang lain ditandai konflik untuk Anda pilih.")))
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
        elif column.header in lists:
            parts.append(_("Pilih dari daftar (panah di sel) atau lihat daftar di bawah."))
        if column.example is not None:
            parts.append(_("Contoh: %(example)s") % {"example": column.example})
        sheet.write_string(row, 0, column.header + (" *" if column.required else ""), formats["wrap"])
        sheet.write_string(row, 1, " ".join(parts) or "-", formats["wrap"])
    if any(header in lists for header in ("Komoditas", "Komoditas Utama")):
        row += 2
        sheet.write_string(row, 0, _("Komoditas yang dikenal"), formats["header"])
        sheet.write_string(row, 1, _("Nama lain yang juga diterima"), formats["header"])
        for name, synonyms, kbli in Commodity.objects.order_by("name").values_list("name", "synonyms", "kbli_code"):
            row += 1
            sheet.write_string(row, 0, name, formats["wrap"])
            extra = list(synonyms or []) + ([f"KBLI {kbli}"] if kbli else [])
            sheet.write_string(row, 1, ", ".join(extra) or "-", formats["wrap"])
    for header in ("Kecamatan", "Desa/Kelurahan", "Jenis Peralatan", "Menu Kegiatan"):
        if header in lists:
            row += 2
            sheet.write_string(row, 0, _("Daftar %(header)s") % {"header": header}, formats["header"])
            sheet.write_string(row, 1, "; ".join(lists[header]), formats["wrap"])


def template_workbook(kind, user):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = _formats(book)
    lists = reference_lists(kind, user)
    sheet = _data_sheet(book, kind, formats, with_version=False)
    _instructions(book, kind, formats, prefilled=False, lists=lists)
    _validations(sheet, kind, _list_sheet(book, lists, formats))
    book.close()
    return buffer.getvalue()


def prefilled_workbook(kind, user, stream, progress=None):
    """Write the user's own records of this kind, with Versi, Terakhir Diubah and ID for the three-way merge."""
    book = xlsxwriter.Workbook(stream, {"constant_memory": True})
    formats = _formats(book)
    lists = reference_lists(kind, user)
    sheet = _data_sheet(book, kind, formats, with_version=True)
    width = len(kind.columns)
    queryset = kind.export_queryset(user)
    number = 0
    for number, record in enumerate(queryset.iterator(chunk_size=2000), start=1):
        for col, value in enumerate(kind.export_cells(record)):
            _write(sheet, number, col, value, formats)
        sheet.write_number(number, width, record.version, formats["plain"])
        _write(sheet, number, width + 1, record.updated_at, formats)
        if kind.record_id:
            sheet.write_number(number, width + 2, record.pk, formats["plain"])
        if progress and number % PROGRESS_EVERY == 0:
            progress(number)
    # constant_memory writes rows in order: the validations and other sheets come after the data.
    _instructions(book, kind, formats, prefilled=True, lists=lists)
    sources = _list_sheet(book, lists, formats)
    _validations(sheet, kind, sources)
    book.close()
    return number
