"""What an upload really is, decided from its bytes (not its name), and the checks made before any parser sees it.

Offices rename files (an old .xls saved as .xlsx, a CSV called .xls, a web page "exported to Excel"): a real
spreadsheet is read whatever its name says, and anything else is refused with what to do about it. Packages
(.xlsx, .ods) are checked for zip bombs and XML declarations (entity bombs) before they are opened.
"""

import zipfile

from django.utils.translation import gettext as _

from ..conf import limit
from .errors import FileRefused

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls (and Word .doc, password-protected .xlsx)
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_ZIP_ENTRIES = 2000
FORMAT_NAMES = {"xlsx": ".xlsx", "xls": ".xls", "ods": ".ods", "csv": ".csv"}
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".tsv")


def extension_format(name):
    lowered = (name or "").lower()
    for extension, kind in ((".xlsx", "xlsx"), (".xlsm", "xlsx"), (".xls", "xls"), (".ods", "ods"), (".csv", "csv"),
                            (".txt", "csv"), (".tsv", "csv")):
        if lowered.endswith(extension):
            return kind
    return None


def check_size(size):
    max_bytes = limit("IMPORT_MAX_BYTES")
    if size > max_bytes:
        raise FileRefused(
            _("Berkas terlalu besar (%(size)s MB); batasnya %(max)s MB. Pecah berkas menjadi beberapa bagian.")
            % {"size": round(size / 1048576, 1), "max": round(max_bytes / 1048576, 1)}
        )
    if size == 0:
        raise FileRefused(_("Berkas kosong."))


def _save_as_advice():
    return _("Buka berkas aslinya di Excel atau LibreOffice, pilih 'Simpan Sebagai' > 'Buku Kerja Excel (.xlsx)', lalu unggah berkas itu.")


def _not_a_sheet(name, what):
    kind = extension_format(name)
    expected = FORMAT_NAMES.get(kind, ".xlsx")
    return FileRefused(
        _("Berkas ini bukan berkas Excel %(expected)s yang sah: isinya %(what)s. %(advice)s")
        % {"expected": expected, "what": what, "advice": _save_as_advice()}
    )


def _text_kind(head):
    """What a text-like file is: 'html', 'xml2003' (Excel 2003 XML), or 'csv'."""
    probe = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in probe[:512]:
        return "html"
    if probe.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head[:4096].lower():
        return "xml2003"
    return "csv"


def sniff(fileobj, name):
    """The format of the content: 'xlsx', 'ods', 'xls' or 'csv'; refuses what no reader here can open."""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(fileobj, name)
    if head.startswith(OLE_MAGIC):
        return "xls"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text, as Excel's "Unicode text" saves it
    if head.startswith(b"%PDF"):
        raise _not_a_sheet(name, _("dokumen PDF"))
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        raise _not_a_sheet(name, _("sebuah program"))
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise _not_a_sheet(name, _("sebuah gambar"))
    if b"\x00" in head:
        raise FileRefused(_("Berkas ditolak: berisi karakter NUL (data biner), bukan lembar kerja atau CSV teks."))
    kind = _text_kind(head)
    if kind == "html":
        raise FileRefused(
            _("Berkas ini halaman web (HTML) yang diberi nama seperti berkas Excel, bukan lembar kerja. %(advice)s")
            % {"advice": _save_as_advice()}
        )
    if kind == "xml2003":
        raise FileRefused(_("Berkas ini format 'XML Spreadsheet 2003' yang lama. %(advice)s") % {"advice": _save_as_advice()})
    return "csv"


def _zip_kind(fileobj, name):
    try:
        package = zipfile.ZipFile(fileobj)
        names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_sheet(name, _("arsip zip yang rusak")) from None
    finally:
        fileobj.seek(0)
    if "xl/workbook.xml" in names and "[Content_Types].xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise FileRefused(_("Berkas ini format Excel biner (.xlsb). %(advice)s") % {"advice": _save_as_advice()})
    if "content.xml" in names and ("mimetype" in names or "META-INF/manifest.xml" in names):
        mimetype = package.read("mimetype").strip() if "mimetype" in names else b""
        if not mimetype or mimetype == ODS_MIMETYPE:
            return "ods"
        raise _not_a_sheet(name, _("dokumen OpenDocument yang bukan lembar kerja"))
    if "word/document.xml" in names:
        raise _not_a_sheet(name, _("dokumen Word"))
    raise _not_a_sheet(name, _("arsip zip biasa (isi paket tidak dikenal)"))


def inspect_package(fileobj, file_kind):
    """Refuse zip bombs and XML with a DTD (entity bombs) in an .xlsx or .ods package before it is parsed."""
    fileobj.seek(0)
    try:
        package = zipfile.ZipFile(fileobj)
        entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(_("Berkas ini bukan berkas Excel .xlsx yang sah atau rusak.")) from None
    if len(entries) > MAX_ZIP_ENTRIES:
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
                prolog = part.read(4096).upper()
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise FileRefused(_("Berkas ditolak: berisi deklarasi XML (DTD/entitas) yang tidak diizinkan."))
    fileobj.seek(0)


def inspect(fileobj, name, size):
    """Every check that needs no parsing; called at upload and again before every read. Returns the format."""
    check_size(size)
    if extension_format(name) is None:
        raise FileRefused(
            _("Jenis berkas tidak dikenal. Unggah lembar kerja Excel (.xlsx atau .xls), LibreOffice (.ods) atau CSV (.csv).")
        )
    kind = sniff(fileobj, name)
    if kind in ("xlsx", "ods"):
        inspect_package(fileobj, kind)
    fileobj.seek(0)
    return kind


def renamed_note(name, file_kind):
    """A note for the preview when the content's format is not the one the name says (the file is still read)."""
    said = extension_format(name)
    if said is None or said == file_kind:
        return None
    return _("Nama berkas berakhiran %(said)s tetapi isinya format %(real)s; berkas dibaca sebagai %(real)s.") % {
        "said": FORMAT_NAMES[said], "real": FORMAT_NAMES[file_kind],
    }
