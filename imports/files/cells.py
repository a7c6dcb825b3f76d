"""Cells as every reader hands them on: text normalised (core.text), placeholders and empty text as None.

Called for every cell of a 100,000-row file, so the common case (plain ASCII text, numbers) costs one check.
A NUL byte means binary data and refuses the file; a text starting with '=' is a formula without its value
(typed into a CSV, or pasted as text): the cell is emptied and remembered so its row is held back with a
message, never the whole file.
"""

from django.utils.translation import gettext as _

from core.formatting import id_number
from core.text import normalise_text

from ..conf import limit
from .errors import FileRefused

# openpyxl and calamine keep going over formatted but empty rows; this many in a row ends the data.
MAX_EMPTY_RUN = 1000
# What offices write in a cell to say "nothing": read as an empty cell (which never erases a stored value).
PLACEHOLDERS = frozenset({"-", "--", "---", "\u2013", "\u2014", "'-"})
FLAGGED_START = frozenset(" =")


def column_letter(index):
    """0 -> 'A', 27 -> 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(index, number):
    return f"{column_letter(index)}{number}"


def _clean_text(value, index, number, formulas):
    if "\x00" in value:
        raise FileRefused(_("Berkas ditolak: sel %(where)s berisi karakter NUL (data biner).") % {"where": cell_name(index, number)})
    value = normalise_text(value, multiline=True)
    if not value or value in PLACEHOLDERS:
        return None
    if value[0] == "=":
        formulas.setdefault(number, []).append((index, value[:60]))
        return None
    return value


def clean_rows(rows, text_formulas, data_from=1):
    """(number, raw cells) -> (number, cleaned cells) for every row that holds something.

    `text_formulas` collects {row number: [(column index, text)]} of texts that look like formulas. Refuses the
    file once more than IMPORT_MAX_ROWS rows hold something from row `data_from` (the first data row) on."""
    max_rows = limit("IMPORT_MAX_ROWS")
    data_rows = 0
    empty_run = 0
    for number, row in rows:
        # Plain printable ASCII with no edge spaces, no double space and no leading '=' is already clean: one
        # expression per cell (C-level string methods) instead of a call.
        cells = [
            (value if value.isascii() and value.isprintable() and value[0] not in FLAGGED_START and value[-1] != " "
             and "  " not in value and value not in PLACEHOLDERS else _clean_text(value, index, number, text_formulas))
            if value.__class__ is str and value else (None if value == "" else value)
            for index, value in enumerate(row)
        ]
        if all(cell is None for cell in cells):
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                return
            continue
        empty_run = 0
        if number < data_from:
            yield number, cells
            continue
        data_rows += 1
        if data_rows > max_rows:
            raise FileRefused(
                _("Berkas berisi lebih dari %(max)s baris data; batasnya %(max)s. Pecah berkas menjadi beberapa bagian.")
                % {"max": id_number(max_rows)}
            )
        yield number, cells
