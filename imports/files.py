"""Reading uploaded sheets safely: refuse hostile files before a parser sees them, then stream rows.

Every refusal raises FileRefused with a sentence the user can act on; nothing is written before the
whole file has passed (the commit re-reads it inside its transaction).
"""

import csv
import io
import re
import zipfile

from django.utils.translation import gettext as _

from core.formatting import id_number

from .conf import limit

XLSX_MAGIC = b"PK\x03\x04"
MAX_ZIP_ENTRIES = 2000
# openpyxl's read-only reader keeps going over formatted but empty rows; this many in a row ends the data.
MAX_EMPTY_RUN = 1000


class FileRefused(Exception):
    """The whole file is refused; the message is shown to the user as is."""


def file_format(name):
    lowered = (name or "").lower()
    if lowered.endswith(".xlsx"):
        return "xlsx"
    if lowered.endswith(".csv"):
        return "csv"
    raise FileRefused(_("Hanya berkas Excel (.xlsx) atau CSV (.csv) yang dapat diimpor."))


def check_size(size):
    max_bytes = limit("IMPORT_MAX_BYTES")
    if size > max_bytes:
        raise FileRefused(
            _("Berkas terlalu besar (%(size)s MB); batasnya %(max)s MB. Pecah berkas menjadi beberapa bagian.")
            % {"size": round(size / 1048576, 1), "max": round(max_bytes / 1048576, 1)}
        )
    if size == 0:
        raise FileRefused(_("Berkas kosong."))


def inspect_xlsx(fileobj):
    """Refuse anything that is not a plain .xlsx package: wrong type, zip bomb, XML with a DTD (entity bombs)."""
    fileobj.seek(0)
    if fileobj.read(4) != XLSX_MAGIC:
        raise FileRefused(_("Berkas ini bukan berkas Excel .xlsx yang sah (mungkin berkas lain yang diganti namanya)."))
    fileobj.seek(0)
    try:
        package = zipfile.ZipFile(fileobj)
        entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(_("Berkas ini bukan berkas Excel .xlsx yang sah atau rusak.")) from None
    names = {entry.filename for entry in entries}
    if len(entries) > MAX_ZIP_ENTRIES or "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(_("Berkas ini bukan berkas Excel .xlsx yang sah (isi paket tidak dikenal)."))
    # zipfile never inflates past an entry's declared size, so the declared sizes bound what a reader unpacks.
    unpacked = sum(entry.file_size for entry in entries)
    ratio_limit = limit("IMPORT_MAX_COMPRESSION_RATIO")
    too_dense = any(
        entry.file_size > 1024 * 1024 and entry.file_size > ratio_limit * max(entry.compress_size, 1) for entry in entries
    )
    if unpacked > limit("IMPORT_MAX_UNCOMPRESSED_BYTES") or too_dense:
        raise FileRefused(_("Berkas ditolak: isinya mengembang terlalu besar saat dibuka (kemungkinan 'zip bomb')."))
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels", ".vml")):
            with package.open(entry) as part:
                prolog = part.read(4096)
            if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
                raise FileRefused(_("Berkas ditolak: berisi deklarasi XML (DTD/entitas) yang tidak diizinkan."))
    fileobj.seek(0)


def inspect(fileobj, name, size):
    """All checks that need no parsing; called at upload and again before every read."""
    kind = file_format(name)
    check_size(size)
    if kind == "xlsx":
        inspect_xlsx(fileobj)
    return kind


def _cell_name(index, number):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{number}"


def _refuse_cell(value, where):
    if "\x00" in value:
        raise FileRefused(_("Berkas ditolak: %(where)s berisi karakter NUL (data biner).") % {"where": where})
    raise FileRefused(
        _("Berkas ditolak: sel %(where)s berisi rumus (%(formula)s). Isikan nilainya saja, bukan rumus; "
          "di Excel: salin lalu 'Tempel Khusus > Nilai'.") % {"where": where, "formula": value[:40]}
    )


def _clean_row(row, number):
    """Texts stripped, empty texts as None; a NUL or a formula text refuses the whole file.

    Called for every row of a 100,000-row file: one comprehension, and the cell's name (C12) is only worked
    out for a refusal."""
    cells = [(value.strip() or None) if value.__class__ is str else value for value in row]
    for index, value in enumerate(cells):
        if value.__class__ is str and (value[0] == "=" or "\x00" in value):
            _refuse_cell(value, _cell_name(index, number))
    return cells


def _limited(rows):
    """Number rows from 1, drop empty ones, stop at the row limit with a refusal."""
    max_rows = limit("IMPORT_MAX_ROWS")
    data_rows = 0
    empty_run = 0
    for number, row in enumerate(rows, start=1):
        cells = _clean_row(row, number)
        if all(cell is None for cell in cells):
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                return
            continue
        empty_run = 0
        data_rows += 1
        if data_rows > max_rows + 1:  # +1: the header row
            raise FileRefused(
                _("Berkas berisi lebih dari %(max)s baris data; batasnya %(max)s. Pecah berkas menjadi beberapa bagian.")
                % {"max": id_number(max_rows)}
            )
        yield number, cells


def _data_sheet_part(package, names):
    """Zip path and name of the sheet to import: 'Data' if present, else the first sheet of the workbook."""
    from defusedxml.ElementTree import fromstring

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    sheets = [(sheet.get("name"), sheet.get(f"{rel_ns}id")) for sheet in fromstring(package.read("xl/workbook.xml")).iter(f"{main}sheet")]
    if not sheets:
        raise FileRefused(_("Berkas Excel tidak berisi lembar kerja."))
    name, rel_id = next((sheet for sheet in sheets if sheet[0] == "Data"), sheets[0])
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in fromstring(package.read("xl/_rels/workbook.xml.rels")):
            targets[rel.get("Id")] = rel.get("Target", "")
    target = targets.get(rel_id, "")
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return (path if path in names else None), name


FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
CELL_REF = re.compile(rb'<(?:\w+:)?c [^>]*?r="([A-Z]+[0-9]+)"')


def _refuse_formulas(package, part):
    """Calamine reads a formula's cached result (often none): find formulas in the sheet XML and refuse them."""
    tail = b""
    with package.open(part) as stream:
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            match = FORMULA_TAG.search(text)
            if match:
                refs = CELL_REF.findall(text[: match.start()])
                where = refs[-1].decode() if refs else "?"
                raise FileRefused(
                    _("Berkas ditolak: sel %(where)s berisi rumus. Isikan nilainya saja, bukan rumus; "
                      "di Excel: salin lalu 'Tempel Khusus > Nilai'.") % {"where": where}
                )
            tail = text[-400:]


def _xlsx_rows(fileobj):
    from python_calamine import CalamineWorkbook  # Rust reader: ~20x faster than openpyxl on large sheets

    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as package:
        part, sheet_name = _data_sheet_part(package, set(package.namelist()))
        if part:
            _refuse_formulas(package, part)
    fileobj.seek(0)
    try:
        workbook = CalamineWorkbook.from_filelike(fileobj)
        sheet = workbook.get_sheet_by_name(sheet_name)
        first_row, first_col = sheet.start or (0, 0)
        rows = sheet.iter_rows()
    except Exception as error:  # calamine raises its own error types for a broken package
        raise FileRefused(_("Berkas Excel rusak atau tidak dapat dibaca (%(error)s).") % {"error": type(error).__name__}) from None
    # Keep row numbers and column letters as Excel shows them even when the sheet starts lower or further right.
    yield from ([None] for _row in range(first_row))
    padding = [None] * first_col
    for row in rows:
        yield padding + row if first_col else row


def _decode(raw):
    if b"\x00" in raw:
        raise FileRefused(_("Berkas ditolak: berisi karakter NUL (data biner), bukan CSV teks."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(_("Berkas CSV tidak dapat dibaca: simpan sebagai 'CSV UTF-8'."))


def _csv_rows(fileobj):
    text = _decode(fileobj.read())
    first_line = text.split("\n", 1)[0]
    # Excel with Indonesian regional settings writes ';' as the separator.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise FileRefused(_("Berkas CSV rusak: %(error)s") % {"error": error}) from None


def read_rows(fileobj, file_kind):
    """Yield (row number, list of cleaned cells) for every non-empty row, the header row first."""
    rows = _xlsx_rows(fileobj) if file_kind == "xlsx" else _csv_rows(fileobj)
    return _limited(rows)
