"""Turning one cell (text from CSV, typed value from Excel) into a Python value, or a reason it can't be.

Parsers return None for an empty cell: an empty cell means "keep what is stored", never "erase". Texts go
through core.text.normalise_text (the one normaliser of forms, API and import). Number parsers are bound
to a column (`bind`) because a text number may only be read once the column's convention is known (see
imports/numbers.py): they then return an `Ambiguous` that the engine settles, or a `Noted` value that
carries a warning for the row (a unit word ignored, a value rounded).
"""

import datetime
import re
import unicodedata
from decimal import Decimal, ROUND_HALF_UP

from django.utils.translation import gettext as _

from core import formatting
from core.text import normalise_text

from .numbers import Ambiguous, ColumnConvention, NumberError, read_number, to_decimal

NOT_ALNUM = re.compile(r"[^0-9a-z]+")


class CellError(ValueError):
    """A cell that cannot be read; `column` (a field header) lets the engine name the file's column and letter."""

    def __init__(self, message="", column=None):
        super().__init__(message)
        self.column = column


class Noted:
    """A parsed value with a note the preview shows on its row (the value is still stored)."""

    __slots__ = ("value", "note")

    def __init__(self, value, note):
        self.value, self.note = value, note


def normalize(text):
    """Lower-case, accents and punctuation folded to spaces: the form names are compared in."""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", normalise_text(text)).encode("ascii", "ignore").decode()
    return " ".join(NOT_ALNUM.sub(" ", text.lower()).split())


def id_number(value):
    """Limits in messages: integers grouped as people read them in Indonesia, anything else as written."""
    return formatting.id_number(value) if isinstance(value, int) else str(value)


def show_number(value):
    """1250000.5 -> '1.250.000,5' (the Indonesian way), for previews and messages."""
    if value is None:
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return formatting.id_number(int(number))
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = format(abs(number).normalize(), "f").partition(".")
    return f"{sign}{formatting.id_number(int(whole))},{fraction}"


def text(max_length, *, multiline=False):
    def parse(value):
        if value is None:
            return None
        if value.__class__ is not str:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            value = normalise_text(str(value), multiline=multiline)
        elif not value.isprintable() or not value.isascii():
            # Cells come from the reader normalised as multi-line text: single-line fields join its lines.
            value = normalise_text(value, multiline=multiline)
        if len(value) > max_length:
            raise CellError(_("terlalu panjang (%(n)s karakter, paling banyak %(max)s)") % {"n": len(value), "max": max_length})
        return value or None

    parse.kind = "text"
    return parse


def _range_error(minimum, maximum):
    if maximum is None:
        return CellError(_("harus paling kecil %(min)s") % {"min": id_number(minimum)})
    return CellError(
        _("di luar rentang yang diizinkan (%(min)s sampai %(max)s)") % {"min": id_number(minimum), "max": id_number(maximum)}
    )


class NumberColumn:
    """A numeric column's parser factory: `places` decimals (0 = whole numbers), bounds, Rupiah or not."""

    kind = "number"

    def __init__(self, *, places=0, minimum=None, maximum=None, money=False):
        self.places, self.minimum, self.maximum, self.money = places, minimum, maximum, money
        self.quantum = Decimal(1).scaleb(-places)

    def bind(self, convention=None):
        return BoundNumber(self, convention or ColumnConvention())

    def __call__(self, value):
        """Unbound use (tests, the version column): ambiguous texts are refused rather than guessed."""
        result = self.bind()(value)
        if isinstance(result, Ambiguous):
            raise CellError(ambiguity_message(result))
        return result.value if isinstance(result, Noted) else result


def _join(first, second):
    return f"{first}; {second}" if first else second


class BoundNumber:
    __slots__ = ("column", "convention", "whole", "minimum", "maximum")

    def __init__(self, column, convention):
        self.column, self.convention = column, convention
        self.whole = column.places == 0
        maximum = column.maximum
        # Read once per import, not per cell (next year's limit for years is a function).
        self.minimum, self.maximum = column.minimum, (maximum() if callable(maximum) else maximum)

    def finish(self, number, note=None):
        """Range and precision of a read number; returns the stored value (or Noted)."""
        column = self.column
        if self.whole:
            if number != number.to_integral_value():
                if not column.money:
                    raise CellError(_("harus bilangan bulat"))
                rounded = int(number.quantize(Decimal(1), ROUND_HALF_UP))
                note = _join(note, _("dibulatkan ke rupiah penuh: %(value)s") % {"value": show_number(rounded)})
                number = rounded
            value = int(number)
        else:
            value = number.quantize(column.quantum, ROUND_HALF_UP)
            if value != number:
                note = _join(note, _("dibulatkan menjadi %(value)s") % {"value": show_number(value)})
        minimum, maximum = self.minimum, self.maximum
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise _range_error(minimum if minimum is not None else 0, maximum)
        return Noted(value, note) if note else value

    def __call__(self, value):
        cls = value.__class__
        if cls is float and self.whole and value.is_integer():  # what Excel cells hold most of the time
            value = int(value)
            cls = int
        if cls is int:  # skip the Decimal round trip
            if self.whole:
                minimum, maximum = self.minimum, self.maximum
                if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
                    raise _range_error(minimum if minimum is not None else 0, maximum)
                return value
            return self.finish(Decimal(value))
        if value is None:
            return None
        if cls is float:
            try:
                return self.finish(to_decimal(value))
            except NumberError:
                raise CellError(_("'%(value)s' bukan angka") % {"value": value}) from None
        if cls is bool or isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
            raise CellError(_("'%(value)s' bukan angka") % {"value": str(value)[:30]})
        raw = str(value)
        try:
            number, proved, note = read_number(raw, money=self.column.money)
        except NumberError as error:
            detail = str(error) if error.args else _("'%(value)s' bukan angka") % {"value": raw[:30]}
            raise CellError(detail) from None
        if proved:
            self.convention.vote(proved)
        if isinstance(number, Ambiguous):
            # A reading the column cannot hold settles it: "1,500" workers (1.5 is no count), "124.410" longitude.
            readings = []
            for reading in (number.grouped, number.decimal):
                try:
                    readings.append(self.finish(reading, note))
                except CellError as error:
                    failure = error
            if len(readings) == 1:
                return readings[0]
            if not readings:
                raise failure
            return number
        return self.finish(number, note)


def ambiguity_message(ambiguous):
    return _(
        "'%(value)s' bisa berarti %(grouped)s (titik/koma sebagai pemisah ribuan) atau %(decimal)s (sebagai tanda desimal); "
        "pilih cara baca kolom ini di atas tabel pratinjau"
    ) % {"value": ambiguous.text, "grouped": show_number(ambiguous.grouped), "decimal": show_number(ambiguous.decimal)}


def integer(minimum=0, maximum=None, *, money=False):
    return NumberColumn(places=0, minimum=minimum, maximum=maximum, money=money)


def decimal(places, minimum=None, maximum=None):
    return NumberColumn(places=places, minimum=minimum, maximum=maximum)


def money(maximum):
    return NumberColumn(places=0, minimum=0, maximum=maximum, money=True)


MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2, "february": 2, "maret": 3, "mar": 3,
    "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11, "nov": 11, "nopember": 11, "desember": 12,
    "des": 12, "dec": 12, "december": 12,
}
WORD_DATE = re.compile(r"^(\d{1,2})[\s.-]+([a-z]+)\.?[\s.-]+(\d{4})$")


def date(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        # An Excel serial day number in a cell not formatted as a date (1900 date system).
        return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
    text_value = normalise_text(str(value))
    lowered = text_value.lower()
    match = WORD_DATE.match(lowered)
    if match and match.group(2) in MONTHS:
        try:
            return datetime.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            pass
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y", "%d-%m-%y"):
        try:
            return datetime.datetime.strptime(text_value, pattern).date()
        except ValueError:
            continue
    raise CellError(_("'%(value)s' bukan tanggal (tulis 31/12/2024, 2024-12-31 atau 31 Desember 2024)") % {"value": text_value[:30]})


date.kind = "date"


def choice(choices):
    """Accept the stored value or its label, in any case or spacing ('Kurang aktif', 'KURANG_AKTIF')."""
    lookup = {}
    for value, label in choices:
        lookup[normalize(value)] = value
        lookup[normalize(label)] = value

    def parse(raw):
        if raw is None:
            return None
        found = lookup.get(normalize(raw))
        if found is None:
            allowed = ", ".join(str(label) for _value, label in choices)
            raise CellError(_("'%(value)s' tidak dikenal; pilih salah satu: %(allowed)s") % {"value": str(raw)[:40], "allowed": allowed})
        return found

    parse.kind = "choice"
    return parse


NIB_SEPARATORS = re.compile(r"[\s.\-'/]")


def digits_id(length, label):
    """NIB (13 digits), PIRT (15): copied text may carry spaces, dots, dashes or invisible characters."""

    def parse(value):
        if value is None:
            return None
        if value.__class__ is str and len(value) == length and value.isdigit() and value.isascii():
            return value  # typed as it should be: the common case of a large file
        note = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not float(value).is_integer() or value < 0:
                raise CellError(_("%(label)s harus terdiri dari %(n)s digit angka (tertulis '%(value)s')") % {"label": label, "n": length, "value": value})
            as_text = str(int(value))
            if len(as_text) < length:
                note = _("%(label)s tersimpan sebagai angka di Excel; angka 0 di depan ditambahkan") % {"label": label}
            value = as_text.zfill(length)
        else:
            value = normalise_text(str(value))
            if re.fullmatch(r"\d+(?:[.,]\d+)?[eE]\+?\d+", value):
                raise CellError(
                    _("%(label)s tertulis dalam format ilmiah (%(value)s): digit terakhirnya sudah hilang di Excel. "
                      "Format kolom %(label)s sebagai Teks, lalu ketik ulang nomornya") % {"label": label, "value": value}
                )
            value = NIB_SEPARATORS.sub("", value)
        if not re.fullmatch(r"[0-9]{%d}" % length, value):
            raise CellError(_("%(label)s harus terdiri dari %(n)s digit angka (tertulis '%(value)s')") % {"label": label, "n": length, "value": value[:30]})
        return Noted(value, note) if note else value

    parse.kind = "code"
    return parse


nib = digits_id(13, "NIB")
