"""Reading uploaded sheets safely: refuse hostile files before a parser sees them, then stream rows.

Every refusal raises FileRefused with a sentence the user can act on; nothing is written before the
whole file has passed (the commit re-reads it inside its transaction).
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

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


def _clean_cell(value, where):
    if isinstance(value, str):
        if "\x00" in value:
            raise FileRefused(_("Berkas ditolak: %(where)s berisi karakter NUL (data biner).") % {"where": where})
        value = value.strip()
        if value.startswith("="):
            raise FileRefused(
                _("Berkas ditolak: sel %(where)s berisi rumus (%(formula)s). Isikan nilainya saja, bukan rumus; "
                  "di Excel: salin lalu 'Tempel Khusus > Nilai'.") % {"where": where, "formula": value[:40]}
            )
        return value or None
    return value


def _column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _limited(rows):
    """Number rows from 1, drop empty ones, stop at the row limit with a refusal."""
    max_rows = limit("IMPORT_MAX_ROWS")
    data_rows = 0
    empty_run = 0
    for number, row in enumerate(rows, start=1):
        cells = [_clean_cell(value, f"{_column_letter(i)}{number}") for i, value in enumerate(row)]
        if not any(cell is not None for cell in cells):
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                return
            continue
        empty_run = 0
        data_rows += 1
        if data_rows > max_rows + 1:  # +1: the header row
            raise FileRefused(
                _("Berkas berisi lebih dari %(max)s baris data; batasnya %(max)s. Pecah berkas menjadi beberapa bagian.")
                % {"max": f"{max_rows:,}".replace(",", ".")}
            )
        yield number, cells


def _xlsx_rows(fileobj):
    import openpyxl  # imported late: only workers and uploads need it

    try:
        workbook = openpyxl.load_workbook(fileobj, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a broken package, defusedxml its own
        raise FileRefused(_("Berkas Excel rusak atau tidak dapat dibaca (%(error)s).") % {"error": type(error).__name__}) from None
    try:
        sheet = workbook["Data"] if "Data" in workbook.sheetnames else workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(_("Berkas Excel rusak atau tidak dapat dibaca (%(error)s).") % {"error": type(error).__name__}) from None
    finally:
        workbook.close()


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
