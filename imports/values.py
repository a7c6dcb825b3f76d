"""Turning one cell (text from CSV, typed value from Excel) into a Python value, or a reason it can't be.

Parsers return None for an empty cell: an empty cell means "keep what is stored", never "erase".
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core import formatting

NOT_ALNUM = re.compile(r"[^0-9a-z]+")


class CellError(ValueError):
    pass


def normalize(text):
    """Lower-case, accents and punctuation folded to spaces: the form names are compared in."""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(NOT_ALNUM.sub(" ", text.lower()).split())


def text(max_length):
    def parse(value):
        if value is None:
            return None
        if value.__class__ is not str:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            value = str(value).strip()
        if len(value) > max_length:
            raise CellError(_("terlalu panjang (%(n)s karakter, paling banyak %(max)s)") % {"n": len(value), "max": max_length})
        return value or None

    return parse


def _number_text(value):
    """Read '1.250.000', '1.250.000,50', '1250000', 'Rp 1.250.000' and '3,5' the Indonesian way."""
    cleaned = re.sub(r"(?i)^rp\.?", "", value.replace(" ", "").replace("\u00a0", ""))
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", cleaned):
        cleaned = cleaned.replace(".", "")
    return Decimal(cleaned)


def _as_decimal(value):
    if isinstance(value, bool):
        raise CellError(_("harus berupa angka"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return _number_text(str(value))
    except (InvalidOperation, ValueError):
        raise CellError(_("'%(value)s' bukan angka") % {"value": str(value)[:30]}) from None


def id_number(value):
    """Limits in messages: integers grouped as people read them in Indonesia, anything else as written."""
    return formatting.id_number(value) if isinstance(value, int) else str(value)


def _range_error(minimum, maximum):
    if maximum is None:
        return CellError(_("harus paling kecil %(min)s") % {"min": id_number(minimum)})
    return CellError(
        _("di luar rentang yang diizinkan (%(min)s sampai %(max)s)") % {"min": id_number(minimum), "max": id_number(maximum)}
    )


def integer(minimum=0, maximum=None):
    def parse(value):
        if value is None:
            return None
        if value.__class__ is int:  # what Excel cells hold most of the time: skip the Decimal round trip
            number = value
        elif value.__class__ is float and value.is_integer():
            number = int(value)
        else:
            number = _as_decimal(value)
            if number != number.to_integral_value():
                raise CellError(_("harus bilangan bulat"))
            number = int(number)
        upper = maximum() if callable(maximum) else maximum
        if number < minimum or (upper is not None and number > upper):
            raise _range_error(minimum, upper)
        return number

    return parse


def decimal(places, minimum=None, maximum=None):
    quantum = Decimal(1).scaleb(-places)

    def parse(value):
        if value is None:
            return None
        number = _as_decimal(value).quantize(quantum)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            raise _range_error(minimum, maximum)
        return number

    return parse


def date(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text_value = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text_value, pattern).date()
        except ValueError:
            continue
    raise CellError(_("'%(value)s' bukan tanggal (tulis 31/12/2024 atau 2024-12-31)") % {"value": text_value[:30]})


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

    return parse


def nib(value):
    if value is None:
        return None
    if isinstance(value, (int, float)):
        value = f"{int(value):013d}" if float(value).is_integer() and value >= 0 else str(value)
    value = re.sub(r"[\s.\-]", "", str(value))
    if not re.fullmatch(r"[0-9]{13}", value):
        raise CellError(_("NIB harus terdiri dari 13 digit angka (tertulis '%(value)s')") % {"value": value[:30]})
    return value
