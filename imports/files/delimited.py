"""CSV as offices save it: UTF-8 (with or without BOM), UTF-16 ("Unicode text"), or Windows-1252 from an older
Excel; comma, semicolon (Excel with Indonesian regional settings) or tab; possibly a 'sep=;' first line."""

import csv
import io

from django.utils.translation import gettext as _

from .errors import FileRefused

DELIMITERS = (";", ",", "\t", "|")
SAMPLE_LINES = 40


def decode(raw):
    """(text, encoding label) of a CSV file's bytes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise FileRefused(_("Berkas CSV tidak dapat dibaca: simpan sebagai 'CSV UTF-8'.")) from None
    if b"\x00" in raw:
        raise FileRefused(_("Berkas ditolak: berisi karakter NUL (data biner), bukan CSV teks."))
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"


def _fields_per_line(lines, delimiter):
    try:
        return [len(row) for row in csv.reader(lines, delimiter=delimiter)]
    except csv.Error:
        return []


def choose_delimiter(text):
    """The 'sep=' hint, else the delimiter that splits most of the first lines into the most fields."""
    first, _newline, rest = text.partition("\n")
    hint = first.strip().lower()
    if hint.startswith("sep=") and len(hint) == 5:
        return first.strip()[4], rest
    lines = text.splitlines()[:SAMPLE_LINES]

    def score(delimiter):
        counts = [n for n in _fields_per_line(lines, delimiter) if n > 1]
        return (len(counts), max(counts, default=0))

    best = max(DELIMITERS, key=score)
    return (best if score(best)[0] else ","), text


def csv_rows(fileobj):
    """(rows iterator numbered from 1, encoding label, delimiter)."""
    fileobj.seek(0)
    text, encoding = decode(fileobj.read())
    delimiter, body = choose_delimiter(text)
    offset = 1 if body is not text else 0

    def rows():
        try:
            for number, row in enumerate(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter), start=1 + offset):
                yield number, row
        except csv.Error as error:
            raise FileRefused(_("Berkas CSV rusak: %(error)s") % {"error": error}) from None

    return rows(), encoding, delimiter
