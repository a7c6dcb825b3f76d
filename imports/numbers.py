"""Numbers written by people: "Rp 1.250.000,-", "1,500,000.50", "2,5 juta", "0.750", "12 orang".

A number typed as text can use the Indonesian convention (1.500.000,50: dot groups thousands, comma marks
decimals) or the English one (1,500,000.50). Most texts say which by themselves ("1.500.000", "3,5",
"12,500,000"); some do not ("1,500" or "0.750": one separator followed by exactly three digits). Those are
never guessed: `read_number` returns an `Ambiguous` with both readings, the column's other cells decide
(see ColumnConvention), and what stays undecided is held back for the user to choose in the preview.
Numbers Excel stores as numbers have no such question and take the fast path.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

ID, EN = "id", "en"
CURRENCY = re.compile(r"(?i)^(?:rp\.?|idr)\s*|\s*(?:rp\.?|idr|rupiah)$")
# ",-" / ".-" / ",00" endings of Rupiah amounts ("150.000,-"); "-" alone is a placeholder, handled earlier.
DASH_END = re.compile(r"[.,]\s*[-\u2013\u2014]+$")
MULTIPLIERS = {
    "ribu": 1000, "rb": 1000, "k": 1000,
    "juta": 10**6, "jt": 10**6,
    "miliar": 10**9, "milyar": 10**9, "m": 10**9,
    "triliun": 10**12, "t": 10**12,
}
NUMBER_AND_WORD = re.compile(r"^([-+]?[\d.,\s\u00a0\u202f\u2009']*\d)\s*([^\d\s].*)?$")
GROUPED_SPACES = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?$")
SCIENTIFIC = re.compile(r"^[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+$")
THOUSANDS = {ID: ".", EN: ","}
DECIMAL = {ID: ",", EN: "."}


class NumberError(ValueError):
    pass


class Ambiguous:
    """A text with two readings: `grouped` (the separator groups thousands) and `decimal` (it marks decimals)."""

    __slots__ = ("text", "grouped", "decimal", "separator")

    def __init__(self, text, grouped, decimal, separator):
        self.text, self.grouped, self.decimal, self.separator = text, grouped, decimal, separator

    def reading(self, convention):
        """The value under a column convention: the '.' groups thousands in Indonesian, marks decimals in English."""
        groups = THOUSANDS[convention] == self.separator
        return self.grouped if groups else self.decimal

    def __repr__(self):
        return f"Ambiguous({self.text!r}: {self.grouped} or {self.decimal})"


def _plain(text, convention):
    """Digits with one convention's separators -> Decimal; refuses malformed grouping."""
    thousands, decimal = THOUSANDS[convention], DECIMAL[convention]
    whole, _sep, fraction = text.partition(decimal)
    if thousands in fraction or decimal in fraction:
        raise NumberError
    if thousands in whole:
        groups = whole.lstrip("+-").split(thousands)
        if not (1 <= len(groups[0]) <= 3) or any(len(group) != 3 for group in groups[1:]):
            raise NumberError
        whole = whole.replace(thousands, "")
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def _digits(text):
    """Read the digit part: (value or Ambiguous, convention it proves or None)."""
    if GROUPED_SPACES.match(text):  # "1 500 000" / "1'500'000" (spaces or apostrophes group thousands)
        text = re.sub(r"[ \u00a0\u202f\u2009']", "", text)
    elif re.search(r"[ \u00a0\u202f\u2009']", text):
        raise NumberError
    dots, commas = text.count("."), text.count(",")
    if not dots and not commas:
        return Decimal(text), None
    if dots and commas:
        convention = ID if text.rfind(",") > text.rfind(".") else EN
        return _plain(text, convention), convention
    separator = "." if dots else ","
    count = dots or commas
    if count > 1:  # only thousands can repeat: "1.500.000" is Indonesian, "1,500,000" English
        convention = ID if separator == "." else EN
        return _plain(text, convention), convention
    whole, fraction = text.split(separator)
    if len(fraction) != 3 or not whole.lstrip("+-"):
        # "3,5", "12,50", "3.25", ",5": a decimal mark, so the separator tells the convention
        convention = ID if separator == "," else EN
        return _plain(text, convention), convention
    grouped = Decimal(whole + fraction)
    decimal = Decimal(f"{whole}.{fraction}")
    return Ambiguous(text, grouped, decimal, separator), None


def read_number(raw, *, money=False):
    """(Decimal or Ambiguous, convention proved or None, note or None) from a cell; raises NumberError.

    `money`: Rupiah columns also accept "Rp", ",-" endings and the words ribu/juta/miliar ("2,5 juta")."""
    text = raw.strip()
    note = None
    if SCIENTIFIC.match(text):
        raise NumberError(_("tertulis dalam format ilmiah (%(value)s): angkanya sudah terpotong di Excel") % {"value": text})
    if money:
        text = DASH_END.sub("", CURRENCY.sub("", text)).strip()
    match = NUMBER_AND_WORD.match(text)
    if not match:
        raise NumberError
    number_text, word = match.group(1).strip(), (match.group(2) or "").strip().lower().rstrip(".")
    factor = 1
    if word:
        if money and word in MULTIPLIERS:
            factor = MULTIPLIERS[word]
        elif money or len(word) > 12 or not re.fullmatch(r"[a-z][a-z0-9/ .²³]*", word):
            raise NumberError
        else:
            note = _("satuan '%(word)s' diabaikan") % {"word": word}
    value, convention = _digits(number_text)
    if factor != 1:
        if isinstance(value, Ambiguous):
            value = Ambiguous(value.text, value.grouped * factor, value.decimal * factor, value.separator)
        else:
            value *= factor
    return value, convention, note


class ColumnConvention:
    """Evidence gathered from a column's cells; `decide` says which convention its ambiguous cells follow."""

    __slots__ = ("votes", "chosen")

    def __init__(self, chosen=None):
        self.votes = {ID: 0, EN: 0}
        self.chosen = chosen  # the user's answer in the preview, if any

    def vote(self, convention):
        self.votes[convention] += 1

    def decide(self):
        if self.chosen in (ID, EN):
            return self.chosen
        if self.votes[ID] and not self.votes[EN]:
            return ID
        if self.votes[EN] and not self.votes[ID]:
            return EN
        return None


def to_decimal(value):
    """A float from Excel as the number the user typed (15 significant digits, no binary noise)."""
    try:
        return Decimal(format(value, ".15g"))
    except InvalidOperation:
        raise NumberError from None
